import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { LspClient, serverPath, type PublishedDiagnostics } from '../lsp/lspClient';
import { findOrInstallChromium } from './chromium';
import { bundlePath, settledDiagnostics, WebHost, WorkerLspClient, type LogMessage, type ServerRequestAnswer } from './host';

// The cross-file fixture of the navigation tests: a plan that imports a strategy. The strategy
// loses its SWOT here, so that it has a finding with a quick fix.
const fixture = nodePath.join(__dirname, '../fixtures/workspace');
const strategyText = readFileSync(nodePath.join(fixture, 'strategy.mktplan.yaml'), 'utf8').replace(/^ {2}swot:\n(?: {4}.*\n)+/m, '');
const planText = readFileSync(nodePath.join(fixture, 'plans/south.mktplan.yaml'), 'utf8');

// The same URIs for both servers: neither reads the disk for them, both have them open.
const workspace = 'file:///workspace';
const strategyUri = `${workspace}/strategy.mktplan.yaml`;
const planUri = `${workspace}/plans/south.mktplan.yaml`;
const initializeParams = {
  processId: null,
  rootUri: workspace,
  workspaceFolders: [{ uri: workspace, name: 'workspace' }],
  capabilities: {
    workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
    textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
  },
};

type Position = { line: number; character: number };
type Diagnostic = PublishedDiagnostics['diagnostics'][number];
interface Location {
  uri: string;
  range: { start: Position; end: Position };
}
interface Action {
  title: string;
  edit?: unknown;
}
type Completion = Array<{ label: string }> | { items: Array<{ label: string }> } | null;

/** A character into the `occurrence`-th (from 0) whole `word` of a text. */
function at(text: string, word: string, occurrence = 0): Position {
  const lines = text.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    for (let index = lines[line].indexOf(word); index >= 0; index = lines[line].indexOf(word, index + 1)) {
      const [before, after] = [lines[line][index - 1], lines[line][index + word.length]];
      if ((before === undefined || !/[\w-]/.test(before)) && (after === undefined || !/[\w-]/.test(after)) && seen++ === occurrence) return { line, character: index + 1 };
    }
  }
  throw new Error(`no ${word} #${occurrence} in the text`);
}

