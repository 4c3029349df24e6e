import { stringify } from 'yaml';
import { plainInsertion, type Insertion } from './edits';

/** A scalar as YAML writes it: plain where it can be, quoted where it must be (`"2027"`, `"a: b"`). */
export function scalarText(value: string | number): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

export const scalarInsertion = (value: string | number): Insertion => plainInsertion(scalarText(value));

/**
 * An id in ASCII from a name in any script (`khuyến-mãi` → `khuyen-mai`, `весна-2027` →
 * `vesna-2027`, `小红书` → `xiaohongshu`). The table of scripts is large: it is loaded only
 * when a fix asks for it.
 */
export async function asciiId(text: string): Promise<string> {
  const { default: anyAscii } = await import('any-ascii');
  return anyAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
