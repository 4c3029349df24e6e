#!/usr/bin/env node
// The exported HTML report in a real browser: each example exported with
// `node dist/cli.js export` (as of 2027-05-01, in English and in one other
// language), opened over file:// in Debian's Chromium (playwright-core, headless)
// in a light and a dark colour scheme, and printed to an A4 PDF.
//
// For each page and scheme it fails when:
//   - the page asks for anything but its own file:// URL and data: URLs;
//   - the console logs an error or a warning (a CSP violation is one), or the page throws;
//   - the document has no title, or its <html lang> is not the locale asked for;
//   - the plan has a budget and the Budget section has no drawn <svg> chart;
//   - actuals measure the plan (saigon-bean: examples/saigon-bean.actuals.mktplan.yaml) and the
//     section "Where the plan stands" is missing, out of the navigation, or has fewer drawn <svg>
//     charts than planned against spent, spending over time and one a KPI; or it is there for a
//     plan no actuals measure;
//   - text and background of <body> have the same colour, or a chart's text is hard to
//     read against the page (contrast below 3:1);
//   - the PDF is empty or has no page.
// And across the two schemes: the body's text colour and background must both change.
//
// It also saves the documentation's screenshots:
//   docs/images/report-saigon-bean-light.png  (English, light, 1100 px wide, at most 2400 px tall)
//   docs/images/report-saigon-bean-dark.png   (Vietnamese, dark, same size)
//   docs/images/report-draft-budget.png       (the draft's Budget section, English, light: over-allocated)
//
// Usage: node test/e2e/report.mjs   (npm run test:report builds first)
//   Needs Debian's chromium at /usr/bin/chromium: installed with apt when it is missing and
//   this runs as root (as test/e2e/setup.mjs does), else it stops and says what to install.
//   Environment:
//     MKTPLAN_REPORT_KEEP=1  keep the temporary folder (the HTML, the PDFs and a screenshot of
//                            every page and scheme) and print its path

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { CHROMIUM, exists, onPath } from './setup.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const IMAGES = path.join(REPO, 'docs', 'images');
const AS_OF = '2027-05-01';
const WIDTH = 1100;
const MAX_HEIGHT = 2400;
const KEEP = process.env.MKTPLAN_REPORT_KEEP === '1';

// Each example in English and in one other language.
const EXAMPLES = [
  { name: 'draft', file: 'examples/draft.mktplan.yaml', locales: ['en', 'zh-cn'] },
  { name: 'saigon-bean', file: 'examples/saigon-bean.mktplan.yaml', locales: ['en', 'vi'], standing: { kpis: 4 } },
  { name: 'plan-2027', file: 'examples/imports/plan-2027.mktplan.yaml', locales: ['en', 'ru'] },
];
const LANG = { en: 'en', vi: 'vi', 'zh-cn': 'zh-CN', ru: 'ru' };

// The documentation's screenshots: which export, which scheme, what part.
const SHOTS = [
  { name: 'saigon-bean', locale: 'en', scheme: 'light', out: 'report-saigon-bean-light.png' },
  { name: 'saigon-bean', locale: 'vi', scheme: 'dark', out: 'report-saigon-bean-dark.png' },
  { name: 'draft', locale: 'en', scheme: 'light', out: 'report-draft-budget.png', selector: '#budget' },
];

const t0 = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[report ${seconds(t0)}] ${msg}`);

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8', ...options });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  return r;
}

/** Debian's chromium, as test/e2e/setup.mjs installs it (without its code-server part). */
function ensureChromium() {
  if (exists(CHROMIUM)) return;
  const cmd = 'apt-get update && apt-get install -y chromium';
  if (!onPath('apt-get')) throw new Error(`${CHROMIUM} is missing and there is no apt-get: install Chromium there by hand (Debian: ${cmd})`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) throw new Error(`${CHROMIUM} is missing: run \`${cmd}\` as root, then this again`);
  log(`${CHROMIUM} is missing: ${cmd}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const r = run('apt-get', args, { env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  }
  if (!exists(CHROMIUM)) throw new Error(`still no ${CHROMIUM} after apt-get install chromium`);
}

function ensureBuilt() {
  if (exists(CLI)) return;
  log('dist/cli.js is missing: npm run build');
  const r = run('npm', ['run', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`);
}

