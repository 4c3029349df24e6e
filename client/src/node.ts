import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ServerOptions } from 'vscode-languageclient/node';
import { localesOnDisk } from '../../server/src/hosts/locales';
import { useTranslations } from '../../server/src/service/i18n/translations';
import { clientOptions, startExtension, watchedFiles } from './extension';

// The extension in VS Code on the desktop (or in a remote's Node extension host): the server runs in VS Code's own Node.

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The client's own texts in each language ship beside the bundles, as the server's do; read when first shown.
  useTranslations(localesOnDisk(context.asAbsolutePath('dist/locales')));
  // Loaded here rather than at the top so that the helpers of ./extension load without VS Code (in the unit tests).
  const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
  // The server is bundled with the extension: nothing is downloaded or looked up on PATH.
  const module = context.asAbsolutePath('dist/server.js');
  // The code V8 compiles from the server is kept in the extension's own storage, which VS Code
  // removes with the extension; a server started to be debugged compiles under other flags, and keeps none.
  const codeCache = vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env: { MKTPLAN_CODE_CACHE: codeCache } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'], env: { MKTPLAN_CODE_CACHE: 'off' } } },
  };
  const client = new LanguageClient('mktplan', 'mktplan', serverOptions, { ...clientOptions, synchronize: { fileEvents: watchedFiles() } });
  await startExtension(context, client, vscode.Uri.file(os.homedir()));
}

export { deactivate } from './extension';
