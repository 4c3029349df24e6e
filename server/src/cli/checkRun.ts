import * as nodePath from 'node:path';
import type { FileReport } from './formats';
import { CommandLineEngines, importBoundary } from './engines';
import { replaceFile, whyNotRead, whyNotWritten } from './files';
import { readRegularFile, type StoredFile } from '../hosts/disk';
import { decodePlanFile, fileUri, type LoadedImport, type Settings } from '../service';
import type { MessageRef } from '../service/i18n/messages';

/** A plan file's bytes as the main thread read them, or why they were not read: plain data, to hand to another thread. */
export type ReadPlan = { kind: 'ok'; bytes: Uint8Array; size: number } | Exclude<StoredFile, { kind: 'ok' }>;

/** One plan to check, in the order its report is printed (`index`). */
export interface CheckTask {
  index: number;
  /** As the command line reached it, relative or not: the report names it so. */
  file: string;
  /** Its absolute path, and its URI, as the engines and the run know it. */
  path: string;
  uri: string;
  /** The folder given (or the file's own) that bounds its imports outside a repository. */
  givenFolder: string;
  /** The folder its imports may not leave (`importBoundary`): files lent are shared within one. */
  root: string;
  read: ReadPlan;
  /** Whether other plans import it: its thread lends it as soon as it has it, before checking it. */
  lend: boolean;
}

/** What checking one plan came to: its report, or why it has none; nothing for a plan its configuration ignores. */
export interface CheckOutcome {
  index: number;
  report?: FileReport;
  /** Why it was not read, or why its fixes were not written. */
  error?: MessageRef;
  /** Said on standard error: how many fixes were written. */
  fixed?: MessageRef;
}

/** How every plan of a run is checked. */
export interface CheckOptions {
  config?: string;
  locale: string;
  fix: boolean;
}

/** What a checking thread tells the run. */
export type FromChecker = { kind: 'needs'; key: string } | { kind: 'lent'; key: string; loaded: LoadedImport } | { kind: 'done'; outcome: CheckOutcome } | { kind: 'failed'; reason: string };

/** What the run tells a checking thread. */
export type ToChecker = { kind: 'check'; task: CheckTask } | { kind: 'loaded'; key: string; loaded: LoadedImport } | { kind: 'readHere'; key: string };

/** An imported file within an import boundary: the same path may be inside one boundary and outside another. */
export function importKey(root: string, target: string): string {
  return `${root}\u0000${target}`;
}

/** The byte order mark a file starts with, kept when it is written again. */
function bomOf(bytes: Uint8Array): string {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '';
}

/**
 * Checks the plans it is given, one after another, in a worker thread or in the main one: reads
 * each plan's bytes from its task, and every imported file through the run, so that a file
 * imported by plans on several threads is read and parsed by one.
 */
export class Checker {
  private readonly queue: CheckTask[] = [];
  private running = false;
  /** The bytes of the plans given and not yet checked, by path. */
  private readonly given = new Map<string, { bytes: Uint8Array; size: number }>();
  /** The imported files asked of the run, until it answers. */
  private readonly asked = new Map<string, { resolve: (loaded: LoadedImport) => void; reject: (error: unknown) => void; readHere: () => Promise<LoadedImport> }>();
  private readonly engines: Promise<CommandLineEngines>;

  constructor(
    private readonly options: CheckOptions,
    private readonly send: (message: FromChecker) => void,
  ) {
    this.engines = CommandLineEngines.open(options.config, {
      readFirst: (path) => this.given.get(path),
      importLoaderFor: (root) => (target, readHere) =>
        new Promise((resolve, reject) => {
          const key = importKey(root, target);
          this.asked.set(key, { resolve, reject, readHere });
          this.send({ kind: 'needs', key });
        }),
    }).then((engines) => {
      // The main thread opened them first: a refusal ends the run before any thread starts.
      if ('refused' in engines) throw new Error(engines.refused.id);
      return engines;
    });
  }

  receive(message: ToChecker): void {
    if (message.kind === 'check') return this.take(message.task);
    const asked = this.asked.get(message.key);
    if (!asked) return;
    this.asked.delete(message.key);
    if (message.kind === 'loaded') return asked.resolve(message.loaded);
    // Nobody has it: this thread reads it, and lends it to the others.
    asked.readHere().then((loaded) => {
      this.send({ kind: 'lent', key: message.key, loaded });
      asked.resolve(loaded);
    }, asked.reject);
  }

  private take(task: CheckTask): void {
    if (task.read.kind === 'ok') this.given.set(task.path, { bytes: task.read.bytes, size: task.read.size });
    this.queue.push(task);
    if (task.lend) {
      // Lent at once, not when its turn comes: a plan checked meanwhile on any thread may be waiting for it.
      this.lend(task).catch((error: unknown) => this.fail(error));
    }
    if (!this.running) void this.run();
  }

