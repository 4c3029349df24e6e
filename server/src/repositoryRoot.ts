import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';

/**
 * The folder that report paths are written relative to: the nearest one from `start` up that
 * holds `.git` (a folder, or a file in a worktree or submodule), else `start` itself. Code
 * scanning services place findings by paths from the repository's root, wherever the check ran.
 */
export function findRepositoryRoot(start: string): string {
  const from = nodePath.resolve(start);
  for (let folder = from; ; folder = nodePath.dirname(folder)) {
    if (existsSync(nodePath.join(folder, '.git'))) return folder;
    if (nodePath.dirname(folder) === folder) return from;
  }
}