/** Just after the first `marker` of a text. */
function justAfter(text: string, marker: string): Position {
  const before = text.slice(0, text.indexOf(marker) + marker.length).split('\n');
  assert.ok(text.includes(marker), `no ${marker} in the text`);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const labels = (completion: Completion) => (Array.isArray(completion) ? completion : (completion?.items ?? [])).map((item) => item.label);

/** The requests both servers are asked, the same way. */
const asked = {
  hoverOnTeamMember: { textDocument: { uri: planUri }, position: at(planText, 'duc') },
  hoverOnKey: { textDocument: { uri: planUri }, position: at(planText, 'budget') },
  completionOfObjective: { textDocument: { uri: planUri }, position: justAfter(planText, 'implements: [thi-phan'), context: { triggerKind: 1 } },
  definitionInStrategy: { textDocument: { uri: planUri }, position: at(planText, 'thi-phan') },
};
const quickFixFor = (finding: Diagnostic) => ({ textDocument: { uri: strategyUri }, range: finding.range, context: { diagnostics: [finding] } });

interface Results {
  diagnostics: PublishedDiagnostics[];
  hoverOnTeamMember: unknown;
  hoverOnKey: unknown;
  completion: Completion;
  quickFixes: Action[];
  definition: Location[];
}

describe('the language server in a web worker of headless Chromium (dist/web/server.js), against node dist/server.js --stdio', function () {
  this.timeout(120_000);
  let host: WebHost | undefined;
  let reference: Results;
  /** The strategy's finding with a quick fix, as the Node server published it. */
  let swotMissing: Diagnostic;
  const nodeLogs: LogMessage[] = [];

  before(async function () {
    // Installing Chromium with apt, when it is missing, takes minutes.
    this.timeout(20 * 60_000);
    const chromium = findOrInstallChromium();
    if (!chromium.found) {
      console.log(`      skipped: no Chromium to run the web worker in: ${chromium.reason}`);
      this.skip();
    }
    assert.ok(existsSync(bundlePath), `${bundlePath} is missing: run \`npm run build\` first`);
    assert.ok(existsSync(serverPath), `${serverPath} is missing: run \`npm run build\` first`);
    host = await WebHost.start(chromium.path);

    // What the Node server answers, through the stdio client of the LSP tests.
    const node = new LspClient('/workspace');
    try {
      node.connection.onNotification('window/logMessage', (message: LogMessage) => void nodeLogs.push(message));
      await node.connection.sendRequest('initialize', initializeParams);
      await node.connection.sendNotification('initialized', {});
      await node.open('strategy.mktplan.yaml', strategyText);
      await node.open('plans/south.mktplan.yaml', planText);
      assert.deepEqual([node.uri('strategy.mktplan.yaml'), node.uri('plans/south.mktplan.yaml')], [strategyUri, planUri]);
      const settled = await settledDiagnostics(node.published, [strategyUri, planUri]);
      const found = settled.get(strategyUri)!.diagnostics.find((diagnostic) => diagnostic.code === 'strategy/swot-missing');
      assert.ok(found, `the Node server found no strategy/swot-missing: ${JSON.stringify(settled.get(strategyUri))}`);
      swotMissing = found;
      reference = {
        diagnostics: [settled.get(strategyUri)!, settled.get(planUri)!],
        hoverOnTeamMember: await node.request('textDocument/hover', asked.hoverOnTeamMember),
        hoverOnKey: await node.request('textDocument/hover', asked.hoverOnKey),
        completion: await node.request<Completion>('textDocument/completion', asked.completionOfObjective),
        quickFixes: await node.request<Action[]>('textDocument/codeAction', quickFixFor(swotMissing)),
        definition: await node.request<Location[]>('textDocument/definition', asked.definitionInStrategy),
      };
    } finally {
      await node.stop();
    }
    // What is compared must be something: each of these is what the Node server is known to answer.
    assert.match(JSON.stringify(reference.hoverOnTeamMember), /Trần Đức/, 'the Node server\'s hover on the plan\'s owner names the team member of the strategy');
    assert.ok(JSON.stringify(reference.hoverOnKey).length > 40, 'the Node server has a hover for `budget`');
    assert.ok(labels(reference.completion).includes('nhan-dien'), `the Node server completes the strategy's objectives: ${labels(reference.completion).join(', ')}`);
    assert.ok(reference.quickFixes.some((action) => action.title === 'Add `swot`' && action.edit !== undefined), `the Node server offers to add the SWOT: ${reference.quickFixes.map((action) => action.title).join(', ')}`);
    assert.deepEqual(
      reference.definition.map((location) => [location.uri, location.range.start.line]),
      [[strategyUri, at(strategyText, 'thi-phan').line]],
      'the Node server goes to the objective in the strategy',
    );
    assert.deepEqual(nodeLogs.filter((message) => message.type === 1), [], 'the Node server logs no error');
  });

  after(async () => {
    await host?.close();
  });

  for (const answer of ['null', 'methodNotFound'] as ServerRequestAnswer[]) {
    describe(`when the client answers every request of the server with ${answer === 'null' ? 'null' : 'a method-not-found error (-32601)'}`, () => {
      let worker: WorkerLspClient;
      let initializeResult: { capabilities?: Record<string, unknown> } | null;

      before(async function () {
        if (!host) this.skip();
        host.notFound.length = 0;
        worker = await WorkerLspClient.start(host, answer);
        initializeResult = await worker.request('initialize', initializeParams);
        await worker.notify('initialized', {});
        await worker.open(strategyUri, strategyText);
        await worker.open(planUri, planText);
      });

      after(async () => {
        await worker?.stop();
      });

      it('initializes with the capabilities that are compared', () => {
        const capabilities = initializeResult?.capabilities ?? {};
        for (const provider of ['hoverProvider', 'completionProvider', 'codeActionProvider', 'definitionProvider']) {
          assert.ok(capabilities[provider], `the worker's server has no ${provider}: ${JSON.stringify(capabilities)}`);
        }
      });

      it('publishes the same findings for both files as the Node server', async () => {
        const settled = await settledDiagnostics(worker.published, [strategyUri, planUri]);
        assert.deepEqual([settled.get(strategyUri), settled.get(planUri)], reference.diagnostics);
      });

      it('gives the same hovers: a team member of the imported strategy, and a key', async () => {
        assert.deepEqual(await worker.request('textDocument/hover', asked.hoverOnTeamMember), reference.hoverOnTeamMember);
        assert.deepEqual(await worker.request('textDocument/hover', asked.hoverOnKey), reference.hoverOnKey);
      });

      it('completes the same objectives of the imported strategy', async () => {
        const completion = await worker.request<Completion>('textDocument/completion', asked.completionOfObjective);
        assert.deepEqual(labels(completion), labels(reference.completion));
        assert.deepEqual(completion, reference.completion);
      });

      it('offers the same quick fixes, edits and all, for the missing SWOT', async () => {
        const actions = await worker.request<Action[]>('textDocument/codeAction', quickFixFor(swotMissing));
        assert.deepEqual(
          actions.map((action) => action.title),
          reference.quickFixes.map((action) => action.title),
        );
        assert.deepEqual(actions, reference.quickFixes);
      });

      it('goes from the plan to the objective defined in the other open file', async () => {
        assert.deepEqual(await worker.request('textDocument/definition', asked.definitionInStrategy), reference.definition);
      });

      it('logged no error, raised no error event, and fetched nothing the server does not ship', () => {
        // A Node API reached for in the bundle (require, process, Buffer) is an uncaught error event of the worker.
        assert.deepEqual(
          { errorEvents: worker.workerErrors, errorsLogged: worker.logs.filter((message) => message.type === 1), notFound: host!.notFound },
          { errorEvents: [], errorsLogged: [], notFound: [] },
          `the page's console: ${worker.console.join('\n')}`,
        );
        // The page answered the server's requests the way this run says: the server asked at least for
        // its settings and for what it reads through the client (a configuration file, the workspace's plans).
        const methods = new Set(worker.serverRequests);
        assert.ok(methods.has('workspace/configuration') && [...methods].some((method) => method.startsWith('mktplan/')), `the server asked the client ${JSON.stringify(worker.serverRequests)}`);
      });
    });
  }
});
