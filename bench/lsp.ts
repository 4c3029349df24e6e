// A small stdio LSP client for the benchmark: starts a server, answers what it asks,
// records every publishDiagnostics with the time it arrived, and bounds every wait.
// (It follows test/lsp/lspClient.ts, but bench/ keeps its own copy so that it never
// imports the tests.)
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

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
  stderr = '';
  exited: { code: number | null; signal: string | null } | undefined;
  private waiters: Array<() => void> = [];

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
