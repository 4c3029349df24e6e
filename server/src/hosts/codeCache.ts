import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { createRequire } from 'node:module';
import * as nodePath from 'node:path';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import envPaths from 'env-paths';
import { inlineLess } from './compiler';

/**
 * The folder where the doors keep the code V8 compiled from their bundles: `MKTPLAN_CODE_CACHE`
 * when set (`off` keeps none), else the user's own cache folder (`~/.cache/mktplan` on Linux,
 * `~/Library/Caches/mktplan` on macOS, `%LOCALAPPDATA%\mktplan\Cache` on Windows).
 */
export function codeCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.MKTPLAN_CODE_CACHE;
  if (chosen === 'off') return undefined;
  return chosen ? nodePath.resolve(chosen) : envPaths('mktplan', { suffix: '' }).cache;
}

/** What a door runs: its bundle, under the door's own name. */
export interface DoorBundle {
  /** Names its cache files: `<name>-<installation>-<version>.v8cache`. */
  name: string;
  /** The bundle's path, beside the door. */
  bundle: string;
  /** The door's own path: the bundle's `__filename`, so that a worker thread it starts comes in by the door too. */
  door: string;
}

/** A cache file starts with the SHA-256 of the rest: V8 checks the version, flags and length of what it is given, not its bytes. */
const digestLength = 32;

/**
 * Runs a bundle as Node would `require` it, compiled with the code V8 compiled from it in an
 * earlier run when there is one: reading that back costs a fraction of parsing and compiling
 * 1.5 MB of JavaScript again, which every start of the command and the server otherwise pays
 * (docs/performance.md, "V8's compiled code kept between runs").
 *
 * The cache is named after the bundle's path and version and Node's (V8 itself refuses one made
 * under other flags); it is read only when this user alone can have written it and its digest holds, and
 * written, whole and then renamed into place, when the process exits after a run that had none.
 * Without a cache folder the bundle is simply required. A cache that cannot be read or written
 * only costs the time it would have saved. The bundle holds no `import()`, which code compiled
 * by `vm` lacks (esbuild.mjs makes each a `require`).
 */
export function runBundle({ name, bundle, door }: DoorBundle): void {
  // Before any of the bundle is compiled, since V8 refuses a cache made under other flags; once,
  // by the main thread, since they are the whole process's.
  if (isMainThread) inlineLess();
  const folder = codeCacheFolder();
  if (folder === undefined) {
    createRequire(bundle)(bundle);
    return;
  }
  const { source, size, mtimeMs } = readBundle(bundle);
  // Each installation has files of its own (a global `mktplan` and a project's may differ), and its
  // bundle's size and time of change tell its versions apart without reading it through a digest:
  // V8 checks no more than a source's length.
  const installation = `${name}-${hexDigest(bundle, 8)}`;
  const file = nodePath.join(folder, `${installation}-${hexDigest(`${process.version}\0${process.arch}\0${size}\0${mtimeMs}`, 16)}.v8cache`);
  const cachedData = readCache(file);
  const script = new vm.Script(wrapped(source), { filename: bundle, cachedData });
  // Only the main thread writes: a worker thread reads what is there.
  if (isMainThread && (cachedData === undefined || script.cachedDataRejected)) process.once('exit', () => writeCache(folder, installation, file, script));
  const compiled = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  compiled.call(module.exports, module.exports, createRequire(bundle), module, door, nodePath.dirname(door));
}

/** The bundle's text, with the size and time of change of the very file read. */
function readBundle(bundle: string): { source: string; size: number; mtimeMs: number } {
  const descriptor = nodeFs.openSync(bundle, 'r');
  try {
    const { size, mtimeMs } = nodeFs.fstatSync(descriptor);
    return { source: nodeFs.readFileSync(descriptor, 'utf8'), size, mtimeMs };
  } finally {
    nodeFs.closeSync(descriptor);
  }
}

/** The SHA-256 of the compiled code (which a cache file starts with), or of a text. */
function digestOf(data: Buffer | string): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The first `length` hexadecimal digits of a text's SHA-256: a part of a cache file's name. */
function hexDigest(text: string, length: number): string {
  return digestOf(text).toString('hex').slice(0, length);
}

/** The bundle as Node wraps a CommonJS module. */
function wrapped(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/** The compiled code kept in `file`, when this user alone can have written it and it is whole. */
function readCache(file: string): Buffer | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = nodeFs.openSync(file, 'r');
    const stat = nodeFs.fstatSync(descriptor);
    // Another user's file, or one others may write, could hold code of their choosing.
    if (process.getuid && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    const stored = nodeFs.readFileSync(descriptor);
    const data = stored.subarray(digestLength);
    if (stored.length <= digestLength || !digestOf(data).equals(stored.subarray(0, digestLength))) return undefined;
    return data;
  } catch {
    return undefined;
  } finally {
    if (descriptor !== undefined) nodeFs.closeSync(descriptor);
  }
}

/**
 * Writes the compiled code whole under another name, then renames it into place, and removes the
 * files of the installation's earlier bundles (`<installation>-*.v8cache`). The file is opened
 * before V8 is asked for the code, which takes a while: a folder that cannot be written costs
 * nothing more.
 */
function writeCache(folder: string, installation: string, file: string, script: vm.Script): void {
  const written = `${file}.${process.pid}`;
  let descriptor: number | undefined;
  try {
    nodeFs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    descriptor = nodeFs.openSync(written, 'wx', 0o600);
    const data = script.createCachedData();
    nodeFs.writeSync(descriptor, digestOf(data));
    nodeFs.writeSync(descriptor, data);
    nodeFs.closeSync(descriptor);
    descriptor = undefined;
    nodeFs.renameSync(written, file);
    for (const other of nodeFs.readdirSync(folder)) {
      if (other.startsWith(`${installation}-`) && other.endsWith('.v8cache') && nodePath.join(folder, other) !== file) nodeFs.rmSync(nodePath.join(folder, other), { force: true });
    }
  } catch {
    try {
      if (descriptor !== undefined) nodeFs.closeSync(descriptor);
      nodeFs.rmSync(written, { force: true });
    } catch {
      // Nothing was written there, or nothing can be removed: the next run writes again.
    }
  }
}
