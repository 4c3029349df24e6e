// The whole-workspace benchmark: `npm run bench:workspace` (= npm run build && tsx bench/workspace.ts).
//
//   tsx bench/workspace.ts [--plans 1000] [--strategies 10] [--rounds 5] [--seed 1] [--keep]
//
// Generates a workspace (bench/generateWorkspace.ts: 10 strategies, 1,000 plans importing
// them, 100 per strategy) and, in each round, starts a fresh language server over stdio and
// measures:
//   index        from `initialized` until every file of the workspace has its diagnostics;
//   hover        while it indexes, the latency of hovers on a plan the editor has open;
//   memory       the server's RSS after indexing, and its peak;
//   edit         an open strategy edited (an objective renamed): until the 100 plans that import
//                it have their new findings; the 900 others must not be published again;
//   revert       the same edit undone: until the 100 have their findings (none) again;
//   on disk      a closed strategy changed on disk (didChangeWatchedFiles): the same, 100 + 1;
//   full         every file re-checked (mktplan.checkFiles set to `open`, then back to
//                `workspace`): until all files have their diagnostics again, the baseline
//                against which the edit shows that re-checking costs in proportion to the
//                files that import the change, not to the workspace;
// and prints a Markdown table to stdout (progress to stderr), with every run in
// bench/results/workspace.json (and the table in workspace.md). It appends nothing to docs.
// See bench/README.md ("Whole workspace").
//
// Exit code: 0 when the measurements ran (whatever they found), 1 on a harness error: a
// server that crashes, or a wait that is not answered within the time limit.
import { readFileSync, rmSync, writeFileSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generateWorkspace, type GeneratedWorkspace } from './generateWorkspace';
import { median, runHarness } from './harness';
import { BenchClient, TimeoutError, type Diagnostic, type Published } from './lsp';

const repoRoot = nodePath.resolve(__dirname, '..');
const ourServer = nodePath.join(repoRoot, 'dist/server.js');
const resultsDir = nodePath.join(__dirname, 'results');

/** Time allowed for any one wait (indexing included). */
const timeoutMs = 180_000;
/** After the expected publishes have arrived, how long without any publish before counting what came: late extra publishes land in it. */
const quietMs = 750;

// ---------------------------------------------------------------------------
// Options

interface Options {
  plans: number;
  strategies: number;
  rounds: number;
  seed: number;
  keep: boolean;
}

const usage = `Usage: tsx bench/workspace.ts [--plans 1000] [--strategies 10] [--rounds 5] [--seed 1] [--keep]

  --plans <n>        plan files, each importing one strategy (default 1000)
  --strategies <n>   strategy files (default 10, at most 12)
  --rounds <n>       rounds, each with a fresh server; medians are reported (default 5)
  --seed <n>         seed of the generated workspace (default 1)
  --keep             keep the generated workspace (its folder is printed)`;

class UsageError extends Error {}

function parseOptions(argv: string[]): Options | 'help' {
  const options: Options = { plans: 1000, strategies: 10, rounds: 5, seed: 1, keep: false };
  const args = [...argv];
  while (args.length > 0) {
    const arg = args.shift()!;
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const number = (min: number) => {
      const value = Number((inline ?? args.shift() ?? '').replace(/_/g, ''));
      if (!Number.isInteger(value) || value < min) throw new UsageError(`${name} takes a whole number of at least ${min}`);
      return value;
    };
    if (name === '-h' || name === '--help') return 'help';
    else if (name === '--plans') options.plans = number(1);
    else if (name === '--strategies') options.strategies = number(1);
    else if (name === '--rounds') options.rounds = number(1);
    else if (name === '--seed') options.seed = number(0);
    else if (name === '--keep') options.keep = true;
    else throw new UsageError(`unknown option "${arg}"`);
  }
  if (options.strategies > 12) throw new UsageError('--strategies is at most 12');
  if (options.strategies < 2) throw new UsageError('--strategies must be at least 2 (one is edited open, another on disk)');
  return options;
}

