import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/browser';
import { isInside, joinUri, normalUri, useTranslations, type Locale, type Translations } from '../service';
import { maxTextLength } from '../service/document/parse';
import vi from '../service/i18n/locales/vi.json';
import zhCn from '../service/i18n/locales/zh-cn.json';
import ru from '../service/i18n/locales/ru.json';
import type { FolderStorage, ServerHost, StoredBytes } from './host';
import { ask, readThroughClient } from './clientFiles';
import { listPlansRequest, readFileRequest, type ListPlansParams, type ListPlansResult, type ReadFileParams } from './protocol';
import { startServer } from './server';

// The language server in a browser's web worker (vscode.dev, github.dev): it speaks LSP over
// `postMessage`, its languages' texts are in its bundle, and it reads every file it does not have
// open by asking the client, which has the editor's file systems.

const bundledTranslations: Record<Exclude<Locale, 'en'>, Partial<Translations>> = { vi, 'zh-cn': zhCn, ru };

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
    return readThroughClient<ReadFileParams>(this.connection, readFileRequest, { uri, limit: maxTextLength });
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
  digest: async (text) => {
    const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  },
};
startServer(connection, clientHost);
