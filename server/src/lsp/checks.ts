import {
  FileChangeType,
  WorkDoneProgressReporter,
  type CancellationToken,
  type PublishDiagnosticsParams,
  type ResultProgressReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { baseName, decodePlanFile, normalUri, translatorFor, type DecodedFile, type Diagnostic, type Engine } from '../service';
import { isConfigFile } from '../service/model/config';
import { nextTurn, soon } from '../hosts/turns';
import { requestParams } from './requestParams';
import { sanitizeSettings } from './settings';
import type { ServerState } from './state';

/** Quiet time after the last keystroke before a document whose checks after edits are slow is checked again. */
export const debounceMs = 150;
/**
 * A document one of whose last few checks after edits took less than this (or that has had no
 * edit yet) is checked at once: an edit usually reparses one block, which is cheaper to run than
 * to delay, and keystrokes that arrive together are still checked once. One slow check (the
 * whole text parsed while a line was broken) does not slow the edit that sets it right.
 */
const quickCheckMs = 100;
/** How many of a document's last checks after edits say whether it checks quickly. */
const checksRemembered = 3;
/**
 * Quiet time after the last change before the files that import a changed file are checked again
 * (or a pulling client is asked to pull again), and before a changed configuration file has every
 * plan checked again. Someone typing leaves 100 to 300 ms between keys, so each keystroke would
 * otherwise start a check of every importer that the next one makes stale; a pause longer than
 * that is a word or a value finished. 400 ms waits out the typing, and is short enough that the
 * importers' findings still follow the edit closely.
 */
const pauseMs = 400;
/** Fewer plans than this are checked without reporting progress: a notification for a moment would only flicker. */
const progressFrom = 50;
/** A workspace pull with a partial result token sends what it has at least this often (ms): the client shows findings as they come. */
const partialResultMs = 100;

/**
 * How many plans ahead of the one being checked a check of many reads: in a browser a file is a
 * request to the client, answered while the one before it is checked (on a disk the reads are
 * synchronous, and cost the same whenever they run); the checks themselves run one at a time,
 * so that a hover waits for one at most.
 */
const readAhead = 4;

const isPlanFile = (uri: string) => /\.mktplan\.ya?ml$/.test(uri);

/**
 * Runs `each` on the items one at a time, each on a turn of its own so that the messages waiting
 * are handled in between, with `read` begun for the next `readAhead` items meanwhile; none is
 * begun once `stop` says so.
 */
async function inTurns<T, R>(items: readonly T[], read: (item: T) => R, each: (item: T, read: R) => Promise<void>, stop: () => boolean): Promise<void> {
  // The reads begun, from the current item's on: each is let go once its item is checked.
  const reads: R[] = [];
  let begun = 0;
  for (const item of items) {
    for (; begun < items.length && reads.length <= readAhead; begun++) reads.push(read(items[begun]));
    const itemRead = reads.shift() as R;
    await nextTurn();
    if (stop()) return;
    await each(item, itemRead);
  }
}

/** A closed plan's stored text as read for its check (none when it is ignored or gone), with the count of changes before it was read. */
interface ClosedRead {
  changesBefore: number;
  /** The text, read when first asked for (or ahead, when it will be). */
  decoded(): Promise<DecodedFile | undefined>;
}

/** A plan's findings as pulled, with their result id, computed once. */
interface Pulled {
  diagnostics: Diagnostic[];
  resultId: string;
}

/** Progress shown for a count of plans: one step per plan, the percentage sent only when it moves. */
interface Progress {
  step(): void;
  done(): void;
}

/**
 * The checks of the workspace: the open documents as they are edited (pushed, or pulled by
 * LSP 3.17 clients), the plans no editor has open from their stored text, and what a changed
 * file (an import, a configuration) makes to be checked again once the changes pause.
 */
export class Checks {
  /** `mktplan.checkFiles`: every plan of the workspace (the default), or only the open ones. */
  checkWholeWorkspace = true;
  /** The findings last pulled for each plan no editor has open (none for one ignored or gone), until a change reaches it. */
  private readonly pulledClosed = new Map<string, Pulled | undefined>();
  /**
   * The files whose last publication had findings, open or not. A closed plan with none is
   * published only to clear what is shown: a client needs nothing for a clean file it was never
   * told of, and thousands of empty publications at start-up cost the editor more than the check.
   */
  private readonly shown = new Set<string>();
  /** Closed plans waiting to be checked, checked one at a time between other messages. */
  private readonly closedQueue = new Set<string>();
  private closedRunning = false;
  /** Plans opened that a fresh listing of the workspace still lacks (under a folder it skips, say): not listed again for them. */
  private readonly unlisted = new Set<string>();
  /** The pending check of each document, as the way to cancel it. */
  private readonly pending = new Map<string, () => void>();
  /** The durations of each document's last checks after edits, the newest last. */
  private readonly lastCheckMs = new Map<string, number[]>();
  /** A count of changes to files, and the count at each file's last change. */
  private changes = 0;
  private readonly lastChange = new Map<string, number>();
  /**
   * Files a change may have given other findings, to check again once the changes pause, each with
   * the count of changes when it became stale: a check begun after that count clears it.
   */
  private readonly stale = new Map<string, number>();
  /** Whether a configuration changed: every plan is checked again once the changes pause. */
  private workspaceStale = false;
  /** Whether a pulling client is to be asked to pull again once the changes pause. */
  private refreshWanted = false;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Pulls of the workspace waiting for the changes to pause before they check a stale plan. */
  private pauseWaiters: Array<() => void> = [];
  /** A count of the re-checks of stale files begun: a change that makes more files stale stops the running one. */
  private staleRuns = 0;
  /** A count of the checks of the workspace begun: a newer one stops an older one, which it repeats. */
  private workspaceChecks = 0;
  /** A count of the pulls of the workspace begun: a newer one stops an older one. */
  private workspacePulls = 0;
  private openedChecked: () => void = () => undefined;
  /** Settled when an open document's first check is done, whatever it found. */
  readonly firstOpenChecked = new Promise<void>((resolve) => (this.openedChecked = resolve));

  constructor(private readonly state: ServerState) {}

  /** A report's result id: the same findings give the same id, so a client that has them is told they are unchanged. */
  private resultIdOf(diagnostics: Diagnostic[]): string | Promise<string> {
    return this.state.host.digest(JSON.stringify(diagnostics));
  }

  private get pulls(): boolean {
    return this.state.client.pullsDiagnostics;
  }

  /** No delay for a document that checks quickly after an edit; the debounce for one that does not. */
  private delayAfterEdit(uri: string): number {
    return Math.min(...(this.lastCheckMs.get(uri) ?? [0])) < quickCheckMs ? 0 : debounceMs;
  }

  /**
   * The finding of a stored file that is not UTF-8: the editor shows it decoded, with a
   * replacement character for every byte it could not read, so its bytes are read to name it.
   */
  async storedNotText(uri: string, text: string): Promise<Diagnostic[] | undefined> {
    if (!text.includes('\uFFFD')) return undefined;
    const engine = this.state.engineFor(uri);
    const stored = await this.state.storageOf(engine).readStored(uri);
    const decoded = stored.kind === 'ok' ? decodePlanFile(stored.bytes) : undefined;
    return decoded?.kind === 'notText' ? engine.notTextFindings(decoded, await this.state.settings.of(uri)) : undefined;
  }

  /** The files this one imports, directly or not, that changed after the given count of changes: what was found from them may be stale. */
  private importsChangedSince(engine: Engine, uri: string, changesBefore: number): string[] {
    return engine.dependenciesOf(uri).filter((dependency) => (this.lastChange.get(dependency) ?? 0) > changesBefore);
  }

  /** A file was checked with what its imports were at the given count of changes: it is stale no more if they are the same still. */
  private checkedAsOf(uri: string, changesBefore: number): void {
    if ((this.stale.get(uri) ?? Infinity) <= changesBefore) this.stale.delete(uri);
  }

  private async validate(uri: string, afterEdit: boolean): Promise<void> {
    const { documents, settings } = this.state;
    const document = documents.get(uri);
    if (!document) return;
    const { version: checkedVersion } = document;
    try {
      const started = performance.now();
      const engine = this.state.engineFor(uri);
      // Ask for the settings first and parse while the answer travels: the check then finds both ready.
      const documentSettings = settings.of(uri);
      const changesBefore = this.changes;
      await engine.analyze(uri, document.getText());
      const diagnostics = (await this.storedNotText(uri, document.getText())) ?? (await engine.check(uri, document.getText(), await documentSettings));
      if (afterEdit) this.lastCheckMs.set(uri, [...(this.lastCheckMs.get(uri) ?? []), performance.now() - started].slice(-checksRemembered));
      // Publish only for the version still open: an older result never replaces a newer one.
      if (documents.get(uri)?.version !== checkedVersion) return;
      // A file it imports changed while it was being checked: the result may be stale, so check again
      // (once the changes pause, when that change made it stale).
      const changedMeanwhile = this.importsChangedSince(engine, uri, changesBefore);
      if (changedMeanwhile.length > 0) {
        for (const dependency of changedMeanwhile) engine.forget(dependency);
        if (!this.stale.has(uri)) this.schedule(uri, 0);
        return;
      }
      await this.publish(uri, { uri: document.uri, version: checkedVersion, diagnostics });
      this.checkedAsOf(uri, changesBefore);
      // The findings are out: what the check could leave for later is done now, before the next message.
      soon(() => engine.settle(uri));
    } catch (error) {
      this.state.log('check', error, uri);
    } finally {
      this.openedChecked();
    }
  }

  /** Asks a pulling client to pull again, once the changes pause. */
  private refreshPulled(): void {
    this.refreshWanted = true;
    this.restartPause();
  }

  /** Waits (again) for no change to come for `pauseMs`, then checks what the changes made stale. */
  private restartPause(): void {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.paused(), pauseMs);
  }

  /** The changes paused: the files they made stale are checked (or pulled) again, the whole workspace after a configuration changed. */
  private paused(): void {
    this.pauseTimer = undefined;
    const everything = this.workspaceStale;
    this.workspaceStale = false;
    if (this.pulls) {
      // The client pulls them: the pulls waiting for the pause check them now.
      this.stale.clear();
      if (this.refreshWanted && this.state.client.refreshesDiagnostics) void this.state.connection.languages.diagnostics.refresh().catch(() => undefined);
      this.refreshWanted = false;
    } else if (everything) {
      this.stale.clear();
      for (const open of this.state.documents.uris()) if (!isConfigFile(open)) this.schedule(open, 0);
      void this.checkWorkspace().catch((error) => this.state.log('workspace', error, 'workspace'));
    } else {
      void this.recheckStale().catch((error) => this.state.log('workspace', error, 'workspace'));
    }
    for (const resolve of this.pauseWaiters.splice(0)) resolve();
  }

  /** Settles once the changes pause (at once when no pause is awaited). */
  private pauseEnded(): Promise<void> {
    return this.pauseTimer === undefined ? Promise.resolve() : new Promise((resolve) => this.pauseWaiters.push(resolve));
  }

  /**
   * Checks again, one per turn, the files the changes made stale, with progress for many. A change
   * that makes files stale meanwhile stops it: after the next pause they are checked again, those
   * already checked with the older text among them.
   */
  private async recheckStale(): Promise<void> {
    const run = ++this.staleRuns;
    const uris = [...this.stale.keys()];
    this.state.settings.prefetch(uris);
    const progress = await this.startProgress(uris.length);
    try {
      await inTurns(
        uris,
        (uri) => (this.checkWholeWorkspace && !this.state.isOpen(uri) ? this.readClosed(uri) : undefined),
        async (uri, read) => {
          // Checked meanwhile, as the file edited or on its own change.
          if (!this.stale.has(uri)) return;
          if (this.state.isOpen(uri)) await this.validate(uri, false);
          else if (this.checkWholeWorkspace) await this.checkClosed(uri, read).catch((error) => this.state.log('check', error, uri));
          else this.stale.delete(uri);
          progress?.step();
        },
        () => run !== this.staleRuns,
      );
    } finally {
      progress?.done();
    }
  }

  /**
   * Progress for checking `count` plans, titled in the editor's language: in the request's own
   * progress when the client gave one, else in one the server creates where the client shows them;
   * none for a few plans.
   */
  private async startProgress(count: number, given?: WorkDoneProgressReporter): Promise<Progress | undefined> {
    if (count < progressFrom) return undefined;
    const { client, connection, settings } = this.state;
    const reporter =
      given && !WorkDoneProgressReporter.isNullInstance(given) ? given : client.showsProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    if (!reporter) return undefined;
    reporter.begin(translatorFor(settings.clientLocale).t('server.checkingPlans', { count }), 0, undefined, false);
    let checked = 0;
    let shown = 0;
    return {
      step: () => {
        const percentage = Math.min(100, Math.floor((++checked / count) * 100));
        if (percentage === shown) return;
        shown = percentage;
        reporter.report(percentage);
      },
      done: () => reporter.done(),
    };
  }

  /** Checks an open document after a delay (none: once the current message is handled), instead of any check of it pending. */
  schedule(uri: string, delay: number, afterEdit = false): void {
    // A client that pulls asks for an open document's findings itself.
    if (this.pulls) return;
    this.cancel(uri);
    const run = () => {
      this.pending.delete(uri);
      void this.validate(uri, afterEdit);
    };
    if (delay === 0) {
      this.pending.set(uri, soon(run));
    } else {
      const timer = setTimeout(run, delay);
      this.pending.set(uri, () => clearTimeout(timer));
    }
  }

  private cancel(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
  }

  /**
   * A file changed: forget what was computed from it; the files that import it, directly or not,
   * are checked again once the changes pause. For an edit in the editor its engine has forgotten
   * already, and says which of them the edit can change (`edited`: none when the file lends them
   * what it lent before). A configuration file (or a `.git` that marks a repository's root) may
   * change how every plan is checked: every one is, once the changes pause.
   */
  changed(uri: string, edited?: { engine: Engine; dependents: readonly string[] }): void {
    const { engines } = this.state;
    this.state.storedChanges++;
    this.lastChange.set(uri, ++this.changes);
    let staleMade = false;
    if (isConfigFile(uri) || baseName(uri) === '.git') {
      for (const engine of engines.values()) engine.forgetConfigs();
      this.pulledClosed.clear();
      this.workspaceStale = true;
      staleMade = true;
    }
    const dependents = new Set<string>(edited?.dependents);
    for (const engine of engines.values()) {
      if (engine === edited?.engine) continue;
      for (const dependent of engine.dependentsOf(uri)) dependents.add(dependent);
      engine.forget(uri);
    }
    this.pulledClosed.delete(uri);
    for (const dependent of dependents) {
      // Plans no editor has open are checked from their stored text, if the whole workspace is.
      if (!this.checkWholeWorkspace && !this.state.isOpen(dependent)) continue;
      this.pulledClosed.delete(dependent);
      this.stale.set(dependent, this.changes);
      staleMade = true;
    }
    if (!staleMade) return;
    this.staleRuns++;
    if (this.pulls) this.refreshWanted = true;
    this.restartPause();
  }

  /**
   * A closed plan's bytes as stored, where it is a regular file inside its workspace folder: a
   * pipe is never opened (reading it would wait forever, and every later check behind it), a
   * link that leads out of the folder is not followed. Such a file is said in the log, once per look.
   */
  private async storedPlan(engine: Engine, uri: string): Promise<Uint8Array | undefined> {
    const stored = await this.state.storageOf(engine).readStored(uri);
    if (stored.kind === 'ok') return stored.bytes;
    if (stored.kind === 'notAFile' || stored.kind === 'outside') {
      const reason = stored.kind === 'outside' ? 'linkOutside' : stored.special;
      this.state.connection.console.info(translatorFor(this.state.settings.clientLocale).t('files.notChecked', { file: uri, reason, folder: engine.workspace.root }));
    }
    return undefined;
  }

  /**
   * Begins reading a closed plan's stored text for its check; an ignored plan is not even read,
   * nor one whose engine can likely find its findings again without it (`Engine.recheck`) until asked.
   */
  private readClosed(uri: string): ClosedRead {
    const engine = this.state.engineFor(uri);
    const changesBefore = this.changes;
    let decoded: Promise<DecodedFile | undefined> | undefined;
    const read = () => {
      if (decoded) return decoded;
      decoded = (async () => {
        if (await engine.isIgnored(uri)) return undefined;
        const stored = await this.storedPlan(engine, uri);
        return stored && decodePlanFile(stored);
      })();
      // A read begun ahead may never be waited for (the check stopped): its failure is then no unhandled
      // rejection, and a check that waits for it still sees it.
      decoded.catch(() => undefined);
      return decoded;
    };
    if (!engine.holdsAccount(uri)) void read();
    return { changesBefore, decoded: read };
  }

  /** The findings of a plan no editor has open, from its stored text; none when it is ignored, or gone (or never saved). */
  private async closedFindings(engine: Engine, uri: string, read: ClosedRead): Promise<Diagnostic[] | undefined> {
    const settings = await this.state.settings.of(uri);
    // Unchanged itself, with imports that changed only their ids: found again without its text.
    const again = await engine.recheck(uri, settings);
    if (again) return again;
    const decoded = await read.decoded();
    if (!decoded) return undefined;
    if (decoded.kind !== 'text') return engine.notTextFindings(decoded, settings);
    const diagnostics = await engine.check(uri, decoded.text, settings);
    // Its parse and analysis go at once: kept, a workspace's plans would push the open documents'
    // out of the cache, and keep the collector copying trees no request will read.
    if (!this.state.isOpen(uri)) engine.release(uri, 'account');
    return diagnostics;
  }

  /** Checks a plan that is not open, from its stored text (or says nothing of it once it is gone). */
  private async checkClosed(uri: string, read = this.readClosed(uri)): Promise<void> {
    if (this.state.isOpen(uri)) return;
    const changesBefore = this.changes;
    const diagnostics = await this.closedFindings(this.state.engineFor(uri), uri, read);
    // An editor may have opened it meanwhile: its own check wins.
    if (this.state.isOpen(uri)) return;
    if (diagnostics?.length || this.shown.has(uri)) await this.publish(uri, { uri, diagnostics: diagnostics ?? [] });
    this.checkedAsOf(uri, changesBefore);
  }

  /**
   * A closed plan's findings as a workspace pull gives them: kept until a change reaches it, unless
   * its text changed after it was read or a file it imports while it was checked.
   */
  private async pullClosed(engine: Engine, uri: string, read: ClosedRead): Promise<Pulled | undefined> {
    const changesBefore = this.changes;
    const diagnostics = await this.closedFindings(engine, uri, read);
    const pulled = diagnostics && { diagnostics, resultId: await this.resultIdOf(diagnostics) };
    if (this.importsChangedSince(engine, uri, changesBefore).length === 0 && (this.lastChange.get(uri) ?? 0) <= read.changesBefore) this.pulledClosed.set(uri, pulled);
    return pulled;
  }

  /**
   * A plan opened that the workspace's listing lacks was written since the listing, and the
   * editor's file watcher said nothing of it: one starting anew, after a window reload, misses
   * what is written meanwhile (a branch checked out at once, say). The workspace is listed again,
   * and each plan new to it or gone from it is taken as the watcher would have said it.
   */
  private async listAgainIfStale(engine: Engine, uri: string): Promise<void> {
    // A plan outside the workspace's folders is in no listing: its own folder is never walked.
    if (this.state.workspaceFolderOf(uri) === undefined || this.unlisted.has(uri)) return;
    // Before the workspace is first listed there is no listing to be stale, and nothing is walked for it.
    const listing = engine.listedPlans();
    if (!listing) return;
    const listed = await listing;
    if (listed.includes(uri)) return;
    engine.forgetPlanList();
    const now = await engine.listPlans();
    if (!now.includes(uri)) this.unlisted.add(uri);
    const [before, after] = [new Set(listed), new Set(now)];
    for (const plan of [...now.filter((plan) => !before.has(plan)), ...listed.filter((plan) => !after.has(plan))]) {
      // The plan opened was said by its opening.
      if (plan !== uri) this.storedChanged(plan);
    }
  }

  /** A file on disk was created, changed or deleted: what it reaches is checked again, and a plan no editor has open is checked itself. */
  private storedChanged(uri: string): void {
    this.changed(uri);
    if (this.checkWholeWorkspace && isPlanFile(uri) && !this.state.isOpen(uri)) this.queueClosed(uri);
  }

  private queueClosed(uri: string): void {
    if (this.pulls) return this.refreshPulled();
    this.closedQueue.add(uri);
    if (this.closedRunning) return;
    this.closedRunning = true;
    // One plan per turn of the event loop: the open files' checks, hover and completion go first.
    const next = () => {
      const [uri] = this.closedQueue;
      if (uri === undefined) {
        this.closedRunning = false;
        return;
      }
      this.closedQueue.delete(uri);
      this.checkClosed(uri)
        .catch((error) => this.state.log('check', error, uri))
        .finally(() => soon(next));
    };
    soon(next);
  }

  /** The plans of every workspace folder that no editor has open, each with its folder's engine. */
  private async closedPlans(): Promise<Array<{ engine: Engine; uri: string }>> {
    const plans: Array<{ engine: Engine; uri: string }> = [];
    for (const folder of this.state.folders) {
      const engine = this.state.engineFor(folder);
      for (const uri of await engine.listPlans()) if (!this.state.isOpen(uri)) plans.push({ engine, uri });
    }
    return plans;
  }

  /** Checks every plan of every workspace folder that no editor has open, after the open ones, reporting progress. */
  async checkWorkspace(): Promise<void> {
    if (!this.checkWholeWorkspace) return;
    if (this.pulls) return this.refreshPulled();
    const run = ++this.workspaceChecks;
    const closed = await this.closedPlans();
    if (closed.length === 0) return;
    this.state.settings.prefetch(closed.map(({ uri }) => uri));
    const progress = await this.startProgress(closed.length);
    try {
      await inTurns(
        closed,
        ({ uri }) => this.readClosed(uri),
        async ({ uri }, read) => {
          await this.checkClosed(uri, read).catch((error) => this.state.log('check', error, uri));
          progress?.step();
        },
        () => run !== this.workspaceChecks,
      );
    } finally {
      progress?.done();
    }
  }

  /**
   * The findings of every closed plan, for a client that pulls them: each plan read and checked
   * once, its findings kept with their result id until a change reaches it. With a partial result
   * token they go out as they come; a plan whose imports are being edited waits for the changes to
   * pause. Progress is shown for many plans to check.
   */
  private async pullWorkspace(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    workDone: WorkDoneProgressReporter,
    partial: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult> | undefined,
  ): Promise<WorkspaceDiagnosticReport> {
    if (!this.checkWholeWorkspace) return { items: [] };
    const run = ++this.workspacePulls;
    const previous = new Map(params.previousResultIds.map(({ uri, value }) => [normalUri(uri), value]));
    const closed = await this.closedPlans();
    const noFindings = await this.resultIdOf([]);
    let items: WorkspaceDocumentDiagnosticReport[] = [];
    let sentAt = performance.now();
    const report = (uri: string, pulled: Pulled | undefined) => {
      const before = previous.get(uri);
      if (pulled) items.push(before === pulled.resultId ? { kind: 'unchanged', uri, version: null, resultId: pulled.resultId } : { kind: 'full', uri, version: null, resultId: pulled.resultId, items: pulled.diagnostics });
      // None now (deleted, or ignored since) where the client shows findings: an empty report, once; a report left out would leave them shown.
      else if (before !== undefined && before !== noFindings) items.push({ kind: 'full', uri, version: null, resultId: noFindings, items: [] });
      else return;
      if (partial && performance.now() - sentAt >= partialResultMs) {
        partial.report({ items });
        items = [];
        sentAt = performance.now();
      }
    };
    const stopped = () => token.isCancellationRequested || run !== this.workspacePulls;
    const listed = new Set(closed.map(({ uri }) => uri));
    for (const uri of previous.keys()) if (!listed.has(uri) && !this.state.isOpen(uri)) report(uri, undefined);
    // The plans whose findings are known first, at once; then the others, checked.
    const unknown: typeof closed = [];
    for (const plan of closed) {
      if (this.pulledClosed.has(plan.uri)) report(plan.uri, this.pulledClosed.get(plan.uri));
      else unknown.push(plan);
    }
    this.state.settings.prefetch(unknown.map(({ uri }) => uri));
    const progress = await this.startProgress(unknown.length, workDone);
    try {
      await inTurns(
        unknown,
        ({ uri }) => this.readClosed(uri),
        async ({ engine, uri }, begun) => {
          while ((this.workspaceStale || this.stale.has(uri)) && this.pauseTimer !== undefined) await this.pauseEnded();
          if (stopped() || this.state.isOpen(uri)) return;
          // Read again after a change meanwhile: its configuration may now ignore it, or it may have been saved anew.
          const read = begun.changesBefore === this.changes ? begun : this.readClosed(uri);
          report(uri, this.pulledClosed.has(uri) ? this.pulledClosed.get(uri) : await this.pullClosed(engine, uri, read));
          progress?.step();
        },
        stopped,
      );
    } finally {
      progress?.done();
    }
    return { items };
  }

  /** Says nothing any more of the plans checked from their stored text (the setting now keeps checks to open files). */
  private async clearClosed(): Promise<void> {
    for (const uri of [...this.shown]) if (!this.state.isOpen(uri)) await this.publish(uri, { uri, diagnostics: [] });
  }

  /** Publishes a file's findings, and keeps whether it has any shown. */
  private publish(uri: string, params: PublishDiagnosticsParams): Promise<void> {
    if (params.diagnostics.length > 0) this.shown.add(uri);
    else this.shown.delete(uri);
    return this.state.connection.sendDiagnostics(params);
  }

  /** Reads `mktplan.checkFiles`, and checks or clears the closed plans when it changes. */
  async readScope(raw?: unknown): Promise<'changed' | 'same'> {
    const { connection, settings } = this.state;
    const section = raw ?? (settings.canAsk ? await connection.workspace.getConfiguration('mktplan').catch(() => undefined) : undefined);
    const value = section && typeof section === 'object' ? (section as Record<string, unknown>).checkFiles : undefined;
    const whole = value !== 'open';
    if (whole === this.checkWholeWorkspace) return 'same';
    this.checkWholeWorkspace = whole;
    if (whole) await this.checkWorkspace();
    else await this.clearClosed();
    return 'changed';
  }

  /** The settings changed: every plan is checked again with them. */
  settingsChanged(section: unknown): void {
    const { settings, documents } = this.state;
    settings.forget();
    this.pulledClosed.clear();
    if (this.pulls) this.refreshPulled();
    if (!settings.canAsk) settings.global = sanitizeSettings(section);
    // The plans checked from their stored text take the new severities too; a new scope has checked them already.
    void this.readScope(settings.canAsk ? undefined : (section ?? {}))
      .then((scope) => (scope === 'same' ? this.checkWorkspace() : undefined))
      .catch((error) => this.state.log('workspace', error, 'workspace'));
    for (const open of documents.uris()) this.schedule(open, 0);
  }

  /** Listens to the documents, the files the editor watches, and the pulls of findings. */
  listen(): void {
    const { connection, documents } = this.state;
    documents.onEvent(({ kind, document }) => {
      const uri = normalUri(document.uri);
      const engine = this.state.engineFor(uri);
      const text = document.getText();
      // Opening a file whose text is what was last read of it changes nothing for the files that import it.
      const unchanged = kind === 'open' && engine.lastRead(uri) === text;
      if (kind === 'change') this.changed(uri, { engine, dependents: engine.edited(uri, text) });
      else if (!unchanged) this.changed(uri);
      if (kind === 'open') {
        this.schedule(uri, 0);
        if (this.checkWholeWorkspace && isPlanFile(uri)) void this.listAgainIfStale(engine, uri).catch((error) => this.state.log('workspace', error, 'workspace'));
      } else if (kind === 'change') {
        this.schedule(uri, this.delayAfterEdit(uri), true);
      } else {
        this.cancel(uri);
        this.lastCheckMs.delete(uri);
        this.state.settings.forget(uri);
        engine.release(uri);
        // A closed plan of the workspace keeps its findings, now from its stored text.
        if (this.checkWholeWorkspace && !isConfigFile(uri)) this.queueClosed(uri);
        else void this.publish(uri, { uri: document.uri, diagnostics: [] });
      }
    });

    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const uri = normalUri(change.uri);
        // A plan created or deleted changes the list of the workspace's plans.
        if (change.type !== FileChangeType.Changed && isPlanFile(uri)) for (const engine of this.state.engines.values()) engine.forgetPlanList();
        this.storedChanged(uri);
      }
    });

    connection.languages.diagnostics.on(
      this.state.checked('textDocument/diagnostic', requestParams.diagnostic, async (params) => {
        const items =
          (await this.state.onDocument(params.textDocument.uri, 'check', async (engine, uri, text) => (await this.storedNotText(uri, text)) ?? (await engine.check(uri, text, await this.state.settings.of(uri))))) ?? [];
        const resultId = await this.resultIdOf(items);
        return params.previousResultId === resultId ? { kind: 'unchanged', resultId } : { kind: 'full', resultId, items };
      }),
    );

    connection.languages.diagnostics.onWorkspace(
      this.state.checked('workspace/diagnostic', requestParams.workspaceDiagnostic, (params, token, workDone, partial) => this.pullWorkspace(params, token, workDone, partial)),
    );
  }

  stop(): void {
    clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    for (const resolve of this.pauseWaiters.splice(0)) resolve();
    this.staleRuns++;
    this.workspaceChecks++;
    this.workspacePulls++;
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }
}
