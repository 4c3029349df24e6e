// Each kind of edit on a 20,000-line plan: `npm run bench:edits` (after a build).
//
//   tsx bench/edits.ts [--lines 20000] [--runs 7]
//
// For every edit kind, at campaigns spread through the plan, it measures in one process:
//   check   Engine.check of the edited text, the previous text checked just before (warm), as the
//           server does after each change; and whether the text was reparsed in part;
// against the warm parse floor, `parseDocument` from `yaml` on the same text (median, warm).
// Medians of the runs; interleaved with the floor so that a busy moment weighs on both.
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { Engine, ParseCache } from '../server/src/service';
import { MemoryWorkspace } from '../test/unit/helpers';
import { countLines, generatePlan } from './generate';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const lines = argument('--lines', 20_000);
const runs = argument('--runs', 7);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1];

/** The campaigns of the generated plan: where each starts and ends (its lines, from its dash). */
function campaignsOf(text: string): Array<{ start: number; end: number }> {
  const starts = [...text.matchAll(/^ {4}- id: cmp-/gm)].map((match) => match.index!);
  return starts.map((start, index) => ({ start, end: index + 1 < starts.length ? starts[index + 1] : text.indexOf('\n  kpis:', start) + 1 }));
}

/** An edit: the text after it, made from the text before it and the n-th campaign chosen. */
interface EditKind {
  name: string;
  apply: (text: string, campaign: { start: number; end: number }) => string;
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
    name: "a campaign's lines indented by two",
    apply: (text, { start, end }) => text.slice(0, start) + text.slice(start, end).replace(/^(?=.)/gm, '  ') + text.slice(end),
  },
];

async function main(): Promise<void> {
  const text = generatePlan(lines);
  const campaigns = campaignsOf(text);
  const floor: number[] = [];
  const rows: string[] = [];
  // The floor, warm: parsed a few times first, then once before each measured edit.
  for (let warm = 0; warm < 3; warm++) parseDocument(text);
  const results: Array<{ name: string; check: number; incremental: number; total: number }> = [];
  for (const kind of kinds) {
    const times: number[] = [];
    let incremental = 0;
    for (let run = 0; run < runs; run++) {
      const campaign = campaigns[Math.floor(((run + 1) * campaigns.length) / (runs + 2))];
      const cache = new ParseCache();
      const engine = new Engine(new MemoryWorkspace(), cache);
      const file = '/workspace/plan.mktplan.yaml';
      await engine.check(file, text);
      // The check of an edit inside an entry, twice, so that the code measured is compiled hot.
      await engine.check(file, kinds[0].apply(text, campaigns[1]));
      await engine.check(file, text);
      const edited = kind.apply(text, campaign);
      const before = cache.counts.incremental;
      const started = performance.now();
      await engine.check(file, edited);
      times.push(performance.now() - started);
      incremental += cache.counts.incremental - before;
      const floorStarted = performance.now();
      parseDocument(text);
      floor.push(performance.now() - floorStarted);
    }
    results.push({ name: kind.name, check: median(times), incremental, total: runs });
  }
  const floorMs = median(floor);
  rows.push(`| edit at ${countLines(text).toLocaleString('en')} lines | check (ms) | × warm parse floor (${floorMs.toFixed(0)} ms) | reparsed in part |`, '|---|---|---|---|');
  for (const result of results) {
    rows.push(`| ${result.name} | ${result.check.toFixed(1)} | ${(result.check / floorMs).toFixed(3)} | ${result.incremental} of ${result.total} |`);
  }
  process.stdout.write(rows.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
