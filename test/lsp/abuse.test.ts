import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { rangeOutside } from '../unit/helpers';
import { yamlSuiteCases } from '../unit/yamlSuite';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { LspClient, serverForTests, stillAnswers } from './lspClient';

const examples = nodePath.join(__dirname, '../../examples');
const draft = readFileSync(nodePath.join(examples, 'draft.mktplan.yaml'), 'utf8');

describe('the language server under abuse', function () {
  this.timeout(120_000);
  let client: LspClient;

  // The last test starts a server of its own after the first exits.
  serverForTests(examples, (started) => (client = started), { current: () => client });
  afterEach(() => assert.doesNotMatch(client.stderr, /Error|at .*\.js:\d+/));

  it('checks every case of the YAML test suite with every range inside the document', async () => {
    const cases = await yamlSuiteCases();
    const problems: string[] = [];
    for (const [index, { id, yaml }] of cases.entries()) {
      const uri = await client.open(`suite-${index}.mktplan.yaml`, yaml);
      const published = await client.diagnostics(uri);
      if (published.diagnostics.length === 0) problems.push(`${id}: no finding`);
      for (const diagnostic of published.diagnostics) {
        const outside = rangeOutside(yaml, diagnostic.range);
        if (outside) problems.push(`${id}: ${outside}`);
      }
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    assert.deepEqual(problems, []);
    await stillAnswers(client);
  });

  it('publishes for the newest version only when changes arrive out of order', async () => {
    const uri = await client.open('flood.mktplan.yaml', draft);
    const versions = Array.from({ length: 60 }, (_, index) => index + 2);
    // Shuffle deterministically: the newest version arrives in the middle, older ones after it.
    versions.sort((a, b) => ((a * 7919) % 61) - ((b * 7919) % 61));
    for (const version of versions) await client.change(uri, version, `${draft}# version ${version}\n`);
    const newest = Math.max(...versions);
    await client.diagnostics(uri, (published) => published.version === newest);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const published = client.published.filter((entry) => entry.uri === uri).map((entry) => entry.version!);
    assert.deepEqual(published, [...published].sort((a, b) => a - b), `out of order: ${published.join(', ')}`);
    assert.equal(published[published.length - 1], newest);
    const symbols = await client.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0);
  });

  it('answers requests for documents that were never opened, and ignores their changes', async () => {
    const uri = client.uri('never-opened.mktplan.yaml');
    const position = { line: 0, character: 0 };
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position }), null);
    assert.equal(await client.request('textDocument/completion', { textDocument: { uri }, position }), null);
    assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), null);
    assert.equal(await client.request('textDocument/foldingRange', { textDocument: { uri } }), null);
    await client.change(uri, 3, 'mktplan: "1"\n');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await stillAnswers(client);
    assert.ok(!client.published.some((entry) => entry.uri === uri));
  });

  it('survives cancelled requests, unknown methods and malformed parameters', async () => {
    const uri = await client.open('cancel.mktplan.yaml', draft);
    const pending = [];
    for (let index = 0; index < 50; index++) {
      const cancellation = new CancellationTokenSource();
      const params = { textDocument: { uri }, position: { line: 40 + (index % 20), character: 2 } };
      const request = client.connection.sendRequest('textDocument/completion', params, cancellation.token);
      // Every other request is cancelled at once, before the server can have answered it.
      if (index % 2 === 0) cancellation.cancel();
      pending.push(request.then(() => 'answered', (error: { code?: number }) => `error ${error.code}`));
    }
    const outcomes = await Promise.all(pending);
    assert.ok(outcomes.every((outcome) => outcome === 'answered' || outcome === 'error -32800'), outcomes.join(', '));
    await assert.rejects(client.request('mktplan/doesNotExist', {}), (error: { code?: number }) => error.code === -32601);
    for (const params of [{}, { textDocument: { uri } }, { textDocument: { uri }, position: { line: -5, character: 1e9 } }, { textDocument: { uri }, position: { line: 1e9, character: -1 } }]) {
      await client.request('textDocument/hover', params).catch(() => undefined);
      await client.request('textDocument/completion', params).catch(() => undefined);
    }
    await stillAnswers(client);
  });

  it('applies settings changed in the middle of checks, the last one winning', async () => {
    const uri = await client.open('settings.mktplan.yaml', draft);
    await client.diagnostics(uri);
    for (let index = 0; index < 20; index++) {
      client.settings = { rules: { 'plan/kpis-missing': index % 2 === 0 ? 'error' : 'hint' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      if (index % 5 === 0) await client.change(uri, index + 2, `${draft}# ${index}\n`);
    }
    client.settings = { rules: { 'plan/kpis-missing': 'off', bogus: 'loud', 'ref/unused': 'very' } };
    const since = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const last = await client.diagnostics(uri, (published) => !published.diagnostics.some((d) => d.code === 'plan/kpis-missing'), since);
    // A setting that names no severity leaves the rule at its default.
    assert.ok(last.diagnostics.filter((d) => d.code === 'ref/unused').every((d) => d.severity === 4));
  });

  it('clears the findings of a closed document and publishes nothing for it afterwards', async () => {
    const uri = await client.open('closing.mktplan.yaml', draft);
    await client.change(uri, 2, draft + '\n');
    await client.diagnostics(uri, (published) => published.version === 2 && published.diagnostics.length > 0);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const cleared = await client.diagnostics(uri, (published) => published.diagnostics.length === 0);
    const after = client.published.indexOf(cleared);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(client.published.slice(after + 1).filter((entry) => entry.uri === uri).length, 0);
  });

  it('answers adversarial files with a finding within bounds, and keeps answering', async () => {
    let bomb = 'mktplan: "1"\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    for (let level = 0; level < 9; level++) {
      const [name, previous] = [String.fromCharCode(98 + level), String.fromCharCode(97 + level)];
      bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    }
    const files: Record<string, string> = {
      'bomb.mktplan.yaml': bomb,
      'deep.mktplan.yaml': 'mktplan: "1"\nplan: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n',
      'dashes.mktplan.yaml': '- '.repeat(100_000) + 'x\n',
      'large.mktplan.yaml': 'mktplan: "1"\nplan:\n' + `  # ${'x'.repeat(1000)}\n`.repeat(11_000),
      'binary.mktplan.yaml': Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7919) % 256)).toString('latin1'),
      'proto.mktplan.yaml': 'mktplan: "1"\n__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nplan: {__proto__: {owner: x}, kpis: [{id: __proto__}]}\n',
      'tags.mktplan.yaml': 'mktplan: "1"\ntitle: !!js/function "function () { process.exit(7) }"\nplan: !!js/undefined {}\n',
    };
    for (const [name, text] of Object.entries(files)) {
      const started = Date.now();
      const uri = await client.open(name, text);
      const published = await client.diagnostics(uri, () => true, 0, 30_000);
      assert.ok(published.diagnostics.length > 0, name);
      assert.ok(Date.now() - started < 30_000, `${name} took ${Date.now() - started} ms`);
      for (const diagnostic of published.diagnostics) assert.equal(rangeOutside(text, diagnostic.range), undefined, name);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    const large = client.published.find((entry) => entry.uri.endsWith('large.mktplan.yaml'))!;
    assert.match(large.diagnostics[0].message, /mktplan reads files up to 10 MB/);
    await stillAnswers(client);
  });

  it('answers thousands of imports and an import cycle between open documents, and keeps answering', async () => {
    const entries = Array.from({ length: 2000 }, (_, index) => `./missing-${index}.mktplan.yaml`).join(', ');
    const many = await client.open('many-imports.mktplan.yaml', `mktplan: "1"\nimports: [${entries}]\nplan: {}\n`);
    const published = await client.diagnostics(many, () => true, 0, 30_000);
    assert.equal(published.diagnostics.filter((d) => d.code === 'ref/unknown').length, 2000);
    const first = await client.open('ring-a.mktplan.yaml', 'mktplan: "1"\nimports: [./ring-b.mktplan.yaml]\nplan: {}\n');
    await client.open('ring-b.mktplan.yaml', 'mktplan: "1"\nimports: [./ring-a.mktplan.yaml]\nplan: {}\n');
    const cycle = await client.diagnostics(first, (p) => p.diagnostics.some((d) => d.message.startsWith('Import cycle')));
    assert.match(cycle.diagnostics.find((d) => d.message.startsWith('Import cycle'))!.message, /ring-a\.mktplan\.yaml → ring-b\.mktplan\.yaml → ring-a\.mktplan\.yaml/);
    await stillAnswers(client);
  });

  it('shuts down and exits cleanly', async () => {
    assert.equal(await client.request('shutdown', null), null);
    await client.connection.sendNotification('exit');
    const code = await new Promise<number | null>((resolve) => client.process.once('exit', (exitCode) => resolve(exitCode)));
    assert.equal(code, 0);
    client = new LspClient(examples);
    await client.initialize();
  });
});
