import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { replaceFile } from '../../server/src/cli/files';
import { translatorFor } from '../../server/src/service';
import { LspClient } from '../lsp/lspClient';
import { cleanPlan, withChange } from '../unit/helpers';
import { budgetFor } from './budget';

const cli = nodePath.join(__dirname, '../../dist/cli.js');
const english = translatorFor('en');
const typo = withChange('currency: USD', 'curency: USD');
const fixedTypo = cleanPlan;
/** A plan whose values must never reach a message when it lies outside the folder checked. */
const secretPlan = 'mktplan: "1"\nplan:\n  owner: secret-owner-4711\n';

/** The CLIs still running: one that hangs fails its test at the timeout and is ended after it. */
const running = new Set<ChildProcess>();

/** The CLI, asynchronously, so that a process that hangs fails the test at its timeout instead of stalling the run. */
function run(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const checkedFiles = (stdout: string) => (JSON.parse(stdout) as Array<{ file: string }>).map((report) => report.file);

describe('files on disk: links, special files, safe writes', () => {
  let folder: string;
  const at = (...parts: string[]) => nodePath.join(folder, ...parts);

  beforeEach(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-files-'));
    mkdirSync(at('team'));
    mkdirSync(at('outside'));
  });
  afterEach(() => {
    for (const child of running) child.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  describe('mktplan check --fix', () => {
    it('fixes the file a link leads to and keeps the link', async () => {
      writeFileSync(at('team', 'real.mktplan.yaml'), typo);
      symlinkSync('real.mktplan.yaml', at('team', 'link.mktplan.yaml'));
      const result = await run(['check', '--fix', 'link.mktplan.yaml'], at('team'));
      assert.match(result.stderr, /link\.mktplan\.yaml: 1 fix applied/);
      assert.ok(lstatSync(at('team', 'link.mktplan.yaml')).isSymbolicLink(), 'the link is still a link');
      assert.equal(readlinkSync(at('team', 'link.mktplan.yaml')), 'real.mktplan.yaml');
      assert.equal(readFileSync(at('team', 'real.mktplan.yaml'), 'utf8'), fixedTypo);
    });

    it('refuses a read-only file, with a reason and exit code 2, whoever runs it', async () => {
      writeFileSync(at('team', 'plan.mktplan.yaml'), typo);
      chmodSync(at('team', 'plan.mktplan.yaml'), 0o444);
      const result = await run(['check', '--fix', 'plan.mktplan.yaml'], at('team'));
      assert.equal(result.code, 2);
      assert.match(result.stderr, new RegExp(`mktplan: ${english.t('cli.readOnly', { file: 'plan.mktplan.yaml' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      assert.equal(readFileSync(at('team', 'plan.mktplan.yaml'), 'utf8'), typo);
      assert.equal(statSync(at('team', 'plan.mktplan.yaml')).mode & 0o777, 0o444);
      assert.match(result.stdout, /curency/, 'the findings of the file as it is are still reported');
    });

    it('keeps a line saved while the fix was made: the file is replaced only while it holds what was read', async () => {
      const plan = at('team', 'plan.mktplan.yaml');
      writeFileSync(plan, typo);
      const read = readFileSync(plan);
      appendFileSync(plan, '# saved meanwhile\n');
      assert.deepEqual(await replaceFile(plan, fixedTypo, read), { kind: 'changed' });
      assert.equal(readFileSync(plan, 'utf8'), typo + '# saved meanwhile\n');
      assert.deepEqual(readdirSync(at('team')), ['plan.mktplan.yaml'], 'no temporary file is left');
      assert.equal(await replaceFile(plan, fixedTypo, readFileSync(plan)), undefined);
      assert.equal(readFileSync(plan, 'utf8'), fixedTypo);
    });

    it('writes through no link planted under a temporary name it could use', async () => {
      const plan = at('team', 'plan.mktplan.yaml');
      writeFileSync(plan, typo);
      writeFileSync(at('outside', 'victim.txt'), 'precious\n');
      // The name a write beside the plan made from the process id alone would take.
      symlinkSync(at('outside', 'victim.txt'), at('team', `.plan.mktplan.yaml.${process.pid}.mktplan-fix`));
      assert.equal(await replaceFile(plan, fixedTypo, readFileSync(plan)), undefined);
      assert.equal(readFileSync(at('outside', 'victim.txt'), 'utf8'), 'precious\n');
      assert.equal(readFileSync(plan, 'utf8'), fixedTypo);
      assert.ok(lstatSync(plan).isFile() && !lstatSync(plan).isSymbolicLink());
    });
  });

  describe('mktplan export -o', () => {
    it('refuses to write over the plan it reports on or a file it imports, by any name', async () => {
      const strategy = withChange('mktplan: "1"', 'mktplan: "1"\nimports: [plan.mktplan.yaml]');
      writeFileSync(at('team', 'plan.mktplan.yaml'), cleanPlan);
      writeFileSync(at('team', 'report.mktplan.yaml'), strategy);
      symlinkSync('plan.mktplan.yaml', at('team', 'alias.html'));
      for (const [output, input] of [
        ['plan.mktplan.yaml', 'plan.mktplan.yaml'],
        ['alias.html', 'plan.mktplan.yaml'],
        ['plan.mktplan.yaml', 'report.mktplan.yaml'],
      ]) {
        const result = await run(['export', '-o', output, input], at('team'));
        assert.equal(result.code, 2, `${input} onto ${output}`);
        assert.match(result.stderr, /not written: it is the plan being reported on, a file it imports or its configuration/);
      }
      assert.equal(readFileSync(at('team', 'plan.mktplan.yaml'), 'utf8'), cleanPlan);
      assert.equal(readFileSync(at('team', 'report.mktplan.yaml'), 'utf8'), strategy);
      const written = await run(['export', '-o', 'report.html', 'plan.mktplan.yaml'], at('team'));
      assert.equal(written.code, 0, written.stderr);
      assert.match(readFileSync(at('team', 'report.html'), 'utf8'), /^<!doctype html>/i);
    });
  });

  describe('export -o and --config refusals', () => {
    it('refuses to write over the configuration the report was made with', async () => {
      writeFileSync(at('team', 'plan.mktplan.yaml'), cleanPlan);
      const config = 'rules:\n  plan/reporting-missing: off\n';
      writeFileSync(at('team', 'mktplan.config.yaml'), config);
      const result = await run(['export', '-o', 'mktplan.config.yaml', 'plan.mktplan.yaml'], at('team'));
      assert.equal(result.code, 2);
      assert.match(result.stderr, /mktplan\.config\.yaml: not written: it is the plan being reported on, a file it imports or its configuration/);
      assert.equal(readFileSync(at('team', 'mktplan.config.yaml'), 'utf8'), config);
    });

    it('says a report cannot be written onto a folder, and what a --config that is no file is', async () => {
      writeFileSync(at('team', 'plan.mktplan.yaml'), cleanPlan);
      mkdirSync(at('team', 'out'));
      const onto = await run(['export', '-o', 'out', 'plan.mktplan.yaml'], at('team'));
      assert.equal(onto.code, 2);
      assert.match(onto.stderr, /out: not written: it is a folder; name a file to write/);
      assert.equal(spawnSync('mkfifo', [at('team', 'f.yaml')]).status, 0, 'mkfifo');
      symlinkSync('loop.yaml', at('team', 'loop.yaml'));
      for (const [config, said] of [
        ['f.yaml', /--config f\.yaml: it is a named pipe, not a configuration file/],
        ['/dev/null', /--config \/dev\/null: it is a device, not a configuration file/],
        ['.', /--config \.: it is a folder, not a configuration file/],
        ['loop.yaml', /loop\.yaml: cannot read it \(its links lead round in a loop\)/],
      ] as const) {
        const result = await run(['check', '--config', config, 'plan.mktplan.yaml'], at('team'));
        assert.equal(result.code, 2, config);
        assert.match(result.stderr, said);
      }
      const named = await run(['check', 'loop.yaml'], at('team'));
      assert.match(named.stderr, /loop\.yaml: cannot read it \(its links lead round in a loop\)/);
    });
  });

  describe('what a search cannot read', () => {
    /** Runs the CLI as nobody; only root can, so the test is skipped for anyone else. */
    function asNobody(this: Mocha.Context, args: string[], cwd: string) {
      if (process.getuid?.() !== 0) this.skip();
      chmodSync(folder, 0o755);
      chmodSync(at('team'), 0o755);
      return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn('runuser', ['-u', 'nobody', '--', process.execPath, cli, ...args], { cwd });
        running.add(child);
        let [stdout, stderr] = ['', ''];
        child.stdout.on('data', (chunk) => (stdout += String(chunk)));
        child.stderr.on('data', (chunk) => (stderr += String(chunk)));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    }

    it('notes a folder it cannot read and a link into it, and checks the rest', async function () {
      writeFileSync(at('team', 'a.mktplan.yaml'), typo);
      mkdirSync(at('team', 'locked'));
      writeFileSync(at('team', 'locked', 'b.mktplan.yaml'), cleanPlan);
      symlinkSync('locked/b.mktplan.yaml', at('team', 'c.mktplan.yaml'));
      chmodSync(at('team', 'locked'), 0o700);
      const walked = await asNobody.call(this, ['check', '--format', 'json', '.'], at('team'));
      assert.deepEqual(checkedFiles(walked.stdout), ['a.mktplan.yaml']);
      assert.match(walked.stderr, /mktplan: locked: not checked: it cannot be read: permission denied/);
      assert.match(walked.stderr, /mktplan: c\.mktplan\.yaml: not checked: it cannot be read: permission denied/);
      assert.equal(walked.code, 1, 'the findings of a.mktplan.yaml decide the exit code');
      const globbed = await asNobody.call(this, ['check', 'locked/*.mktplan.yaml'], at('team'));
      assert.match(globbed.stderr, /locked: not checked: it cannot be read: permission denied/);
      assert.doesNotMatch(globbed.stderr, /internal error/);
      const named = await asNobody.call(this, ['check', 'locked/b.mktplan.yaml'], at('team'));
      assert.match(named.stderr, /locked\/b\.mktplan\.yaml: cannot read it \(permission denied\)/);
    });

    it('counts the nearest configuration when it cannot be read, and applies none above it', async function () {
      writeFileSync(at('mktplan.config.yaml'), 'rules:\n  plan/budget-missing: off\n');
      writeFileSync(at('team', 'mktplan.config.yaml'), 'rules: {}\n');
      chmodSync(at('team', 'mktplan.config.yaml'), 0o000);
      writeFileSync(at('team', 'a.mktplan.yaml'), 'mktplan: "1"\nplan: {}\n');
      const result = await asNobody.call(this, ['check', '--format', 'json', 'a.mktplan.yaml'], at('team'));
      assert.equal(result.code, 2);
      assert.match(result.stderr, /mktplan\.config\.yaml: cannot read it \(permission denied\)/);
      assert.match(result.stdout, /plan\/budget-missing/, "the parent's setting does not apply");
    });
  });

  describe('configuration files that are not text', () => {
    it('reports a configuration that is not UTF-8 and gives its plans the defaults, not the settings above it', async () => {
      writeFileSync(at('mktplan.config.yaml'), 'rules:\n  plan/budget-missing: off\n');
      writeFileSync(at('team', 'mktplan.config.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('rules: {}\n', 'utf16le')]));
      writeFileSync(at('team', 'a.mktplan.yaml'), 'mktplan: "1"\nplan: {}\n');
      const result = await run(['check', '--format', 'json', '.'], at('team'));
      const reports = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; message: string }> }>;
      assert.deepEqual(reports.map((report) => report.file), ['mktplan.config.yaml', 'a.mktplan.yaml']);
      assert.match(reports[0].diagnostics[0].message, /not valid UTF-8: it looks like UTF-16/);
      assert.ok(reports[1].diagnostics.some((diagnostic) => diagnostic.code === 'plan/budget-missing'));
    });
  });

  describe('huge files', () => {
    it('reads no more of a plan, an import or a configuration than the 10 MB it checks', async function () {
      this.timeout(budgetFor(0));
      const huge = 3 * 1024 * 1024 * 1024;
      for (const name of ['big.mktplan.yaml', 'mktplan.config.yaml']) {
        writeFileSync(at('team', name), '');
        spawnSync('truncate', ['-s', String(huge), at('team', name)]);
      }
      writeFileSync(at('team', 'a.mktplan.yaml'), 'mktplan: "1"\nimports: [big.mktplan.yaml]\nplan: {}\n');
      const result = await run(['check', '--format', 'json', '.'], at('team'));
      const reports = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; message: string }> }>;
      const tooLarge = english.t('yaml-syntax.tooLarge', { size: 3072, limit: 10 });
      assert.deepEqual(reports.find((report) => report.file === 'big.mktplan.yaml')?.diagnostics.map((diagnostic) => diagnostic.message), [tooLarge]);
      assert.deepEqual(reports.find((report) => report.file === 'mktplan.config.yaml')?.diagnostics.map((diagnostic) => diagnostic.message), [tooLarge]);
      assert.ok(reports.find((report) => report.file === 'a.mktplan.yaml')?.diagnostics.some((diagnostic) => diagnostic.message.includes('it is 3,072 MB, and mktplan reads files up to 10 MB')));
      assert.doesNotMatch(result.stderr, /ERR_FS_FILE_TOO_LARGE/);
    });
  });

  describe('git metadata for the report', () => {
    it('neither waits on a HEAD that is a pipe nor reads a ref that leads to /dev/zero', async function () {
      this.timeout(budgetFor(0));
      writeFileSync(at('team', 'plan.mktplan.yaml'), cleanPlan);
      mkdirSync(at('team', '.git', 'refs', 'heads'), { recursive: true });
      assert.equal(spawnSync('mkfifo', [at('team', '.git', 'HEAD')]).status, 0, 'mkfifo');
      const piped = await run(['export', '--format', 'md', 'plan.mktplan.yaml'], at('team'));
      assert.equal(piped.code, 0, piped.stderr);
      rmSync(at('team', '.git', 'HEAD'));
      writeFileSync(at('team', '.git', 'HEAD'), 'ref: refs/heads/main\n');
      symlinkSync('/dev/zero', at('team', '.git', 'refs', 'heads', 'main'));
      const zero = await run(['export', '--format', 'md', 'plan.mktplan.yaml'], at('team'));
      assert.equal(zero.code, 0, zero.stderr);
    });
  });

  describe('folders with links and special files', () => {
    it('checks a link to a plan inside the folder once, and neither follows a link out of it nor quotes what is there', async () => {
      writeFileSync(at('team', 'plan.mktplan.yaml'), cleanPlan);
      symlinkSync('plan.mktplan.yaml', at('team', 'also.mktplan.yaml'));
      // A folder whose name starts with a dot is not searched: its plan is reached through the link alone.
      mkdirSync(at('team', '.drafts'));
      writeFileSync(at('team', '.drafts', 'only.mktplan.yaml'), cleanPlan);
      symlinkSync('.drafts/only.mktplan.yaml', at('team', 'linked.mktplan.yaml'));
      writeFileSync(at('outside', 'secret.mktplan.yaml'), secretPlan);
      symlinkSync(at('outside', 'secret.mktplan.yaml'), at('team', 'leak.mktplan.yaml'));
      symlinkSync(at('outside'), at('team', 'away'));
      const result = await run(['check', '--format', 'json', '.'], at('team'));
      assert.deepEqual(checkedFiles(result.stdout), ['linked.mktplan.yaml', 'plan.mktplan.yaml']);
      assert.doesNotMatch(result.stdout + result.stderr, /secret-owner-4711/);
      assert.match(result.stderr, /leak\.mktplan\.yaml: not checked: it is a link that leads out of /);
      assert.equal(result.code, 0);
    });

    it('ends on links that lead back to the folder', async function () {
      this.timeout(budgetFor(0));
      writeFileSync(at('team', 'plan.mktplan.yaml'), cleanPlan);
      symlinkSync('.', at('team', 'a'));
      symlinkSync('.', at('team', 'b'));
      symlinkSync('..', at('team', 'up'));
      const result = await run(['check', '--format', 'json', '.'], at('team'));
      assert.deepEqual(checkedFiles(result.stdout), ['plan.mktplan.yaml']);
    });

    it('skips a named pipe and a folder named like a plan with a note, and never waits on the pipe', async function () {
      this.timeout(budgetFor(0));
      writeFileSync(at('team', 'plan.mktplan.yaml'), cleanPlan);
      assert.equal(spawnSync('mkfifo', [at('team', 'pipe.mktplan.yaml')]).status, 0, 'mkfifo');
      mkdirSync(at('team', 'folder.mktplan.yaml'));
      const walked = await run(['check', '--format', 'json', '.'], at('team'));
      assert.deepEqual(checkedFiles(walked.stdout), ['plan.mktplan.yaml']);
      assert.match(walked.stderr, /pipe\.mktplan\.yaml: not checked: it is a named pipe/);
      assert.match(walked.stderr, /folder\.mktplan\.yaml: not checked: it is a folder/);
      assert.equal(walked.code, 0, 'a note does not fail the check');
      const globbed = await run(['check', '--format', 'json', '*.mktplan.yaml'], at('team'));
      assert.deepEqual(checkedFiles(globbed.stdout), ['plan.mktplan.yaml']);
      const named = await run(['check', 'pipe.mktplan.yaml'], at('team'));
      assert.equal(named.code, 2);
      assert.match(named.stderr, /pipe\.mktplan\.yaml: not checked: it is a named pipe/);
      const exported = await run(['export', 'pipe.mktplan.yaml'], at('team'));
      assert.equal(exported.code, 2);
      assert.match(exported.stderr, /it is a named pipe/);
    });

    it('names a file whose name is not UTF-8 as such, not as missing', async function () {
      const name = Buffer.concat([Buffer.from('plan-'), Buffer.from([0xff, 0xfe]), Buffer.from('.mktplan.yaml')]);
      try {
        writeFileSync(Buffer.concat([Buffer.from(at('team') + '/'), name]), cleanPlan);
      } catch {
        this.skip(); // a file system that takes only UTF-8 names cannot hold one
      }
      const result = await run(['check', '.'], at('team'));
      assert.equal(result.code, 2);
      assert.match(result.stderr, /its name is not valid UTF-8; rename it/);
      assert.doesNotMatch(result.stderr, /ENOENT/);
    });

    it('names a link to a file and a folder whose names are not UTF-8, and checks the other plans', async function () {
      const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));
      try {
        writeFileSync(bytes(at('team') + '/', [0xfe], '-target.txt'), cleanPlan);
        mkdirSync(bytes(at('team') + '/d', [0xff]));
      } catch {
        this.skip(); // a file system that takes only UTF-8 names cannot hold them
      }
      writeFileSync(bytes(at('team') + '/d', [0xff], '/p.mktplan.yaml'), cleanPlan);
      symlinkSync(bytes([0xfe], '-target.txt'), at('team', 'l.mktplan.yaml'));
      writeFileSync(at('team', 'a.mktplan.yaml'), cleanPlan);
      const result = await run(['check', '--format', 'json', '.'], at('team'));
      assert.deepEqual(checkedFiles(result.stdout), ['a.mktplan.yaml']);
      assert.match(result.stderr, /\uFFFD-target\.txt: cannot read it: its name is not valid UTF-8; rename it/);
      assert.match(result.stderr, /d\uFFFD: not checked: its name is not valid UTF-8; rename it/);
      assert.doesNotMatch(result.stderr, /internal error|ENOENT/);
      assert.equal(result.code, 2);
    });
  });

  describe('the language server', () => {
    let client: LspClient;
    afterEach(() => client?.stop());

    const published = (uri: string) => client.published.filter((entry) => entry.uri === uri);

    it('checks the closed plans after a pipe named like a plan, checks a link to a plan inside, and reads no link that leads out', async function () {
      this.timeout(budgetFor(0, 15_000));
      writeFileSync(at('team', 'a.mktplan.yaml'), typo);
      mkdirSync(at('team', '.drafts'));
      writeFileSync(at('team', '.drafts', 'draft.mktplan.yaml'), typo);
      symlinkSync('.drafts/draft.mktplan.yaml', at('team', 'b-link.mktplan.yaml'));
      symlinkSync('a.mktplan.yaml', at('team', 'c-alias.mktplan.yaml'));
      writeFileSync(at('outside', 'secret.mktplan.yaml'), secretPlan);
      symlinkSync(at('outside', 'secret.mktplan.yaml'), at('team', 'leak.mktplan.yaml'));
      assert.equal(spawnSync('mkfifo', [at('team', 'pipe.mktplan.yaml')]).status, 0, 'mkfifo');
      client = new LspClient(at('team'));
      await client.initialize();
      const link = await client.diagnostics(client.uri('b-link.mktplan.yaml'));
      assert.ok(link.diagnostics.some((diagnostic) => diagnostic.message.includes('curency')), 'a link to a plan inside the folder is checked, as the CLI checks it');
      await client.diagnostics(client.uri('a.mktplan.yaml'));
      assert.deepEqual(published(client.uri('c-alias.mktplan.yaml')), [], 'a plan reached by its own path and a link is checked once');

      // A watcher reports the pipe and the outward link: neither stops the checks after them.
      writeFileSync(at('team', 'z.mktplan.yaml'), typo);
      const since = client.published.length;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: ['pipe.mktplan.yaml', 'leak.mktplan.yaml', 'z.mktplan.yaml'].map((name) => ({ uri: client.uri(name), type: 1 })),
      });
      const later = await client.diagnostics(client.uri('z.mktplan.yaml'), () => true, since);
      assert.ok(later.diagnostics.some((diagnostic) => diagnostic.message.includes('curency')));
      for (const entry of [...published(client.uri('leak.mktplan.yaml')), ...published(client.uri('pipe.mktplan.yaml'))]) {
        assert.deepEqual(entry.diagnostics, [], 'nothing is said of what lies behind them');
      }
      assert.doesNotMatch(JSON.stringify(client.published), /secret-owner-4711/);
    });
  });
});
