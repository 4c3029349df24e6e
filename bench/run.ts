// The benchmark: `npm run bench` (= npm run build && tsx bench/run.ts).
//
//   tsx bench/run.ts [--sizes 1000,5000,20000,50000] [--runs 5]
//
// For each plan size it measures, on the same generated file and machine:
//   floor   parseDocument(text) from `yaml` (default options): the least any YAML tool must do;
//   engine  a full check in process with a fresh Engine each run (the CLI's path, no cache);
//   ours    our language server (node dist/server.js --stdio), over stdio;
//   yaml-language-server, given our JSON schema through its settings, over stdio;
// and prints a Markdown table and the target checks to stdout (progress goes to stderr),
// and writes everything to bench/results/latest.json. See bench/README.md.
//
// Exit code: 0 when the measurements ran (missed targets included), 1 on a harness error.
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { DiskWorkspace } from '../server/src/hosts/disk';
import { Engine, fileUri } from '../server/src/service';
import { countLines, generatePlan } from './generate';
import { median, readOptions, runHarness, UsageError } from './harness';
import { BenchClient, defaultTimeoutMs, type Diagnostic, type Published } from './lsp';

const repoRoot = nodePath.resolve(__dirname, '..');
const ourServer = nodePath.join(repoRoot, 'dist/server.js');
const yamlServer = nodePath.join(repoRoot, 'node_modules/yaml-language-server/bin/yaml-language-server');
const schemaPath = nodePath.join(repoRoot, 'schemas/mktplan.schema.json');
const resultsDir = nodePath.join(__dirname, 'results');

const defaultSizes = [1000, 5000, 20_000, 50_000];

// ---------------------------------------------------------------------------
// Options

interface Options {
  sizes: number[];
  runs: number;
  /** Untimed runs before the timed ones; undefined: as many as `autoWarmup` says for the size. */
  warmup: number | undefined;
}

/**
 * Warm-up runs for a size, the same for all four measures. V8 compiles code hot only after
 * many calls: at 1,000 lines parsing takes several times longer in the first dozen runs than
 * later, so small plans get more warm-up runs (20 at 1,000 lines, 4 at 5,000, 2 from 10,000).
 */
function autoWarmup(lines: number): number {
  return Math.max(2, Math.min(20, Math.ceil(20_000 / lines)));
}

const usage = `Usage: tsx bench/run.ts [--sizes 1000,5000,20000,50000] [--runs 5] [--warmup n]

  --sizes <n,n,...>  plan sizes in lines (default ${defaultSizes.join(',')})
  --runs <n>         timed runs per measurement; the median is reported (default 5)
  --warmup <n>       untimed runs before them, so that the code measured is compiled hot
                     (default: 20000 / lines, between 2 and 20: 20 at 1,000 lines, 2 from 10,000)`;

