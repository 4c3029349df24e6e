import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { DiskWorkspace } from '../../server/src/hosts/disk';
import { renderReport, type Provenance } from '../../server/src/report';
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
    assert.match(markdown, /\*\*Left to allocate:\*\* \u2212\$3,000\n/);
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
