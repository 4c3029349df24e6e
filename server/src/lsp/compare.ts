import type { Connection } from 'vscode-languageserver';
import { baseName, comparePlanVersions, Engine, isInside, normalUri, relativePath, translatorFor, type BytesResult, type Host, type ReadResult } from '../service';
import { maxTextLength } from '../service/document/parse';
import { readStoredText } from '../hosts/stored';
import { renderComparison } from '../report';
import { readThroughClient } from './clientFiles';
import { compareRequest, readAtRevisionRequest, type CompareParams, type CompareResult, type ReadAtRevisionParams } from './protocol';
import { requestParams } from './requestParams';
import type { ServerState } from './state';

/**
 * A repository at a commit, read through the client (VS Code's Git extension): the old version
 * of a plan and the files it imports as they were then. Nothing at a commit changes, so what is
 * read is kept.
 */
class FilesAtCommit implements Host {
  constructor(
    private readonly connection: Connection,
    /** The repository's root: the configuration search stops there, and imports may not leave it. */
    readonly root: string,
    private readonly commit: string,
  ) {}

  async read(uri: string): Promise<ReadResult> {
    if (!isInside(this.root, uri)) return { kind: 'outside' };
    return readStoredText(await readThroughClient<ReadAtRevisionParams>(this.connection, readAtRevisionRequest, { uri, commit: this.commit, limit: maxTextLength }));
  }

  async readBytes(uri: string): Promise<BytesResult> {
    if (!isInside(this.root, uri)) return { kind: 'outside' };
    return readThroughClient<ReadAtRevisionParams>(this.connection, readAtRevisionRequest, { uri, commit: this.commit, limit: maxTextLength });
  }

  /** A comparison reads the plan and what it imports; no other plan. */
  async listPlans(): Promise<string[]> {
    return [];
  }

  async isRepositoryRoot(folder: string): Promise<boolean> {
    return folder === this.root;
  }

  now(): Date {
    return new Date();
  }
}

/** How many commits' engines are kept: the revisions a user moves between. */
const keptCommits = 4;

/** "Compare with a Revision…" (`mktplan/compare`): the open plan against its version at a commit, by meaning. */
export function listenCompare(state: ServerState): void {
  const { connection, settings } = state;
  const engines = new Map<string, Engine>();
  const engineAt = (repository: string, commit: string): Engine => {
    const key = `${repository}\n${commit}`;
    let engine = engines.get(key);
    if (engine) engines.delete(key);
    else engine = new Engine(new FilesAtCommit(connection, repository, commit));
    // The most recently used last: the first is the one to let go.
    engines.set(key, engine);
    if (engines.size > keptCommits) engines.delete(engines.keys().next().value!);
    return engine;
  };

  connection.onRequest(
    compareRequest,
    state.checked(compareRequest, requestParams.compare, (params: CompareParams) =>
      state.onDocument(params.uri, 'preview', async (engine, uri, text): Promise<CompareResult> => {
        const documentSettings = await settings.of(uri);
        const t = translatorFor(documentSettings.locale);
        const repository = normalUri(params.repository);
        const file = relativePath(repository, uri);
        const title = t.t('compare.title', { file: baseName(uri), revision: params.revision });
        const notice = (id: string, data: Record<string, string> = {}): CompareResult => ({ kind: 'notice', title, notice: t.t(id, { file: file ?? baseName(uri), revision: params.revision, ...data }) });
        if (file === undefined || !isInside(repository, uri)) return notice('compare.outsideRepository');
        const old = engineAt(repository, params.commit);
        const read = await old.workspace.read(uri);
        if (read.kind === 'missing') return notice('compare.notAtRevision');
        if (read.kind !== 'ok') return notice('compare.unreadable');
        const diff = await comparePlanVersions({ engine: old, file: uri, text: read.text }, { engine, file: uri, text }, documentSettings);
        if ('unparsed' in diff) return notice(diff.unparsed.includes('after') ? 'compare.notParsed' : 'compare.notParsedAtRevision');
        return { kind: 'compared', title, ...renderComparison({ file, diff }, t, params.revision, uri) };
      }),
    ),
  );
}
