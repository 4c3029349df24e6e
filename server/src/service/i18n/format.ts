/**
 * Every value the product shows (numbers, exact amounts, money, shares, dates, months, ranges of
 * dates, lists, counts, a chart's axis figures) as a careful native publication in each language
 * writes it: Vietnamese `2/1/2028` and `1,2 tỷ đồng`, Chinese `2028年1月2日` and `3,000万元`,
 * Russian `2 января 2028 г.` and `1 200 000 ₽`, English `Jan 2, 2028` and `$20,000`. Messages,
 * hovers, inlay hints, completion, the preview and the report all write values through here, so
 * that one page never writes a value two ways. `Intl` only: the engine runs in a browser too.
 *
 * Decisions (docs/architecture.md, "Numbers, money and dates", says why):
 * - a negative number, amount, share or sum of money starts with the minus sign U+2212 in every
 *   locale, as the catalogue's own "−{change}" does, never with a hyphen;
 * - a share is written as `Intl` writes a percentage: `35%`, and in Russian `35 %` with a no-break
 *   space (GOST 8.417 and CLDR), the same wherever a share or a `%` unit is shown;
 * - large units (万, 亿, 万亿; triệu, tỷ) only for money, and only where the scaled figure is exact in
 *   at most two decimals in Chinese (`1.25亿元`) and one in Vietnamese (`1,2 tỷ đồng`, but
 *   `1.250.000 đồng`): otherwise every digit is written. Russian and English write money in full.
 */

export const locales = ['en', 'vi', 'zh-cn', 'ru'] as const;
export type Locale = (typeof locales)[number];

/** The minus sign of typography, U+2212. */
export const minusSign = '\u2212';
const noBreakSpace = '\u00a0';

/** The most fraction digits `Intl.NumberFormat` takes; an amount with more is written with its own. */
const intlFractionLimit = 20;

/** A decimal as text, split: digits only, no leading zeros in `integer` (`0` for none), no trailing zeros in `fraction`. */
interface Decimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

/** A decimal written as `-12.50`, `+3`, `.5` or `7.`; undefined for anything else (an exponent, a word). */
function parseDecimal(text: string): Decimal | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const integer = match[2].replace(/^0+/, '') || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  // Zero has no sign: "-0" is 0.
  return { negative: match[1] === '-' && (integer !== '0' || fraction !== ''), integer, fraction };
}

const decimalString = (decimal: Decimal): string => `${decimal.negative ? '-' : ''}${decimal.integer}${decimal.fraction ? `.${decimal.fraction}` : ''}`;

/** The decimal divided by 10^places, exactly: the point moved left. */
function shifted(decimal: Decimal, places: number): Decimal {
  const integer = decimal.integer.padStart(places + 1, '0');
  const cut = integer.length - places;
  return {
    negative: decimal.negative,
    integer: integer.slice(0, cut).replace(/^0+/, '') || '0',
    fraction: (integer.slice(cut) + decimal.fraction).replace(/0+$/, ''),
  };
}

/** A JavaScript number as a decimal with the digits its shortest text has (`0.1`, not `0.1000000000000000055`). */
function decimalOf(value: number): Decimal | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  if (!/e/i.test(text)) return parseDecimal(text);
  // 1e21 and 1e-7: the digits of the exponent form, the point moved.
  const [mantissa, exponentText] = text.toLowerCase().split('e');
  const base = parseDecimal(mantissa)!;
  const exponent = Number(exponentText);
  if (exponent < 0) return shifted(base, -exponent);
  const digits = base.fraction.padEnd(exponent, '0');
  return { negative: base.negative, integer: (base.integer + digits.slice(0, exponent)).replace(/^0+/, '') || '0', fraction: digits.slice(exponent).replace(/0+$/, '') };
}

/** How money is written: as the language usually writes it (in large units where it counts in them), or every digit. */
export type MoneyDigits = 'asUsual' | 'inFull';

/** Large units of a language's money, from the largest, with the most decimals a scaled figure may have. */
interface LargeUnits {
  units: ReadonlyArray<{ power: number; word: string }>;
  decimals: number;
}

/** How each language writes money and the values around it. */
interface LocaleStyle {
  /** The tag `Intl` is given. */
  intl: string;
  /** The currency the language's readers count in, written with a word of their own where `Intl`'s glyph is not theirs. */
  home?: { code: string; word?: string; wordSpace: string };
  largeUnits?: LargeUnits;
  /** Other currencies named by their word after the figure (`2.3万美元`, `12亿越南盾`), not by a glyph. */
  namesOtherCurrencies?: boolean;
  /** A chart's axis: `long` where the short compact names are not the language's (Vietnamese "1,2 T" for tỷ). */
  compactDisplay: 'short' | 'long';
  punctuation: Punctuation;
}

