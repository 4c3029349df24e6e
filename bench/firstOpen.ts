// The first open, as a user meets it: `npm run bench:first-open` (after a production build).
//
//   tsx bench/firstOpen.ts [--lines 20000] [--rounds 7]
//
// Three fresh processes a round, interleaved so that a busy moment of the machine weighs on all:
//   ours        node dist/server.js --stdio, initialized; from didOpen to its first diagnostics;
//   cold floor  a fresh node that reads the plan, parses it with `yaml` and validates it with the
//               compiled validators: the time of those two steps, measured inside it;
//   yaml-ls     yaml-language-server given our schema, initialized; from didOpen to diagnostics.
// All three start cold: nothing is compiled hot before the plan arrives, and ours has no code V8
// compiled in an earlier start (MKTPLAN_CODE_CACHE=off), as after an install. Medians of the rounds.
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/lsp/lspClient';
import { BenchClient } from './lsp';
import { countLines, generatePlan } from './generate';
import { median, numberOption, runHarness } from './harness';

process.env.MKTPLAN_CODE_CACHE = 'off';
const lines = numberOption('--lines', 20_000);
const rounds = numberOption('--rounds', 7);
const repository = nodePath.join(__dirname, '..');
const yamlServer = nodePath.join(repository, 'node_modules/yaml-language-server/bin/yaml-language-server');
const schema = nodePath.join(repository, 'schemas/mktplan.schema.json');

/** The floor's program: parse and validate, timed from the moment the text is in memory. */
const floorProgram = `
const { readFileSync } = require('node:fs');
const { parseDocument } = require(${JSON.stringify(require.resolve('yaml'))});
const text = readFileSync(process.argv[1], 'utf8');
const validators = require(process.argv[2]);
const started = performance.now();
const data = parseDocument(text).toJS();
validators.validate_mktplan_schema_json_(data);
process.stdout.write(String(performance.now() - started));
`;

async function ours(folder: string, text: string): Promise<number> {
  const client = new LspClient(folder);
  client.settings = { checkFiles: 'open' };
  await client.initialize();
  const started = performance.now();
  const uri = await client.open('plan.mktplan.yaml', text);
  await client.diagnostics(uri, () => true, 0, 120_000);
  const elapsed = performance.now() - started;
  await client.stop();
  return elapsed;
}

async function yamlLanguageServer(folder: string, file: string, text: string): Promise<number> {
  const settings = { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: { [pathToFileURL(schema).href]: ['*.mktplan.yaml'] } };
  const client = new BenchClient('yaml-language-server', [yamlServer, '--stdio'], folder);
  client.configuration = (section) => (section === 'yaml' ? settings : null);
  await client.initialize(folder);
  await client.notify('workspace/didChangeConfiguration', { settings: { yaml: settings } });
  const uri = pathToFileURL(file).href;
  const started = performance.now();
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await client.waitForPublish(uri, 0, () => true, 120_000);
  const elapsed = performance.now() - started;
  await client.stop();
  return elapsed;
}

function coldFloor(file: string, validators: string): number {
  const result = spawnSync(process.execPath, ['-e', floorProgram, file, validators], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the floor failed: ${result.stderr}`);
  return Number(result.stdout);
}

async function main(): Promise<void> {
  const folder = mkdtempSync(nodePath.join(os.tmpdir(), 'mktplan-first-open-'));
  try {
    const text = generatePlan(lines);
    const file = nodePath.join(folder, 'plan.mktplan.yaml');
    writeFileSync(file, text);
    // The compiled validators, bundled alone as the floor's one dependency besides `yaml`.
    const validators = nodePath.join(folder, 'validators.js');
    buildSync({ entryPoints: [nodePath.join(repository, 'server/src/service/schema/validators.generated.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: validators, logLevel: 'error' });
    const times = { ours: [] as number[], floor: [] as number[], yamlLs: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      times.ours.push(await ours(folder, text));
      times.floor.push(coldFloor(file, validators));
      times.yamlLs.push(await yamlLanguageServer(folder, file, text));
      process.stderr.write(`round ${round + 1}: ours ${times.ours[round].toFixed(0)} ms, floor ${times.floor[round].toFixed(0)} ms, yaml-language-server ${times.yamlLs[round].toFixed(0)} ms\n`);
    }
    const [o, f, y] = [median(times.ours), median(times.floor), median(times.yamlLs)];
    process.stdout.write(
      [
        `| first open of ${countLines(text).toLocaleString('en')} lines, fresh process | ms | ours ÷ it |`,
        '|---|--:|--:|',
        `| ours: didOpen → diagnostics | ${o.toFixed(0)} | — |`,
        `| cold floor: parse + validate | ${f.toFixed(0)} | ${(o / f).toFixed(2)}× (target ≤ 0.9×) |`,
        `| yaml-language-server: didOpen → diagnostics | ${y.toFixed(0)} | ${(o / y).toFixed(2)}× (target ≤ 0.5×) |`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

runHarness('bench/firstOpen', main);