function parseOptions(argv: string[]): Options | 'help' {
  const options: Options = { sizes: defaultSizes, runs: 5, warmup: undefined };
  const args = [...argv];
  while (args.length > 0) {
    const arg = args.shift()!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args.shift();
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '-h' || name === '--help') return 'help';
    if (name === '--sizes') {
      const sizes = value()
        .split(',')
        .map((s) => Number(s.trim().replace(/_/g, '')));
      if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new UsageError('--sizes takes whole numbers of lines, each at least 100, e.g. 1000,5000');
      options.sizes = [...new Set(sizes)].sort((a, b) => a - b);
    } else if (name === '--runs') {
      const runs = Number(value());
      if (!Number.isInteger(runs) || runs < 1) throw new UsageError('--runs takes a whole number of at least 1');
      options.runs = runs;
    } else if (name === '--warmup') {
      const warmup = Number(value());
      if (!Number.isInteger(warmup) || warmup < 0) throw new UsageError('--warmup takes a whole number');
      options.warmup = warmup;
    } else {
      throw new UsageError(`unknown option "${arg}"`);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------
// Helpers

const log = (message: string) => process.stderr.write(`${message}\n`);

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(1));
const ratio = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`);
const thousands = (n: number) => n.toLocaleString('en-US');

interface Series {
  /** Wall-clock time of the timed runs, in ms, in order. */
  runs: number[];
  median: number;
  /** CPU time of the process doing the work (the server, or the harness for floor and engine), in ms. */
  cpuRuns: number[];
  cpuMedian: number;
}

interface Samples {
  wall: number[];
  cpu: number[];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

function series({ wall, cpu }: Samples): Series {
  return { runs: wall.map(round3), median: median(wall), cpuRuns: cpu.map(round3), cpuMedian: median(cpu) };
}

/** Text of a hover result, whatever its shape. */
function hoverText(hover: unknown): string {
  if (!hover || typeof hover !== 'object') return '';
  const contents = (hover as { contents?: unknown }).contents;
  const one = (c: unknown): string => (typeof c === 'string' ? c : c && typeof c === 'object' && 'value' in c ? String((c as { value: unknown }).value) : '');
  return Array.isArray(contents) ? contents.map(one).join('\n') : one(contents);
}

function completionLabels(result: unknown): string[] {
  const items = Array.isArray(result) ? result : result && typeof result === 'object' ? (result as { items?: unknown[] }).items : undefined;
  return (items ?? []).map((item) => String((item as { label?: unknown }).label));
}

function countSymbols(symbols: unknown): number {
  if (!Array.isArray(symbols)) return 0;
  return symbols.reduce((sum: number, symbol) => sum + 1 + countSymbols((symbol as { children?: unknown }).children), 0);
}

// ---------------------------------------------------------------------------
// Where the editor actions happen: lines in the middle of the plan

interface Positions {
  /** Line of a `cadence:` value inside a campaign's content, one per run (warm-ups first); a letter is inserted into it. */
  editLines: number[];
  editCharacter: (line: number) => number;
  hover: { line: number; character: number; what: string };
  completionEnum: { line: number; character: number; what: string };
  completionId: { line: number; character: number; what: string };
}

function locate(text: string, count: number): Positions {
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  const after = (pattern: RegExp, from = middle) => {
    for (let line = from; line < lines.length; line++) if (pattern.test(lines[line])) return line;
    throw new Error(`harness: no line matching ${pattern} after line ${from}`);
  };
  const before = (pattern: RegExp, from = middle) => {
    for (let line = from; line >= 0; line--) if (pattern.test(lines[line])) return line;
    throw new Error(`harness: no line matching ${pattern} before line ${from}`);
  };
  const cadence = /^ {10}cadence: (daily|weekly|monthly|quarterly|yearly)$/;
  // Completion at the end of a `cadence:` value before the middle (never a line that is edited),
  // as when the value has just been typed: both servers propose the schema's enum values there.
  const enumLine = before(cadence, middle - 1);
  // Edits go to the `cadence:` lines from the middle on, then (for many runs of a small plan) back to the start.
  const candidates = lines.flatMap((text, line) => (cadence.test(text) && line !== enumLine ? [line] : []));
  const ordered = [...candidates.filter((line) => line >= middle), ...candidates.filter((line) => line < middle)];
  if (ordered.length === 0) throw new Error('harness: no `cadence:` line to edit');
  const editLines = Array.from({ length: count }, (_, index) => ordered[index % ordered.length]);
  // Completion inside a flow list of channel ids, right after the first id, as when it has just been typed.
  const idLine = after(/^ {6}channels: \[[a-z0-9-]+[,\]]/);
  const hoverLine = after(/^ {6}budget: \d+/);
  return {
    editLines,
    // Inside the value: `weekly` becomes `wexekly`, which the schema rejects, so the new diagnostics prove they are for the new text.
    editCharacter: (line) => lines[line].indexOf(': ') + 4,
    hover: { line: hoverLine, character: 8, what: `the key \`budget\` of a campaign (line ${hoverLine + 1})` },
    completionEnum: { line: enumLine, character: lines[enumLine].length, what: `end of \`${lines[enumLine].trim()}\` (line ${enumLine + 1})` },
    completionId: {
      line: idLine,
      character: lines[idLine].search(/[,\]]/),
      what: `after the first id in \`${lines[idLine].trim().slice(0, 40)}\` (line ${idLine + 1})`,
    },
  };
}

// ---------------------------------------------------------------------------
// The language servers

type ServerKey = 'ours' | 'yamlLs';

const yamlSettings = {
  validate: true,
  hover: true,
  completion: true,
  // The schema store would be fetched over the network at start-up; our schema is the only one wanted.
  schemaStore: { enable: false },
  schemas: { [pathToFileURL(schemaPath).href]: ['*.mktplan.yaml'] },
};

interface ServerSpec {
  key: ServerKey;
  label: string;
  args: string[];
  languageId: string;
  configuration: (section: string | undefined) => unknown;
  /**
   * Which publish answers an open or a change. Ours publishes the document version it
   * checked: wait for exactly that version. yaml-language-server publishes without a
   * version: wait for the first publish for the URI after the notification (we always
   * wait for the previous answer before sending the next notification, so nothing older
   * is in flight); for edits, also require a diagnostic on the edited line, which only the
   * new text has, and count any publish that lacks it as stale.
   */
  matches: (published: Published, version: number) => boolean;
}

