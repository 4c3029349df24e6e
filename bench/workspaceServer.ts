// The language server's measurements of bench/workspace.ts, each with a fresh server over stdio
// on a generated workspace: the rounds of pushed diagnostics (index, hover while indexing, memory,
// edit, revert, on disk, full re-check), the first full check pulled, and typing in a strategy
// that every plan imports, with a client that is pushed diagnostics and one that pulls them.
import { readFileSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { GeneratedWorkspace } from './generateWorkspace';
import { median } from './harness';
import { BenchClient, DiagnosticPuller, pullCapabilities, TimeoutError, type Diagnostic, type Published, type PulledReport } from './lsp';

/** Time allowed for any one wait (indexing included). */
export const timeoutMs = 180_000;
/** After the expected publishes have arrived, how long without any publish before counting what came: late extra publishes land in it. */
export const quietMs = 750;

export const log = (message: string) => process.stderr.write(`${message}\n`);
export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const round1 = (value: number) => Math.round(value * 10) / 10;

const uriOf = (file: string) => pathToFileURL(file).href;

/** The servers running, stopped by the harness on every way out. */
export const liveServers = new Set<BenchClient>();

/** A fresh server (`<dist>/server.js --stdio`) in the repository's folder. */
function startServer(serverJs: string, name: string): BenchClient {
  const client = new BenchClient(name, [serverJs, '--stdio'], nodePath.resolve(__dirname, '..'));
  liveServers.add(client);
  return client;
}

async function stopServer(client: BenchClient): Promise<void> {
  await client.stop();
  liveServers.delete(client);
}

/** Measures with a fresh server, stopped afterwards; when the measure fails, the tail of the server's standard error says why. */
async function withServer<T>(serverJs: string, name: string, measure: (client: BenchClient) => Promise<T>): Promise<T> {
  const client = startServer(serverJs, name);
  try {
    return await measure(client);
  } catch (error) {
    if (client.stderr.trim()) log(`    server stderr (tail): ${client.stderr.slice(-1500)}`);
    throw error;
  } finally {
    await stopServer(client);
  }
}

/** `withServer` with a client that pulls diagnostics, which stops pulling before the server stops. */
function withPullingServer<T>(serverJs: string, name: string, measure: (client: BenchClient, puller: DiagnosticPuller) => Promise<T>): Promise<T> {
  return withServer(serverJs, name, async (client) => {
    const puller = new DiagnosticPuller(client);
    try {
      return await measure(client, puller);
    } finally {
      puller.stop();
    }
  });
}

// ---------------------------------------------------------------------------
// One round: a fresh server over the whole workspace

/** A timed step: wall-clock from the trigger to the last expected publish, and the server's CPU time meanwhile. */
export interface Step {
  ms: number;
  cpuMs: number;
}

/** What was published after a change, once the server had been quiet for `quietMs`. */
export interface Counts {
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

export interface RoundResult {
  round: number;
  /** Until the end of the progress of the workspace check: clean plans no editor has open are checked and not published. */
  index: Step & {
    /** publishDiagnostics in all until quiet (the open plan's alone expected). */
    publishes: number;
    /** From `initialized` to the server's progress `begin`, and from there to its `end`. */
    progressBeginMs: number;
    progressMs: number;
    /** It says how many plans the check takes. */
    progressTitle: string;
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
  /** Closed files published when `checkFiles` became `open`: none, as none had findings to clear. */
  cleared: number;
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

/**
 * Waits for the end of a work done progress begun after the first `since` progress notifications:
 * the server's check of the workspace, whose clean plans are checked without being published.
 * Returns when it ended.
 */
async function waitForProgressEnd(client: BenchClient, since: number, what: string): Promise<number> {
  const end = () => client.progress.slice(since).find((progress) => progress.value.kind === 'end');
  await waitUntil(client, () => (end() ? undefined : 'no end of progress'), what);
  return end()!.at;
}

/** Waits until no publish has come for `ms`. */
async function quiet(client: BenchClient, ms = quietMs): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const lastAt = client.published.length > 0 ? client.published[client.published.length - 1].at : 0;
    const wait = lastAt + ms - performance.now();
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

/** Whether findings hold the `ref/unknown` for the id. */
const unknownIn = (id: string, diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === 'ref/unknown' && d.message.includes(`\`${id}\``));
const hasUnknown = (id: string) => (p: Published) => unknownIn(id, p.diagnostics);

/** A plan the editor has open all along (as when it restores a tab), importing neither edited strategy when there are more than two. */
function openPlanOf(workspace: GeneratedWorkspace): string {
  return workspace.plans.find((plan) => workspace.strategies.length < 3 || workspace.strategies[2].importers.includes(plan)) ?? workspace.plans[0];
}

/** What the benchmark's editor says of itself: it is pushed diagnostics, or with `pull` pulls them. */
function initializeParams(root: string, pull = false) {
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
      workspace: {
        configuration: true,
        workspaceFolders: true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...(pull ? pullCapabilities.workspace : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: false },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        ...(pull ? pullCapabilities.textDocument : {}),
      },
    },
  };
}

/**
 * For reference: the same server and open plan with `mktplan.checkFiles: open`, from the
 * start. Only the open plan may be published; its RSS is the server's without the workspace.
 */
export function measureOpenOnly(serverJs: string, workspace: GeneratedWorkspace): Promise<{ rssMB: number; peakRssMB: number; published: number; openPlanMs: number }> {
  return withServer(serverJs, 'mktplan-language-server (checkFiles: open)', async (client) => {
    client.configuration = (section) => (section === 'mktplan' ? { checkFiles: 'open' } : null);
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
  });
}

export function runRound(serverJs: string, round: number, workspace: GeneratedWorkspace): Promise<RoundResult> {
  const anomalies: string[] = [];
  return withServer(serverJs, 'mktplan-language-server', async (client) => {
    /** What the client answers for `workspace/configuration` section `mktplan`. */
    let settings: Record<string, unknown> = {};
    client.configuration = (section) => (section === 'mktplan' ? settings : null);

    const edited = workspace.strategies[0];
    const onDisk = workspace.strategies[1];
    const openPlan = openPlanOf(workspace);
    const openPlanUri = uriOf(openPlan);
    const openPlanText = readFileSync(openPlan, 'utf8');
    const ownerLine = openPlanText.split('\n').findIndex((line) => /^ {2}owner: /.test(line));

    await client.request('initialize', initializeParams(workspace.root));

    // (a) Indexing: from `initialized` until the workspace check ends, with one plan open meanwhile.
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
      indexEnd = Math.max(openPlanShown.at, await waitForProgressEnd(client, 0, 'indexing'));
    } finally {
      indexing = false;
      await hoverLoop;
    }
    const indexCpu = client.cpuMs() - cpu0;
    const memoryAfterIndex = client.memory();
    await quiet(client);
    const indexPublishes = client.published.length;
    const withFindings = client.published.filter((p) => p.diagnostics.length > 0);
    const filesWithFindings = new Set(withFindings.map((p) => p.uri)).size;
    if (filesWithFindings > 0) anomalies.push(`indexing: ${filesWithFindings} files have findings (the generated workspace should have none), e.g. ${withFindings[0].diagnostics[0].message}`);
    const closedPublished = new Set(client.published.filter((p) => p.uri !== openPlanUri).map((p) => p.uri)).size;
    if (closedPublished > 0) anomalies.push(`indexing: ${closedPublished} clean closed files published`);
    const begin = client.progress.find((p) => p.value.kind === 'begin')!;
    const end = client.progress.find((p) => p.value.kind === 'end')!;
    log(`    index: ${fixed(indexEnd - t0)} ms ("${begin.value.title}", ${indexPublishes} publishes), CPU ${fixed(indexCpu)} ms, RSS ${fixed(memoryAfterIndex.rssMB)} MB; hovers meanwhile: ${hovers.length}, median ${fixed(median(hovers))} ms, max ${fixed(Math.max(...hovers))} ms`);

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
    /** The strategy written on disk and the server told, until its importers are published as `final` says (the strategy, clean and closed, is not). */
    const changeOnDisk = (what: string, text: string, final: (p: Published) => boolean) =>
      step(
        what,
        async () => {
          writeFileSync(onDisk.file, text);
          await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: diskUri, type: 2 }] });
        },
        diskImporters,
        final,
      );
    const onDiskStep = await changeOnDisk('change on disk (didChangeWatchedFiles)', diskRenamed, hasUnknown(onDisk.coreObjective));
    const diskWithFinding = diskImporters.filter((uri) => client.published.slice(onDiskStep.since).some((p) => p.uri === uri && hasUnknown(onDisk.coreObjective)(p))).length;
    const onDiskRevert = await changeOnDisk('change on disk reverted', diskText, (p) => !hasUnknown(onDisk.coreObjective)(p));

    // (d) The baseline: every file checked again. `mktplan.checkFiles: open` clears the closed
    // files that have findings (none here); back to `workspace`, the server checks every closed
    // file and the open ones again, and publishes the open ones.
    const openUris = [openPlanUri, editedUri];
    const clearSince = client.published.length;
    settings = { checkFiles: 'open' };
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    // The open files are checked again with the new settings: once they are, the setting has been read.
    await waitForAll(client, openUris, clearSince, () => true, 'checkFiles: open');
    await quiet(client);
    const cleared = new Set(client.published.slice(clearSince).filter((p) => !openUris.includes(p.uri)).map((p) => p.uri)).size;
    if (cleared > 0) anomalies.push(`checkFiles: open: ${cleared} clean closed files published`);
    const [fullSince, fullProgress] = [client.published.length, client.progress.length];
    const fullCpu0 = client.cpuMs();
    const full0 = performance.now();
    settings = {};
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const fullEnd = Math.max(await waitForProgressEnd(client, fullProgress, 'the full re-check'), await waitForAll(client, openUris, fullSince, () => true, 'the full re-check: the open files'));
    const fullCpuMs = client.cpuMs() - fullCpu0;
    await quiet(client);
    const full = { ms: fullEnd - full0, cpuMs: fullCpuMs, ...countSince(client, fullSince, new Set(openUris)) };
    log(`    full re-check (checkFiles: workspace): ${fixed(full.ms)} ms (CPU ${fixed(fullCpuMs)} ms); published ${full.expected}/${full.expectedOf} open files, ${full.others} others`);
    if (full.others > 0) anomalies.push(`full re-check: ${full.others} clean closed files published`);
    const memoryAtEnd = client.memory();
    const totalCpuMs = client.cpuMs();

    return {
      round,
      index: {
        ms: indexEnd - t0,
        cpuMs: indexCpu,
        publishes: indexPublishes,
        progressBeginMs: begin.at - t0,
        progressMs: end.at - begin.at,
        progressTitle: String(begin.value.title),
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
      cleared,
      full,
      memoryAtEnd,
      totalCpuMs,
      anomalies,
    };
  });
}


