import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';

/**
 * Messages by id, rendered for a locale. A message is an ICU MessageFormat text with named
 * placeholders; each placeholder declares what it holds, and its value is formatted through
 * `Intl` for the locale before it is put in (plural and select branches are ICU's own).
 */

export const locales = ['en', 'vi', 'zh-cn', 'ru'] as const;
export type Locale = (typeof locales)[number];

/**
 * - `text`: words of the product's own; `quote`: text taken from the file (cut to 80 characters);
 * - `number`: a JavaScript number; `amount`: a decimal written as text, formatted exactly;
 *   `percent`: a share (0.24) written as a percentage;
 * - `count`: a whole number that chooses a plural branch (`{days, plural, one {# day} other {# days}}`);
 * - `date`: a `YYYY-MM-DD` date; `list` and `alternatives`: texts joined with "and" or "or";
 *   `units`: quantities listed side by side ("1 error, 2 warnings");
 * - `choice`: a keyword that chooses a `select` branch; `compact`: a number shortened for a chart's axis ("1.2M"); `month`: a `YYYY-MM-DD` date as its month and year.
 */
export type PlaceholderType = 'text' | 'quote' | 'number' | 'percent' | 'amount' | 'compact' | 'month' | 'count' | 'date' | 'list' | 'alternatives' | 'units' | 'choice';

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

function dayDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
}

/** The `Intl` formatters of one locale, made once. */
class Formatters {
  readonly number: Intl.NumberFormat;
  readonly amount: Intl.NumberFormat;
  readonly percent: Intl.NumberFormat;
  readonly compact: Intl.NumberFormat;
  readonly date: Intl.DateTimeFormat;
  readonly month: Intl.DateTimeFormat;
  readonly and: Intl.ListFormat;
  readonly or: Intl.ListFormat;
  readonly units: Intl.ListFormat;

  constructor(readonly locale: Locale) {
    this.number = new Intl.NumberFormat(locale);
    this.amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    this.percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    this.compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    this.date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    this.month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    this.and = new Intl.ListFormat(locale, { type: 'conjunction' });
    this.or = new Intl.ListFormat(locale, { type: 'disjunction' });
    // Quantities side by side: a narrow conjunction writes "1 error, 2 warnings" and "1个错误、2个警告".
    this.units = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' });
  }

  value(type: PlaceholderType, value: string | number | readonly string[]): string | number {
    const list = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
    switch (type) {
      case 'count':
        return Number(value);
      case 'number':
        return this.number.format(Number(value));
      case 'percent':
        return this.percent.format(Number(value));
      case 'compact':
        return this.compact.format(Number(value));
      case 'amount':
        // A numeric string keeps every digit: NumberFormat formats it exactly.
        return this.amount.format(String(value) as unknown as number);
      case 'date':
      case 'month': {
        const date = dayDate(String(value));
        return date ? this[type].format(date) : quote(String(value));
      }
      case 'list':
        return this.and.format(list.map(quote));
      case 'alternatives':
        return this.or.format(list.map(quote));
      case 'units':
        return this.units.format(list);
      case 'choice':
        return String(value);
      case 'quote':
        return quote(String(value));
      case 'text':
        return String(value);
    }
  }
}

const formatters = new Map<Locale, Formatters>();
const compiled = new Map<string, IntlMessageFormat>();

function formattersFor(locale: Locale): Formatters {
  let found = formatters.get(locale);
  if (!found) formatters.set(locale, (found = new Formatters(locale)));
  return found;
}

/** One value formatted for a locale as a placeholder of its type would be. */
export function formatValue(locale: Locale, type: PlaceholderType, value: string | number | readonly string[]): string {
  return String(formattersFor(locale).value(type, value));
}

const currencyFormats = new Map<string, Intl.NumberFormat | undefined>();

/**
 * An exact amount (a decimal as text) with its ISO 4217 currency, as the locale writes money
 * ("1.200.000.000 ₫", "¥5,000.00"); without a currency, or with a code `Intl` does not know,
 * the plain amount followed by the code as written.
 */
export function formatMoney(locale: Locale, exact: string, currency: string | undefined): string {
  const key = `${locale}\u0000${currency ?? ''}`;
  if (!currencyFormats.has(key)) {
    let format: Intl.NumberFormat | undefined;
    try {
      format = currency === undefined ? undefined : new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 4 });
    } catch {
      format = undefined;
    }
    currencyFormats.set(key, format);
  }
  const format = currencyFormats.get(key);
  if (format) return format.format(exact as unknown as number);
  const plain = formatValue(locale, 'amount', exact);
  return currency === undefined ? plain : `${plain} ${currency}`;
}

/** Renders a message in a locale; `translated` is the locale's text for it, when it has one. */
export function renderMessage(locale: Locale, id: string, spec: MessageSpec, data: RenderedData = {}, translated?: string): string {
  const text = translated ?? spec.text;
  const key = `${locale}\u0000${id}\u0000${text}`;
  let format = compiled.get(key);
  if (!format) compiled.set(key, (format = new IntlMessageFormat(text, locale, undefined, { ignoreTag: true })));
  const local = formattersFor(locale);
  const values: Record<string, string | number> = {};
  for (const [name, type] of Object.entries(spec.placeholders ?? {})) {
    const value = data[name];
    // A value left out renders as nothing rather than stopping the check; the catalogue's tests catch it.
    values[name] = value === undefined ? '' : local.value(type, value);
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