const servers: ServerSpec[] = [
  {
    key: 'ours',
    label: 'ours',
    args: [ourServer, '--stdio'],
    languageId: 'mktplan',
    // Only the open files are checked: else the plan's copies on disk are checked in the background
    // (as a workspace is) and every open after the first is answered from that check.
    configuration: (section) => (section === 'mktplan' ? { checkFiles: 'open' } : null),
    matches: (published, version) => published.version === version,
  },
  {
    key: 'yamlLs',
    label: 'yaml-language-server',
    args: [yamlServer, '--stdio'],
    languageId: 'yaml',
    configuration: (section) => (section === 'yaml' ? yamlSettings : section === 'http' ? { proxy: '', proxyStrictSSL: false } : null),
    matches: () => true,
  },
];

interface ServerResult {
  name: string;
  version: string | undefined;
  initializeMs: number;
  open: Series;
  edit: Series;
  hover: Series & { chars: number; sample: string };
  completionEnum: Series & { items: number; sample: string[] };
  completionId: Series & { items: number; sample: string[] };
  symbols: Series & { count: number };
  memory: { rssMB: number; peakRssMB: number };
  /** Diagnostics published for the (valid) plan when opened. */
  diagnosticsAtOpen: number;
  /** CPU time the server used in all, from its start to the end of the measurements. */
  totalCpuMs: number;
  anomalies: string[];
}

/** Live server clients, so that every exit path can stop them. */
const live = new Set<BenchClient>();

const hasDiagnosticOn = (diagnostics: Diagnostic[], line: number) => diagnostics.some((d) => d.range.start.line === line);

