#!/usr/bin/env node
// `mktplan diff --format markdown` as a pull request's comment shows it: the report of the change in
// test/fixtures/diff (in English, Vietnamese and Chinese) and of a larger change made here (many
// KPI targets), each rendered by micromark with GitHub Flavored Markdown and raw HTML (GitHub is
// cmark-gfm; its <details> pass through), styled with github-markdown-css inlined in the page, and
// opened over file:// in Debian's Chromium (playwright-core, headless) 1000 px wide.
//
// For each page it fails when:
//   - the page asks for anything but its own file:// URL and data: URLs, the console logs an
//     error or a warning, or the page throws;
//   - the headline is missing: the <h2>, the plan's <h3> with its file in <code>, the <strong>
//     budget label opening the paragraph under it, with the total before and after;
//   - the <details> are not one per part of the plan the change touches, plus one per objectives
//     left unserved, findings introduced and findings resolved (counted from `--format json`); a
//     part does not hold its changes (list items and table rows) or its summary says another
//     number; a part of more than 8 changes is open or a shorter one is folded;
//   - the budget's amounts are not a <table> of 4 cells in every row with the three amount
//     columns right-aligned (computed style), or its `total` row lacks the totals as the locale
//     writes them;
//   - an id of the change (items, renamed ids, references, people, rules) is not in a <code>
//     somewhere, or shows outside one;
//   - Markdown syntax shows as text outside code: `**`, a backtick, a backslash before
//     punctuation (`\|`, `\+`), `_` at a word's edge, `<details`, `<summary`;
//   - with every part unfolded, the body or any box in it is wider than the page at 1000 px.
//
// It also saves the documentation's screenshots (1000 px wide, the full page up to 2400 px):
//   docs/images/diff-markdown.png     (English)
//   docs/images/diff-markdown-vi.png  (Vietnamese)
//
// Usage: node test/e2e/diff-markdown.mjs   (npm run test:report builds first)
//   Needs dist/cli.js (npm run build) and Debian's chromium at /usr/bin/chromium
//   (test/e2e/report.mjs, which test:report runs first, installs it).
//   Environment:
//     MKTPLAN_REPORT_KEEP=1  keep the temporary folder (each Markdown, HTML page and a screenshot
//                            of each) and print its path

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { chromium } from 'playwright-core';
import { parseDocument } from 'yaml';
import { CHROMIUM, exists } from './setup.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const IMAGES = path.join(REPO, 'docs', 'images');
const FIXTURE_BEFORE = 'test/fixtures/diff/before.mktplan.yaml';
const FIXTURE_AFTER = 'test/fixtures/diff/after.mktplan.yaml';
const CSS = path.join(REPO, 'node_modules', 'github-markdown-css', 'github-markdown-light.css');
const WIDTH = 1000;
const MAX_HEIGHT = 2400;
// As server/src/report/diff.ts folds: a part of more changes than this is closed.
const OPEN_UP_TO = 8;
// The KPIs the larger change adds to both versions, each with another target after.
const EXTRA_KPIS = 12;
const KEEP = process.env.MKTPLAN_REPORT_KEEP === '1';
const LANG = { en: 'en', vi: 'vi', 'zh-cn': 'zh-CN' };

// The budget total of the fixture's pair before and after, as each locale writes it (Vietnamese
// keeps a number and its unit together with no-break spaces).
const TOTALS = {
  en: { label: 'Budget total', before: '₫1,200,000,000', after: '₫1,300,000,000' },
  // Every digit, in each language's grouping: a reviewer compares amounts to the last one.
  vi: { label: 'Tổng ngân sách', before: '1.200.000.000\u00a0đồng', after: '1.300.000.000\u00a0đồng' },
  'zh-cn': { label: '预算总额', before: '1,200,000,000越南盾', after: '1,300,000,000越南盾' },
};

