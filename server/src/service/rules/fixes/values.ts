import { stringify } from 'yaml';
import { plainInsertion, type Insertion } from './edits';

/**
 * A scalar as YAML writes it on one line, in a block or a flow collection alike: plain where
 * it can be, quoted where it must be (`"2027"`, `"a: b"`, `"@anna"`, `"a, b"`).
 */
export function scalarText(value: string | number): string {
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  if (typeof value !== 'string') return text;
  // The library writes for a block value: a plain `a, b` or `a]` would end early inside `{...}`
  // or `[...]`, and a text of several lines would become a block scalar.
  const plainButFlowBreaking = text === value && /[,[\]{}]/.test(value);
  return plainButFlowBreaking || text.includes('\n') ? stringify(value, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE' }).trimEnd() : text;
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
