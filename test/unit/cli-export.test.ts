import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { commitOf } from '../../server/src/hosts/git';
import { localToday } from '../../server/src/report/today';
import { translatorFor } from '../../server/src/service';

const cli = nodePath.join(__dirname, '../../dist/cli.js');
const examples = nodePath.join(__dirname, '../../examples');
const hostile = nodePath.join(__dirname, '../fixtures/view/hostile.mktplan.yaml');
const english = translatorFor('en');

/** Runs `mktplan export ...` in a folder, with no language from the environment unless given. */
function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['LANG', 'LC_ALL', 'LC_MESSAGES'].includes(key)));
  const result = spawnSync(process.execPath, [cli, 'export', ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...clean, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('mktplan export (dist/cli.js)', () => {
  let folder: string;

  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-export-'));
    copyFileSync(nodePath.join(examples, 'draft.mktplan.yaml'), nodePath.join(folder, 'draft.mktplan.yaml'));
    mkdirSync(nodePath.join(folder, 'imports'));
    for (const name of ['plan-2027.mktplan.yaml', 'strategy.mktplan.yaml']) copyFileSync(nodePath.join(examples, 'imports', name), nodePath.join(folder, 'imports', name));
    copyFileSync(hostile, nodePath.join(folder, 'hostile.mktplan.yaml'));
    writeFileSync(nodePath.join(folder, 'binary.mktplan.yaml'), Buffer.from([0, 1, 2, 255, 254, 10]));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('writes one HTML page to standard output, and nothing to standard error', () => {
    const result = run(['--as-of', '2027-03-01', 'draft.mktplan.yaml'], folder);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.ok(result.stdout.startsWith('<!DOCTYPE html>\n<html lang="en">'), result.stdout.slice(0, 60));
    assert.ok(result.stdout.trimEnd().endsWith('</html>'));
    assert.equal((result.stdout.match(/<html[\s>]/g) ?? []).length, 1);
    assert.ok(result.stdout.includes('<title>Bloom &amp; Brew — first marketing plan</title>'));
    assert.ok(result.stdout.includes('<dd>$23,000</dd>'), 'the draft\'s allocations, whole dollars without cents');
    assert.ok(!/<script/i.test(result.stdout));
  });

  it('writes the report to the file given with -o, and says so on standard error', () => {
    const out = nodePath.join(folder, 'out', 'report.html');
    mkdirSync(nodePath.dirname(out), { recursive: true });
    const result = run(['--as-of', '2027-03-01', '-o', out, 'draft.mktplan.yaml'], folder);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `mktplan: ${english.t('cli.exported', { file: out })}\n`);
    assert.equal(readFileSync(out, 'utf8'), run(['--as-of', '2027-03-01', 'draft.mktplan.yaml'], folder).stdout);

    const long = run(['--as-of=2027-03-01', '--output', 'report.md', '--format=md', 'draft.mktplan.yaml'], folder);
    assert.equal(long.code, 0, long.stderr);
    assert.ok(readFileSync(nodePath.join(folder, 'report.md'), 'utf8').startsWith('# Bloom & Brew — first marketing plan\n'));
  });

  it('writes Markdown with --format md', () => {
    const result = run(['--format', 'md', '--as-of', '2027-03-01', 'draft.mktplan.yaml'], folder);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.startsWith('# Bloom & Brew — first marketing plan\n'));
    assert.ok(!result.stdout.includes('<!DOCTYPE'));
    const headings = result.stdout.split('\n').filter((line) => line.startsWith('## '));
    assert.deepEqual(headings, ['strategy', 'budget', 'timeline', 'measurement', 'traceability', 'people', 'findings'].map((id) => `## ${english.t(`report.section.${id}`)}`));
    assert.match(result.stdout, /\*\*Left to allocate\*\*: \u2212\$3,000\n/);
  });

  it('makes the same bytes twice with --as-of, and counts that day as today', () => {
    for (const format of ['html', 'md']) {
      const first = run(['--format', format, '--as-of', '2027-03-01', 'imports/plan-2027.mktplan.yaml'], folder);
      const second = run(['--format', format, '--as-of', '2027-03-01', 'imports/plan-2027.mktplan.yaml'], folder);
      assert.equal(first.code, 0, first.stderr);
      assert.equal(first.stdout, second.stdout, format);
      assert.ok(first.stdout.includes('Mar 1, 2027'), format);
      const other = run(['--format', format, '--as-of', '2027-09-30', 'imports/plan-2027.mktplan.yaml'], folder);
      assert.notEqual(other.stdout, first.stdout, format);
      assert.ok(other.stdout.includes('Sep 30, 2027'), format);
    }
  });

  it('counts the local date as today without --as-of', () => {
    const before = localToday();
    const result = run(['--format', 'md', 'draft.mktplan.yaml'], folder);
    const after = localToday();
    const footer = result.stdout.trimEnd().split('\n').pop()!;
    assert.ok([before, after].some((day) => footer.includes(english.format('date', day))), footer);
  });

  it('reports a plan with the strategy it imports', () => {
    const result = run(['--format', 'md', '--as-of', '2027-03-01', 'imports/plan-2027.mktplan.yaml'], folder);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.includes(english.t('report.importedFrom', { file: 'imports/strategy.mktplan.yaml' })), result.stdout.slice(0, 400));
    assert.ok(result.stdout.includes('会员人数达到一百万 — '), 'the imported objective, implemented');
    assert.ok(result.stdout.includes('| 李娜 (`li`) |'), 'a team member of the import');
  });

  it('names the commit of the repository the plan is in, and none outside one', async () => {
    const file = nodePath.join(examples, 'draft.mktplan.yaml');
    const inRepository = run(['--format', 'md', '--as-of', '2027-03-01', 'draft.mktplan.yaml'], examples);
    assert.equal(inRepository.code, 0, inRepository.stderr);
    const footer = inRepository.stdout.trimEnd().split('\n').pop()!;
    const commit = await commitOf(file);
    if (commit) assert.ok(footer.includes(commit.slice(0, 12)), footer);
    assert.ok(footer.includes('examples/draft.mktplan.yaml') || footer.includes(' draft.mktplan.yaml'), footer);

    let up = folder;
    while (!existsSync(nodePath.join(up, '.git')) && nodePath.dirname(up) !== up) up = nodePath.dirname(up);
    if (!existsSync(nodePath.join(up, '.git'))) {
      const outside = run(['--format', 'md', '--as-of', '2027-03-01', 'draft.mktplan.yaml'], folder);
      assert.ok(!/commit/i.test(outside.stdout.trimEnd().split('\n').pop()!));
    }
  });

  it('escapes what the plan says in HTML, and keeps the Markdown tables whole', () => {
    const html = run(['--as-of', '2027-03-01', 'hostile.mktplan.yaml'], folder);
    assert.equal(html.code, 0, html.stderr);
    assert.ok(!/<script/i.test(html.stdout));
    assert.ok(html.stdout.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    const markdown = run(['--format', 'md', '--as-of', '2027-03-01', 'hostile.mktplan.yaml'], folder);
    assert.equal(markdown.code, 0, markdown.stderr);
    const row = markdown.stdout.split('\n').find((line) => line.startsWith('| Channel: Social'))!;
    assert.equal(row.split(/(?<!\\)\|/).length - 2, 3, row);
  });

  it('exits 2 with a clear message on a bad --as-of, a bad --format, no file or two files', () => {
    const cases: Array<[string[], string]> = [
      [['--as-of', '2027-02-30', 'draft.mktplan.yaml'], english.t('cli.badDate', { option: '--as-of', value: '2027-02-30' })],
      [['--as-of', '27-03-01', 'draft.mktplan.yaml'], english.t('cli.badDate', { option: '--as-of', value: '27-03-01' })],
      [['--format', 'pdf', 'draft.mktplan.yaml'], english.t('cli.badChoice', { option: '--format', choices: ['html', 'md'], value: 'pdf' })],
      [[], english.t('cli.exportNoFile')],
      [['--as-of', '2027-03-01'], english.t('cli.exportNoFile')],
      [['draft.mktplan.yaml', 'imports/plan-2027.mktplan.yaml'], english.t('cli.exportOneFile', { count: 2 })],
      [['--as-of'], english.t('cli.needsValue', { option: '--as-of' })],
      [['--bogus', 'draft.mktplan.yaml'], english.t('cli.unknownOption', { option: '--bogus' })],
    ];
    for (const [args, message] of cases) {
      const result = run(args, folder);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stdout, '', args.join(' '));
      assert.equal(result.stderr.split('\n')[0], `mktplan: ${message}`, args.join(' '));
      assert.match(result.stderr, /mktplan export/, 'the usage follows');
    }
    assert.match(english.t('cli.badDate', { option: '--as-of', value: '2027-02-30' }), /--as-of.*YYYY-MM-DD.*2027-02-30/);
  });

  it('exits 2 on a file it cannot read, one that is not text, or an output it cannot write', () => {
    const missing = run(['missing.mktplan.yaml'], folder);
    assert.equal(missing.code, 2);
    assert.equal(missing.stdout, '');
    assert.equal(missing.stderr, `mktplan: ${english.t('cli.noSuchInput', { input: 'missing.mktplan.yaml' })}\n`);

    const binary = run(['binary.mktplan.yaml'], folder);
    assert.equal(binary.code, 2);
    assert.equal(binary.stderr, `mktplan: ${english.t('cli.exportNotText', { file: 'binary.mktplan.yaml' })}\n`);

    const unwritable = nodePath.join(folder, 'no-such-folder', 'report.html');
    const cannotWrite = run(['-o', unwritable, 'draft.mktplan.yaml'], folder);
    assert.equal(cannotWrite.code, 2);
    assert.equal(cannotWrite.stderr, `mktplan: ${english.t('cli.cannotWrite', { file: unwritable, reason: english.t('files.error', { code: 'ENOENT' }) })}\n`);
    assert.ok(!existsSync(unwritable));
    for (const result of [missing, binary, cannotWrite]) assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  it('speaks Russian with --locale ru: headings, the page\'s language, numbers', () => {
    const markdown = run(['--locale', 'ru', '--format', 'md', '--as-of', '2027-03-01', 'draft.mktplan.yaml'], folder);
    assert.equal(markdown.code, 0, markdown.stderr);
    const headings = markdown.stdout.split('\n').filter((line) => line.startsWith('## '));
    assert.equal(headings.length, 7);
    for (const heading of headings) assert.match(heading, /^## [А-ЯЁа-яё]/, heading);
    assert.match(markdown.stdout, /20[\s\u00a0\u202f]000/);
    const html = run(['--locale', 'ru', '--as-of', '2027-03-01', 'draft.mktplan.yaml'], folder);
    assert.ok(html.stdout.includes('<html lang="ru">'));
    const fromEnvironment = run(['--format', 'md', '--as-of', '2027-03-01', 'draft.mktplan.yaml'], folder, { LANG: 'ru_RU.UTF-8' });
    assert.equal(fromEnvironment.stdout, markdown.stdout);
  });
});
