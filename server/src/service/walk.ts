import { isAlias, isCollection, isPair, type Document, type Node } from 'yaml';

/**
 * Visits every node of a document, depth first, without recursion: a hostile file may nest
 * deeper than the call stack. Returning `true` from the visitor stops the walk.
 */
export function forEachNode(document: Document, visitor: (node: Node, depth: number) => boolean | void): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: document.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (isPair(node)) {
      stack.push({ node: node.value, depth }, { node: node.key, depth });
      continue;
    }
    if (visitor(node as Node, depth) === true) return;
    if (isCollection(node)) {
      for (let index = node.items.length - 1; index >= 0; index--) stack.push({ node: node.items[index], depth: depth + 1 });
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
