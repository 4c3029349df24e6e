// Spawn to first diagnostics: a fresh server over stdio, `initialize`, the 281-line example
// opened, until its findings are published; against a bare `node -e 0` start, in the same run.
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

async function spawnToFindings(): Promise<number> {
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
  const server: number[] = [];
  const bare: number[] = [];
  // Interleaved, so that a busy moment of the machine weighs on both alike.
  for (let round = 0; round < rounds; round++) {
    server.push(await spawnToFindings());
    bare.push(bareNode());
  }
  const [ours, floor] = [median(server), median(bare)];
  process.stdout.write(`spawn to first diagnostics: ${ours.toFixed(0)} ms; node -e 0: ${floor.toFixed(0)} ms; ratio ${(ours / floor).toFixed(2)} (target: at most 3)\n`);
}

runHarness('bench/spawn', main);
