import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { format } from 'node:util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { DiskWorkspace, pathOf } from '../hosts/disk';
import { commitOf } from '../hosts/git';
import { localesOnDisk } from '../hosts/locales';
import { findRepositoryRoot } from '../hosts/repository';
import { fileUri, useTranslations } from '../service';
import { framedInput } from './framedInput';
import type { FolderStorage, ServerHost } from './host';
import { startServer, type StartedServer } from './server';

/** Stored files where there is no disk to read them from (an `untitled:` document's folder): none. */
const nowhere = (root: string): FolderStorage => ({
  root,
  readStored: async () => ({ kind: 'missing' }),
  listPlans: async () => [],
  isRepositoryRoot: async () => false,
});

/** The Node server's host: the disk, its repositories, and Node's own turn of the event loop. */
const diskHost: ServerHost = {
  storage: (root) => {
    const path = pathOf(root);
    return path === undefined ? nowhere(root) : new DiskWorkspace(path);
  },
  commitOf: async (uri) => {
    const path = pathOf(uri);
    return path === undefined ? undefined : commitOf(path);
  },
  reportRoot: async (folder) => {
    const path = pathOf(folder);
    return path === undefined ? folder : fileUri(findRepositoryRoot(path));
  },
  digest: (text) => createHash('sha1').update(text).digest('hex'),
};

// Run by its door, dist/server.js (`node dist/server.js --stdio`, or forked by the VS Code client over IPC).
// The languages' texts ship beside the bundle, in dist/locales/.
useTranslations(localesOnDisk(nodePath.join(__dirname, 'locales')));
let server: StartedServer | undefined;
// Over stdio, a malformed message is skipped up to the next header rather than leaving the reader lost for good.
const stdio = process.argv.includes('--stdio');
const connection = stdio
  ? createConnection(ProposedFeatures.all, framedInput(process.stdin, (skipped) => server?.logSkipped(skipped)), process.stdout)
  : createConnection(ProposedFeatures.all);
if (stdio) {
  // Anything a library writes to the console would corrupt the protocol's stream on stdout: it goes to the client's log.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
}
process.on('uncaughtException', (error) => connection.console.error(`mktplan: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`mktplan: ${String(reason)}`));
server = startServer(connection, diskHost);
