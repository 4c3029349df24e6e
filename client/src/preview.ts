import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportRequest, previewRequest, type ExportParams, type PreviewParams, type PreviewResult } from '../../server/src/previewProtocol';
import { localToday } from '../../server/src/report/today';

/** How long typing pauses before the preview follows: long enough not to redraw on every key. */
const updateDelay = 250;

const isPlan = (document: vscode.TextDocument) => document.languageId === 'mktplan';

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

/** The webview's page: the report's style sheet and the script that swaps panels in and reveals lines, nothing from outside. */
function page(webview: vscode.Webview, style: string, body: string, language: string): string {
  const key = nonce();
  const policy = [`default-src 'none'`, `style-src 'nonce-${key}'`, `script-src 'nonce-${key}'`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${key}">${style}</style>
</head>
<body>
<div class="notice" id="notice" role="status" aria-live="polite" hidden></div>
<main class="report" id="report">${body}</main>
<script nonce="${key}">
const vscode = acquireVsCodeApi();
const report = document.getElementById('report');
const notice = document.getElementById('notice');
window.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'update') {
    report.innerHTML = message.body;
    notice.hidden = true;
  } else if (message.type === 'stale') {
    notice.textContent = message.notice;
    notice.hidden = false;
  }
});
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (!link) return;
  event.preventDefault();
  if (link.classList.contains('goto')) {
    vscode.postMessage({ type: 'reveal', file: link.dataset.file, line: Number(link.dataset.line), character: Number(link.dataset.character) });
  } else if (link.hash) {
    document.getElementById(link.hash.slice(1))?.scrollIntoView();
  }
});
</script>
</body>
</html>`;
}

/**
 * The preview beside the editor: it shows the active plan, follows the editor to another plan,
 * redraws a moment after typing stops, and keeps its last drawing (with a notice) while the text
 * does not parse. A click on an item puts the cursor on it.
 */
export class PlanPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Each request's number: an answer to an older one than the last shown is dropped. */
  private requested = 0;
  private shown = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isPlan(editor.document) && editor.document !== this.document) {
          this.document = editor.document;
          void this.update();
        }
      }),
      vscode.workspace.onDidChangeTextDocument((change) => {
        if (this.panel && change.document === this.document) this.schedule();
      }),
      // Another language, or other settings, reword the panels.
      vscode.workspace.onDidChangeConfiguration((change) => {
        if (this.panel && change.affectsConfiguration('mktplan')) this.schedule();
      }),
    );
  }

  /** Opens the preview of a plan (the active one by default) beside its editor, or brings it to the plan. */
  async show(document: vscode.TextDocument | undefined = vscode.window.activeTextEditor?.document): Promise<void> {
    if (!document || !isPlan(document)) return;
    this.document = document;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'mktplan.preview',
        vscode.l10n.t('Plan Preview'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        // Scripts for the links back to the editor; nothing is read from outside the extension.
        { enableScripts: true, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')] },
      );
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'mktplan-file.svg');
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        clearTimeout(this.timer);
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.reveal(message));
      this.shown = 0;
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.update();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), updateDelay);
  }

  private async update(): Promise<void> {
    const [panel, document] = [this.panel, this.document];
    if (!panel || !document) return;
    const request = ++this.requested;
    const params: PreviewParams = { uri: document.uri.toString(), today: localToday() };
    let result: PreviewResult | null;
    try {
      result = await this.client.sendRequest<PreviewResult | null>(previewRequest, params);
    } catch {
      return;
    }
    if (!result || request < this.shown || panel !== this.panel) return;
    panel.title = result.title;
    if (!result.parses) {
      // Nothing drawn yet: the notice alone, until the text parses.
      if (this.shown === 0) panel.webview.html = page(panel.webview, '', '', vscode.env.language);
      void panel.webview.postMessage({ type: 'stale', notice: result.notice });
      return;
    }
    if (this.shown === 0) panel.webview.html = page(panel.webview, result.style, result.body, vscode.env.language);
    else void panel.webview.postMessage({ type: 'update', body: result.body });
    this.shown = request;
  }

  /** Puts the cursor where the item the user clicked is written: in the plan, or in a file it imports. */
  private async reveal(message: unknown): Promise<void> {
    const { type, file, line, character } = (message ?? {}) as { type?: unknown; file?: unknown; line?: unknown; character?: unknown };
    if (type !== 'reveal' || typeof file !== 'string' || !/\.mktplan\.ya?ml$/.test(file) || !Number.isInteger(line) || !Number.isInteger(character)) return;
    const position = new vscode.Position(line as number, character as number);
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.fsPath === file);
    const editor = await vscode.window.showTextDocument(visible?.document.uri ?? vscode.Uri.file(file), {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** "Export Report": the active plan as an HTML page or Markdown, saved where the user says. */
export async function exportReport(client: LanguageClient): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || !isPlan(document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a marketing plan to export its report.'));
    return;
  }
  const html = { label: vscode.l10n.t('HTML page'), detail: vscode.l10n.t('One file that opens in any browser and prints on A4'), format: 'html' as const };
  const markdown = { label: vscode.l10n.t('Markdown'), detail: vscode.l10n.t('For a wiki or a merge request'), format: 'md' as const };
  const choice = await vscode.window.showQuickPick([html, markdown], { title: vscode.l10n.t('Export Report') });
  if (!choice) return;
  const base = document.uri.path.replace(/\.mktplan\.ya?ml$/, '').replace(/\.ya?ml$/, '');
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Report'),
    defaultUri: document.uri.with({ path: `${base}.${choice.format}` }),
    filters: { [choice.label]: [choice.format] },
  });
  if (!target) return;
  const params: ExportParams = { uri: document.uri.toString(), format: choice.format, today: localToday(), changed: document.isDirty };
  const text = await client.sendRequest<string | null>(exportRequest, params);
  if (text === null) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const open = vscode.l10n.t('Open');
  if ((await vscode.window.showInformationMessage(vscode.l10n.t('Report saved to {0}.', target.fsPath || target.toString()), open)) === open) {
    await vscode.env.openExternal(target);
  }
}
