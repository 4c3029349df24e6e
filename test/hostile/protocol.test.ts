import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { budgetFor } from './budget';
import { LspClient, serverForTests, stillAnswers } from '../lsp/lspClient';

const examples = nodePath.join(__dirname, '../../examples');
const draft = readFileSync(nodePath.join(examples, 'draft.mktplan.yaml'), 'utf8');

/** One JSON-RPC message as the protocol frames it. */
function framed(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

describe('the language server after bytes that are no well-formed message', function () {
  this.timeout(budgetFor(0) * 4);
  let client: LspClient;

  serverForTests(examples, (started) => (client = started));

  const debris: Record<string, string> = {
    'a Content-Length that is no number': 'Content-Length: abc\r\n\r\n{}',
    'a negative Content-Length': 'Content-Length: -5\r\n\r\n{}',
    'a Content-Length beyond any message': 'Content-Length: 99999999999999\r\n\r\n{}',
    'a Content-Length longer than the body, the next message arriving': 'Content-Length: 5000000\r\n\r\n{}',
    'a Content-Length shorter than the body': 'Content-Length: 5\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
    'a header without Content-Length': 'Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","method":"x"}',
    'a header line with no colon': 'garbage\r\n',
    'a body that is not JSON': 'Content-Length: 5\r\n\r\nhello',
    'JSON that is no JSON-RPC message': 'Content-Length: 14\r\n\r\n[1,"two",null]',
    'a body of null': 'Content-Length: 4\r\n\r\nnull',
  };
  for (const [name, bytes] of Object.entries(debris)) {
    it(`answers the next message after ${name}`, async function () {
      this.timeout(budgetFor(bytes.length));
      client.process.stdin.write(bytes);
      await stillAnswers(client, name.replace(/\W+/g, '-'));
    });
  }

  it('answers a request glued to the debris before it, and says in the log what it skipped', async () => {
    const logged: string[] = [];
    client.connection.onNotification('window/logMessage', ({ message }: { message: string }) => {
      logged.push(message);
    });
    const uri = await client.open('glued.mktplan.yaml', draft);
    await client.diagnostics(uri);
    client.process.stdin.write(
      Buffer.concat([Buffer.from('garbage line\r\n'), framed({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'mktplan: "1"\n' }] } })]),
    );
    const published = await client.diagnostics(uri, (entry) => entry.version === 2);
    assert.ok(published.diagnostics.length > 0);
    assert.ok(logged.some((message) => /skipped 14 bytes .*garbage line\\r\\n/.test(message)), logged.join('\n'));
  });
});

describe('the language server after pathological documents', function () {
  let client: LspClient;

  serverForTests(examples, (started) => (client = started), { perTest: false });

  let bomb = 'mktplan: "1"\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let level = 0; level < 9; level++) {
    const [name, previous] = [String.fromCharCode(98 + level), String.fromCharCode(97 + level)];
    bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
  }
  const segment = (index: number) => `      - {id: s${index}, name: Segment ${index}, description: ${'w'.repeat(2000)}}\n`;
  const documents: Record<string, string> = {
    huge: 'mktplan: "1"\nstrategy:\n  audience:\n    segments:\n' + Array.from({ length: 2_500 }, (_, index) => segment(index)).join(''),
    'deeply nested': 'mktplan: "1"\nplan: ' + '['.repeat(200_000) + ']'.repeat(200_000) + '\n',
    'an alias bomb': bomb,
    'very long lines': 'mktplan: "1"\ntitle: ' + 'x'.repeat(2_000_000) + '\nplan: {owner: ' + 'y'.repeat(2_000_000) + '}\n',
    'a 10 MB single scalar': 'mktplan: "1"\ntitle: "' + 'z'.repeat(10_000_000 - 30) + '"\n',
    'many findings': 'mktplan: "1"\nplan:\n  kpis:\n' + Array.from({ length: 4_000 }, (_, index) => `    - {id: k${index % 100}, target: lots}\n`).join(''),
  };
  for (const [name, text] of Object.entries(documents)) {
    it(`publishes for ${name} and answers the next request`, async function () {
      this.timeout(budgetFor(Buffer.byteLength(text)) * 2);
      const uri = await client.open(`${name.replace(/\W+/g, '-')}.mktplan.yaml`, text);
      const published = await client.diagnostics(uri, () => true, 0, budgetFor(Buffer.byteLength(text)));
      assert.ok(published.diagnostics.length > 0, name);
      await stillAnswers(client, name.replace(/\W+/g, '-'));
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });
  }
});