  private async lend(task: CheckTask): Promise<void> {
    const engine = (await this.engines).for(task.file, task.givenFolder);
    this.send({ kind: 'lent', key: importKey(task.root, task.uri), loaded: await engine.lend(task.uri) });
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (let task = this.queue.shift(); task; task = this.queue.shift()) {
        const outcome = await this.check(task);
        this.given.delete(task.path);
        this.send({ kind: 'done', outcome });
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.running = false;
    }
  }

  private fail(error: unknown): void {
    this.send({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
  }

  /** One plan's report: unless its configuration ignores it, its findings after any fix, or why it was not read. */
  private async check({ index, file, uri, givenFolder, read }: CheckTask): Promise<CheckOutcome> {
    const engine = (await this.engines).for(file, givenFolder);
    if (await engine.isIgnored(uri)) return { index };
    if (read.kind !== 'ok') return { index, error: whyNotRead(file, read) };
    const settings: Settings = { locale: this.options.locale };
    let decoded = decodePlanFile(read.bytes, read.size);
    let fixed: MessageRef | undefined;
    let error: MessageRef | undefined;
    if (this.options.fix && decoded.kind === 'text') {
      const fixes = await engine.fixAll(uri, decoded.text, settings);
      if (fixes && fixes.applied > 0) {
        // Written only over the very bytes the fixes were made from: a save meanwhile is never lost.
        const refusal = await replaceFile(file, bomOf(read.bytes) + fixes.text, Buffer.from(read.bytes));
        if (refusal) {
          error = whyNotWritten(file, refusal);
        } else {
          fixed = { id: 'cli.fixed', data: { file, count: fixes.applied } };
          decoded = { kind: 'text', text: fixes.text };
        }
      }
    }
    const diagnostics = decoded.kind === 'text' ? await engine.check(uri, decoded.text, settings) : engine.notTextFindings(decoded, settings);
    engine.release(uri);
    return { index, report: { file, diagnostics }, ...(error ? { error } : {}), ...(fixed ? { fixed } : {}) };
  }
}

/** The plans to check, each read once, here: a few at a time, so the disk is never idle and few files are open at once. */
export async function readTasks(files: ReadonlyArray<{ file: string; givenFolder: string }>): Promise<CheckTask[]> {
  const tasks: CheckTask[] = [];
  const atOnce = 32;
  for (let first = 0; first < files.length; first += atOnce) {
    const batch = files.slice(first, first + atOnce);
    const reads = await Promise.all(batch.map(({ file }) => readRegularFile(file)));
    batch.forEach(({ file, givenFolder }, offset) => {
      const stored = reads[offset];
      const read: ReadPlan = stored.kind === 'ok' ? { kind: 'ok', bytes: stored.bytes, size: stored.stat.size } : stored;
      const path = nodePath.resolve(file);
      tasks.push({ index: first + offset, file, path, uri: fileUri(path), givenFolder, root: importBoundary(file, givenFolder), read, lend: false });
    });
  }
  return tasks;
}

const planSuffix = Buffer.from('.mktplan.y');
/** What ends a path written in a plan: a space or line break, a quote, or the punctuation of a flow list. */
const pathDelimiters = new Set([...' \t\r\n"\'[],{}'].map((character) => character.charCodeAt(0)));

/**
 * The tasks, the plans that others name first (marked `lend`): a thread checks those early and
 * lends them as soon as it has them, so that the plans importing them find them read. Names are
 * looked for in the bytes, not parsed: a name missed costs a file read twice, never a finding.
 */
export function markImported(tasks: CheckTask[]): CheckTask[] {
  const byPath = new Map(tasks.map((task) => [task.path, task]));
  for (const task of tasks) {
    if (task.read.kind !== 'ok') continue;
    const bytes = Buffer.from(task.read.bytes.buffer, task.read.bytes.byteOffset, task.read.bytes.byteLength);
    const folder = nodePath.dirname(task.path);
    for (let at = bytes.indexOf(planSuffix); at >= 0; at = bytes.indexOf(planSuffix, at + 1)) {
      let start = at;
      while (start > 0 && !pathDelimiters.has(bytes[start - 1])) start--;
      let end = at + planSuffix.length;
      while (end < bytes.length && !pathDelimiters.has(bytes[end])) end++;
      const named = byPath.get(nodePath.resolve(folder, bytes.toString('utf8', start, end)));
      if (named && named !== task) named.lend = true;
    }
  }
  return [...tasks.filter((task) => task.lend), ...tasks.filter((task) => !task.lend)];
}
