import { isMap, isPair, isScalar, type Node } from 'yaml';
import { locate, nodeOffsets, type Path } from './paths';
import type { ParsedDocument } from './parse';
import type { Range } from '../types';

/** Where in a document a finding sits, described by the data path it is about rather than by offsets, which change with every edit. */
export type Place =
  /** The key of the entry at `path`; for a list item its id value or first key; for `[]` the file's first key. */
  | { on: 'key'; path: Path }
  /** The value at `path` as written (the key when the value is empty). */
  | { on: 'value'; path: Path }
  | { on: 'offsets'; offsets: [number, number] };

export const key = (path: Path): Place => ({ on: 'key', path });
export const value = (path: Path): Place => ({ on: 'value', path });

function firstKeyOffsets(node: Node | undefined): [number, number] | undefined {
  if (!isMap(node)) return undefined;
  const first = node.items.find(isPair);
  return first && isScalar(first.key) ? nodeOffsets(first.key) : undefined;
}

/** A list item is pointed at by its `id` value, or its first key, or itself. */
function itemOffsets(parsed: ParsedDocument, path: Path): [number, number] | undefined {
  const item = locate(parsed.yaml, path)?.node;
  if (!item) return undefined;
  const id = locate(parsed.yaml, [...path, 'id'])?.node;
  return (id && nodeOffsets(id)) ?? firstKeyOffsets(item) ?? nodeOffsets(item);
}

function keyOffsets(parsed: ParsedDocument, path: Path): [number, number] | undefined {
  if (path.length === 0) return firstKeyOffsets(parsed.yaml.contents ?? undefined) ?? [0, 0];
  if (typeof path[path.length - 1] === 'number') return itemOffsets(parsed, path);
  const pair = locate(parsed.yaml, path)?.pair;
  return pair && isScalar(pair.key) ? nodeOffsets(pair.key) : undefined;
}

function valueOffsets(parsed: ParsedDocument, path: Path): [number, number] | undefined {
  const located = locate(parsed.yaml, path);
  const offsets = located?.node ? nodeOffsets(located.node) : undefined;
  if (offsets && offsets[1] > offsets[0]) return offsets;
  return keyOffsets(parsed, path) ?? offsets;
}

/** Source offsets of a place; falls back to the start of the file if the path is not in the text. */
export function placeOffsets(parsed: ParsedDocument, place: Place): [number, number] {
  switch (place.on) {
    case 'offsets':
      return place.offsets;
    case 'key':
      return keyOffsets(parsed, place.path) ?? [0, 0];
    case 'value':
      return valueOffsets(parsed, place.path) ?? [0, 0];
  }
}

/** The range of a place, in lines and characters. */
export function placeRange(parsed: ParsedDocument, place: Place): Range {
  const [start, end] = placeOffsets(parsed, place);
  return parsed.rangeOf(start, end);
}