// ---------------------------------------------------------------------------
// Helpers

const log = (message: string) => process.stderr.write(`${message}\n`);

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const thousands = (n: number) => n.toLocaleString('en-US');
const round1 = (value: number) => Math.round(value * 10) / 10;

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

const uriOf = (file: string) => pathToFileURL(file).href;

// ---------------------------------------------------------------------------
// One round: a fresh server over the whole workspace

/** A timed step: wall-clock from the trigger to the last expected publish, and the server's CPU time meanwhile. */
interface Step {
  ms: number;
  cpuMs: number;
}

/** What was published after a change, once the server had been quiet for `quietMs`. */
interface Counts {
  /** Expected files that got a publish (each should get exactly one). */
  expected: number;
  expectedOf: number;
  /** Publishes for the expected files beyond one each. */
  expectedExtra: number;
  /** Files outside the expected set that were published again: should be none. */
  others: number;
  /** Publishes in all, expected or not. */
  total: number;
}

interface RoundResult {
  round: number;
  index: Step & {
    /** Files that got diagnostics (should be all). */
    files: number;
    /** publishDiagnostics in all until quiet (one per file expected). */
    publishes: number;
    /** From `initialized` to the server's progress `begin`, and from there to its `end`, when it reported progress. */
    progressBeginMs?: number;
    progressMs?: number;
    progressTitle?: string;
    /** Files with findings (none expected: the generated workspace is clean). */
    filesWithFindings: number;
    /** From `initialized` to the diagnostics of the plan opened meanwhile (the first check, cold). */
    openPlanMs: number;
  };
  hoverDuringIndex: {
    count: number;
    medianMs: number;
    maxMs: number;
    /** When the slowest hover was sent, in ms from `initialized`. */
    slowestSentAtMs: number;
    over50ms: number;
    emptyAnswers: number;
    runs: Array<{ sentAtMs: number; ms: number }>;
  };
  memoryAfterIndex: { rssMB: number; peakRssMB: number };
  openStrategy: Step & Counts;
  edit: Step & Counts & { withFinding: number };
  revert: Step & Counts & { clean: number };
  onDisk: Step & Counts & { withFinding: number };
  onDiskRevert: Step & Counts;
  clear: Step & { files: number };
  full: Step & Counts;
  memoryAtEnd: { rssMB: number; peakRssMB: number };
  /** CPU time the server used from its start to the end of the round. */
  totalCpuMs: number;
  anomalies: string[];
}

/** Waits until every URI of the set has a publish after `since` that satisfies the predicate; returns the time the last one came. */
async function waitForAll(client: BenchClient, uris: Iterable<string>, since: number, predicate: (p: Published) => boolean, what: string): Promise<number> {
  const missing = new Set(uris);
  const deadline = performance.now() + timeoutMs;
  let checked = since;
  let last = 0;
  for (;;) {
    for (; checked < client.published.length; checked++) {
      const published = client.published[checked];
      if (missing.has(published.uri) && predicate(published)) {
        missing.delete(published.uri);
        last = published.at;
      }
    }
    if (missing.size === 0) return last;
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      throw new TimeoutError(`${what}: ${missing.size} files still without the expected diagnostics after ${timeoutMs} ms, e.g. ${[...missing].slice(0, 3).join(', ')}`);
    }
    if (client.exited) throw new Error(`the server exited (code ${client.exited.code}, signal ${client.exited.signal}) while ${what}; stderr: ${client.stderr.slice(-2000)}`);
    // Poll: 1,000 publishes arrive in a burst, and a wake-up per publish is not needed.
    await new Promise((resolve) => setTimeout(resolve, Math.min(5, remaining)));
  }
}

