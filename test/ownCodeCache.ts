import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';

/**
 * Has the commands and servers this process starts keep V8's compiled code in a folder of its
 * own, empty at its start and removed at its exit, rather than in the user's cache (README,
 * "Compiled code kept between runs"); a folder already chosen (`MKTPLAN_CODE_CACHE`) is kept.
 */
export function useOwnCodeCache(prefix: string): void {
  if (process.env.MKTPLAN_CODE_CACHE !== undefined) return;
  const folder = fs.mkdtempSync(nodePath.join(os.tmpdir(), prefix));
  process.env.MKTPLAN_CODE_CACHE = folder;
  process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}
