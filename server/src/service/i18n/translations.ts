import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
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

/**
 * The folder that holds `<locale>.json`: beside this module in the sources, and beside the
 * bundle (`dist/locales/`) in the built doors. A locale is read the first time it is asked for,
 * so that English, and a locale not in use, cost nothing at start-up.
 */
function localesFolder(): string {
  return nodePath.join(__dirname, 'locales');
}

export function translationsFor(locale: Locale): Translations {
  if (locale === 'en') return none;
  let found = loaded.get(locale);
  if (!found) {
    try {
      found = { ...none, ...(JSON.parse(readFileSync(nodePath.join(localesFolder(), `${locale}.json`), 'utf8')) as Partial<Translations>) };
    } catch {
      // A locale whose file is missing speaks English rather than failing.
      found = none;
    }
    loaded.set(locale, found);
  }
  return found;
}
