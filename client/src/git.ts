import * as vscode from 'vscode';

// The part of VS Code's Git extension API (`vscode.git`, API version 1: its `src/api/git.d.ts`)
// that the comparison uses. Typed here, not copied whole: every member is optional where a
// VS Code version may lack it.

export const enum RefType {
  Head = 0,
  RemoteHead = 1,
  Tag = 2,
}

export interface Ref {
  readonly type: RefType;
  readonly name?: string;
  readonly commit?: string;
  readonly remote?: string;
}

export interface Commit {
  readonly hash: string;
  readonly message: string;
  readonly authorDate?: Date;
}

export interface Repository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD: Ref | undefined;
    /** Older versions list the refs here; newer ones through `getRefs`. */
    readonly refs?: Ref[];
    readonly onDidChange: vscode.Event<void>;
  };
  getRefs?(query: { sort?: 'alphabetically' | 'committerdate'; count?: number }): Promise<Ref[]>;
  getCommit(ref: string): Promise<Commit>;
  /** A file's bytes at a revision, by its path on the disk; it rejects where the revision has no such file. */
  buffer(ref: string, path: string): Promise<Uint8Array>;
}

interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): Repository | null;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** How long to wait for the Git extension to find the repositories of a window that has just opened. */
const initializing = 10_000;

/**
 * The Git extension's API, once it has found the repositories; undefined where there is none:
 * in a browser (vscode.dev, github.dev), or where it is disabled (`git.enabled: false`).
 */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate().then(undefined, () => undefined);
  if (!exports?.enabled) return undefined;
  const api = exports.getAPI(1);
  if (api.state === 'initialized') return api;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, initializing);
    const listener = api.onDidChangeState((state) => state === 'initialized' && done());
    function done() {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
  return api;
}

/** The branches and tags to compare with, local branches first, each group by name. */
export async function refsOf(repository: Repository): Promise<Ref[]> {
  const refs = (await repository.getRefs?.({ sort: 'alphabetically' }).then(undefined, () => undefined)) ?? repository.state.refs ?? [];
  const order = (ref: Ref) => (ref.type === RefType.Head ? 0 : ref.type === RefType.RemoteHead ? 1 : 2);
  return refs.filter((ref) => ref.name !== undefined && !ref.name.endsWith('/HEAD')).sort((a, b) => order(a) - order(b) || a.name!.localeCompare(b.name!));
}