/** The marks that join pieces a text is assembled from: full-width after Chinese. */
export interface Punctuation {
  /** After a label: `:` or `：`. */
  readonly colon: string;
  /** What follows the colon before the value: a space, or nothing after a full-width mark. */
  readonly gap: string;
  /** Between items of a list that are not words of a sentence: `; ` or `；`. */
  readonly semicolon: string;
  /** A remark put after a text, in parentheses: ` (` … `)` or `（` … `）`. */
  readonly open: string;
  readonly close: string;
  /** Before a note added to a text: ` — ` or `——`. */
  readonly dash: string;
}

const western: Punctuation = { colon: ':', gap: ' ', semicolon: '; ', open: ' (', close: ')', dash: ' — ' };
const chinese: Punctuation = { colon: '：', gap: '', semicolon: '；', open: '（', close: '）', dash: '——' };

const styles: Record<Locale, LocaleStyle> = {
  en: { intl: 'en', home: { code: 'USD', wordSpace: '' }, compactDisplay: 'short', punctuation: western },
  vi: {
    intl: 'vi',
    // "1.250.000 đồng", never the ₫ glyph, which Vietnamese prose and invoices do not write.
    home: { code: 'VND', word: 'đồng', wordSpace: noBreakSpace },
    largeUnits: {
      units: [
        { power: 9, word: 'tỷ' },
        { power: 6, word: 'triệu' },
      ],
      decimals: 1,
    },
    compactDisplay: 'long',
    punctuation: western,
  },
  'zh-cn': {
    intl: 'zh-CN',
    // "5,000元": 元 after the figure, as prose, contracts and reports write it, not "¥5,000.00".
    home: { code: 'CNY', word: '元', wordSpace: '' },
    // Chinese prose names a foreign currency after the figure: 2.3万美元, not US$23,000.
    namesOtherCurrencies: true,
    largeUnits: {
      units: [
        { power: 12, word: '万亿' },
        { power: 8, word: '亿' },
        { power: 4, word: '万' },
      ],
      decimals: 2,
    },
    compactDisplay: 'short',
    punctuation: chinese,
  },
  ru: { intl: 'ru', home: { code: 'RUB', wordSpace: '' }, compactDisplay: 'short', punctuation: western },
};

/** A `YYYY-MM-DD` date as a UTC date; undefined for any other text or a day no calendar has. */
function dayDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]) ? date : undefined;
}

export type ListKind = 'and' | 'or' | 'series';

/** The forms of a counted word by plural category (`{ one: '# день', few: '# дня', many: '# дней', other: '# дня' }`); `#` is the count. */
export type CountForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };

/** One language's formats, made once. */
export class LocaleFormat {
  private readonly style: LocaleStyle;
  private readonly numberFormats = new Map<string, Intl.NumberFormat | undefined>();
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();
  private readonly lists = new Map<ListKind, Intl.ListFormat>();
  private readonly plurals: Intl.PluralRules;

  constructor(readonly locale: Locale) {
    this.style = styles[locale];
    this.plurals = new Intl.PluralRules(this.style.intl);
  }

  get punctuation(): Punctuation {
    return this.style.punctuation;
  }

  /** A number format by its options, made once; undefined where `Intl` refuses them (a malformed currency code). */
  private numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat | undefined {
    const key = JSON.stringify(options);
    if (!this.numberFormats.has(key)) {
      let format: Intl.NumberFormat | undefined;
      try {
        format = new Intl.NumberFormat(this.style.intl, options);
      } catch {
        format = undefined;
      }
      this.numberFormats.set(key, format);
    }
    return this.numberFormats.get(key);
  }

