import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { exportRequest, previewRequest, type ExportParams, type PreviewParams, type PreviewResult } from '../../server/src/lsp/protocol';
import { escapeHtml } from '../../server/src/report/escape';
import { localToday } from '../../server/src/report/today';
import { clientLocale, clientTexts } from './texts';

/** How long typing pauses before the preview follows: long enough not to redraw on every key. */
const updateDelay = 250;

const isPlan = (document: vscode.TextDocument) => document.languageId === 'mktplan';

/** The preview's webview type: the name its serializer is registered under, and its activation event's. */
export const previewViewType = 'mktplan.preview';

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}


/**
 * The webview's page: the report's style sheet, the panels, the notice (shown while `notice` is given), and the
 * script that swaps panels in, reveals lines and keeps the scroll position; nothing from outside. The preview's and
 * the comparison's.
 */
export function previewPage(webview: vscode.Webview, style: string, body: string, notice: string | undefined, language: string, plan: string): string {
  const key = nonce();
  // The plan's URI as a script literal: `<` escaped, so that no text in it can close the script.
  const planLiteral = JSON.stringify(plan).replace(/</g, '\\u003c');
  const policy = [`default-src 'none'`, `style-src 'nonce-${key}'`, `script-src 'nonce-${key}'`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${key}">${style}</style>
</head>
<body>
<div class="notice" id="notice" role="status" aria-live="polite"${notice === undefined ? ' hidden' : ''}>${escapeHtml(notice ?? '')}</div>
<main class="report" id="report">${body}</main>
<script nonce="${key}">
const vscode = acquireVsCodeApi();
const report = document.getElementById('report');
const notice = document.getElementById('notice');
// The state VS Code keeps while the panel is hidden and across a window reload, when it is handed to the
// extension's serializer: which plan is shown, how wide, and where the reader was.
const remember = (change) => vscode.setState({ ...vscode.getState(), ...change });
remember({ uri: ${planLiteral} });
window.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'update') {
    report.innerHTML = message.body;
    notice.hidden = true;
    remember({ uri: message.uri });
  } else if (message.type === 'stale') {
    notice.textContent = message.notice;
    notice.hidden = false;
  }
});
// Where the reader was, given back to the page VS Code loads again.
const saved = vscode.getState();
if (saved && typeof saved.scrollY === 'number') window.scrollTo(0, saved.scrollY);
let saving = false;
window.addEventListener('scroll', () => {
  if (saving) return;
  saving = true;
  requestAnimationFrame(() => {
    saving = false;
    remember({ scrollY: window.scrollY });
  });
}, { passive: true });
// The report's width, when it changes much: the charts are drawn as wide, so their text keeps its size.
let reportedWidth = 0;
const reportWidth = () => {
  const style = getComputedStyle(report);
  const width = Math.round(report.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
  if (Math.abs(width - reportedWidth) < 40) return;
  reportedWidth = width;
  remember({ width });
  vscode.postMessage({ type: 'width', width });
};
new ResizeObserver(() => requestAnimationFrame(reportWidth)).observe(report);
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  if (!link) return;
  event.preventDefault();
  if (link.classList.contains('goto')) {
    // Not on to VS Code's own handler of links in webviews, which scrolls to the top on href="#".
    event.stopPropagation();
    vscode.postMessage({ type: 'reveal', file: link.dataset.file, line: Number(link.dataset.line), character: Number(link.dataset.character) });
  } else if (link.hash) {
    event.stopPropagation();
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
  /** Each request's number: an answer to an older request than the last one shown is dropped. */
  private requested = 0;
  private applied = 0;
  /** The last panels that parsed, of which document, with their style sheet; and the notice while the text does not parse. */
  private latest: { uri: string; style: string; body: string } | undefined;
  private notice: string | undefined;
  /**
   * What the webview's page (its `html`) holds: nothing yet, the notice alone, or the report. Once messages have
   * changed what it shows, `current` is false: a webview that is hidden loses its page, and VS Code loads the
   * `html` last set when it shows again, so that must then be set again.
   */
  private pageHolds: 'nothing' | 'notice' | 'report' = 'nothing';
  private current = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** How wide the page's report is, once it has said: the charts are drawn as wide. */
  private width: number | undefined;

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly extensionUri: vscode.Uri,
  ) {
    const exportsWatcher = vscode.workspace.createFileSystemWatcher('**/*.csv');
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isPlan(editor.document) && editor.document !== this.document) {
          this.document = editor.document;
          void this.update();
        }
      }),
      // The plan's own edits, and those of the files its preview reads too: the actuals that measure it.
      vscode.workspace.onDidChangeTextDocument((change) => {
        if (this.panel && (change.document === this.document || isPlan(change.document))) this.schedule();
      }),
      // A CSV export the actuals read, replaced on disk.
      exportsWatcher,
      exportsWatcher.onDidChange(() => this.panel && this.schedule()),
      exportsWatcher.onDidCreate(() => this.panel && this.schedule()),
      exportsWatcher.onDidDelete(() => this.panel && this.schedule()),
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
      this.adopt(
        vscode.window.createWebviewPanel(previewViewType, clientTexts(document.uri).t('client.preview.title'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
          ...this.webviewOptions(),
          enableFindWidget: true,
        }),
      );
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.update();
  }

  /**
   * The preview VS Code restores after a window reload, in its place: the plan it showed, read from the state
   * its page kept, is previewed again. A panel whose plan is gone is closed.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    // The state the page kept: `{ uri, width, scrollY }`.
    const { uri, width } = (state ?? {}) as { uri?: unknown; width?: unknown };
    let document: vscode.TextDocument | undefined;
    try {
      document = typeof uri === 'string' ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true)) : undefined;
    } catch {
      document = undefined;
    }
    if (!document || !isPlan(document)) {
      panel.dispose();
      return;
    }
    // One preview at a time: a restored one takes the place of any other.
    this.panel?.dispose();
    panel.webview.options = this.webviewOptions();
    this.document = document;
    // Drawn at once as wide as it was, so that the reader's scroll position falls where it did.
    if (typeof width === 'number' && Number.isFinite(width) && width > 0) this.width = width;
    this.adopt(panel);
    await this.update();
  }

  /** Scripts for the links back to the editor; nothing is read from outside the extension. */
  private webviewOptions(): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')] };
  }

  /** Makes a new or restored panel the preview's, showing nothing yet. */
  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'images', 'mktplan-file.svg');
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      clearTimeout(this.timer);
    });
    panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message));
    // Hidden, the webview loses its page: the one it loads when it shows again must be the latest.
    panel.onDidChangeViewState(() => {
      if (!panel.visible && !this.current && this.panel === panel) this.setPage(panel);
    });
    this.applied = 0;
    this.latest = undefined;
    this.notice = undefined;
    this.pageHolds = 'nothing';
    this.current = false;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), updateDelay);
  }

  private async update(): Promise<void> {
    const [panel, document] = [this.panel, this.document];
    if (!panel || !document) return;
    const request = ++this.requested;
    const params: PreviewParams = { uri: document.uri.toString(), today: localToday(), width: this.width };
    let result: PreviewResult | null;
    try {
      result = await this.client.sendRequest<PreviewResult | null>(previewRequest, params);
    } catch {
      return;
    }
    // Answers can come back out of order (a drawing takes longer than a notice): only a newer one is shown.
    if (!result || request < this.applied || panel !== this.panel) return;
    this.applied = request;
    panel.title = result.title;
    if (result.parses) {
      this.latest = { uri: params.uri, style: result.style, body: result.body };
      this.notice = undefined;
      if (this.pageHolds === 'report' && panel.visible) this.post(panel, { type: 'update', body: result.body, uri: params.uri });
      else this.setPage(panel);
      return;
    }
    this.notice = result.notice;
    // Another plan's last drawing is not this one's: the notice alone.
    if (this.latest && this.latest.uri !== params.uri) {
      this.latest = undefined;
      this.setPage(panel);
    } else if (this.pageHolds !== 'nothing' && panel.visible) this.post(panel, { type: 'stale', notice: result.notice });
    else this.setPage(panel);
  }

  private post(panel: vscode.WebviewPanel, message: { type: 'update'; body: string; uri: string } | { type: 'stale'; notice: string }): void {
    void panel.webview.postMessage(message);
    this.current = false;
  }

  /** A new page with what the preview shows now: loaded at once if the panel is visible, else when it shows. */
  private setPage(panel: vscode.WebviewPanel): void {
    // The page's language is the one its panels are written in: `mktplan.locale` for the plan.
    const language = clientLocale(vscode.workspace.getConfiguration('mktplan', this.document?.uri).get<string>('locale'), vscode.env.language);
    panel.webview.html = previewPage(panel.webview, this.latest?.style ?? '', this.latest?.body ?? '', this.notice, language, this.document?.uri.toString() ?? '');
    this.pageHolds = this.latest ? 'report' : 'notice';
    this.current = true;
  }

  /** A message from the page: the report's new width, or a click on an item. */
  private receive(message: unknown): void {
    const { type, width } = (message ?? {}) as { type?: unknown; width?: unknown };
    if (type === 'width' && typeof width === 'number' && Number.isFinite(width) && width > 0) {
      this.width = width;
      this.schedule();
    } else if (type === 'reveal') void revealClicked(message);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Puts the cursor where the item the user clicked in a page is written: in the plan, or in a file it imports. */
export async function revealClicked(message: unknown): Promise<void> {
  const { file, line, character } = (message ?? {}) as { file?: unknown; line?: unknown; character?: unknown };
  if (typeof file !== 'string' || !/\.mktplan\.ya?ml$/.test(file) || !Number.isInteger(line) || !Number.isInteger(character)) return;
  const position = new vscode.Position(line as number, character as number);
  // The server names files by URI, a folder of github.dev's as well as one on a disk.
  const target = vscode.Uri.parse(file);
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === target.toString());
  const editor = await vscode.window.showTextDocument(visible?.document.uri ?? target, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** "Export Report": the active plan as an HTML page or Markdown, saved where the user says. */
export async function exportReport(client: BaseLanguageClient): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const texts = clientTexts(document?.uri);
  if (!document || !isPlan(document)) {
    void vscode.window.showInformationMessage(texts.t('client.export.noPlan'));
    return;
  }
  const html = { label: texts.t('client.export.html'), detail: texts.t('client.export.htmlDetail'), format: 'html' as const };
  const markdown = { label: texts.t('client.export.markdown'), detail: texts.t('client.export.markdownDetail'), format: 'md' as const };
  const choice = await vscode.window.showQuickPick([html, markdown], { title: texts.t('client.export.title') });
  if (!choice) return;
  const base = document.uri.path.replace(/\.mktplan\.ya?ml$/, '').replace(/\.ya?ml$/, '');
  const target = await vscode.window.showSaveDialog({
    title: texts.t('client.export.title'),
    defaultUri: document.uri.with({ path: `${base}.${choice.format}` }),
    filters: { [choice.label]: [choice.format] },
  });
  if (!target) return;
  const params: ExportParams = { uri: document.uri.toString(), format: choice.format, today: localToday(), changed: document.isDirty };
  const text = await client.sendRequest<string | null>(exportRequest, params);
  if (text === null) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const open = texts.t('client.export.open');
  if ((await vscode.window.showInformationMessage(texts.t('client.export.saved', { '0': target.fsPath || target.toString() }), open)) === open) await openExported(target, choice.format);
}

/**
 * Opens an exported report. An HTML page opens in the default browser where VS Code runs on the desktop
 * with its files; in a browser (code-server, vscode.dev) or a remote window a file URI means nothing to the
 * browser, so the page is opened in the editor and shown in the Explorer, where it can be downloaded.
 * Markdown is read in the editor everywhere.
 */
async function openExported(target: vscode.Uri, format: 'html' | 'md'): Promise<void> {
  const local = vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined && target.scheme === 'file';
  if (format === 'html' && local && (await vscode.env.openExternal(target))) return;
  await vscode.commands.executeCommand('vscode.open', target);
  if (format === 'html') await vscode.commands.executeCommand('revealInExplorer', target);
}
