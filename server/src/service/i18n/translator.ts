import { engineMessages } from './catalogue';
import { translationsFor, type Translations } from './translations';
import { formatFor, type LocaleFormat, type MoneyDigits } from './format';
import { formatMoney, formatValue, renderMessage, type Locale, type PlaceholderType, type MessageData, type MessageRef, type MessageSpec, type RenderedData } from './messages';

function isMessageRef(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as MessageRef).id === 'string';
}

/** Renders message ids in one locale, from a catalogue of English texts and the locale's translations of them. */
export class Translator {
  private localeTexts: Translations | undefined;

  constructor(
    readonly locale: Locale,
    private readonly catalogue: Readonly<Record<string, MessageSpec>> = engineMessages,
  ) {}

  /** The locale's own texts, read when first needed. */
  get translations(): Translations {
    return (this.localeTexts ??= translationsFor(this.locale));
  }

  /** A schema entry's title in the locale, in lower case, as it stands inside a sentence. */
  private schemaTitle(data: MessageData): string {
    const title = this.translations.schema[String(data.ref)]?.title ?? String(data.title);
    return title.toLocaleLowerCase(this.locale);
  }

  /** A rule's one-line summary in the locale. */
  summary(rule: { id: string; summary: string }): string {
    return this.translations.messages[`${rule.id}.summary`] ?? rule.summary;
  }

  /** A schema entry's title and description in the locale, by where it stands (`file#pointer`). */
  schemaText(ref: string, english: { title?: string; description?: string }): { title?: string; description?: string } {
    const translated = this.translations.schema[ref];
    return { title: translated?.title ?? english.title, description: translated?.markdownDescription ?? english.description };
  }

  has(id: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.catalogue, id);
  }

  t(id: string, data: MessageData = {}): string {
    if (id === schemaTitleId) return this.schemaTitle(data);
    const spec = this.catalogue[id];
    if (!spec) throw new Error(`no message has the id ${id}`);
    const rendered: Record<string, string | number | readonly string[]> = {};
    for (const [name, value] of Object.entries(data)) {
      rendered[name] = Array.isArray(value)
        ? value.map((entry: string | MessageRef) => (isMessageRef(entry) ? this.render(entry) : entry))
        : isMessageRef(value)
          ? this.render(value)
          : (value as string | number);
    }
    return renderMessage(this.locale, id, spec, rendered as RenderedData, this.translations.messages[id]);
  }

  /** The locale's formats: money, ranges of dates, quantities with their units, the marks that join pieces of text. */
  get formats(): LocaleFormat {
    return formatFor(this.locale);
  }

  /** One value formatted as a placeholder of its type would be: a number, a date, a share. */
  format(type: PlaceholderType, value: string | number | readonly string[]): string {
    return formatValue(this.locale, type, value);
  }

  /** An exact amount in a currency, as this locale writes money ("1,2 tỷ đồng", "3,000万元", "1 200 000 ₽", "$20,000"). */
  money(exact: string, currency: string | undefined, digits?: MoneyDigits): string {
    return formatMoney(this.locale, exact, currency, digits);
  }

  render(ref: MessageRef): string {
    return this.t(ref.id, ref.data);
  }

  /** A rendered message that starts a sentence: its first letter in upper case. */
  sentence(ref: MessageRef): string {
    const text = this.render(ref);
    return text.charAt(0).toLocaleUpperCase(this.locale) + text.slice(1);
  }
}

export const message = (id: string, data?: MessageData): MessageRef => ({ id, data });

/** Not a message of the catalogue: the title of a schema entry, which each language translates by its pointer. */
const schemaTitleId = 'schema.title';

/** A schema entry's title (`file#pointer`, with its English title) to put inside a message. */
export const schemaTitle = (ref: string | undefined, title: string): MessageRef => ({ id: schemaTitleId, data: { ref: ref ?? '', title } });
