/** What a writer most likely meant by a value the format does not take. */

const shorthand: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9 };

/** The longest text read as a number meant: `"$ 1 000 000 000 000 000.0000 USD"` fits. */
const maxNumberText = 64;

/**
 * The number a text stands for, when it is clearly one: `"50,000"`, `50_000`, `"40k"`,
 * `"1.5m"`, `"12 000"`, `"$40k"`. Undefined for anything else, and where the separators
 * leave it unclear (`"1.500"` is 1.5 in one country and 1500 in another).
 */
export function numberMeant(text: string): number | undefined {
  // No amount is written in more characters; a longer text would only cost the patterns below time.
  if (text.length > maxNumberText) return undefined;
  // A currency symbol or an ISO 4217 code before or after the amount says nothing of its size.
  const bare = text
    .trim()
    .replace(/^(?:\p{Sc}|[A-Z]{3}(?=[\s\d]))\s*/u, '')
    .replace(/\s*(?:\p{Sc}|(?<=[\d\s])[A-Z]{3})$/u, '');
  const match = /^([+-]?\d[\d.,_\s\u00a0\u202f]*?)\s*([a-z]{0,2})$/i.exec(bare);
  if (!match) return undefined;
  const [, digits, suffix] = match;
  const multiplier = suffix === '' ? 1 : shorthand[suffix.toLowerCase()];
  if (multiplier === undefined) return undefined;
  let plain: string;
  // Thousands separators: groups of three digits after a comma, an underscore or a space.
  if (/^[+-]?\d{1,3}(?:[,_\s\u00a0\u202f]\d{3})+(?:\.\d+)?$/.test(digits)) plain = digits.replace(/[,_\s\u00a0\u202f]/g, '');
  // One point before exactly three digits is a decimal point in some countries and a thousands separator in others.
  else if (/^[+-]?\d+(?:\.\d{1,2}|\.\d{4,})?$/.test(digits)) plain = digits;
  else if (/^[+-]?\d+(?:_\d+)+$/.test(digits)) plain = digits.replace(/_/g, '');
  else return undefined;
  const value = Number(plain) * multiplier;
  return Number.isFinite(value) ? Math.round(value * 10_000) / 10_000 : undefined;
}

/** The `YYYY-MM-DD` date at the start of a date-time such as `2027-03-01T09:00:00Z`. */
export function dateOfDateTime(text: string): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})[Tt ]\d/.exec(text)?.[1];
}

/** Letters of other scripts that look like Latin ones: ids typed with them look right and match nothing. */
const lookAlikes: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w',
  α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};

const scripts: ReadonlyArray<[string, RegExp]> = [
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['greek', /\p{Script=Greek}/u],
  ['han', /\p{Script=Han}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['thai', /\p{Script=Thai}/u],
];

/** Why an id breaks `^[a-z0-9][a-z0-9-]*$`, by its first character that does. */
export type IdProblem =
  | { kind: 'empty' }
  | { kind: 'start'; character: string }
  | { kind: 'capital'; character: string }
  | { kind: 'lookAlike'; character: string; script: string; latin: string }
  | { kind: 'script'; character: string; script: string }
  | { kind: 'diacritic'; character: string }
  | { kind: 'other'; character: string };

export function idProblem(id: string): IdProblem | undefined {
  const characters = Array.from(id);
  if (characters.length === 0) return { kind: 'empty' };
  const index = characters.findIndex((character, position) => !(/[a-z0-9]/.test(character) || (character === '-' && position > 0)));
  if (index < 0) return undefined;
  const character = characters[index];
  if (character === '-') return { kind: 'start', character };
  if (/[A-Z]/.test(character)) return { kind: 'capital', character };
  const script = scripts.find(([, pattern]) => pattern.test(character))?.[0];
  const latin = lookAlikes[character] ?? lookAlikes[character.toLowerCase()];
  if (script && latin) return { kind: 'lookAlike', character, script, latin };
  if (script) return { kind: 'script', character, script };
  if (/\p{Script=Latin}/u.test(character)) return { kind: 'diacritic', character };
  return { kind: 'other', character };
}

/** The id with every look-alike letter written as the Latin one it looks like. */
export function withLatinLookAlikes(id: string): string {
  return Array.from(id, (character) => lookAlikes[character] ?? character).join('');
}
