// The whole-workspace benchmark: `npm run bench:workspace` (= npm run build && tsx bench/workspace.ts).
//
//   tsx bench/workspace.ts [--sizes 100,1000,5000] [--rounds 3] [--large-rounds 1] [--chains 250,1000]
//                          [--parts cli,imports,server,typing] [--strategies 10] [--seed 1]
//                          [--unwrapped] [--dist dist] [--keep]
//
// At each size (plans), it generates workspaces (bench/generateWorkspace.ts; long texts wrapped
// as people write them unless --unwrapped): the monorepo (10 strategies, each imported by a
// tenth of the plans), a star (every plan importing one strategy) and a diamond (plans importing
// two strategies that import a third). Then, in rounds, each measure once per round (A, B, A,
// B…; the command line's measures start one further on each round, B, C, A…), so that a busy
// moment of the machine, or the work just before a measure, weighs on all alike:
//   cli       the floor (a fresh process that reads and parses every plan with `yaml`), and
//             `mktplan check --format json` in a fresh process: default concurrency, with
//             `--concurrency off` where the command line takes it, and on the same texts
//             unwrapped; wall and CPU time (worker threads included), peak memory, the same
//             output at every run and byte for byte between the variants;
//   imports   `mktplan check` over the star and the diamond; and, once for all sizes, over a
//             chain of 250 and of 1,000 files (each importing the next);
//   server    bench/workspaceServer.ts: a fresh language server per round, pushed diagnostics:
//             index (hover while indexing, memory), edit, revert, on disk, full re-check; and the
//             first full check with a client that pulls diagnostics;
//   typing    a word typed letter by letter in the strategy of the star, every plan depending on
//             it, with a client that is pushed diagnostics and one that pulls them.
// It prints a Markdown report to stdout (progress to stderr) and writes every run to
// bench/results/workspace.json (the report to workspace.md). See bench/README.md ("Whole workspace").
//
// Exit code: 0 when the measurements ran (whatever they found), 1 on a harness error: a
// server or a command that crashes, or a wait that is not answered within the time limit.
import { readFileSync, rmSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepareCommandLine, readCheckOutput, type CheckOutput, type CommandLine, type CommandRun } from './cliWorkspace';
import { generateWorkspace, type GeneratedWorkspace, type Shape } from './generateWorkspace';
import { childrenCpuMs, median, readOptions, runHarness, UsageError } from './harness';
import {
  fixed,
  liveServers,
  log,
  measureOpenOnly,
  measurePulledIndex,
  measureTypingPulled,
  measureTypingPushed,
  quietMs,
  runRound,
  settleQuietMs,
  keystrokeMs,
  timeoutMs,
  type Counts,
  type PulledIndexResult,
  type RoundResult,
  type TypingResult,
} from './workspaceServer';

const repoRoot = nodePath.resolve(__dirname, '..');
const resultsDir = nodePath.join(__dirname, 'results');

/** Targets the report marks ✔ or ✘. */
const targets = {
  /** chain(1,000) / chain(250): imports resolved in linear time would give 4. */
  chainRatio: 4.5,
  /** From the last keystroke until every dependent has its final findings. */
  settleMs: 2000,
  /** Publications per dependent after typing pauses. */
  publicationsAfterPause: 1,
};

// ---------------------------------------------------------------------------
// Options

const parts = ['cli', 'imports', 'server', 'typing'] as const;
type Part = (typeof parts)[number];

interface Options {
  sizes: number[];
  rounds: number;
  largeRounds: number;
  chains: number[];
  parts: Set<Part>;
  strategies: number;
  seed: number;
  wrap: boolean;
  dist: string;
  keep: boolean;
}

/** Sizes above this many plans take `--large-rounds` rounds. */
const largeFrom = 1000;

const usage = `Usage: tsx bench/workspace.ts [options]

  --sizes <n,n,…>      plans at each size (default 100,1000,5000)
  --rounds <n>         rounds at sizes up to ${largeFrom.toLocaleString('en-US')} plans and of the chains (default 3)
  --large-rounds <n>   rounds at larger sizes (default 1)
  --chains <n,n,…>     files of each chain, once for all sizes (default 250,1000; "none" for none)
  --parts <p,p,…>      what to measure, of ${parts.join(', ')} (default all)
  --strategies <n>     strategy files of the monorepo (default 10, at most 12)
  --seed <n>           seed of the generated workspaces (default 1)
  --unwrapped          long texts each on one line, not wrapped over several
  --dist <folder>      the built cli.js and server.js to measure (default dist/ of the repository)
  --keep               keep the generated workspaces (their folder is printed)`;

