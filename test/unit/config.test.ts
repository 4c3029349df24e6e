import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { Engine, rules, type Settings } from '../../server/src/service';
import { coveredText, MemoryWorkspace, withChange } from './helpers';

/** A plan with one finding of each of three rules: under-allocated (information), reporting and sales alignment missing (hints). */
const plan = withChange('total: 50000', 'total: 60000', withChange('  reporting: {cadence: monthly, to: linh}\n', ''));

async function codesIn(files: Record<string, string>, file: string, settings: Settings = {}): Promise<string[]> {
  const workspace = new MemoryWorkspace(files);
  const engine = new Engine(workspace);
  return (await engine.check(workspace.resolve(file), files[file], settings)).map((diagnostic) => `${diagnostic.code}:${diagnostic.severity}`).sort();
}

describe('mktplan.config.yaml', () => {
  it('sets severities for the plans in its folder and below', async () => {
    const files = { 'mktplan.config.yaml': 'rules:\n  plan/reporting-missing: off\n  budget/under-allocated: error\n', 'plans/2027.mktplan.yaml': plan };
    assert.deepEqual(await codesIn(files, 'plans/2027.mktplan.yaml'), ['budget/under-allocated:1']);
  });

  it('is quiet where there is none: the defaults apply', async () => {
    assert.deepEqual(await codesIn({ 'plans/2027.mktplan.yaml': plan }, 'plans/2027.mktplan.yaml'), ['budget/under-allocated:3', 'plan/reporting-missing:4']);
  });

  it('takes the nearest one, also spelled .yml', async () => {
    const files = {
      'mktplan.config.yaml': 'rules: {plan/reporting-missing: off}\n',
      'plans/mktplan.config.yml': 'rules: {plan/reporting-missing: error}\n',
      'plans/2027.mktplan.yaml': plan,
    };
    assert.deepEqual(await codesIn(files, 'plans/2027.mktplan.yaml'), ['budget/under-allocated:3', 'plan/reporting-missing:1']);
  });

  it('stops at the repository root, the folder that holds .git', async () => {
    const files = { 'mktplan.config.yaml': 'rules: {plan/reporting-missing: off}\n', 'repo/.git': 'gitdir: elsewhere\n', 'repo/2027.mktplan.yaml': plan };
    assert.deepEqual(await codesIn(files, 'repo/2027.mktplan.yaml'), ['budget/under-allocated:3', 'plan/reporting-missing:4']);
  });

  it('wins over the editor\'s settings for what it sets; the editor\'s settings fill in the rest', async () => {
    const files = { 'mktplan.config.yaml': 'rules: {plan/reporting-missing: warning}\n', '2027.mktplan.yaml': plan };
    const editor: Settings = { rules: { 'plan/reporting-missing': 'off', 'budget/under-allocated': 'off' } };
    assert.deepEqual(await codesIn(files, '2027.mktplan.yaml', editor), ['plan/reporting-missing:2']);
  });

  it('leaves out plans matched by its ignore globs, relative to its own folder', async () => {
    const files = { 'mktplan.config.yaml': 'ignore: [archive/**]\n', 'archive/2020.mktplan.yaml': plan, '2027.mktplan.yaml': plan };
    assert.deepEqual(await codesIn(files, 'archive/2020.mktplan.yaml'), []);
    assert.equal((await codesIn(files, '2027.mktplan.yaml')).length, 2);
    const workspace = new MemoryWorkspace(files);
    assert.equal(await new Engine(workspace).isIgnored(workspace.resolve('archive/2020.mktplan.yaml')), true);
  });

  it('reports its own mistakes on their lines, and keeps what is right in it', async () => {
    const config = 'rules:\n  plan/reporting-missng: off\n  budget/under-allocated: loud\n  plan/sales-alignment-missing: error\nignore: [archive/**]\ncolour: red\n';
    const workspace = new MemoryWorkspace({ 'mktplan.config.yaml': config });
    const engine = new Engine(workspace);
    const found = await engine.check(workspace.resolve('mktplan.config.yaml'), config);
    assert.deepEqual(
      found.map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line + 1}:${coveredText(config, diagnostic)}`),
      ['schema 2:plan/reporting-missng', 'schema 3:loud', 'schema 6:colour'],
    );
    assert.match(found[0].message, /did you mean `plan\/reporting-missing`/);
    assert.match(found[1].message, /must be one of: error, warning, information, hint, off; "loud" is not/);
    const loaded = await engine.configFor(workspace.resolve('2027.mktplan.yaml'));
    assert.deepEqual(loaded?.rules, { 'plan/sales-alignment-missing': 'error' });
  });

  it('is never checked as a plan, and a broken one breaks no plan', async () => {
    const files = { 'mktplan.config.yaml': 'rules: [\n', '2027.mktplan.yaml': plan };
    assert.equal((await codesIn(files, '2027.mktplan.yaml')).length, 2);
    const workspace = new MemoryWorkspace(files);
    const found = await new Engine(workspace).check(workspace.resolve('mktplan.config.yaml'), files['mktplan.config.yaml']);
    assert.deepEqual([...new Set(found.map((diagnostic) => diagnostic.code))], ['yaml-syntax']);
  });

  it('is read again after forgetConfigs, as the server does when it changes', async () => {
    const workspace = new MemoryWorkspace({ 'mktplan.config.yaml': 'rules: {plan/reporting-missing: off}\n', '2027.mktplan.yaml': plan });
    const engine = new Engine(workspace);
    const file = workspace.resolve('2027.mktplan.yaml');
    assert.equal((await engine.check(file, plan)).length, 1);
    workspace.files.set(workspace.resolve('mktplan.config.yaml'), 'rules: {}\n');
    engine.forgetConfigs();
    assert.equal((await engine.check(file, plan)).length, 2);
  });

  it('offers its keys, rule ids and severities in completion, with their docs on hover', async () => {
    const workspace = new MemoryWorkspace();
    const engine = new Engine(workspace);
    const file = workspace.resolve('mktplan.config.yaml');
    const keys = await engine.complete(file, 'rules:\n  plan/reporting-missing: off\n', { line: 2, character: 0 });
    assert.deepEqual(keys.map((item) => item.label).sort(), ['ignore']);
    const ids = await engine.complete(file, 'rules:\n  \n', { line: 1, character: 2 });
    assert.ok(ids.some((item) => item.label === 'ref/unused') && ids.length === rules.length, String(ids.length));
    const severities = await engine.complete(file, 'rules:\n  ref/unused: \n', { line: 1, character: 14 });
    assert.deepEqual(severities.map((item) => item.label), ['error', 'warning', 'information', 'hint', 'off']);
    const hover = await engine.hover(file, 'rules:\n  ref/unused: off\n', { line: 1, character: 4 });
    assert.match(hover?.contents.value ?? '', /A channel, KPI or segment is defined but never referenced/);
  });
});

describe('mktplan.config.yaml in the CLI', () => {
  const cli = nodePath.join(__dirname, '../../dist/cli.js');
  let folder: string;
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });

  before(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-config-'));
    mkdirSync(nodePath.join(folder, '.git'));
    mkdirSync(nodePath.join(folder, 'plans/archive'), { recursive: true });
    writeFileSync(nodePath.join(folder, 'mktplan.config.yaml'), 'rules:\n  budget/under-allocated: error\n  plan/reporting-missng: off\nignore: [plans/archive/**]\n');
    writeFileSync(nodePath.join(folder, 'plans/2027.mktplan.yaml'), plan);
    writeFileSync(nodePath.join(folder, 'plans/archive/2020.mktplan.yaml'), plan);
    writeFileSync(nodePath.join(folder, 'other.config.yaml'), 'rules: {budget/under-allocated: off}\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('finds the nearest configuration, lists its mistakes with the plans, and leaves ignored plans out', () => {
    const result = run(['check', '--format', 'json', '.'], nodePath.join(folder, 'plans'));
    assert.equal(result.status, 1);
    const reports = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; severity: string }> }>;
    assert.deepEqual(
      reports.map((report) => [report.file, report.diagnostics.map((diagnostic) => `${diagnostic.code}:${diagnostic.severity}`).sort()]),
      [
        ['../mktplan.config.yaml', ['schema:error']],
        ['2027.mktplan.yaml', ['budget/under-allocated:error', 'plan/reporting-missing:hint']],
      ],
    );
  });

  it('takes --config instead, for every plan', () => {
    const result = run(['check', '--format', 'json', '--config', '../other.config.yaml', '2027.mktplan.yaml'], nodePath.join(folder, 'plans'));
    const reports = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<{ code: string }> }>;
    assert.deepEqual(reports.map((report) => [report.file, report.diagnostics.map((diagnostic) => diagnostic.code)]), [['2027.mktplan.yaml', ['plan/reporting-missing']]]);
    assert.equal(result.status, 0);
  });

  it('refuses a --config that does not exist, with exit code 2', () => {
    const result = run(['check', '--config', 'nowhere.yaml', '.'], folder);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--config nowhere\.yaml: there is no such file/);
  });
});
