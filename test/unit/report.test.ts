import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { DiskWorkspace } from '../../server/src/hosts/disk';
import { renderPreview, renderReport, type Provenance } from '../../server/src/report';
import { commitOf } from '../../server/src/hosts/git';
import { escapeHtml } from '../../server/src/report/escape';
import { Engine, translatorFor, type PlanView } from '../../server/src/service';
import { cleanPlan, MemoryWorkspace, oneObjectiveUnserved, plansUnder, withChange } from './helpers';

const repository = nodePath.join(__dirname, '../..');
const examples = nodePath.join(repository, 'examples');
const hostileFile = nodePath.join(repository, 'test/fixtures/view/hostile.mktplan.yaml');
const today = '2027-03-01';
const sectionIds = ['strategy', 'budget', 'timeline', 'measurement', 'traceability', 'people', 'findings'];
const commit = '0123456789abcdef0123456789abcdef01234567';

async function viewOfFile(file: string, day = today): Promise<PlanView> {
  return new Engine(new DiskWorkspace(nodePath.dirname(file))).view(file, readFileSync(file, 'utf8'), day);
}

async function viewOf(text: string, day = today): Promise<PlanView> {
  const workspace = new MemoryWorkspace();
  return new Engine(workspace).view(workspace.resolve('plan.mktplan.yaml'), text, day);
}

function render(view: PlanView, format: 'html' | 'md', locale = 'en', provenance: Provenance = {}): Promise<string> {
  return renderReport(view, translatorFor(locale), format, provenance, repository);
}

const count = (text: string, pattern: RegExp) => (text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g')) ?? []).length;

/** One section of an HTML report, from its opening tag to its end. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  assert.ok(start >= 0, `no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start) + '</section>'.length);
}

/** The cells of a Markdown table row: split at every `|` that no backslash escapes. */
function cellsOf(row: string): number {
  let cells = 0;
  for (let index = 0; index < row.length; index++) {
    if (row[index] === '\\') index++;
    else if (row[index] === '|') cells++;
  }
  return cells - 1;
}

/** The Markdown tables of a text, outside code blocks: runs of lines that start with `|`. */
function tablesOf(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | undefined;
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && line.startsWith('|')) (current ??= []).push(line);
    else if (current) {
      tables.push(current);
      current = undefined;
    }
  }
  if (current) tables.push(current);
  return tables;
}

function assertTablesIntact(markdown: string): void {
  const tables = tablesOf(markdown);
  assert.ok(tables.length > 0, 'no table');
  for (const table of tables) {
    const [head, rule] = table;
    assert.match(rule, /^\|( --- \|)+$/, `the second line of a table is its rule: ${rule}`);
    for (const row of table) assert.equal(cellsOf(row), cellsOf(head), `a row with another number of cells than its head:\n${head}\n${row}`);
  }
}