function parseOptions(argv: string[]): Options | 'help' {
  const options: Options = { sizes: [100, 1000, 5000], rounds: 3, largeRounds: 1, chains: [250, 1000], parts: new Set(parts), strategies: 10, seed: 1, wrap: true, dist: nodePath.join(repoRoot, 'dist'), keep: false };
  const args = [...argv];
  while (args.length > 0) {
    const arg = args.shift()!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const text = () => inline ?? args.shift() ?? '';
    const whole = (value: string, min: number) => {
      const number = Number(value.replace(/_/g, ''));
      if (!Number.isInteger(number) || number < min) throw new UsageError(`${name} takes whole numbers of at least ${min}`);
      return number;
    };
    if (name === '-h' || name === '--help') return 'help';
    else if (name === '--sizes') options.sizes = text().split(',').map((value) => whole(value, 1));
    else if (name === '--rounds') options.rounds = whole(text(), 1);
    else if (name === '--large-rounds') options.largeRounds = whole(text(), 1);
    else if (name === '--chains') {
      const value = text();
      options.chains = value === 'none' ? [] : value.split(',').map((size) => whole(size, 2));
    } else if (name === '--parts') {
      const chosen = text().split(',');
      const unknown = chosen.filter((part) => !(parts as readonly string[]).includes(part));
      if (unknown.length > 0) throw new UsageError(`--parts: unknown part(s) ${unknown.join(', ')}; the parts are ${parts.join(', ')}`);
      options.parts = new Set(chosen as Part[]);
    } else if (name === '--strategies') options.strategies = whole(text(), 2);
    else if (name === '--seed') options.seed = whole(text(), 0);
    else if (name === '--unwrapped') options.wrap = false;
    else if (name === '--dist') options.dist = nodePath.resolve(text());
    else if (name === '--keep') options.keep = true;
    else throw new UsageError(`unknown option "${arg}"`);
  }
  if (options.strategies > 12) throw new UsageError('--strategies is at most 12');
  return options;
}

// ---------------------------------------------------------------------------
// Helpers

const thousands = (n: number) => n.toLocaleString('en-US');
const round1 = (value: number) => Math.round(value * 10) / 10;
const mark = (met: boolean) => (met ? '✔' : '✘');
/** A path inside the repository relative to it, any other absolute. */
const displayPath = (path: string) => (nodePath.relative(repoRoot, path).startsWith('..') ? path : nodePath.relative(repoRoot, path) || '.');

/** CPU time the whole machine has spent busy since boot, in ms (/proc/stat: all but idle and iowait). */
function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return ((user + nice + system + irq + softirq + (steal ?? 0)) * 1000) / 100;
  } catch {
    return NaN;
  }
}

const medianText = (values: number[], digits = 1) => fixed(median(values), digits);
const rangeText = (values: number[], digits = 1) => (values.length > 1 ? `${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)}` : 'one run');

/** How the machine was loaded meanwhile: the cores other programs kept busy, beside the load average. */
class LoadMeter {
  private readonly machine0 = machineBusyMs();
  private readonly harness0 = process.cpuUsage();
  private readonly children0 = childrenCpuMs();
  private readonly started = performance.now();
  readonly loadAverageBefore = os.loadavg()[0];

  /** Servers still running are not yet counted among the children: their CPU time is passed in. */
  read(runningCpuMs = 0): { loadAverageBefore: number; loadAverageAfter: number; otherCores: number } {
    const seconds = (performance.now() - this.started) / 1000;
    const harness = process.cpuUsage(this.harness0);
    const ours = (harness.user + harness.system) / 1000 + (childrenCpuMs() - this.children0) + runningCpuMs;
    const otherCores = Math.max(0, (machineBusyMs() - this.machine0 - ours) / 1000 / seconds);
    return { loadAverageBefore: this.loadAverageBefore, loadAverageAfter: os.loadavg()[0], otherCores: Math.round(otherCores * 100) / 100 };
  }
}

// ---------------------------------------------------------------------------
// The command line

/** A command's run as the results keep it (its output is checked, not kept). */
type RunSummary = Omit<CommandRun, 'stdout'>;

const summary = ({ stdout: _output, ...run }: CommandRun): RunSummary => ({ ...run, wallMs: round1(run.wallMs), cpuMs: round1(run.cpuMs), rssMB: round1(run.rssMB), peakRssMB: round1(run.peakRssMB) });

/**
 * The outputs of `mktplan check` over each folder: every run's must be the first one's, byte for
 * byte, whatever its variant; what each says is checked against the files of the folder.
 */
class Outputs {
  private readonly first = new Map<string, { stdout: string; label: string }>();
  readonly read = new Map<string, CheckOutput | string>();
  readonly notes: string[] = [];

  take(folder: string, label: string, run: CommandRun, expectedFiles: number): void {
    const first = this.first.get(folder);
    if (!first) {
      this.first.set(folder, { stdout: run.stdout, label });
      const output = readCheckOutput(run.stdout);
      this.read.set(folder, output);
      if (typeof output === 'string') this.notes.push(`${label}: the output is ${output}`);
      else if (output.files !== expectedFiles) this.notes.push(`${label}: the output lists ${output.files} files of the ${expectedFiles} in the folder`);
    } else if (run.stdout !== first.stdout) {
      this.notes.push(`${label}: the output differs from that of ${first.label} (${run.stdout.length} against ${first.stdout.length} characters)`);
    }
  }
}

const outputText = (output: CheckOutput | string | undefined) =>
  output === undefined ? '—' : typeof output === 'string' ? `✘ ${output}` : `${thousands(output.files)} files, ${thousands(output.findings)} findings${output.findings > 0 ? ` (${Object.entries(output.byRule).map(([rule, count]) => `${rule}: ${count}`).join(', ')})` : ''}`;

// ---------------------------------------------------------------------------
// One size

