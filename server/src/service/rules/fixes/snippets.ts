import snippetFile from '../../../../../snippets/mktplan.json';
import { schemaFiles, type SchemaNode } from '../../schema/files';
import { escapeSnippet, type Insertion } from './edits';

interface SnippetDefinition {
  prefix: string;
  body: string[];
  description: string;
}

const snippets = Object.values(snippetFile as Record<string, SnippetDefinition>);

/** The body of the snippet with a prefix: the text the editor inserts, and the text fixes insert. */
export function snippetBody(prefix: string): string {
  const found = snippets.find((snippet) => snippet.prefix === prefix);
  if (!found) throw new Error(`no snippet has the prefix ${prefix}`);
  return found.body.join('\n');
}

/**
 * A value a fix puts in for a tab stop, from the key the tab stop is the value of (`due`,
 * `channel`, `id` ...), so that a fix applied as it stands adds no finding of the format.
 * Undefined keeps the snippet's own default.
 */
export type DefaultFor = (key: string | undefined, defaultText: string) => string | undefined;

/** The key a line gives a value to: `  due: ${1:...}` is `due`; a list item `- ${1:...}` under `kpis:` has none. */
function keyOfLine(line: string): string | undefined {
  return /^\s*(?:-\s+)?([A-Za-z][\w]*):\s/.exec(line)?.[1];
}

/** A tab stop that names an item of the plan (`${3:channel-id}`), not the item's own id. */
const namesAnItem = (key: string | undefined, defaultText: string) => key !== 'id' && /-id$/.test(defaultText);

/** The keys a KPI or an objective is judged by: a snippet's `target: 500` and `unit: customers` are examples, never what the plan means. */
const measureKeys = new Set(['target', 'unit', 'baseline']);

/** The keys some map of the schemas requires: a choice left out there would leave a schema error instead of a guess. */
const requiredKeys: ReadonlySet<string> = (() => {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    for (const key of (node as SchemaNode).required ?? []) keys.add(key);
    for (const child of Object.values(node)) visit(child);
  };
  Object.values(schemaFiles).forEach(visit);
  return keys;
})();

/** Indentation of a line, in spaces. */
const indentOf = (line: string) => /^ */.exec(line)![0].length;

/**
 * The lines of a body without those marked: a marked list item goes with the lines under it,
 * and a key left with nothing under it goes too.
 */
function withoutLines(lines: readonly string[], marked: ReadonlySet<number>): string[] {
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!marked.has(index)) {
      kept.push(lines[index]);
      continue;
    }
    const item = /^( *)- /.exec(lines[index]);
    if (item) while (index + 1 < lines.length && indentOf(lines[index + 1]) > item[1].length) index++;
  }
  // From the end, so that a key whose only child was an emptied key goes too.
  for (let index = kept.length - 1; index >= 0; index--) {
    const emptyKey = /^ *(?:- )?[A-Za-z]\w*:$/.test(kept[index]) && !(index + 1 < kept.length && indentOf(kept[index + 1]) > indentOf(kept[index]));
    if (emptyKey) kept.splice(index, 1);
  }
  return kept;
}

/**
 * A snippet's body as a fix inserts it: tab stops kept for a client that takes snippets,
 * their defaults (made valid for this file) written out for one that does not. For one that
 * does not (`impliedOnly`), a line that would name an item the plan does not have
 * (`channel: channel-id`) is left out, a list item with it, and so is an example measure
 * (`target: 500`, `unit: customers`), and so are an example figure and a choice only the writer
 * can make (`cadence: monthly`); the text is empty where nothing is left, or where a key the
 * schema requires would need such a guess (a channel's `type`, a budget's `total`).
 */
