import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { normalUri, translatorFor } from '../service';
import { version } from '../../../package.json';
import { fixAllKind, listenActions } from './actions';
import { Checks } from './checks';
import { OpenDocuments } from './documents';
import type { ServerHost } from './host';
import { listenLanguage } from './language';
import { listenNavigation } from './navigation';
import { listenPreview } from './preview';
import { listenCompare } from './compare';
import { ServerState } from './state';

/** Time after start-up before the plans no editor has open are checked when no editor has opened one: an opened plan gets its findings first. */
const workspaceDelayMs = 200;

/** Bytes of the input that were no well-formed message, skipped to reach the next one (over stdio, see `framedInput`). */
export interface Skipped {
  bytes: number;
  /** The start of what was skipped, as text. */
  start: string;
}

/** What the server offers the door it was started by: a word in the log for input it had to skip. */
export interface StartedServer {
  logSkipped(skipped: Skipped): void;
}

/** The language server on a connection, reading what it cannot reach itself through its host: the Node one, or the web worker's. */
export function startServer(connection: Connection, host: ServerHost): StartedServer {
  const documents = new OpenDocuments();
  const state = new ServerState(connection, host, documents);
  const checks = new Checks(state);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const { capabilities } = params;
    state.folders = (params.workspaceFolders ?? []).map((folder) => normalUri(folder.uri));
    if (state.folders.length === 0 && params.rootUri) state.folders = [normalUri(params.rootUri)];
    state.settings.canAsk = capabilities.workspace?.configuration === true;
    state.settings.clientLocale = params.locale;
    const options = params.initializationOptions as { clientProvidesSnippets?: unknown; clientShowsFindingsOnHover?: unknown } | undefined;
    Object.assign(state.client, {
      registersConfigurationChanges: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      showsProgress: capabilities.window?.workDoneProgress === true,
      pullsDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
      refreshesDiagnostics: capabilities.workspace?.diagnostics?.refreshSupport === true,
      takesSnippetEdits: capabilities.workspace?.workspaceEdit?.snippetEditSupport === true,
      completionSnippets: options?.clientProvidesSnippets !== true,
      hoverFindings: options?.clientShowsFindingsOnHover !== true,
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'], resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        declarationProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentLinkProvider: { resolveProvider: false },
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
        workspaceSymbolProvider: true,
        ...(state.client.pullsDiagnostics ? { diagnosticProvider: { identifier: 'mktplan', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'mktplan-language-server', version },
    };
  });

  connection.onInitialized(() => {
    // The open files are checked as they arrive; the rest of the workspace after the first of
    // them has its findings (or, with none opened, after a moment), so that however many plans
    // the folder holds, the one in front of the user comes first.
    const delay = new Promise((resolve) => setTimeout(resolve, workspaceDelayMs));
    void Promise.race([delay, checks.firstOpenChecked])
      .then(() => (documents.size > 0 ? checks.firstOpenChecked : undefined))
      .then(() => checks.readScope())
      // A scope that changed has checked (or cleared) the closed plans already.
      .then((scope) => (scope === 'same' ? checks.checkWorkspace() : undefined))
      .catch((error) => state.log('workspace', error, 'workspace'));
    // Without dynamic registration, the client's own notifications of changed settings are relied on.
    if (state.settings.canAsk && state.client.registersConfigurationChanges) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mktplan' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((change) => checks.settingsChanged((change.settings as Record<string, unknown> | null)?.mktplan));

  checks.listen();
  listenLanguage(state);
  listenNavigation(state);
  listenActions(state);
  listenPreview(state);
  listenCompare(state);

  connection.onShutdown(() => checks.stop());

  documents.listen(connection);
  connection.listen();
  return {
    logSkipped: ({ bytes, start }) => connection.console.warn(translatorFor(state.settings.clientLocale).t('server.skippedInput', { bytes, start: JSON.stringify(start).slice(1, -1) })),
  };
}
