import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

/**
 * Visits every node of a document, depth first, without recursion: a hostile file may nest
 * deeper than the call stack. Returning `true` from the visitor stops the walk.
 */
export function forEachNode(document: Document, visitor: (node: Node, depth: number) => boolean | void): void {
  // Two parallel stacks rather than one of small objects: a large plan has tens of thousands of nodes.
  const nodes: unknown[] = [document.contents];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (isPair(node)) {
      nodes.push(node.value, node.key);
      depths.push(depth, depth);
      continue;
    }
    if (visitor(node as Node, depth) === true) return;
    if (isCollection(node)) {
      for (let index = node.items.length - 1; index >= 0; index--) {
        nodes.push(node.items[index]);
        depths.push(depth + 1);
      }
    }
  }
}

/** What one walk of a tree tells: how deeply it nests, and whether it uses anchors, aliases or tags. */
export function treeFacts(document: Document): { depth: number; anchorsOrTags: boolean } {
  let depth = 0;
  let anchorsOrTags = false;
  forEachNode(document, (node, level) => {
    if (level > depth) depth = level;
    if (!anchorsOrTags) anchorsOrTags = isAlias(node) || !!(node as { anchor?: string }).anchor || !!(node as { tag?: string }).tag;
  });
  return { depth, anchorsOrTags };
}

/** How deeply collections nest in a document. */
export function nestingDepth(document: Document): number {
  return treeFacts(document).depth;
}

/** What `plainData` returns for a tree it does not read exactly as `toJS` would. */
export const notPlain: unique symbol = Symbol('not plain');

/**
 * The plain data of a tree that holds only maps, lists and scalars with plain keys, built in one
 * walk with none of `toJS`'s bookkeeping (anchors, aliases, merges, custom tags); `notPlain` for
 * anything else (or nesting deeper than `depthLeft`), which `toJS` then reads, or refuses.
 */
export function plainData(node: unknown, depthLeft = Infinity): unknown {
  if (node === null || node === undefined) return null;
  // Anchors, aliases and tags tie parts of the tree together or change what a value is.
  if ((node as { anchor?: string }).anchor || (node as { tag?: string }).tag) return notPlain;
  if (isScalar(node)) return node.value;
  if (depthLeft <= 0) return notPlain;
  if (isSeq(node)) {
    const list = new Array<unknown>(node.items.length);
    for (let index = 0; index < node.items.length; index++) {
      const item = plainData(node.items[index], depthLeft - 1);
      if (item === notPlain) return notPlain;
      list[index] = item;
    }
    return list;
  }
  if (isMap(node)) {
    const map: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) return notPlain;
      const key = pair.key.value;
      // A merge key (its value a symbol) mixes other maps in, which only `toJS` does.
      if (typeof key === 'symbol' || (typeof key === 'object' && key !== null)) return notPlain;
      // As `toJS` names keys: an empty key is "", any other scalar its text.
      const name = key === null || key === undefined ? '' : String(key);
      if (name === '<<') return notPlain;
      const value = plainData(pair.value, depthLeft - 1);
      if (value === notPlain) return notPlain;
      // Defined, not assigned: `__proto__` is a key like any other, as `toJS` reads it.
      if (name === '__proto__') Object.defineProperty(map, name, { value, enumerable: true, writable: true, configurable: true });
      else map[name] = value;
    }
    return map;
  }
  return notPlain;
}