// ---------------------------------------------------------------------------
// Helpers of the measurements below

/** How long nothing may come before a change counts as settled. */
export const settleQuietMs = 1000;
/** The time between two keystrokes while typing. */
export const keystrokeMs = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Polls until `missing` says nothing is missing (returns undefined); a timeout or the server's exit is a harness error. */
async function waitUntil(client: BenchClient, missing: () => string | undefined, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (let left = missing(); left !== undefined; left = missing()) {
    if (client.exited) throw new Error(`the server exited (code ${client.exited.code}, signal ${client.exited.signal}) while ${what}; stderr: ${client.stderr.slice(-2000)}`);
    if (performance.now() > deadline) throw new TimeoutError(`${what}: ${left} after ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Median, largest and sum of a count per file. */
function countsOf(perFile: number[]): { median: number; max: number; total: number } {
  return { median: median(perFile), max: Math.max(0, ...perFile), total: perFile.reduce((a, b) => a + b, 0) };
}

/** The line and column of the `- id: <id>` of a strategy's core objective. */
function coreObjectivePlace(text: string, id: string): { line: number; character: number } {
  const line = text.split('\n').findIndex((candidate) => candidate === `    - id: ${id}`);
  if (line < 0) throw new Error(`harness: no \`- id: ${id}\` line in the strategy`);
  return { line, character: '    - id: '.length };
}

/**
 * Types `id` letter by letter at `place`, one incremental `didChange` every `keystrokeMs` (on a
 * fixed schedule, so that a slow answer does not stretch the typing), the versions from
 * `firstVersion`; `afterEach` runs after each change is sent. Returns when each was sent.
 */
async function typeLetters(client: BenchClient, uri: string, place: { line: number; character: number }, id: string, firstVersion: number, afterEach: () => void): Promise<number[]> {
  const sent: number[] = [];
  const start = performance.now();
  for (let k = 0; k < id.length; k++) {
    await sleep(start + k * keystrokeMs - performance.now());
    const at = { line: place.line, character: place.character + k };
    await client.notify('textDocument/didChange', { textDocument: { uri, version: firstVersion + k }, contentChanges: [{ range: { start: at, end: at }, text: id[k] }] });
    sent.push(performance.now());
    afterEach();
  }
  return sent;
}

/** The first and the latest report of each file among a puller's reports from `since` on, read as they come. */
class PulledSoFar {
  readonly first = new Map<string, number>();
  readonly latest = new Map<string, PulledReport>();
  private read: number;

  constructor(
    private readonly puller: DiagnosticPuller,
    since: number,
  ) {
    this.read = since;
  }

  update(): this {
    for (; this.read < this.puller.reports.length; this.read++) {
      const report = this.puller.reports[this.read];
      if (!this.first.has(report.uri)) this.first.set(report.uri, report.at);
      this.latest.set(report.uri, report);
    }
    return this;
  }
}

// ---------------------------------------------------------------------------
// The first full check, pulled

export interface PulledIndexResult extends Step {
  /** Files with findings pulled (should be all). */
  files: number;
  filesWithFindings: number;
  /** Workspace pulls sent until every file had its findings, and the reports their partial results carried. */
  workspacePulls: number;
  partialItems: number;
  /** From `initialized` to the answer of the first workspace pull. */
  firstAnswerMs: number;
  refreshes: number;
  /** Publishes the server sent anyway (none expected from a client that pulls). */
  pushed: number;
  rssMB: number;
  peakRssMB: number;
}

/**
 * A client that pulls: from `initialized` (the plan of the pushed rounds opened and pulled, the
 * workspace pulled at once and then as vscode-languageclient does) until every file of the
 * workspace has findings pulled, from answers or partial results.
 */
export function measurePulledIndex(serverJs: string, workspace: GeneratedWorkspace): Promise<PulledIndexResult> {
  return withPullingServer(serverJs, 'mktplan-language-server (pulled)', async (client, puller) => {
    const allUris = workspace.files.map(uriOf);
    const openPlan = openPlanOf(workspace);
    await client.request('initialize', initializeParams(workspace.root, true));
    const cpu0 = client.cpuMs();
    const t0 = performance.now();
    await client.notify('initialized', {});
    await client.notify('textDocument/didOpen', { textDocument: { uri: uriOf(openPlan), languageId: 'mktplan', version: 1, text: readFileSync(openPlan, 'utf8') } });
    puller.opened(uriOf(openPlan));
    puller.startWorkspaceLoop();
    const pulled = new PulledSoFar(puller, 0);
    await waitUntil(client, () => (pulled.update().first.size < allUris.length ? `${allUris.length - pulled.first.size} files without findings pulled` : undefined), 'the first full check pulled');
    const lastAt = Math.max(...pulled.first.values());
    const result: PulledIndexResult = {
      ms: lastAt - t0,
      cpuMs: client.cpuMs() - cpu0,
      files: pulled.first.size,
      filesWithFindings: [...pulled.latest.values()].filter((report) => report.diagnostics.length > 0).length,
      workspacePulls: puller.workspacePulls.filter((pull) => pull.sentAt <= lastAt).length,
      partialItems: puller.workspacePulls.reduce((sum, pull) => sum + pull.partialItems, 0),
      firstAnswerMs: (puller.workspacePulls[0]?.answeredAt ?? NaN) - t0,
      refreshes: puller.refreshes.length,
      pushed: client.published.length,
      ...client.memory(),
    };
    log(`    pulled: ${fixed(result.ms)} ms for ${result.files} files (${result.workspacePulls} workspace pulls, ${result.partialItems} reports in partial results, first answer after ${fixed(result.firstAnswerMs)} ms), CPU ${fixed(result.cpuMs)} ms`);
    return result;
  });
}

// ---------------------------------------------------------------------------
// Typing in a strategy every plan imports

export interface TypingResult {
  client: 'pushed' | 'pulled';
  dependents: number;
  keystrokes: number;
  /** From the first keystroke to the last. */
  burstMs: number;
  /** Per dependent: publications (pushed) or reports of new findings (pulled) while typing, and after the last keystroke. */
  during: { median: number; max: number; total: number };
  after: { median: number; max: number; total: number; moreThanOne: number };
  /** From the last keystroke until every dependent has its final findings (the server quiet for 1 s after, when pushed). */
  settleMs: number;
  /** The server's CPU time from the first keystroke until settled. */
  cpuMs: number;
  /** Dependents whose findings at the end are not the final ones (none, as the id is whole again). */
  notFinal: number;
  /** Pulled: the server's refresh requests and the client's workspace pulls, while typing and after. */
  refreshes?: { during: number; after: number };
  workspacePulls?: { during: number; after: number };
  /** The first full check of the workspace, and the id deleted until every dependent has its finding: the setting up, for reference. */
  indexMs: number;
  deleteMs: number;
}

/**
 * Typing in the strategy of a `star` workspace, pushed: the strategy opened, its core objective's
 * id deleted at once (every plan then references an unknown objective), and once that has
 * settled, the id typed back letter by letter; each intermediate text leaves every plan with a
 * finding, the last one with none, so a dependent's final findings are told from earlier ones.
 */
export function measureTypingPushed(serverJs: string, star: GeneratedWorkspace): Promise<TypingResult> {
  return withServer(serverJs, 'mktplan-language-server (typing, pushed)', async (client) => {
    const strategy = star.strategies[0];
    const strategyUri = uriOf(strategy.file);
    const dependents = strategy.importers.map(uriOf);
    const dependentSet = new Set(dependents);
    const id = strategy.coreObjective;
    await client.request('initialize', initializeParams(star.root));
    const t0 = performance.now();
    await client.notify('initialized', {});
    const indexMs = (await waitForProgressEnd(client, 0, 'typing: the first full check')) - t0;
    await quiet(client, settleQuietMs);

    const text = readFileSync(strategy.file, 'utf8');
    const opened = client.published.length;
    await client.notify('textDocument/didOpen', { textDocument: { uri: strategyUri, languageId: 'mktplan', version: 1, text } });
    await client.waitForPublish(strategyUri, opened, (p) => p.version === 1, timeoutMs);
    await quiet(client, settleQuietMs);

    const place = coreObjectivePlace(text, id);
    const deleted = client.published.length;
    const d0 = performance.now();
    await client.notify('textDocument/didChange', { textDocument: { uri: strategyUri, version: 2 }, contentChanges: [{ range: { start: place, end: { line: place.line, character: place.character + id.length } }, text: '' }] });
    const deleteMs = (await waitForAll(client, dependents, deleted, hasUnknown(id), 'typing: the id deleted')) - d0;
    await quiet(client, settleQuietMs);

    const burst = client.published.length;
    const cpu0 = client.cpuMs();
    const sent = await typeLetters(client, strategyUri, place, id, 3, () => undefined);
    const last = sent[sent.length - 1];
    await waitForAll(client, dependents, burst, (p) => p.at > last && p.diagnostics.length === 0, "typing: the dependents' final findings");
    await quiet(client, settleQuietMs);
    const cpuMs = client.cpuMs() - cpu0;

    const during = new Map(dependents.map((uri) => [uri, 0]));
    const after = new Map(dependents.map((uri) => [uri, 0]));
    const final = new Map<string, Published>();
    for (const published of client.published.slice(burst)) {
      if (!dependentSet.has(published.uri)) continue;
      const counts = published.at <= last ? during : after;
      counts.set(published.uri, counts.get(published.uri)! + 1);
      final.set(published.uri, published);
    }
    const afterCounts = [...after.values()];
    const result: TypingResult = {
      client: 'pushed',
      dependents: dependents.length,
      keystrokes: id.length,
      burstMs: last - sent[0],
      during: countsOf([...during.values()]),
      after: { ...countsOf(afterCounts), moreThanOne: afterCounts.filter((count) => count > 1).length },
      settleMs: Math.max(...[...final.values()].map((p) => p.at)) - last,
      cpuMs,
      notFinal: dependents.filter((uri) => (final.get(uri)?.diagnostics.length ?? 1) > 0).length,
      indexMs,
      deleteMs,
    };
    log(`    typing, pushed: ${result.keystrokes} keystrokes over ${fixed(result.burstMs, 0)} ms; per dependent ${fixed(result.during.median)} publications while typing (max ${result.during.max}), ${fixed(result.after.median)} after (max ${result.after.max}); settled ${fixed(result.settleMs)} ms after the last keystroke`);
    return result;
  });
}

/**
 * The same typing with a client that pulls (as vscode-languageclient does: see DiagnosticPuller):
 * settled when every dependent's findings, as the client holds them from reports that came after
 * the last keystroke, are the final ones; then until a workspace pull sent after that has been
 * answered, to see that nothing changes any more.
 */
export function measureTypingPulled(serverJs: string, star: GeneratedWorkspace): Promise<TypingResult> {
  return withPullingServer(serverJs, 'mktplan-language-server (typing, pulled)', async (client, puller) => {
    const strategy = star.strategies[0];
    const strategyUri = uriOf(strategy.file);
    const dependents = strategy.importers.map(uriOf);
    const dependentSet = new Set(dependents);
    const id = strategy.coreObjective;
    await client.request('initialize', initializeParams(star.root, true));
    const t0 = performance.now();
    await client.notify('initialized', {});
    puller.startWorkspaceLoop();
    const pulled = new PulledSoFar(puller, 0);
    await waitUntil(client, () => (pulled.update().first.size < star.files.length ? `${star.files.length - pulled.first.size} files without findings pulled` : undefined), 'typing: the first full check pulled');
    const indexMs = Math.max(...pulled.first.values()) - t0;

    const text = readFileSync(strategy.file, 'utf8');
    await client.notify('textDocument/didOpen', { textDocument: { uri: strategyUri, languageId: 'mktplan', version: 1, text } });
    puller.opened(strategyUri);

    const place = coreObjectivePlace(text, id);
    const d0 = performance.now();
    await client.notify('textDocument/didChange', { textDocument: { uri: strategyUri, version: 2 }, contentChanges: [{ range: { start: place, end: { line: place.line, character: place.character + id.length } }, text: '' }] });
    puller.changed(strategyUri);
    const stillClean = () => dependents.filter((uri) => !unknownIn(id, puller.findings(uri) ?? [])).length;
    await waitUntil(client, () => (stillClean() > 0 ? `${stillClean()} dependents without the finding` : undefined), 'typing: the id deleted, pulled');
    const deleteMs = performance.now() - d0;
    await sleep(settleQuietMs);

    const reports = puller.reports.length;
    const refreshes = puller.refreshes.length;
    const cpu0 = client.cpuMs();
    const sent = await typeLetters(client, strategyUri, place, id, 3, () => puller.changed(strategyUri));
    const [first, last] = [sent[0], sent[sent.length - 1]];
    const notClean = () => dependents.filter((uri) => (puller.findings(uri)?.length ?? 1) > 0).length;
    await waitUntil(client, () => (notClean() > 0 ? `${notClean()} dependents without their final findings` : undefined), "typing: the dependents' final findings, pulled");
    // When each dependent's findings became clean: the last report that changed them.
    const cleanAt = new Map<string, number>();
    for (const report of puller.reports.slice(reports)) if (dependentSet.has(report.uri) && report.diagnostics.length === 0 && !cleanAt.has(report.uri)) cleanAt.set(report.uri, report.at);
    const settledAt = Math.max(...cleanAt.values());
    const cpuMs = client.cpuMs() - cpu0;
    // Nothing may change after: wait for a workspace pull sent after settling to be answered, or
    // held open for 1 s by a server that answers a pull only once something changes.
    const confirming = puller.workspacePulls.length;
    const confirmed = () => puller.workspacePulls.slice(confirming).some((pull) => pull.outcome !== undefined || performance.now() - pull.sentAt >= settleQuietMs);
    await waitUntil(client, () => (confirmed() ? undefined : 'no workspace pull after settling answered or held open'), 'typing: a pull after settling');

    const during = new Map(dependents.map((uri) => [uri, 0]));
    const after = new Map(dependents.map((uri) => [uri, 0]));
    for (const report of puller.reports.slice(reports)) {
      if (!dependentSet.has(report.uri) || report.kind !== 'full') continue;
      const counts = report.at <= last ? during : after;
      counts.set(report.uri, counts.get(report.uri)! + 1);
    }
    const afterCounts = [...after.values()];
    const refreshTimes = puller.refreshes.slice(refreshes);
    const pullTimes = puller.workspacePulls.map((pull) => pull.sentAt).filter((at) => at >= first);
    const result: TypingResult = {
      client: 'pulled',
      dependents: dependents.length,
      keystrokes: id.length,
      burstMs: last - first,
      during: countsOf([...during.values()]),
      after: { ...countsOf(afterCounts), moreThanOne: afterCounts.filter((count) => count > 1).length },
      settleMs: settledAt - last,
      cpuMs,
      notFinal: notClean(),
      refreshes: { during: refreshTimes.filter((at) => at <= last).length, after: refreshTimes.filter((at) => at > last).length },
      workspacePulls: { during: pullTimes.filter((at) => at <= last).length, after: pullTimes.filter((at) => at > last).length },
      indexMs,
      deleteMs,
    };
    log(`    typing, pulled: ${result.keystrokes} keystrokes; ${result.refreshes!.during} refresh requests while typing, ${result.refreshes!.after} after; ${result.workspacePulls!.after} workspace pulls after; settled ${fixed(result.settleMs)} ms after the last keystroke`);
    return result;
  });
}