interface SizeResult {
  plans: number;
  rounds: number;
  seconds: number;
  workspace: { files: number; lines: number; bytes: number; wrapped: boolean; strategies: number };
  commandLine?: {
    floor: RunSummary[];
    check: RunSummary[];
    /** Absent where the command line takes no `--concurrency`. */
    checkOff?: RunSummary[];
    /** On two threads, whatever `auto` chooses on this machine; absent where the command line takes no `--concurrency`. */
    checkTwo?: RunSummary[];
    /** The same texts each on one line (absent when the workspace is unwrapped already). */
    checkUnwrapped?: RunSummary[];
    output: CheckOutput | string | undefined;
    unwrappedOutput?: CheckOutput | string;
  };
  imports?: { star: RunSummary[]; diamond: RunSummary[]; starFiles: number; diamondFiles: number; starOutput?: CheckOutput | string; diamondOutput?: CheckOutput | string };
  server?: { rounds: RoundResult[]; pulled: PulledIndexResult[]; openOnly: Awaited<ReturnType<typeof measureOpenOnly>> };
  typing?: { dependents: number; pushed: TypingResult[]; pulled: TypingResult[] };
  load: ReturnType<LoadMeter['read']>;
  notes: string[];
}

/** The workspaces of one size, generated into `folder`. */
function workspacesOf(folder: string, plans: number, options: Options) {
  const generate = (name: string, shape: Shape, wrap = options.wrap) => {
    const workspace = generateWorkspace(nodePath.join(folder, name), { shape, plans, strategies: options.strategies, seed: options.seed, wrap });
    log(`  ${name}: ${workspace.strategies.length} strategies and ${thousands(workspace.plans.length)} plans, ${thousands(workspace.lines)} lines, ${fixed(workspace.bytes / 1024 / 1024)} MB${workspace.wrap ? '' : ', unwrapped'}`);
    return workspace;
  };
  const { parts: chosen } = options;
  return {
    monorepo: generate('monorepo', 'strategies'),
    unwrapped: chosen.has('cli') && options.wrap ? generate('monorepo-unwrapped', 'strategies', false) : undefined,
    star: chosen.has('imports') || chosen.has('typing') ? generate('star', 'star') : undefined,
    diamond: chosen.has('imports') ? generate('diamond', 'diamond') : undefined,
  };
}

