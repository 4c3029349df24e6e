import type { BytesResult, Host, ReadResult } from '../service';
import { readStoredText, type FolderStorage } from '../hosts/stored';

export type { FolderStorage, StoredBytes } from '../hosts/stored';
import type { OpenDocuments } from './documents';

/**
 * What the language server cannot do itself, given by the entry that starts it: the Node one
 * reads the disk, the web worker's asks the editor. Watching is the editor's in both: it sends
 * `workspace/didChangeWatchedFiles`.
 */
export interface ServerHost {
  /**
   * The stored files under a folder (a URI): a workspace folder, or the root of its scheme for
   * the configuration files above one. The workspace folders are given too: in a browser, where
   * no `.git` is to be seen, a workspace folder is its repository's root.
   */
  storage(root: string, workspaceFolders: readonly string[]): FolderStorage;
  /** The commit the repository that holds a file has checked out, named in an exported report. */
  commitOf(uri: string): Promise<string | undefined>;
  /** The folder an exported report names files from: the repository's root that holds a workspace folder, else the folder. */
  reportRoot(folder: string): Promise<string>;
  /**
   * A digest of a text, the same for the same text: what a pulled report's result id is made of.
   * Node's at once; a browser's only asynchronously, which a check of a thousand plans would wait
   * for a thousand times.
   */
  digest(text: string): string | Promise<string>;
}

/** The engine's host in the editor: the open documents as the editor has them, everything else as stored. */
export class EditorWorkspace implements Host {
  constructor(
    readonly storage: FolderStorage,
    private readonly documents: OpenDocuments,
  ) {}

  get root(): string {
    return this.storage.root;
  }

  async read(uri: string): Promise<ReadResult> {
    const open = this.documents.get(uri);
    if (open) return { kind: 'ok', text: open.getText() };
    return readStoredText(await this.storage.readStored(uri));
  }

  /** As stored: a CSV source open in an editor counts as it was last saved. */
  readBytes(uri: string): Promise<BytesResult> {
    return this.storage.readStored(uri);
  }

  listPlans(): Promise<string[]> {
    return this.storage.listPlans();
  }

  isRepositoryRoot(folder: string): Promise<boolean> {
    return this.storage.isRepositoryRoot(folder);
  }

  now(): Date {
    return new Date();
  }
}
