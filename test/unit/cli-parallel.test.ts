import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { generateWorkspace, type Shape } from '../../bench/generateWorkspace';

const cli = nodePath.join(__dirname, '../../dist/cli.js');
const corpus = nodePath.join(__dirname, '../fixtures/corpus');

function check(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '', LANG: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a folder with its content, to compare two folders a run wrote into. */
function contents(folder: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) found[nodePath.relative(folder, nodePath.join(entry.parentPath, entry.name))] = readFileSync(nodePath.join(entry.parentPath, entry.name), 'utf8');
  }
  return found;
}

describe('mktplan check on several threads', function () {
  this.timeout(300_000);
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-threads-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('prints the fixture corpus byte for byte as one thread does, in every format', () => {
    for (const format of ['json', 'stylish', 'sarif', 'github']) {
      const alone = check(corpus, '--format', format, '--concurrency', 'off', '.');
      assert.ok(alone.stdout.length > 1000, `${format}: the corpus has findings`);
      for (const threads of ['2', '3']) {
        const spread = check(corpus, '--format', format, '--concurrency', threads, '.');
        assert.equal(spread.stdout, alone.stdout, `${format} on ${threads} threads`);
        assert.equal(spread.stderr, alone.stderr, `${format} on ${threads} threads`);
        assert.equal(spread.status, alone.status);
      }
    }
  });

  for (const shape of ['strategies', 'star', 'chain', 'diamond'] as Shape[]) {
    it(`prints a generated workspace (${shape}) byte for byte as one thread does`, () => {
      const { strategies, plans } = generateWorkspace(folder, { shape, plans: 120, strategies: 4, seed: 3 });
      // An objective renamed in a strategy plans import: they report it on whichever thread checks them.
      const strategy = strategies.find((candidate) => candidate.importers.some((importer) => plans.includes(importer)))!;
      writeFileSync(strategy.file, readFileSync(strategy.file, 'utf8').replaceAll(`id: ${strategy.coreObjective}`, `id: ${strategy.coreObjective}-renamed`));
      const alone = check(folder, '--format', 'json', '--concurrency', 'off', '.');
      const reports = JSON.parse(alone.stdout) as Array<{ diagnostics: Array<{ code: string }> }>;
      assert.ok(reports.length >= 120, 'every file is reported');
      assert.ok(reports.some((report) => report.diagnostics.some((diagnostic) => diagnostic.code === 'ref/unknown')), 'the importers report the renamed objective');
      for (const threads of ['2', '4', 'auto']) assert.deepEqual(check(folder, '--format', 'json', '--concurrency', threads, '.'), alone, `${threads} threads`);
    });
  }

  it('reports import cycles, missing and broken imports as one thread does', () => {
    const write = (name: string, text: string) => writeFileSync(nodePath.join(folder, name), text);
    const plan = (imports: string[], id: string) => `mktplan: "1"\nimports: [${imports.join(', ')}]\nteam:\n  - {id: ${id}, role: cmo, name: Linh}\nstrategy:\n  owner: ${id}\n`;
    for (let index = 0; index < 40; index++) write(`p${index}.mktplan.yaml`, plan([`p${(index + 1) % 40}.mktplan.yaml`], `m${index}`));
    write('a.mktplan.yaml', plan(['b.mktplan.yaml', 'missing.mktplan.yaml'], 'a'));
    write('b.mktplan.yaml', plan(['a.mktplan.yaml', 'broken.mktplan.yaml'], 'b'));
    write('broken.mktplan.yaml', 'mktplan: "1"\nstrategy: [\n');
    const alone = check(folder, '--format', 'json', '--concurrency', 'off', '.');
    const codes = alone.stdout.match(/"code": "ref\/unknown"/g) ?? [];
    assert.ok(codes.length >= 42, 'the cycle of 40, the cycle of two, the missing and broken imports are findings');
    assert.deepEqual(check(folder, '--format', 'json', '--concurrency', '3', '.'), alone);
  });

  it('writes the same fixes, and says them in the same order, on several threads', () => {
    const fixtures = ['schema-keys-enums.mktplan.yaml', 'schema-types.mktplan.yaml', 'schema-dates.mktplan.yaml'];
    const [one, many] = [nodePath.join(folder, 'one'), nodePath.join(folder, 'many')];
    for (const target of [one, many]) {
      mkdirSync(target);
      for (let copy = 0; copy < 12; copy++) for (const fixture of fixtures) cpSync(nodePath.join(corpus, fixture), nodePath.join(target, `${copy}-${fixture}`));
    }
    const alone = check(one, '--fix', '--format', 'json', '--concurrency', 'off', '.');
    assert.match(alone.stderr, /fix/);
    const spread = check(many, '--fix', '--format', 'json', '--concurrency', '2', '.');
    assert.deepEqual(spread, alone);
    assert.deepEqual(contents(many), contents(one));
  });

  it('says what --concurrency takes', () => {
    for (const value of ['0', 'many', '65', '1.5']) {
      const result = check(folder, '--concurrency', value, '.');
      assert.equal(result.status, 2);
      assert.match(result.stderr, /--concurrency takes auto, off or a number of threads from 1 to 64; got "/);
    }
  });
});
