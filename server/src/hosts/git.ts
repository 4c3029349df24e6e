import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { readRegularFile } from './disk';

const commitPattern = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** A ref, `HEAD` or a `.git` file is a line; `packed-refs` lists every branch and tag. */
const refLimit = 1024;
const packedRefsLimit = 16 * 1024 * 1024;

/**
 * A file of the repository's metadata as text, where it is a regular file within its limit: a
 * `HEAD` that is a named pipe is not waited on, a ref that links to `/dev/zero` is not read.
 */
async function readText(file: string, limit = refLimit): Promise<string | undefined> {
  const stored = await readRegularFile(file, limit);
  return stored.kind === 'ok' && stored.bytes.length <= limit ? stored.bytes.toString('utf8') : undefined;
}

/** The folder that holds a repository's data: `.git` itself, or where a worktree's `.git` file points. */
async function gitDirectory(start: string): Promise<string | undefined> {
  for (let folder = start; ; ) {
    const candidate = nodePath.join(folder, '.git');
    const stat = await fs.stat(candidate).catch(() => undefined);
    if (stat?.isDirectory()) return candidate;
    if (stat?.isFile()) {
      const pointer = /^gitdir:\s*(.+)$/m.exec((await readText(candidate)) ?? '');
      return pointer ? nodePath.resolve(folder, pointer[1].trim()) : undefined;
    }
    const parent = nodePath.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * The commit checked out in the repository that holds a file, read from the repository's files
 * (`HEAD`, the branch's ref or `packed-refs`): no `git` program is run.
 */
export async function commitOf(file: string): Promise<string | undefined> {
  const gitDir = await gitDirectory(nodePath.dirname(nodePath.resolve(file)));
  if (!gitDir) return undefined;
  const head = (await readText(nodePath.join(gitDir, 'HEAD')))?.trim();
  if (!head) return undefined;
  if (commitPattern.test(head)) return head;
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref || ref.split('/').includes('..')) return undefined;
  // A worktree keeps its HEAD; its branches live in the main repository's folder.
  const common = (await readText(nodePath.join(gitDir, 'commondir')))?.trim();
  const roots = common ? [gitDir, nodePath.resolve(gitDir, common)] : [gitDir];
  for (const root of roots) {
    const loose = (await readText(nodePath.join(root, ref)))?.trim();
    if (loose && commitPattern.test(loose)) return loose;
    const packed = await readText(nodePath.join(root, 'packed-refs'), packedRefsLimit);
    const line = packed?.split('\n').find((entry) => entry.endsWith(` ${ref}`));
    const commit = line?.split(' ')[0];
    if (commit && commitPattern.test(commit)) return commit;
  }
  return undefined;
}
