import { format } from 'node:util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { framedInput } from './framedInput';
import { startServer, type StartedServer } from './server';

// Started as a program (`node dist/server.js --stdio`, or by the VS Code client over IPC).
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
server = startServer(connection);