async function measureSize(plans: number, options: Options, commandLine: CommandLine, folder: string): Promise<SizeResult> {
  const started = performance.now();
  const load = new LoadMeter();
  const rounds = plans > largeFrom ? options.largeRounds : options.rounds;
  log(`\n${thousands(plans)} plans, ${rounds} round(s): generating the workspaces`);
  const { monorepo, unwrapped, star, diamond } = workspacesOf(folder, plans, options);
  const { parts: chosen } = options;
  const serverJs = nodePath.join(options.dist, 'server.js');
  const outputs = new Outputs();
  const notes: string[] = [];
  const runs = { floor: [] as RunSummary[], check: [] as RunSummary[], checkOff: [] as RunSummary[], checkTwo: [] as RunSummary[], checkUnwrapped: [] as RunSummary[], star: [] as RunSummary[], diamond: [] as RunSummary[] };
  const serverRounds: RoundResult[] = [];
  const pulled: PulledIndexResult[] = [];
  const typingPushed: TypingResult[] = [];
  const typingPulled: TypingResult[] = [];
  let openOnly: Awaited<ReturnType<typeof measureOpenOnly>> | undefined;

  const check = (workspace: GeneratedWorkspace, label: string, into: RunSummary[], flags: string[] = []) => {
    const run = commandLine.check(workspace.root, flags);
    outputs.take(workspace.root, label, run, workspace.files.length);
    into.push(summary(run));
    return run;
  };
  for (let round = 1; round <= rounds; round++) {
    log(`round ${round}/${rounds}`);
    if (chosen.has('cli')) {
      const measures: Array<() => string> = [
        () => {
          const floor = commandLine.floor(monorepo.root);
          if (floor.stdout.trim() !== JSON.stringify({ files: monorepo.files.length, errors: 0 })) notes.push(`floor, round ${round}: it printed ${floor.stdout.trim()}, not ${monorepo.files.length} files without YAML errors`);
          runs.floor.push(summary(floor));
          return `floor ${fixed(floor.wallMs)} ms`;
        },
        () => {
          const byDefault = check(monorepo, `mktplan check, round ${round}`, runs.check);
          return `check ${fixed(byDefault.wallMs)} ms (CPU ${fixed(byDefault.cpuMs)} ms)`;
        },
      ];
      if (commandLine.takesConcurrency) {
        measures.push(() => `--concurrency off ${fixed(check(monorepo, `mktplan check --concurrency off, round ${round}`, runs.checkOff, ['--concurrency', 'off']).wallMs)} ms`);
        measures.push(() => `--concurrency 2 ${fixed(check(monorepo, `mktplan check --concurrency 2, round ${round}`, runs.checkTwo, ['--concurrency', '2']).wallMs)} ms`);
      }
      if (unwrapped) measures.push(() => `unwrapped ${fixed(check(unwrapped, `mktplan check over the unwrapped texts, round ${round}`, runs.checkUnwrapped).wallMs)} ms`);
      // Each round starts one measure further on, so that none always runs straight after the same one (the floor's seconds of work, say).
      const first = (round - 1) % measures.length;
      log(`  ${[...measures.slice(first), ...measures.slice(0, first)].map((measure) => measure()).join('; ')}`);
    }
    if (chosen.has('imports') && star && diamond) {
      const starRun = check(star, `mktplan check over the star, round ${round}`, runs.star);
      const diamondRun = check(diamond, `mktplan check over the diamond, round ${round}`, runs.diamond);
      log(`  star ${fixed(starRun.wallMs)} ms; diamond ${fixed(diamondRun.wallMs)} ms`);
    }
    if (chosen.has('server')) {
      log('  a fresh server, pushed');
      serverRounds.push(await runRound(serverJs, round, monorepo));
      log('  a fresh server, pulled');
      pulled.push(await measurePulledIndex(serverJs, monorepo));
    }
    if (chosen.has('typing') && star) {
      log('  typing in the strategy of the star');
      typingPushed.push(await measureTypingPushed(serverJs, star));
      typingPulled.push(await measureTypingPulled(serverJs, star));
    }
  }
  if (chosen.has('server')) {
    log('  for reference: a fresh server with `mktplan.checkFiles: open`');
    openOnly = await measureOpenOnly(serverJs, monorepo);
  }
  notes.push(...outputs.notes);
  for (const [label, output] of [['monorepo', outputs.read.get(monorepo.root)], ['star', star && outputs.read.get(star.root)], ['diamond', diamond && outputs.read.get(diamond.root)]] as const) {
    if (output && typeof output !== 'string' && output.findings > 0) notes.push(`${label}: the checker found ${outputText(output)}; the generated files should have none`);
  }
  if (unwrapped && chosen.has('cli')) {
    const [wrappedOutput, flatOutput] = [outputs.read.get(monorepo.root), outputs.read.get(unwrapped.root)];
    if (typeof wrappedOutput === 'object' && typeof flatOutput === 'object' && wrappedOutput.findings !== flatOutput.findings) notes.push(`the wrapped texts gave ${wrappedOutput.findings} findings, the unwrapped ${flatOutput.findings}: the same values should give the same`);
  }
  if (chosen.has('cli') && !commandLine.takesConcurrency) notes.push('`--concurrency off` not measured: this build\'s `mktplan --help` names no `--concurrency`');
  const result: SizeResult = {
    plans,
    rounds,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    workspace: { files: monorepo.files.length, lines: monorepo.lines, bytes: monorepo.bytes, wrapped: monorepo.wrap, strategies: monorepo.strategies.length },
    ...(chosen.has('cli')
      ? {
          commandLine: {
            floor: runs.floor,
            check: runs.check,
            ...(commandLine.takesConcurrency ? { checkOff: runs.checkOff, checkTwo: runs.checkTwo } : {}),
            ...(unwrapped ? { checkUnwrapped: runs.checkUnwrapped, unwrappedOutput: outputs.read.get(unwrapped.root) } : {}),
            output: outputs.read.get(monorepo.root),
          },
        }
      : {}),
    ...(chosen.has('imports') && star && diamond
      ? { imports: { star: runs.star, diamond: runs.diamond, starFiles: star.files.length, diamondFiles: diamond.files.length, starOutput: outputs.read.get(star.root), diamondOutput: outputs.read.get(diamond.root) } }
      : {}),
    ...(chosen.has('server') ? { server: { rounds: serverRounds, pulled, openOnly: openOnly! } } : {}),
    ...(chosen.has('typing') && star ? { typing: { dependents: star.plans.length, pushed: typingPushed, pulled: typingPulled } } : {}),
    load: load.read(),
    notes,
  };
  if (!options.keep) rmSync(folder, { recursive: true, force: true });
  return result;
}

// ---------------------------------------------------------------------------
// The chains

interface ChainResult {
  files: number;
  runs: RunSummary[];
  output: CheckOutput | string | undefined;
}

async function measureChains(sizes: number[], options: Options, commandLine: CommandLine, folder: string): Promise<{ chains: ChainResult[]; notes: string[] }> {
  log(`\nchains of ${sizes.map(thousands).join(' and ')} files, ${options.rounds} round(s)`);
  const chains = sizes.map((files) => generateWorkspace(nodePath.join(folder, `chain-${files}`), { shape: 'chain', plans: files, seed: options.seed, wrap: options.wrap }));
  const outputs = new Outputs();
  const runs = chains.map((): RunSummary[] => []);
  for (let round = 1; round <= options.rounds; round++) {
    chains.forEach((chain, i) => {
      const run = commandLine.check(chain.root);
      outputs.take(chain.root, `mktplan check over the chain of ${chain.files.length}, round ${round}`, run, chain.files.length);
      runs[i].push(summary(run));
      log(`  round ${round}: chain of ${thousands(chain.files.length)}: ${fixed(run.wallMs)} ms (CPU ${fixed(run.cpuMs)} ms)`);
    });
  }
  if (!options.keep) rmSync(folder, { recursive: true, force: true });
  return { chains: chains.map((chain, i) => ({ files: chain.files.length, runs: runs[i], output: outputs.read.get(chain.root) })), notes: outputs.notes };
}

// ---------------------------------------------------------------------------
// The report

const wall = (runs: RunSummary[]) => runs.map((run) => run.wallMs);
const cpu = (runs: RunSummary[]) => runs.map((run) => run.cpuMs);