  private dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    const key = JSON.stringify(options);
    let format = this.dateFormats.get(key);
    if (!format) this.dateFormats.set(key, (format = new Intl.DateTimeFormat(this.style.intl, { ...options, timeZone: 'UTC' })));
    return format;
  }

  /**
   * A decimal through a number format, every digit kept: `Intl` formats a numeric string exactly,
   * up to 20 fraction digits; past that, the fraction is written with the amount's own digits.
   * The minus sign is U+2212.
   */
  private exact(decimal: Decimal, options: Intl.NumberFormatOptions = {}): string {
    const digits = decimal.fraction.length;
    const longer = digits > intlFractionLimit;
    const minimum = Math.min(options.minimumFractionDigits ?? 0, intlFractionLimit);
    const format = this.numberFormat({
      ...options,
      minimumFractionDigits: longer ? intlFractionLimit : minimum,
      maximumFractionDigits: Math.max(minimum, Math.min(digits, intlFractionLimit)),
    })!;
    const written = longer ? { ...decimal, fraction: decimal.fraction.slice(0, intlFractionLimit) } : decimal;
    return format
      .formatToParts(decimalString(written) as unknown as number)
      .map((part) => (part.type === 'minusSign' ? minusSign : part.type === 'fraction' && longer ? decimal.fraction : part.value))
      .join('');
  }

  /** A JavaScript number, with every digit of its shortest text: `1,234.5`, `−1 234,5`. */
  number(value: number): string {
    const decimal = decimalOf(value);
    return decimal ? this.exact(decimal) : String(value);
  }

  /** An exact amount written as decimal text (`"22500000000.3"`): every digit kept, grouped as the language groups them. */
  amount(exact: string): string {
    const decimal = parseDecimal(exact);
    return decimal ? this.exact(decimal) : exact;
  }

  /** The figure in the language's largest unit that writes it exactly in the decimals allowed (`1,2 tỷ`, `3,000万`); undefined where none does. */
  private inLargeUnits(decimal: Decimal): string | undefined {
    const large = this.style.largeUnits;
    if (!large) return undefined;
    for (const { power, word } of large.units) {
      if (decimal.integer.length <= power) continue;
      const scaled = shifted(decimal, power);
      if (scaled.fraction.length > large.decimals) continue;
      return `${this.exact(scaled)}${this.style.home?.wordSpace ?? ''}${word}`;
    }
    return undefined;
  }

  /**
   * An exact amount of money in an ISO 4217 currency as the language writes money:
   * `1,2 tỷ đồng`, `34 triệu đồng`, `1.250.000 đồng`; `3,000万元`, `1.2亿元`, `5,000元`;
   * `1 200 000 ₽`; `$20,000`, `$1,234.50`. Cents only where there are some. Another currency by
   * its `Intl` symbol or code, where the language puts it (`20.000 US$`, `US$20,000`); a code
   * `Intl` cannot take, as written after the amount. Without a currency, the amount alone,
   * in large units where the language counts money in them. A JavaScript number is taken with
   * the digits of its shortest text. `inFull` writes every digit, never large units: where
   * amounts are compared digit by digit (`mktplan diff`).
   */
  money(exact: string | number, currency?: string, digits: MoneyDigits = 'asUsual'): string {
    const decimal = typeof exact === 'number' ? decimalOf(exact) : parseDecimal(exact);
    if (!decimal) return currency ? `${exact}${noBreakSpace}${currency}` : String(exact);
    const code = currency?.trim().toUpperCase() || undefined;
    const inLargeUnits = (value: Decimal) => (digits === 'inFull' ? undefined : this.inLargeUnits(value));
    if (code === undefined) return inLargeUnits(decimal) ?? this.exact(decimal);
    const home = this.style.home;
    if (home?.word !== undefined && code === home.code) {
      // The language's own word after the figure: "1,2 tỷ đồng", "1.250.000 đồng", "3,000万元".
      const figure = inLargeUnits(decimal) ?? this.exact(decimal, this.centsFor(code, decimal));
      return `${figure}${home.wordSpace}${home.word}`;
    }
    const name = this.style.namesOtherCurrencies ? this.currencyName(code) : undefined;
    if (name !== undefined) return `${inLargeUnits(decimal) ?? this.exact(decimal, this.centsFor(code, decimal))}${name}`;
    const currencyStyle = { style: 'currency', currency: code, ...this.centsFor(code, decimal) } as const;
    // A code Intl refuses (not three letters) is written as given.
    return this.numberFormat(currencyStyle) ? this.exact(decimal, currencyStyle) : `${this.exact(decimal)}${noBreakSpace}${currency}`;
  }

  /** A currency's name in the language (美元 for USD), where `Intl` knows one; undefined for a code it does not know. */
  private currencyName(code: string): string | undefined {
    try {
      return new Intl.DisplayNames(this.style.intl, { type: 'currency', fallback: 'none' }).of(code);
    } catch {
      return undefined;
    }
  }

  /** Fraction digits for money: none for a whole amount, else at least the currency's own (cents: `$1,234.50`). */
  private centsFor(code: string, decimal: Decimal): { minimumFractionDigits: number } {
    if (decimal.fraction === '') return { minimumFractionDigits: 0 };
    const own = this.numberFormat({ style: 'currency', currency: code })?.resolvedOptions().maximumFractionDigits ?? 2;
    return { minimumFractionDigits: own };
  }

  /** A share (0.35) as a percentage, up to one decimal: `35%`, Russian `35 %`. */
  percent(share: number): string {
    if (!Number.isFinite(share)) return String(share);
    return this.numberFormat({ style: 'percent', maximumFractionDigits: 1, signDisplay: 'negative' })!
      .formatToParts(share)
      .map((part) => (part.type === 'minusSign' ? minusSign : part.value))
      .join('');
  }

  /** A number shortened for a chart's axis: `1.2M`, `1,2 tỷ`, `1.2亿`, `1,2 млн`. */
  compact(value: number): string {
    if (!Number.isFinite(value)) return String(value);
    return this.numberFormat({ notation: 'compact', compactDisplay: this.style.compactDisplay, maximumFractionDigits: 1, signDisplay: 'negative' })!
      .formatToParts(value)
      .map((part) => (part.type === 'minusSign' ? minusSign : part.value))
      .join('');
  }

  /**
   * A figure with the unit it is counted in, as written in the plan: a `%` as the language
   * writes a percentage (`15%`, `15 %`), any other unit after a no-break space (`20,000 orders`),
   * or right after the figure where the unit is Chinese (`20,000单`).
   */
  quantity(value: number | string, unit?: string): string {
    const figure = typeof value === 'number' ? this.number(value) : this.amount(value);
    const trimmed = unit?.trim();
    if (!trimmed) return figure;
    if (trimmed === '%') return `${figure}${this.percentSpace()}%`;
    return /^\p{Script=Han}/u.test(trimmed) ? `${figure}${trimmed}` : `${figure}${noBreakSpace}${trimmed}`;
  }

  /** What the language puts between a figure and its `%`. */
  private percentSpace(): string {
    const parts = this.numberFormat({ style: 'percent' })!.formatToParts(0.5);
    return parts.find((part) => part.type === 'literal')?.value ?? '';
  }

  /** A `YYYY-MM-DD` date: `Jan 2, 2028`, `2/1/2028`, `2028年1月2日`, `2 января 2028 г.`; other text as it is. */
  date(value: string): string {
    const date = dayDate(value);
    return date ? this.yearMark(this.dateFormat(this.dateOptions()).format(date)) : value;
  }

  /**
   * Russian "г." after a year, always after one no-break space: `Intl` puts a plain space there
   * in a date and a narrow one in a range, and a page would show both.
   */
  private yearMark(text: string): string {
    return this.locale === 'ru' ? text.replace(/[ \u00a0\u202f]г\./g, `${noBreakSpace}г.`) : text;
  }

  private dateOptions(): Intl.DateTimeFormatOptions {
    switch (this.locale) {
      case 'en':
        return { dateStyle: 'medium' };
      case 'vi':
        return { day: 'numeric', month: 'numeric', year: 'numeric' };
      default:
        return { day: 'numeric', month: 'long', year: 'numeric' };
    }
  }

  /** A `YYYY-MM-DD` date's month and year: `Jan 2028`, `tháng 1/2028`, `2028年1月`, `январь 2028 г.`. */
  month(value: string): string {
    const date = dayDate(value);
    if (!date) return value;
    if (this.locale === 'vi') return `tháng ${date.getUTCMonth() + 1}/${date.getUTCFullYear()}`;
    return this.yearMark(this.dateFormat({ month: this.locale === 'en' ? 'short' : 'long', year: 'numeric' }).format(date));
  }

  /**
   * Two `YYYY-MM-DD` dates as one span, writing once what they share: `Jul 1 – 31, 2027`,
   * `1/7–31/7/2027`, `2027年7月1日至31日`, `1–31 июля 2027 г.`. One day is its date; an end
   * before the start, or a text that is no date, is written as two dates.
   */
  range(start: string, end: string): string {
    const from = dayDate(start);
    const to = dayDate(end);
    if (from && to && from.getTime() === to.getTime()) return this.date(start);
    if (!from || !to || from > to) return `${this.date(start)}${this.rangeDash()}${this.date(end)}`;
    const [y1, m1, d1] = [from.getUTCFullYear(), from.getUTCMonth() + 1, from.getUTCDate()];
    const [y2, m2, d2] = [to.getUTCFullYear(), to.getUTCMonth() + 1, to.getUTCDate()];
    switch (this.locale) {
      case 'vi':
        // The year once, at the end, where both share it: "1/7–31/7/2027".
        return y1 === y2 ? `${d1}/${m1}–${d2}/${m2}/${y2}` : `${d1}/${m1}/${y1}–${d2}/${m2}/${y2}`;
      case 'zh-cn':
        // 至 between, what both share written once: "2027年7月1日至31日", "2027年7月1日至9月30日".
        return y1 !== y2 ? `${y1}年${m1}月${d1}日至${y2}年${m2}月${d2}日` : m1 !== m2 ? `${y1}年${m1}月${d1}日至${m2}月${d2}日` : `${y1}年${m1}月${d1}日至${d2}日`;
      default:
        return this.yearMark(this.dateFormat(this.dateOptions()).formatRange(from, to));
    }
  }

  private rangeDash(): string {
    return this.locale === 'zh-cn' ? '至' : this.locale === 'vi' ? '–' : ' – ';
  }

  /** Texts joined as the language lists them: `a, b and c`, `a、b和c`; `or`; or a `series` side by side (`a, b, c`, `a、b、c`). */
  list(items: readonly string[], kind: ListKind = 'and'): string {
    let format = this.lists.get(kind);
    if (!format)
      this.lists.set(
        kind,
        (format = new Intl.ListFormat(this.style.intl, kind === 'series' ? { type: 'conjunction', style: 'narrow' } : { type: kind === 'and' ? 'conjunction' : 'disjunction' })),
      );
    return format.format(items);
  }

  /** The plural category of a count in the language. */
  plural(count: number): Intl.LDMLPluralRule {
    return this.plurals.select(count);
  }

  /** A count with the form of its word that the count takes: `1 день`, `2 дня`, `5 дней`, `21 день`. */
  count(count: number, forms: CountForms): string {
    return (forms[this.plural(count)] ?? forms.other).replace(/#/g, this.number(count));
  }

  /** A label and its value: `Total: $20,000`, `总额：3,000万元`. */
  labelled(label: string, value: string): string {
    return `${label}${this.punctuation.colon}${this.punctuation.gap}${value}`;
  }

  /** A label that writes its own colon ("Needs:", "需求：") and what follows it: a space between, none after a full-width mark. */
  joined(label: string, value: string): string {
    return `${label}${this.gapAfter(label)}${value}`;
  }

  /** What follows a text before the next piece: a space, or nothing after a full-width mark ("需求："). */
  gapAfter(text: string): string {
    return /[\u3000-\u303f\uff00-\uffef]$/.test(text) ? '' : ' ';
  }

  /** A text with a remark after it in parentheses: `Ads (ads)`, `广告（ads）`. */
  aside(text: string, remark: string): string {
    return `${text}${this.punctuation.open}${remark}${this.punctuation.close}`;
  }

  /** A month's short name for a chart's axis: the shorter of its names alone and beside a year (`Apr`, `thg 4`, `4月`, `апр.`). */
  axisMonth(date: Date): string {
    const alone = this.dateFormat({ month: 'short' }).format(date);
    const inDate = this.dateFormat({ month: 'short', year: 'numeric' }).formatToParts(date).find((part) => part.type === 'month')?.value ?? alone;
    // A bare number (Chinese "10" of "2027年10月") names no month.
    return /^\d+$/.test(inDate) || Array.from(inDate).length >= Array.from(alone).length ? alone : inDate;
  }

  /** A year for a chart's axis: `2027`, `2027年`. */
  axisYear(date: Date): string {
    return this.dateFormat({ year: 'numeric' }).format(date);
  }
}

const formats = new Map<Locale, LocaleFormat>();

/** The formats of a language, made once. */
export function formatFor(locale: Locale): LocaleFormat {
  let found = formats.get(locale);
  if (!found) formats.set(locale, (found = new LocaleFormat(locale)));
  return found;
}

/**
 * A sum of money as a message's `money` placeholder carries it: the exact amount, and its
 * currency after a space where there is one (`"1200000000 VND"`), plain text that a finding
 * keeps and renders in whatever language it is read.
 */
export function moneyValue(exact: string, currency: string | undefined): string {
  return currency?.trim() ? `${exact} ${currency.trim()}` : exact;
}

/** A `money` placeholder's value as the amount and its currency. */
export function readMoneyValue(value: string): { exact: string; currency?: string } {
  const text = value.trim();
  const space = text.search(/\s/);
  if (space < 0) return { exact: text };
  const currency = text.slice(space).trim();
  return currency ? { exact: text.slice(0, space), currency } : { exact: text.slice(0, space) };
}
