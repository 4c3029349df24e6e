import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';

/**
 * The nearest folder from `start` up that holds `.git` (a folder, or a file in a worktree or
 * submodule); undefined outside a repository.
 */
export function findEnclosingRepository(start: string): string | undefined {
  for (let folder = nodePath.resolve(start); ; folder = nodePath.dirname(folder)) {
    if (existsSync(nodePath.join(folder, '.git'))) return folder;
    if (nodePath.dirname(folder) === folder) return undefined;
  }
}

/**
 * The folder that report paths are written relative to: the repository's root, else `start`
 * itself. Code scanning services place findings by paths from the repository's root, wherever
 * the check ran.
 */
export function findRepositoryRoot(start: string): string {
  return findEnclosingRepository(start) ?? nodePath.resolve(start);
}
