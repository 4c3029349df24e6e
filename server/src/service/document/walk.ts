import { isAlias, isCollection, isPair, type Document, type Node } from 'yaml';

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
