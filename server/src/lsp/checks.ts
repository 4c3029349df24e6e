import { FileChangeType, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { baseName, decodePlanFile, normalUri, translatorFor, type Diagnostic, type Engine } from '../service';
import { isConfigFile } from '../service/model/config';
import { soon } from '../hosts/turns';
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
 * Quiet time after the last change of a configuration file before the plans no editor has open
 * are checked again: typing in `mktplan.config.yaml` changes it at every keystroke, and each
 * re-check reads the whole workspace.
 */
const configDebounceMs = 300;

const isPlanFile = (uri: string) => /\.mktplan\.ya?ml$/.test(uri);

/** A report's result id: the same findings give the same id, so a client that has them is told they are unchanged. */
async function resultIdOf(diagnostics: Diagnostic[]): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(JSON.stringify(diagnostics)));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The checks of the workspace: the open documents as they are edited (pushed, or pulled by
 * LSP 3.17 clients), the plans no editor has open from their stored text, and what a changed
 * file (an import, a configuration) makes to be checked again.
 */
export class Checks {
  /** `mktplan.checkFiles`: every plan of the workspace (the default), or only the open ones. */
  checkWholeWorkspace = true;
  /** The findings last pulled for each plan no editor has open, until a change reaches it. */
  private readonly pulledClosed = new Map<string, Diagnostic[]>();
  /** Plans that are not open and whose findings were published from their stored text. */
  private readonly publishedClosed = new Set<string>();
  /** Closed plans waiting to be checked, checked one at a time between other messages. */
  private readonly closedQueue = new Set<string>();
  private closedRunning = false;
  /** The pending check of each document, as the way to cancel it. */
  private readonly pending = new Map<string, () => void>();
  /** The durations of each document's last checks after edits, the newest last. */
  private readonly lastCheckMs = new Map<string, number[]>();
  /** A count of changes to open documents, and the count at each file's last change. */
  private changes = 0;
  private readonly lastChange = new Map<string, number>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** The pending re-check of the workspace after a configuration file changed. */
  private workspaceRecheck: ReturnType<typeof setTimeout> | undefined;
  /** A count of the checks of the workspace begun: a newer one stops an older one, which it repeats. */
  private workspaceChecks = 0;
  private openedChecked: () => void = () => undefined;
  /** Settled when an open document's first check is done, whatever it found. */
  readonly firstOpenChecked = new Promise<void>((resolve) => (this.openedChecked = resolve));

