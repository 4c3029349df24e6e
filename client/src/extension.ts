import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import snippetFile from '../../snippets/mktplan.json';
import type { Translator } from '../../server/src/service/i18n/translator';
import { localizedSnippetBody, type SnippetDefinition } from '../../server/src/service/i18n/snippets';
import { baseName, folderOf, joinUri, relativePath } from '../../server/src/service/document/uris';
import { localToday } from '../../server/src/report/today';
import { PlanComparison, readAtRevision } from './compare';
import { readAtRevisionRequest } from '../../server/src/lsp/protocol';
import { exportReport, PlanPreview, previewViewType } from './preview';
import { clientTexts } from './texts';


// ---------------------------------------------------------------------------
// The "New Marketing Plan" command. The helpers above `newPlan` use nothing of
// VS Code, so that the unit tests can check the text a new plan starts with.
// ---------------------------------------------------------------------------

/**
 * The year a new plan is most likely for: this year while less than half of it has gone by,
 * the next one after that (a plan is usually written in the second half of the year before).
 */
export function defaultPlanYear(now: Date): number {
  const year = now.getFullYear();
  const start = new Date(year, 0, 1).getTime();
  const end = new Date(year + 1, 0, 1).getTime();
  return (now.getTime() - start) / (end - start) > 0.5 ? year + 1 : year;
}

/** Whether the text is a year of four digits (surrounding spaces allowed). */
export function isPlanYear(text: string): boolean {
  return /^\s*\d{4}\s*$/.test(text);
}

/**
 * The organisation's name as a file name part: lowercase a-z, digits and dashes. Accents are
 * dropped (`Sài Gòn` gives `sai-gon`); a name with no Latin letters or digits gives ''.
 */
export function slug(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[đð]/g, 'd')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe');
  return folded
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** The file name proposed for a new plan: `<organisation>-<year>.mktplan.yaml`, or `marketing-plan-<year>.mktplan.yaml`. */
export function planFileName(organization: string, year: number): string {
  const name = slug(organization);
  return name ? `${name}-${year}.mktplan.yaml` : `marketing-plan-${year}.mktplan.yaml`;
}

