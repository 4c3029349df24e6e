import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { formatFor, locales, readMoneyValue, type LocaleFormat, type Locale, type MoneyDigits } from './format';

/**
 * Messages by id, rendered for a locale. A message is an ICU MessageFormat text with named
 * placeholders; each placeholder declares what it holds, and its value is written as the
 * locale's publications write it (format.ts) before it is put in (plural and select branches
 * are ICU's own).
 */

export { locales, type Locale };

/**
 * - `text`: words of the product's own; `quote`: text taken from the file (cut to 80 characters);
 * - `number`: a JavaScript number; `amount`: a decimal written as text, formatted exactly;
 *   `money`: an exact amount and its currency as `moneyValue` writes them (`"1200000000 VND"`),
 *   written as the locale writes money ("1,2 tỷ đồng"); `percent`: a share (0.24) as a percentage;
 * - `count`: a whole number that chooses a plural branch (`{days, plural, one {# day} other {# days}}`);
 * - `date`: a `YYYY-MM-DD` date; `list` and `alternatives`: texts joined with "and" or "or";
 *   `units`: quantities listed side by side ("1 error, 2 warnings"); `series`: texts side by side,
 *   such as the values a key allows ("a, b, c", "a、b、c");
 * - `choice`: a keyword that chooses a `select` branch; `compact`: a number shortened for a chart's axis ("1.2M"); `month`: a `YYYY-MM-DD` date as its month and year.
 */
export type PlaceholderType = 'text' | 'quote' | 'number' | 'percent' | 'amount' | 'money' | 'moneyInFull' | 'compact' | 'month' | 'count' | 'date' | 'list' | 'alternatives' | 'units' | 'series' | 'choice';

export interface MessageSpec {
  /** The English text, in ICU MessageFormat. */
  readonly text: string;
  readonly placeholders?: Readonly<Record<string, PlaceholderType>>;
}

/** A message to render later, in whatever locale the reader wants. */
export interface MessageRef {
  readonly id: string;
  readonly data?: MessageData;
}

/** A placeholder's value; a message in it is rendered first, in the same locale. */
export type MessageValue = string | number | MessageRef | ReadonlyArray<string | MessageRef>;
export type MessageData = Readonly<Record<string, MessageValue>>;
/** Data whose nested messages are already rendered. */
export type RenderedData = Readonly<Record<string, string | number | readonly string[]>>;

/** No message quotes more than this many characters of the file. */
export const maxQuotedLength = 80;

export function quote(text: string): string {
  const characters = Array.from(text);
  return characters.length > maxQuotedLength ? characters.slice(0, maxQuotedLength - 1).join('') + '…' : text;
}

/**
 * `mktplan.locale`, an editor's display language or a `LANG`-style tag as one of the locales:
 * `vi_VN.UTF-8` is `vi`, `zh-CN` and `zh-Hans` are `zh-cn`, `ru-RU` is `ru`; anything else is English.
 */
export function resolveLocale(requested: string | undefined): Locale {
  const tag = (requested ?? '').toLowerCase().replace(/_/g, '-').split(/[.@]/)[0];
  if (tag === 'zh' || tag.startsWith('zh-cn') || tag.startsWith('zh-hans') || tag.startsWith('zh-sg')) return 'zh-cn';
  return locales.find((locale) => tag === locale || tag.startsWith(locale + '-')) ?? 'en';
}

/** One value as a placeholder of its type puts it in a message: counts stay numbers, for ICU's plural branches. */
function placeholderValue(format: LocaleFormat, type: PlaceholderType, value: string | number | readonly string[]): string | number {
  const list = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
  switch (type) {
    case 'count':
      return Number(value);
    case 'number':
      return format.number(Number(value));
    case 'percent':
      return format.percent(Number(value));
    case 'compact':
      return format.compact(Number(value));
    case 'amount':
      return format.amount(String(value));
    case 'money':
    case 'moneyInFull': {
      const { exact, currency } = readMoneyValue(String(value));
      return format.money(exact, currency, type === 'moneyInFull' ? 'inFull' : 'asUsual');
    }
    case 'date':
    case 'month': {
      const text = String(value);
      const written = format[type](text);
      // Text that is no date is the file's, quoted as such.
      return written === text ? quote(text) : written;
    }
    case 'list':
      return format.list(list.map(quote), 'and');
    case 'alternatives':
      return format.list(list.map(quote), 'or');
    case 'units':
    case 'series':
      return format.list(list, 'series');
    case 'choice':
      return String(value);
    case 'quote':
      return quote(String(value));
    case 'text':
      return String(value);
  }
}

const compiled = new Map<string, IntlMessageFormat>();

/** One value formatted for a locale as a placeholder of its type would be. */
export function formatValue(locale: Locale, type: PlaceholderType, value: string | number | readonly string[]): string {
  return String(placeholderValue(formatFor(locale), type, value));
}

/** An exact amount (a decimal as text) with its ISO 4217 currency, as the locale writes money: see `LocaleFormat.money`. */
export function formatMoney(locale: Locale, exact: string, currency: string | undefined, digits: MoneyDigits = 'asUsual'): string {
  return formatFor(locale).money(exact, currency, digits);
}

/** Renders a message in a locale; `translated` is the locale's text for it, when it has one. */
export function renderMessage(locale: Locale, id: string, spec: MessageSpec, data: RenderedData = {}, translated?: string): string {
  const text = translated ?? spec.text;
  const key = `${locale}\u0000${id}\u0000${text}`;
  let format = compiled.get(key);
  if (!format) compiled.set(key, (format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true })));
  const local = formatFor(locale);
  const values: Record<string, string | number> = {};
  for (const [name, type] of Object.entries(spec.placeholders ?? {})) {
    const value = data[name];
    // A value left out renders as nothing rather than stopping the check; the catalogue's tests catch it.
    values[name] = value === undefined ? '' : placeholderValue(local, type, value);
  }
  return String(format.format(values));
}

/** The names a message's text uses as placeholders, for checking them against the declared ones. */
export function placeholdersUsed(text: string): Set<string> {
  const names = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      if ('value' in element && typeof element.value === 'string' && element.type !== 0 /* literal */) names.add(element.value);
      if ('options' in element) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(text, 'en', undefined, { ignoreTag: true }).getAst());
  return names;
}