function commandLineTable(size: SizeResult): string {
  const cli = size.commandLine!;
  const floorWall = median(wall(cli.floor));
  const floorCpu = median(cpu(cli.floor));
  const row = (what: string, runs: RunSummary[] | undefined, output: string) => {
    if (!runs) return `| ${what} | — | not measured | — | — | — | — | — | ${output} |`;
    const [w, c] = [median(wall(runs)), median(cpu(runs))];
    return `| ${what} | ${fixed(w)} | ${rangeText(wall(runs))} | ${fixed(c)} | ${fixed(c / w, 2)} | ${fixed(w / floorWall, 2)} | ${fixed(c / floorCpu, 2)} | ${fixed(median(runs.map((run) => run.peakRssMB)))} | ${output} |`;
  };
  return [
    '| command, fresh process | wall, median (ms) | wall, min–max | CPU, median (ms) | CPU / wall | × floor (wall) | × floor (CPU) | peak RSS (MB) | output |',
    '|---|--:|--:|--:|--:|--:|--:|--:|---|',
    row('floor: read every plan and `parseDocument` it, one thread', cli.floor, `${thousands(size.workspace.files)} files parsed`),
    row('`mktplan check --format json` (default concurrency)', cli.check, outputText(cli.output)),
    row('`mktplan check --format json --concurrency off`', cli.checkOff, cli.checkOff ? 'same bytes as the default: see the notes if not' : 'skipped: no `--concurrency` in this build'),
    row('`mktplan check --format json --concurrency 2`', cli.checkTwo, cli.checkTwo ? 'same bytes as the default: see the notes if not' : 'skipped: no `--concurrency` in this build'),
    ...(cli.checkUnwrapped ? [row('`mktplan check --format json`, the same texts unwrapped', cli.checkUnwrapped, outputText(cli.unwrappedOutput))] : []),
  ].join('\n');
}

function importsTable(size: SizeResult): string {
  const imports = size.imports!;
  const row = (what: string, files: number, runs: RunSummary[], output: CheckOutput | string | undefined) =>
    `| ${what} | ${thousands(files)} | ${medianText(wall(runs))} | ${rangeText(wall(runs))} | ${medianText(cpu(runs))} | ${fixed(median(wall(runs)) / files, 2)} | ${outputText(output)} |`;
  return [
    '| `mktplan check` over | files | wall, median (ms) | wall, min–max | CPU, median (ms) | wall per file (ms) | output |',
    '|---|--:|--:|--:|--:|--:|---|',
    ...(size.commandLine ? [row(`the monorepo (${size.workspace.strategies} strategies)`, size.workspace.files, size.commandLine.check, size.commandLine.output)] : []),
    row('star: every plan imports one strategy', imports.starFiles, imports.star, imports.starOutput),
    row('diamond: every plan imports two strategies that import a third', imports.diamondFiles, imports.diamond, imports.diamondOutput),
  ].join('\n');
}

function firstCheckTable(size: SizeResult): string {
  const { rounds, pulled } = size.server!;
  const cliWall = size.commandLine ? median(wall(size.commandLine.check)) : NaN;
  const pushedMs = rounds.map((r) => r.index.ms);
  const pulledMs = pulled.map((p) => p.ms);
  return [
    '| first full check of the monorepo, a fresh server | median (ms) | min–max | server CPU, median (ms) | × `mktplan check` (wall) | what came back |',
    '|---|--:|--:|--:|--:|---|',
    `| pushed: \`initialized\` → the end of the workspace check's progress | ${medianText(pushedMs)} | ${rangeText(pushedMs)} | ${medianText(rounds.map((r) => r.index.cpuMs))} | ${fixed(median(pushedMs) / cliWall, 2)} | "${rounds[0].index.progressTitle}"; publishes: ${rounds.map((r) => r.index.publishes).join('/')} (the open plan: clean closed files are not published), ${rounds.map((r) => r.index.filesWithFindings).join('/')} with findings |`,
    `| pulled: \`initialized\` → every file's findings pulled (\`workspace/diagnostic\`) | ${medianText(pulledMs)} | ${rangeText(pulledMs)} | ${medianText(pulled.map((p) => p.cpuMs))} | ${fixed(median(pulledMs) / cliWall, 2)} | ${pulled.map((p) => p.files).join('/')} files, ${pulled.map((p) => p.filesWithFindings).join('/')} with findings; workspace pulls: ${pulled.map((p) => p.workspacePulls).join('/')}, the first answered after ${medianText(pulled.map((p) => p.firstAnswerMs), 0)} ms; reports in partial results: ${pulled.map((p) => p.partialItems).join('/')}; refresh requests: ${pulled.map((p) => p.refreshes).join('/')}; publishes anyway: ${pulled.map((p) => p.pushed).join('/')} |`,
  ].join('\n');
}