/** Exports one example to HTML; returns the file written. */
function exportHtml(example, locale, dir) {
  const out = path.join(dir, `${example.name}.${locale}.html`);
  const args = [CLI, 'export', '--format', 'html', '--as-of', AS_OF, '--locale', locale, '-o', out, example.file];
  const r = run(process.execPath, args);
  if (r.status !== 0) throw new Error(`node dist/cli.js ${args.slice(1).join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr.trim()}`);
  const html = exists(out) ? fs.readFileSync(out, 'utf8') : '';
  if (html.length === 0) throw new Error(`export of ${example.file} (${locale}) wrote nothing to ${out}`);
  // What the page promises before a browser sees it.
  if (!/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/.test(html)) throw new Error(`${out}: no Content-Security-Policy meta tag with default-src 'none'`);
  if (/<script\b/i.test(html)) throw new Error(`${out}: contains a <script>`);
  return { out, headings: [...html.matchAll(/<h2\b[^>]*>([^<]*)</g)].map((m) => m[1]) };
}

/** Does the plan have a budget (then the report must draw a chart of it)? */
function hasBudget(file) {
  const doc = parseYaml(fs.readFileSync(path.join(REPO, file), 'utf8'));
  return doc?.plan?.budget !== undefined && doc?.plan?.budget !== null;
}

// In the page: colours as [r, g, b, a], the contrast of two, and what the checks read.
function readPage() {
  const rgba = (css) => {
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return undefined;
    const [r, g, b, a = '1'] = m[1].split(/[\s,/]+/).filter(Boolean);
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const contrast = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const body = getComputedStyle(document.body);
  const bg = rgba(body.backgroundColor);
  const lowContrast = [];
  for (const text of document.querySelectorAll('.chart-svg text')) {
    const fill = rgba(getComputedStyle(text).fill);
    if (!fill || fill[3] === 0 || !text.textContent.trim()) continue;
    const ratio = contrast(fill, bg);
    if (ratio < 3) lowContrast.push(`"${text.textContent.trim().slice(0, 40)}" ${getComputedStyle(text).fill} (${ratio.toFixed(2)}:1)`);
  }
  const drawn = (selector) =>
    [...document.querySelectorAll(selector)].map((svg) => {
      const box = svg.getBoundingClientRect();
      return { width: box.width, height: box.height, shapes: svg.querySelectorAll('path, rect').length };
    });
  const budgetCharts = drawn('#budget svg');
  return {
    title: document.title,
    lang: document.documentElement.lang,
    color: body.color,
    background: body.backgroundColor,
    bodyContrast: bg ? contrast(rgba(body.color), bg) : 0,
    svgs: document.querySelectorAll('svg').length,
    budgetCharts,
    standing: document.querySelector('#standing') ? { charts: drawn('#standing svg'), inNavigation: document.querySelector('nav a[href="#standing"]') !== null } : undefined,
    lowContrast,
    height: document.documentElement.scrollHeight,
    pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    wide: [...document.querySelectorAll('.report *')]
      .filter((el) => el instanceof HTMLElement && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`),
  };
}

/** Opens one exported page in one colour scheme; returns what it read, or throws with every problem found. */
async function checkPage(browser, { html, example, locale, scheme, budget, dir }) {
  const url = pathToFileURL(html).href;
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width: WIDTH, height: 900 } });
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

    const seen = await page.evaluate(readPage);
    if (!seen.title.trim()) problems.push('document.title is empty');
    if (seen.lang !== LANG[locale]) problems.push(`<html lang="${seen.lang}">, expected "${LANG[locale]}"`);
    if (seen.color === seen.background || seen.bodyContrast < 4.5) problems.push(`body text ${seen.color} on ${seen.background}: contrast ${seen.bodyContrast.toFixed(2)}:1`);
    if (budget) {
      if (seen.svgs === 0) problems.push('the plan has a budget but the page has no <svg>');
      else if (seen.budgetCharts.length === 0) problems.push('the plan has a budget but the Budget section has no <svg> chart');
      for (const chart of seen.budgetCharts) {
        if (chart.width < 100 || chart.height < 20 || chart.shapes === 0) problems.push(`a budget chart is not drawn: ${JSON.stringify(chart)}`);
      }
    }
    if (example.standing) {
      // Planned against spent, spending over time, and one chart a KPI with results.
      const expected = 2 + example.standing.kpis;
      if (!seen.standing) problems.push('actuals measure the plan but the page has no section "Where the plan stands" (#standing)');
      else {
        if (!seen.standing.inNavigation) problems.push('#standing is not in the navigation');
        if (seen.standing.charts.length !== expected) problems.push(`#standing has ${seen.standing.charts.length} <svg> charts, expected ${expected}`);
        for (const chart of seen.standing.charts) if (chart.width < 100 || chart.height < 20 || chart.shapes === 0) problems.push(`a chart of #standing is not drawn: ${JSON.stringify(chart)}`);
      }
    } else if (seen.standing) problems.push('no actuals measure the plan, yet the page has a section #standing');
    for (const text of seen.lowContrast) problems.push(`chart text hard to read: ${text}`);
    if (seen.pageScrollsSideways) problems.push(`the page is wider than a ${WIDTH} px window`);
    if (seen.wide.length > 0) problems.push(`content wider than its box at ${WIDTH} px: ${seen.wide.join(', ')}`);

    // Paper: the print CSS must give an A4 PDF with at least one page.
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
    if (pdf.length === 0 || !pdf.subarray(0, 5).toString('latin1').startsWith('%PDF-') || pages === 0) problems.push(`page.pdf gave ${pdf.length} bytes, ${pages} page(s)`);
    if (KEEP) fs.writeFileSync(path.join(dir, `${example.name}.${locale}.${scheme}.pdf`), pdf);

    // Screenshots: the documentation's, and with MKTPLAN_REPORT_KEEP=1 every page's.
    const full = { fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height: Math.min(seen.height, MAX_HEIGHT) } };
    if (KEEP) await page.screenshot({ path: path.join(dir, `${example.name}.${locale}.${scheme}.png`), fullPage: true });
    for (const shot of SHOTS.filter((s) => s.name === example.name && s.locale === locale && s.scheme === scheme)) {
      const out = path.join(IMAGES, shot.out);
      if (shot.selector) {
        // The section with a margin of page around it.
        const box = await page.locator(shot.selector).boundingBox();
        if (!box) throw new Error(`no ${shot.selector} to take ${shot.out} of`);
        const m = 16;
        const x = Math.max(0, box.x - m);
        const y = Math.max(0, box.y - m);
        await page.screenshot({ path: out, fullPage: true, clip: { x, y, width: Math.min(WIDTH - x, box.width + 2 * m), height: Math.min(MAX_HEIGHT, box.height + 2 * m) } });
      } else await page.screenshot({ path: out, ...full });
      log(`  saved ${path.relative(REPO, out)}`);
    }
    // Every request and console message of the load has arrived by now.
    if (problems.length > 0) throw new Error(problems.join('\n    '));
    return { ...seen, pages, pdfBytes: pdf.length };
  } finally {
    await context.close();
  }
}