/** A YAML value for the text: as it is where a plain scalar reads back as the same string, else double-quoted. */
function yamlScalar(text: string): string {
  const plain =
    /^[\p{L}\p{N}][\p{L}\p{M}\p{N} &.,'()/+_-]*$/u.test(text) &&
    !/\s$/.test(text) &&
    !/^(?:true|false|null|yes|no|on|off|y|n|~)$/i.test(text) &&
    !/^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(text) &&
    !/^\d{4}-\d\d?-\d\d?/.test(text) &&
    !/^0[xob]/i.test(text);
  if (plain) return text;
  const escaped = text.replace(/[\\"]/g, '\\$&').replace(/[\u0000-\u001f\u007f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `"${escaped}"`;
}

/** Text put in a snippet as it is: `$`, `}` and `\` escaped. */
function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/**
 * The whole-plan snippet (prefix `mktplan`) made ready for one organisation and year: the
 * organisation's name in place of the first placeholder (and wherever it is repeated), the plan
 * period from 1 January to 31 December of the year, and a strategy horizon of three years, from the
 * year to the year + 2. Other placeholders are left for the user to Tab through. Ends with a newline.
 */
export function newPlanSnippet(body: readonly string[], organization: string, year: number): string {
  const name = organization.trim();
  const nameMark = '\u0000';
  let horizonIndent: number | undefined;
  const lines = body.map((line) => {
    // The strategy's horizon: the `horizon:` line and the lines indented more than it.
    const indent = line.length - line.trimStart().length;
    if (horizonIndent !== undefined && line.trim() !== '' && indent <= horizonIndent) horizonIndent = undefined;
    if (/^\s*horizon:\s*$/.test(line)) horizonIndent = indent;
    const lineYear = horizonIndent !== undefined && /^\s*end:/.test(line) ? year + 2 : year;
    const dated = line.replace(/\$\{CURRENT_YEAR\}|\$CURRENT_YEAR\b/g, String(lineYear));
    const marked = dated.replace(/\$\{1:[^}]*\}|\$1(?!\d)/g, nameMark);
    if (!marked.includes(nameMark)) return dated;
    // The name is (part of) the value of a `key: value` line, such as `title: $1 marketing 2027`:
    // that whole value becomes a YAML scalar, quoted if the name needs it.
    const keyValue = /^(\s*(?:- )?[A-Za-z]+: )(.*)$/.exec(marked);
    if (!keyValue || /\$[{\d]/.test(keyValue[2])) return marked.split(nameMark).join(snippetText(name));
    return keyValue[1] + snippetText(yamlScalar(keyValue[2].split(nameMark).join(name)));
  });
  return `${lines.join('\n')}\n`;
}

/**
 * The text a new plan starts with, in the reader's language: the whole-plan snippet with its placeholders and
 * comments translated, made ready for the organisation and the year. Undefined when the snippet is missing.
 */
export function newPlanText(organization: string, year: number, texts: Translator): string | undefined {
  const snippet = snippetWithPrefix('mktplan');
  return snippet && newPlanSnippet(localizedSnippetBody(snippet, texts), organization, year);
}

function snippetWithPrefix(prefix: string): SnippetDefinition | undefined {
  return Object.values(snippetFile as Record<string, SnippetDefinition>).find((entry) => entry.prefix === prefix);
}

/** Whether a plan file's text holds a plan: a top-level `plan:` key. */
export function holdsPlan(text: string): boolean {
  return /^plan[ \t]*:/m.test(text);
}

/** The file name proposed for the results of a plan: `<plan base name>.actuals.mktplan.yaml`. */
export function actualsFileName(planFileName: string): string {
  return `${planFileName.replace(/\.mktplan\.ya?ml$/i, '')}.actuals.mktplan.yaml`;
}

/**
 * The actuals-file snippet (prefix `mktplan-actuals`) made ready for one plan: the path that imports the plan in place of
 * the first placeholder, and every date it proposes set to `today` (`YYYY-MM-DD`), so that the figures are as of today
 * and the lines it starts with fall within them. Other placeholders are left for the user to Tab through. Ends with a newline.
 */
export function newActualsSnippet(body: readonly string[], planPath: string, today: string): string {
  const planValue = snippetText(yamlScalar(planPath));
  const lines = body.map((line) =>
    line
      .replace(/\$\{1:[^}]*\}|\$1(?!\d)/g, () => planValue)
      .replace(/\$\{CURRENT_YEAR\}-\d\d-\d\d/g, today)
      .replace(/\$\{CURRENT_YEAR\}|\$CURRENT_YEAR\b/g, today.slice(0, 4)),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The text a new results file starts with, in the reader's language: the actuals-file snippet with its placeholders
 * translated, made ready for the plan it imports (`planPath`, relative to the new file) and for today. Undefined when
 * the snippet is missing.
 */
export function newActualsText(planPath: string, today: string, texts: Translator): string | undefined {
  const snippet = snippetWithPrefix('mktplan-actuals');
  return snippet && newActualsSnippet(localizedSnippetBody(snippet, texts), planPath, today);
}

/** What `mktplan.newPlan` can be given by other extensions or tests, to skip its questions. */
interface NewPlanOptions {
  /** A new plan (the default), or with `plan` the results file of that plan. */
  kind?: 'plan' | 'actuals';
  organization?: string;
  year?: number;
  /** The plan whose results file to start, as a URI string. */
  plan?: string;
  /** Where to write the file, as a URI string; without it the user picks the file. */
  uri?: string;
}

/** What the command starts: a new plan, or the results file of a plan. */
type Start = { kind: 'plan' } | { kind: 'actuals'; plan: vscode.Uri };

/** How many of the plans already there the command offers to start a results file for. */
const offeredPlans = 5;

/** The plans in a folder (and its subfolders, where it is a workspace folder), newest first, at most `offeredPlans`. */
async function plansIn(folder: vscode.Uri): Promise<vscode.Uri[]> {
  const deep = vscode.workspace.getWorkspaceFolder(folder) !== undefined;
  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `${deep ? '**/' : ''}*.mktplan.{yaml,yml}`), '**/node_modules/**', 200);
  const plans = await Promise.all(
    files.map(async (uri) => {
      try {
        const [bytes, stat] = await Promise.all([vscode.workspace.fs.readFile(uri), vscode.workspace.fs.stat(uri)]);
        return holdsPlan(new TextDecoder().decode(bytes)) ? { uri, modified: stat.mtime } : undefined;
      } catch {
        // A file that went away or cannot be read is not offered.
        return undefined;
      }
    }),
  );
  return plans
    .filter((plan) => plan !== undefined)
    .sort((a, b) => b.modified - a.modified)
    .slice(0, offeredPlans)
    .map((plan) => plan.uri);
}

/** Asks whether to start a new plan or the results file of a plan the folder holds; a new plan without asking where it holds none. */
async function askWhatToStart(folder: vscode.Uri | undefined, texts: Translator, title: string): Promise<Start | undefined> {
  // A search that fails (a folder the search cannot reach) only means there is nothing to offer.
  const plans = folder ? await plansIn(folder).catch(() => []) : [];
  if (plans.length === 0) return { kind: 'plan' };
  const choices: Array<vscode.QuickPickItem & { start: Start }> = [
    { label: texts.t('client.newPlan.newPlan'), start: { kind: 'plan' } },
    ...plans.map((plan) => ({
      label: texts.t('client.newPlan.actualsOf', { '0': vscode.workspace.asRelativePath(plan, false) }),
      description: actualsFileName(baseName(plan.toString())),
      start: { kind: 'actuals', plan } as const,
    })),
  ];
  const picked = await vscode.window.showQuickPick(choices, { title, placeHolder: texts.t('client.newPlan.pick'), ignoreFocusOut: true });
  return picked?.start;
}

/** The folder a new plan is proposed in: that of the active editor's file, the first workspace folder, or the home folder where there is one. */
function proposedFolder(home: vscode.Uri | undefined): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri ?? home;
}

/**
 * The "New Marketing Plan" command: where the folder already holds plans, first asks whether to start a new
 * plan or the results file of one of them. For a plan, asks for the organisation's name and the plan's year,
 * proposes `<organisation>-<year>.mktplan.yaml` in the workspace folder, creates that file and opens it with the
 * whole-plan snippet inserted, so that the user can Tab through the rest; for a results file, proposes
 * `<plan>.actuals.mktplan.yaml` beside the plan and does the same with the actuals-file snippet.
 */
async function newPlan(home: vscode.Uri | undefined, options?: NewPlanOptions): Promise<void> {
  const given: NewPlanOptions = options && typeof options === 'object' && !(options instanceof vscode.Uri) ? options : {};
  const folder = proposedFolder(home);
  // In the language set for the folder the plan is proposed in (`mktplan.locale` may differ per folder).
  const texts = clientTexts(given.uri ? vscode.Uri.parse(given.uri) : folder);
  const title = texts.t('client.newPlan.title');

  // Options given by a caller say what to start; only a bare run of the command asks.
  const start: Start | undefined =
    given.kind === 'actuals' && given.plan
      ? { kind: 'actuals', plan: vscode.Uri.parse(given.plan) }
      : Object.keys(given).length === 0
        ? await askWhatToStart(folder, texts, title)
        : { kind: 'plan' };
  if (!start) return;
  if (start.kind === 'actuals') return newActuals(start.plan, given.uri, texts, title);

  const organization =
    given.organization ??
    (await vscode.window.showInputBox({
      title,
      prompt: texts.t('client.newPlan.namePrompt'),
      placeHolder: texts.t('client.newPlan.nameExample'),
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : texts.t('client.newPlan.nameMissing')),
    }));
  if (organization === undefined || !organization.trim()) return;

  const suggested = defaultPlanYear(new Date());
  const yearText =
    given.year !== undefined
      ? String(given.year)
      : await vscode.window.showInputBox({
          title,
          prompt: texts.t('client.newPlan.yearPrompt'),
          value: String(suggested),
          ignoreFocusOut: true,
          validateInput: (value) => (isPlanYear(value) ? undefined : texts.t('client.newPlan.yearInvalid', { '0': String(suggested) })),
        });
  if (yearText === undefined || !isPlanYear(yearText)) return;
  const year = Number(yearText.trim());

  const target = given.uri
    ? vscode.Uri.parse(given.uri)
    : await vscode.window.showSaveDialog({
        title,
        defaultUri: folder ? vscode.Uri.joinPath(folder, planFileName(organization, year)) : undefined,
        // `yaml`, not `mktplan.yaml`: a dialog takes the part after the last dot as the extension, and VS Code's own
        // dialog (in a browser) would add `.mktplan.yaml` to a name that already ends with it.
        filters: { [texts.t('client.newPlan.filter')]: ['yaml', 'yml'] },
        saveLabel: texts.t('client.newPlan.save'),
      });
  if (!target) return;

  const text = newPlanText(organization, year, texts);
  if (text === undefined) {
    void vscode.window.showErrorMessage(texts.t('client.newPlan.noSnippet'));
    return;
  }
  await createWithSnippet(target, text, texts);
}

