import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { readRegularFile } from '../../server/src/hosts/disk';

describe('reading a file from the disk', () => {
  let folder: string;
  before(() => (folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-read-'))));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a file whole, whatever its size against the first read and the buffers it is read into', async () => {
    for (const size of [0, 1, 4095, 4096, 4097, 5_000, 65_536, 3 * 1024 * 1024 + 7]) {
      const content = Buffer.alloc(size, 'ab\n');
      const file = nodePath.join(folder, `size-${size}.mktplan.yaml`);
      writeFileSync(file, content);
      const read = await readRegularFile(file);
      assert.equal(read.kind, 'ok', `size ${size}`);
      assert.ok(read.kind === 'ok' && read.bytes.equals(content), `size ${size}: read otherwise than written`);
    }
  });

  it('reads at most the limit and one byte more, which says the file is over it', async () => {
    const file = nodePath.join(folder, 'large.mktplan.yaml');
    writeFileSync(file, Buffer.alloc(10_000, 'x'));
    for (const limit of [0, 1, 4096, 9_999, 10_000]) {
      const read = await readRegularFile(file, limit);
      assert.ok(read.kind === 'ok', `limit ${limit}`);
      assert.equal(read.bytes.length, Math.min(limit + 1, 10_000), `limit ${limit}`);
    }
  });

  it('reads whole a file whose size the disk does not give, such as one in /proc', async function () {
    if (!existsSync('/proc/self/status')) this.skip();
    const read = await readRegularFile('/proc/self/status');
    assert.ok(read.kind === 'ok');
    const text = read.bytes.toString('utf8');
    assert.match(text, /^Name:/);
    assert.ok(text.endsWith('\n') && text.length > 200, `${text.length} characters`);
    // Longer than the room the first read is given: read on in a larger buffer, every line whole.
    const maps = await readRegularFile('/proc/self/maps');
    assert.ok(maps.kind === 'ok' && maps.bytes.length > 4096, maps.kind === 'ok' ? `${maps.bytes.length} bytes` : maps.kind);
    const lines = maps.bytes.toString('utf8').split('\n');
    assert.equal(lines.pop(), '');
    for (const line of lines) assert.match(line, /^[0-9a-f]+-[0-9a-f]+ /);
  });

  it('names what is not a regular file without opening it, and a file that is not there', async function () {
    const sub = nodePath.join(folder, 'a-folder.mktplan.yaml');
    mkdirSync(sub);
    assert.deepEqual(await readRegularFile(sub), { kind: 'notAFile', special: 'folder' });
    assert.deepEqual(await readRegularFile(nodePath.join(folder, 'missing.mktplan.yaml')), { kind: 'missing' });
    const pipe = nodePath.join(folder, 'pipe.mktplan.yaml');
    try {
      execFileSync('mkfifo', [pipe]);
    } catch {
      this.skip();
    }
    // A pipe with no writer would block a read forever: it is named and left alone.
    assert.deepEqual(await readRegularFile(pipe), { kind: 'notAFile', special: 'pipe' });
  });
});
