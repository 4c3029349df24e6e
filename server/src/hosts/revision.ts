import { execFile } from 'node:child_process';
import * as nodePath from 'node:path';
import { fileUri } from '../service/document/uris';
import { maxTextLength } from '../service/document/parse';
import type { BytesResult, Host, ReadResult } from '../service/types';
import { isInside, pathOf } from './disk';
import { readStoredText } from './stored';

/**
 * A Git repository read at a revision, for `mktplan diff`: files come from `git show`, run with
 * an argument array (never a shell string), so that a plan compared with its old version reads
 * its imports as they were at that revision too.
 */

/** What running git gave: its output, or why it failed (`missing`: no git program; `failed`: git said why on its standard error). */
export type GitResult = { kind: 'ok'; stdout: Buffer } | { kind: 'missing' } | { kind: 'failed'; code: number | null; stderr: string };

/** A plan's text is at most `maxTextLength`; the output of a listing may be longer. */
const maxOutput = Math.max(64 * 1024 * 1024, maxTextLength + 1);

/** Runs `git` with these arguments in a folder. */
export function runGit(args: readonly string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...args],
      // No pager, no prompt, no locks taken: the command only reads.
      { cwd, encoding: 'buffer', maxBuffer: maxOutput, windowsHide: true, env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' } },
      (error, stdout, stderr) => {
        if (!error) return resolve({ kind: 'ok', stdout });
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return resolve({ kind: 'missing' });
        resolve({ kind: 'failed', code: typeof error.code === 'number' ? error.code : null, stderr: (stderr ?? Buffer.alloc(0)).toString('utf8').trim() || error.message });
      },
    );
  });
}

/** The root of the working tree that holds a folder, or why there is none (`none`: not in a repository). */
export async function workingTreeRoot(folder: string): Promise<{ root: string } | { kind: 'none' } | Exclude<GitResult, { kind: 'ok' }>> {
  const result = await runGit(['rev-parse', '--show-toplevel'], folder);
  if (result.kind === 'missing') return result;
  if (result.kind === 'failed') return /not a git repository/i.test(result.stderr) ? { kind: 'none' } : result;
  return { root: nodePath.resolve(result.stdout.toString('utf8').trim()) };
}

/** The commit a revision names (`HEAD~1`, `origin/main`, a tag), or undefined where Git knows none. */
export async function commitOfRevision(root: string, revision: string): Promise<string | undefined | Exclude<GitResult, { kind: 'ok' }>> {
  // An empty revision or one that reads as an option names nothing here.
  if (revision === '' || revision.startsWith('-')) return undefined;
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], root);
  if (result.kind === 'missing') return result;
  if (result.kind === 'failed') return result.code === 1 ? undefined : result;
  return result.stdout.toString('utf8').trim();
}

/** The names in a listing Git wrote with `-z`. */
function namesOf(output: Buffer): string[] {
  return output
    .toString('utf8')
    .split('\0')
    .filter((name) => name !== '');
}

const planPathspecs = ['*.mktplan.yaml', '*.mktplan.yml'];

/**
 * The plan files that differ between a commit and the working tree (tracked files, staged or
 * not, added, changed or deleted), and the plan files Git does not track yet (and does not
 * ignore): paths from the root, with `/`.
 */
export async function changedPlans(root: string, commit: string): Promise<{ paths: string[] } | Exclude<GitResult, { kind: 'ok' }>> {
  const changed = await runGit(['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', commit, '--', ...planPathspecs], root);
  if (changed.kind !== 'ok') return changed;
  const untracked = await runGit(['ls-files', '-z', '--others', '--exclude-standard', '--', ...planPathspecs], root);
  if (untracked.kind !== 'ok') return untracked;
  return { paths: [...new Set([...namesOf(changed.stdout), ...namesOf(untracked.stdout)])].sort() };
}

/** A path from the root with `/`, or undefined for a path outside it. */
export function pathInRepository(root: string, path: string): string | undefined {
  if (!isInside(root, path)) return undefined;
  return nodePath.relative(root, path).split(nodePath.sep).join('/');
}

/**
 * The engine's host for a commit of a repository: a file is its blob at that commit, the plans
 * are those the commit's tree holds, and imports may not leave the repository.
 */
export class RevisionHost implements Host {
  readonly root: string;

  constructor(
    /** The working tree's root on the disk: files are named by their paths under it, as in the working tree. */
    readonly rootPath: string,
    readonly commit: string,
  ) {
    this.root = fileUri(rootPath);
  }

  /** What the commit holds at a path from the root: a file's bytes, or why there are none. */
  async show(relative: string): Promise<{ kind: 'ok'; bytes: Buffer } | { kind: 'missing' } | { kind: 'notAFile' } | { kind: 'unreadable'; reason: string }> {
    const object = `${this.commit}:${relative}`;
    const type = await runGit(['cat-file', '-t', object], this.rootPath);
    if (type.kind === 'missing') return { kind: 'unreadable', reason: 'ENOENT' };
    if (type.kind === 'failed') return { kind: 'missing' };
    if (type.stdout.toString('utf8').trim() !== 'blob') return { kind: 'notAFile' };
    const shown = await runGit(['show', object], this.rootPath);
    if (shown.kind !== 'ok') return { kind: 'unreadable', reason: shown.kind === 'missing' ? 'ENOENT' : 'EIO' };
    return { kind: 'ok', bytes: shown.stdout };
  }

  async read(uri: string): Promise<ReadResult> {
    const path = pathOf(uri);
    const relative = path === undefined ? undefined : pathInRepository(this.rootPath, path);
    if (relative === undefined) return path === undefined ? { kind: 'missing' } : { kind: 'outside' };
    const shown = await this.show(relative);
    if (shown.kind !== 'ok') return shown;
    return readStoredText({ kind: 'ok', bytes: shown.bytes, size: shown.bytes.length });
  }

  async readBytes(uri: string): Promise<BytesResult> {
    const path = pathOf(uri);
    const relative = path === undefined ? undefined : pathInRepository(this.rootPath, path);
    if (relative === undefined) return path === undefined ? { kind: 'missing' } : { kind: 'outside' };
    return this.show(relative);
  }

  async listPlans(): Promise<string[]> {
    const listed = await runGit(['ls-tree', '-r', '-z', '--name-only', this.commit], this.rootPath);
    if (listed.kind !== 'ok') return [];
    return namesOf(listed.stdout)
      .filter((name) => /\.mktplan\.ya?ml$/.test(name))
      .map((name) => fileUri(nodePath.join(this.rootPath, ...name.split('/'))))
      .sort();
  }

  async isRepositoryRoot(folder: string): Promise<boolean> {
    return folder === this.root;
  }

  now(): Date {
    return new Date();
  }
}
