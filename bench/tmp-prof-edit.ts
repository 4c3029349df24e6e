import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
(async () => {
  const text = readFileSync('/tmp/p20k.mktplan.yaml', 'utf8');
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof5', 'dist/server.js', '--stdio'], { stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let waiting: ((v: number) => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => waiting?.(p.version ?? -1));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ checkFiles: 'open' })));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL('/tmp').href, capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  const uri = pathToFileURL('/tmp/p20k.mktplan.yaml').href;
  const until = (version: number) => new Promise<void>((resolve) => (waiting = (v) => v === version && resolve()));
  let p = until(1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mktplan', version: 1, text } });
  await p;
  const lines = text.split('\n');
  const nameLines = lines.map((l, i) => (/^ {6}name: /.test(l) ? i : -1)).filter((i) => i >= 0);
  const started = Date.now();
  for (let v = 2; v < 302; v++) {
    const line = nameLines[(v * 37) % nameLines.length];
    p = until(v);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character: 12 }, end: { line, character: 12 } }, text: 'x' }] });
    await p;
  }
  console.log('per edit', (Date.now() - started) / 300);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((resolve) => child.on('exit', resolve));
})();
