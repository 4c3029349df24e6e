import * as nodeFs from 'node:fs';
import { constants, promises as fs, type Dirent, type Stats } from 'node:fs';
import * as nodePath from 'node:path';
import fastGlob, { type FileSystemAdapter } from 'fast-glob';
import { URI } from 'vscode-uri';
import { fileUri } from '../service/document/uris';
import { readStoredText, type FolderStorage, type StoredBytes } from './stored';
import { maxTextLength } from '../service/document/parse';
import type { BytesResult, ReadResult, Host } from '../service/types';

export const planGlob = '**/*.mktplan.{yaml,yml}';
export const ignoredFolders = ['**/node_modules/**', '**/.git/**'];

/** What a path names when it is not a regular file: such a file is never opened for reading. */
export type SpecialKind = 'folder' | 'pipe' | 'socket' | 'device' | 'other';

export function specialKindOf(stat: Stats): SpecialKind | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'folder';
  if (stat.isFIFO()) return 'pipe';
  if (stat.isSocket()) return 'socket';
  return stat.isBlockDevice() || stat.isCharacterDevice() ? 'device' : 'other';
}

/** A file's bytes as stored (at most the limit it was read with, and one byte more), or why they were not read. */
export type StoredFile =
  | { kind: 'ok'; bytes: Buffer; stat: Stats }
  | { kind: 'missing' }
  | { kind: 'notAFile'; special: SpecialKind }
  /** `reason` is the system's code, such as `EACCES`. */
  | { kind: 'unreadable'; reason: string };

/**
 * Reads a regular file, following links. A pipe, socket, device or folder is named, not opened:
 * reading a pipe would wait for a writer forever. The file is opened without blocking and looked
 * at again once open, so one swapped for a pipe after the first look is not read either. At most
 * `limit` bytes and one more are read, whatever the file's size: one more says it is over
 * (`decodePlanFile` then names a plan too large), and a huge file costs no time or memory.
 *
 * The calls are synchronous, as TypeScript's server reads its files: a plan is a few kilobytes,
 * read in tens of microseconds, where each of the six calls through Node's thread pool costs more
 * than that in hand-overs (a thousand plans: 60 ms against 310 ms).
 */
export async function readRegularFile(path: string, limit: number = maxTextLength): Promise<StoredFile> {
  let descriptor: number | undefined;
  try {
    const special = specialKindOf(nodeFs.statSync(path));
    if (special) return { kind: 'notAFile', special };
    descriptor = nodeFs.openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = nodeFs.fstatSync(descriptor);
    const swapped = specialKindOf(stat);
    if (swapped) return { kind: 'notAFile', special: swapped };
    return { kind: 'ok', bytes: readUpTo(descriptor, limit + 1, stat.size), stat };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', reason: code ?? (error as Error).message };
  } finally {
    if (descriptor !== undefined) nodeFs.closeSync(descriptor);
  }
}

/** Where a path leads once its links are followed; undefined when it leads nowhere. Synchronous, as `readRegularFile` reads. */
function realPathOf(path: string): string | undefined {
  try {
    return nodeFs.realpathSync.native(path);
  } catch {
    return undefined;
  }
}

/** The room the first read of a file whose size the disk does not give (one in /proc) is given. */
const unknownSizeRoom = 4096;

/**
 * The first `length` bytes of an open file, or all of a shorter one, read into one buffer of the
 * size the disk gives and a byte more (the size may be stale, or 0 for a file in /proc), grown
 * only when the file proves longer: a plan costs one buffer and, its size known, one read.
 */
function readUpTo(descriptor: number, length: number, sizeHint: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(sizeHint > 0 ? sizeHint + 1 : unknownSizeRoom, length));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (total >= length) break;
      const larger = Buffer.allocUnsafe(Math.min(total * 2, length));
      buffer.copy(larger, 0, 0, total);
      buffer = larger;
    }
    const room = buffer.length - total;
    const bytesRead = nodeFs.readSync(descriptor, buffer, total, room, null);
    total += bytesRead;
    // A regular file reads short only at its end: with a size known, a short read ends it, without
    // one more read to find the end (a system call costs tens of microseconds, as much as a plan's bytes).
    if (bytesRead === 0 || (sizeHint > 0 && bytesRead < room)) break;
  }
  return buffer.subarray(0, total);
}