describe('the HTML report', () => {
  const files = plansUnder(examples);

  it('has the examples to render', () => assert.ok(files.length >= 4, String(files.length)));

  it('says every objective is served only when none is flagged as unserved in the traceability panel', async () => {
    const plan = oneObjectiveUnserved;
    const unserved = sectionOf(await render(await viewOf(plan), 'html'), 'traceability');
    assert.equal(count(unserved, /no campaign serves it/), 1);
    assert.doesNotMatch(unserved, /Every objective is served/);
    const served = sectionOf(await render(await viewOf(plan.replace(/ {4}- \{id: loyal.*\n/, '')), 'html'), 'traceability');
    assert.doesNotMatch(served, /no campaign serves it/);
    assert.match(served, /Every objective is served/);
  });

  for (const file of plansUnder(examples)) {
    it(`is one self-contained document for ${nodePath.relative(examples, file)}: no script, no style attribute, nothing fetched`, async () => {
      const view = await viewOfFile(file);
      const html = await render(view, 'html');
      assert.ok(html.startsWith('<!DOCTYPE html>\n'), html.slice(0, 40));
      for (const [pattern, expected] of [[/<!DOCTYPE/i, 1], [/<html[\s>]/, 1], [/<\/html>/, 1], [/<head>/, 1], [/<body>/, 1], [/<\/body>/, 1], [/<main[\s>]/, 1], [/<footer[\s>]/, 1]] as const)
        assert.equal(count(html, pattern), expected, String(pattern));
      assert.equal(html.trimEnd().slice(-'</html>'.length), '</html>');
      assert.equal(count(html, /<script/i), 0);
      assert.equal(count(html, /\sstyle\s*=/i), 0, 'no style attribute');
      assert.equal(count(html, /<link[\s>]/i), 0);
      assert.equal(count(html, /<style>/), 1, 'one style sheet, inline');
      // The SVG's namespaces are names, not resources: nothing else names a URL.
      const withoutNamespaces = html.replace(/\sxmlns(?::[a-z]+)?="http:\/\/www\.w3\.org\/[0-9]{4}\/[a-z]+"/g, '');
      assert.equal(count(withoutNamespaces, /https?:\/\//i), 0, (withoutNamespaces.match(/.{0,60}https?:\/\/.{0,60}/i) ?? [''])[0]);
      assert.equal(count(html, /\ssrc\s*=/i), 0);
      assert.match(html, /<html lang="en">/);
      for (const id of sectionIds) assert.equal(count(html, new RegExp(`<section id="${id}"`)), 1, id);
      for (const tag of ['section', 'table', 'svg', 'figure', 'ul', 'dl', 'header', 'nav']) assert.equal(count(html, new RegExp(`<${tag}[\\s>]`)), count(html, new RegExp(`</${tag}>`)), `<${tag}> opened and closed alike`);
      if (view.budget) assert.match(sectionOf(html, 'budget'), /<svg[\s>]/);
    });
  }

  it('draws the budget of the draft example over the total, and says by how much', async () => {
    const html = await render(await viewOfFile(nodePath.join(examples, 'draft.mktplan.yaml')), 'html');
    const budget = sectionOf(html, 'budget');
    assert.match(budget, /<svg[\s>]/);
    assert.ok(budget.includes(escapeHtml(translatorFor('en').t('report.budget.over', { amount: '$3,000' }))), budget.slice(0, 600));
    // Whole dollars without cents, and what is left below zero with the minus sign.
    assert.match(budget, /<dd>\$23,000<\/dd>/);
    assert.match(budget, /<dd>\u2212\$3,000<\/dd>/);
  });

  it('says which file the strategy comes from when it is imported', async () => {
    const html = await render(await viewOfFile(nodePath.join(examples, 'imports/plan-2027.mktplan.yaml')), 'html');
    assert.match(sectionOf(html, 'strategy'), /examples\/imports\/strategy\.mktplan\.yaml/);
  });

  it('writes the language of the page', async () => {
    const view = await viewOf(cleanPlan);
    for (const [locale, lang] of [['vi', 'vi'], ['ru', 'ru'], ['zh-cn', 'zh-CN']]) assert.match(await render(view, 'html', locale), new RegExp(`<html lang="${lang}">`), locale);
  });

  it('escapes text from the plan: no element, attribute or entity of its own', async () => {
    const html = await render(await viewOfFile(hostileFile), 'html');
    assert.equal(count(html, /<script/i), 0);
    for (const tag of ['<b>', '<i>', '<em>', '<img']) assert.ok(!html.includes(tag), tag);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('Linh &quot;the boss&quot; &lt;script&gt;alert(1)&lt;/script&gt; | O&#39;Brien'));
    assert.ok(html.includes('note &lt;script&gt;alert(1)&lt;/script&gt; | &quot;quoted&quot; &#39;single&#39;'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('<title>&lt;script&gt;alert(1)&lt;/script&gt; Plan &amp; &quot;Co&quot; | &#39;quoted&#39;</title>'));
    // Every attribute value is quoted and holds no raw quote or angle bracket from the plan.
    assert.equal(count(html, /="[^"]*[<>][^"]*"/), 0);
  });

  it('escapes the five characters HTML reads as its own', () => {
    assert.equal(escapeHtml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    assert.equal(escapeHtml('&amp;'), '&amp;amp;');
    assert.equal(escapeHtml('plain text'), 'plain text');
  });
});

describe('the Markdown report', () => {
  it('keeps every table whole when names, notes and statements hold | < > and quotes', async () => {
    const markdown = await render(await viewOfFile(hostileFile), 'md');
    assertTablesIntact(markdown);
    const outsideCode = markdown.replace(/```[\s\S]*?```/g, '');
    // Outside code, a `<` from the plan is escaped, so no Markdown reader takes it for HTML.
    // (The report's own line breaks in cells, `<br>`, and its quotes, `> `, aside.)
    assert.equal(count(outsideCode, /(?<!\\)<(?!br>)/), 0);
    assert.equal(count(outsideCode, /(?<!\\|<br)>(?! )/), 0);
    assert.ok(markdown.includes('Linh "the boss" \\<script\\>alert(1)\\</script\\> \\| O\'Brien (`linh`)'));
    assert.ok(markdown.includes('note \\<script\\>alert(1)\\</script\\> \\| "quoted" \'single\''));
    assert.ok(markdown.includes('Minh \\*stars\\* \\_under\\_ \\`tick\\` \\[link\\](javascript:alert(1))'));
  });

  it('keeps the tables whole when ids that name nothing hold | and markup', async () => {
    const text = [
      'mktplan: "1"',
      'plan:',
      '  kpis:',
      '    - {id: k, name: K, target: 1, unit: x, frequency: monthly, owner: "a|b"}',
      '  campaigns:',
      '    - {id: c, name: C, objective: "x|<i>y</i>", owner: "<b>boss</b>", kpis: [k]}',
      '',
    ].join('\n');
    const markdown = await render(await viewOf(text), 'md');
    assertTablesIntact(markdown);
    assert.ok(markdown.includes('`a\\|b`'), 'an id in a table cell has its | escaped');
    // Markup in an id stays code: no tag outside a code span.
    assert.doesNotMatch(markdown.replace(/`[^`]*`/g, ''), /<i>|<b>/);
    assert.ok(markdown.includes('No team member has the id `<b>boss</b>`.'), 'a finding\'s code span stays code');
  });

  it('keeps the tables of every example whole', async () => {
    for (const file of plansUnder(examples)) assertTablesIntact(await render(await viewOfFile(file), 'md'));
  });

  it('has the seven sections as headings, in order', async () => {
    const markdown = await render(await viewOf(cleanPlan), 'md');
    const t = translatorFor('en');
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(headings, sectionIds.map((id) => `## ${t.t(`report.section.${id}`)}`));
  });

  it('draws dated campaigns and milestones as a Mermaid Gantt chart, ends exclusive', async () => {
    const text = withChange('  channels:\n', '  timeline:\n    - {id: opening, name: "Opening: day #1", date: 2027-03-15}\n  channels:\n');
    const markdown = await render(await viewOf(text), 'md');
    const block = /```mermaid\n([\s\S]*?)```/.exec(markdown);
    assert.ok(block, 'a mermaid block');
    assert.deepEqual(block[1].trimEnd().split('\n'), [
      'gantt',
      '  dateFormat YYYY-MM-DD',
      '  todayMarker off',
      '  section Campaigns',
      '  Tet pickup week :campaign0, 2027-01-20, 2027-02-11',
      '  section Milestones',
      '  Opening  day  1 :milestone, milestone0, 2027-03-15, 2027-03-16',
    ]);
    assert.equal(count(markdown, /```mermaid/), 1);
  });

  it('has no Gantt chart when nothing has dates', async () => {
    const undated = withChange('      start: 2027-01-20\n      end: 2027-02-10\n', '');
    const markdown = await render(await viewOf(undated), 'md');
    assert.ok(!markdown.includes('```mermaid'));
    assert.ok(!(await render(await viewOfFile(nodePath.join(examples, 'draft.mktplan.yaml')), 'md')).includes('```mermaid'));
    assert.ok((await render(await viewOfFile(nodePath.join(examples, 'saigon-bean.mktplan.yaml')), 'md')).includes('```mermaid\ngantt\n'));
    // A reversed campaign is not drawn either.
    const reversed = withChange('      end: 2027-02-10\n', '      end: 2027-01-10\n');
    assert.ok(!(await render(await viewOf(reversed), 'md')).includes('```mermaid'));
  });
});

describe('the report\'s footer', () => {
  const lastLine = (markdown: string) => markdown.trimEnd().split('\n').pop()!;
  const footerOf = (html: string) => /<footer class="provenance">([\s\S]*?)<\/footer>/.exec(html)![1];

  it('names the file, the commit when given (its first 12 digits) and the day counted as today', async () => {
    const view = await viewOf(cleanPlan, '2027-06-15');
    const markdown = lastLine(await render(view, 'md', 'en', { commit }));
    assert.ok(markdown.includes('0123456789ab'), markdown);
    assert.ok(!markdown.includes('0123456789abc'), 'twelve digits');
    assert.ok(markdown.includes('Jun 15, 2027'), markdown);
    const html = footerOf(await render(view, 'html', 'en', { commit }));
    assert.ok(html.includes('0123456789ab'), html);
    assert.ok(html.includes('Jun 15, 2027'), html);
  });

  it('names no commit when there is none, and says so when the text was not saved', async () => {
    const view = await viewOf(cleanPlan, '2027-06-15');
    const markdown = lastLine(await render(view, 'md', 'en', {}));
    assert.ok(!/commit/i.test(markdown), markdown);
    assert.ok(markdown.includes('Jun 15, 2027'), markdown);
    const html = footerOf(await render(view, 'html', 'en', { changed: true }));
    assert.ok(!/commit/i.test(html), html);
    assert.ok(html.includes(escapeHtml(translatorFor('en').t('report.uncommitted'))), html);
  });

  it('names the file relative to the root given', async () => {
    const view = await viewOfFile(nodePath.join(examples, 'draft.mktplan.yaml'));
    assert.ok(lastLine(await render(view, 'md')).includes('examples/draft.mktplan.yaml'));
    const fromExamples = await renderReport(view, translatorFor('en'), 'md', {}, examples);
    assert.ok(lastLine(fromExamples).includes(' draft.mktplan.yaml'), lastLine(fromExamples));
  });
});

describe('the report in the reader\'s locale', () => {
  it('writes money in Vietnamese: tỷ and triệu where they are exact, đồng for VND, dots between thousands', async () => {
    const view = await viewOfFile(nodePath.join(examples, 'saigon-bean.mktplan.yaml'));
    for (const format of ['md', 'html'] as const) {
      const report = await render(view, format, 'vi');
      assert.ok(report.includes('1,2\u00a0tỷ\u00a0đồng'), format);
      assert.ok(report.includes('420\u00a0triệu\u00a0đồng'), format);
      assert.ok(!report.includes('VND') && !report.includes('₫'), format);
    }
    const markdown = await render(view, 'md', 'vi');
    assert.ok(markdown.includes('| 8.000\u00a0đơn → 20.000\u00a0đơn |'), markdown);
  });

  it('writes numbers in Russian with a space between thousands, and roubles as ₽', async () => {
    const view = await viewOfFile(nodePath.join(examples, 'imports/plan-2027.mktplan.yaml'));
    const markdown = await render(view, 'md', 'ru');
    assert.match(markdown, /24[\s\u00a0\u202f]000[\s\u00a0\u202f]000(,00)?[\s\u00a0\u202f]₽/);
    assert.ok(!/24,000,000/.test(markdown));
    assert.match(markdown, /50\u00a0000\u00a0участников/);
    // One "г." for a span within a year, after a no-break space.
    assert.ok(markdown.includes('- **Период плана**: 1 января – 31 декабря 2027\u00a0г.\n'), markdown);
  });

  it('writes Chinese with full-width marks between the pieces it assembles, money in 万 and 亿, one span with 至', async () => {
    const plan = withChange(
      '    total: 50000\n    currency: USD\n    allocations:\n      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}',
      '    total: 120000000\n    currency: CNY\n    allocations:\n      - {channel: social, amount: 90000000}\n      - {channel: events, amount: 30000000}',
    );
    const markdown = await render(await viewOf(plan), 'md', 'zh-cn');
    for (const line of [
      '- **负责人**：Tran Linh（`linh`）\n',
      '- **预算总额**：1.2亿元\n',
      '- **营销活动预算**：1.2万元\n',
      '| 渠道：`social` | 9,000万元 | 75% |\n',
      '- **计划周期**：2027年1月1日至12月31日\n',
      '- **Office workers（`office`）**——需求：fast pickup\n',
    ])
      assert.ok(markdown.includes(line), line);
    // No ASCII colon or parenthesis put after Chinese text.
    assert.doesNotMatch(markdown, /[\u4e00-\u9fff][:(]/);
    const html = await render(await viewOf(plan), 'html', 'zh-cn');
    assert.ok(html.includes('<span class="label">需求：</span>fast pickup'), 'no space after a full-width colon');
    assert.match(html, /<th scope="row">渠道：<a|<th scope="row">渠道：<code>/);
  });

  it('writes money in English with commas and the currency sign', async () => {
    const markdown = await render(await viewOfFile(nodePath.join(examples, 'draft.mktplan.yaml')), 'md', 'en');
    assert.match(markdown, /\*\*Total budget\*\*: \$20,000\n/);
    assert.match(markdown, /\*\*Left to allocate\*\*: \u2212\$3,000\n/);
  });
});

describe('commitOf', () => {
  let folder: string;
  const sha = (digit: string) => digit.repeat(40);

  beforeEach(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-commit-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** Writes files under the temporary folder, making folders as needed. */
  function write(files: Record<string, string>): void {
    for (const [path, text] of Object.entries(files)) {
      const full = nodePath.join(folder, path);
      mkdirSync(nodePath.dirname(full), { recursive: true });
      writeFileSync(full, text);
    }
  }
  const plan = (path: string) => {
    write({ [path]: cleanPlan });
    return nodePath.join(folder, path);
  };

  it('follows HEAD to a loose ref, from a file in a subfolder', async () => {
    write({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${sha('a')}\n`, '.git/packed-refs': `${sha('b')} refs/heads/main\n` });
    assert.equal(await commitOf(plan('plans/2027/plan.mktplan.yaml')), sha('a'));
  });

  it('finds a packed ref, not one whose name only ends alike', async () => {
    write({
      '.git/HEAD': 'ref: refs/heads/release\n',
      '.git/packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${sha('c')} refs/heads/pre-release\n${sha('d')} refs/heads/release\n^${sha('e')}\n`,
    });
    assert.equal(await commitOf(plan('plan.mktplan.yaml')), sha('d'));
  });

  it('reads a detached HEAD, SHA-1 or SHA-256', async () => {
    write({ '.git/HEAD': `${sha('f')}\n` });
    assert.equal(await commitOf(plan('plan.mktplan.yaml')), sha('f'));
    write({ '.git/HEAD': `${'9'.repeat(64)}\n` });
    assert.equal(await commitOf(plan('plan.mktplan.yaml')), '9'.repeat(64));
  });

  it('follows a worktree\'s .git file to its HEAD, and its branch to the main repository', async () => {
    write({
      'main/.git/HEAD': 'ref: refs/heads/main\n',
      'main/.git/refs/heads/main': `${sha('1')}\n`,
      'main/.git/refs/heads/feature': `${sha('2')}\n`,
      'main/.git/worktrees/wt/HEAD': 'ref: refs/heads/feature\n',
      'main/.git/worktrees/wt/commondir': '../..\n',
      'wt/.git': 'gitdir: ../main/.git/worktrees/wt\n',
    });
    assert.equal(await commitOf(plan('wt/plans/plan.mktplan.yaml')), sha('2'));
    assert.equal(await commitOf(plan('main/plan.mktplan.yaml')), sha('1'));
    write({ 'main/.git/worktrees/wt/HEAD': `${sha('3')}\n` });
    assert.equal(await commitOf(plan('wt/plan.mktplan.yaml')), sha('3'));
    // An absolute gitdir as well.
    write({ 'wt/.git': `gitdir: ${nodePath.join(folder, 'main/.git/worktrees/wt')}\n`, 'main/.git/worktrees/wt/HEAD': 'ref: refs/heads/main\n' });
    assert.equal(await commitOf(plan('wt/plan.mktplan.yaml')), sha('1'));
  });

  it('finds no commit outside a repository, on an unborn branch, or in a HEAD that is not one', async function () {
    for (let up = folder; ; up = nodePath.dirname(up)) {
      if (existsSync(nodePath.join(up, '.git'))) this.skip();
      if (nodePath.dirname(up) === up) break;
    }
    assert.equal(await commitOf(plan('plan.mktplan.yaml')), undefined);
    write({ '.git/HEAD': 'ref: refs/heads/main\n' });
    assert.equal(await commitOf(plan('plan.mktplan.yaml')), undefined, 'unborn branch');
    write({ '.git/HEAD': 'ref: refs/heads/../../../secret\n', secret: `${sha('4')}\n` });
    assert.equal(await commitOf(plan('plan.mktplan.yaml')), undefined, 'a ref that leaves the repository');
    write({ '.git/HEAD': 'not a head\n' });
    assert.equal(await commitOf(plan('plan.mktplan.yaml')), undefined);
  });

  it('names the commit of this repository in an export of its example', async function () {
    const file = nodePath.join(examples, 'draft.mktplan.yaml');
    const found = await commitOf(file);
    if (!found) this.skip();
    const markdown = await render(await viewOfFile(file), 'md', 'en', { commit: found });
    assert.ok(markdown.trimEnd().split('\n').pop()!.includes(found.slice(0, 12)));
  });
});

describe('where the plan stands', () => {
  /** The format's example of actuals beside `cleanPlan`: a CSV row and lines of the file, up to the end of March. */
  const actuals = [
    'mktplan: "1"',
    'imports: [plan.mktplan.yaml]',
    'actuals:',
    '  asOf: 2027-03-31',
    '  spend:',
    '    - {date: 2027-01-31, campaign: tet, amount: 9000}',
    '    - {date: 2027-02-10, campaign: tet, amount: 4100, note: extra print run}',
    '    - {date: 2027-03-31, channel: social, amount: 6000}',
    '    - {date: 2027-04-02, channel: social, amount: 700}',
    '  results:',
    '    - {date: 2027-02-28, kpi: pickups, value: 12000}',
    '    - {date: 2027-03-31, kpi: pickups, value: 14500}',
    '  sources:',
    '    - {file: exports/ads.csv, kind: spend, columns: {date: Day, campaign: Campaign, amount: Cost}, dateFormat: DD.MM.YYYY, decimal: ","}',
    '',
  ].join('\n');
  const csv = 'Day;Campaign;Cost\n31.01.2027;tet;1 250,50\n';
  const workspaceOf = (files: Record<string, string>) => new MemoryWorkspace({ 'plan.mktplan.yaml': cleanPlan, 'exports/ads.csv': csv, ...files });

  async function viewIn(workspace: MemoryWorkspace, name = 'plan.mktplan.yaml'): Promise<PlanView> {
    return new Engine(workspace).view(workspace.resolve(name), workspace.files.get(workspace.resolve(name))!, today);
  }

  const money = (exact: string) => ({ exact, value: Number(exact) });

  it('gives what each item was planned and spent up to asOf, its share of its span gone and the even pace, from the lines and the CSV alike', async () => {
    const workspace = workspaceOf({ '2027.actuals.mktplan.yaml': actuals });
    const standing = (await viewIn(workspace)).standing!;
    assert.equal(standing.file, workspace.resolve('2027.actuals.mktplan.yaml'));
    assert.equal(standing.plan, workspace.resolve('plan.mktplan.yaml'));
    assert.equal(standing.asOf, '2027-03-31');
    assert.equal(standing.currency, 'USD');
    const [tet] = standing.campaigns;
    // 9,000 and 4,100 written, 1,250.50 from the CSV; the campaign has ended, so an even pace has spent it all.
    assert.deepEqual(
      { id: tet.id, planned: tet.planned, spent: tet.spent, spentShare: tet.spentShare, elapsed: tet.elapsed, evenPace: tet.evenPace, span: tet.span },
      { id: 'tet', planned: money('12000'), spent: money('14350.5'), spentShare: 1.195875, elapsed: 1, evenPace: money('12000'), span: { start: '2027-01-20', end: '2027-02-10' } },
    );
    assert.deepEqual(
      standing.channels.map((channel) => [channel.id, channel.planned.exact, channel.spent.exact, channel.evenPace?.exact]),
      // 90 days of 365 gone: the line of 2 April counts for nothing yet.
      [
        ['social', '35000', '6000', '8630'],
        ['events', '15000', '0', '3699'],
      ],
    );
    assert.equal(standing.channels[0].elapsed, 90 / 365);
    assert.deepEqual(standing.total.planned, money('50000'));
    assert.deepEqual(standing.total.spent, money('20350.5'));
    assert.deepEqual(standing.spending, [
      { date: '2027-01-31', spent: money('10250.5'), evenPace: money('4247') },
      { date: '2027-02-10', spent: money('14350.5'), evenPace: money('5616') },
      { date: '2027-03-31', spent: money('20350.5'), evenPace: money('12329') },
    ]);
    assert.deepEqual(standing.pace, [
      { date: '2027-01-01', amount: money('137') },
      { date: '2027-12-31', amount: money('50000') },
    ]);
    const [pickups] = standing.kpis;
    assert.deepEqual(
      { id: pickups.id, latest: pickups.latest, results: pickups.results, target: pickups.target, path: pickups.path },
      { id: 'pickups', latest: { date: '2027-03-31', value: 14500 }, results: [{ date: '2027-02-28', value: 12000 }, { date: '2027-03-31', value: 14500 }], target: 20000, path: undefined },
    );
  });

  it('runs a KPI\'s path from its baseline on the period\'s start to its target on its due date, then holds it', async () => {
    const plan = withChange('    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}', '    - {id: pickups, name: App pickups, baseline: 2000, target: 20000, unit: orders, due: 2027-07-01}');
    const [pickups] = (await viewIn(workspaceOf({ 'plan.mktplan.yaml': plan, '2027.actuals.mktplan.yaml': actuals }))).standing!.kpis;
    // 181 days from 1 January to 1 July: by 31 March (89 days) the path stands at 2,000 + 18,000 × 89 / 181.
    assert.deepEqual(pickups.path, [
      { date: '2027-01-01', value: 2000 },
      { date: '2027-07-01', value: 20000 },
      { date: '2027-12-31', value: 20000 },
    ]);
    assert.equal(pickups.pathAtLatest, Math.round((2000 + (18000 * 89) / 181) * 100) / 100);
    assert.deepEqual(
      pickups.results.map((result) => result.path),
      [Math.round((2000 + (18000 * 58) / 181) * 100) / 100, pickups.pathAtLatest],
    );
  });

  it('reads the actuals with the latest asOf, then the first by path; an actuals file shows its own', async () => {
    const dated = (asOf: string) => actuals.replace('asOf: 2027-03-31', `asOf: ${asOf}`);
    const tie = workspaceOf({ 'b.actuals.mktplan.yaml': dated('2027-03-31'), 'a.actuals.mktplan.yaml': dated('2027-03-31') });
    assert.equal((await viewIn(tie)).standing!.file, tie.resolve('a.actuals.mktplan.yaml'));
    const later = workspaceOf({ 'a.actuals.mktplan.yaml': dated('2027-03-31'), 'b.actuals.mktplan.yaml': dated('2027-04-30') });
    const standing = (await viewIn(later)).standing!;
    assert.equal(standing.file, later.resolve('b.actuals.mktplan.yaml'));
    assert.equal(standing.asOf, '2027-04-30');
    // The line of 2 April counts by 30 April.
    assert.equal(standing.channels[0].spent.exact, '6700');
    const own = (await viewIn(later, 'a.actuals.mktplan.yaml')).standing!;
    assert.equal(own.file, later.resolve('a.actuals.mktplan.yaml'));
    assert.equal(own.asOf, '2027-03-31');
  });

  it('lists the open actuals findings of the actuals file, each at its line there', async () => {
    const workspace = workspaceOf({ '2027.actuals.mktplan.yaml': actuals });
    const file = workspace.resolve('2027.actuals.mktplan.yaml');
    const { findings } = (await viewIn(workspace)).standing!;
    const lineOf = (text: string) => actuals.split('\n').findIndex((line) => line.includes(text));
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.at.file, finding.at.line]),
      [
        ['actuals/kpi-behind', file, lineOf('asOf')],
        ['actuals/off-pace', file, lineOf('asOf')],
        ['actuals/off-pace', file, lineOf('asOf')],
        ['actuals/overspent', file, lineOf('amount: 4100')],
        ['actuals/after-as-of', file, lineOf('2027-04-02')],
      ].sort((a, b) => (a[2] as number) - (b[2] as number)),
    );
  });

  it('has no section without actuals that measure the plan', async () => {
    const view = await viewIn(workspaceOf({}));
    assert.equal(view.standing, undefined);
    const html = await render(view, 'html');
    assert.equal(count(html, /id="standing"/), 0);
    assert.equal(count(html, /href="#standing"/), 0);
    assert.ok(!(await render(view, 'md')).includes(`## ${translatorFor('en').t('report.section.standing')}`));
  });

  it('draws the section after the budget: planned against spent, spending over time and each KPI, as SVG with no script and nothing fetched, and the figures in tables', async () => {
    const view = await viewIn(workspaceOf({ '2027.actuals.mktplan.yaml': actuals }));
    const html = await render(view, 'html');
    const at = (id: string) => html.indexOf(`<section id="${id}"`);
    assert.ok(at('budget') < at('standing') && at('standing') < at('timeline'), 'after the budget, before the timeline');
    assert.ok(html.indexOf('href="#budget"') < html.indexOf('href="#standing"'), 'in the navigation after the budget');
    const section = sectionOf(html, 'standing');
    assert.equal(count(section, /<svg[\s>]/), 3, 'planned against spent, spending over time, and the one KPI');
    assert.equal(count(section, /<figure class="chart">/), 3);
    for (const pattern of [/<script/i, /\sstyle\s*=/i, /\s(?:src|href)\s*=/i, /url\(/i]) assert.equal(count(section, pattern), 0, String(pattern));
    assert.equal(count(section.replace(/\sxmlns(?::[a-z]+)?="http:\/\/www\.w3\.org\/[0-9]{4}\/[a-z]+"/g, ''), /https?:\/\//), 0);
    for (const tag of ['table', 'svg', 'figure', 'details', 'ul', 'dl']) assert.equal(count(section, new RegExp(`<${tag}[\\s>]`)), count(section, new RegExp(`</${tag}>`)), tag);
    // The bars' figures, and the same in the table beside them.
    assert.ok(section.includes('planned $12,000'), 'a planned bar');
    assert.ok(section.includes('spent $14,350.50 · 119.6%'), 'a spent bar');
    assert.match(section, /<th scope="row">Campaign: Tet pickup week <code>tet<\/code><\/th><td class="num">\$12,000<\/td><td class="num">\$14,350\.50<\/td><td class="num">119\.6%<\/td><td class="num">100%<\/td><td class="num">\$12,000<\/td><\/tr>/);
    assert.match(section, /<th scope="row">In all<\/th><td class="num">\$50,000<\/td><td class="num">\$20,350\.50<\/td>/);
    assert.match(section, /<tr><th scope="row">Mar 31, 2027<\/th><td class="num">\$20,350\.50<\/td><td class="num">\$12,329<\/td><\/tr>/);
    assert.match(section, /<th scope="row">App pickups <code>pickups<\/code><\/th><td class="num">14,500\u00a0orders<\/td><td>Mar 31, 2027<\/td><td class="num">—<\/td><td class="num">20,000\u00a0orders<\/td>/);
    assert.equal(count(section, /<ul class="findings"><li/), 1);
    assert.equal(count(section, /<li class="(?:error|warning|information)">/), 5);
  });

  it('links each actuals finding to its line of the actuals file in the preview', async () => {
    const workspace = workspaceOf({ '2027.actuals.mktplan.yaml': actuals });
    const { body } = await renderPreview(await viewIn(workspace), translatorFor('en'), repository);
    const section = sectionOf(body, 'standing');
    const line = actuals.split('\n').findIndex((text) => text.includes('amount: 4100'));
    assert.ok(section.includes(`data-file="${workspace.resolve('2027.actuals.mktplan.yaml')}" data-line="${line}"`), section.slice(-1500));
    // Items link to the plan, where they are defined.
    assert.ok(section.includes(`data-file="${workspace.resolve('plan.mktplan.yaml')}" data-line="${cleanPlan.split('\n').indexOf('    - id: tet')}"`));
  });

  it('writes the section in Markdown as tables, after the budget', async () => {
    const markdown = await render(await viewIn(workspaceOf({ '2027.actuals.mktplan.yaml': actuals })), 'md');
    const t = translatorFor('en');
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(headings.slice(1, 4), ['budget', 'standing', 'timeline'].map((id) => `## ${t.t(`report.section.${id}`)}`));
    assertTablesIntact(markdown);
    const section = markdown.slice(markdown.indexOf(`## ${t.t('report.section.standing')}`), markdown.indexOf(`## ${t.t('report.section.timeline')}`));
    assert.ok(!section.includes('<svg'));
    for (const row of [
      '| Campaign: Tet pickup week (`tet`) | $12,000 | $14,350.50 | 119.6% | 100% | $12,000 |',
      '| Channel: `social` | $35,000 | $6,000 | 17.1% | 24.7% | $8,630 |',
      '| In all | $50,000 | $20,350.50 | 40.7% | 24.7% | $12,329 |',
      '| Jan 31, 2027 | $10,250.50 | $4,247 |',
      '| App pickups (`pickups`) | 14,500\u00a0orders | Mar 31, 2027 | — | 20,000\u00a0orders |',
      '| Feb 28, 2027 | 12,000\u00a0orders | — |',
    ])
      assert.ok(section.includes(row), `${row}\n${section}`);
    assert.equal(count(section, /^- \*\*(?:Warning|Note|Error)\*\* line \d+: /m), 5);
  });
});
