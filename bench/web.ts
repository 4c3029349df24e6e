// Cold start to first findings, in a browser and in Node: from the `initialize` request sent to
// the first publishDiagnostics of examples/saigon-bean.mktplan.yaml (opened with the files it
// imports, if any), for the browser build in a fresh web worker of headless Chromium each round
// (dist/web/server.js, fetched and compiled afresh: the page's server forbids caching it) and for
// a fresh `node dist/server.js --stdio` each round. Both are sent the same messages and answered
// the same settings; each starts its worker or process just before `initialize` is sent, so its
// start-up is inside the time.
// Run after a production build: `node esbuild.mjs --production && npx tsx bench/web.ts [--rounds 5]`.
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { LspClient, serverPath } from '../test/lsp/lspClient';
import { findOrInstallChromium } from '../test/web/chromium';
import { bundlePath, WebHost, WorkerLspClient } from '../test/web/host';
import { median, numberOption, runHarness } from './harness';

const examples = nodePath.join(__dirname, '../examples');
const target = nodePath.join(examples, 'saigon-bean.mktplan.yaml');
const rounds = numberOption('--rounds', 5);
// Only the opened files are checked: the rest of the folder would come after them, and is not what is measured.
const settings = { checkFiles: 'open' };
const initializeParams = {
  processId: null,
  rootUri: pathToFileURL(examples).href,
  workspaceFolders: [{ uri: pathToFileURL(examples).href, name: 'examples' }],
  capabilities: {
    workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
    textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
  },
};

interface Round {
  ms: number;
  findings: number;
}

/** A plan and every file it imports, directly or not: the imported first, so that they are open when the plan is checked. */
function withImports(path: string, seen = new Set<string>()): Array<{ uri: string; text: string }> {
  if (seen.has(path)) return [];
  seen.add(path);
  const text = readFileSync(path, 'utf8');
  const imports = (parse(text) as { imports?: unknown } | null)?.imports;
  const imported = Array.isArray(imports) ? imports.filter((entry): entry is string => typeof entry === 'string') : [];
  return [...imported.flatMap((relative) => withImports(nodePath.resolve(nodePath.dirname(path), relative), seen)), { uri: pathToFileURL(path).href, text }];
}

async function nodeRound(documents: Array<{ uri: string; text: string }>, targetUri: string): Promise<Round> {
  const client = new LspClient(examples);
  client.settings = settings;
  try {
    const started = performance.now();
    await client.connection.sendRequest('initialize', initializeParams);
    await client.connection.sendNotification('initialized', {});
    for (const { uri, text } of documents) {
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mktplan', version: 1, text } });
    }
    const published = await client.diagnostics(targetUri, () => true, 0, 60_000);
    return { ms: performance.now() - started, findings: published.diagnostics.length };
  } finally {
    await client.stop();
  }
}

const kib = (path: string) => `${Math.round(readFileSync(path).length / 1024)} KiB`;

async function main(): Promise<number> {
  for (const built of [bundlePath, serverPath]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`node esbuild.mjs --production\` first`);
  }
  const chromium = findOrInstallChromium();
  if (!chromium.found) throw new Error(`no Chromium to run the web worker in: ${chromium.reason}`);
  const documents = withImports(target);
  const targetUri = pathToFileURL(target).href;
  const host = await WebHost.start(chromium.path);
  const worker: Round[] = [];
  const node: Round[] = [];
  try {
    const page = await host.newPage();
    // Interleaved, so that a busy moment of the machine weighs on both alike.
    for (let round = 0; round < rounds; round++) {
      worker.push(await WorkerLspClient.timeToFindings(page, { initializeParams, documents, target: targetUri, settings }));
      node.push(await nodeRound(documents, targetUri));
      process.stderr.write(`round ${round + 1}/${rounds}: worker ${worker[round].ms.toFixed(0)} ms, node ${node[round].ms.toFixed(0)} ms\n`);
    }
  } finally {
    await host.close();
  }
  if (host.notFound.length > 0) throw new Error(`the worker asked for files the build does not have: ${host.notFound.join(', ')}`);
  const findings = new Set([...worker, ...node].map((round) => round.findings));
  if (findings.size !== 1) throw new Error(`the worker and the Node server disagree on the number of findings: worker ${worker.map((round) => round.findings)}, node ${node.map((round) => round.findings)}`);

  const row = (name: string, size: string, measured: Round[]) => {
    const times = measured.map((round) => round.ms);
    return `| ${name} | ${size} | ${measured.length} | ${median(times).toFixed(0)} | ${Math.min(...times).toFixed(0)} |`;
  };
  const opened = documents.map(({ uri }) => nodePath.relative(examples, new URL(uri).pathname)).join(', ');
  process.stdout.write(
    [
      `Cold start to first findings of ${nodePath.relative(process.cwd(), target)} (${findings.values().next().value} findings; opened: ${opened}), from \`initialize\` sent:`,
      '',
      '| server | bundle | rounds | median ms | min ms |',
      '| --- | --- | --- | --- | --- |',
      row('web worker, headless Chromium (dist/web/server.js)', kib(bundlePath), worker),
      row('node dist/server.js --stdio', kib(serverPath), node),
      '',
      `worker / node, medians: ${(median(worker.map((round) => round.ms)) / median(node.map((round) => round.ms))).toFixed(2)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

runHarness('bench/web', main);
