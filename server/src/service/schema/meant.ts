/** What a writer most likely meant by a value the format does not take. */
import { latinLookAlikes } from './lookAlikes.generated';

/**
 * Words after an amount that multiply it, as people write them: `40k`, `1.5m`, `2bn`; Vietnamese
 * `nghìn`, `tr`, `triệu`, `tỷ`; Russian `тыс.`, `млн`, `млрд`; Chinese 千, 万 (10⁴) and 亿 (10⁸).
 */
const multipliers: Record<string, number> = {
  k: 1e3, m: 1e6, mn: 1e6, b: 1e9, bn: 1e9,
  nghìn: 1e3, ngàn: 1e3, tr: 1e6, 'tr.': 1e6, triệu: 1e6, tỷ: 1e9, tỉ: 1e9,
  тыс: 1e3, 'тыс.': 1e3, млн: 1e6, 'млн.': 1e6, млрд: 1e9, 'млрд.': 1e9,
  千: 1e3, 万: 1e4, 亿: 1e8,
};

/** Words for a currency written after an amount (`3,000万元`, `1,2 tỷ đồng`, `500 руб.`): they say nothing of its size. */
const currencyWords = ['元', 'đồng', 'đ', 'руб.', 'руб'];

const dollars = ['USD', 'AUD', 'CAD', 'HKD', 'NZD', 'SGD', 'TWD', 'MXN'];

/** The ISO 4217 codes a currency word or symbol may stand for; a symbol not listed stands for none that is known. */
const currencyCodes: Record<string, readonly string[]> = {
  元: ['CNY'], đồng: ['VND'], đ: ['VND'], '₫': ['VND'], 'руб.': ['RUB'], руб: ['RUB'], '₽': ['RUB'],
  '¥': ['CNY', 'JPY'], '￥': ['CNY', 'JPY'], $: dollars, '€': ['EUR'], '£': ['GBP'], '₩': ['KRW'], '₹': ['INR'],
};

/** What a text that stands for a number means. */
export interface NumberMeant {
  number: number;
  /**
   * Where the text names a currency (`50000 VND`, `₫50000`, `3 млн руб.`): the ISO 4217 codes it
   * may stand for (`$` is one of several dollars), none for a symbol of no currency listed here.
   */
  currencies?: readonly string[];
}

/** The codes a currency mark written with an amount may stand for: an ISO code itself, else those of its word or symbol. */
function codesOf(mark: string): readonly string[] {
  return /^[A-Z]{3}$/.test(mark) ? [mark] : (currencyCodes[mark] ?? []);
}

/** The longest text read as a number meant: `"$ 1 000 000 000 000 000.0000 USD"` fits; no amount is written in more. */
const maxNumberText = 64;

const isDigit = (character: string) => character >= '0' && character <= '9';
const isSpace = (character: string) => character === ' ' || character === '\u00a0' || character === '\u202f' || character === '\t';
const isSeparator = (character: string) => character === ',' || character === '.' || character === '_' || isSpace(character);
const isCapital = (character: string | undefined) => character !== undefined && character >= 'A' && character <= 'Z';
const isCurrencySymbol = (character: string | undefined) => character !== undefined && /^\p{Sc}$/u.test(character);
const isDigitOrHan = (character: string) => /^[\d\p{Script=Han}]$/u.test(character);

/**
 * The number a text stands for, when it is clearly one: `"50,000"`, `50_000`, `"40k"`, `"1.5m"`,
 * `"12 000"`, `"$40k"`, `"300.000.000"`, `"1.234,5"`, `"80万"`, `"1,2 tỷ"`, `"3 млн"`. Undefined
 * for anything else, and where the separators leave it unclear (`"1.500"` is 1.5 in one country
 * and 1500 in another).
 */
export function numberMeant(text: string): NumberMeant | undefined {
  return text.length > maxNumberText ? undefined : writtenNumber(text);
}

/**
 * `numberMeant` without its length cap: one pass over the text, then over the digit groups it
 * found, so that no text, however long, costs more than its length.
 */
export function writtenNumber(text: string): NumberMeant | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  // A currency symbol or an ISO 4217 code before the amount says nothing of its size, only of its currency.
  const marks: string[] = [];
  if (isCurrencySymbol(text[start])) marks.push(text[start++]);
  else if (isCapital(text[start]) && isCapital(text[start + 1]) && isCapital(text[start + 2]) && (isSpace(text[start + 3] ?? '') || isDigit(text[start + 3] ?? ''))) {
    marks.push(text.slice(start, start + 3));
    start += 3;
  }
  while (start < end && isSpace(text[start])) start++;
  let index = start;
  const sign = text[index] === '-' || text[index] === '+' ? text[index++] : '';
  // Runs of digits, each pair joined by exactly one separator.
  const groups: string[] = [];
  const separators: string[] = [];
  while (index < end) {
    const from = index;
    while (index < end && isDigit(text[index])) index++;
    if (index === from) return undefined;
    groups.push(text.slice(from, index));
    if (index + 1 < end && isSeparator(text[index]) && isDigit(text[index + 1])) separators.push(text[index++]);
    else break;
  }
  if (groups.length === 0) return undefined;
  const multiplier = multiplierOf(text.slice(index, end), marks);
  const plain = multiplier === undefined ? undefined : plainNumber(groups, separators);
  if (plain === undefined) return undefined;
  const value = Number(sign + plain) * multiplier!;
  if (!Number.isFinite(value)) return undefined;
  const number = Math.round(value * 10_000) / 10_000;
  if (marks.length === 0) return { number };
  // A mark before and one after (`$50 USD`) name the currencies both may stand for.
  const [first, ...others] = marks.map(codesOf);
  return { number, currencies: first.filter((code) => others.every((codes) => codes.includes(code))) };
}