/** Waits until no publish has come for `quietMs`. */
async function quiet(client: BenchClient): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const lastAt = client.published.length > 0 ? client.published[client.published.length - 1].at : 0;
    const wait = lastAt + quietMs - performance.now();
    if (wait <= 0) return;
    if (performance.now() > deadline) throw new TimeoutError(`the server kept publishing for ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

function countSince(client: BenchClient, since: number, expected: Set<string>): Counts {
  const perUri = new Map<string, number>();
  for (const published of client.published.slice(since)) perUri.set(published.uri, (perUri.get(published.uri) ?? 0) + 1);
  let got = 0;
  let extra = 0;
  let others = 0;
  for (const [uri, count] of perUri) {
    if (expected.has(uri)) {
      got++;
      extra += count - 1;
    } else others++;
  }
  return { expected: got, expectedOf: expected.size, expectedExtra: extra, others, total: client.published.length - since };
}

const hasUnknown = (id: string) => (p: Published) => p.diagnostics.some((d: Diagnostic) => d.code === 'ref/unknown' && d.message.includes(`\`${id}\``));

/** A plan the editor has open all along (as when it restores a tab), importing neither edited strategy when there are more than two. */
function openPlanOf(workspace: GeneratedWorkspace): string {
  return workspace.plans.find((plan) => workspace.strategies.length < 3 || workspace.strategies[2].importers.includes(plan)) ?? workspace.plans[0];
}

function initializeParams(root: string) {
  const rootUri = uriOf(root);
  return {
    processId: process.pid,
    clientInfo: { name: 'mktplan-bench-workspace' },
    locale: 'en',
    rootUri,
    rootPath: root,
    workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  };
}

/**
 * For reference: the same server and open plan with `mktplan.checkFiles: open`, from the
 * start. Only the open plan may be published; its RSS is the server's without the workspace.
 */
async function measureOpenOnly(workspace: GeneratedWorkspace): Promise<{ rssMB: number; peakRssMB: number; published: number; openPlanMs: number }> {
  const client = new BenchClient('mktplan-language-server (checkFiles: open)', [ourServer, '--stdio'], repoRoot);
  live.add(client);
  client.configuration = (section) => (section === 'mktplan' ? { checkFiles: 'open' } : null);
  try {
    const openPlan = openPlanOf(workspace);
    await client.request('initialize', initializeParams(workspace.root));
    const t0 = performance.now();
    await client.notify('initialized', {});
    await client.notify('textDocument/didOpen', { textDocument: { uri: uriOf(openPlan), languageId: 'mktplan', version: 1, text: readFileSync(openPlan, 'utf8') } });
    const shown = await client.waitForPublish(uriOf(openPlan), 0, (p) => p.version === 1, timeoutMs);
    // Long enough for the workspace check to start if the setting were not heeded (it starts 200 ms after `initialized`).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await quiet(client);
    const published = new Set(client.published.map((p) => p.uri)).size;
    log(`  checkFiles: open: ${published} file(s) published, RSS ${fixed(client.memory().rssMB)} MB`);
    return { ...client.memory(), published, openPlanMs: shown.at - t0 };
  } finally {
    await client.stop();
    live.delete(client);
  }
}

