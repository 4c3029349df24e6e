import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { keyText, type Path } from './paths';

export interface CursorTarget {
  /** Data path of the key or value under the cursor. */
  path: Path;
  on: 'key' | 'value';
  node?: Node;
  pair?: Pair<unknown, unknown>;
}

function contains(node: unknown, offset: number): boolean {
  const range = (node as Node | null)?.range;
  return !!range && offset >= range[0] && offset <= range[1];
}

/**
 * The deepest key or value whose text holds the offset (its end included, so that the
 * cursor right after a word still counts as on it).
 */
export function targetAt(document: Document, offset: number): CursorTarget | undefined {
  let node: unknown = document.contents;
  const path: Array<string | number> = [];
  let target: CursorTarget | undefined;
  for (let depth = 0; depth < 10_000 && node; depth++) {
    if (isAlias(node)) return target;
    if (isMap(node)) {
      // A block value's range runs up to the next key: a key under the cursor wins over the value before it.
      const pairs = node.items.filter((item): item is Pair<unknown, unknown> => isPair(item));
      const pair = pairs.find((item) => contains(item.key, offset)) ?? pairs.findLast((item) => contains(item.value, offset));
      if (!pair) return target;
      const key = keyText(pair);
      if (key === undefined) return target;
      if (contains(pair.key, offset)) return { path: [...path, key], on: 'key', node: pair.key as Node, pair };
      path.push(key);
      target = { path: [...path], on: 'value', node: pair.value as Node, pair };
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findLastIndex((item) => contains(item, offset));
      if (index < 0) return target;
      path.push(index);
      target = { path: [...path], on: 'value', node: node.items[index] as Node };
      node = node.items[index];
    } else {
      return isScalar(node) ? target : undefined;
    }
  }
  return target;
}