const t0 = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[diff-markdown ${seconds(t0)}] ${msg}`);

/** `node dist/cli.js diff` on a pair; its standard output (exit 0, or 1 for a finding at the fail severity). */
function diff(pair, format, locale) {
  const args = [CLI, 'diff', '--format', format, '--locale', locale, pair.before, pair.after];
  const r = spawnSync(process.execPath, args, { cwd: pair.cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`node could not start: ${r.error.message}`);
  if ((r.status !== 0 && r.status !== 1) || r.stdout.length === 0) throw new Error(`node dist/cli.js ${args.slice(1).join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** A larger change: the fixture's pair with EXTRA_KPIS more KPIs whose targets all change. */
function writeLargePair(dir) {
  const withKpis = (file, bump) => {
    const doc = parseDocument(fs.readFileSync(path.join(REPO, file), 'utf8'));
    const kpis = doc.getIn(['plan', 'kpis']);
    for (let i = 1; i <= EXTRA_KPIS; i++) {
      const n = String(i).padStart(2, '0');
      kpis.add(doc.createNode({ id: `cua-hang-${n}`, name: `Khách mỗi ngày ở cửa hàng ${n}`, metric: 'số khách mỗi ngày', target: 100 * i + bump, unit: 'khách', direction: 'increase', frequency: 'monthly', owner: 'minh' }));
    }
    return doc.toString();
  };
  fs.writeFileSync(path.join(dir, 'before.mktplan.yaml'), withKpis(FIXTURE_BEFORE, 0));
  fs.writeFileSync(path.join(dir, 'after.mktplan.yaml'), withKpis(FIXTURE_AFTER, 50));
  return { cwd: dir, before: 'before.mktplan.yaml', after: 'after.mktplan.yaml' };
}

/** What the page must show, from the comparison as data: the parts with their counts, and the ids. */
function expectedOf(json) {
  const [plan] = JSON.parse(json).plans;
  const counts = new Map();
  for (const change of plan.changes) counts.set(change.section, (counts.get(change.section) ?? 0) + 1);
  const parts = [...counts.values()];
  if (plan.unserved.length > 0) parts.push(plan.unserved.length);
  if (plan.findings.introduced.length > 0) parts.push(plan.findings.introduced.length);
  if (plan.findings.resolved.length > 0) parts.push(plan.findings.resolved.length);

  const ids = new Set();
  const item = (ref) => {
    if (!ref) return;
    if (ref.id !== undefined) ids.add(ref.id);
    item(ref.target);
    item(ref.parent);
  };
  for (const change of plan.changes) {
    item(change.item);
    if (change.change === 'renamed') ids.add(change.from).add(change.to);
    if (change.change === 'value' && change.ref) for (const value of [change.before, change.after]) if (value !== undefined) ids.add(value);
    if (change.change === 'person') for (const person of [change.before, change.after]) if (person) ids.add(person.id);
    if (change.change === 'entries' && change.ref) for (const value of [...change.added, ...change.removed]) ids.add(value);
  }
  for (const entry of plan.unserved) [entry.objective, ...entry.campaigns].forEach(item);
  for (const finding of [...plan.findings.introduced, ...plan.findings.resolved]) ids.add(finding.code);
  return { parts, ids: [...ids] };
}

/** The rendered Markdown in a page of its own: GitHub's stylesheet inlined, nothing else to load. */
function pageOf(markdown, locale, css) {
  const body = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return `<!doctype html>
<html lang="${LANG[locale]}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mktplan diff</title>
<style>${css}</style>
<style>.markdown-body { box-sizing: border-box; min-width: 200px; max-width: 980px; margin: 0 auto; padding: 45px; }</style>
</head>
<body>
<article class="markdown-body">
${body}
</article>
</body>
</html>
`;
}

// In the page: what the checks read. The ids come in as the argument.
function readPage(ids) {
  const article = document.querySelector('article');

  const h2 = article.querySelector('h2');
  const h3 = article.querySelector('h3');
  const headlineParagraph = h3?.nextElementSibling;
  const strong = headlineParagraph?.tagName === 'P' && headlineParagraph.firstElementChild?.tagName === 'STRONG' && headlineParagraph.firstChild === headlineParagraph.firstElementChild ? headlineParagraph.firstElementChild : undefined;

  const details = [...article.querySelectorAll('details')].map((d) => ({
    summary: d.querySelector(':scope > summary')?.textContent.trim() ?? '',
    open: d.open,
    items: d.querySelectorAll(':scope > ul > li').length + d.querySelectorAll(':scope > table > tbody > tr').length,
  }));

  const tables = [...article.querySelectorAll('table')].map((table) => {
    const rows = [...table.rows];
    return {
      cellsPerRow: rows.map((row) => row.cells.length),
      // The amount columns, header included: their computed alignment.
      amountAlign: [...new Set(rows.flatMap((row) => [...row.cells].slice(1).map((cell) => getComputedStyle(cell).textAlign)))],
      rows: rows.map((row) => ({ code: [...row.cells[0].querySelectorAll('code')].map((c) => c.textContent), cells: [...row.cells].map((cell) => cell.textContent.trim()) })),
    };
  });

  // Text outside code, as a reader sees it (folded parts included: they unfold).
  const outside = [];
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.closest('code, pre')) outside.push(node.textContent);
  }
  const prose = outside.join('\n');
  const inCode = [...article.querySelectorAll('code')].map((c) => c.textContent);
  const token = (id) => new RegExp(`(?<![\\p{L}\\p{N}_-])${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}_-])`, 'u');
  const idsNotInCode = ids.filter((id) => !inCode.some((text) => token(id).test(text)));
  const idsOutsideCode = ids.filter((id) => token(id).test(prose));

  const syntax = [
    ['**', /\*\*/],
    ['a backtick', /`/],
    ['a backslash escape', /\\[!-/:-@[-`{-~]/],
    ['_ at a word edge', /(^|[\s(])_[^\s_]|[^\s_]_([\s.,;:)]|$)/m],
    ['<details', /<details/i],
    ['<summary', /<summary/i],
  ]
    .filter(([, pattern]) => pattern.test(prose))
    .map(([name, pattern]) => {
      const at = prose.search(pattern);
      return `${name}: …${prose.slice(Math.max(0, at - 30), at + 30).replace(/\s+/g, ' ')}…`;
    });

  return {
    h2: h2?.textContent.trim() ?? '',
    h3Code: h3?.querySelector('code')?.textContent ?? '',
    strong: strong?.textContent.trim(),
    headline: headlineParagraph?.textContent ?? '',
    details,
    tables,
    idsNotInCode,
    idsOutsideCode,
    syntax,
    height: document.documentElement.scrollHeight,
  };
}

