import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DocumentHighlightKind,
  FileChangeType,
  ErrorCodes,
  ResponseError,
  SymbolKind,
  type Location,
  type Range,
  type SymbolInformation,
  type TextEdit,
  type CodeAction,
  type WorkspaceEdit,
  CodeActionKind,
  type WorkspaceDocumentDiagnosticReport,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { DiskWorkspace, readRegularFile } from '../hosts/disk';
import { OpenDocuments } from './documents';
import { isConfigFile } from '../service/model/config';
import { decodePlanFile, Engine, ParseCache, translatorFor, type Diagnostic, type ReadResult, type RuleSetting, type Settings, type WorkspaceReader } from '../service';
import { version } from '../../../package.json';
import { exportRequest, previewRequest, type ExportParams, type PreviewParams, type PreviewResult } from './protocol';
import { commitOf, renderPreview, renderReport } from '../report';
import { findRepositoryRoot } from '../hosts/repository';
import type { Skipped } from './framedInput';
import { requestParams, type ParamsCheck } from './requestParams';

/** Quiet time after the last keystroke before a document whose checks after edits are slow is checked again. */
const debounceMs = 150;
/**
 * A document one of whose last few checks after edits took less than this (or that has had no
 * edit yet) is checked at once: an edit usually reparses one block, which is cheaper to run than
 * to delay, and keystrokes that arrive together are still checked once. One slow check (the
 * whole text parsed while a line was broken) does not slow the edit that sets it right.
 */
const quickCheckMs = 100;
/** How many of a document's last checks after edits say whether it checks quickly. */
const checksRemembered = 3;
/** Time after start-up before the plans no editor has open are checked: the opened ones get their findings first. */
const workspaceDelayMs = 200;
/**
 * Quiet time after the last change of a configuration file before the plans no editor has open
 * are checked again: typing in `mktplan.config.yaml` changes it at every keystroke, and each
 * re-check reads the whole workspace.
 */
const configDebounceMs = 300;

/** The code action kind that applies every safe fix, for `editor.codeActionsOnSave`. */
const fixAllKind = 'source.fixAll.mktplan';

/** The LSP symbol kind each kind of id is shown as. */
const symbolKinds = {
  member: SymbolKind.Constructor,
  objective: SymbolKind.Event,
  segment: SymbolKind.Class,
  channel: SymbolKind.Interface,
  campaign: SymbolKind.Function,
  kpi: SymbolKind.Number,
  milestone: SymbolKind.Event,
} as const;

/** Where a document lives on disk; documents that are not files get a path of their own that no import can reach. */
function pathOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // fall through: a malformed file URI is treated like any other non-file document
    }
  }
  return nodePath.join(nodePath.sep, '.mktplan-unsaved', encodeURIComponent(uri));
}

/** Reads open documents from the editor, everything else from disk. */
class EditorWorkspace implements WorkspaceReader {
  readonly disk: DiskWorkspace;

  constructor(
    readonly root: string,
    private readonly documents: OpenDocuments,
  ) {
    this.disk = new DiskWorkspace(root);
  }

  async read(absolutePath: string): Promise<ReadResult> {
    const open = this.documents.get(pathToFileURL(absolutePath).href);
    if (open) return { kind: 'ok', text: open.getText() };
    return this.disk.read(absolutePath);
  }

  listPlans(): Promise<string[]> {
    return this.disk.listPlans();
  }
}

/** The engine's settings, and the server's own: whether figures are shown at the ends of lines. */
type ServerSettings = Settings & { inlayHints?: boolean };

function sanitizeSettings(raw: unknown): ServerSettings {
  const settings: ServerSettings = {};
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  if (section.rules && typeof section.rules === 'object' && !Array.isArray(section.rules)) {
    settings.rules = {};
    for (const [id, value] of Object.entries(section.rules as Record<string, unknown>)) {
      if (typeof value === 'string') settings.rules[id] = value as RuleSetting;
    }
  }
  if (typeof section.locale === 'string') settings.locale = section.locale;
  if (typeof section.inlayHints === 'boolean') settings.inlayHints = section.inlayHints;
  return settings;
}

/** What the server offers the door it was started by: a word in the log for input it had to skip. */
export interface StartedServer {
  logSkipped(skipped: Skipped): void;
}