/**
 * What the words after the digits multiply them by: 1 for none, or for a currency alone;
 * undefined for other words. A currency mark among them is added to `marks`.
 */
function multiplierOf(words: string, marks: string[]): number | undefined {
  let rest = words.trim().normalize('NFC');
  const last = rest[rest.length - 1];
  // A currency word in letters ends a word of its own (`đồng`, not the end of `tỷđ`); 元 follows 万 or 亿 directly.
  const currencyWord = currencyWords.find((word) => rest.endsWith(word) && (word === '元' || !/\p{L}/u.test(rest[rest.length - word.length - 1] ?? '')));
  let mark: string | undefined;
  if (isCurrencySymbol(last)) mark = last;
  else if (rest.length >= 3 && [...rest.slice(-3)].every(isCapital) && (rest.length === 3 || isSpace(rest[rest.length - 4]) || isDigitOrHan(rest[rest.length - 4]))) mark = rest.slice(-3);
  else mark = currencyWord;
  if (mark !== undefined) {
    marks.push(mark);
    rest = rest.slice(0, -mark.length);
  }
  rest = rest.trim();
  return rest === '' ? 1 : multipliers[rest.toLowerCase()];
}

/**
 * The digits of groups joined by separators, as a number's text, where the grouping is certain:
 * thousands in groups of three after the first (`,`, a space, or `.` between at least three
 * groups), underscores anywhere, and a decimal mark that is the last separator where it differs
 * from the thousands one (`1.500,5`, `12,500.50`, `1 500,5`) or, alone, is followed by other than
 * three digits (`1.5`, `1,25`). One `.` before three digits is left unread: 1.5 in one country,
 * 1500 in another.
 */
function plainNumber(groups: readonly string[], separators: readonly string[]): string | undefined {
  if (separators.length === 0) return groups[0];
  if (separators.every((separator) => separator === '_')) return groups.join('');
  const last = separators[separators.length - 1];
  const decimalMark = last === '.' || last === ',';
  if (separators.length === 1) {
    const digits = groups[1];
    if (decimalMark && digits.length !== 3) return `${groups[0]}.${digits}`;
    // A comma before three digits groups thousands, as in `50,000`; a point there is ambiguous.
    return last !== '.' && digits.length === 3 && groups[0].length <= 3 ? groups.join('') : undefined;
  }
  const first = separators[0];
  const thousands = separators.every((separator) => separator === first || (isSpace(separator) && isSpace(first)));
  // The last separator is the decimal mark where it differs from the thousands separators before it.
  const decimal = !thousands && decimalMark && separators.slice(0, -1).every((separator) => separator !== last && (separator === first || (isSpace(separator) && isSpace(first))));
  if (!thousands && !decimal) return undefined;
  const whole = decimal ? groups.slice(0, -1) : groups;
  if (whole[0].length > 3 || whole.slice(1).some((group) => group.length !== 3)) return undefined;
  return decimal ? `${whole.join('')}.${groups[groups.length - 1]}` : whole.join('');
}

/** The `YYYY-MM-DD` date at the start of a date-time such as `2027-03-01T09:00:00Z`. */
export function dateOfDateTime(text: string): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})[Tt ]\d/.exec(text)?.[1];
}

/**
 * The scripts an id's character is named by when it is not Latin. A character of one of them that
 * Unicode's confusables data (UTS #39) maps to a Latin letter looks like that letter: an id typed
 * with it looks right and matches nothing.
 */
export const idScripts: ReadonlyArray<[string, RegExp]> = [
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
  const script = idScripts.find(([, pattern]) => pattern.test(character))?.[0];
  const latin = latinLookAlikes[character];
  if (script && latin) return { kind: 'lookAlike', character, script, latin };
  if (script) return { kind: 'script', character, script };
  if (/\p{Script=Latin}/u.test(character)) return { kind: 'diacritic', character };
  return { kind: 'other', character };
}

/** The id with every look-alike letter written as the Latin one it looks like. */
export function withLatinLookAlikes(id: string): string {
  return Array.from(id, (character) => latinLookAlikes[character] ?? character).join('');
}
