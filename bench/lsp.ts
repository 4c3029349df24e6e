// A small stdio LSP client for the benchmark: starts a server, answers what it asks,
// records every publishDiagnostics with the time it arrived, and bounds every wait.
// (It follows test/lsp/lspClient.ts, but bench/ keeps its own copy so that it never
// imports the tests.)
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
  /** performance.now() when the notification was handled. */
  at: number;
  /** Position in the order of arrival, from 0. */
  seq: number;
}

/** A `$/progress` notification, with the time it arrived. */
export interface Progress {
  token: string | number;
  value: { kind?: string; title?: string; items?: unknown[] } & Record<string, unknown>;
  at: number;
}

export const defaultTimeoutMs = 60_000;

export class TimeoutError extends Error {}

/** Rejects when the promise has not settled within the time. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resident memory of a process, now and at its peak, in MB, from /proc/<pid>/status. */
export function residentMemory(pid: number, name = String(pid)): { rssMB: number; peakRssMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    if (!match) throw new Error(`${name}: no ${key} in /proc/${pid}/status`);
    return Number(match[1]) / 1024;
  };
  return { rssMB: field('VmRSS'), peakRssMB: field('VmHWM') };
}

export class BenchClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  readonly published: Published[] = [];
  /** Answers `workspace/configuration`, one item at a time. */
  configuration: (section: string | undefined) => unknown = () => null;
  /** Sections the server asked for, in order. */
  readonly configurationAsked: string[] = [];
  /** Every `$/progress` notification (work done and partial results), in the order of arrival. */
  readonly progress: Progress[] = [];
  stderr = '';
  exited: { code: number | null; signal: string | null } | undefined;
  private waiters: Array<() => void> = [];
  private readonly progressListeners = new Map<string | number, (progress: Progress) => void>();

  constructor(
    readonly name: string,
    args: string[],
    cwd: string,
  ) {
    this.process = spawn(process.execPath, args, { cwd, stdio: 'pipe' });
    this.process.stderr.on('data', (chunk) => {
      // Keep the tail only: a chatty server must not fill the memory of the harness.
      this.stderr = (this.stderr + String(chunk)).slice(-20_000);
    });
    this.process.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.wake();
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: Omit<Published, 'at' | 'seq'>) => {
      this.published.push({ ...params, at: performance.now(), seq: this.published.length });
      this.wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => {
      return params.items.map((item) => {
        this.configurationAsked.push(item.section ?? '');
        return this.configuration(item.section);
      });
    });
    this.connection.onNotification('$/progress', (params: Omit<Progress, 'at'>) => {
      const progress = { ...params, at: performance.now() };
      this.progress.push(progress);
      this.progressListeners.get(params.token)?.(progress);
    });
    // Anything else the servers ask (registerCapability, workDoneProgress/create, ...) gets an empty answer.
    this.connection.onRequest(() => null);
    this.connection.onNotification(() => undefined);
    this.connection.onError(() => undefined);
    this.connection.onClose(() => this.wake());
    this.connection.listen();
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  async initialize(rootPath: string, initializationOptions?: unknown): Promise<{ serverInfo?: { name: string; version?: string }; capabilities: Record<string, unknown> }> {
    const rootUri = pathToFileURL(rootPath).href;
    const result = await this.request<{ serverInfo?: { name: string; version?: string }; capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'mktplan-bench' },
      locale: 'en',
      initializationOptions,
      rootUri,
      rootPath,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    await this.notify('initialized', {});
    return result;
  }

  /** Calls `listener` with each `$/progress` for the token (a request's partial results), until the returned function is called. */
  onProgress(token: string | number, listener: (progress: Progress) => void): () => void {
    this.progressListeners.set(token, listener);
    return () => this.progressListeners.delete(token);
  }

  notify(method: string, params: unknown): Promise<void> {
    this.assertAlive(method);
    return this.connection.sendNotification(method, params);
  }

  request<T>(method: string, params: unknown, timeoutMs = defaultTimeoutMs): Promise<T> {
    this.assertAlive(method);
    return within(this.connection.sendRequest(method, params) as Promise<T>, timeoutMs, `${this.name} ${method}`);
  }

  /** Waits for the first publish after `sinceSeq` for the URI that satisfies the predicate. */
  async waitForPublish(uri: string, sinceSeq: number, predicate: (published: Published) => boolean = () => true, timeoutMs = defaultTimeoutMs): Promise<Published> {
    const deadline = performance.now() + timeoutMs;
    let checked = sinceSeq;
    for (;;) {
      for (; checked < this.published.length; checked++) {
        const published = this.published[checked];
        if (published.uri === uri && predicate(published)) return published;
      }
      this.assertAlive('waiting for diagnostics');
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        const seen = this.published.slice(sinceSeq).filter((p) => p.uri === uri);
        throw new TimeoutError(
          `${this.name}: no matching publishDiagnostics for ${uri} within ${timeoutMs} ms (saw ${seen.length}: ${JSON.stringify(seen.map((p) => ({ version: p.version, count: p.diagnostics.length })))})`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resident memory of the server process, in MB, from /proc/<pid>/status. */
  memory(): { rssMB: number; peakRssMB: number } {
    return residentMemory(this.pid, this.name);
  }

  /**
   * CPU time the server process has used so far, in ms: the sum over its threads of the
   * time on a CPU from /proc/<pid>/task/<tid>/schedstat (nanoseconds). Unlike wall-clock
   * time it hardly moves when other programs compete for the cores.
   */
  cpuMs(): number {
    let total = 0;
    for (const tid of readdirSync(`/proc/${this.pid}/task`)) {
      try {
        total += Number(readFileSync(`/proc/${this.pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // a thread that ended between the listing and the read
      }
    }
    return total / 1e6;
  }

  private assertAlive(what: string): void {
    if (this.exited) throw new Error(`${this.name} exited (code ${this.exited.code}, signal ${this.exited.signal}) before ${what}; stderr: ${this.stderr.slice(-2000)}`);
  }

  /** Asks the server to shut down, and kills it when it does not exit in time. Never throws. */
  async stop(): Promise<void> {
    if (!this.exited) {
      let graceful = false;
      try {
        await within(this.connection.sendRequest('shutdown'), 3000, `${this.name} shutdown`);
        await this.connection.sendNotification('exit');
        graceful = true;
      } catch {
        // the process may be gone or stuck: it is killed below
      }
      if (graceful) await this.exitWithin(3000);
      if (!this.exited) {
        this.kill();
        await this.exitWithin(2000);
      }
    }
    this.connection.dispose();
  }

  private exitWithin(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (this.exited) return resolve();
      const timer = setTimeout(resolve, ms);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Kills this server's process (only this one, by its own handle). */
  kill(): void {
    if (!this.exited && this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
  }
}

/** The client capabilities of an editor that pulls diagnostics (LSP 3.17), as VS Code declares them. */
export const pullCapabilities = {
  textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
  workspace: { diagnostics: { refreshSupport: true } },
};

/** One file's findings as a pull brought them back, with the time they arrived. */
export interface PulledReport {
  uri: string;
  at: number;
  /** `full`: these findings; `unchanged`: the same as the result id the client sent. */
  kind: 'full' | 'unchanged';
  /** The findings the client holds for the file after this report. */
  diagnostics: Diagnostic[];
  /** From a `workspace/diagnostic` pull (directly or in its partial results), or a `textDocument/diagnostic` one. */
  from: 'workspace' | 'document';
}

/** A `workspace/diagnostic` request: when it was sent and answered, and what it brought back. */
export interface WorkspacePull {
  sentAt: number;
  answeredAt?: number;
  /** Reports in its partial results, and in its answer. */
  partialItems: number;
  items: number;
  outcome?: 'answered' | 'cancelled' | 'failed';
}

interface DocumentReport {
  kind: 'full' | 'unchanged';
  resultId?: string;
  items?: Diagnostic[];
}

interface WorkspaceReport extends DocumentReport {
  uri: string;
}

/** How long vscode-languageclient waits after a workspace pull is answered before it sends the next one. */
export const workspaceRepullMs = 2000;

/**
 * What an editor that pulls diagnostics does, as vscode-languageclient does it: it pulls the
 * workspace (`workspace/diagnostic`, with the result ids it holds and a partial result token)
 * and again 2 s after each answer; it pulls an open document (`textDocument/diagnostic`) when
 * it is opened or changed, cancelling the pull of an older version; a
 * `workspace/diagnostic/refresh` request makes it pull the open documents again. Every report
 * is recorded with the time it arrived.
 */
export class DiagnosticPuller {
  readonly reports: PulledReport[] = [];
  readonly workspacePulls: WorkspacePull[] = [];
  /** When the server sent each `workspace/diagnostic/refresh`. */
  readonly refreshes: number[] = [];
  /** Document pulls sent, and those answered with an error other than a cancellation. */
  documentPulls = 0;
  failedDocumentPulls = 0;
  /** What the client holds for each file: the last result id and findings reported. */
  private readonly held = new Map<string, { resultId?: string; diagnostics: Diagnostic[] }>();
  private readonly open = new Set<string>();
  private readonly documentCancels = new Map<string, CancellationTokenSource>();
  private workspaceCancel: CancellationTokenSource | undefined;
  private loopTimer: NodeJS.Timeout | undefined;
  private looping = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly client: BenchClient) {
    client.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes.push(performance.now());
      for (const uri of this.open) void this.pullDocument(uri);
      return null;
    });
  }

  /** The findings the client holds for the file, if any report came for it. */
  findings(uri: string): Diagnostic[] | undefined {
    return this.held.get(uri)?.diagnostics;
  }

  private record(uri: string, report: DocumentReport, from: PulledReport['from']): void {
    const held = this.held.get(uri);
    const diagnostics = report.kind === 'full' ? (report.items ?? []) : (held?.diagnostics ?? []);
    this.held.set(uri, { resultId: report.resultId ?? held?.resultId, diagnostics });
    this.reports.push({ uri, at: performance.now(), kind: report.kind, diagnostics, from });
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves at the next report (or after `ms`). */
  nextReport(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  opened(uri: string): void {
    this.open.add(uri);
    void this.pullDocument(uri);
  }

  changed(uri: string): void {
    void this.pullDocument(uri);
  }

  private async pullDocument(uri: string): Promise<void> {
    this.documentCancels.get(uri)?.cancel();
    const cancel = new CancellationTokenSource();
    this.documentCancels.set(uri, cancel);
    this.documentPulls++;
    try {
      const report = await this.client.connection.sendRequest<DocumentReport | null>(
        'textDocument/diagnostic',
        { identifier: 'mktplan', textDocument: { uri }, previousResultId: this.held.get(uri)?.resultId },
        cancel.token,
      );
      if (!cancel.token.isCancellationRequested) this.record(uri, report ?? { kind: 'full', items: [] }, 'document');
    } catch {
      if (!cancel.token.isCancellationRequested) this.failedDocumentPulls++;
    } finally {
      if (this.documentCancels.get(uri) === cancel) this.documentCancels.delete(uri);
    }
  }

  /** One workspace pull, cancelling the one in flight; its partial results are recorded as they come. */
  async pullWorkspace(): Promise<WorkspacePull> {
    this.workspaceCancel?.cancel();
    const cancel = new CancellationTokenSource();
    this.workspaceCancel = cancel;
    const pull: WorkspacePull = { sentAt: performance.now(), partialItems: 0, items: 0 };
    this.workspacePulls.push(pull);
    const token = `workspace-pull-${this.workspacePulls.length}`;
    const take = (items: WorkspaceReport[] | undefined) => {
      for (const item of items ?? []) if (!this.open.has(item.uri)) this.record(item.uri, item, 'workspace');
      return items?.length ?? 0;
    };
    const stopListening = this.client.onProgress(token, (progress) => {
      pull.partialItems += take(progress.value.items as WorkspaceReport[] | undefined);
    });
    try {
      const previousResultIds = [...this.held].flatMap(([uri, { resultId }]) => (resultId !== undefined && !this.open.has(uri) ? [{ uri, value: resultId }] : []));
      const answer = await this.client.connection.sendRequest<{ items: WorkspaceReport[] } | null>('workspace/diagnostic', { identifier: 'mktplan', previousResultIds, partialResultToken: token }, cancel.token);
      pull.answeredAt = performance.now();
      if (cancel.token.isCancellationRequested) pull.outcome = 'cancelled';
      else {
        pull.items = take(answer?.items);
        pull.outcome = 'answered';
      }
    } catch {
      pull.outcome = cancel.token.isCancellationRequested ? 'cancelled' : 'failed';
    } finally {
      stopListening();
      if (this.workspaceCancel === cancel) this.workspaceCancel = undefined;
    }
    return pull;
  }

  /** Pulls the workspace now, and again 2 s after each answer (or failure), until `stop`. */
  startWorkspaceLoop(): void {
    this.looping = true;
    const loop = () => {
      void this.pullWorkspace().then(() => {
        if (this.looping) this.loopTimer = setTimeout(loop, workspaceRepullMs);
      });
    };
    loop();
  }

  stop(): void {
    this.looping = false;
    clearTimeout(this.loopTimer);
    this.workspaceCancel?.cancel();
    for (const cancel of this.documentCancels.values()) cancel.cancel();
  }
}
