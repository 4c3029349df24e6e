import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import snippetFile from '../../snippets/mktplan.json';
import type { Translator } from '../../server/src/service/i18n/translator';
import { localizedSnippetBody, type SnippetDefinition } from '../../server/src/service/i18n/snippets';
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
  const snippet = Object.values(snippetFile as Record<string, SnippetDefinition>).find((entry) => entry.prefix === 'mktplan');
  return snippet && newPlanSnippet(localizedSnippetBody(snippet, texts), organization, year);
}

/** What `mktplan.newPlan` can be given by other extensions or tests, to skip its questions. */
interface NewPlanOptions {
  organization?: string;
  year?: number;
  /** Where to write the plan, as a URI string; without it the user picks the file. */
  uri?: string;
}

/** The folder a new plan is proposed in: that of the active editor's file, the first workspace folder, or the home folder where there is one. */
function proposedFolder(home: vscode.Uri | undefined): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri ?? home;
}

/**
 * The "New Marketing Plan" command: asks for the organisation's name and the plan's year, proposes
 * `<organisation>-<year>.mktplan.yaml` in the workspace folder, creates that file and opens it with the
 * whole-plan snippet inserted, so that the user can Tab through the rest.
 */
async function newPlan(home: vscode.Uri | undefined, options?: NewPlanOptions): Promise<void> {
  const given = options && typeof options === 'object' && !(options instanceof vscode.Uri) ? options : {};
  const folder = proposedFolder(home);
  // In the language set for the folder the plan is proposed in (`mktplan.locale` may differ per folder).
  const texts = clientTexts(given.uri ? vscode.Uri.parse(given.uri) : folder);
  const title = texts.t('client.newPlan.title');

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