// In the page, with every part unfolded: what is wider than the page or than its own box.
function readWidths() {
  for (const d of document.querySelectorAll('details')) d.open = true;
  const root = document.documentElement;
  return {
    pageScrollsSideways: root.scrollWidth > root.clientWidth,
    wide: [...document.querySelectorAll('article, article *')]
      .filter((el) => el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 50)}" (${el.scrollWidth} px in ${el.clientWidth} px)`),
  };
}

/** Every problem with one rendered report, as sentences. */
function problemsOf(seen, expected, totals) {
  const problems = [];
  if (!seen.h2) problems.push('no <h2> headline');
  if (!seen.h3Code) problems.push('no <h3> with the plan\'s file in <code>');
  if (seen.strong === undefined) problems.push(`the paragraph under the <h3> does not open with a <strong> budget label: "${seen.headline.slice(0, 80)}"`);
  // The label's colon may stand inside the bold or after it.
  else if (seen.strong.replace(/[:：]$/, '') !== totals.label) problems.push(`the headline's <strong> is "${seen.strong}", expected "${totals.label}"`);
  if (!seen.headline.includes(totals.before) || !seen.headline.includes(totals.after)) problems.push(`the headline lacks ${totals.before} → ${totals.after}: "${seen.headline.slice(0, 120)}"`);

  if (seen.details.length !== expected.parts.length) problems.push(`${seen.details.length} <details>, expected ${expected.parts.length} (the parts the change touches, objectives left unserved, findings introduced and resolved)`);
  const rendered = seen.details.map((d) => d.items).sort((a, b) => a - b);
  const wanted = [...expected.parts].sort((a, b) => a - b);
  if (rendered.join() !== wanted.join()) problems.push(`the <details> hold ${rendered.join(', ')} changes, expected ${wanted.join(', ')}`);
  for (const d of seen.details) {
    const number = d.summary.match(/\d+/)?.[0];
    if (Number(number) !== d.items) problems.push(`<summary> "${d.summary}" over ${d.items} item(s)`);
    if (d.items > OPEN_UP_TO && d.open) problems.push(`"${d.summary}" holds ${d.items} changes and is not folded`);
    if (d.items <= OPEN_UP_TO && !d.open) problems.push(`"${d.summary}" holds ${d.items} changes and is folded`);
  }

  if (seen.tables.length !== 1) problems.push(`${seen.tables.length} <table>, expected the budget's one`);
  for (const table of seen.tables) {
    if (table.cellsPerRow.some((n) => n !== 4)) problems.push(`a budget table row without 4 cells: ${table.cellsPerRow.join(', ')}`);
    // Chromium computes the `align="right"` GFM writes as -webkit-right.
    if (table.amountAlign.some((align) => align !== 'right' && align !== '-webkit-right')) problems.push(`the amount columns are aligned ${table.amountAlign.join(', ')}, expected right`);
    const total = table.rows.find((row) => row.code.includes('total'));
    if (!total) problems.push('no `total` row in the budget table');
    else if (total.cells[1] !== totals.before || total.cells[2] !== totals.after) problems.push(`the total row reads ${total.cells[1]} → ${total.cells[2]}, expected ${totals.before} → ${totals.after}`);
  }

  if (seen.idsNotInCode.length > 0) problems.push(`ids in no <code>: ${seen.idsNotInCode.join(', ')}`);
  if (seen.idsOutsideCode.length > 0) problems.push(`ids shown outside <code>: ${seen.idsOutsideCode.join(', ')}`);
  for (const syntax of seen.syntax) problems.push(`Markdown shows as text, ${syntax}`);
  if (seen.pageScrollsSideways) problems.push(`the page is wider than a ${WIDTH} px window`);
  if (seen.wide.length > 0) problems.push(`wider than its box at ${WIDTH} px: ${seen.wide.join('; ')}`);
  return problems;
}

