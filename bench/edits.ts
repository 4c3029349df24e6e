// Each kind of edit on a 20,000-line plan: `npm run bench:edits` (after a production build).
//
//   tsx bench/edits.ts [--lines 20000] [--runs 7]
//
// For every edit kind, at campaigns spread through the plan:
//   edit → diagnostics  over stdio, on one warm server (node dist/server.js --stdio) with the plan
//                       open: from didChange (the range replaced, as editors send it) to the
//                       diagnostics of that version, the server's
//                       debounce included; each edit is undone (and its diagnostics awaited) before the next;
//   reparsed in part    in process, after all the timings, whether the engine spliced the change or
//                       parsed the whole text;
// against the warm parse floor: `parseDocument` from `yaml` on the same text, after warm-up runs,
// in a process of its own, measured between the edits so that a busy moment weighs on both (in
// this process, its garbage would be collected inside the next edit's measurement). Medians of the runs.
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { Engine, ParseCache } from '../server/src/service';
import { commonEnds } from '../server/src/service/document/incremental';
import { MemoryWorkspace } from '../test/unit/helpers';
import { LspClient } from '../test/lsp/lspClient';
import * as os from 'node:os';
import { countLines, generatePlan } from './generate';
import { median, numberOption, runHarness } from './harness';
import { residentMemory } from './lsp';

const lines = numberOption('--lines', 20_000);
const runs = numberOption('--runs', 7);
const warmUps = 3;

/** The floor's process: warms `parseDocument` up on the text, then parses it once for each message and answers the time. */
const floorProgram = `
const { parseDocument } = require(${JSON.stringify(require.resolve('yaml'))});
let text;
process.on('message', (message) => {
  if (message.text !== undefined) {
    text = message.text;
    for (let warm = 0; warm < 3; warm++) parseDocument(text);
    process.send(0);
  } else {
    const started = performance.now();
    parseDocument(text);
    process.send(performance.now() - started);
  }
});
`;

/** A warm process that parses the text on request; each call answers one parse's time. */
async function floorProcess(text: string): Promise<{ parse: () => Promise<number>; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', floorProgram], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const answer = (request: object) =>
    new Promise<number>((resolve) => {
      child.once('message', (ms) => resolve(Number(ms)));
      child.send(request);
    });
  await answer({ text });
  return { parse: () => answer({}), stop: () => child.kill() };
}

/** The campaigns of the generated plan: where each starts and ends (its lines, from its dash). */
function campaignsOf(text: string): Array<{ start: number; end: number }> {
  const starts = [...text.matchAll(/^ {4}- id: cmp-/gm)].map((match) => match.index!);
  return starts.map((start, index) => ({ start, end: index + 1 < starts.length ? starts[index + 1] : text.indexOf('\n  kpis:', start) + 1 }));
}

/** An edit: the text after it, made from the text before it and the n-th campaign chosen. */
interface EditKind {
  name: string;
  apply: (text: string, campaign: { start: number; end: number }) => string;
  /** The edit measured is the one back from `apply`'s text, which does not parse, to the plan. */
  measureTheFix?: boolean;
}

const lineEndBefore = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1);

const kinds: EditKind[] = [
  { name: 'a character typed in a value', apply: (text, { start }) => text.slice(0, start + 12) + 'x' + text.slice(start + 12) },
  {
    name: 'Enter at the end of a campaign',
    apply: (text, { end }) => {
      const at = lineEndBefore(text, end);
      const indentation = /^ */.exec(text.slice(text.lastIndexOf('\n', at - 1) + 1))![0];
      return text.slice(0, at) + '\n' + indentation + text.slice(at);
    },
  },
  { name: 'a key typed on a new line between campaigns', apply: (text, { start }) => text.slice(0, start) + '      note: new line\n' + text.slice(start) },
  { name: 'a 24-line campaign pasted between two', apply: (text, { start, end }) => text.slice(0, end) + text.slice(start, end).replace(/id: cmp-(\d+)/, 'id: cmp-$1-copy') + text.slice(end) },
  { name: 'a campaign deleted', apply: (text, { start, end }) => text.slice(0, start) + text.slice(end) },
  { name: 'a comment line between campaigns', apply: (text, { start }) => text.slice(0, start) + '    # a note between campaigns\n' + text.slice(start) },
  { name: 'a blank line between campaigns', apply: (text, { start }) => text.slice(0, start) + '\n' + text.slice(start) },
  {
    // Moving a line in breaks the YAML (and is parsed whole, for its syntax findings); moving it back is the edit timed.
    name: "a campaign's line indented by two, then set right",
    apply: (text, { start }) => text.slice(0, start) + text.slice(start).replace(/\n( {6}owner: )/, '\n  $1'),
    measureTheFix: true,
  },
];

