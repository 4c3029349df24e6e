import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface Located {
  /** The pair that holds the value, when the last segment is a map key. */
  pair?: Pair<unknown, unknown>;
  /** The value node; undefined for `key:` with nothing after it in some forms. */
  node?: Node;
}

function resolve(document: Document, node: unknown): Node | undefined {
  if (isAlias(node)) return resolve(document, node.resolve(document));
  return node && typeof node === 'object' ? (node as Node) : undefined;
}

/** Whether two data paths name the same place. */
export function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((segment, index) => segment === b[index]);
}

/** Whether a data path lies at or under `prefix`. */
export function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

export function keyText(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return key.value === null ? '' : isMergeKey(pair) ? '<<' : String(key.value);
  return undefined;
}

/** A merge key, `<<: *base`, whose value's keys the map takes where it does not set them itself. */
export function isMergeKey(pair: Pair<unknown, unknown>): boolean {
  return isScalar(pair.key) && (typeof pair.key.value === 'symbol' || (pair.key as { source?: string }).source === '<<');
}

/** Follows a data path through the YAML tree; undefined when the path does not exist in the text. */
export function locate(document: Document, path: Path): Located | undefined {
  return locateFrom(document, document.contents, path);
}

/** Follows a data path from a node of the tree: for many paths under one list, the list is found once. */
export function locateFrom(document: Document, start: unknown, path: Path): Located | undefined {
  let node = resolve(document, start);
  let pair: Pair<unknown, unknown> | undefined;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      pair = undefined;
      node = resolve(document, node.items[segment]);
      if (!node) return undefined;
    } else {
      if (!isMap(node)) return undefined;
      // The last pair with the key wins, as in the data the rules read.
      let found: Pair<unknown, unknown> | undefined;
      let merge: Pair<unknown, unknown> | undefined;
      for (const item of node.items) {
        if (!isPair(item)) continue;
        if (isMergeKey(item)) merge ??= item;
        else if (keyText(item) === segment) found = item;
      }
      // A key the map takes from a merge is reported on the `<<` that brought it.
      if (!found && merge) return { pair: merge, node: merge.key as Node };
      if (!found) return undefined;
      pair = found;
      node = resolve(document, found.value);
    }
  }
  return { pair, node };
}

/** Source offsets [start, end) of a node, without trailing comments or blank lines. */
export function nodeOffsets(node: Node): [number, number] | undefined {
  const range = node.range;
  return range ? [range[0], range[1]] : undefined;
}