/** A plan file or a folder a listing leaves out, and why. */
export interface SkippedPlan {
  file: string;
  /** `unreadable`: a folder that cannot be read, or a link that cannot be followed (`code` says why). */
  reason: SpecialKind | 'linkOutside' | 'nameNotUtf8' | 'unreadable';
  /** The system's code, such as `EACCES`, for an `unreadable` one. */
  code?: string;
}

/** The plans a listing found, the plan files whose names (or whose link's target's) are not UTF-8, and what it left out. */
export interface PlanListing {
  plans: string[];
  /** Each as Node names it, with U+FFFD for the bytes that are not UTF-8: no file has that name. */
  notUtf8: string[];
  skipped: SkippedPlan[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(name: Buffer): boolean {
  try {
    strictUtf8.decode(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * The file system as a search reads it: a folder that cannot be read is left out (and noted in
 * `unreadable`) rather than ending the search, and names are read as bytes so that those which
 * are not UTF-8 are known (noted in `notUtf8`); Node would give them with U+FFFD, a name no file has.
 */
function searchedFileSystem(unreadable: Map<string, string>, notUtf8: Set<string>): Partial<FileSystemAdapter> {
  const readdir = (folder: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void) => {
    nodeFs.readdir(folder, { withFileTypes: true, encoding: 'buffer' }, (error, entries) => {
      // A glob's base that does not exist matches nothing, as fast-glob has it.
      if (error && (error.code !== 'ENOENT' || notUtf8.has(nodePath.resolve(folder)))) unreadable.set(nodePath.resolve(folder), error.code ?? error.message);
      if (error) return callback(null, []);
      callback(
        null,
        entries.map((entry) => {
          const name = entry.name as unknown as Buffer;
          if (!isUtf8(name)) notUtf8.add(nodePath.resolve(folder, name.toString()));
          return Object.assign(entry, { name: name.toString() }) as unknown as Dirent;
        }),
      );
    });
  };
  return { readdir: readdir as unknown as FileSystemAdapter['readdir'] };
}

/**
 * The plan files a glob finds under `cwd`, absolute and sorted. Links to folders are not followed
 * (so a link to `.` or above ends nowhere); a link to a plan file counts when it leads to a regular
 * file inside `boundary`, once: a plan reached by its own path and by links is listed by its own
 * path, else by the first link. Special files, links that lead out or cannot be followed, and
 * folders that cannot be read are skipped and said; so are names that are not UTF-8.
 */
export async function listPlanFiles(pattern: string, cwd: string, boundary: string): Promise<PlanListing> {
  const unreadable = new Map<string, string>();
  const badNames = new Set<string>();
  const entries = await fastGlob(pattern, {
    cwd,
    ignore: ignoredFolders,
    onlyFiles: false,
    dot: false,
    absolute: true,
    followSymbolicLinks: false,
    objectMode: true,
    fs: searchedFileSystem(unreadable, badNames),
  });
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const realOf = async (folder: string) => fs.realpath(folder).catch(() => nodePath.resolve(folder));
  const [realCwd, realBoundary] = [await realOf(cwd), await realOf(boundary)];
  const byRealPath = new Map<string, string>();
  const links: string[] = [];
  const notUtf8: string[] = [];
  const skipped: SkippedPlan[] = [];
  for (const [folder, code] of unreadable) skipped.push(badNames.has(folder) ? { file: folder, reason: 'nameNotUtf8' } : { file: folder, reason: 'unreadable', code });
  for (const entry of entries) {
    const file = nodePath.resolve(entry.path);
    if (badNames.has(file)) notUtf8.push(file);
    else if (entry.dirent.isSymbolicLink()) links.push(file);
    // No link is followed on the way down, so a file's real path is the real folder's and its own.
    else if (entry.dirent.isFile()) byRealPath.set(nodePath.join(realCwd, nodePath.relative(nodePath.resolve(cwd), file)), file);
    else skipped.push({ file, reason: entry.dirent.isDirectory() ? 'folder' : ((await fs.lstat(file).then(specialKindOf, () => undefined)) ?? 'other') });
  }
  for (const link of links) {
    const followed = await fs.realpath(link, { encoding: 'buffer' }).then(
      (real) => ({ real }),
      (error: NodeJS.ErrnoException) => ({ code: error.code ?? error.message }),
    );
    // A link that leads nowhere is a plan that is not there.
    if ('code' in followed && followed.code === 'ENOENT') continue;
    if ('code' in followed) {
      skipped.push({ file: link, reason: 'unreadable', code: followed.code });
      continue;
    }
    const real = followed.real.toString();
    if (!isUtf8(followed.real)) {
      notUtf8.push(real);
      continue;
    }
    if (!isInside(realBoundary, real)) {
      skipped.push({ file: link, reason: 'linkOutside' });
      continue;
    }
    const stat = await fs.stat(real).then(
      (found) => ({ special: specialKindOf(found) }),
      (error: NodeJS.ErrnoException) => ({ code: error.code ?? error.message }),
    );
    if ('code' in stat) skipped.push({ file: link, reason: 'unreadable', code: stat.code });
    else if (stat.special) skipped.push({ file: link, reason: stat.special });
    else if (!byRealPath.has(real)) byRealPath.set(real, link);
  }
  return { plans: [...byRealPath.values()].sort(), notUtf8: notUtf8.sort(), skipped: skipped.sort((a, b) => (a.file < b.file ? -1 : 1)) };
}

/** Whether a path is the folder itself or lies under it. */
export function isInside(folder: string, path: string): boolean {
  const relative = nodePath.relative(folder, path);
  // `..shared.mktplan.yaml` is a file in the folder; only `..` itself, or `..` then a separator, climbs out.
  const climbs = relative === '..' || relative.startsWith('..' + nodePath.sep);
  return !climbs && !nodePath.isAbsolute(relative);
}

/** The path on this disk a `file://` URI names; undefined for any other scheme. */
export function pathOf(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

/**
 * The engine's host on a disk: files under one root folder, whose links that lead out of the
 * root are refused; the repository is the folder that holds `.git`; the clock is the system's.
 */
export class DiskWorkspace implements Host, FolderStorage {
  /** The root folder's path on the disk; `root` is its URI. */
  readonly rootPath: string;
  readonly root: string;
  private realRoot: Promise<string>;

  /**
   * `readFirst` gives the bytes of files already read (the command line reads each plan once, and
   * hands it to the thread that checks it); every other file is read from the disk.
   */
  constructor(
    rootPath: string,
    private readonly readFirst?: (path: string) => { bytes: Uint8Array; size: number } | undefined,
  ) {
    this.rootPath = nodePath.resolve(rootPath);
    this.root = fileUri(this.rootPath);
    this.realRoot = fs.realpath(this.rootPath).catch(() => this.rootPath);
  }

  /** A file's bytes, where it is a regular file inside the root (through links or not). */
  async readStored(uri: string): Promise<StoredBytes> {
    const path = pathOf(uri);
    if (path === undefined) return { kind: 'missing' };
    const real = realPathOf(path);
    if (real !== undefined && !isInside(await this.realRoot, real)) return { kind: 'outside' };
    const given = this.readFirst?.(path);
    if (given) return { kind: 'ok', ...given };
    const stored = await readRegularFile(real ?? path);
    return stored.kind === 'ok' ? { kind: 'ok', bytes: stored.bytes, size: stored.stat.size } : stored;
  }

  async read(uri: string): Promise<ReadResult> {
    return readStoredText(await this.readStored(uri));
  }

  readBytes(uri: string): Promise<BytesResult> {
    return this.readStored(uri);
  }

  async listPlans(): Promise<string[]> {
    return (await listPlanFiles(planGlob, this.rootPath, this.rootPath)).plans.map(fileUri).sort();
  }

  async isRepositoryRoot(folder: string): Promise<boolean> {
    const path = pathOf(folder);
    return path !== undefined && (await fs.lstat(nodePath.join(path, '.git')).then(() => true, () => false));
  }

  now(): Date {
    return new Date();
  }
}
