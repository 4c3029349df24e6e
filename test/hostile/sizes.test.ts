import { strict as assert } from 'node:assert';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { Engine } from '../../server/src/service';
import { cleanPlan, MemoryWorkspace } from '../unit/helpers';
import { budgetFor } from './budget';

const cli = nodePath.join(__dirname, '../../dist/cli.js');

/** Runs the built CLI in a folder, killed when it outlasts the budget; its exit code and standard output. */
function runCli(cwd: string, args: string[], budgetMs: number): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { cwd, timeout: budgetMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout });
    });
  });
}

/** Checks one text as `/workspace/<name>` of a workspace holding `files` too. */
async function checkIn(files: Record<string, string>, name: string, settings = {}) {
  const workspace = new MemoryWorkspace(files);
  return new Engine(workspace).check(workspace.resolve(name), files[name], settings);
}

/** A folder of files on disk for the CLI, removed after the test. */
function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-sizes-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(nodePath.join(folder, name), text);
  return folder;
}

/** A chain of plans, each importing the next; each strategy's owner is the next file's team member, found only through the whole chain. */
function importChain(length: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < length; index++) {
    const last = index === length - 1;
    files[`p${index}.mktplan.yaml`] = `mktplan: "1"\n${last ? '' : `imports: [p${index + 1}.mktplan.yaml]\n`}team:\n  - {id: m${index}, role: cmo}\nstrategy:\n  owner: m${last ? index : index + 1}\n`;
  }
  return files;
}

/**
 * The bound of the two inputs whose every finding is worded (130,000 and 40,000 messages through
 * Intl): on a busy machine that alone can pass the default floor. Without their fixes the one
 * overflows the stack at once and the other took 26 s.
 */
const wordedFloorMs = 15_000;

/** A glob whose expression backtracks on a long name: ten runs of `*`. */
const backtrackingGlob = `${'*a'.repeat(10)}b`;

