import { CodeActionKind, type CodeAction, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { translatorFor } from '../service';
import { requestParams } from './requestParams';
import type { ServerState } from './state';

/** The code action kind that applies every safe fix, for `editor.codeActionsOnSave`. */
export const fixAllKind = 'source.fixAll.mktplan';

type Edit = { file: string; range: Range; text: string; snippet?: string };

/** Quick fixes and fix-all. */
export function listenActions(state: ServerState): void {
  const { connection, documents, client } = state;

  /** Edits as a workspace edit: snippet edits where the client takes them and a fix has tab stops, plain ones otherwise. */
  function workspaceEdit(edits: readonly Edit[]): WorkspaceEdit {
    const byUri = new Map<string, Edit[]>();
    for (const edit of edits) {
      // An open document's edits go under the client's own spelling of its URI.
      const uri = documents.get(edit.file)?.uri ?? edit.file;
      byUri.set(uri, [...(byUri.get(uri) ?? []), edit]);
    }
    if (client.takesSnippetEdits && edits.some((edit) => edit.snippet !== undefined && edit.snippet !== edit.text)) {
      return {
        documentChanges: [...byUri].map(([uri, list]) => ({
          textDocument: { uri, version: documents.get(uri)?.version ?? null },
          edits: list.map((edit) => (edit.snippet !== undefined ? { range: edit.range, snippet: { kind: 'snippet', value: edit.snippet } } : { range: edit.range, newText: edit.text })),
        })) as WorkspaceEdit['documentChanges'],
      };
    }
    return { changes: Object.fromEntries([...byUri].map(([uri, list]) => [uri, list.map((edit) => ({ range: edit.range, newText: edit.text }))])) };
  }

  connection.onCodeAction(
    state.checked('textDocument/codeAction', requestParams.codeAction, async (params) => {
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((asked) => kind === asked || kind.startsWith(asked + '.'));
      const settings = await state.settings.of(params.textDocument.uri);
      const actions: CodeAction[] = [];
      if (wants(fixAllKind)) {
        const fixed = await state.onDocument(params.textDocument.uri, 'actions', (engine, uri, text) => engine.fixAll(uri, text, settings));
        if (fixed && fixed.edits.length > 0) {
          actions.push({ title: translatorFor(settings.locale).t('fix.all'), kind: fixAllKind, edit: workspaceEdit(fixed.edits.map(({ file, range, text }) => ({ file, range, text }))) });
        }
      }
      if (wants(CodeActionKind.QuickFix)) {
        const found = await state.onDocument(params.textDocument.uri, 'actions', (engine, uri, text) => engine.codeActions(uri, text, params.range, settings, { snippets: client.takesSnippetEdits }));
        for (const action of found ?? []) {
          actions.push({ title: action.title, kind: CodeActionKind.QuickFix, diagnostics: [action.diagnostic], isPreferred: action.isPreferred, edit: workspaceEdit(action.edits) });
        }
      }
      return actions;
    }),
  );
}