/** Starts the results file of a plan: `uri`, or where the user saves it (proposed beside the plan), importing the plan, as of today. */
async function newActuals(plan: vscode.Uri, uri: string | undefined, texts: Translator, title: string): Promise<void> {
  const target = uri
    ? vscode.Uri.parse(uri)
    : await vscode.window.showSaveDialog({
        title,
        defaultUri: vscode.Uri.parse(joinUri(folderOf(plan.toString()), actualsFileName(baseName(plan.toString())))),
        filters: { [texts.t('client.newPlan.filter')]: ['yaml', 'yml'] },
        saveLabel: texts.t('client.newPlan.saveActuals'),
      });
  if (!target) return;
  // No relative path leads to a plan on another scheme or host: its name is left for the user to correct.
  const planPath = relativePath(folderOf(target.toString()), plan.toString()) ?? baseName(plan.toString());
  const text = newActualsText(planPath, localToday(), texts);
  if (text === undefined) {
    void vscode.window.showErrorMessage(texts.t('client.newPlan.noActualsSnippet'));
    return;
  }
  await createWithSnippet(target, text, texts);
}

/** Creates the file `target` (empty, replacing any), opens it as a plan and inserts the snippet `text` for the user to Tab through. */
async function createWithSnippet(target: vscode.Uri, text: string, texts: Translator): Promise<void> {
  try {
    await vscode.workspace.fs.writeFile(target, new Uint8Array());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(texts.t('client.newPlan.cannotCreate', { '0': target.fsPath || target.toString(), '1': reason }));
    return;
  }
  let document = await vscode.workspace.openTextDocument(target);
  // A name that does not end in .mktplan.yaml is still edited as a plan.
  if (document.languageId !== 'mktplan') document = await vscode.languages.setTextDocumentLanguage(document, 'mktplan');
  const editor = await vscode.window.showTextDocument(document);
  const inserted = await editor.insertSnippet(new vscode.SnippetString(text), new vscode.Position(0, 0));
  // The file on disk holds the plan at once; the snippet stays active for Tab.
  if (inserted) await document.save();
}

