// Spawn to first diagnostics: a fresh server over stdio, `initialize`, the 281-line example
// opened, until its findings are published; against a bare `node -e 0` start, in the same run.
// The server starts as users start it, with V8's compiled code kept from an earlier start (in the
// run's own folder, written by a first start), and as after an install, without it.
// Run after a production build (`node esbuild.mjs --production`), as the extension ships it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { LspClient } from '../test/lsp/lspClient';
import { median, runHarness } from './harness';

const examples = nodePath.join(__dirname, '../examples');
const text = readFileSync(nodePath.join(examples, 'saigon-bean.mktplan.yaml'), 'utf8');
const rounds = 9;

/** A fresh server's start to its first findings, its compiled code kept in `codeCache` (or none, with `off`). */
async function spawnToFindings(codeCache: string): Promise<number> {
  process.env.MKTPLAN_CODE_CACHE = codeCache;
  const started = performance.now();
  const client = new LspClient(examples);
  // Only the opened file: the rest of the folder would be checked after it, and is not what is measured.
  client.settings = { checkFiles: 'open' };
  await client.initialize();
  const uri = await client.open('saigon-bean.mktplan.yaml', text);
  await client.diagnostics(uri);
  const elapsed = performance.now() - started;
  await client.stop();
  return elapsed;
}

function bareNode(): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  return performance.now() - started;
}

async function main(): Promise<void> {
  // The run's own folder (runHarness), empty at its start.
  const codeCache = process.env.MKTPLAN_CODE_CACHE ?? '';
  const cached: number[] = [];
  const uncached: number[] = [];
  const bare: number[] = [];
  // The first start writes the compiled code that the measured ones read.
  await spawnToFindings(codeCache);
  // Interleaved, so that a busy moment of the machine weighs on all alike.
  for (let round = 0; round < rounds; round++) {
    cached.push(await spawnToFindings(codeCache));
    uncached.push(await spawnToFindings('off'));
    bare.push(bareNode());
  }
  const floor = median(bare);
  const line = (what: string, times: number[]) => `${what}: ${median(times).toFixed(0)} ms, ${(median(times) / floor).toFixed(2)}× node -e 0`;
  process.stdout.write(
    `spawn to first diagnostics (node -e 0: ${floor.toFixed(0)} ms; target: at most 3×)\n` +
      `  ${line('with the compiled code kept from an earlier start', cached)}\n` +
      `  ${line('without it (the first start after an install, or MKTPLAN_CODE_CACHE=off)', uncached)}\n`,
  );
}

runHarness('bench/spawn', main);