function typingTable(size: SizeResult): string {
  const typing = size.typing!;
  const row = (results: TypingResult[]) => {
    const first = results[0];
    const settle = results.map((r) => r.settleMs);
    const afterMax = Math.max(...results.map((r) => r.after.max));
    const pulls = first.refreshes
      ? `refresh requests ${results.map((r) => `${r.refreshes!.during}/${r.refreshes!.after}`).join(', ')}; workspace pulls ${results.map((r) => `${r.workspacePulls!.during}/${r.workspacePulls!.after}`).join(', ')} (while typing/after)`
      : '—';
    return `| ${first.client} | ${results.map((r) => `${fixed(r.during.median, 1)} / ${r.during.max}`).join(', ')} | ${results.map((r) => `${fixed(r.after.median, 1)} / ${r.after.max}`).join(', ')} ${mark(afterMax <= targets.publicationsAfterPause)} | ${results.map((r) => r.after.moreThanOne).join('/')} | ${medianText(settle)} ${mark(median(settle) <= targets.settleMs)} | ${rangeText(settle)} | ${medianText(results.map((r) => r.cpuMs))} | ${pulls} | ${results.map((r) => r.notFinal).join('/')} |`;
  };
  const first = typing.pushed[0];
  return [
    `${first.keystrokes} keystrokes, one every ${keystrokeMs} ms (${fixed(median([...typing.pushed, ...typing.pulled].map((r) => r.burstMs)), 0)} ms), retyping the id of the objective all ${thousands(typing.dependents)} plans implement; before it, the id deleted at once (every plan then has a finding; ${medianText([...typing.pushed, ...typing.pulled].map((r) => r.deleteMs), 0)} ms until all had it).`,
    '',
    `| client | per dependent while typing: median / max | after the last keystroke: median / max (target ≤ ${targets.publicationsAfterPause}) | dependents with more than one after | settle (ms), median (target ≤ ${targets.settleMs}) | settle, min–max | server CPU from the first keystroke to settled (ms) | pulls | dependents not final at the end |`,
    '|---|---|---|--:|--:|--:|--:|---|--:|',
    row(typing.pushed),
    row(typing.pulled),
  ].join('\n');
}

function serverRoundsTable(size: SizeResult): string {
  const { rounds: results, openOnly } = size.server!;
  const files = size.workspace.files;
  const perStrategy = Math.ceil(size.plans / size.workspace.strategies);
  const m = (pick: (r: RoundResult) => number) => median(results.map(pick));
  const runs = (pick: (r: RoundResult) => number, digits = 1) => results.map((r) => fixed(pick(r), digits)).join(', ');
  const row = (what: string, pick: (r: RoundResult) => number, cpu: ((r: RoundResult) => number) | undefined, note: string, digits = 1) =>
    `| ${what} | ${fixed(m(pick), digits)} | ${runs(pick, digits)} | ${cpu ? fixed(m(cpu)) : '—'} | ${note} |`;
  const counts = (pick: (r: RoundResult) => Counts) => {
    const all = results.map(pick);
    return `${all.map((c) => c.expected).join('/')} of ${all[0].expectedOf} expected files; others: ${all.map((c) => c.others).join('/')}${all.some((c) => c.expectedExtra > 0) ? `; repeats: ${all.map((c) => c.expectedExtra).join('/')}` : ''}`;
  };
  const editMs = m((r) => r.edit.ms);
  const fullMs = m((r) => r.full.ms);
  const indexMs = m((r) => r.index.ms);
  const ratioFull = editMs / fullMs;
  const ratioIndex = editMs / indexMs;
  const expectedShare = (perStrategy + 1) / files;
  const table = [
    '| measurement | median | rounds | server CPU, median (ms) | what came back |',
    '|---|--:|---|--:|---|',
    row(
      `index: \`initialized\` → all ${thousands(files)} files checked (ms)`,
      (r) => r.index.ms,
      (r) => r.index.cpuMs,
      `${results.map((r) => r.index.publishes).join('/')} publishes (the open plan); progress "${results[0].index.progressTitle}" began after ${fixed(m((r) => r.index.progressBeginMs), 0)} ms and lasted ${fixed(m((r) => r.index.progressMs), 0)} ms`,
    ),
    row('index: per file (ms)', (r) => r.index.ms / files, (r) => r.index.cpuMs / files, '', 2),
    row('index: the plan the editor has open → its diagnostics (ms)', (r) => r.index.openPlanMs, undefined, 'opened right after `initialized`; the first check in a fresh server'),
    row('hover on an open plan while indexing, median (ms)', (r) => r.hoverDuringIndex.medianMs, undefined, `${results.map((r) => r.hoverDuringIndex.count).join('/')} hovers, from the open plan's diagnostics to the end of indexing, one 50 ms after each answer; empty answers: ${results.map((r) => r.hoverDuringIndex.emptyAnswers).join('/')}`),
    row('hover on an open plan while indexing, slowest (ms)', (r) => r.hoverDuringIndex.maxMs, undefined, `sent ${results.map((r) => fixed(r.hoverDuringIndex.slowestSentAtMs, 0)).join('/')} ms after \`initialized\`; hovers over 50 ms: ${results.map((r) => r.hoverDuringIndex.over50ms).join('/')}`),
    row('server RSS after indexing (MB)', (r) => r.memoryAfterIndex.rssMB, undefined, `peak (VmHWM) ${fixed(m((r) => r.memoryAfterIndex.peakRssMB))} MB`),
    `| server RSS with \`checkFiles: open\`, the same plan open (MB), for reference | ${fixed(openOnly?.rssMB ?? NaN)} | one server | — | peak ${fixed(openOnly?.peakRssMB ?? NaN)} MB; files published: ${openOnly?.published ?? '—'} (1 expected) |`,
    row('server RSS at the end of the round (MB)', (r) => r.memoryAtEnd.rssMB, undefined, `peak (VmHWM) ${fixed(m((r) => r.memoryAtEnd.peakRssMB))} MB`),
    row(`open a strategy (text as on disk) → it and its ${perStrategy} importers published (ms)`, (r) => r.openStrategy.ms, (r) => r.openStrategy.cpuMs, `${results.map((r) => r.openStrategy.expected - 1).join('/')} importers re-published; others: ${results.map((r) => r.openStrategy.others).join('/')}`),
    row(`**edit**: objective renamed in the open strategy → ${perStrategy} importers published with \`ref/unknown\` (ms)`, (r) => r.edit.ms, (r) => r.edit.cpuMs, `${counts((r) => r.edit)}; with the finding: ${results.map((r) => r.edit.withFinding).join('/')}`),
    row('edit: per importing file (ms)', (r) => r.edit.ms / perStrategy, (r) => r.edit.cpuMs / perStrategy, '', 2),
    row('revert the edit → the importers published clean (ms)', (r) => r.revert.ms, (r) => r.revert.cpuMs, `${counts((r) => r.revert)}; clean: ${results.map((r) => r.revert.clean).join('/')}`),
    row(`closed strategy changed on disk (didChangeWatchedFiles) → its ${perStrategy} importers published (ms)`, (r) => r.onDisk.ms, (r) => r.onDisk.cpuMs, `${counts((r) => r.onDisk)}; with the finding: ${results.map((r) => r.onDisk.withFinding).join('/')}`),
    row('change on disk reverted (ms)', (r) => r.onDiskRevert.ms, (r) => r.onDiskRevert.cpuMs, counts((r) => r.onDiskRevert)),
    row(`**full re-check** (\`checkFiles\` \`open\` → \`workspace\`) → all ${thousands(files)} files checked, the open ones published (ms)`, (r) => r.full.ms, (r) => r.full.cpuMs, `${counts((r) => r.full)}; closed files published when \`checkFiles\` became \`open\`: ${results.map((r) => r.cleared).join('/')}`),
    row('full re-check: per file (ms)', (r) => r.full.ms / files, (r) => r.full.cpuMs / files, '', 2),
  ].join('\n');
  const ratios = [
    '| ratio (medians) | value | if re-checking cost in proportion to the files re-checked |',
    '|---|--:|--:|',
    `| edit / full re-check | ${fixed(ratioFull, 3)} (CPU ${fixed(m((r) => r.edit.cpuMs) / m((r) => r.full.cpuMs), 3)}) | ${fixed(expectedShare, 3)} (${perStrategy + 1} of ${thousands(files)} files) |`,
    `| edit / index | ${fixed(ratioIndex, 3)} (CPU ${fixed(m((r) => r.edit.cpuMs) / m((r) => r.index.cpuMs), 3)}) | ${fixed(expectedShare, 3)} |`,
  ].join('\n');
  return [table, '', ratios].join('\n');
}

