import * as vscode from 'vscode';
import { resolveLocale, type Locale } from '../../server/src/service/i18n/messages';
import { Translator } from '../../server/src/service/i18n/translator';

// The client's own texts (prompts, pickers, notifications, the inserted plan) come from the engine's
// catalogue in the language `mktplan.locale` names, not VS Code's display language: VS Code has no
// Vietnamese display language, and a setting chosen in mktplan governs everything mktplan shows.

// The engine's Translator over its own catalogue, which holds every text of the client, and not
// `translatorFor` of the engine's index: that one brings the rules' messages, and with them the whole
// engine (the schemas, YAML, any-ascii's tables), into a bundle that VS Code loads as it starts.
const translators = new Map<Locale, Translator>();

/** The client's translator for a locale: one per locale, made when first needed. */
export function clientTranslator(locale: Locale): Translator {
  let translator = translators.get(locale);
  if (!translator) translators.set(locale, (translator = new Translator(locale)));
  return translator;
}

/** The locale a `mktplan.locale` setting asks for: itself, or with `auto` (the default) the editor's display language. */
export function clientLocale(setting: string | undefined, displayLanguage: string): Locale {
  return resolveLocale(setting === undefined || setting === '' || setting === 'auto' ? displayLanguage : setting);
}

/**
 * The translator for what the client shows about a file or folder (`mktplan.locale` may differ per
 * folder), or the window. The setting is read each time a text is shown, so a change applies to the
 * next prompt or notification with nothing to reload.
 */
export function clientTexts(scope?: vscode.Uri): Translator {
  const setting = vscode.workspace.getConfiguration('mktplan', scope).get<string>('locale');
  return clientTranslator(clientLocale(setting, vscode.env.language));
}
