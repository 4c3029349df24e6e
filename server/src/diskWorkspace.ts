import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import fastGlob from 'fast-glob';
import { isInside } from './service/model/imports';
import { decodePlanFile } from './service/document/decode';
import type { ReadResult, WorkspaceReader } from './service/types';

export const planGlob = '**/*.mktplan.{yaml,yml}';
export const ignoredFolders = ['**/node_modules/**', '**/.git/**'];

/** Files on disk under one root folder. Links that lead out of the root are refused. */
export class DiskWorkspace implements WorkspaceReader {
  readonly root: string;
  private realRoot: Promise<string>;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
    this.realRoot = fs.realpath(this.root).catch(() => this.root);
  }

  async read(absolutePath: string): Promise<ReadResult> {
    try {
      const real = await fs.realpath(absolutePath);
      if (!isInside(await this.realRoot, real)) return { kind: 'outside' };
      const stat = await fs.stat(real);
      if (!stat.isFile()) return { kind: 'notAFile' };
      const decoded = decodePlanFile(await fs.readFile(real));
      return decoded.kind === 'text' ? { kind: 'ok', text: decoded.text } : { kind: 'notText' };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
      return { kind: 'unreadable', reason: code ?? (error as Error).message };
    }
  }

  async listPlans(): Promise<string[]> {
    const found = await fastGlob(planGlob, { cwd: this.root, ignore: ignoredFolders, onlyFiles: true, dot: false, absolute: true, followSymbolicLinks: false });
    return found.map((file) => nodePath.resolve(file)).sort();
  }
}