function sizeReport(size: SizeResult): string {
  const { workspace } = size;
  const sections = [
    `### ${thousands(size.plans)} plans`,
    '',
    `The monorepo: ${workspace.strategies} strategies and ${thousands(size.plans)} plans, ${thousands(workspace.files)} files, ${thousands(workspace.lines)} lines, ${fixed(workspace.bytes / 1024 / 1024)} MB, long texts ${workspace.wrapped ? 'wrapped over several lines' : 'each on one line'}. ${size.rounds} round(s); medians, then the spread of the rounds. ${Math.round(size.seconds)} s in all; load average ${size.load.loadAverageBefore.toFixed(2)} → ${size.load.loadAverageAfter.toFixed(2)}, other programs kept ${size.load.otherCores.toFixed(2)} cores busy.`,
  ];
  if (size.commandLine) sections.push('', '#### The command line', '', commandLineTable(size));
  if (size.imports) sections.push('', '#### Imports', '', importsTable(size));
  if (size.server) sections.push('', '#### The server: the first full check, pushed and pulled', '', firstCheckTable(size));
  if (size.typing) sections.push('', `#### Typing in a strategy all ${thousands(size.typing.dependents)} plans import`, '', typingTable(size));
  if (size.server) sections.push('', '#### The server: a round of pushed diagnostics', '', serverRoundsTable(size));
  const anomalies = (size.server?.rounds ?? []).flatMap((r) => r.anomalies.map((a) => `round ${r.round}: ${a}`));
  const typingNotes = [...(size.typing?.pushed ?? []), ...(size.typing?.pulled ?? [])].filter((r) => r.notFinal > 0).map((r) => `typing, ${r.client}: ${r.notFinal} dependents did not end with their final findings`);
  const notes = [
    ...(size.load.otherCores > 0.2 ? [`other programs kept about ${size.load.otherCores.toFixed(2)} cores busy on average: wall-clock times are inflated; compare the CPU columns`] : []),
    ...size.notes,
    ...anomalies,
    ...typingNotes,
    ...(size.server && size.server.openOnly.published > 1 ? [`with \`checkFiles: open\`, ${size.server.openOnly.published} files were published, not just the open one`] : []),
  ];
  if (notes.length > 0) sections.push('', '#### Notes', '', ...notes.map((note) => `- ${note}`));
  return sections.join('\n');
}

