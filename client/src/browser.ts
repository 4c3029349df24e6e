import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { listPlansRequest, readFileRequest, type ListPlansParams, type ListPlansResult, type ReadFileParams, type ReadFileResult } from '../../server/src/lsp/protocol';
import type { Locale } from '../../server/src/service/i18n/messages';
import { useTranslations, type Translations } from '../../server/src/service/i18n/translations';
// Only the parts the client shows: the bundle leaves out the schema texts, which only the server's hover needs.
import { messages as viMessages, snippets as viSnippets } from '../../server/src/service/i18n/locales/vi.json';
import { messages as zhCnMessages, snippets as zhCnSnippets } from '../../server/src/service/i18n/locales/zh-cn.json';
import { messages as ruMessages, snippets as ruSnippets } from '../../server/src/service/i18n/locales/ru.json';
import { toBase64 } from './base64';
import { clientOptions, startExtension, watchedFiles } from './extension';

// The extension in a browser (vscode.dev, github.dev): the server runs in a web worker and reads
// the workspace's files through this client, which has the editor's file systems.

/** A file's bytes (at most `limit` and one more) for the server, or why they cannot be read. */
async function readFile({ uri, limit }: ReadFileParams): Promise<ReadFileResult> {
  const target = vscode.Uri.parse(uri);
  try {
    const stat = await vscode.workspace.fs.stat(target);
    if ((stat.type & vscode.FileType.File) === 0) return { kind: 'notAFile' };
    const bytes = await vscode.workspace.fs.readFile(target);
    return { kind: 'ok', base64: toBase64(bytes.subarray(0, limit + 1)), size: Math.max(stat.size, bytes.length) };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { kind: 'missing' };
    return { kind: 'unreadable', reason: error instanceof vscode.FileSystemError ? error.code : String(error) };
  }
}

/** The plan files under a folder, as the editor's search finds them. */
async function listPlans({ folder }: ListPlansParams): Promise<ListPlansResult> {
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.parse(folder), '**/*.mktplan.{yaml,yml}'), '**/{node_modules,.git}/**');
  return found.map((uri) => uri.toString());
}

/** The languages' texts, in the bundle: a browser's extension host reads no file beside it. */
const bundledTranslations: Record<Exclude<Locale, 'en'>, Partial<Translations>> = {
  vi: { messages: viMessages, snippets: viSnippets },
  'zh-cn': { messages: zhCnMessages, snippets: zhCnSnippets },
  ru: { messages: ruMessages, snippets: ruSnippets },
};

/** The browser's web worker, which the build's types (no DOM) do not know. */
type ServerWorker = Extract<ConstructorParameters<typeof LanguageClient>[2], { postMessage: unknown }>;
declare const Worker: new (url: string) => ServerWorker;

/**
 * The language server's worker. An extension installed on a remote side (code-server) has a
 * `vscode-remote:` address, from which the web extension host starts no worker: there its
 * script is fetched and started from memory, which it can be, as it reads no file beside it.
 */
async function serverWorker(script: vscode.Uri): Promise<ServerWorker> {
  try {
    return new Worker(script.toString(true));
  } catch {
    const response = await fetch(script.toString(true));
    return new Worker(URL.createObjectURL(await response.blob()));
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  useTranslations((locale) => bundledTranslations[locale]);
  const worker = await serverWorker(vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js'));
  const client = new LanguageClient('mktplan', 'mktplan', worker, { ...clientOptions, synchronize: { fileEvents: watchedFiles() } });
  client.onRequest(readFileRequest, readFile);
  client.onRequest(listPlansRequest, listPlans);
  await startExtension(context, client);
}

export { deactivate } from './extension';