async function runRound(round: number, workspace: GeneratedWorkspace): Promise<RoundResult> {
  const anomalies: string[] = [];
  const client = new BenchClient('mktplan-language-server', [ourServer, '--stdio'], repoRoot);
  live.add(client);
  /** What the client answers for `workspace/configuration` section `mktplan`. */
  let settings: Record<string, unknown> = {};
  client.configuration = (section) => (section === 'mktplan' ? settings : null);
  const progress: Array<{ at: number; kind: string; title?: string }> = [];
  client.connection.onNotification('$/progress', (params: { value?: { kind?: string; title?: string } }) => {
    progress.push({ at: performance.now(), kind: params.value?.kind ?? '?', title: params.value?.title });
  });
  client.connection.onRequest('window/workDoneProgress/create', () => null);

  const allUris = workspace.files.map(uriOf);
  const edited = workspace.strategies[0];
  const onDisk = workspace.strategies[1];
  const openPlan = openPlanOf(workspace);
  const openPlanUri = uriOf(openPlan);
  const openPlanText = readFileSync(openPlan, 'utf8');
  const ownerLine = openPlanText.split('\n').findIndex((line) => /^ {2}owner: /.test(line));

  try {
    await client.request('initialize', initializeParams(workspace.root));

    // (a) Indexing: from `initialized` until every file has its diagnostics, with one plan open meanwhile.
    const cpu0 = client.cpuMs();
    const t0 = performance.now();
    await client.notify('initialized', {});
    await client.notify('textDocument/didOpen', { textDocument: { uri: openPlanUri, languageId: 'mktplan', version: 1, text: openPlanText } });
    // Hovers on the open plan while the workspace is checked: does indexing keep the server
    // answering? They start once the open plan has its own findings (the first answer waits
    // for the server's first check, cold, which is not what is measured here).
    const openPlanShown = await client.waitForPublish(openPlanUri, 0, (p) => p.version === 1, timeoutMs);
    const openPlanMs = openPlanShown.at - t0;
    const hovers: number[] = [];
    /** When each hover was sent, in ms from `initialized`. */
    const hoverAt: number[] = [];
    let emptyHovers = 0;
    let indexing = true;
    const hoverLoop = (async () => {
      while (indexing) {
        const h0 = performance.now();
        hoverAt.push(h0 - t0);
        const answer = await client.request<unknown>('textDocument/hover', { textDocument: { uri: openPlanUri }, position: { line: ownerLine, character: 3 } }, timeoutMs);
        hovers.push(performance.now() - h0);
        if (!answer) emptyHovers++;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    let indexEnd: number;
    try {
      indexEnd = await waitForAll(client, allUris, 0, () => true, 'indexing');
    } finally {
      indexing = false;
      await hoverLoop;
    }
    const indexCpu = client.cpuMs() - cpu0;
    const memoryAfterIndex = client.memory();
    await quiet(client);
    const indexPublishes = client.published.length;
    const perUri = new Map<string, Published>();
    for (const published of client.published) perUri.set(published.uri, published);
    const filesWithFindings = [...perUri.values()].filter((p) => p.diagnostics.length > 0).length;
    if (filesWithFindings > 0) anomalies.push(`indexing: ${filesWithFindings} files have findings (the generated workspace should have none), e.g. ${[...perUri.values()].find((p) => p.diagnostics.length > 0)?.diagnostics[0].message}`);
    if (indexPublishes > allUris.length) anomalies.push(`indexing: ${indexPublishes} publishes for ${allUris.length} files`);
    const begin = progress.find((p) => p.kind === 'begin');
    const end = progress.find((p) => p.kind === 'end');
    log(`    index: ${fixed(indexEnd - t0)} ms for ${perUri.size} files (${indexPublishes} publishes), CPU ${fixed(indexCpu)} ms, RSS ${fixed(memoryAfterIndex.rssMB)} MB; hovers meanwhile: ${hovers.length}, median ${fixed(median(hovers))} ms, max ${fixed(Math.max(...hovers))} ms`);

    /**
     * Sends a change and times it until every expected file has a publish that satisfies the
     * predicate; then, once the server is quiet, counts what was published: files outside
     * `allowed` (the expected ones unless said otherwise) should never be.
     */
    const step = async (what: string, trigger: () => Promise<void>, expected: string[], predicate: (p: Published) => boolean, allowed: string[] = expected) => {
      const since = client.published.length;
      const c0 = client.cpuMs();
      const s0 = performance.now();
      await trigger();
      const last = await waitForAll(client, expected, since, predicate, what);
      await quiet(client);
      const cpuMs = client.cpuMs() - c0;
      const counts = countSince(client, since, new Set(allowed));
      const allowedSet = new Set(allowed);
      const lastAllowed = client.published.slice(since).reduce((at, p) => (allowedSet.has(p.uri) ? Math.max(at, p.at) : at), last);
      const result = { ms: last - s0, cpuMs, ...counts };
      log(`    ${what}: ${fixed(result.ms)} ms (CPU ${fixed(cpuMs)} ms); published ${counts.expected}/${counts.expectedOf} files${counts.expectedExtra ? ` (+${counts.expectedExtra} repeats)` : ''}, ${counts.others} others`);
      if (counts.others > 0) anomalies.push(`${what}: ${counts.others} files outside the ${counts.expectedOf} expected were published again`);
      if (counts.expectedExtra > 0) anomalies.push(`${what}: ${counts.expectedExtra} publishes beyond one per expected file`);
      return { result, since, lastAllowedMs: lastAllowed - s0 };
    };

    // Open the strategy that will be edited, with the text it has on disk. The server may
    // re-check its importers then (it does not compare the editor's text with the disk's):
    // those publishes are allowed, and timed to the last of them.
    const editedUri = uriOf(edited.file);
    const editedText = readFileSync(edited.file, 'utf8');
    const importers = edited.importers.map(uriOf);
    const openStrategy = await step(
      'open the strategy (text as on disk)',
      () => client.notify('textDocument/didOpen', { textDocument: { uri: editedUri, languageId: 'mktplan', version: 1, text: editedText } }),
      [editedUri],
      (p) => p.version === 1,
      [editedUri, ...importers],
    );
    const openStrategyResult = { ...openStrategy.result, ms: openStrategy.lastAllowedMs };

    // (c) Rename the core objective (every importer implements it and aims a campaign at it).
    const lines = editedText.split('\n');
    const idLine = lines.findIndex((line) => line === `    - id: ${edited.coreObjective}`);
    if (idLine < 0) throw new Error(`harness: no \`- id: ${edited.coreObjective}\` line in ${edited.file}`);
    const idStart = lines[idLine].indexOf(edited.coreObjective);
    const renamed = `${edited.coreObjective}-r${round}`;
    const range = (id: string) => ({ start: { line: idLine, character: idStart }, end: { line: idLine, character: idStart + id.length } });
    const edit = await step(
      'edit (rename an objective)',
      () => client.notify('textDocument/didChange', { textDocument: { uri: editedUri, version: 2 }, contentChanges: [{ range: range(edited.coreObjective), text: renamed }] }),
      [editedUri, ...importers],
      (p) => (p.uri === editedUri ? p.version === 2 : hasUnknown(edited.coreObjective)(p)),
    );
    const withFinding = importers.filter((uri) => client.published.slice(edit.since).some((p) => p.uri === uri && hasUnknown(edited.coreObjective)(p))).length;
    const revert = await step(
      'revert the edit',
      () => client.notify('textDocument/didChange', { textDocument: { uri: editedUri, version: 3 }, contentChanges: [{ range: range(renamed), text: edited.coreObjective }] }),
      [editedUri, ...importers],
      (p) => (p.uri === editedUri ? p.version === 3 : !hasUnknown(edited.coreObjective)(p)),
    );
    const clean = importers.filter((uri) => {
      const lastOne = client.published.slice(revert.since).filter((p) => p.uri === uri).pop();
      return lastOne !== undefined && lastOne.diagnostics.length === 0;
    }).length;

    // The same through the file system: a closed strategy changed on disk (a `git pull`, another editor).
    const diskUri = uriOf(onDisk.file);
    const diskText = readFileSync(onDisk.file, 'utf8');
    const diskImporters = onDisk.importers.map(uriOf);
    const diskRenamed = diskText.replace(`    - id: ${onDisk.coreObjective}\n`, `    - id: ${onDisk.coreObjective}-disk${round}\n`);
    if (diskRenamed === diskText) throw new Error(`harness: no \`- id: ${onDisk.coreObjective}\` line in ${onDisk.file}`);
    const onDiskStep = await step(
      'change on disk (didChangeWatchedFiles)',
      async () => {
        writeFileSync(onDisk.file, diskRenamed);
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: diskUri, type: 2 }] });
      },
      [diskUri, ...diskImporters],
      (p) => p.uri === diskUri || hasUnknown(onDisk.coreObjective)(p),
    );
    const diskWithFinding = diskImporters.filter((uri) => client.published.slice(onDiskStep.since).some((p) => p.uri === uri && hasUnknown(onDisk.coreObjective)(p))).length;
    const onDiskRevert = await step(
      'change on disk reverted',
      async () => {
        writeFileSync(onDisk.file, diskText);
        await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: diskUri, type: 2 }] });
      },
      [diskUri, ...diskImporters],
      (p) => p.uri === diskUri || !hasUnknown(onDisk.coreObjective)(p),
    );

    // (d) The baseline: every file checked again. `mktplan.checkFiles: open` clears the closed
    // files; back to `workspace`, the server checks every closed file and the open ones again.
    const openUris = new Set([openPlanUri, editedUri]);
    const closedUris = allUris.filter((uri) => !openUris.has(uri));
    const clearSince = client.published.length;
    const clearCpu0 = client.cpuMs();
    const clear0 = performance.now();
    settings = { checkFiles: 'open' };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const clearEnd = await waitForAll(client, closedUris, clearSince, (p) => p.diagnostics.length === 0, 'clearing the closed files');
    const clearCpu = client.cpuMs() - clearCpu0;
    await quiet(client);
    const clearedFiles = new Set(client.published.slice(clearSince).filter((p) => p.diagnostics.length === 0 && !openUris.has(p.uri)).map((p) => p.uri)).size;
    log(`    checkFiles: open: ${fixed(clearEnd - clear0)} ms to clear ${clearedFiles} closed files`);
    const full = await step(
      'full re-check (checkFiles: workspace)',
      async () => {
        settings = {};
        await client.notify('workspace/didChangeConfiguration', { settings: null });
      },
      allUris,
      () => true,
    );
    const memoryAtEnd = client.memory();
    const totalCpuMs = client.cpuMs();

    return {
      round,
      index: {
        ms: indexEnd - t0,
        cpuMs: indexCpu,
        files: perUri.size,
        publishes: indexPublishes,
        progressBeginMs: begin ? begin.at - t0 : undefined,
        progressMs: begin && end ? end.at - begin.at : undefined,
        progressTitle: begin?.title,
        filesWithFindings,
        openPlanMs,
      },
      hoverDuringIndex: {
        count: hovers.length,
        medianMs: median(hovers),
        maxMs: Math.max(...hovers),
        slowestSentAtMs: hoverAt[hovers.indexOf(Math.max(...hovers))],
        over50ms: hovers.filter((ms) => ms > 50).length,
        emptyAnswers: emptyHovers,
        runs: hovers.map((ms, i) => ({ sentAtMs: round1(hoverAt[i]), ms: round1(ms) })),
      },
      memoryAfterIndex,
      openStrategy: openStrategyResult,
      edit: { ...edit.result, withFinding },
      revert: { ...revert.result, clean },
      onDisk: { ...onDiskStep.result, withFinding: diskWithFinding },
      onDiskRevert: onDiskRevert.result,
      clear: { ms: clearEnd - clear0, cpuMs: clearCpu, files: clearedFiles },
      full: full.result,
      memoryAtEnd,
      totalCpuMs,
      anomalies,
    };
  } catch (error) {
    if (client.stderr.trim()) log(`    server stderr (tail): ${client.stderr.slice(-1500)}`);
    throw error;
  } finally {
    await client.stop();
    live.delete(client);
  }
}