export function startServer(connection: Connection): StartedServer {
  const documents = new OpenDocuments();
  const cache = new ParseCache();
  const engines = new Map<string, Engine>();
  let folders: string[] = [];
  let canAskConfiguration = false;
  /** Whether the client takes a dynamic registration for configuration changes (Emacs' eglot does not). */
  let canRegisterConfigurationChanges = false;
  const completionOptions = { snippets: true };
  /** Whether hover lists the findings under the cursor: not for an editor that shows them in its own hover (VS Code). */
  let hoverFindings = true;
  let globalSettings: ServerSettings = {};
  /** The editor's display language, for `mktplan.locale: auto`. */
  let clientLocale: string | undefined;
  /** `mktplan.checkFiles`: every plan of the workspace (the default), or only the open ones. */
  let checkWholeWorkspace = true;
  /** Whether the client takes snippet edits in a workspace edit (LSP 3.18): fixes then leave tab stops to fill in. */
  let canTakeSnippetEdits = false;
  /** Whether the client shows progress the server starts (`window/workDoneProgress/create`). */
  let canShowProgress = false;
  /**
   * Whether the client pulls diagnostics (LSP 3.17: `textDocument/diagnostic`, `workspace/diagnostic`);
   * otherwise they are pushed. And whether it can be told to pull again when an import changed.
   */
  let pullDiagnostics = false;
  let canRefreshDiagnostics = false;
  let refreshTimer: NodeJS.Timeout | undefined;
  /** The findings last pulled for each plan no editor has open, until a change reaches it. */
  const pulledClosed = new Map<string, Diagnostic[]>();
  /** Plans that are not open and whose findings were published from the disk's text. */
  const publishedClosed = new Set<string>();
  /** Closed plans waiting to be checked, checked one at a time between other messages. */
  const closedQueue = new Set<string>();
  let closedRunning = false;
  const settingsByUri = new Map<string, Promise<ServerSettings>>();
  /** The pending check of each document, as the way to cancel it. */
  const pending = new Map<string, () => void>();
  /** The durations of each document's last checks after edits, the newest last. */
  const lastCheckMs = new Map<string, number[]>();
  /** No delay for a document that checks quickly after an edit; the debounce for one that does not. */
  const delayAfterEdit = (uri: string) => (Math.min(...(lastCheckMs.get(uri) ?? [0])) < quickCheckMs ? 0 : debounceMs);
  /** A count of changes to open documents, and the count at each file's last change. */
  let changes = 0;
  const lastChange = new Map<string, number>();

  /** One engine per workspace folder, so that each file's imports stay inside its own folder. */
  function engineFor(path: string): Engine {
    const root =
      folders.filter((folder) => path === folder || path.startsWith(folder.endsWith(nodePath.sep) ? folder : folder + nodePath.sep)).sort((a, b) => b.length - a.length)[0] ??
      nodePath.dirname(path);
    let engine = engines.get(root);
    if (!engine) {
      // Configuration files may stand above the folder, up to the repository root.
      const configReader = new EditorWorkspace(nodePath.parse(root).root, documents);
      engine = new Engine(new EditorWorkspace(root, documents), cache, { configReader });
      engines.set(root, engine);
    }
    return engine;
  }

  /** `auto`, or no setting, follows the editor's display language. */
  function withLocale(settings: ServerSettings): ServerSettings {
    return !settings.locale || settings.locale === 'auto' ? { ...settings, locale: clientLocale } : settings;
  }

  function settingsFor(uri: string): Promise<ServerSettings> {
    if (!canAskConfiguration) return Promise.resolve(withLocale(globalSettings));
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'mktplan' })
        .then(sanitizeSettings, () => ({}))
        .then(withLocale);
      settingsByUri.set(uri, settings);
    }
    return settings;
  }

  /** Writes a failure to the editor's log for this server, in the words of the catalogue and the locale of the editor. */
  function log(failure: 'check' | 'hover' | 'completion' | 'outline' | 'folding' | 'navigation' | 'actions' | 'preview', error: unknown, uri: string): void {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(translatorFor(clientLocale).t('server.failed', { feature: failure, uri, reason }));
  }

  /**
   * The finding of a file on disk that is not UTF-8: the editor shows it decoded, with a
   * replacement character for every byte it could not read, so its bytes are read to name it.
   */
  async function storedNotText(uri: string, text: string): Promise<Diagnostic[] | undefined> {
    if (!text.includes('\uFFFD') || !uri.startsWith('file:')) return undefined;
    const stored = await readRegularFile(pathOf(uri));
    const decoded = stored.kind === 'ok' ? decodePlanFile(stored.bytes) : undefined;
    return decoded?.kind === 'notText' ? engineFor(pathOf(uri)).notTextFindings(decoded, await settingsFor(uri)) : undefined;
  }

  /** Settled when an open document's first check is done, whatever it found. */
  let openedChecked: () => void = () => undefined;
  const firstOpenChecked = new Promise<void>((resolve) => (openedChecked = resolve));

  async function validate(uri: string, afterEdit: boolean): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const { version: checkedVersion } = document;
    const path = pathOf(uri);
    try {
      const started = performance.now();
      const engine = engineFor(path);
      // Ask for the settings first and parse while the answer travels: the check then finds both ready.
      const settings = settingsFor(uri);
      const changesBefore = changes;
      await engine.analyze(path, document.getText());
      const diagnostics = (await storedNotText(uri, document.getText())) ?? (await engine.check(path, document.getText(), await settings));
      if (afterEdit) lastCheckMs.set(uri, [...(lastCheckMs.get(uri) ?? []), performance.now() - started].slice(-checksRemembered));
      // Publish only for the version still open: an older result never replaces a newer one.
      if (documents.get(uri)?.version !== checkedVersion) return;
      // A file it imports changed while it was being checked: the result may be stale, so check again.
      const changedMeanwhile = engine.dependenciesOf(path).filter((dependency) => (lastChange.get(dependency) ?? 0) > changesBefore);
      if (changedMeanwhile.length > 0) {
        for (const dependency of changedMeanwhile) engine.forget(dependency);
        schedule(uri, 0);
        return;
      }
      await connection.sendDiagnostics({ uri, version: checkedVersion, diagnostics });
      // The findings are out: what the check could leave for later is done now, before the next message.
      setImmediate(() => engine.settle(path));
    } catch (error) {
      log('check', error, uri);
    } finally {
      openedChecked();
    }
  }

  /** Asks a pulling client to pull again, once for a burst of changes. */
  function refreshPulled(): void {
    if (!canRefreshDiagnostics || refreshTimer) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void connection.languages.diagnostics.refresh().catch(() => undefined);
    }, debounceMs);
  }

  function schedule(uri: string, delay: number, afterEdit = false): void {
    // A client that pulls asks for an open document's findings itself.
    if (pullDiagnostics) return;
    pending.get(uri)?.();
    const run = () => {
      pending.delete(uri);
      void validate(uri, afterEdit);
    };
    // No delay: checked once the current message is handled, without a timer and its minimum of a millisecond.
    if (delay === 0) {
      const immediate = setImmediate(run);
      pending.set(uri, () => clearImmediate(immediate));
    } else {
      const timer = setTimeout(run, delay);
      pending.set(uri, () => clearTimeout(timer));
    }
  }


  /**
   * A file changed: forget what was computed from it, and re-check the open files that import
   * it, directly or not; a configuration file (or a `.git` that marks a repository's root) may
   * change how every plan is checked.
   */
  function changed(path: string): void {
    lastChange.set(path, ++changes);
    if (isConfigFile(path) || nodePath.basename(path) === '.git') {
      for (const engine of engines.values()) engine.forgetConfigs();
      pulledClosed.clear();
      for (const document of documents.all()) if (pathOf(document.uri) !== path) schedule(document.uri, debounceMs);
      clearTimeout(workspaceRecheck);
      workspaceRecheck = setTimeout(() => {
        workspaceRecheck = undefined;
        void checkWorkspace().catch((error) => log('check', error, 'workspace'));
      }, configDebounceMs);
    }
    const dependents = new Set<string>();
    for (const engine of engines.values()) {
      for (const dependent of engine.dependentsOf(path)) dependents.add(dependent);
      engine.forget(path);
    }
    pulledClosed.delete(path);
    for (const dependent of dependents) pulledClosed.delete(dependent);
    if (pullDiagnostics && dependents.size > 0) refreshPulled();
    // An importing file whose checks are quick is checked at once, as an edited one is; a slow one waits for the typing to pause.
    for (const document of documents.all()) {
      if (dependents.has(pathOf(document.uri))) schedule(document.uri, delayAfterEdit(document.uri), true);
    }
    // Plans no editor has open are checked from the disk, if the whole workspace is.
    if (checkWholeWorkspace) for (const dependent of dependents) if (!isOpen(dependent)) queueClosed(dependent);
  }

  function isOpen(path: string): boolean {
    return documents.get(pathToFileURL(path).href) !== undefined;
  }

  /**
   * A closed plan's bytes from the disk, where it is a regular file inside its workspace folder:
   * a pipe is never opened (reading it would wait forever, and every later check behind it), a
   * link that leads out of the folder is not followed. Such a file is said in the log, once per look.
   */
  async function storedPlan(engine: Engine, path: string): Promise<Buffer | undefined> {
    // Every engine of the server reads through an EditorWorkspace (see engineFor).
    const stored = await (engine.workspace as EditorWorkspace).disk.readStored(path);
    if (stored.kind === 'ok') return stored.bytes;
    if (stored.kind === 'notAFile' || stored.kind === 'outside') {
      const reason = stored.kind === 'outside' ? 'linkOutside' : stored.special;
      connection.console.info(translatorFor(clientLocale).t('files.notChecked', { file: path, reason, folder: engine.workspace.root }));
    }
    return undefined;
  }

  /** Checks a plan that is not open, from the disk's text (or says nothing of it once it is gone). */
  async function checkClosed(path: string): Promise<void> {
    const uri = pathToFileURL(path).href;
    if (isOpen(path)) return;
    const engine = engineFor(path);
    const stored = await storedPlan(engine, path);
    const decoded = stored && decodePlanFile(stored);
    const settings = await settingsFor(uri);
    // Gone from the disk (or never saved), or ignored: nothing is to be said of it.
    if (!decoded || (await engine.isIgnored(path))) {
      publishedClosed.delete(uri);
      await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const diagnostics = decoded.kind === 'text' ? await engine.check(path, decoded.text, settings) : engine.notTextFindings(decoded, settings);
    // An editor may have opened it meanwhile: its own check wins.
    if (isOpen(path)) return;
    publishedClosed.add(uri);
    await connection.sendDiagnostics({ uri, diagnostics });
  }

  function queueClosed(path: string): void {
    if (pullDiagnostics) return refreshPulled();
    closedQueue.add(path);
    if (closedRunning) return;
    closedRunning = true;
    // One plan per turn of the event loop: the open files' checks, hover and completion go first.
    const next = () => {
      const [path] = closedQueue;
      if (path === undefined) {
        closedRunning = false;
        return;
      }
      closedQueue.delete(path);
      checkClosed(path)
        .catch((error) => log('check', error, pathToFileURL(path).href))
        .finally(() => setImmediate(next));
    };
    setImmediate(next);
  }

  /** The pending re-check of the workspace after a configuration file changed. */
  let workspaceRecheck: NodeJS.Timeout | undefined;
  /** A count of the checks of the workspace begun: a newer one stops an older one, which it repeats. */
  let workspaceChecks = 0;

  /** Checks every plan of every workspace folder that no editor has open, after the open ones, reporting progress. */
  async function checkWorkspace(): Promise<void> {
    if (!checkWholeWorkspace) return;
    if (pullDiagnostics) return refreshPulled();
    const run = ++workspaceChecks;
    const plans: string[] = [];
    for (const folder of folders) for (const plan of await engineFor(folder).listPlans()) plans.push(plan);
    const closed = plans.filter((plan) => !isOpen(plan));
    if (closed.length === 0) return;
    const progress = canShowProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    const title = translatorFor(clientLocale).t('server.checkingPlans', { count: closed.length });
    progress?.begin(title, 0, undefined, false);
    let done = 0;
    await new Promise<void>((resolve) => {
      const step = () => {
        const path = closed[done];
        if (path === undefined || run !== workspaceChecks) return resolve();
        checkClosed(path)
          .catch((error) => log('check', error, pathToFileURL(path).href))
          .finally(() => {
            done++;
            progress?.report(Math.round((done / closed.length) * 100));
            setImmediate(step);
          });
      };
      setImmediate(step);
    });
    progress?.done();
  }

  /** Says nothing any more of the plans checked from the disk (the setting now keeps checks to open files). */
  async function clearClosed(): Promise<void> {
    for (const uri of publishedClosed) await connection.sendDiagnostics({ uri, diagnostics: [] });
    publishedClosed.clear();
  }

  /** Reads `mktplan.checkFiles`, and checks or clears the closed plans when it changes. */
  async function readScope(raw?: unknown): Promise<'changed' | 'same'> {
    const section = raw ?? (canAskConfiguration ? await connection.workspace.getConfiguration('mktplan').catch(() => undefined) : undefined);
    const value = section && typeof section === 'object' ? (section as Record<string, unknown>).checkFiles : undefined;
    const whole = value !== 'open';
    if (whole === checkWholeWorkspace) return 'same';
    checkWholeWorkspace = whole;
    if (whole) await checkWorkspace();
    else await clearClosed();
    return 'changed';
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders ?? []).flatMap((folder) => (folder.uri.startsWith('file:') ? [fileURLToPath(folder.uri)] : []));
    if (folders.length === 0 && params.rootUri?.startsWith('file:')) folders = [fileURLToPath(params.rootUri)];
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterConfigurationChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
    clientLocale = params.locale;
    canTakeSnippetEdits = params.capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
    const options = params.initializationOptions as { clientProvidesSnippets?: unknown; clientShowsFindingsOnHover?: unknown } | undefined;
    completionOptions.snippets = options?.clientProvidesSnippets !== true;
    hoverFindings = options?.clientShowsFindingsOnHover !== true;
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
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'mktplan', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      },
      serverInfo: { name: 'mktplan-language-server', version },
    };
  });

  connection.onInitialized(() => {
    // The open files are checked as they arrive; the rest of the workspace after the first of
    // them has its findings (or, with none opened, after a moment), so that however many plans
    // the folder holds, the one in front of the user comes first.
    const delay = new Promise((resolve) => setTimeout(resolve, workspaceDelayMs));
    void delay
      .then(() => (documents.all().length > 0 ? firstOpenChecked : undefined))
      .then(() => readScope())
      // A scope that changed has checked (or cleared) the closed plans already.
      .then((scope) => (scope === 'same' ? checkWorkspace() : undefined))
      .catch((error) => log('check', error, 'workspace'));
    // Without dynamic registration, the client's own notifications of changed settings are relied on.
    if (canAskConfiguration && canRegisterConfigurationChanges) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mktplan' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settingsByUri.clear();
    pulledClosed.clear();
    if (pullDiagnostics) refreshPulled();
    const section = (change.settings as Record<string, unknown> | null)?.mktplan;
    if (!canAskConfiguration) globalSettings = sanitizeSettings(section);
    // The plans checked from disk take the new severities too; a new scope has checked them already.
    void readScope(canAskConfiguration ? undefined : (section ?? {}))
      .then((scope) => (scope === 'same' ? checkWorkspace() : undefined))
      .catch((error) => log('check', error, 'workspace'));
    for (const document of documents.all()) schedule(document.uri, 0);
  });

  documents.onEvent(({ kind, document }) => {
    const { uri } = document;
    // Opening a file whose text is what was last read of it changes nothing for the files that import it.
    const unchanged = kind === 'open' && engineFor(pathOf(uri)).cache.peek(pathOf(uri))?.text === document.getText();
    if (!unchanged) changed(pathOf(uri));
    if (kind === 'open') {
      publishedClosed.delete(uri);
      schedule(uri, 0);
    }
    else if (kind === 'change') schedule(uri, delayAfterEdit(uri), true);
    else {
      pending.get(uri)?.();
      pending.delete(uri);
      lastCheckMs.delete(uri);
      settingsByUri.delete(uri);
      engineFor(pathOf(uri)).release(pathOf(uri));
      // A closed plan of the workspace keeps its findings, now from the disk's text.
      if (checkWholeWorkspace && uri.startsWith('file:') && !isConfigFile(pathOf(uri))) queueClosed(pathOf(uri));
      else void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:')) continue;
      const path = pathOf(change.uri);
      // A plan created or deleted changes the list of the workspace's plans.
      if (change.type !== FileChangeType.Changed && /\.mktplan\.ya?ml$/.test(path)) for (const engine of engines.values()) engine.forgetPlanList();
      changed(path);
      // A plan created, changed or deleted on disk: its own findings too, where no editor has it open.
      if (checkWholeWorkspace && /\.mktplan\.ya?ml$/.test(path) && !isOpen(path)) queueClosed(path);
    }
  });

  /**
   * A request handler behind a check of its parameters: a malformed one is answered InvalidParams,
   * naming the field that is wrong, before any handler reads it.
   */
  function checked<P, Rest extends unknown[], R>(method: string, check: ParamsCheck, handler: (params: P, ...rest: Rest) => R): (params: P, ...rest: Rest) => R | ResponseError<never> {
    return (params, ...rest) => {
      const wrong = check(params);
      if (wrong === undefined) return handler(params, ...rest);
      return new ResponseError<never>(ErrorCodes.InvalidParams, translatorFor(clientLocale).t('server.invalidParams', { method, field: wrong || 'params' }));
    };
  }

  connection.onHover(checked('textDocument/hover', requestParams.position, async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const path = pathOf(document.uri);
    try {
      return (await engineFor(path).hover(path, document.getText(), params.position, await settingsFor(document.uri), { findings: hoverFindings })) ?? null;
    } catch (error) {
      log('hover', error, document.uri);
      return null;
    }
  }));

  connection.onCompletion(checked('textDocument/completion', requestParams.position, async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const path = pathOf(document.uri);
    try {
      const { locale } = await settingsFor(document.uri);
      return { isIncomplete: false, items: await engineFor(path).complete(path, document.getText(), params.position, { ...completionOptions, locale }) };
    } catch (error) {
      log('completion', error, document.uri);
      return null;
    }
  }));

  connection.onDocumentSymbol(checked('textDocument/documentSymbol', requestParams.document, async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const path = pathOf(document.uri);
    try {
      const { locale } = await settingsFor(document.uri);
      return engineFor(path).symbols(path, document.getText(), locale);
    } catch (error) {
      log('outline', error, document.uri);
      return null;
    }
  }));

  connection.onFoldingRanges(checked('textDocument/foldingRange', requestParams.document, (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const path = pathOf(document.uri);
    try {
      return engineFor(path).folding(path, document.getText());
    } catch (error) {
      log('folding', error, document.uri);
      return null;
    }
  }));

  /** Runs a request on an open document's text, logging (never throwing) what fails. */
  async function onDocument<T>(uri: string, feature: Parameters<typeof log>[0], answer: (engine: Engine, path: string, text: string) => Promise<T>): Promise<T | null> {
    const document = documents.get(uri);
    if (!document) return null;
    const path = pathOf(uri);
    try {
      return await answer(engineFor(path), path, document.getText());
    } catch (error) {
      log(feature, error, uri);
      return null;
    }
  }

  const location = ({ file, range }: { file: string; range: Range }): Location => ({ uri: pathToFileURL(file).href, range });

  connection.onDefinition(
    checked('textDocument/definition', requestParams.position, (params) =>
      onDocument(params.textDocument.uri, 'navigation', async (engine, path, text) => (await engine.definition(path, text, params.position)).map(location)),
    ),
  );
  connection.onDeclaration(
    checked('textDocument/declaration', requestParams.position, (params) =>
      onDocument(params.textDocument.uri, 'navigation', async (engine, path, text) => (await engine.definition(path, text, params.position)).map(location)),
    ),
  );
  connection.onReferences(
    checked('textDocument/references', requestParams.references, (params) =>
      onDocument(params.textDocument.uri, 'navigation', async (engine, path, text) =>
        (await engine.references(path, text, params.position, params.context.includeDeclaration)).map(location),
      ),
    ),
  );
  connection.onDocumentHighlight(
    checked('textDocument/documentHighlight', requestParams.position, (params) =>
      onDocument(params.textDocument.uri, 'navigation', async (engine, path, text) =>
        (await engine.highlights(path, text, params.position)).map(({ range, kind }) => ({ range, kind: kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
      ),
    ),
  );
  connection.onPrepareRename(
    checked('textDocument/prepareRename', requestParams.position, (params) =>
      onDocument(params.textDocument.uri, 'navigation', (engine, path, text) => engine.prepareRename(path, text, params.position)),
    ),
  );
  connection.onRenameRequest(checked('textDocument/rename', requestParams.rename, async (params) => {
    const { locale } = await settingsFor(params.textDocument.uri);
    const result = await onDocument(params.textDocument.uri, 'navigation', (engine, path, text) => engine.rename(path, text, params.position, params.newName, locale));
    if (!result) return null;
    // A refused name is an error the editor shows, with the reason.
    if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
    const changes: Record<string, TextEdit[]> = {};
    for (const [file, edits] of result.edits) changes[pathToFileURL(file).href] = edits;
    return { changes };
  }));
  /** Edits as a workspace edit: snippet edits where the client takes them and a fix has tab stops, plain ones otherwise. */
  function workspaceEdit(edits: ReadonlyArray<{ file: string; range: Range; text: string; snippet?: string }>): WorkspaceEdit {
    const byUri = new Map<string, typeof edits[number][]>();
    for (const edit of edits) {
      const uri = pathToFileURL(edit.file).href;
      byUri.set(uri, [...(byUri.get(uri) ?? []), edit]);
    }
    if (canTakeSnippetEdits && edits.some((edit) => edit.snippet !== undefined && edit.snippet !== edit.text)) {
      return {
        documentChanges: [...byUri].map(([uri, list]) => ({
          textDocument: { uri, version: documents.get(uri)?.version ?? null },
          edits: list.map((edit) => (edit.snippet !== undefined ? { range: edit.range, snippet: { kind: 'snippet', value: edit.snippet } } : { range: edit.range, newText: edit.text })),
        })) as WorkspaceEdit['documentChanges'],
      };
    }
    return { changes: Object.fromEntries([...byUri].map(([uri, list]) => [uri, list.map((edit) => ({ range: edit.range, newText: edit.text }))])) };
  }

  connection.onCodeAction(checked('textDocument/codeAction', requestParams.codeAction, async (params) => {
    const uri = params.textDocument.uri;
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((asked) => kind === asked || kind.startsWith(asked + '.'));
    const settings = await settingsFor(uri);
    const actions: CodeAction[] = [];
    if (wants(fixAllKind)) {
      const fixed = await onDocument(uri, 'actions', (engine, path, text) => engine.fixAll(path, text, settings));
      if (fixed && fixed.edits.length > 0) {
        actions.push({ title: translatorFor(settings.locale).t('fix.all'), kind: fixAllKind, edit: workspaceEdit(fixed.edits.map(({ file, range, text }) => ({ file, range, text }))) });
      }
    }
    if (wants(CodeActionKind.QuickFix)) {
      const found = await onDocument(uri, 'actions', (engine, path, text) => engine.codeActions(path, text, params.range, settings, { snippets: canTakeSnippetEdits }));
      for (const action of found ?? []) {
        actions.push({ title: action.title, kind: CodeActionKind.QuickFix, diagnostics: [action.diagnostic], isPreferred: action.isPreferred, edit: workspaceEdit(action.edits) });
      }
    }
    return actions;
  }));

  connection.languages.inlayHint.on(checked('textDocument/inlayHint', requestParams.inlayHint, async (params) => {
    const settings = await settingsFor(params.textDocument.uri);
    if (settings.inlayHints === false) return [];
    const insights = await onDocument(params.textDocument.uri, 'outline', (engine, path, text) => engine.insights(path, text, settings.locale));
    const { start, end } = params.range;
    return (insights ?? [])
      .filter(({ position }) => position.line >= start.line && position.line <= end.line)
      .map(({ position, label }) => ({ position, label, paddingLeft: true }));
  }));

  connection.onDocumentLinks(
    checked('textDocument/documentLink', requestParams.document, (params) =>
      onDocument(params.textDocument.uri, 'navigation', async (engine, path, text) =>
        (await engine.documentLinks(path, text)).map(({ range, target }) => ({ range, target: pathToFileURL(target).href })),
      ),
    ),
  );
  connection.onWorkspaceSymbol(checked('workspace/symbol', requestParams.workspaceSymbol, async (params) => {
    const found: SymbolInformation[] = [];
    for (const root of folders.length > 0 ? folders : []) {
      try {
        for (const symbol of await engineFor(root).workspaceSymbols(params.query)) {
          found.push({ name: symbol.name, kind: symbolKinds[symbol.kind], location: location(symbol.location), containerName: symbol.detail });
        }
      } catch (error) {
        log('navigation', error, pathToFileURL(root).href);
      }
    }
    return found;
  }));

  /** A report's result id: the same findings give the same id, so a client that has them is told they are unchanged. */
  const resultIdOf = (diagnostics: Diagnostic[]) => createHash('sha1').update(JSON.stringify(diagnostics)).digest('hex');

  connection.languages.diagnostics.on(checked('textDocument/diagnostic', requestParams.diagnostic, async (params) => {
    const uri = params.textDocument.uri;
    const items =
      (await onDocument(uri, 'check', async (engine, path, text) => (await storedNotText(uri, text)) ?? (await engine.check(path, text, await settingsFor(uri))))) ?? [];
    const resultId = resultIdOf(items);
    return params.previousResultId === resultId ? { kind: 'unchanged', resultId } : { kind: 'full', resultId, items };
  }));

  connection.languages.diagnostics.onWorkspace(checked('workspace/diagnostic', requestParams.workspaceDiagnostic, async (params) => {
    if (!checkWholeWorkspace) return { items: [] };
    const previous = new Map(params.previousResultIds.map(({ uri, value }) => [uri, value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const folder of folders) {
      const engine = engineFor(folder);
      for (const path of await engine.indexWorkspace()) {
        const uri = pathToFileURL(path).href;
        if (isOpen(path)) continue;
        let diagnostics = pulledClosed.get(path);
        if (!diagnostics) {
          // One file per turn: requests for the open files are answered in between.
          await new Promise((resolve) => setImmediate(resolve));
          const stored = await storedPlan(engine, path);
          const decoded = stored && decodePlanFile(stored);
          if (!decoded) continue;
          const settings = await settingsFor(uri);
          diagnostics = decoded.kind === 'text' ? await engine.check(path, decoded.text, settings) : engine.notTextFindings(decoded, settings);
          pulledClosed.set(path, diagnostics);
        }
        const resultId = resultIdOf(diagnostics);
        items.push(previous.get(uri) === resultId ? { kind: 'unchanged', uri, version: null, resultId } : { kind: 'full', uri, version: null, resultId, items: diagnostics });
      }
    }
    return { items };
  }));

  /** The last preview of each document, for the same version asked again (the editor switching back to a plan). */
  const previews = new Map<string, { key: string; result: Promise<PreviewResult> }>();
  documents.onEvent((event) => {
    if (event.kind === 'close') previews.delete(event.document.uri);
  });

  connection.onRequest(previewRequest, checked(previewRequest, requestParams.preview, (params: PreviewParams) =>
    onDocument(params.uri, 'preview', async (engine, path, text): Promise<PreviewResult> => {
      const version = documents.get(params.uri)!.version;
      const settings = await settingsFor(params.uri);
      const width = typeof params.width === 'number' && Number.isFinite(params.width) ? params.width : undefined;
      const key = JSON.stringify([version, params.today, width, settings]);
      const cached = previews.get(params.uri);
      if (cached?.key === key) return cached.result;
      const result = (async (): Promise<PreviewResult> => {
        const translator = translatorFor(settings.locale);
        const title = translator.t('preview.title', { file: nodePath.basename(path) });
        if (engine.parse(path, text).errors.length > 0) return { parses: false, version, title, notice: translator.t('report.stale') };
        const view = await engine.view(path, text, params.today, settings);
        return { parses: true, version, title, ...(await renderPreview(view, translator, engine.workspace.root, width)) };
      })();
      previews.set(params.uri, { key, result });
      result.catch(() => previews.delete(params.uri));
      return result;
    }),
  ));

  connection.onRequest(exportRequest, checked(exportRequest, requestParams.export, (params: ExportParams) =>
    onDocument(params.uri, 'preview', async (engine, path, text) => {
      const settings = await settingsFor(params.uri);
      const view = await engine.view(path, text, params.today, settings);
      return renderReport(view, translatorFor(settings.locale), params.format, { commit: await commitOf(path), changed: params.changed }, findRepositoryRoot(engine.workspace.root));
    }),
  ));

  connection.onShutdown(() => {
    clearTimeout(workspaceRecheck);
    for (const cancel of pending.values()) cancel();
    pending.clear();
  });

  documents.listen(connection);
  connection.listen();
  return {
    logSkipped: ({ bytes, start }) => connection.console.warn(translatorFor(clientLocale).t('server.skippedInput', { bytes, start: JSON.stringify(start).slice(1, -1) })),
  };
}