  constructor(private readonly state: ServerState) {}

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
      // A file it imports changed while it was being checked: the result may be stale, so check again.
      const changedMeanwhile = engine.dependenciesOf(uri).filter((dependency) => (this.lastChange.get(dependency) ?? 0) > changesBefore);
      if (changedMeanwhile.length > 0) {
        for (const dependency of changedMeanwhile) engine.forget(dependency);
        this.schedule(uri, 0);
        return;
      }
      await this.state.connection.sendDiagnostics({ uri: document.uri, version: checkedVersion, diagnostics });
      // The findings are out: what the check could leave for later is done now, before the next message.
      soon(() => engine.settle(uri));
    } catch (error) {
      this.state.log('check', error, uri);
    } finally {
      this.openedChecked();
    }
  }

  /** Asks a pulling client to pull again, once for a burst of changes. */
  private refreshPulled(): void {
    if (!this.state.client.refreshesDiagnostics || this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.state.connection.languages.diagnostics.refresh().catch(() => undefined);
    }, debounceMs);
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
   * A file changed: forget what was computed from it, and re-check the open files that import
   * it, directly or not; a configuration file (or a `.git` that marks a repository's root) may
   * change how every plan is checked.
   */
  changed(uri: string): void {
    const { documents, engines } = this.state;
    this.state.storedChanges++;
    this.lastChange.set(uri, ++this.changes);
    if (isConfigFile(uri) || baseName(uri) === '.git') {
      for (const engine of engines.values()) engine.forgetConfigs();
      this.pulledClosed.clear();
      for (const open of documents.uris()) if (open !== uri) this.schedule(open, debounceMs);
      clearTimeout(this.workspaceRecheck);
      this.workspaceRecheck = setTimeout(() => {
        this.workspaceRecheck = undefined;
        void this.checkWorkspace().catch((error) => this.state.log('workspace', error, 'workspace'));
      }, configDebounceMs);
    }
    const dependents = new Set<string>();
    for (const engine of engines.values()) {
      for (const dependent of engine.dependentsOf(uri)) dependents.add(dependent);
      engine.forget(uri);
    }
    this.pulledClosed.delete(uri);
    for (const dependent of dependents) this.pulledClosed.delete(dependent);
    if (this.pulls && dependents.size > 0) this.refreshPulled();
    // An importing file whose checks are quick is checked at once, as an edited one is; a slow one waits for the typing to pause.
    for (const open of documents.uris()) if (dependents.has(open)) this.schedule(open, this.delayAfterEdit(open), true);
    // Plans no editor has open are checked from their stored text, if the whole workspace is.
    if (this.checkWholeWorkspace) for (const dependent of dependents) if (!this.state.isOpen(dependent)) this.queueClosed(dependent);
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

  /** The findings of a plan no editor has open, from its stored text; none when it is gone (or never saved) or ignored. */
  private async closedFindings(engine: Engine, uri: string): Promise<Diagnostic[] | undefined> {
    const stored = await this.storedPlan(engine, uri);
    const decoded = stored && decodePlanFile(stored);
    if (!decoded || (await engine.isIgnored(uri))) return undefined;
    const settings = await this.state.settings.of(uri);
    return decoded.kind === 'text' ? engine.check(uri, decoded.text, settings) : engine.notTextFindings(decoded, settings);
  }

  /** Checks a plan that is not open, from its stored text (or says nothing of it once it is gone). */
  private async checkClosed(uri: string): Promise<void> {
    if (this.state.isOpen(uri)) return;
    const diagnostics = await this.closedFindings(this.state.engineFor(uri), uri);
    // An editor may have opened it meanwhile: its own check wins.
    if (this.state.isOpen(uri)) return;
    if (diagnostics) this.publishedClosed.add(uri);
    else this.publishedClosed.delete(uri);
    await this.state.connection.sendDiagnostics({ uri, diagnostics: diagnostics ?? [] });
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

  /** Checks every plan of every workspace folder that no editor has open, after the open ones, reporting progress. */
  async checkWorkspace(): Promise<void> {
    if (!this.checkWholeWorkspace) return;
    if (this.pulls) return this.refreshPulled();
    const { connection, folders } = this.state;
    const run = ++this.workspaceChecks;
    const plans: string[] = [];
    for (const folder of folders) for (const plan of await this.state.engineFor(folder).listPlans()) plans.push(plan);
    const closed = plans.filter((plan) => !this.state.isOpen(plan));
    if (closed.length === 0) return;
    const progress = this.state.client.showsProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin(translatorFor(this.state.settings.clientLocale).t('server.checkingPlans', { count: closed.length }), 0, undefined, false);
    let done = 0;
    await new Promise<void>((resolve) => {
      const step = () => {
        const uri = closed[done];
        if (uri === undefined || run !== this.workspaceChecks) return resolve();
        this.checkClosed(uri)
          .catch((error) => this.state.log('check', error, uri))
          .finally(() => {
            done++;
            progress?.report(Math.round((done / closed.length) * 100));
            soon(step);
          });
      };
      soon(step);
    });
    progress?.done();
  }

  /** Says nothing any more of the plans checked from their stored text (the setting now keeps checks to open files). */
  private async clearClosed(): Promise<void> {
    for (const uri of this.publishedClosed) await this.state.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.publishedClosed.clear();
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
      // Opening a file whose text is what was last read of it changes nothing for the files that import it.
      const unchanged = kind === 'open' && this.state.engineFor(uri).cache.peek(uri)?.text === document.getText();
      if (!unchanged) this.changed(uri);
      if (kind === 'open') {
        this.publishedClosed.delete(uri);
        this.schedule(uri, 0);
      } else if (kind === 'change') {
        this.schedule(uri, this.delayAfterEdit(uri), true);
      } else {
        this.cancel(uri);
        this.lastCheckMs.delete(uri);
        this.state.settings.forget(uri);
        this.state.engineFor(uri).release(uri);
        // A closed plan of the workspace keeps its findings, now from its stored text.
        if (this.checkWholeWorkspace && !isConfigFile(uri)) this.queueClosed(uri);
        else void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      }
    });

    connection.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) {
        const uri = normalUri(change.uri);
        // A plan created or deleted changes the list of the workspace's plans.
        if (change.type !== FileChangeType.Changed && isPlanFile(uri)) for (const engine of this.state.engines.values()) engine.forgetPlanList();
        this.changed(uri);
        // A plan created, changed or deleted: its own findings too, where no editor has it open.
        if (this.checkWholeWorkspace && isPlanFile(uri) && !this.state.isOpen(uri)) this.queueClosed(uri);
      }
    });

    connection.languages.diagnostics.on(
      this.state.checked('textDocument/diagnostic', requestParams.diagnostic, async (params) => {
        const items =
          (await this.state.onDocument(params.textDocument.uri, 'check', async (engine, uri, text) => (await this.storedNotText(uri, text)) ?? (await engine.check(uri, text, await this.state.settings.of(uri))))) ?? [];
        const resultId = await resultIdOf(items);
        return params.previousResultId === resultId ? { kind: 'unchanged', resultId } : { kind: 'full', resultId, items };
      }),
    );

    connection.languages.diagnostics.onWorkspace(
      this.state.checked('workspace/diagnostic', requestParams.workspaceDiagnostic, async (params) => {
        if (!this.checkWholeWorkspace) return { items: [] };
        const previous = new Map(params.previousResultIds.map(({ uri, value }) => [normalUri(uri), value]));
        const items: WorkspaceDocumentDiagnosticReport[] = [];
        for (const folder of this.state.folders) {
          const engine = this.state.engineFor(folder);
          for (const uri of await engine.indexWorkspace()) {
            if (this.state.isOpen(uri)) continue;
            let diagnostics = this.pulledClosed.get(uri);
            if (!diagnostics) {
              // One file per turn: requests for the open files are answered in between.
              await new Promise<void>((resolve) => soon(resolve));
              diagnostics = await this.closedFindings(engine, uri);
              if (!diagnostics) continue;
              this.pulledClosed.set(uri, diagnostics);
            }
            const resultId = await resultIdOf(diagnostics);
            items.push(previous.get(uri) === resultId ? { kind: 'unchanged', uri, version: null, resultId } : { kind: 'full', uri, version: null, resultId, items: diagnostics });
          }
        }
        return { items };
      }),
    );
  }

  stop(): void {
    clearTimeout(this.workspaceRecheck);
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }
}