function chainsReport(chains: ChainResult[], notes: string[]): string {
  const lines = [
    '### Chains: each file imports the next',
    '',
    'Strategies and small plans in turn, a strategy last. Each link reads what it references even where the chain behind it is longer than the checker reads (`maxImportedFiles`): such a link gets one `ref/unknown` on its import (“more than … files are imported”) and nothing else.',
    '',
    '| `mktplan check` over a chain of | wall, median (ms) | wall, min–max | CPU, median (ms) | peak RSS (MB) | output |',
    '|--:|--:|--:|--:|--:|---|',
    ...chains.map((chain) => `| ${thousands(chain.files)} files | ${medianText(wall(chain.runs))} | ${rangeText(wall(chain.runs))} | ${medianText(cpu(chain.runs))} | ${medianText(chain.runs.map((run) => run.peakRssMB))} | ${outputText(chain.output)} |`),
  ];
  const [short, long] = [chains.find((chain) => chain.files === 250), chains.find((chain) => chain.files === 1000)];
  if (short && long) {
    const ratio = median(wall(long.runs)) / median(wall(short.runs));
    lines.push('', `chain(1,000) / chain(250): ${fixed(ratio, 2)} in wall time ${mark(ratio <= targets.chainRatio)} (target ≤ ${targets.chainRatio}; linear would be 4), ${fixed(median(cpu(long.runs)) / median(cpu(short.runs)), 2)} in CPU time.`);
  }
  if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${note}`));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// Main

let runDir: string | undefined;
let keep = false;

function killAll(): void {
  for (const client of liveServers) client.kill();
}

function removeRunDir(): void {
  if (runDir && !keep) rmSync(runDir, { recursive: true, force: true });
  runDir = undefined;
}

async function main(argv: string[]): Promise<number> {
  const options = readOptions('bench/workspace', usage, argv, parseOptions);
  if (typeof options === 'number') return options;
  keep = options.keep;
  for (const file of ['cli.js', 'server.js']) {
    await fs.access(nodePath.join(options.dist, file)).catch(() => {
      throw new Error(`no ${nodePath.join(options.dist, file)}: run \`npm run build\` first (or \`npm run bench:workspace\`)`);
    });
  }

  const startedAt = new Date();
  const started = performance.now();
  const load = new LoadMeter();
  const machine = {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.versions.node,
  };
  runDir = await fs.mkdtemp(nodePath.join(os.tmpdir(), 'mktplan-bench-workspace-'));
  const toolsDir = nodePath.join(runDir, 'tools');
  await fs.mkdir(toolsDir);
  const commandLine = prepareCommandLine(nodePath.join(options.dist, 'cli.js'), toolsDir);
  log(`measuring ${options.dist}; its command line ${commandLine.takesConcurrency ? 'takes' : 'does not take'} --concurrency; workspaces in ${runDir}`);

  const sizes: SizeResult[] = [];
  let chains: Awaited<ReturnType<typeof measureChains>> | undefined;
  try {
    for (const plans of options.sizes) sizes.push(await measureSize(plans, options, commandLine, nodePath.join(runDir, `plans-${plans}`)));
    if (options.parts.has('imports') && options.chains.length > 0) chains = await measureChains(options.chains, options, commandLine, nodePath.join(runDir, 'chains'));
  } finally {
    killAll();
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const overall = load.read();

  const markdown = [
    `## mktplan whole-workspace benchmark — ${startedAt.toISOString()}`,
    '',
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}; ${displayPath(options.dist)}; seed ${options.seed}. Load average ${overall.loadAverageBefore.toFixed(2)} → ${overall.loadAverageAfter.toFixed(2)}; other programs kept ${overall.otherCores.toFixed(2)} cores busy on average.`,
    '',
    ...sizes.flatMap((size) => [sizeReport(size), '']),
    ...(chains ? [chainsReport(chains.chains, chains.notes), ''] : []),
    `Total run time: ${totalSeconds.toFixed(0)} s.`,
    '',
  ].join('\n');
  process.stdout.write(markdown);

  await fs.mkdir(resultsDir, { recursive: true });
  const json = {
    startedAt: startedAt.toISOString(),
    totalSeconds: round1(totalSeconds),
    machine,
    options: { ...options, parts: [...options.parts], timeoutMs, quietMs, settleQuietMs, keystrokeMs },
    targets,
    takesConcurrency: commandLine.takesConcurrency,
    load: overall,
    sizes,
    chains,
  };
  await fs.writeFile(nodePath.join(resultsDir, 'workspace.json'), JSON.stringify(json, null, 2) + '\n');
  await fs.writeFile(nodePath.join(resultsDir, 'workspace.md'), markdown);
  log(`\nwrote ${nodePath.relative(process.cwd(), nodePath.join(resultsDir, 'workspace.json'))} and workspace.md; total ${totalSeconds.toFixed(0)} s`);
  if (keep) log(`kept the workspaces: ${runDir}`);
  removeRunDir();
  return 0;
}

runHarness('bench/workspace', () => main(process.argv.slice(2)), () => {
  killAll();
  removeRunDir();
});
