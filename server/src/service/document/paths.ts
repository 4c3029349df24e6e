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
  return follow(document, start, path, reportedEntry);
}

/** A step of a path into a map: the pair it reaches, or where the walk ends instead (`at`). */
type KeyStep = (map: unknown, key: string) => { pair: Pair<unknown, unknown>; at?: Located } | undefined;

/** Follows a data path, list items by index and map keys by `step`, aliases resolved on the way. */
function follow(document: Document, start: unknown, path: Path, step: KeyStep): Located | undefined {
  let node = resolve(document, start);
  let pair: Pair<unknown, unknown> | undefined;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!isSeq(node)) return undefined;
      pair = undefined;
      node = resolve(document, node.items[segment]);
      if (!node) return undefined;
    } else {
      const found = step(node, segment);
      if (!found) return undefined;
      if (found.at) return found.at;
      pair = found.pair;
      node = resolve(document, pair.value);
    }
  }
  return { pair, node };
}

/** The pair of a key where findings are reported: the last pair with the key, as in the data the rules read; for a key a merge brings, the `<<` that brought it, where the walk ends. */
const reportedEntry: KeyStep = (map, key) => {
  if (!isMap(map)) return undefined;
  let found: Pair<unknown, unknown> | undefined;
  let merge: Pair<unknown, unknown> | undefined;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isMergeKey(item)) merge ??= item;
    else if (keyText(item) === key) found = item;
  }
  if (found) return { pair: found };
  return merge && { pair: merge, at: { pair: merge, node: merge.key as Node } };
};

/** Where the value at a data path is written: the pair and node whose text holds it, merges and aliases followed. */
export interface Written {
  /** The pair that holds the value, in the map that writes the key: an anchored map, for a key a merge brings. */
  pair?: Pair<unknown, unknown>;
  node?: Node;
}

/**
 * The keys a map has in the data the rules read, each with the pair that writes it: its own
 * (the last pair with a key wins), then those its merges bring that it does not set, the first
 * merge and the first map of `<<: [*a, *b]` first, each map with its own merges.
 */
function entriesOf(document: Document, map: unknown, depth = 0): Map<string, Pair<unknown, unknown>> {
  const entries = new Map<string, Pair<unknown, unknown>>();
  if (!isMap(map) || depth > maxMergeDepth) return entries;
  const merges: Pair<unknown, unknown>[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isMergeKey(item)) merges.push(item);
    else if (keyText(item) !== undefined) entries.set(keyText(item)!, item);
  }
  for (const merge of merges) {
    const value = resolve(document, merge.value);
    for (const source of isSeq(value) ? value.items : [value]) {
      for (const [key, pair] of entriesOf(document, resolve(document, source), depth + 1)) if (!entries.has(key)) entries.set(key, pair);
    }
  }
  return entries;
}

/** Merges of merges deeper than this are not followed (an anchored map may merge itself). */
const maxMergeDepth = 20;

/** Follows a data path to the text that writes its value: through aliases to the anchored node, through `<<` to the map that sets the key. */
export function locateWritten(document: Document, path: Path): Written | undefined {
  return follow(document, document.contents, path, (map, key) => {
    const pair = entriesOf(document, map).get(key);
    return pair && { pair };
  });
}

/**
 * Every data path at which each node of a document is read, aliases and merges followed: a node
 * read at more than one path is shared, and an edit of its text changes each of them. Undefined
 * when the paths are more than `limit` (aliases of aliases multiply them).
 */
export function pathsByNode(document: Document, limit = 100_000): Map<Node, Path[]> | undefined {
  const paths = new Map<Node, Path[]>();
  let count = 0;
  const visit = (value: unknown, path: Path, depth: number): boolean => {
    const node = resolve(document, value);
    if (!node || depth > maxNesting) return true;
    if (++count > limit) return false;
    const seen = paths.get(node);
    if (seen) seen.push(path);
    else paths.set(node, [path]);
    if (isSeq(node)) return node.items.every((item, index) => visit(item, [...path, index], depth + 1));
    if (!isMap(node)) return true;
    for (const [key, pair] of entriesOf(document, node)) if (!visit(pair.value, [...path, key], depth + 1)) return false;
    return true;
  };
  return visit(document.contents, [], 0) ? paths : undefined;
}

/** Deeper than this, an alias is taken to lead back into itself. */
const maxNesting = 200;

/** Source offsets [start, end) of a node, without trailing comments or blank lines. */
export function nodeOffsets(node: Node): [number, number] | undefined {
  const range = node.range;
  return range ? [range[0], range[1]] : undefined;
}