/** What the client's options are wherever it runs: the documents it serves, the files it watches, what it tells the server. */
export const clientOptions: LanguageClientOptions = {
  // Plans, and the shared configuration file whose mistakes are shown on its own lines.
  documentSelector: [{ language: 'mktplan' }, { pattern: '**/mktplan.config.{yaml,yml}' }],
  // The server offers the section snippets where each fits, in the user's language; VS Code shows
  // the findings under the cursor in its own hover, so the server need not repeat them.
  initializationOptions: { clientShowsFindingsOnHover: true },
};

/** The files whose changes the server is told of: plans, the configuration files, and the CSV exports actuals read. */
export function watchedFiles(): vscode.FileSystemWatcher {
  return vscode.workspace.createFileSystemWatcher('**/{*.mktplan.yaml,*.mktplan.yml,mktplan.config.yaml,mktplan.config.yml,*.csv}');
}

/**
 * Starts the extension on a language client, the same on the desktop and in a browser: the
 * commands, the preview, and the client itself. `home` is the folder a new plan is proposed in
 * when no folder is open, where there is a home folder.
 */
export async function startExtension(context: vscode.ExtensionContext, client: BaseLanguageClient, home?: vscode.Uri): Promise<void> {
  running = client;
  const preview = new PlanPreview(client, context.extensionUri);
  const comparison = new PlanComparison(client);
  context.subscriptions.push(
    preview,
    comparison,
    vscode.commands.registerCommand('mktplan.newPlan', (options?: NewPlanOptions) => newPlan(home, options)),
    vscode.commands.registerCommand('mktplan.restartServer', async () => {
      await client.stop();
      await client.start();
    }),
    vscode.commands.registerCommand('mktplan.showPreviewToSide', (uri?: vscode.Uri) =>
      uri instanceof vscode.Uri ? vscode.workspace.openTextDocument(uri).then((document) => preview.show(document)) : preview.show(),
    ),
    vscode.commands.registerCommand('mktplan.exportReport', () => exportReport(client)),
    vscode.commands.registerCommand('mktplan.compareWithRevision', (uri?: vscode.Uri) =>
      uri instanceof vscode.Uri ? vscode.workspace.openTextDocument(uri).then((document) => comparison.pickAndShow(document)) : comparison.pickAndShow(),
    ),
    client.onRequest(readAtRevisionRequest, readAtRevision),
    // The preview open when the window was reloaded or VS Code closed comes back, showing its plan.
    vscode.window.registerWebviewPanelSerializer(previewViewType, { deserializeWebviewPanel: (panel, state) => preview.restore(panel, state) }),
  );
  await client.start();
}

let running: BaseLanguageClient | undefined;

/** Stops the language client, and its server, as VS Code deactivates the extension. */
export async function deactivate(): Promise<void> {
  await running?.stop();
  running = undefined;
}
