import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { parseAllDocuments, isScalar, visit } from 'yaml';
import { locales, rules, type Locale } from '../../server/src/service';

// Each language's texts as a native reader meets them: one term per concept (the glossary of
// docs/glossary/<locale>.md, which the translations follow), and no English left where the
// reader expects their own language.

const repository = nodePath.join(__dirname, '../..');
const translated = locales.filter((locale): locale is Exclude<Locale, 'en'> => locale !== 'en');

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = nodePath.join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf);
  return [];
}

/** A text of a locale, named for the assertion's message. */
interface LocaleText {
  where: string;
  text: string;
  /** Markdown (a rule page): fenced code is read as YAML examples. */
  markdown?: boolean;
}

/** Every text a reader of the locale meets: messages (the client's among them), schema texts and snippets, rule pages, the settings' texts. */
export function textsOf(locale: Exclude<Locale, 'en'>): LocaleText[] {
  const catalogue = JSON.parse(readFileSync(nodePath.join(repository, 'server/src/service/i18n/locales', `${locale}.json`), 'utf8')) as Record<string, Record<string, unknown>>;
  const texts: LocaleText[] = [];
  for (const [part, entries] of Object.entries(catalogue)) {
    for (const [key, value] of Object.entries(entries)) for (const text of stringsOf(value)) texts.push({ where: `${locale}.json ${part} ${key}`, text });
  }
  {
    const file = `package.nls.${locale}.json`;
    const path = nodePath.join(repository, file);
    if (existsSync(path)) for (const [key, text] of Object.entries(JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>)) texts.push({ where: `${file} ${key}`, text });
  }
  for (const page of filesUnder(nodePath.join(repository, 'docs/rules', locale)).filter((path) => path.endsWith('.md'))) {
    texts.push({ where: nodePath.relative(repository, page), text: readFileSync(page, 'utf8'), markdown: true });
  }
  return texts;
}

/** One row of a glossary: the term a locale uses for a concept, and the variants it replaces. */
interface GlossaryRow {
  concept: string;
  term: string;
  replaces: string[];
}