async function main(): Promise<void> {
  const text = generatePlan(lines);
  const campaigns = campaignsOf(text);
  const placeOf = (run: number) => campaigns[Math.floor(((run + 1) * campaigns.length) / (runs + 2))];
  const floor: number[] = [];
  const floorParser = await floorProcess(text);

  const client = new LspClient(os.tmpdir());
  client.settings = { checkFiles: 'open' };
  await client.initialize();
  let version = 1;
  const uri = await client.open('bench-edits.mktplan.yaml', text, version);
  await client.diagnostics(uri, (published) => published.version === version, 0, 120_000);
  let current = text;
  /** Where an offset of a text stands, as LSP counts it. */
  const positionOf = (of: string, offset: number) => {
    const before = of.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  /** Sends the change to a new text as an editor does (the range replaced, and its new text), and waits for its diagnostics: the time between the two. */
  const change = async (next: string) => {
    const { prefix, suffix } = commonEnds(current, next);
    const range = { start: positionOf(current, prefix), end: positionOf(current, current.length - suffix) };
    const replacement = next.slice(prefix, next.length - suffix);
    current = next;
    const since = client.published.length;
    const sent = performance.now();
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: replacement }] });
    await client.diagnostics(uri, (published) => published.version === version, since, 120_000);
    return performance.now() - sent;
  };
  const openedMemory = residentMemory(client.process.pid!);
  let edits = 0;
  // Warm-up edits of every kind, so that the code each kind runs is compiled hot, as it is after a
  // few minutes of typing, as the floor's parser is: warm with warm. At campaigns the runs do not edit.
  const warmUpPlaceOf = (warm: number) => campaigns[Math.floor(((warm + 1) * campaigns.length) / (warmUps + 2)) + 1];
  for (const kind of kinds) {
    for (let warm = 0; warm < warmUps; warm++) {
      await change(kind.apply(text, warmUpPlaceOf(warm)));
      await change(text);
      edits += 2;
    }
  }

  const results: Array<{ name: string; ms: number; incremental: number }> = [];
  for (const kind of kinds) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      const edited = kind.apply(text, placeOf(run));
      const there = await change(edited);
      const back = await change(text);
      edits += 2;
      times.push(kind.measureTheFix ? back : there);
      floor.push(await floorParser.parse());
    }
    results.push({ name: kind.name, ms: median(times), incremental: 0 });
  }
  const editedMemory = residentMemory(client.process.pid!);
  await client.stop();
  floorParser.stop();

  // The same edits in process, to tell whether each was spliced: after the timings, so that this
  // process's own parsing and collecting never runs beside the server's.
  for (const [index, kind] of kinds.entries()) {
    for (let run = 0; run < runs; run++) {
      const edited = kind.apply(text, placeOf(run));
      const cache = new ParseCache();
      const engine = new Engine(new MemoryWorkspace(), cache);
      await engine.check('file:///workspace/plan.mktplan.yaml', text);
      await engine.check('file:///workspace/plan.mktplan.yaml', edited);
      if (kind.measureTheFix) {
        const before = cache.counts.incremental;
        await engine.check('file:///workspace/plan.mktplan.yaml', text);
        results[index].incremental += cache.counts.incremental - before;
      } else results[index].incremental += cache.counts.incremental;
    }
  }

  const floorMs = median(floor);
  const rows = [
    `| edit at ${countLines(text).toLocaleString('en')} lines | edit → diagnostics (ms) | × warm parse floor (${floorMs.toFixed(0)} ms) | reparsed in part |`,
    '|---|--:|--:|--:|',
    ...results.map((result) => `| ${result.name} | ${result.ms.toFixed(1)} | ${(result.ms / floorMs).toFixed(3)} | ${result.incremental} of ${runs} |`),
  ];
  rows.push(
    '',
    `server RSS: ${openedMemory.rssMB.toFixed(0)} MB with the plan open, ${editedMemory.rssMB.toFixed(0)} MB after ${edits} edits (peak ${editedMemory.peakRssMB.toFixed(0)} MB)`,
  );
  process.stdout.write(rows.join('\n') + '\n');
}

runHarness('bench/edits', main);
