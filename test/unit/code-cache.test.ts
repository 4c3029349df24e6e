import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { codeCacheFolder } from '../../server/src/hosts/codeCache';
import { LspClient } from '../lsp/lspClient';

const repository = nodePath.join(__dirname, '../..');
const cli = nodePath.join(repository, 'dist/cli.js');
const examples = nodePath.join(repository, 'examples');
const cacheName = /^cli-[0-9a-f]{8}-[0-9a-f]{16}\.v8cache$/;

/** `mktplan` run in the examples' folder with the cache in `cache` (or `off`, or where it is by default), the rest of the environment as given. */
function run(cache: string | undefined, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const { MKTPLAN_CODE_CACHE: _given, ...rest } = env;
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: examples, encoding: 'utf8', env: cache === undefined ? rest : { ...rest, MKTPLAN_CODE_CACHE: cache } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const check = ['check', '--format', 'json', '.'];

/** The one cache file of the command in `folder`, with what tells a rewritten file from the same one. */
function cacheFile(folder: string): { path: string; ino: number; bytes: Buffer; mode: number } {
  const names = fs.readdirSync(folder).filter((name) => cacheName.test(name));
  assert.equal(names.length, 1, `one cache file of the command in ${fs.readdirSync(folder).join(', ')}`);
  const path = nodePath.join(folder, names[0]);
  const stat = fs.statSync(path);
  return { path, ino: stat.ino, bytes: fs.readFileSync(path), mode: stat.mode & 0o777 };
}

describe("V8's compiled code kept between runs (MKTPLAN_CODE_CACHE)", function () {
  this.timeout(60_000);
  let folder: string;
  let uncached: ReturnType<typeof run>;

  before(() => {
    uncached = run('off', check);
    assert.equal(uncached.status, 1, uncached.stderr);
  });
  beforeEach(() => {
    folder = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'mktplan-code-cache-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('is written after the first run, for this user alone, and read by the next without being written again', () => {
    assert.deepEqual(run(folder, check), uncached);
    const first = cacheFile(folder);
    if (process.platform !== 'win32') {
      assert.equal(first.mode, 0o600);
      assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
    }
    assert.deepEqual(run(folder, check), uncached);
    const second = cacheFile(folder);
    // A cache V8 refused, or one not read, is written again (a new file renamed into place).
    assert.equal(second.ino, first.ino);
    assert.ok(second.bytes.equals(first.bytes));
  });

  it('serves the checking threads, the report and its charts alike', () => {
    run(folder, check);
    const written = cacheFile(folder);
    const plans = nodePath.join(repository, 'test/fixtures');
    assert.deepEqual(run(folder, ['check', '--format', 'json', '--concurrency', '3', plans]), run('off', ['check', '--format', 'json', '--concurrency', '3', plans]));
    const report = (cache: string) => {
      const out = nodePath.join(folder, `${cache === 'off' ? 'off' : 'cached'}.html`);
      const result = run(cache, ['export', '--as-of', '2026-03-01', '-o', out, 'saigon-bean.mktplan.yaml']);
      assert.equal(result.status, 0, result.stderr);
      return fs.readFileSync(out, 'utf8');
    };
    const html = report(folder);
    assert.match(html, /<svg/);
    assert.equal(html, report('off'));
    assert.equal(cacheFile(folder).ino, written.ino);
  });

  it('is not read when its bytes changed or it was cut short, and is written again', () => {
    run(folder, check);
    const { path, bytes } = cacheFile(folder);
    const changed = Buffer.from(bytes);
    changed[changed.length >> 1] ^= 0xff;
    for (const broken of [changed, bytes.subarray(0, 40), Buffer.alloc(0)]) {
      fs.writeFileSync(path, broken, { mode: 0o600 });
      const brokenIno = cacheFile(folder).ino;
      assert.deepEqual(run(folder, check), uncached);
      const rewritten = cacheFile(folder);
      assert.notEqual(rewritten.ino, brokenIno, 'written again');
      assert.equal(rewritten.bytes.length > 1000, true);
      // The file written again is whole: the next run reads it, and writes none.
      run(folder, check);
      assert.equal(cacheFile(folder).ino, rewritten.ino);
    }
  });

  it('is not read when others may write it, or another user owns it', function () {
    if (process.platform === 'win32') this.skip();
    run(folder, check);
    const { path } = cacheFile(folder);
    fs.chmodSync(path, 0o666);
    const shared = cacheFile(folder).ino;
    assert.deepEqual(run(folder, check), uncached);
    const rewritten = cacheFile(folder);
    assert.notEqual(rewritten.ino, shared, 'written again');
    assert.equal(rewritten.mode, 0o600, 'by this user alone');
    // Only the superuser can give a file away.
    if (process.getuid?.() !== 0) return;
    fs.chownSync(rewritten.path, 65534, 65534);
    assert.deepEqual(run(folder, check), uncached);
    const own = cacheFile(folder);
    assert.notEqual(own.ino, rewritten.ino, 'written again');
    assert.equal(fs.statSync(own.path).uid, 0);
  });

  it('leaves the run as it is when the folder cannot be written, and says nothing', () => {
    const notAFolder = nodePath.join(folder, 'file');
    fs.writeFileSync(notAFolder, 'not a folder');
    assert.deepEqual(run(nodePath.join(notAFolder, 'cache'), check), uncached);
    assert.deepEqual(fs.readdirSync(folder), ['file']);
  });

  it("replaces the files of this installation's earlier bundles, and leaves another installation's and the server's", () => {
    const installation = createHash('sha256').update(nodePath.join(repository, 'dist/cli-code.js')).digest('hex').slice(0, 8);
    const older = nodePath.join(folder, `cli-${installation}-${'0'.repeat(16)}.v8cache`);
    const another = nodePath.join(folder, `cli-${installation === 'ffffffff' ? 'eeeeeeee' : 'ffffffff'}-${'0'.repeat(16)}.v8cache`);
    const server = nodePath.join(folder, `server-${installation}-${'0'.repeat(16)}.v8cache`);
    for (const file of [older, another, server]) fs.writeFileSync(file, 'kept by another run');
    run(folder, check);
    const written = fs.readdirSync(folder).filter((name) => name.startsWith(`cli-${installation}-`));
    assert.equal(written.length, 1, `this installation's files: ${written.join(', ')}`);
    assert.notEqual(written[0], nodePath.basename(older));
    assert.deepEqual(fs.readdirSync(folder).sort(), [written[0], nodePath.basename(another), nodePath.basename(server)].sort());
  });

  it('is kept in the user\'s cache folder by default, and nowhere with `off`', function () {
    if (process.platform !== 'linux') this.skip();
    const env = { ...process.env, XDG_CACHE_HOME: folder };
    assert.deepEqual(run(undefined, check, env), uncached);
    cacheFile(nodePath.join(folder, 'mktplan'));
    fs.rmSync(nodePath.join(folder, 'mktplan'), { recursive: true });
    assert.deepEqual(run('off', check, env), uncached);
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('is written by the language server when it exits, and read by the next one', async () => {
    const text = fs.readFileSync(nodePath.join(examples, 'draft.mktplan.yaml'), 'utf8');
    const given = process.env.MKTPLAN_CODE_CACHE;
    const serverCache = () => fs.readdirSync(folder).filter((name) => /^server-[0-9a-f]{8}-[0-9a-f]{16}\.v8cache$/.test(name));
    const findings: string[][] = [];
    let first: number | undefined;
    try {
      process.env.MKTPLAN_CODE_CACHE = folder;
      for (let start = 0; start < 2; start++) {
        const client = new LspClient(examples);
        try {
          await client.initialize();
          const uri = await client.open('draft.mktplan.yaml', text);
          findings.push((await client.diagnostics(uri)).diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line}`));
        } finally {
          await client.stop();
        }
        assert.equal(serverCache().length, 1);
        const ino = fs.statSync(nodePath.join(folder, serverCache()[0])).ino;
        if (first === undefined) first = ino;
        else assert.equal(ino, first, 'the second server read the cache, and wrote none');
      }
    } finally {
      process.env.MKTPLAN_CODE_CACHE = given;
    }
    assert.ok(findings[0].length > 0);
    assert.deepEqual(findings[1], findings[0]);
  });

  it('is found from MKTPLAN_CODE_CACHE, or else in the user\'s cache folder', () => {
    assert.equal(codeCacheFolder({ MKTPLAN_CODE_CACHE: 'off' }), undefined);
    assert.equal(codeCacheFolder({ MKTPLAN_CODE_CACHE: 'relative/cache' }), nodePath.resolve('relative/cache'));
    assert.equal(nodePath.basename(codeCacheFolder({ MKTPLAN_CODE_CACHE: '' }) ?? ''), 'mktplan');
    assert.equal(codeCacheFolder({}), codeCacheFolder({ MKTPLAN_CODE_CACHE: '' }));
  });
});
