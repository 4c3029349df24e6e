// Writes everything derived from the rule catalogue: the rule settings in package.json, the
// rule tables of README.md and docs/rules/README.md, the heading block of each rule page, and
// the rule descriptions that SARIF reports carry (taken from the pages in each language, which the bundle lacks);
// and the id check's table of look-alike letters, from Unicode's confusables data.
// `npm run generate` writes them; a test fails when one differs from what this would write.
import './sourceLocales';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { catalogue, locales, rulePage, rules, translatorFor, type Locale, type Rule } from '../server/src/service';
import { configSchema } from './configSchema';
import { lookAlikesModule } from './lookAlikes';
import { validatorsModule } from './validators';

const repository = nodePath.join(__dirname, '..');
const severities = ['error', 'warning', 'information', 'hint', 'off'];

/** The rule pages' sections, in the order of the catalogue, by the id's prefix. */
/** The rules' categories, each by its id prefix, in the order the index lists them. */
const categories = ['format', 'strategy', 'plan', 'budget', 'campaign', 'dates', 'kpi', 'ref', 'actuals'] as const;

function categoryOf(rule: Rule): string {
  return rule.id.includes('/') ? rule.id.slice(0, rule.id.indexOf('/')) : 'format';
}

/** A category's name in a locale, with its prefix as a rule id starts with it. */
function categoryName(category: string, locale: Locale): string {
  const name = translatorFor(locale).t(`rulePage.category.${category}`);
  return category === 'format' ? name : `${name} (\`${category}/\`)`;
}

function read(file: string): string {
  return readFileSync(nodePath.join(repository, file), 'utf8');
}

const notice = '<!-- Generated from the rule catalogue by `npm run generate`: change the rule module, not this block. -->';
const end = '<!-- End of the generated block. -->';

/** `text` with the part between the two markers replaced; the markers must be there. */
function replaceBetween(text: string, file: string, content: string): string {
  const start = text.indexOf(notice);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`${file}: the generated block's markers are missing`);
  return text.slice(0, start) + notice + '\n' + content + end + text.slice(stop + end.length);
}

function ruleRow(rule: Rule, pageBase: string): string {
  return `| [\`${rule.id}\`](${pageBase}${rule.id}.md) | ${rule.defaultSeverity} | ${rule.summary} |`;
}

function readmeTable(): string {
  return ['| rule | default | fires when |', '|---|---|---|', ...rules.map((rule) => ruleRow(rule, 'docs/rules/')), ''].join('\n');
}

function rulesIndex(): string {
  return categories
    .map((category) => {
      const members = rules.filter((rule) => categoryOf(rule) === category);
      return [`## ${categoryName(category, 'en')}`, '', '| rule | default | what it flags |', '|---|---|---|', ...members.map((rule) => ruleRow(rule, '')), ''].join('\n');
    })
    .join('\n');
}

/** The head of a rule's page in a locale: its id, its summary, its default severity and category, in the locale's words. */
function pageHeading(rule: Rule, locale: Locale): string {
  const translator = translatorFor(locale);
  const facts = translator.t('rulePage.facts', { severity: translator.t(`severity.${rule.defaultSeverity}`), category: categoryName(categoryOf(rule), locale) });
  return [`# \`${rule.id}\``, '', notice, translator.summary(rule), '', facts, end].join('\n');
}

/** A rule's page in a locale, its head written anew and the rest as it is. */
function page(rule: Rule, locale: Locale): string {
  const file = pageFile(rule, locale);
  const text = read(file);
  const stop = text.indexOf(end);
  if (stop < 0) throw new Error(`${file}: the generated block's end marker is missing`);
  return pageHeading(rule, locale) + text.slice(stop + end.length);
}

/**
 * Where package.json's texts come from: each names a message of the catalogue, which VS Code
 * reads from package.nls.json (English) or package.nls.<locale>.json, written from the
 * catalogue and each language's translations.
 */