/** The glossary of a locale: the rows of the table in docs/glossary/<locale>.md. */
function glossaryOf(locale: string): { rows: GlossaryRow[]; latinAllowed: Set<string> } {
  const text = readFileSync(nodePath.join(repository, 'docs/glossary', `${locale}.md`), 'utf8');
  const rows: GlossaryRow[] = [];
  const table = text.slice(text.indexOf('## Terms'), text.indexOf('## Kept in Latin letters'));
  for (const line of table.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.length < 3 || cells[0] === 'concept' || /^-+$/.test(cells[0])) continue;
    const unquote = (cell: string) => cell.replace(/^[«"“]|[»"”]$/g, '');
    rows.push({ concept: cells[0], term: unquote(cells[1]), replaces: cells[2] === '—' ? [] : cells[2].split(';').map((variant) => unquote(variant.trim())).filter(Boolean) });
  }
  const kept = text.slice(text.indexOf('## Kept in Latin letters'));
  const latinAllowed = new Set([...kept.matchAll(/`([^`]+)`/g)].map((match) => match[1].toLowerCase()));
  return { rows, latinAllowed };
}

/** Whether a text holds a phrase as words of its own (for Chinese, anywhere: it writes no spaces). */
function holds(text: string, phrase: string, locale: string): boolean {
  if (locale === 'zh-cn') return text.includes(phrase);
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/** Markdown as its reader reads it: no code, no link targets, no HTML comments. */
function proseOf(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/https?:\/\/\S+/g, ' ');
}

/** The free text of a rule page's YAML examples: names, statements, comments; not keys, ids, enum values, dates or numbers. */
function exampleTextsOf(markdown: string): string[] {
  const texts: string[] = [];
  for (const block of markdown.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    for (const document of parseAllDocuments(block[1])) {
      if ('errors' in document && document.errors.length > 0) continue;
      visit(document, {
        Pair: (_, pair) => {
          if (isScalar(pair.value) && typeof pair.value.value === 'string' && !/^[a-z0-9][a-z0-9./-]*$/.test(pair.value.value)) texts.push(pair.value.value);
        },
        Seq: (_, seq) => {
          for (const item of seq.items) if (isScalar(item) && typeof item.value === 'string' && !/^[a-z0-9][a-z0-9./-]*$/.test(item.value)) texts.push(item.value);
        },
      });
    }
    // A comment is prose, but for the marks of the findings (`# <- rule`) and the suppression comments, which are syntax.
    for (const comment of block[1].matchAll(/#(?!\s*<-)(?!\s*mktplan-disable)\s*([^\n]+)/g)) texts.push(comment[1]);
  }
  return texts;
}

/** A message's ICU syntax and placeholders are no words of the reader's: `{count, plural, one {# ngày} other {…}}`. */
function withoutMessageSyntax(text: string): string {
  return (
    text
      // Code: keys, values and commands as they are typed.
      .replace(/`[^`]*`/g, ' ')
      // A placeholder, or the head of a plural or select: `{count}`, `{reason, select,`.
      .replace(/\{\s*[A-Za-z]\w*\s*(?:\}|,\s*(?:plural|select|selectordinal)\s*,)/g, ' ')
      // A branch's key: `one {`, `=0 {`, `folder {`.
      .replace(/(?<=^|[\s}])[\w=-]+\s*\{/g, ' ')
      // An option the user types as it is, wherever it stands (`（--base` in Chinese).
      .replace(/(?<![\w-])--[a-z][\w-]*/g, ' ')
      // Options, file names, globs and paths the user types as they are: `--as-of`, `*.mktplan.yaml`, `dist/cli.js`.
      .replace(/(?<=^|\s|\()(?:--?[a-z][\w-]*|\S*[./*]\S*)/g, ' ')
  );
}

/** The schemas' keys and enum values, and the rule ids' words: written in Latin letters in every language. */
function formatWords(): Set<string> {
  const words = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') for (const key of Object.keys(record.properties)) words.add(key.toLowerCase());
    if (typeof record.const === 'string') for (const word of record.const.split(/[^A-Za-z]+/)) words.add(word.toLowerCase());
    if (Array.isArray(record.enum)) for (const value of record.enum) if (typeof value === 'string') for (const word of value.split(/[^A-Za-z]+/)) words.add(word.toLowerCase());
    Object.values(record).forEach(walk);
  };
  // The plan's schemas only: the keys of a report's own schema (diff, JSON output) are English words of no plan.
  for (const file of ['mktplan.schema.json', 'strategy.schema.json', 'plan.schema.json', 'actuals.schema.json', 'mktplan-config.schema.json']) walk(JSON.parse(readFileSync(nodePath.join(repository, 'schemas', file), 'utf8')));
  for (const rule of rules) for (const word of rule.id.split(/[^A-Za-z]+/)) words.add(word.toLowerCase());
  return words;
}

/** An ASCII word that a Vietnamese syllable can be (onset, vowels, final consonant), tone marks aside. */
const vietnameseSyllable = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(?:uye|uya|ieu|yeu|uoi|uou|oai|oay|oeo|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ye|[aeiouy])(?:ng|nh|ch|[cmnpt])?$/i;

/** The Latin words of a text that its locale's reader would take for English. */
function foreignWords(text: string, locale: string, allowed: ReadonlySet<string>): string[] {
  const words = withoutMessageSyntax(text).match(/[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu) ?? [];
  return words.filter((word) => {
    if (!/^[A-Za-z'’]+$/.test(word) || word.length < 2) return false;
    // Capitals alone are acronyms, codes and variables: KPI, SWOT, EACCES, LC_ALL.
    if (allowed.has(word.toLowerCase()) || /^[A-Z][A-Z0-9_]+s?$/.test(word)) return false;
    return locale === 'vi' ? !vietnameseSyllable.test(word) : true;
  });
}

describe('each language as its reader meets it', () => {
  const keys = formatWords();
  it('reads the format\'s own words from the schemas, to leave them in Latin letters', () => {
    for (const word of ['swot', 'strengths', 'kpis', 'marketing', 'cmo', 'startup']) assert.ok(keys.has(word), word);
  });

  it('would see English: the check finds English words in a Russian, a Chinese and a Vietnamese text, and leaves the format\'s words, code and names alone', () => {
    const allowed = new Set([...keys, 'facebook']);
    assert.deepEqual(foreignWords('Добавьте раздел `swot` и KPI: see the page', 'ru', allowed), ['see', 'the', 'page']);
    assert.deepEqual(foreignWords('{count, plural, one {# 个问题} other {# 个问题}} in Facebook', 'zh-cn', allowed), ['in']);
    assert.deepEqual(foreignWords('Thêm phần strengths cho chiến dịch trên Facebook, please save the changes', 'vi', allowed), ['please', 'save', 'changes']);
    assert.deepEqual(foreignWords('{reason, select, folder {là một thư mục} other {không đọc được}}: chạy `mktplan check --fail-on warning *.mktplan.yaml`', 'vi', allowed), []);
    assert.deepEqual(exampleTextsOf('```yaml\nteam:\n  - {id: linh, role: cmo, name: Linh}\nswot:  # <- strategy/swot-incomplete\n  strengths: [own roastery]  # a note\n  # mktplan-disable-next-line yaml-syntax\n```'), ['Linh', 'own roastery', 'a note']);
  });

  for (const locale of translated) {
    describe(locale, () => {
      const texts = textsOf(locale);
      const glossary = glossaryOf(locale);
      const allowed = new Set([...keys, ...glossary.latinAllowed]);

      it('has a glossary of at least 30 concepts, each term in use, and none of the variants it replaces', () => {
        assert.ok(glossary.rows.length >= 30, `docs/glossary/${locale}.md has ${glossary.rows.length} terms`);
        const problems: string[] = [];
        for (const row of glossary.rows) {
          if (!texts.some(({ text }) => holds(text, row.term, locale))) problems.push(`"${row.term}" (${row.concept}) is in no text`);
          for (const variant of row.replaces) {
            for (const { where, text } of texts) if (holds(text, variant, locale)) problems.push(`${where}: "${variant}" where the glossary says "${row.term}" (${row.concept})`);
          }
        }
        assert.deepEqual(problems, []);
      });

      it('leaves no English word in its texts, outside code, keys, ids, enum values and the names it keeps', () => {
        const found: string[] = [];
        for (const { where, text, markdown } of texts) {
          const readable = markdown ? [proseOf(text), ...exampleTextsOf(text)] : [text.replace(/`[^`]*`/g, ' ').replace(/https?:\/\/\S+/g, ' ')];
          const words = readable.flatMap((part) => foreignWords(part, locale, allowed));
          if (words.length > 0) found.push(`${where}: ${[...new Set(words)].join(', ')}`);
        }
        assert.deepEqual(found, []);
      });
    });
  }
});