async function main() {
  ensureBuilt();
  ensureChromium();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mktplan-report-'));
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  let browser;
  let passed = 0;
  let failed = 0;
  try {
    const pages = [];
    const english = {};
    for (const example of EXAMPLES) {
      const budget = hasBudget(example.file);
      for (const locale of example.locales) {
        const tExport = Date.now();
        try {
          const { out: html, headings } = exportHtml(example, locale, dir);
          if (headings.length === 0) throw new Error(`${html}: no <h2> section headings`);
          if (locale === 'en') english[example.name] = headings;
          else {
            // A locale whose messages did not load falls back to English without a word.
            const same = headings.filter((heading) => english[example.name]?.includes(heading));
            if (same.length > 0) throw new Error(`${html}: section headings still in English: ${same.join(', ')}`);
          }
          pages.push({ html, example, locale, budget, dir });
          log(`ok export ${example.file} --locale ${locale} (${seconds(tExport)})`);
          passed++;
        } catch (err) {
          log(`FAILED export ${example.file} --locale ${locale}: ${err.message}`);
          failed++;
        }
      }
    }

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
    for (const entry of pages) {
      const seen = {};
      for (const scheme of ['light', 'dark']) {
        const what = `${entry.example.name} ${entry.locale} ${scheme}`;
        const tPage = Date.now();
        try {
          seen[scheme] = await checkPage(browser, { ...entry, scheme });
          const s = seen[scheme];
          log(`ok ${what}: "${s.title}", ${s.svgs} svg, text ${s.color} on ${s.background}, PDF ${s.pages} page(s) ${Math.round(s.pdfBytes / 1024)} KiB (${seconds(tPage)})`);
          passed++;
        } catch (err) {
          log(`FAILED ${what}:\n    ${err.message}`);
          failed++;
        }
      }
      if (seen.light && seen.dark) {
        const what = `${entry.example.name} ${entry.locale} light/dark`;
        if (seen.light.color === seen.dark.color || seen.light.background === seen.dark.background) {
          log(`FAILED ${what}: body colours do not change with the scheme (light ${seen.light.color} on ${seen.light.background}, dark ${seen.dark.color} on ${seen.dark.background})`);
          failed++;
        } else {
          log(`ok ${what}: the colours change`);
          passed++;
        }
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
    console.error(`[report] FAILED: ${err?.stack || err}`);
    process.exit(1);
  },
);
