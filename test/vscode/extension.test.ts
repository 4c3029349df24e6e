// The same scenarios as the code-server run (test/e2e), through VS Code's own API.
import { strict as assert } from 'node:assert';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';

const examples = nodePath.resolve(__dirname, '../../examples');

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(nodePath.join(examples, name)));
  return vscode.window.showTextDocument(document);
}

function positionOf(document: vscode.TextDocument, marker: string): vscode.Position {
  const index = document.getText().indexOf(marker);
  assert.ok(index >= 0, marker);
  return document.positionAt(index);
}

describe('mktplan in VS Code', () => {
  it('shows the findings of a draft plan with their rule ids', async () => {
    const editor = await open('draft.mktplan.yaml');
    assert.equal(editor.document.languageId, 'mktplan');
    const diagnostics = await until(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri);
      return found.length > 0 ? found : undefined;
    }, 'diagnostics');
    const codes = diagnostics.map((diagnostic) => (typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code)));
    assert.ok(codes.includes('plan/kpis-missing') && codes.includes('strategy/swot-missing'), codes.join(', '));
  });

  it('shows the definition and source of `swot` on hover', async () => {
    const editor = await open('saigon-bean.mktplan.yaml');
    const hovers = await until(async () => {
      const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, 'swot:'));
      return result.length > 0 ? result : undefined;
    }, 'hover');
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /SWOT/);
    assert.match(text, /Source: /);
  });

  it('suggests the keys a section is missing', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'mktplan', content: 'mktplan: "1"\nplan:\n  owner: minh\n  ' });
    await vscode.window.showTextDocument(document);
    const list = await until(async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(3, 2));
      return result.items.length > 0 ? result : undefined;
    }, 'completion');
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('kpis') && labels.includes('budget'), labels.join(', '));
  });

  it('creates a whole plan from the New Marketing Plan command', async () => {
    // The answers to its questions given up front: the organisation, the year and where the file goes.
    const uri = vscode.Uri.file(require('node:path').join(require('node:os').tmpdir(), `bloom-${Date.now()}.mktplan.yaml`));
    await vscode.commands.executeCommand('mktplan.newPlan', { organization: 'Bloom', year: 2028, uri: uri.toString() });
    const editor = await until(() => (vscode.window.activeTextEditor?.document.languageId === 'mktplan' ? vscode.window.activeTextEditor : undefined), 'new plan');
    const text = editor.document.getText();
    assert.match(text, /^mktplan: "1"/);
    assert.match(text, /\nstrategy:/);
    assert.match(text, /\nplan:/);
  });
});
