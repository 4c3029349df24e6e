import type { Path } from './paths';

/** The plain JavaScript data of a parsed document, and JSON pointers into it. */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pointerSegment(segment: string | number): string {
  if (typeof segment === 'number') return '/' + segment;
  return '/' + (segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment);
}

/** The segments of a JSON pointer, unescaped. */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointerOf(path: Path): string {
  let pointer = '';
  for (const segment of path) pointer += pointerSegment(segment);
  return pointer;
}

/** The value at a path in plain data, whatever it is; undefined where the path leads nowhere. */
export function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
