import { engineMessages } from './catalogue';
import type { MessageSpec } from './messages';
import type { Translator } from './translator';

/** A snippet of snippets/mktplan.json, as VS Code reads it. */
export interface SnippetDefinition {
  readonly prefix: string;
  readonly body: readonly string[];
  readonly description?: string;
}

/**
 * One piece of snippet syntax that a text of the snippet holds: a placeholder with its default
 * (`${1:Company name}`), a choice (`${2|a,b|}`), a variable (`${CURRENT_YEAR}`) or a mirror (`$1`).
 * Nested placeholders are not looked into: a text around one is not translated.
 */
const snippetElement = /\$\{\d+:[^${}]*\}|\$\{\d+\|[^|]*\|\}|\$\{[A-Z_]+\}|\$\d+|\$[A-Z_]+/g;

/** Whether a value has words of its own, outside its pieces of snippet syntax. */
const hasWords = (value: string) => /\p{L}{2}/u.test(value.replace(snippetElement, ''));

/** A text put in a snippet as it is: `$`, `}` and `\` escaped. */
function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** Marks a placeholder's value while a message renders, to be swapped for the snippet syntax after. */
const mark = (index: number) => `\u0001${index}\u0001`;

/**
 * The words of a snippet that are neither a key nor a placeholder's default: its comments, and the
 * words around placeholders in a value (`${1:Company name} marketing ${CURRENT_YEAR}`). Each is a
 * catalogue message `snippet.<prefix>.*` whose English text is the words as the body writes them,
 * with `{name}` for each piece of snippet syntax, in order.
 */
function snippetMessages(prefix: string): Array<[string, MessageSpec]> {
  return Object.entries(engineMessages as Record<string, MessageSpec>).filter(([id]) => id.startsWith(`snippet.${prefix}.`));
}

/** The message whose English text is the snippet's text, its syntax pieces standing in for its placeholders in order. */
function messageFor(text: string, messages: ReadonlyArray<[string, MessageSpec]>): { id: string; names: string[] } | undefined {
  const pieces = text.split(snippetElement);
  for (const [id, spec] of messages) {
    const names: string[] = [];
    const literal = spec.text.split(/\{([A-Za-z0-9_]+)\}/).filter((part, index) => (index % 2 === 1 ? (names.push(part), false) : true));
    if (literal.length === pieces.length && literal.every((part, index) => part === pieces[index])) return { id, names };
  }
  return undefined;
}

/** A text of the snippet in the reader's language, where the catalogue has it; the syntax pieces keep their place by name. */
function translatedText(text: string, messages: ReadonlyArray<[string, MessageSpec]>, translator: Translator): string | undefined {
  const found = messageFor(text, messages);
  if (!found) return undefined;
  const elements = text.match(snippetElement) ?? [];
  const data = Object.fromEntries(found.names.map((name, index) => [name, mark(index)]));
  const rendered = escapeSnippetText(translator.t(found.id, data));
  return rendered.replace(/\u0001(\d+)\u0001/g, (_, index: string) => elements[Number(index)]);
}

/**
 * A snippet's body in the reader's language: its placeholders' default texts as the locale's
 * snippet translations give them, and its comments and the words around its placeholders as the
 * catalogue's `snippet.<prefix>.*` messages do. Keys, ids, choices and variables stay as written.
 * Completion inserts the section snippets with it, and the New Marketing Plan command the whole plan.
 */
export function localizedSnippetBody(snippet: SnippetDefinition, translator: Translator): string[] {
  const placeholders = translator.translations.snippets[snippet.prefix]?.placeholders ?? {};
  const messages = snippetMessages(snippet.prefix);
  return snippet.body.map((written) => {
    const line = written.replace(/(\$\{\d+:)([^${}]+)(\})/g, (whole, open: string, text: string, close: string) => (placeholders[text] ? open + placeholders[text] + close : whole));
    if (messages.length === 0) return line;
    const comment = /^(\s*#\s*)(.*)$/.exec(line);
    if (comment) return comment[1] + (translatedText(comment[2], messages, translator) ?? comment[2]);
    const keyValue = /^(\s*(?:- )?[A-Za-z]+: )(.+)$/.exec(line);
    if (keyValue && hasWords(keyValue[2])) return keyValue[1] + (translatedText(keyValue[2], messages, translator) ?? keyValue[2]);
    return line;
  });
}

/** The texts of a snippet that a message should word but none does: a comment, or words around placeholders in a value. */
export function untranslatableSnippetTexts(snippet: SnippetDefinition): string[] {
  const messages = snippetMessages(snippet.prefix);
  return snippet.body.flatMap((line) => {
    const comment = /^\s*#\s*(.*)$/.exec(line);
    if (comment) return messageFor(comment[1], messages) ? [] : [comment[1]];
    const keyValue = /^\s*(?:- )?[A-Za-z]+: (.+)$/.exec(line);
    if (!keyValue) return [];
    const placeholders = keyValue[1].match(snippetElement)?.length ?? 0;
    return hasWords(keyValue[1]) && placeholders > 0 && !messageFor(keyValue[1], messages) ? [keyValue[1]] : [];
  });
}