describe('the language server while mktplan.config.yaml is typed in', function () {
  this.timeout(budgetFor(0) * 4);
  let folder: string;
  let client: LspClient;

  beforeEach(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-hostile-config-'));
    writeFileSync(nodePath.join(folder, 'closed.mktplan.yaml'), draft);
    writeFileSync(nodePath.join(folder, 'mktplan.config.yaml'), 'rules: {}\n');
    client = new LspClient(folder);
  });
  afterEach(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('checks the plans no editor has open once for a burst of keystrokes, with the last text', async () => {
    await client.initialize();
    const closed = client.uri('closed.mktplan.yaml');
    await client.diagnostics(closed, (published) => published.diagnostics.some((diagnostic) => diagnostic.code === 'plan/kpis-missing'));
    const config = await client.open('mktplan.config.yaml', 'rules: {}\n');
    const since = client.published.length;
    // Typing `off` a letter at a time, then the rest of the line: the last text switches the rule off.
    const texts = ['rules: {plan/kpis-missing: o}\n', 'rules: {plan/kpis-missing: of}\n', ...Array.from({ length: 20 }, (_, index) => `rules: {plan/kpis-missing: off}\n${'#'.repeat(index)}\n`)];
    for (const [index, text] of texts.entries()) await client.change(config, index + 2, text);
    const off = await client.diagnostics(closed, (published) => !published.diagnostics.some((diagnostic) => diagnostic.code === 'plan/kpis-missing'), since);
    // A change after the burst, to know when everything the burst caused has been published.
    await client.change(config, texts.length + 2, 'rules: {plan/kpis-missing: hint}\n');
    await client.diagnostics(closed, (published) => published.diagnostics.some((diagnostic) => diagnostic.code === 'plan/kpis-missing' && diagnostic.severity === 4), client.published.indexOf(off) + 1);
    const closedPublished = client.published.slice(since).filter((published) => published.uri === closed);
    assert.equal(closedPublished.length, 2, `published ${closedPublished.length} times`);
  });
});

describe('the language server given requests whose parameters are malformed', function () {
  this.timeout(budgetFor(0) * 4);
  let client: LspClient;
  let uri: string;

  serverForTests(examples, (started) => (client = started), { perTest: false });
  before(async () => {
    uri = await client.open('malformed-params.mktplan.yaml', draft);
  });

  const range = { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } };
  const position = { line: 2, character: 1 };
  /** Each request with parameters that miss or mistype what the server reads, and the field it is told is wrong. */
  const cases: Array<[string, string, (uri: string) => unknown, string]> = [
    ['a code action whose context.only is a text', 'textDocument/codeAction', (uri) => ({ textDocument: { uri }, range, context: { diagnostics: [], only: 'quickfix' } }), 'context.only'],
    ['a code action with no context', 'textDocument/codeAction', (uri) => ({ textDocument: { uri }, range }), 'context'],
    ['a code action whose range holds texts', 'textDocument/codeAction', (uri) => ({ textDocument: { uri }, range: { start: { line: '0', character: '0' }, end: range.end }, context: { diagnostics: [] } }), 'range.start.line'],
    ['a hover with no position', 'textDocument/hover', (uri) => ({ textDocument: { uri } }), 'position'],
    ['a definition with no textDocument', 'textDocument/definition', () => ({ position }), 'textDocument'],
    ['references with no context', 'textDocument/references', (uri) => ({ textDocument: { uri }, position }), 'context'],
    ['a rename whose new name is a number', 'textDocument/rename', (uri) => ({ textDocument: { uri }, position, newName: 5 }), 'newName'],
    ['an inlay hint request whose range is a text', 'textDocument/inlayHint', (uri) => ({ textDocument: { uri }, range: 'all' }), 'range'],
    ['a document symbol request whose uri is a number', 'textDocument/documentSymbol', () => ({ textDocument: { uri: 7 } }), 'textDocument.uri'],
    ['a workspace symbol request with no query', 'workspace/symbol', () => ({}), 'query'],
    ['a completion with empty parameters', 'textDocument/completion', () => ({}), 'textDocument'],
  ];
  for (const [name, method, params, field] of cases) {
    it(`answers ${name} with InvalidParams naming ${field}, never an internal error`, async () => {
      await assert.rejects(client.request(method, params(uri)), (error: { code?: number; message?: string }) => {
        assert.equal(error.code, -32602, error.message);
        assert.equal(error.message, `mktplan: the request ${method} has no valid \`${field}\` in its parameters`);
        return true;
      });
    });
  }

  it('answers the same requests well formed', async () => {
    const actions = await client.request<unknown[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['quickfix'] } });
    assert.ok(Array.isArray(actions));
    await stillAnswers(client, 'well-formed');
  });
});