/** A small plan with two deliberate schema errors, one under `strategy` and one under `plan`: proves each server validates against our schema. */
function sanityPlan(): { text: string; lines: number[] } {
  const text = generatePlan(300, 7).replace('approach: differentiation', 'approach: differentation').replace(/(\n {4}- \{id: ch-[a-z-]+-\d+, type: )social/, '$1socail');
  const lines = text.split('\n');
  const wrong = [lines.findIndex((l) => l.includes('differentation')), lines.findIndex((l) => l.includes('socail'))];
  if (wrong.some((line) => line < 0)) throw new Error('harness: could not plant the sanity-check errors');
  return { text, lines: wrong };
}

async function measureServer(spec: ServerSpec, folder: string, files: string[], text: string, positions: Positions, runs: number, warmup: number): Promise<ServerResult> {
  const client = new BenchClient(spec.label, spec.args, repoRoot);
  live.add(client);
  client.configuration = spec.configuration;
  const anomalies: string[] = [];
  try {
    const started = performance.now();
    const init = await client.initialize(folder);
    const initializeMs = performance.now() - started;
    if (spec.key === 'yamlLs') await client.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });

    // Sanity check (also a warm-up): the deliberate schema errors must be reported. yaml-language-server
    // may validate before it has pulled its settings: then a later publish (after the settings) has them.
    const sanity = sanityPlan();
    const sanityUri = pathToFileURL(nodePath.join(folder, 'sanity.mktplan.yaml')).href;
    let since = client.published.length;
    await client.notify('textDocument/didOpen', { textDocument: { uri: sanityUri, languageId: spec.languageId, version: 1, text: sanity.text } });
    await client
      .waitForPublish(sanityUri, since, (p) => sanity.lines.every((line) => hasDiagnosticOn(p.diagnostics, line)))
      .catch((error: Error) => {
        throw new Error(`${spec.label} failed the sanity check (it should report the schema errors on lines ${sanity.lines.map((l) => l + 1).join(' and ')}): ${error.message}`);
      });
    since = client.published.length;
    await client.notify('textDocument/didClose', { textDocument: { uri: sanityUri } });
    await client.waitForPublish(sanityUri, since, (p) => p.diagnostics.length === 0);

    const keys = ['open', 'edit', 'hover', 'completionEnum', 'completionId', 'symbols'] as const;
    const times = Object.fromEntries(keys.map((key) => [key, { wall: [] as number[], cpu: [] as number[] }])) as Record<(typeof keys)[number], Samples>;
    const last = { hover: '', completionEnum: [] as string[], completionId: [] as string[], symbols: 0, diagnosticsAtOpen: 0 };
    let memory = { rssMB: 0, peakRssMB: 0 };

    // Runs up to 0 are warm-ups and are not timed; runs 1..N are. Each run opens its own copy
    // of the plan (same text, another file), so no run profits from a cache another run filled.
    for (let run = 1 - warmup; run <= runs; run++) {
      const index = run + warmup - 1;
      const tag = run <= 0 ? `warm-up ${index + 1}/${warmup}` : `run ${run}/${runs}`;
      const uri = pathToFileURL(files[index]).href;
      const current: string[] = [];
      let cpu0 = 0;
      let t0 = 0;
      const start = () => {
        cpu0 = client.cpuMs();
        t0 = performance.now();
      };
      const keep = (key: (typeof keys)[number], end = performance.now()) => {
        const wall = end - t0;
        const cpu = client.cpuMs() - cpu0;
        current.push(`${key} ${ms(wall)}`);
        if (run > 0) {
          times[key].wall.push(wall);
          times[key].cpu.push(cpu);
        }
      };
      const request = async (key: (typeof keys)[number], method: string, params: unknown) => {
        start();
        const result = await client.request<unknown>(method, params);
        keep(key);
        return result;
      };

      // open -> the diagnostics for that version.
      const openSince = client.published.length;
      start();
      await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: spec.languageId, version: 1, text } });
      const opened = await client.waitForPublish(uri, openSince, (p) => spec.matches(p, 1));
      keep('open', opened.at);
      const editLine = positions.editLines[index];
      if (hasDiagnosticOn(opened.diagnostics, editLine)) throw new Error(`${spec.label}: a diagnostic on line ${editLine + 1} before it was edited`);
      last.diagnosticsAtOpen = opened.diagnostics.length;

      // One letter typed inside a value in the middle (an incremental change) -> the diagnostics for that version.
      const editSince = client.published.length;
      const at = { line: editLine, character: positions.editCharacter(editLine) };
      start();
      await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
      const edited = await client.waitForPublish(uri, editSince, (p) => {
        const fresh = spec.matches(p, 2) && hasDiagnosticOn(p.diagnostics, editLine);
        if (!fresh) anomalies.push(`${tag}: a publish after the edit that is not for the edited text (version ${p.version ?? 'none'}, ${p.diagnostics.length} diagnostics)`);
        return fresh;
      });
      keep('edit', edited.at);

      // Hover at a key in the middle.
      last.hover = hoverText(await request('hover', 'textDocument/hover', { textDocument: { uri }, position: positions.hover }));
      // Completion at a value in the middle: an enum value, and an id in a flow list.
      last.completionEnum = completionLabels(await request('completionEnum', 'textDocument/completion', { textDocument: { uri }, position: positions.completionEnum }));
      last.completionId = completionLabels(await request('completionId', 'textDocument/completion', { textDocument: { uri }, position: positions.completionId }));
      // The outline.
      last.symbols = countSymbols(await request('symbols', 'textDocument/documentSymbol', { textDocument: { uri } }));

      // Memory after the measurements, with the plan still open.
      if (run === runs) memory = client.memory();

      const extra = client.published.slice(openSince).filter((p) => p.uri === uri).length - 2 - anomalies.filter((a) => a.startsWith(`${tag}:`)).length;
      if (extra > 0) anomalies.push(`${tag}: ${extra} more publishDiagnostics than the open and the edit asked for`);
      const closeSince = client.published.length;
      await client.notify('textDocument/didClose', { textDocument: { uri } });
      await client.waitForPublish(uri, closeSince, (p) => p.diagnostics.length === 0);
      log(`    ${spec.label} ${tag}: ${current.join(', ')} ms`);
    }
    const result: ServerResult = {
      name: init.serverInfo?.name ?? spec.label,
      version: init.serverInfo?.version,
      initializeMs,
      open: series(times.open),
      edit: series(times.edit),
      hover: { ...series(times.hover), chars: last.hover.length, sample: last.hover.slice(0, 80) },
      completionEnum: { ...series(times.completionEnum), items: last.completionEnum.length, sample: last.completionEnum.slice(0, 6) },
      completionId: { ...series(times.completionId), items: last.completionId.length, sample: last.completionId.slice(0, 6) },
      symbols: { ...series(times.symbols), count: last.symbols },
      memory,
      diagnosticsAtOpen: last.diagnosticsAtOpen,
      totalCpuMs: client.cpuMs(),
      anomalies,
    };
    return result;
  } catch (error) {
    if (client.stderr.trim()) log(`    ${spec.label} stderr (tail): ${client.stderr.slice(-1500)}`);
    throw error;
  } finally {
    await client.stop();
    live.delete(client);
  }
}

