import { resolveLocale, type Locale } from '../service/i18n/messages';

/** The environment variables that name a language, as the process has them. */
export type LocaleEnvironment = Readonly<Partial<Record<'LANGUAGE' | 'LC_ALL' | 'LC_MESSAGES' | 'LANG', string>>>;

/** Whether a `LANGUAGE` entry names a language the product speaks: one of its locales, English included (`en`, `en_GB`). */
function spoken(language: string): boolean {
  return /^en(?![a-z])/i.test(language) || resolveLocale(language) !== 'en';
}

/**
 * The language the environment asks for, as GNU programs read it (gettext's rules):
 * - the locale of messages is the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set; a
 *   variable set to the empty string counts as unset;
 * - `LANGUAGE`, a list in order of preference (`fr:vi`), comes before it: its first entry that names
 *   a language spoken here wins, and where none does, the messages stay in English as a GNU
 *   program's untranslated ones do. Under the `C` or `POSIX` locale it is set aside, as gettext does;
 * - `C` and `POSIX`, like any locale not spoken here, mean English.
 * Undefined when no variable names a language.
 */
export function environmentLocale(environment: LocaleEnvironment): Locale | undefined {
  const set = (name: keyof LocaleEnvironment) => environment[name] || undefined;
  const locale = set('LC_ALL') ?? set('LC_MESSAGES') ?? set('LANG');
  const plain = locale === 'C' || locale === 'POSIX';
  const languages = plain ? [] : (set('LANGUAGE')?.split(':').filter((entry) => entry !== '') ?? []);
  if (languages.length > 0) return resolveLocale(languages.find(spoken) ?? 'en');
  return locale === undefined ? undefined : resolveLocale(locale);
}
