import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
// Every test reads the languages' texts from the sources.
import '../scripts/sourceLocales';

// The command and the servers the tests start keep V8's compiled code in a folder of the run's
// own, not in the user's cache (test/unit/code-cache.test.ts sets its own for each case).
if (process.env.MKTPLAN_CODE_CACHE === undefined) {
  const folder = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'mktplan-test-code-cache-'));
  process.env.MKTPLAN_CODE_CACHE = folder;
  process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}