// ---------------------------------------------------------------------------
// In process: the floor and the engine

async function measureInProcess(label: string, runs: number, warmup: number, body: () => unknown): Promise<{ series: Series; value: unknown }> {
  let value: unknown;
  const samples: Samples = { wall: [], cpu: [] };
  for (let run = 1 - warmup; run <= runs; run++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    value = await body();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (run > 0) {
      samples.wall.push(wall);
      samples.cpu.push((cpu.user + cpu.system) / 1000);
    }
    log(`    ${label} ${run <= 0 ? `warm-up ${run + warmup}/${warmup}` : `run ${run}/${runs}`}: ${ms(wall)} ms`);
  }
  return { series: series(samples), value };
}

// ---------------------------------------------------------------------------
// Report

interface SizeResult {
  size: number;
  lines: number;
  bytes: number;
  positions: { edits: string[]; hover: string; completionEnum: string; completionId: string };
  floor: Series;
  engine: Series & { diagnostics: number };
  ours: ServerResult;
  yamlLs: ServerResult;
  /** Untimed runs before the timed ones, for every measure. */
  warmup: number;
  /**
   * Other programs on the machine skew wall-clock times. `otherCores`: the CPU time the whole
   * machine used while this size was measured (/proc/stat), minus the harness's and the
   * servers', divided by the elapsed time: how many cores other programs kept busy on average.
   */
  load: { loadAverageBefore: number; loadAverageAfter: number; otherCores: number; seconds: number };
}

interface Target {
  target: string;
  size: string;
  measured: string;
  limit: string;
  met: boolean | undefined;
}

/** CPU time the whole machine has spent busy since boot, in ms (/proc/stat: all but idle and iowait). */
function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return ((user + nice + system + irq + softirq + (steal ?? 0)) * 1000) / 100;
  } catch {
    return 0;
  }
}

