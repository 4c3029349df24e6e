// Writes everything derived from the rule catalogue: the rule settings in package.json, the
// rule tables of README.md and docs/rules/README.md, and the heading block of each rule page.
// `npm run generate` writes them; a test fails when one differs from what this would write.
import { readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { rules, type Rule } from '../server/src/service';

const repository = nodePath.join(__dirname, '..');
const severities = ['error', 'warning', 'information', 'hint', 'off'];

/** The rule pages' sections, in the order of the catalogue, by the id's prefix. */
const categories: ReadonlyArray<{ prefix: string; heading: string }> = [
  { prefix: '', heading: 'Format' },
  { prefix: 'strategy/', heading: 'Strategy (`strategy/`)' },
  { prefix: 'plan/', heading: 'Plan (`plan/`)' },
  { prefix: 'budget/', heading: 'Budget (`budget/`)' },
  { prefix: 'campaign/', heading: 'Campaigns (`campaign/`)' },
  { prefix: 'dates/', heading: 'Dates (`dates/`)' },
  { prefix: 'kpi/', heading: 'KPIs and objectives (`kpi/`)' },
  { prefix: 'ref/', heading: 'References (`ref/`)' },
];

function categoryOf(rule: Rule): string {
  return rule.id.includes('/') ? rule.id.slice(0, rule.id.indexOf('/')) : 'format';
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
    .map(({ prefix, heading }) => {
      const members = rules.filter((rule) => (prefix === '' ? !rule.id.includes('/') : rule.id.startsWith(prefix)));
      return [`## ${heading}`, '', '| rule | default | what it flags |', '|---|---|---|', ...members.map((rule) => ruleRow(rule, '')), ''].join('\n');
    })
    .join('\n');
}

function pageHeading(rule: Rule): string {
  return [`# \`${rule.id}\``, '', notice, rule.summary, '', `Default severity: **${rule.defaultSeverity}** · Category: ${categoryOf(rule)}`, end].join('\n');
}

function page(rule: Rule): string {
  const file = `docs/rules/${rule.id}.md`;
  const text = read(file);
  const stop = text.indexOf(end);
  if (stop < 0) throw new Error(`${file}: the generated block's end marker is missing`);
  return pageHeading(rule) + text.slice(stop + end.length);
}

function packageJson(): string {
  const manifest = JSON.parse(read('package.json'));
  const setting = manifest.contributes.configuration.properties['mktplan.rules'];
  setting.properties = Object.fromEntries(
    rules.map((rule) => [
      rule.id,
      { type: 'string', enum: severities, default: rule.defaultSeverity, markdownDescription: `${rule.summary} [About this rule](${rule.page})` },
    ]),
  );
  return JSON.stringify(manifest, null, 2) + '\n';
}

/** Every derived file, by its path in the repository, as the catalogue says it should read. */
export function derivedFiles(): Map<string, string> {
  const files = new Map<string, string>([
    ['package.json', packageJson()],
    ['README.md', replaceBetween(read('README.md'), 'README.md', readmeTable())],
    ['docs/rules/README.md', replaceBetween(read('docs/rules/README.md'), 'docs/rules/README.md', rulesIndex())],
  ]);
  for (const rule of rules) files.set(`docs/rules/${rule.id}.md`, page(rule));
  return files;
}

if (require.main === module) {
  let written = 0;
  for (const [file, text] of derivedFiles()) {
    if (read(file) === text) continue;
    writeFileSync(nodePath.join(repository, file), text);
    written++;
    process.stdout.write(`wrote ${file}\n`);
  }
  process.stdout.write(written === 0 ? 'every derived file is current\n' : `${written} file(s) written\n`);
}
