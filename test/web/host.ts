// What the web worker test and bench share: a static HTTP server on 127.0.0.1 for the browser
// build of the language server (dist/web/server.js) and a tiny page, headless Chromium showing
// that page, and a plain LSP client that talks to the server in a dedicated worker of the page
// over postMessage (each message the JSON-RPC object itself, no Content-Length framing).
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as nodePath from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PublishedDiagnostics } from '../lsp/lspClient';

/** The browser build; MKTPLAN_WEB_BUNDLE names another file (a stand-in while the real one is being written). */
export const bundlePath = process.env.MKTPLAN_WEB_BUNDLE ?? nodePath.join(__dirname, '../../dist/web/server.js');

/** How the page answers every request the server sends the client. */
export type ServerRequestAnswer = 'null' | 'methodNotFound';

export interface LogMessage {
  type: number;
  message: string;
}

/** What the page needs of the server's first check, for a bench: one fresh worker's time to findings. */
export interface TimedOpen {
  initializeParams: unknown;
  /** Opened in this order after `initialized`. */
  documents: Array<{ uri: string; text: string }>;
  /** The document whose first publishDiagnostics ends the clock. */
  target: string;
  /** The `mktplan` section answered to `workspace/configuration` (null: every request is answered with null). */
  settings: unknown;
}

// The page. It answers the server's requests itself, at once, so that a server waiting on an answer
// (configuration, a file it does not have open, the workspace's plans) is never held up by the
// round trip to the test; every message still reaches the test through mktplanFromWorker.
const pageScript = String.raw`
let worker;
function answer(request, how, settings) {
  if (how === 'methodNotFound') return { jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Unhandled method ' + request.method } };
  if (request.method === 'workspace/configuration' && settings !== null) {
    return { jsonrpc: '2.0', id: request.id, result: request.params.items.map((item) => (item.section === 'mktplan' ? settings : null)) };
  }
  return { jsonrpc: '2.0', id: request.id, result: null };
}
// postMessage clones objects, where a stream carries JSON: a property set to undefined is read as
// absent, as JSON.stringify leaves it out; what JSON cannot carry at all is reported.
function notJson(value, path) {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [path + ' = ' + value];
  if (typeof value === 'bigint' || typeof value === 'symbol') return [path + ' is a ' + typeof value];
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => notJson(item, path + '[' + index + ']'));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return [path + ' is a ' + Object.prototype.toString.call(value)];
  return Object.entries(value).flatMap(([key, item]) => notJson(item, path + '.' + key));
}
const asJson = (message) => {
  const problems = notJson(message, 'message');
  if (problems.length > 0) window.mktplanWorkerError('not JSON: ' + problems.join(', ') + ' in ' + JSON.stringify(message).slice(0, 200));
  return JSON.parse(JSON.stringify(message));
};
const isRequest = (message) => message !== null && typeof message === 'object' && typeof message.method === 'string' && message.id !== undefined;
const describeError = (event) => (event.message || 'an error event without a message') + ' (' + (event.filename || '?') + ':' + event.lineno + ':' + event.colno + ')';

window.startWorker = (how) => {
  if (worker) worker.terminate();
  worker = new Worker('/server.js');
  worker.onmessage = ({ data }) => {
    if (isRequest(data)) worker.postMessage(answer(data, how, null));
    window.mktplanFromWorker(asJson(data));
  };
  worker.onerror = (event) => window.mktplanWorkerError(describeError(event));
  worker.onmessageerror = () => window.mktplanWorkerError('a message from the worker could not be read (messageerror)');
};
window.toWorker = (message) => worker.postMessage(message);

window.timeToFindings = ({ initializeParams, documents, target, settings }) =>
  new Promise((resolve, reject) => {
    const fresh = new Worker('/server.js');
    const timer = setTimeout(() => finish(new Error('no findings for ' + target + ' within 60 s')), 60000);
    const finish = (error, result) => {
      clearTimeout(timer);
      fresh.terminate();
      if (error) reject(error);
      else resolve(result);
    };
    let started = 0;
    fresh.onerror = (event) => finish(new Error('worker error: ' + describeError(event)));
    fresh.onmessage = ({ data }) => {
      if (data.id === 1 && data.method === undefined) {
        if (data.error) return finish(new Error('initialize failed: ' + data.error.message));
        fresh.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
        for (const { uri, text } of documents) {
          fresh.postMessage({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'mktplan', version: 1, text } } });
        }
      } else if (isRequest(data)) fresh.postMessage(answer(data, 'null', settings));
      else if (data.method === 'textDocument/publishDiagnostics' && data.params.uri === target) {
        finish(undefined, { ms: performance.now() - started, findings: data.params.diagnostics.length });
      }
    };
    started = performance.now();
    fresh.postMessage({ jsonrpc: '2.0', id: 1, method: 'initialize', params: initializeParams });
  });
`;
const pageHtml = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>mktplan web worker</title><script>${pageScript}</script></head><body>mktplan web worker</body></html>`;

/** A static server for the page and the bundle's folder, and Chromium to show the page. */
export class WebHost {
  /** Paths asked for that the server did not have: a bundle that fetches more than it ships. */
  readonly notFound: string[] = [];

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly browser: Browser,
  ) {}

  static async start(executablePath: string, bundle = bundlePath): Promise<WebHost> {
    const folder = nodePath.dirname(bundle);
    let host: WebHost | undefined;
    const server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      const file = path === '/server.js' ? bundle : nodePath.join(folder, path);
      // no-store: each worker fetches and compiles the bundle afresh, as on a first visit.
      const headers = { 'cache-control': 'no-store' };
      if (path === '/') {
        response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(pageHtml);
      } else if (file.startsWith(folder + nodePath.sep) && existsSync(file) && /\.m?js(\.map)?$|\.json$/.test(file)) {
        const type = file.endsWith('.json') || file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8';
        response.writeHead(200, { ...headers, 'content-type': type }).end(readFileSync(file));
      } else {
        host?.notFound.push(path);
        response.writeHead(404, headers).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath,
        headless: true,
        // Root needs --no-sandbox; the rest keeps Chromium off the network and quiet.
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        timeout: 60_000,
      });
    } catch (error) {
      server.close();
      throw error;
    }
    host = new WebHost(server, origin, browser);
    return host;
  }

  /** A fresh page of the test server, with no worker yet. */
  async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${this.origin}/`);
    return page;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** A plain LSP client (not VS Code) talking to the server in a web worker of a page. */
