import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import snippetFile from '../../snippets/mktplan.json';

let client: LanguageClient | undefined;

/** The "New Marketing Plan" command: an untitled plan filled from the whole-plan snippet. */
async function newPlan(): Promise<void> {
  const snippet = Object.values(snippetFile as Record<string, { prefix: string; body: string[] }>).find((entry) => entry.prefix === 'mktplan');
  const document = await vscode.workspace.openTextDocument({ language: 'mktplan', content: '' });
  const editor = await vscode.window.showTextDocument(document);
  if (snippet) await editor.insertSnippet(new vscode.SnippetString(snippet.body.join('\n')));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The server is bundled with the extension and runs in VS Code's own Node: nothing is downloaded or looked up on PATH.
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Plans, and the shared configuration file whose mistakes are shown on its own lines.
    documentSelector: [{ language: 'mktplan' }, { scheme: 'file', pattern: '**/mktplan.config.{yaml,yml}' }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.mktplan.yaml,*.mktplan.yml,mktplan.config.yaml,mktplan.config.yml}') },
    // VS Code offers the contributed snippets itself: the server need not offer them again.
    initializationOptions: { clientProvidesSnippets: true },
  };
  client = new LanguageClient('mktplan', 'mktplan', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('mktplan.newPlan', newPlan),
    vscode.commands.registerCommand('mktplan.restartServer', () => client?.restart()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
