import { constants, promises as fs, type Stats } from 'node:fs';
import * as nodePath from 'node:path';
import fastGlob from 'fast-glob';
import { isInside } from './service/model/imports';
import { decodePlanFile } from './service/document/decode';
import type { ReadResult, WorkspaceReader } from './service/types';

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

/** A file's bytes as stored, or why they were not read. */
export type StoredFile =
  | { kind: 'ok'; bytes: Buffer; stat: Stats }
  | { kind: 'missing' }
  | { kind: 'notAFile'; special: SpecialKind }
  | { kind: 'unreadable'; reason: string };

/**
 * Reads a regular file, following links. A pipe, socket, device or folder is named, not opened:
 * reading a pipe would wait for a writer forever. The file is opened without blocking and looked
 * at again once open, so one swapped for a pipe after the first look is not read either.
 */
export async function readRegularFile(path: string): Promise<StoredFile> {
  try {
    const special = specialKindOf(await fs.stat(path));
    if (special) return { kind: 'notAFile', special };
    const handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stat = await handle.stat();
      const swapped = specialKindOf(stat);
      if (swapped) return { kind: 'notAFile', special: swapped };
      return { kind: 'ok', bytes: await handle.readFile(), stat };
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: code ?? (error as Error).message };
  }
}

/** A plan file a listing leaves out, and why. */
export interface SkippedPlan {
  file: string;
  reason: SpecialKind | 'linkOutside';
}

/**
 * The plan files a glob finds under `cwd`, absolute and sorted. Links to folders are not followed
 * (so a link to `.` or above ends nowhere); a link to a plan file counts when it leads to a regular
 * file inside `boundary`, once: a plan reached by its own path and by links is listed by its own
 * path, else by the first link. Special files and links that lead out are skipped and said.
 */
export async function listPlanFiles(pattern: string, cwd: string, boundary: string): Promise<{ plans: string[]; skipped: SkippedPlan[] }> {
  const entries = await fastGlob(pattern, { cwd, ignore: ignoredFolders, onlyFiles: false, dot: false, absolute: true, followSymbolicLinks: false, objectMode: true });
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const realOf = async (folder: string) => fs.realpath(folder).catch(() => nodePath.resolve(folder));
  const [realCwd, realBoundary] = [await realOf(cwd), await realOf(boundary)];
  const byRealPath = new Map<string, string>();
  const links: string[] = [];
  const skipped: SkippedPlan[] = [];
  for (const entry of entries) {
    const file = nodePath.resolve(entry.path);
    if (entry.dirent.isSymbolicLink()) links.push(file);
    // No link is followed on the way down, so a file's real path is the real folder's and its own.
    else if (entry.dirent.isFile()) byRealPath.set(nodePath.join(realCwd, nodePath.relative(nodePath.resolve(cwd), file)), file);
    else skipped.push({ file, reason: entry.dirent.isDirectory() ? 'folder' : (specialKindOf(await fs.lstat(file)) ?? 'other') });
  }
  for (const link of links) {
    const real = await fs.realpath(link).catch(() => undefined);
    // A link that leads nowhere is a plan that is not there.
    if (real === undefined) continue;
    if (!isInside(realBoundary, real)) {
      skipped.push({ file: link, reason: 'linkOutside' });
      continue;
    }
    const special = specialKindOf(await fs.stat(real));
    if (special) skipped.push({ file: link, reason: special });
    else if (!byRealPath.has(real)) byRealPath.set(real, link);
  }
  return { plans: [...byRealPath.values()].sort(), skipped: skipped.sort((a, b) => (a.file < b.file ? -1 : 1)) };
}

/** Files on disk under one root folder. Links that lead out of the root are refused. */
export class DiskWorkspace implements WorkspaceReader {
  readonly root: string;
  private realRoot: Promise<string>;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
    this.realRoot = fs.realpath(this.root).catch(() => this.root);
  }

  /** A file's bytes, where it is a regular file inside the root (through links or not). */
  async readStored(absolutePath: string): Promise<StoredFile | { kind: 'outside' }> {
    const real = await fs.realpath(absolutePath).catch(() => undefined);
    if (real !== undefined && !isInside(await this.realRoot, real)) return { kind: 'outside' };
    return readRegularFile(real ?? absolutePath);
  }

  async read(absolutePath: string): Promise<ReadResult> {
    const stored = await this.readStored(absolutePath);
    if (stored.kind === 'notAFile') return { kind: 'notAFile' };
    if (stored.kind !== 'ok') return stored;
    const decoded = decodePlanFile(stored.bytes);
    return decoded.kind === 'text' ? { kind: 'ok', text: decoded.text } : { kind: 'notText' };
  }

  async listPlans(): Promise<string[]> {
    return (await listPlanFiles(planGlob, this.root, this.root)).plans;
  }
}