function localizeManifest(manifest: any): void {
  const { contributes } = manifest;
  const placeholder = (id: string) => `%${id}%`;
  for (const command of contributes.commands) {
    const id = `package.command.${command.command.replace(/^mktplan\./, '')}`;
    if (id in catalogue) command.title = placeholder(id);
  }
  const properties = contributes.configuration.properties;
  properties['mktplan.rules'].markdownDescription = placeholder('package.setting.rules');
  for (const rule of rules) properties['mktplan.rules'].properties[rule.id].markdownDescription = placeholder(`package.rule.${rule.id}`);
  properties['mktplan.checkFiles'].markdownDescription = placeholder('package.setting.checkFiles');
  properties['mktplan.checkFiles'].enumDescriptions = [placeholder('package.setting.checkFiles.workspace'), placeholder('package.setting.checkFiles.open')];
  properties['mktplan.inlayHints'].markdownDescription = placeholder('package.setting.inlayHints');
  properties['mktplan.locale'].markdownDescription = placeholder('package.setting.locale');
  properties['mktplan.locale'].enumDescriptions[0] = placeholder('package.setting.locale.auto');
  properties['mktplan.trace.server'].description = placeholder('package.setting.trace');
}

function packageJson(): string {
  const manifest = JSON.parse(read('package.json'));
  const setting = manifest.contributes.configuration.properties['mktplan.rules'];
  setting.properties = Object.fromEntries(rules.map((rule) => [rule.id, { type: 'string', enum: severities, default: rule.defaultSeverity, markdownDescription: '' }]));
  localizeManifest(manifest);
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** package.nls.json, or package.nls.<locale>.json: the package's texts in a language. */
function packageNls(locale: Locale): string {
  const translator = translatorFor(locale);
  const texts: Record<string, string> = {};
  for (const id of Object.keys(catalogue).filter((key) => key.startsWith('package.'))) texts[id] = translator.t(id);
  for (const rule of rules) {
    texts[`package.rule.${rule.id}`] = `${translator.summary(rule)} [${translator.t('hover.aboutRule')}](${rulePage(rule.id, locale)})`;
  }
  return JSON.stringify(texts, null, 2) + '\n';
}

/** A Markdown link or image: `[label](target)` or `![alt](target "title")`. */
const markdownLink = /(!?)\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const listItem = /^\s*(?:[-*+]|\d+\.)\s/;

/** The blocks of Markdown text (runs of non-blank lines) from `lines[start]` on, up to the next `##` heading. */
function blocksOf(lines: string[], start: number): string[][] {
  const blocks: string[][] = [];
  let block: string[] = [];
  for (let index = start; index < lines.length && !/^##\s/.test(lines[index]); index++) {
    if (lines[index].trim() === '') {
      if (block.length > 0) blocks.push(block);
      block = [];
    } else {
      block.push(lines[index]);
    }
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/** Where a soft line break joins two lines without a space: between two characters of Chinese text, which has none. */
const cjk = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * The first paragraph of a section, as Markdown with links made absolute (a SARIF viewer shows it
 * far from the page its relative links are written for) and as plain text without links or bold. A
 * paragraph that ends with a colon introduces a list, which comes along with it.
 */
function firstParagraph(blocks: string[][], file: string, page: string, where: string): { text: string; markdown: string } {
  const [first, next] = blocks;
  if (!first || /^(#|```|\||<!--)/.test(first[0])) throw new Error(`${file}: ${where} does not start with a paragraph`);
  const lines = /[:：]$/.test(first[first.length - 1].trimEnd()) && next && listItem.test(next[0]) ? [...first, ...next] : first;
  const markdown = lines.join('\n').replace(markdownLink, (_link, bang: string, label: string, target: string) => `${bang}[${label}](${new URL(target, page).href})`);
  // Soft line breaks become spaces (none inside Chinese text); each list item keeps a line of its own.
  const text = lines
    .map((line) => line.trim().replace(markdownLink, (_link, _bang, label: string) => label).replace(/\*\*([^*]+)\*\*/g, '$1'))
    .reduce((joined, line) => {
      if (joined === '') return line;
      if (listItem.test(line)) return `${joined}\n${line}`;
      return cjk.test(joined.slice(-1)) && cjk.test(line.charAt(0)) ? joined + line : `${joined} ${line}`;
    }, '');
  return { text, markdown };
}

/** The heading of the section that says how to fix what a rule flags, as each language's rule pages write it. */
const fixHeadings: Readonly<Record<Locale, string>> = { en: 'How to fix it', vi: 'Cách sửa', 'zh-cn': '修复方法', ru: 'Как исправить' };

/** A rule's page in a locale: `docs/rules/<id>.md` in English, `docs/rules/<locale>/<id>.md` in another language. */
const pageFile = (rule: Rule, locale: Locale) => (locale === 'en' ? `docs/rules/${rule.id}.md` : `docs/rules/${locale}/${rule.id}.md`);

/** A rule's description and first step to fix it, from its page in a locale. */
function ruleHelp(rule: Rule, locale: Locale): string {
  const file = pageFile(rule, locale);
  const text = read(file);
  const stop = text.indexOf(end);
  if (stop < 0) throw new Error(`${file}: the generated block's end marker is missing`);
  const lines = text.slice(stop + end.length).split(/\r?\n/);
  const heading = `## ${fixHeadings[locale]}`;
  const fixHeading = lines.findIndex((line) => line.trim() === heading);
  if (fixHeading < 0) throw new Error(`${file}: there is no "${heading}" section`);
  const page = rulePage(rule.id, locale);
  const description = firstParagraph(blocksOf(lines, 0), file, page, 'the text after the generated block');
  const fix = firstParagraph(blocksOf(lines, fixHeading + 1), file, page, `"${heading}"`);
  return [
    `    ${JSON.stringify(rule.id)}: {`,
    `      description: { text: ${JSON.stringify(description.text)}, markdown: ${JSON.stringify(description.markdown)} },`,
    `      fix: { text: ${JSON.stringify(fix.text)}, markdown: ${JSON.stringify(fix.markdown)} },`,
    '    },',
  ].join('\n');
}

/** A module holding each rule's description and first step to fix it, from its page in each language. */
function ruleDescriptionsModule(): string {
  const byLocale = locales.flatMap((locale) => [`  ${JSON.stringify(locale)}: {`, ...rules.map((rule) => ruleHelp(rule, locale)), '  },']);
  return [
    '// Generated from the rule pages (docs/rules/ and docs/rules/<locale>/) by `npm run generate`: change the page, not this file.',
    '// The CLI ships as one bundle without the docs; SARIF reports take the rules\' help from here, in the reader\'s language.',
    '',
    "import type { Locale } from '../service/i18n/messages';",
    '',
    'export interface RuleText {',
    '  /** Plain text, without links or bold. */',
    '  readonly text: string;',
    '  /** Markdown, with links made absolute. */',
    '  readonly markdown: string;',
    '}',
    '',
    '/** What SARIF says of a rule: the first paragraph of its page, and the first of the section that says how to fix what it flags. */',
    'export interface RuleHelp {',
    '  readonly description: RuleText;',
    '  readonly fix: RuleText;',
    '}',
    '',
    '/** By locale, then by rule id: the help of each rule, from its page in that language. */',
    'export const ruleDescriptions: Readonly<Record<Locale, Readonly<Record<string, RuleHelp>>>> = {',
    ...byLocale,
    '};',
    '',
  ].join('\n');
}

/** Every derived file, by its path in the repository, as the catalogue says it should read. */
export function derivedFiles(): Map<string, string> {
  const files = new Map<string, string>([
    ['package.json', packageJson()],
    ...locales.map((locale) => [locale === 'en' ? 'package.nls.json' : `package.nls.${locale}.json`, packageNls(locale)] as [string, string]),
    ['README.md', replaceBetween(read('README.md'), 'README.md', readmeTable())],
    ['docs/rules/README.md', replaceBetween(read('docs/rules/README.md'), 'docs/rules/README.md', rulesIndex())],
    ['server/src/cli/ruleDescriptions.generated.ts', ruleDescriptionsModule()],
    ['schemas/mktplan-config.schema.json', configSchema(rules)],
    ['server/src/service/schema/validators.generated.ts', validatorsModule()],
    ['server/src/service/schema/lookAlikes.generated.ts', lookAlikesModule()],
  ]);
  for (const locale of locales) for (const rule of rules) files.set(pageFile(rule, locale), page(rule, locale));
  return files;
}

if (require.main === module) {
  let written = 0;
  for (const [file, text] of derivedFiles()) {
    if (existsSync(nodePath.join(repository, file)) && read(file) === text) continue;
    mkdirSync(nodePath.dirname(nodePath.join(repository, file)), { recursive: true });
    writeFileSync(nodePath.join(repository, file), text);
    written++;
    process.stdout.write(`wrote ${file}\n`);
  }
  process.stdout.write(written === 0 ? 'every derived file is current\n' : `${written} file(s) written\n`);
}