// ---------------------------------------------------------------------------
// Main

const live = new Set<BenchClient>();
let workspaceDir: string | undefined;
let keepWorkspace = false;

function killAll(): void {
  for (const client of live) client.kill();
}

function removeWorkspace(): void {
  if (workspaceDir && !keepWorkspace) rmSync(workspaceDir, { recursive: true, force: true });
  workspaceDir = undefined;
}

async function main(argv: string[]): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench/workspace: ${error.message}\n\n${usage}\n`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const { plans, strategies, rounds, seed } = options;
  keepWorkspace = options.keep;
  await fs.access(ourServer).catch(() => {
    throw new Error(`no ${nodePath.relative(repoRoot, ourServer)}: run \`npm run build\` first (or \`npm run bench:workspace\`)`);
  });

  const startedAt = new Date();
  const started = performance.now();
  const machineCpu0 = machineBusyMs();
  const harnessCpu0 = process.cpuUsage();
  const loadAverageBefore = os.loadavg()[0];
  const machine = {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.versions.node,
  };

  workspaceDir = await fs.mkdtemp(nodePath.join(os.tmpdir(), 'mktplan-bench-workspace-'));
  const workspace = generateWorkspace(workspaceDir, { plans, strategies, seed });
  log(
    `workspace: ${workspace.strategies.length} strategies and ${thousands(workspace.plans.length)} plans (${thousands(workspace.lines)} lines, ${fixed(workspace.bytes / 1024 / 1024, 1)} MB) in ${workspaceDir}`,
  );
  log(`  strategy edited open: ${nodePath.relative(workspaceDir, workspace.strategies[0].file)} (${workspace.strategies[0].importers.length} importers); changed on disk: ${nodePath.relative(workspaceDir, workspace.strategies[1].file)} (${workspace.strategies[1].importers.length} importers)`);

  const results: RoundResult[] = [];
  let openOnly: Awaited<ReturnType<typeof measureOpenOnly>> | undefined;
  try {
    for (let round = 1; round <= rounds; round++) {
      log(`round ${round}/${rounds}: a fresh server`);
      results.push(await runRound(round, workspace));
    }
    log('for reference: a fresh server with `mktplan.checkFiles: open`');
    openOnly = await measureOpenOnly(workspace);
  } finally {
    killAll();
  }
  const totalSeconds = (performance.now() - started) / 1000;
  const harnessCpu = process.cpuUsage(harnessCpu0);
  const serverCpuMs = results.reduce((sum, r) => sum + r.totalCpuMs, 0);
  const otherCores = Math.max(0, (machineBusyMs() - machineCpu0 - (harnessCpu.user + harnessCpu.system) / 1000 - serverCpuMs) / 1000 / totalSeconds);

  // ---- report ----
  const files = workspace.files.length;
  const perStrategy = workspace.strategies[0].importers.length;
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
      `index: \`initialized\` → all ${thousands(files)} files published (ms)`,
      (r) => r.index.ms,
      (r) => r.index.cpuMs,
      `${results.map((r) => r.index.files).join('/')} files, ${results.map((r) => r.index.publishes).join('/')} publishes; progress "${results[0].index.progressTitle ?? 'none'}" began after ${fixed(m((r) => r.index.progressBeginMs ?? NaN), 0)} ms and lasted ${fixed(m((r) => r.index.progressMs ?? NaN), 0)} ms`,
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
    row(`closed strategy changed on disk (didChangeWatchedFiles) → it and its ${perStrategy} importers published (ms)`, (r) => r.onDisk.ms, (r) => r.onDisk.cpuMs, `${counts((r) => r.onDisk)}; with the finding: ${results.map((r) => r.onDisk.withFinding).join('/')}`),
    row('change on disk reverted (ms)', (r) => r.onDiskRevert.ms, (r) => r.onDiskRevert.cpuMs, counts((r) => r.onDiskRevert)),
    row(`**full re-check** (\`checkFiles\` \`open\` → \`workspace\`) → all ${thousands(files)} files published (ms)`, (r) => r.full.ms, (r) => r.full.cpuMs, counts((r) => r.full)),
    row('full re-check: per file (ms)', (r) => r.full.ms / files, (r) => r.full.cpuMs / files, '', 2),
  ].join('\n');
  const ratios = [
    '| ratio (medians) | value | if re-checking cost in proportion to the files re-checked |',
    '|---|--:|--:|',
    `| edit / full re-check | ${fixed(ratioFull, 3)} (CPU ${fixed(m((r) => r.edit.cpuMs) / m((r) => r.full.cpuMs), 3)}) | ${fixed(expectedShare, 3)} (${perStrategy + 1} of ${thousands(files)} files) |`,
    `| edit / index | ${fixed(ratioIndex, 3)} (CPU ${fixed(m((r) => r.edit.cpuMs) / m((r) => r.index.cpuMs), 3)}) | ${fixed(expectedShare, 3)} |`,
  ].join('\n');
  const anomalies = results.flatMap((r) => r.anomalies.map((a) => `round ${r.round}: ${a}`));
  const notes = [
    ...(otherCores > 0.2 ? [`other programs kept about ${otherCores.toFixed(2)} cores busy on average meanwhile (load average ${loadAverageBefore.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}): wall-clock times are inflated; compare the CPU column`] : []),
    ...anomalies,
    ...(openOnly && openOnly.published > 1 ? [`with \`checkFiles: open\`, ${openOnly.published} files were published, not just the open one`] : []),
  ];
  const markdown = [
    `## mktplan whole-workspace benchmark — ${startedAt.toISOString()}`,
    '',
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}. Workspace: ${workspace.strategies.length} strategies, ${thousands(workspace.plans.length)} plans (${perStrategy} per strategy), ${thousands(workspace.lines)} lines, ${fixed(workspace.bytes / 1024 / 1024)} MB, seed ${seed}. ${rounds} rounds, each with a fresh server; medians, then every round.`,
    '',
    table,
    '',
    ratios,
    '',
    ...(notes.length > 0 ? ['### Notes', '', ...notes.map((n) => `- ${n}`), ''] : []),
    `Total run time: ${totalSeconds.toFixed(0)} s.`,
    '',
  ].join('\n');
  process.stdout.write(markdown);

  await fs.mkdir(resultsDir, { recursive: true });
  const json = {
    startedAt: startedAt.toISOString(),
    totalSeconds: round1(totalSeconds),
    machine,
    options: { plans, strategies, rounds, seed, timeoutMs, quietMs },
    workspace: {
      files,
      lines: workspace.lines,
      bytes: workspace.bytes,
      editedOpen: nodePath.relative(workspace.root, workspace.strategies[0].file),
      changedOnDisk: nodePath.relative(workspace.root, workspace.strategies[1].file),
      importersPerStrategy: perStrategy,
    },
    load: { loadAverageBefore, loadAverageAfter: os.loadavg()[0], otherCores: Math.round(otherCores * 100) / 100 },
    medians: { indexMs, editMs, fullMs, editOverFull: ratioFull, editOverIndex: ratioIndex, expectedShare },
    rounds: results,
    openOnly,
    notes,
  };
  await fs.writeFile(nodePath.join(resultsDir, 'workspace.json'), JSON.stringify(json, null, 2) + '\n');
  await fs.writeFile(nodePath.join(resultsDir, 'workspace.md'), markdown);
  log(`\nwrote ${nodePath.relative(process.cwd(), nodePath.join(resultsDir, 'workspace.json'))} and workspace.md; total ${totalSeconds.toFixed(0)} s`);
  if (keepWorkspace) log(`kept the workspace: ${workspaceDir}`);
  removeWorkspace();
  return 0;
}

runHarness('bench/workspace', () => main(process.argv.slice(2)), () => {
  killAll();
  removeWorkspace();
});
