import type { Locale } from './messages';

/**
 * What a locale says in its own words: its messages by id (and each rule's summary as
 * `<rule id>.summary`), the schemas' titles and descriptions by `file#pointer`, and the
 * snippets' descriptions and placeholder texts by prefix. English is the source and needs none.
 */
export interface Translations {
  messages: Record<string, string>;
  schema: Record<string, { title?: string; markdownDescription?: string }>;
  snippets: Record<string, { description?: string; placeholders?: Record<string, string> }>;
}

const none: Translations = { messages: {}, schema: {}, snippets: {} };
const loaded = new Map<Locale, Translations>();

/** Where a door keeps each language's texts: read from the disk beside the Node bundles, bundled into the browser's. */
export type TranslationSource = (locale: Exclude<Locale, 'en'>) => Partial<Translations> | undefined;

let source: TranslationSource = () => undefined;

/**
 * Tells the engine where each language's texts are, once, as a door starts: a locale is read the
 * first time it is asked for, so that English, and a locale not in use, cost nothing at start-up.
 */
export function useTranslations(from: TranslationSource): void {
  source = from;
  loaded.clear();
}

export function translationsFor(locale: Locale): Translations {
  if (locale === 'en') return none;
  let found = loaded.get(locale);
  if (!found) {
    // A locale whose texts cannot be had speaks English rather than failing.
    found = { ...none, ...source(locale) };
    loaded.set(locale, found);
  }
  return found;
}