function machineInfo() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) cpu = match[1].trim();
  } catch {
    // not Linux: keep what os.cpus() says
  }
  return {
    cpu,
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function buildTable(results: SizeResult[], clock: 'wall' | 'cpu'): string {
  const rows: string[] = [
    '| size | measurement | floor | engine | ours | yaml-language-server | ours/floor | ours/yaml-language-server |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  ];
  const of = (value: Series | undefined) => (value === undefined ? undefined : clock === 'wall' ? value.median : value.cpuMedian);
  for (const r of results) {
    const size = `${thousands(r.size)} (${thousands(r.lines)} lines)`;
    const row = (what: string, floorValue: number | undefined, engineValue: number | undefined, ours: number, ylsp: number, oursEmpty = false, ylspEmpty = false) => {
      const cell = (value: number, empty: boolean) => `${ms(value)}${empty ? ' (empty)' : ''}`;
      const vsFloor = floorValue === undefined ? '—' : ratio(ours / floorValue);
      const vsYaml = oursEmpty || ylspEmpty ? '—' : ratio(ours / ylsp);
      rows.push(`| ${size} | ${what} | ${ms(floorValue)} | ${ms(engineValue)} | ${cell(ours, oursEmpty)} | ${cell(ylsp, ylspEmpty)} | ${vsFloor} | ${vsYaml} |`);
    };
    const unit = clock === 'wall' ? 'ms' : 'CPU ms';
    row(`open → diagnostics (${unit})`, of(r.floor), of(r.engine), of(r.ours.open)!, of(r.yamlLs.open)!);
    row(`edit → diagnostics (${unit})`, of(r.floor), undefined, of(r.ours.edit)!, of(r.yamlLs.edit)!);
    row(`hover (${unit})`, undefined, undefined, of(r.ours.hover)!, of(r.yamlLs.hover)!, r.ours.hover.chars === 0, r.yamlLs.hover.chars === 0);
    row(`completion, enum value (${unit})`, undefined, undefined, of(r.ours.completionEnum)!, of(r.yamlLs.completionEnum)!, r.ours.completionEnum.items === 0, r.yamlLs.completionEnum.items === 0);
    row(`completion, id in a flow list (${unit})`, undefined, undefined, of(r.ours.completionId)!, of(r.yamlLs.completionId)!, r.ours.completionId.items === 0, r.yamlLs.completionId.items === 0);
    row(`documentSymbol (${unit})`, undefined, undefined, of(r.ours.symbols)!, of(r.yamlLs.symbols)!, r.ours.symbols.count === 0, r.yamlLs.symbols.count === 0);
    if (clock === 'wall') row('server RSS after the measurements (MB)', undefined, undefined, r.ours.memory.rssMB, r.yamlLs.memory.rssMB);
  }
  return rows.join('\n');
}

function checkTargets(results: SizeResult[]): Target[] {
  const targets: Target[] = [];
  const bySize = (size: number) => results.find((r) => r.size === size);
  const both = (wall: number, cpu: number) => `${ratio(wall)} (CPU time: ${ratio(cpu)})`;
  for (const r of results) {
    const vsFloor = r.ours.open.median / r.floor.median;
    const vsYaml = r.ours.open.median / r.yamlLs.open.median;
    targets.push({ target: 'open → diagnostics: ours ≤ 1.3× floor', size: thousands(r.size), measured: both(vsFloor, r.ours.open.cpuMedian / r.floor.cpuMedian), limit: '1.3×', met: vsFloor <= 1.3 });
    targets.push({ target: 'open → diagnostics: ours ≤ 0.5× yaml-language-server', size: thousands(r.size), measured: both(vsYaml, r.ours.open.cpuMedian / r.yamlLs.open.cpuMedian), limit: '0.5×', met: vsYaml <= 0.5 });
  }
  const at20k = bySize(20_000);
  const missing = (target: string, size: string): Target => ({ target, size, measured: 'not measured (size not run)', limit: '', met: undefined });
  if (at20k) {
    const edit = at20k.ours.edit.median / at20k.floor.median;
    targets.push({
      target: 'edit → diagnostics: ours ≤ 0.1× floor',
      size: '20,000',
      measured: `${both(edit, at20k.ours.edit.cpuMedian / at20k.floor.cpuMedian)}: ${ms(at20k.ours.edit.median)} ms vs ${ms(at20k.floor.median)} ms`,
      limit: '0.1×',
      met: edit <= 0.1,
    });
    const timed = (target: string, value: Series, empty: boolean) =>
      targets.push({ target, size: '20,000', measured: `${ms(value.median)} ms (CPU ${ms(value.cpuMedian)} ms)${empty ? ', returned nothing' : ''}`, limit: '5 ms', met: !empty && value.median <= 5 });
    timed('hover: ours ≤ 5 ms', at20k.ours.hover, at20k.ours.hover.chars === 0);
    timed('completion (enum value): ours ≤ 5 ms', at20k.ours.completionEnum, at20k.ours.completionEnum.items === 0);
    timed('completion (id in a flow list): ours ≤ 5 ms', at20k.ours.completionId, at20k.ours.completionId.items === 0);
  } else {
    for (const t of ['edit → diagnostics: ours ≤ 0.1× floor', 'hover: ours ≤ 5 ms', 'completion: ours ≤ 5 ms']) targets.push(missing(t, '20,000'));
  }
  // Linear growth: time per line at 50k (or the largest size run above 5k) no more than twice that at 5k.
  const small = bySize(5000);
  const largest = results[results.length - 1];
  const large = largest && largest.size > 5000 ? largest : undefined;
  const measures: Array<[string, (r: SizeResult) => Series]> = [
    ['floor (for reference)', (r) => r.floor],
    ['engine', (r) => r.engine],
    ['ours open → diagnostics', (r) => r.ours.open],
    ['ours edit → diagnostics', (r) => r.ours.edit],
  ];
  for (const [name, pick] of measures) {
    const largeLabel = large ? thousands(large.size) : '50,000';
    const target = `linear growth, ${name}: per line at ${largeLabel} ≤ 2× per line at 5,000`;
    if (!small || !large) {
      targets.push(missing(target, `5,000 → ${largeLabel}`));
      continue;
    }
    const perLine = (r: SizeResult, clock: 'median' | 'cpuMedian') => (pick(r)[clock] / r.lines) * 1000;
    const slope = ((pick(large).median - pick(small).median) / (large.lines - small.lines)) * 1000;
    const growth = perLine(large, 'median') / perLine(small, 'median');
    targets.push({
      target,
      size: `5,000 → ${largeLabel}`,
      measured: `${both(growth, perLine(large, 'cpuMedian') / perLine(small, 'cpuMedian'))}: ${perLine(small, 'median').toFixed(1)} → ${perLine(large, 'median').toFixed(1)} µs/line; slope ${slope.toFixed(1)} µs/line`,
      limit: '2×',
      met: name.startsWith('floor') ? undefined : growth <= 2,
    });
  }
  return targets;
}

function notesFor(results: SizeResult[], cores: number): string[] {
  const notes: string[] = [];
  for (const r of results) {
    if (r.load.otherCores > 0.2)
      notes.push(
        `${thousands(r.size)}: other programs kept ${r.load.otherCores.toFixed(2)} of the ${cores} cores busy on average while this size was measured: wall-clock times are inflated and noisy; CPU times suffer less`,
      );
    for (const key of ['ours', 'yamlLs'] as const) {
      const s = r[key];
      const label = key === 'ours' ? 'ours' : 'yaml-language-server';
      for (const anomaly of s.anomalies) notes.push(`${thousands(r.size)}: ${label}: ${anomaly}`);
      if (s.diagnosticsAtOpen > 0) notes.push(`${thousands(r.size)}: ${label} reported ${s.diagnosticsAtOpen} diagnostics for the valid plan`);
      if (s.hover.chars === 0) notes.push(`${thousands(r.size)}: ${label} hover returned nothing (on ${r.positions.hover})`);
      if (s.completionEnum.items === 0) notes.push(`${thousands(r.size)}: ${label} completion returned nothing (at the ${r.positions.completionEnum})`);
      if (s.completionId.items === 0) notes.push(`${thousands(r.size)}: ${label} completion returned nothing (${r.positions.completionId}): its time is for an empty answer`);
    }
    if (r.engine.diagnostics > 0) notes.push(`${thousands(r.size)}: the engine reported ${r.engine.diagnostics} diagnostics for the valid plan`);
    if (r.ours.symbols.count !== r.yamlLs.symbols.count)
      notes.push(
        `${thousands(r.size)}: documentSymbol returned ${thousands(r.ours.symbols.count)} symbols (ours) and ${thousands(r.yamlLs.symbols.count)} (yaml-language-server${r.yamlLs.symbols.count === 5000 ? ', which stops at its maxItemsComputed, 5,000 by default' : ''}): the outlines hold different numbers of entries, so their times are not for the same work`,
      );
  }
  return notes;
}

// ---------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const options = readOptions('bench', usage, argv, parseOptions);
  if (typeof options === 'number') return options;
  const { sizes, runs } = options;
  const warmupFor = (size: number) => options.warmup ?? autoWarmup(size);
  const startedAt = new Date();
  const started = performance.now();
  for (const file of [ourServer, yamlServer, schemaPath]) {
    await fs.access(file).catch(() => {
      throw new Error(`harness: ${file} is missing${file === ourServer ? ' (run npm run build, or npm run bench, which builds first)' : ''}`);
    });
  }
  const machine = machineInfo();
  log(`mktplan bench: sizes ${sizes.map(thousands).join(', ')} lines, ${runs} timed runs each after ${options.warmup ?? 'some'} warm-up runs; ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);

  const workspace = await fs.mkdtemp(nodePath.join(os.tmpdir(), 'mktplan-bench-'));
  workspaceDir = workspace;
  const results: SizeResult[] = [];
  try {
    for (const size of sizes) {
      const loadAverageBefore = os.loadavg()[0];
      const machineCpu0 = machineBusyMs();
      const harnessCpu0 = process.cpuUsage();
      const sizeStarted = performance.now();
      log(`\n[${thousands(size)} lines] (load average ${loadAverageBefore.toFixed(1)})`);
      const text = generatePlan(size);
      const lines = countLines(text);
      const folder = nodePath.join(workspace, `plan-${size}`);
      await fs.mkdir(folder);
      // One copy per run (warm-ups first): the same text, so every run measures the same work.
      const warmup = warmupFor(size);
      const files = Array.from({ length: warmup + runs }, (_, index) => nodePath.join(folder, `plan-${index}.mktplan.yaml`));
      for (const file of files) await fs.writeFile(file, text);
      const positions = locate(text, warmup + runs);
      log(`  generated ${thousands(lines)} lines (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB) in ${folder}`);

      log('  floor: parseDocument(text)');
      const floor = await measureInProcess('floor', runs, warmup, () => {
        const document = parseDocument(text);
        if (document.errors.length > 0) throw new Error(`harness: the generated plan does not parse: ${document.errors[0].message}`);
        return document;
      });
      log('  engine: new Engine(new DiskWorkspace(folder)).check(file, text)');
      const engine = await measureInProcess('engine', runs, warmup, () => new Engine(new DiskWorkspace(folder)).check(fileUri(files[0]), text));
      const engineDiagnostics = (engine.value as unknown[]).length;

      const measured: Partial<Record<ServerKey, ServerResult>> = {};
      for (const spec of servers) {
        log(`  ${spec.label}: ${spec.args.map((a) => nodePath.relative(repoRoot, a) || a).join(' ')}`);
        measured[spec.key] = await measureServer(spec, folder, files, text, positions, runs, warmup);
      }
      const otherLoad = () => {
        const seconds = (performance.now() - sizeStarted) / 1000;
        const harness = process.cpuUsage(harnessCpu0);
        const ours = (harness.user + harness.system) / 1000 + measured.ours!.totalCpuMs + measured.yamlLs!.totalCpuMs;
        const otherCores = Math.max(0, (machineBusyMs() - machineCpu0 - ours) / 1000 / seconds);
        if (otherCores > 0.2) log(`  note: other programs kept ${otherCores.toFixed(2)} cores busy on average meanwhile; wall-clock times are inflated`);
        return { loadAverageBefore, loadAverageAfter: os.loadavg()[0], otherCores: Math.round(otherCores * 100) / 100, seconds: Math.round(seconds * 10) / 10 };
      };
      results.push({
        size,
        lines,
        bytes: Buffer.byteLength(text),
        positions: {
          edits: positions.editLines.map((line) => `line ${line + 1}, character ${positions.editCharacter(line) + 1}`),
          hover: positions.hover.what,
          completionEnum: positions.completionEnum.what,
          completionId: positions.completionId.what,
        },
        floor: floor.series,
        engine: { ...engine.series, diagnostics: engineDiagnostics },
        ours: measured.ours!,
        yamlLs: measured.yamlLs!,
        warmup,
        load: otherLoad(),
      });
      await fs.rm(folder, { recursive: true, force: true });
    }
  } finally {
    await Promise.all([...live].map((client) => client.stop()));
    removeWorkspace();
  }

  const totalSeconds = (performance.now() - started) / 1000;
  const table = buildTable(results, 'wall');
  const cpuTable = buildTable(results, 'cpu');
  const targets = checkTargets(results);
  const notes = notesFor(results, machine.cores);
  const yamlVersion = results[0]?.yamlLs.version;
  const targetTable = [
    '| target | size | measured | limit | met |',
    '|---|---|---|---|:-:|',
    ...targets.map((t) => `| ${t.target} | ${t.size} | ${t.measured} | ${t.limit} | ${t.met === undefined ? '—' : t.met ? '✔' : '✘'} |`),
  ].join('\n');
  const markdown = [
    `## mktplan benchmark — ${startedAt.toISOString()}`,
    '',
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}; yaml-language-server ${yamlVersion ?? '?'}; ${runs} timed runs after ${results.map((r) => r.warmup).join('/')} warm-up runs (by size), medians.`,
    '',
    table,
    '',
    'CPU time of the process doing the work (the server; the harness itself for floor and engine), medians: less sensitive to other programs on the machine, and blind to waiting (the servers\' debounce timers).',
    '',
    cpuTable,
    '',
    '### Targets (on wall-clock medians)',
    '',
    targetTable,
    '',
    ...(notes.length > 0 ? ['### Notes', '', ...notes.map((n) => `- ${n}`), ''] : []),
    'Wall-clock open/edit → diagnostics include each server\'s debounce before checking; see bench/README.md.',
    '',
    `Total run time: ${totalSeconds.toFixed(0)} s.`,
    '',
  ].join('\n');
  process.stdout.write(markdown);

  await fs.mkdir(resultsDir, { recursive: true });
  const json = {
    startedAt: startedAt.toISOString(),
    totalSeconds: Math.round(totalSeconds * 10) / 10,
    machine: { ...machine, yamlLanguageServer: yamlVersion, ourServer: results[0]?.ours.version },
    options: { sizes, runs, warmup: options.warmup ?? 'auto', timeoutMs: defaultTimeoutMs },
    yamlLanguageServerSettings: yamlSettings,
    results,
    targets,
    notes,
  };
  await fs.writeFile(nodePath.join(resultsDir, 'latest.json'), JSON.stringify(json, null, 2) + '\n');
  await fs.writeFile(nodePath.join(resultsDir, 'latest.md'), markdown);
  log(`\nwrote ${nodePath.relative(process.cwd(), nodePath.join(resultsDir, 'latest.json'))} and latest.md; total ${totalSeconds.toFixed(0)} s`);
  return 0;
}

/** The temporary workspace, removed on every way out. */
let workspaceDir: string | undefined;

function killAll(): void {
  for (const client of live) client.kill();
}

function removeWorkspace(): void {
  if (workspaceDir) rmSync(workspaceDir, { recursive: true, force: true });
  workspaceDir = undefined;
}

runHarness('bench', () => main(process.argv.slice(2)), () => {
  killAll();
  removeWorkspace();
});
