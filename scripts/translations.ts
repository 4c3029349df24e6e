// The English texts every language must translate, keyed as the translation files key them:
// messages by id (and each rule's summary as `<rule id>.summary`), schema titles and
// descriptions by `file#pointer`, snippet descriptions and placeholder texts by prefix.
// `npx tsx scripts/translations.ts` prints them, as a template for a new language.
import snippetFile from '../snippets/mktplan.json';
import { catalogue, rules } from '../server/src/service';
import type { Translations } from '../server/src/service/i18n/translations';
import { schemaFiles } from '../server/src/service/schema/files';

function schemaTexts(): Translations['schema'] {
  const texts: Translations['schema'] = {};
  const walk = (node: unknown, file: string, pointer: string): void => {
    if (Array.isArray(node)) return node.forEach((item, index) => walk(item, file, `${pointer}/${index}`));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const entry: { title?: string; markdownDescription?: string } = {};
    if (typeof record.title === 'string') entry.title = record.title;
    if (typeof record.markdownDescription === 'string') entry.markdownDescription = record.markdownDescription;
    if (entry.title !== undefined || entry.markdownDescription !== undefined) texts[`${file}#${pointer}`] = entry;
    for (const [key, value] of Object.entries(record)) walk(value, file, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  for (const [file, schema] of Object.entries(schemaFiles)) walk(schema, file, '');
  return texts;
}

function snippetTexts(): Translations['snippets'] {
  const texts: Translations['snippets'] = {};
  for (const snippet of Object.values(snippetFile as Record<string, { prefix: string; body: string[]; description: string }>)) {
    const placeholders: Record<string, string> = {};
    for (const match of snippet.body.join('\n').matchAll(/\$\{\d+:([^${}]+)\}/g)) if (/[a-z]{3}/i.test(match[1]) && !/^[a-z0-9-]+$/.test(match[1])) placeholders[match[1]] = match[1];
    texts[snippet.prefix] = { description: snippet.description, placeholders };
  }
  return texts;
}

/** Every text a language must translate, in English. */
export function englishTexts(): Translations {
  const messages: Record<string, string> = {};
  for (const [id, spec] of Object.entries(catalogue)) messages[id] = spec.text;
  for (const rule of rules) messages[`${rule.id}.summary`] = rule.summary;
  return { messages, schema: schemaTexts(), snippets: snippetTexts() };
}

if (require.main === module) process.stdout.write(JSON.stringify(englishTexts(), null, 2) + '\n');
