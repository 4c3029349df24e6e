import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { Engine, folderOf, normalUri, ParseCache, translatorFor } from '../service';
import type { OpenDocuments } from './documents';
import { EditorWorkspace, type ServerHost } from './host';
import type { ParamsCheck } from './requestParams';
import { DocumentSettings } from './settings';

/** What a failure in the log is of. */
export type Feature = 'check' | 'hover' | 'completion' | 'outline' | 'folding' | 'navigation' | 'actions' | 'preview';

/** What the client said it can do, at `initialize`. */
export interface ClientCapabilities {
  /** Whether the client takes a dynamic registration for configuration changes (Emacs' eglot does not). */
  registersConfigurationChanges: boolean;
  /** Whether the client shows progress the server starts (`window/workDoneProgress/create`). */
  showsProgress: boolean;
  /** Whether the client pulls diagnostics (LSP 3.17: `textDocument/diagnostic`, `workspace/diagnostic`); otherwise they are pushed. */
  pullsDiagnostics: boolean;
  /** Whether a pulling client can be told to pull again when an import changed. */
  refreshesDiagnostics: boolean;
  /** Whether the client takes snippet edits in a workspace edit (LSP 3.18): fixes then leave tab stops to fill in. */
  takesSnippetEdits: boolean;
  /** Whether completion offers the section snippets: not for a client with its own copy of them (VS Code). */
  completionSnippets: boolean;
  /** Whether hover lists the findings under the cursor: not for an editor that shows them in its own hover (VS Code). */
  hoverFindings: boolean;
}

/** What every part of the server shares: the connection, the host, the open documents, the engines and the settings. */
export class ServerState {
  /** The workspace folders' URIs. */
  folders: string[] = [];
  readonly settings: DocumentSettings;
  readonly client: ClientCapabilities = {
    registersConfigurationChanges: false,
    showsProgress: false,
    pullsDiagnostics: false,
    refreshesDiagnostics: false,
    takesSnippetEdits: false,
    completionSnippets: true,
    hoverFindings: true,
  };
  /**
   * Counts the changes to files on disk the editor reported (a CSV export replaced, a plan saved by
   * another program): a view that reads other files than its own is stale after one.
   */
  storedChanges = 0;
  private readonly cache = new ParseCache();
  readonly engines = new Map<string, Engine>();

  constructor(
    readonly connection: Connection,
    readonly host: ServerHost,
    readonly documents: OpenDocuments,
  ) {
    this.settings = new DocumentSettings(connection);
  }

  /** The innermost workspace folder that holds a file, if any does. */
  workspaceFolderOf(uri: string): string | undefined {
    // Both in the one written form: a folder holds a file whose URI starts with the folder's and a `/`.
    return this.folders.filter((folder) => uri === folder || uri.startsWith(folder.endsWith('/') ? folder : folder + '/')).sort((a, b) => b.length - a.length)[0];
  }

  /** One engine per workspace folder, so that each file's imports stay inside its own folder. */
  engineFor(uri: string): Engine {
    const root = this.workspaceFolderOf(uri) ?? folderOf(uri);
    let engine = this.engines.get(root);
    if (!engine) {
      // Configuration files may stand above the folder, up to the repository root.
      const configReader = new EditorWorkspace(this.host.storage(rootOfScheme(root), this.folders), this.documents);
      engine = new Engine(new EditorWorkspace(this.host.storage(root, this.folders), this.documents), this.cache, { configReader });
      this.engines.set(root, engine);
    }
    return engine;
  }

  /** The storage an engine reads through (see `engineFor`). */
  storageOf(engine: Engine) {
    return (engine.workspace as EditorWorkspace).storage;
  }

  isOpen(uri: string): boolean {
    return this.documents.get(uri) !== undefined;
  }

  /** Writes a failure to the editor's log for this server, in the words of the catalogue and the locale of the editor. */
  log(failure: Feature | 'workspace', error: unknown, uri: string): void {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.connection.console.error(translatorFor(this.settings.clientLocale).t('server.failed', { feature: failure === 'workspace' ? 'check' : failure, uri, reason }));
  }

  /** Runs a request on an open document's text, logging (never throwing) what fails. */
  async onDocument<T>(clientUri: string, feature: Feature, answer: (engine: Engine, uri: string, text: string) => Promise<T>): Promise<T | null> {
    const document = this.documents.get(clientUri);
    if (!document) return null;
    // The engine knows a file by one form of its URI, whatever spelling the client used.
    const uri = normalUri(clientUri);
    try {
      return await answer(this.engineFor(uri), uri, document.getText());
    } catch (error) {
      this.log(feature, error, uri);
      return null;
    }
  }

  /**
   * A request handler behind a check of its parameters: a malformed one is answered InvalidParams,
   * naming the field that is wrong, before any handler reads it.
   */
  checked<P, Rest extends unknown[], R>(method: string, check: ParamsCheck, handler: (params: P, ...rest: Rest) => R): (params: P, ...rest: Rest) => R | ResponseError<never> {
    return (params, ...rest) => {
      const wrong = check(params);
      if (wrong === undefined) return handler(params, ...rest);
      return new ResponseError<never>(ErrorCodes.InvalidParams, translatorFor(this.settings.clientLocale).t('server.invalidParams', { method, field: wrong || 'params' }));
    };
  }
}

/** The root of a URI's scheme and authority (`file:///`): configuration files are looked for up to the repository's root, above any folder. */
function rootOfScheme(uri: string): string {
  for (let folder = uri; ; ) {
    const parent = folderOf(folder);
    if (parent === folder) return folder;
    folder = parent;
  }
}