export function snippetInsertion(body: string, year: string, defaultFor: DefaultFor = () => undefined, skipFirstLine = false, impliedOnly = false): Insertion {
  // (the body's placeholders are ${n:default}, ${n|a,b|}, $n and $0, as VS Code's snippets write them)
  const values = new Map<string, string>();
  // Without its first line (`swot:`), a section's body is its value, one level less indented.
  const all = body.replace(/\$\{CURRENT_YEAR\}|\$CURRENT_YEAR/g, year).split('\n');
  const lines = skipFirstLine ? all.slice(1).map((line) => line.replace(/^ {2}/, '')) : all;
  const plain: string[] = [];
  const snippet: string[] = [];
  // The tab stops that would name an item the plan does not have, and the lines they are on.
  const unimplied = new Set<string>();
  const leftOut = new Set<number>();
  for (const [index, line] of lines.entries()) {
    const key = keyOfLine(line);
    let plainLine = line;
    let snippetLine = line;
    for (const match of line.matchAll(/\$\{(\d+):([^}]*)\}|\$\{(\d+)\|([^|]*)\|\}/g)) {
      const [whole, stop, text, choiceStop, choices] = match;
      if (stop !== undefined) {
        const given = defaultFor(key, text);
        if (impliedOnly && ((given === undefined && namesAnItem(key, text)) || (key !== undefined && measureKeys.has(key)))) {
          unimplied.add(stop);
          leftOut.add(index);
        } else if (impliedOnly && given === undefined && /^\d+(?:\.\d+)?$/.test(text)) {
          // An example figure (`total: 10000`) is a guess at the plan's own: left out where the key is optional.
          if (key === undefined || requiredKeys.has(key)) return { text: '', snippet: '' };
          unimplied.add(stop);
          leftOut.add(index);
        }
        const chosen = given ?? text;
        values.set(stop, chosen);
        plainLine = plainLine.replace(whole, chosen);
        snippetLine = snippetLine.replace(whole, `\${${stop}:${escapeSnippet(chosen)}}`);
      } else {
        const options = choices.split(',');
        const given = defaultFor(key, options[0]);
        // The first of a list of choices (`type: social`, `cadence: monthly`) is a guess, never what the plan
        // implies: an optional key is left out, and a section that needs the choice made is not offered.
        if (impliedOnly && given === undefined) {
          if (key === undefined || requiredKeys.has(key)) return { text: '', snippet: '' };
          unimplied.add(choiceStop);
          leftOut.add(index);
        }
        const chosen = given ?? options[0];
        values.set(choiceStop, chosen);
        plainLine = plainLine.replace(whole, chosen);
        // The chosen option first, so that the client's choice starts on it.
        snippetLine = snippetLine.replace(whole, `\${${choiceStop}|${[chosen, ...options.filter((option) => option !== chosen)].join(',')}|}`);
      }
    }
    plain.push(plainLine);
    snippet.push(snippetLine);
  }
  // `$5` repeats what tab stop 5 holds; `$0` is where the cursor ends.
  const mirror = (text: string) => text.replace(/\$(\d+)/g, (_, stop: string) => (stop === '0' ? '' : (values.get(stop) ?? '')));
  if (unimplied.size === 0) return { text: mirror(plain.join('\n')), snippet: snippet.join('\n') };
  // A line that repeats a left-out tab stop (`- channel: $3`) goes with it.
  plain.forEach((line, index) => {
    for (const [, stop] of line.matchAll(/\$(\d+)/g)) if (unimplied.has(stop)) leftOut.add(index);
  });
  const text = mirror(withoutLines(plain, leftOut).join('\n'));
  return { text, snippet: escapeSnippet(text) };
}

/**
 * A value for the user to type at tab stop `stop`, selected: a placeholder text, or a choice
 * among values. As plain text it reads as the placeholder, or the first choice.
 */
export function fillIn(stop: number, placeholder: string | readonly string[]): Insertion {
  if (typeof placeholder === 'string') return { text: placeholder, snippet: `\${${stop}:${escapeSnippet(placeholder)}}` };
  return { text: placeholder[0], snippet: `\${${stop}|${placeholder.map((choice) => choice.replace(/[,|\\$}]/g, (character) => `\\${character}`)).join(',')}|}` };
}
