import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const serverPath = nodePath.join(__dirname, '../../dist/server.js');

/** What a `$/progress` notification carries: work done progress (`begin`, `report`, `end`), or a partial result's items. */
export interface ProgressValue {
  kind?: 'begin' | 'report' | 'end';
  title?: string;
  percentage?: number;
  items?: unknown[];
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{ code: string; severity: number; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
}

/** A plain LSP client (not VS Code) talking to the built server over stdio. */
export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  /** Every publishDiagnostics, in the order received. */
  readonly published: PublishedDiagnostics[] = [];
  /** What `workspace/configuration` answers for section `mktplan`. */
  settings: Record<string, unknown> = {};
  stderr = '';
  /** The methods the server asked to register dynamically, in order. */
  readonly registered: string[] = [];
  /** How many times the server asked a pulling client to pull diagnostics again. */
  refreshes = 0;
  /** Every `$/progress` notification (work done progress, partial results), in the order received. */
  readonly progress: Array<{ token: string | number; value: ProgressValue }> = [];
  /** The progress tokens the server asked to create (`window/workDoneProgress/create`). */
  readonly progressCreated: Array<string | number> = [];
  private waiters: Array<() => void> = [];

  constructor(private readonly rootPath: string) {
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' });
    this.process.stderr.on('data', (chunk) => (this.stderr += String(chunk)));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
      params.items.map((item) => (item.section === 'mktplan' ? this.settings : null)),
    );
    this.connection.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string }> }) => {
      this.registered.push(...params.registrations.map((registration) => registration.method));
      return null;
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onNotification('$/progress', (params: { token: string | number; value: ProgressValue }) => {
      this.progress.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.progressCreated.push(params.token);
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      for (const wake of this.waiters.splice(0)) wake();
      return null;
    });
    this.connection.listen();
  }

  /**
   * `initialize` and `initialized`; `dynamicRegistration: false` stands for a client such as Emacs' eglot;
   * `workDoneProgress: true` for one that shows the progress the server reports, as VS Code does.
   */
  async initialize(initializationOptions?: unknown, options: { dynamicRegistration?: boolean; pullDiagnostics?: boolean; snippetEdits?: boolean; workDoneProgress?: boolean } = {}): Promise<unknown> {
    const pull = options.pullDiagnostics === true;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      initializationOptions,
      rootUri: pathToFileURL(this.rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(this.rootPath).href, name: 'test' }],
      capabilities: {
        ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: options.dynamicRegistration ?? true },
          workspaceEdit: { documentChanges: true, snippetEditSupport: options.snippetEdits === true },
          ...(pull ? { diagnostics: { refreshSupport: true } } : {}),
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown'] },
          ...(pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  uri(relativePath: string): string {
    return pathToFileURL(nodePath.join(this.rootPath, relativePath)).href;
  }

  async open(relativePath: string, text: string, version = 1): Promise<string> {
    const uri = this.uri(relativePath);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mktplan', version, text } });
    return uri;
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Waits for the first publish (after `since`) for a URI that satisfies the predicate. */
  async diagnostics(uri: string, predicate: (published: PublishedDiagnostics) => boolean = () => true, since = 0, timeoutMs = 10_000): Promise<PublishedDiagnostics> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.slice(since).find((published) => published.uri === uri && predicate(published));
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(this.published.filter((p) => p.uri === uri).map((p) => p.version))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the server has asked for `count` refreshes in all. */
  async waitForRefreshes(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.refreshes < count) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`the server asked for ${this.refreshes} refreshes, not ${count}, within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until a condition on what the server sent holds, looking again at each publish, progress and refresh. */
  async until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    this.connection.dispose();
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill('SIGKILL');
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

const draft = readFileSync(nodePath.join(__dirname, '../../examples/draft.mktplan.yaml'), 'utf8');

/** The server still answers: a hover on the first key of a copy of the draft example, opened anew, comes back. */
export async function stillAnswers(client: LspClient, name = `${client.published.length}-${Date.now()}`): Promise<void> {
  const uri = await client.open(`alive-${name}.mktplan.yaml`, draft);
  const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 1 } });
  assert.match(hover?.contents.value ?? '', /Format version/, name);
}

/**
 * A server started in `root` for the tests of a suite, handed to `started`: fresh for each test,
 * or one for the whole suite (`perTest: false`). After them the suite's client (`current`, for a
 * test that starts another) must still be running, and is stopped.
 */
export function serverForTests(root: string, started: (client: LspClient) => void, { perTest = true, current }: { perTest?: boolean; current?: () => LspClient } = {}): void {
  let client: LspClient;
  (perTest ? beforeEach : before)(async () => {
    client = new LspClient(root);
    await client.initialize();
    started(client);
  });
  (perTest ? afterEach : after)(async () => {
    const running = current?.() ?? client;
    assert.equal(running.process.exitCode, null, 'the server is still running');
    await running.stop();
  });
}