describe('pathological sizes, each checked in time linear in its input', () => {
  const sizes = { findings: 130_000, invalidItems: 20_000, idLetters: 20_000, chain: 300, definitions: 3_000 };

  // The first check loads the catalogue and compiles the hot paths: a cost of the process, not of the input.
  before(async () => {
    await checkIn({ 'a.mktplan.yaml': cleanPlan }, 'a.mktplan.yaml');
  });

  const manyFindings = `mktplan: "1"\nplan:\n  implements: [${Array.from({ length: sizes.findings }, (_, index) => `x${index}`).join(', ')}]\n`;
  it(`reports ${sizes.findings.toLocaleString('en')} findings of one rule`, async () => {
    const diagnostics = await checkIn({ 'a.mktplan.yaml': manyFindings }, 'a.mktplan.yaml');
    assert.equal(diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown').length, sizes.findings);
  }).timeout(budgetFor(manyFindings.length, wordedFloorMs));

  it(`prints ${sizes.findings.toLocaleString('en')} findings of one file (dist/cli.js, stylish)`, async () => {
    const folder = folderWith({ 'a.mktplan.yaml': manyFindings });
    try {
      const { code, stdout } = await runCli(folder, ['check', 'a.mktplan.yaml'], budgetFor(manyFindings.length, 2 * wordedFloorMs));
      assert.equal(code, 1);
      assert.equal(stdout.split('\n').filter((line) => line.includes('ref/unknown')).length, sizes.findings);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }).timeout(budgetFor(manyFindings.length, 2 * wordedFloorMs));

  // Past what one string holds: the SARIF log of these findings is over 550 MB, while a string is at most 2^29 - 24 characters.
  const findingsPastAString = 700_000;
  const plansPastAString = `mktplan: "1"\nplan:\n  implements: [${Array.from({ length: findingsPastAString }, (_, index) => `x${index}`).join(', ')}]\n`;
  it(`prints the whole SARIF log of ${findingsPastAString.toLocaleString('en')} findings, more than one string holds (dist/cli.js)`, async () => {
    const folder = folderWith({ 'b.mktplan.yaml': plansPastAString });
    try {
      const child = spawn(process.execPath, [cli, 'check', '--format', 'sarif', 'b.mktplan.yaml'], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
      // Read as it comes and counted, never held whole: the test could not hold it either.
      const marker = '"ruleId": "ref/unknown"';
      let results = 0;
      let carried = '';
      let bytes = 0;
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        bytes += chunk.length;
        const text = carried + chunk;
        results += text.split(marker).length - 1;
        carried = text.slice(-(marker.length - 1));
        if (bytes === chunk.length) assert.match(chunk, /^\{\n {2}"\$schema": /);
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const [code] = (await once(child, 'close')) as [number];
      assert.equal(stderr, '');
      assert.equal(code, 1);
      assert.ok(bytes > 2 ** 29, `${bytes} characters`);
      assert.equal(results, findingsPastAString);
      assert.ok(carried.endsWith('}\n'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }).timeout(budgetFor(plansPastAString.length, 6 * wordedFloorMs));

  const invalidTeam = `mktplan: "1"\nteam:\n${Array.from({ length: sizes.invalidItems }, (_, index) => `  - {id: X${index}, role: boss}\n`).join('')}`;
  it(`words the schema findings of ${sizes.invalidItems.toLocaleString('en')} invalid list items`, async () => {
    const diagnostics = await checkIn({ 'a.mktplan.yaml': invalidTeam }, 'a.mktplan.yaml');
    const schema = diagnostics.filter((diagnostic) => diagnostic.code === 'schema');
    // Each member's id and role, and the file that has neither strategy nor plan.
    assert.equal(schema.length, 2 * sizes.invalidItems + 1);
    assert.equal(schema.filter((diagnostic) => diagnostic.message.includes('"boss"')).length, sizes.invalidItems);
  }).timeout(budgetFor(invalidTeam.length, wordedFloorMs));

  const long = 'a'.repeat(sizes.idLetters);
  const longIds = `mktplan: "1"\nstrategy:\n  objectives:\n    - {id: ${long}b, statement: One}\n    - {id: ${long}c, statement: Two}\nplan:\n  implements: [${long}d, ${long}e, sharr]\n`;
  it(`answers unknown ids of ${sizes.idLetters.toLocaleString('en')} letters without comparing them letter by letter`, async () => {
    const text = longIds.replace('objectives:\n', 'objectives:\n    - {id: share, statement: Three}\n');
    const diagnostics = await checkIn({ 'a.mktplan.yaml': text }, 'a.mktplan.yaml');
    const unknown = diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown').map((diagnostic) => (diagnostic.data as { messageId: string }).messageId);
    // The long ones get no suggestion; a short one still does.
    assert.deepEqual(unknown, ['ref/unknown.unknown', 'ref/unknown.unknown', 'ref/unknown.unknownDidYouMean']);
  }).timeout(budgetFor(longIds.length));

  const query = 'q'.repeat(100_000);
  it('answers a workspace symbol query of 100,000 characters', async () => {
    const kpis = Array.from({ length: sizes.definitions }, (_, index) => `    - {id: k${index}, name: Kênh ${index}, target: 1, unit: orders, frequency: monthly}\n`).join('');
    const plan = cleanPlan.replace(/  kpis:\n(    - .*\n)+/, `  kpis:\n${kpis}`);
    const engine = new Engine(new MemoryWorkspace({ 'a.mktplan.yaml': plan }));
    await engine.indexWorkspace();
    assert.deepEqual(await engine.workspaceSymbols(query), []);
    assert.equal((await engine.workspaceSymbols('kenh 2999')).length, 1);
  }).timeout(budgetFor(query.length));

  describe(`a chain of ${sizes.chain} files, each importing the next`, () => {
    const files = importChain(sizes.chain);
    const bytes = Object.values(files).reduce((sum, text) => sum + text.length, 0);

    it('is checked file by file with every owner found through its imports', async () => {
      const workspace = new MemoryWorkspace(files);
      const engine = new Engine(workspace);
      for (const [name, text] of Object.entries(files)) {
        const unknown = (await engine.check(workspace.resolve(name), text)).filter((diagnostic) => diagnostic.code === 'ref/unknown');
        assert.deepEqual(unknown, [], name);
      }
      assert.equal(engine.dependenciesOf(workspace.resolve('p0.mktplan.yaml')).length, sizes.chain - 1);
      assert.equal(engine.dependentsOf(workspace.resolve(`p${sizes.chain - 1}.mktplan.yaml`)).length, sizes.chain - 1);
    }).timeout(budgetFor(bytes));

    it('is checked by the CLI (dist/cli.js)', async () => {
      const folder = folderWith(files);
      try {
        const { code, stdout } = await runCli(folder, ['check', '--format', 'json', '.'], budgetFor(bytes));
        const reports = JSON.parse(stdout) as Array<{ diagnostics: Array<{ code: string }> }>;
        assert.equal(reports.length, sizes.chain);
        assert.deepEqual(reports.flatMap((report) => report.diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown')), []);
        assert.equal(code, 0);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }).timeout(budgetFor(bytes));
  });

  describe('the ignore globs allowed, each at its limit on the path that costs it most', () => {
    // The longest path and name a file system holds (Linux's PATH_MAX and NAME_MAX): every wildcard spans all it can, and nothing matches.
    const pathMax = 4096;
    const nameMax = 255;
    const deepPlan = `${'a/'.repeat((pathMax - 20) / 2)}c.mktplan.yaml`;
    const longName = `${'a'.repeat(nameMax - '.mktplan.yaml'.length)}.mktplan.yaml`;
    const manyBranches = `{${Array.from({ length: 60 }, (_, index) => 'a'.repeat((index % 3) + 1)).join(',')}}`;
    const cases: Array<[string, string, boolean]> = [
      // An extglob would be a repeated group: exponential in the name's length.
      ['*(a*)b', longName, false],
      ['*a*a*b', longName, false],
      ['**/a*/**/b', deepPlan, false],
      ['**/?/**/*b', deepPlan, false],
      ['**/[a]/**/*b', deepPlan, false],
      [`**/${manyBranches}/**/b`, deepPlan, false],
      ['**/a/**/c.mktplan.yaml', deepPlan, true],
      ['(a|aa)*b', longName, false],
    ];
    for (const [glob, plan, ignored] of cases) {
      it(`${glob.length > 40 ? `${glob.slice(0, 40)}…` : glob} on a path of ${plan.length} characters`, async () => {
        const config = `ignore: ["${glob}"]\n`;
        const workspace = new MemoryWorkspace({ 'mktplan.config.yaml': config, [plan]: 'mktplan: "1"\n' });
        const engine = new Engine(workspace);
        assert.deepEqual(await engine.check(workspace.resolve('mktplan.config.yaml'), config), []);
        assert.equal(await engine.isIgnored(workspace.resolve(plan)), ignored);
      }).timeout(budgetFor(plan.length));
    }

    it('reads a name longer than a file system holds as never ignored, at once', async () => {
      const config = 'ignore: ["*a*a*b", "*"]\n';
      const plan = `${'a'.repeat(pathMax)}.mktplan.yaml`;
      const engine = new Engine(new MemoryWorkspace({ 'mktplan.config.yaml': config, [plan]: 'mktplan: "1"\n' }));
      assert.equal(await engine.isIgnored(`/workspace/${plan}`), false);
    }).timeout(budgetFor(pathMax));

    it('refuses a third `**`, which multiplies by the depth of the path once more', async () => {
      const config = 'ignore: ["**/a/**/a/**/b"]\n';
      const workspace = new MemoryWorkspace({ 'mktplan.config.yaml': config, [deepPlan]: 'mktplan: "1"\n' });
      const engine = new Engine(workspace);
      const findings = await engine.check(workspace.resolve('mktplan.config.yaml'), config);
      assert.deepEqual(findings.map((finding) => [finding.code, finding.range.start.character]), [['schema', 9]]);
      assert.match(findings[0].message, /3 `\*\*`, more than the 2/);
      assert.equal(await engine.isIgnored(workspace.resolve(deepPlan)), false);
    }).timeout(budgetFor(deepPlan.length));
  });

  describe('an ignore glob whose expression backtracks', () => {
    const config = `ignore: ["${backtrackingGlob}", archive/**]\n`;
    const files = { 'mktplan.config.yaml': config, [`${'a'.repeat(40)}.mktplan.yaml`]: 'mktplan: "1"\n', 'archive/old.mktplan.yaml': 'mktplan: "1"\n' };

    it('is a schema finding on its entry, and not used, while the others are', async () => {
      const workspace = new MemoryWorkspace(files);
      const engine = new Engine(workspace);
      assert.deepEqual((await engine.indexWorkspace()).map((file) => nodePath.basename(file)), [`${'a'.repeat(40)}.mktplan.yaml`]);
      const findings = await engine.check(workspace.resolve('mktplan.config.yaml'), config);
      assert.deepEqual(findings.map((finding) => [finding.code, finding.range.start.line, finding.range.start.character]), [['schema', 0, 9]]);
      assert.match(findings[0].message, /10 wildcards/);
    }).timeout(budgetFor(config.length));

    it('leaves the CLI (dist/cli.js) checking the plans, and lists the finding with them', async () => {
      const folder = folderWith({ 'mktplan.config.yaml': config, [`${'a'.repeat(40)}.mktplan.yaml`]: 'mktplan: "1"\n' });
      try {
        const { stdout } = await runCli(folder, ['check', '--format', 'json', '.'], budgetFor(config.length));
        const reports = JSON.parse(stdout) as Array<{ file: string; diagnostics: Array<{ code: string }> }>;
        assert.deepEqual(
          reports.map((report) => [report.file, report.diagnostics.some((diagnostic) => diagnostic.code === 'schema')]),
          [['mktplan.config.yaml', true], [`${'a'.repeat(40)}.mktplan.yaml`, true]],
        );
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }).timeout(budgetFor(config.length));
  });
});