export class WorkerLspClient {
  /** Every publishDiagnostics, in the order received. */
  readonly published: PublishedDiagnostics[] = [];
  /** Every window/logMessage. */
  readonly logs: LogMessage[] = [];
  /** The methods of the requests the server sent the client, in order (each answered by the page). */
  readonly serverRequests: string[] = [];
  /** Error events of the worker (an uncaught exception, a script that would not load or parse), and messages that are not JSON. */
  readonly workerErrors: string[] = [];
  /** The page's console and uncaught errors (the worker's console too), to explain a failure. */
  readonly console: string[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(readonly page: Page) {}

  /** A fresh page and worker; the page answers the server's requests as `answer` says. */
  static async start(host: WebHost, answer: ServerRequestAnswer): Promise<WorkerLspClient> {
    const page = await host.newPage();
    const client = new WorkerLspClient(page);
    page.on('console', (message) => client.console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => client.console.push(`pageerror: ${error.message}`));
    await page.exposeFunction('mktplanFromWorker', (message: Message) => client.received(message));
    await page.exposeFunction('mktplanWorkerError', (description: string) => client.workerErrors.push(description));
    await page.evaluate((how) => (globalThis as unknown as { startWorker(how: string): void }).startWorker(how), answer);
    return client;
  }

  private received(message: Message): void {
    if (message.method === undefined) {
      const waiting = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
      if (!waiting) return;
      this.pending.delete(message.id as number);
      if (message.error) waiting.reject(new Error(`${waiting.method} failed: ${message.error.message} (${message.error.code})`));
      else waiting.resolve(message.result ?? null);
    } else if (message.id !== undefined) {
      this.serverRequests.push(message.method);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      this.published.push(message.params as PublishedDiagnostics);
    } else if (message.method === 'window/logMessage') {
      this.logs.push(message.params as LogMessage);
    }
  }

  private post(message: Message): Promise<void> {
    return this.page.evaluate((sent) => (globalThis as unknown as { toWorker(message: unknown): void }).toWorker(sent), message as unknown);
  }

  async request<T>(method: string, params: unknown, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    const answered = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} from the worker within ${timeoutMs} ms; worker errors: ${JSON.stringify(this.workerErrors)}; console: ${JSON.stringify(this.console.slice(-10))}`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        resolve: (result) => (clearTimeout(timer), resolve(result)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
    await this.post({ jsonrpc: '2.0', id, method, params });
    return (await answered) as T;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.post({ jsonrpc: '2.0', method, params });
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mktplan', version, text } });
  }

  async stop(): Promise<void> {
    await Promise.race([this.request('shutdown', null).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000))]);
    await this.notify('exit', null).catch(() => undefined);
    await this.page.close().catch(() => undefined);
  }

  /** A fresh worker's time, in the page's clock, from `initialize` sent to the target's first findings. */
  static async timeToFindings(page: Page, open: TimedOpen): Promise<{ ms: number; findings: number }> {
    return page.evaluate((sent) => (globalThis as unknown as { timeToFindings(open: unknown): Promise<{ ms: number; findings: number }> }).timeToFindings(sent), open as unknown);
  }
}

/**
 * The last findings published for each of `uris`, once every one has some and no publish has come
 * for `quietMs` (a file is checked again when a file it imports arrives after it).
 */
export async function settledDiagnostics(published: readonly PublishedDiagnostics[], uris: readonly string[], quietMs = 600, timeoutMs = 30_000): Promise<Map<string, PublishedDiagnostics>> {
  const deadline = Date.now() + timeoutMs;
  let count = -1;
  let quietSince = Date.now();
  for (;;) {
    if (published.length !== count) {
      count = published.length;
      quietSince = Date.now();
    }
    const last = new Map<string, PublishedDiagnostics>();
    for (const entry of published) if (uris.includes(entry.uri)) last.set(entry.uri, entry);
    if (last.size === uris.length && Date.now() - quietSince >= quietMs) return last;
    if (Date.now() > deadline) {
      throw new Error(`findings for ${uris.filter((uri) => !last.has(uri)).join(', ') || 'every file'} did not settle within ${timeoutMs} ms; published for ${JSON.stringify(published.map((entry) => entry.uri))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