async function checkReport(browser, { name, locale, pair, shot, dir, css }) {
  const markdown = diff(pair, 'markdown', locale);
  const expected = expectedOf(diff(pair, 'json', 'en'));
  const html = path.join(dir, `${name}.html`);
  fs.writeFileSync(html, pageOf(markdown, locale, css));
  if (KEEP) fs.writeFileSync(path.join(dir, `${name}.md`), markdown);
  const url = pathToFileURL(html).href;

  const context = await browser.newContext({ colorScheme: 'light', viewport: { width: WIDTH, height: 900 } });
  const problems = [];
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('request', (request) => {
      const u = request.url();
      if (u !== url && !u.startsWith('data:')) problems.push(`request to ${u}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response && !response.ok()) problems.push(`loading ${url} answered ${response.status()}`);

    const seen = await page.evaluate(readPage, expected.ids);
    // As it comes, folded parts folded: the screenshots show what a reader first sees.
    if (shot) {
      const out = path.join(IMAGES, shot);
      await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height: Math.min(seen.height, MAX_HEIGHT) } });
      log(`  saved ${path.relative(REPO, out)}`);
    }
    Object.assign(seen, await page.evaluate(readWidths));
    if (KEEP) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
    problems.push(...problemsOf(seen, expected, TOTALS[locale]));
    if (problems.length > 0) throw new Error(problems.join('\n    '));
    return { seen, expected };
  } finally {
    await context.close();
  }
}

async function main() {
  if (!exists(CLI)) throw new Error('dist/cli.js is missing: npm run build');
  if (!exists(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: node test/e2e/report.mjs installs it (as root), or apt-get install -y chromium`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mktplan-diff-markdown-'));
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  const large = path.join(dir, 'large');
  fs.mkdirSync(large);
  const css = fs.readFileSync(CSS, 'utf8');
  const fixture = { cwd: REPO, before: FIXTURE_BEFORE, after: FIXTURE_AFTER };
  const reports = [
    { name: 'en', locale: 'en', pair: fixture, shot: 'diff-markdown.png' },
    { name: 'vi', locale: 'vi', pair: fixture, shot: 'diff-markdown-vi.png' },
    { name: 'zh-cn', locale: 'zh-cn', pair: fixture },
    { name: `en-${EXTRA_KPIS}-more-kpis`, locale: 'en', pair: writeLargePair(large) },
  ];
  let browser;
  let passed = 0;
  let failed = 0;
  try {
    log(`launching ${CHROMIUM}`);
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') };
    for (const k of Object.keys(env)) if (/^(npm_|INIT_CWD$)/i.test(k)) delete env[k];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      env,
      timeout: 60_000,
    });
    fs.mkdirSync(IMAGES, { recursive: true });
    for (const report of reports) {
      const tReport = Date.now();
      try {
        const { seen, expected } = await checkReport(browser, { ...report, dir, css });
        const parts = seen.details.map((d) => `${d.summary}${d.open ? '' : ' folded'}`).join(', ');
        log(`ok ${report.name}: ${parts}; budget table ${seen.tables[0].rows.length} rows; ${expected.ids.length} ids in code (${seconds(tReport)})`);
        passed++;
      } catch (err) {
        log(`FAILED ${report.name}:\n    ${err.message}`);
        failed++;
      }
    }
  } finally {
    if (browser) await browser.close().catch((e) => log(`warning: closing the browser: ${e.message}`));
    if (KEEP) log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[diff-markdown] FAILED: ${err?.stack || err}`);
    process.exit(1);
  },
);
