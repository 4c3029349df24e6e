import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/browser';
import { isInside, joinUri, normalUri, useTranslations, type Locale, type Translations } from '../service';
import { maxTextLength } from '../service/document/parse';
import vi from '../service/i18n/locales/vi.json';
import zhCn from '../service/i18n/locales/zh-cn.json';
import ru from '../service/i18n/locales/ru.json';
import type { FolderStorage, ServerHost, StoredBytes } from './host';
import { listPlansRequest, readFileRequest, type ListPlansParams, type ListPlansResult, type ReadFileParams, type ReadFileResult } from './protocol';
import { startServer } from './server';

// The language server in a browser's web worker (vscode.dev, github.dev): it speaks LSP over
// `postMessage`, its languages' texts are in its bundle, and it reads every file it does not have
// open by asking the client, which has the editor's file systems.

const bundledTranslations: Record<Exclude<Locale, 'en'>, Partial<Translations>> = { vi, 'zh-cn': zhCn, ru };

/** Bytes sent in base64 (a JSON message carries no bytes). */
function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A request to the client that may not know it: its answer, or undefined for null, an error or a malformed answer. */
async function ask<P, R>(connection: Connection, method: string, params: P, isAnswer: (value: unknown) => value is R): Promise<R | undefined> {
  const answer: unknown = await connection.sendRequest(method, params).catch(() => undefined);
  return isAnswer(answer) ? answer : undefined;
}

const isReadFileResult = (value: unknown): value is ReadFileResult => {
  const result = value as ReadFileResult | null;
  if (!result || typeof result !== 'object') return false;
  if (result.kind === 'ok') return typeof result.base64 === 'string' && typeof result.size === 'number';
  if (result.kind === 'unreadable') return typeof result.reason === 'string';
  return result.kind === 'missing' || result.kind === 'notAFile';
};

const isPlanList = (value: unknown): value is ListPlansResult => Array.isArray(value) && value.every((uri) => typeof uri === 'string');

/** The files of a workspace folder, as the client reads them. */
class ClientStorage implements FolderStorage {
  constructor(
    private readonly connection: Connection,
    readonly root: string,
    /** Whether a folder is a workspace folder: the repository's root, in github.dev. */
    private readonly isWorkspaceFolder: (folder: string) => boolean,
  ) {}

  async readStored(uri: string): Promise<StoredBytes> {
    if (!isInside(this.root, uri)) return { kind: 'outside' };
    const read = await ask<ReadFileParams, ReadFileResult>(this.connection, readFileRequest, { uri, limit: maxTextLength }, isReadFileResult);
    if (!read || read.kind === 'missing') return { kind: 'missing' };
    if (read.kind === 'notAFile') return { kind: 'notAFile', special: 'folder' };
    if (read.kind === 'unreadable') return read;
    return { kind: 'ok', bytes: fromBase64(read.base64), size: read.size };
  }

  async listPlans(): Promise<string[]> {
    const listed = await ask<ListPlansParams, ListPlansResult>(this.connection, listPlansRequest, { folder: this.root }, isPlanList);
    return (listed ?? [])
      .map(normalUri)
      .filter((uri) => isInside(this.root, uri) && /\.mktplan\.ya?ml$/.test(uri))
      .sort();
  }

  async isRepositoryRoot(folder: string): Promise<boolean> {
    return this.isWorkspaceFolder(folder) || (await this.readStored(joinUri(folder, '.git'))).kind !== 'missing';
  }
}

useTranslations((locale) => bundledTranslations[locale]);

// The worker's own scope posts and receives the messages (typed as a port: the build knows no DOM types).
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
const clientHost: ServerHost = {
  storage: (root, workspaceFolders) => new ClientStorage(connection, root, (folder) => workspaceFolders.includes(folder)),
  // A browser reads no repository's metadata: an exported report names no commit.
  commitOf: async () => undefined,
  reportRoot: async (folder) => folder,
};
startServer(connection, clientHost);
