import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { compareRequest, type CompareParams, type CompareResult, type ReadAtRevisionParams, type ReadFileResult } from '../../server/src/lsp/protocol';
import { toBase64 } from './base64';
import { gitApi, refsOf, RefType, type Repository } from './git';
import { previewPage, revealClicked } from './preview';
import { clientLocale, clientTexts } from './texts';

/** How long typing pauses before the comparison follows, as the preview does. */
const updateDelay = 250;

const isPlan = (document: vscode.TextDocument) => document.languageId === 'mktplan';

/** A revision to compare with, as picked: its name, and the commit it names now (`HEAD` moves with each commit). */
interface Revision {
  name: string;
  repository: Repository;
}

/** What a text of the client names a file by: its path in the workspace. */
const shownName = (uri: vscode.Uri) => vscode.workspace.asRelativePath(uri, false);

/**
 * "Compare with a Revision…": the open plan against its version at a Git revision (the last
 * commit, or a branch or tag picked from a list), by meaning, as `mktplan diff` reports it, beside
 * the editor in the preview's look. It follows the plan's edits and the repository's new commits.
 */
export class PlanComparison implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private revision: Revision | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Each request's number: an answer to an older request than the last one shown is dropped. */
  private requested = 0;
  private applied = 0;
  /** Whether the page shows a comparison, which a message can replace; else the next one is a new page. */
  private showsComparison = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private repositoryListener: vscode.Disposable | undefined;

  constructor(private readonly client: BaseLanguageClient) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((change) => {
        if (this.panel && change.document === this.document) this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((change) => {
        if (this.panel && change.affectsConfiguration('mktplan')) this.schedule();
      }),
    );
  }

  /** Asks which revision to compare the active plan with, checks that the plan is there, and shows the comparison. */
  async pickAndShow(document: vscode.TextDocument | undefined = vscode.window.activeTextEditor?.document): Promise<void> {
    const texts = clientTexts(document?.uri);
    if (!document || !isPlan(document)) {
      void vscode.window.showInformationMessage(texts.t('client.compare.noPlan'));
      return;
    }
    const git = await gitApi();
    if (!git) {
      void vscode.window.showWarningMessage(texts.t('client.compare.noGit'));
      return;
    }
    const repository = document.uri.scheme === 'file' ? git.getRepository(document.uri) : null;
    if (!repository) {
      void vscode.window.showInformationMessage(texts.t('client.compare.noRepository', { '0': shownName(document.uri) }));
      return;
    }
    if (!repository.state.HEAD?.commit) {
      void vscode.window.showInformationMessage(texts.t('client.compare.noCommit'));
      return;
    }
    const name = await pickRevision(repository, texts);
    if (name === undefined) return;
    const commit = await repository.getCommit(name).then(
      (found) => found.hash,
      () => undefined,
    );
    if (commit === undefined) {
      void vscode.window.showErrorMessage(texts.t('client.compare.unknownRevision', { '0': name }));
      return;
    }
    if (!(await repository.buffer(commit, document.uri.fsPath).then(() => true, () => false))) {
      const revision = name === 'HEAD' ? texts.t('client.compare.lastCommit') : name;
      void vscode.window.showInformationMessage(texts.t('client.compare.notCommitted', { '0': shownName(document.uri), '1': revision }));
      return;
    }
    this.show(document, { name, repository });
  }

  private show(document: vscode.TextDocument, revision: Revision): void {
    this.document = document;
    this.revision = revision;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel('mktplan.comparison', clientTexts(document.uri).t('client.compare.title'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        enableFindWidget: true,
        // A small page, kept while hidden, so that an update posted to it is never lost.
        retainContextWhenHidden: true,
        localResourceRoots: [],
      });
      this.panel = panel;
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.repositoryListener?.dispose();
        clearTimeout(this.timer);
      });
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if ((message as { type?: unknown } | null)?.type === 'reveal') void revealClicked(message);
      });
      this.showsComparison = false;
    } else {
      this.panel.reveal(undefined, true);
    }
    // A new commit moves `HEAD`, and a fetch a remote branch: the comparison follows.
    this.repositoryListener?.dispose();
    this.repositoryListener = revision.repository.state.onDidChange(() => this.schedule());
    void this.update();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), updateDelay);
  }

  private async update(): Promise<void> {
    const [panel, document, revision] = [this.panel, this.document, this.revision];
    if (!panel || !document || !revision) return;
    const request = ++this.requested;
    const commit = await revision.repository.getCommit(revision.name).then(
      (found) => found.hash,
      () => undefined,
    );
    let result: CompareResult | null;
    if (commit === undefined) {
      const texts = clientTexts(document.uri);
      result = { kind: 'notice', title: texts.t('client.compare.title'), notice: texts.t('client.compare.unknownRevision', { '0': revision.name }) };
    } else {
      const params: CompareParams = { uri: document.uri.toString(), commit, revision: revision.name, repository: revision.repository.rootUri.toString() };
      try {
        result = await this.client.sendRequest<CompareResult | null>(compareRequest, params);
      } catch {
        return;
      }
    }
    // Answers can come back out of order: only a newer one is shown.
    if (!result || request < this.applied || panel !== this.panel) return;
    this.applied = request;
    panel.title = result.title;
    if (result.kind === 'compared') {
      if (this.showsComparison) void panel.webview.postMessage({ type: 'update', body: result.body, uri: planUri(document) });
      else this.setPage(panel, document, result.style, result.body, undefined);
      this.showsComparison = true;
    } else if (this.showsComparison) {
      // The last comparison stays, under the notice, while the plan does not parse.
      void panel.webview.postMessage({ type: 'stale', notice: result.notice });
    } else {
      this.setPage(panel, document, '', '', result.notice);
    }
  }

  private setPage(panel: vscode.WebviewPanel, document: vscode.TextDocument, style: string, body: string, notice: string | undefined): void {
    const language = clientLocale(vscode.workspace.getConfiguration('mktplan', document.uri).get<string>('locale'), vscode.env.language);
    panel.webview.html = previewPage(panel.webview, style, body, notice, language, planUri(document));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.repositoryListener?.dispose();
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The URI the page remembers its plan by. */
const planUri = (document: vscode.TextDocument) => document.uri.toString();

/** The revisions on offer: the last commit first (the default), then the branches, the remote branches and the tags. */
async function pickRevision(repository: Repository, texts: ReturnType<typeof clientTexts>): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { revision?: string };
  const head = repository.state.HEAD;
  const short = (commit: string | undefined) => commit?.slice(0, 8) ?? '';
  const lastCommit = await repository.getCommit('HEAD').then(undefined, () => undefined);
  const items: Item[] = [
    {
      label: `$(git-commit) ${texts.t('client.compare.lastCommit')}`,
      description: head?.name !== undefined ? `HEAD · ${head.name}` : 'HEAD',
      detail: lastCommit ? `${short(lastCommit.hash)} ${lastCommit.message.split('\n')[0]}` : undefined,
      revision: 'HEAD',
    },
  ];
  const groups: Array<[RefType, string, string]> = [
    [RefType.Head, texts.t('client.compare.branches'), '$(git-branch)'],
    [RefType.RemoteHead, texts.t('client.compare.remoteBranches'), '$(cloud)'],
    [RefType.Tag, texts.t('client.compare.tags'), '$(tag)'],
  ];
  const refs = await refsOf(repository);
  for (const [type, heading, icon] of groups) {
    const own = refs.filter((ref) => ref.type === type);
    if (own.length === 0) continue;
    items.push({ label: heading, kind: vscode.QuickPickItemKind.Separator });
    for (const ref of own) items.push({ label: `${icon} ${ref.name}`, description: short(ref.commit), revision: ref.name });
  }
  const picked = await vscode.window.showQuickPick(items, { title: texts.t('client.compare.title'), placeHolder: texts.t('client.compare.placeholder'), matchOnDescription: true });
  return picked?.revision;
}

/**
 * `mktplan/readAtRevision`: a file's bytes at a commit, read through the Git extension, for the
 * server's old version of a plan and of the files it imports.
 */
export async function readAtRevision({ uri, commit, limit }: ReadAtRevisionParams): Promise<ReadFileResult> {
  const target = vscode.Uri.parse(uri);
  const repository = target.scheme === 'file' ? (await gitApi())?.getRepository(target) : undefined;
  if (!repository) return { kind: 'missing' };
  try {
    const bytes = await repository.buffer(commit, target.fsPath);
    return { kind: 'ok', base64: toBase64(bytes.subarray(0, limit + 1)), size: bytes.length };
  } catch {
    // Git says so for a path the commit does not hold.
    return { kind: 'missing' };
  }
}
