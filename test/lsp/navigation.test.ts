import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

/** A strategy, two plans that import it, and a third that imports one of the plans. */
const fixture = nodePath.join(__dirname, '../fixtures/workspace');

interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

describe('navigation across files (node dist/server.js --stdio)', function () {
  this.timeout(30_000);
  let folder: string;
  let client: LspClient;
  const read = (relative: string) => readFileSync(nodePath.join(folder, relative), 'utf8');
  /** The 0-based position of the `occurrence`-th (from 0) `word` in a file, a character into it. */
  const at = (relative: string, word: string, occurrence = 0) => {
    const lines = read(relative).split('\n');
    let seen = 0;
    for (let line = 0; line < lines.length; line++) {
      for (let index = lines[line].indexOf(word); index >= 0; index = lines[line].indexOf(word, index + 1)) {
        const before = lines[line][index - 1];
        const after = lines[line][index + word.length];
        if ((before === undefined || !/[\w-]/.test(before)) && (after === undefined || !/[\w-]/.test(after)) && seen++ === occurrence) return { line, character: index + 1 };
      }
    }
    throw new Error(`no ${word} #${occurrence} in ${relative}`);
  };
  /** A location as `file:line:text`, 1-based line, the text it covers. */
  const show = (location: Location) => {
    const file = nodePath.relative(folder, new URL(location.uri).pathname);
    const line = read(file).split('\n')[location.range.start.line];
    return `${file}:${location.range.start.line + 1}:${line.slice(location.range.start.character, location.range.end.character)}`;
  };
  const open = (relative: string) => client.open(relative, read(relative));

  beforeEach(async () => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-navigation-'));
    cpSync(fixture, folder, { recursive: true });
    client = new LspClient(folder);
    await client.initialize();
  });
  afterEach(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('goes to the definition in the imported strategy, and to one in the same file', async () => {
    const uri = await open('plans/south.mktplan.yaml');
    const owner = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at('plans/south.mktplan.yaml', 'duc') });
    assert.deepEqual(owner.map(show), ['strategy.mktplan.yaml:6:duc']);
    const declaration = await client.request<Location[]>('textDocument/declaration', { textDocument: { uri }, position: at('plans/south.mktplan.yaml', 'thi-phan') });
    assert.deepEqual(declaration.map(show), ['strategy.mktplan.yaml:12:thi-phan']);
    const kpi = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: at('plans/south.mktplan.yaml', 'don-hang-south') });
    assert.deepEqual(kpi.map(show), ['plans/south.mktplan.yaml:28:don-hang-south']);
    // Through two imports: north-q1 imports north, which imports the strategy.
    const q1 = await open('plans/north-q1.mktplan.yaml');
    const far = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: q1 }, position: at('plans/north-q1.mktplan.yaml', 'nhan-dien') });
    assert.deepEqual(far.map(show), ['strategy.mktplan.yaml:13:nhan-dien']);
  });

  it('knows a file by its URI however the client spells it: navigation, and re-checks after an import changes, under the client\'s spelling', async () => {
    // `-` written `%2D`, `s` written `%73`: the same file to any URI parser, another string to a naive one.
    const spelled = client.uri('plans/south.mktplan.yaml').replace(/-/g, '%2D').replace('/plans/south', '/plans/%73outh');
    const text = read('plans/south.mktplan.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: spelled, languageId: 'mktplan', version: 1, text } });
    assert.deepEqual((await client.diagnostics(spelled)).diagnostics, []);
    const owner = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: spelled }, position: at('plans/south.mktplan.yaml', 'duc') });
    assert.deepEqual(owner.map(show), ['strategy.mktplan.yaml:6:duc']);
    // The strategy, opened and edited, no longer defines `duc`: the plan is checked again and published under its own spelling.
    const since = client.published.length;
    const strategy = await open('strategy.mktplan.yaml');
    await client.change(strategy, 2, read('strategy.mktplan.yaml').replace(/\bduc\b/g, 'duc-tran'));
    const broken = await client.diagnostics(spelled, (published) => published.diagnostics.length > 0, since);
    assert.ok(broken.diagnostics.some((diagnostic) => diagnostic.code === 'ref/unknown'), JSON.stringify(broken.diagnostics.map((diagnostic) => diagnostic.code)));
  });

  it('finds no definition where the cursor is on no id', async () => {
    const uri = await open('plans/south.mktplan.yaml');
    assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri }, position: { line: 1, character: 3 } }), []);
  });

  it('finds every reference across the workspace, with and without the declaration', async () => {
    const uri = await open('strategy.mktplan.yaml');
    const position = at('strategy.mktplan.yaml', 'thi-phan');
    const withDeclaration = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    assert.deepEqual(withDeclaration.map(show).sort(), [
      'plans/north-q1.mktplan.yaml:7:thi-phan',
      'plans/north.mktplan.yaml:18:thi-phan',
      'plans/north.mktplan.yaml:7:thi-phan',
      'plans/south.mktplan.yaml:18:thi-phan',
      'plans/south.mktplan.yaml:7:thi-phan',
      'strategy.mktplan.yaml:12:thi-phan',
    ]);
    const without = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    assert.equal(without.length, 5);
    // From a reference, the same set: the plan sees the strategy's objective.
    const plan = await open('plans/north.mktplan.yaml');
    const fromPlan = await client.request<Location[]>('textDocument/references', { textDocument: { uri: plan }, position: at('plans/north.mktplan.yaml', 'thi-phan'), context: { includeDeclaration: true } });
    assert.deepEqual(fromPlan.map(show).sort(), withDeclaration.map(show).sort());
  });

  it('keeps a channel to its own file: imports lend no channels', async () => {
    const uri = await open('plans/north.mktplan.yaml');
    const found = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: at('plans/north.mktplan.yaml', 'mang-xa-hoi'),
      context: { includeDeclaration: true },
    });
    assert.ok(found.length === 4 && found.every((location) => show(location).startsWith('plans/north.mktplan.yaml')), found.map(show).join(', '));
  });

  it('tells the definition from the references in this file', async () => {
    const uri = await open('strategy.mktplan.yaml');
    const highlights = await client.request<Array<{ range: Location['range']; kind: number }>>('textDocument/documentHighlight', { textDocument: { uri }, position: at('strategy.mktplan.yaml', 'lan', 1) });
    assert.deepEqual(
      highlights.map((highlight) => [highlight.range.start.line + 1, highlight.kind]),
      [
        [5, 3],
        [9, 2],
      ],
    );
  });

  it('renames an objective in the strategy and every plan that sees it, and nothing else', async () => {
    const uri = await open('plans/north.mktplan.yaml');
    const before = new Map(['strategy.mktplan.yaml', 'plans/north.mktplan.yaml', 'plans/south.mktplan.yaml', 'plans/north-q1.mktplan.yaml'].map((file) => [file, read(file)]));
    const prepared = await client.request<{ range: Location['range']; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: at('plans/north.mktplan.yaml', 'thi-phan') });
    assert.equal(prepared.placeholder, 'thi-phan');
    const edit = await client.request<{ changes: Record<string, Array<{ range: Location['range']; newText: string }>> }>('textDocument/rename', {
      textDocument: { uri },
      position: at('plans/north.mktplan.yaml', 'thi-phan'),
      newName: 'market-share',
    });
    const files = Object.keys(edit.changes).map((changed) => nodePath.relative(folder, new URL(changed).pathname)).sort();
    assert.deepEqual(files, ['plans/north-q1.mktplan.yaml', 'plans/north.mktplan.yaml', 'plans/south.mktplan.yaml', 'strategy.mktplan.yaml']);
    for (const [changed, edits] of Object.entries(edit.changes)) {
      const file = nodePath.relative(folder, new URL(changed).pathname);
      // Applied from the end, each edit replaces exactly the old id; every other byte stays.
      const lines = before.get(file)!.split('\n');
      for (const { range, newText } of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
        const line = lines[range.start.line];
        assert.equal(line.slice(range.start.character, range.end.character), 'thi-phan');
        lines[range.start.line] = line.slice(0, range.start.character) + newText + line.slice(range.end.character);
      }
      assert.equal(lines.join('\n'), before.get(file)!.replace(/\bthi-phan\b/g, 'market-share'));
    }
  });

  it('refuses a new name that is not a valid id, or that a file seeing the old one already has, with a reason', async () => {
    const uri = await open('plans/north.mktplan.yaml');
    const position = at('plans/north.mktplan.yaml', 'thi-phan');
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'Thị phần' }), /not a valid id/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'nhan-dien' }), /already an id/);
    // `su-kien` is a channel of north-q1, which sees the objective through north.
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'su-kien' }), /already an id/);
  });

  it('refuses to rename an id while a plan that may name it does not parse, and says which', async () => {
    // Imports the strategy and names its team member, with a quote left open: nothing of it can be read.
    writeFileSync(nodePath.join(folder, 'plans/broken.mktplan.yaml'), 'mktplan: "1"\nimports: [../strategy.mktplan.yaml]\nplan:\n  owner: duc\n  title: "unclosed\n');
    await client.stop();
    client = new LspClient(folder);
    await client.initialize();
    const uri = await open('strategy.mktplan.yaml');
    const position = at('strategy.mktplan.yaml', 'duc');
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'duc-tran' }),
      /broken\.mktplan\.yaml is not valid YAML, so a rename cannot tell whether it names `duc`: set its YAML right first, then rename\./,
    );
  });

  it('refuses a new id longer than 200 characters, saying the bound', async () => {
    const uri = await open('plans/north.mktplan.yaml');
    const position = at('plans/north.mktplan.yaml', 'thi-phan');
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'a'.repeat(1_000_000) }),
      /An id is at most 200 characters long; the new one has 1,000,000\./,
    );
    const edit = await client.request<{ changes: Record<string, unknown[]> }>('textDocument/rename', { textDocument: { uri }, position, newName: 'a'.repeat(200) });
    assert.ok(Object.keys(edit.changes).length > 0);
  });

  it('links each import to its file', async () => {
    const uri = await open('plans/north-q1.mktplan.yaml');
    const links = await client.request<Array<{ range: Location['range']; target: string }>>('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(
      links.map((link) => [show({ uri, range: link.range }), link.target]),
      [['plans/north-q1.mktplan.yaml:3:./north.mktplan.yaml', pathToFileURL(nodePath.join(folder, 'plans/north.mktplan.yaml')).href]],
    );
  });

  it('links the hover on an id to where it is defined', async () => {
    const uri = await open('plans/south.mktplan.yaml');
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at('plans/south.mktplan.yaml', 'duc') });
    assert.ok(hover.contents.value.includes(`[Defined in strategy.mktplan.yaml, line 6](${pathToFileURL(nodePath.join(folder, 'strategy.mktplan.yaml')).href}#L6)`), hover.contents.value);
  });

  it('finds every named item of every plan by id, or by name without its diacritics', async () => {
    await open('strategy.mktplan.yaml');
    type Found = Array<{ name: string; location: Location }>;
    const byId = await client.request<Found>('workspace/symbol', { query: 'khai-giang' });
    assert.deepEqual(byId.map((symbol) => [symbol.name, show(symbol.location)]), [['Khai giảng (khai-giang)', 'plans/north-q1.mktplan.yaml:16:khai-giang']]);
    const byName = await client.request<Found>('workspace/symbol', { query: 'tang thi phan' });
    assert.deepEqual(byName.map((symbol) => symbol.name), ['Tăng thị phần trà đóng chai (thi-phan)']);
    const duc = await client.request<Found>('workspace/symbol', { query: 'Tran Duc' });
    assert.deepEqual(duc.map((symbol) => show(symbol.location)), ['strategy.mktplan.yaml:6:duc']);
    assert.deepEqual(await client.request('workspace/symbol', { query: 'nothing-like-this' }), []);
  });

  it('shows each item\'s id beside its name in the outline', async () => {
    const uri = await open('plans/north-q1.mktplan.yaml');
    type Symbol = { name: string; detail?: string; children?: Symbol[] };
    const outline = await client.request<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const campaigns = outline.find((symbol) => symbol.name === 'plan')!.children!.find((symbol) => symbol.name === 'campaigns')!;
    assert.deepEqual(campaigns.children!.map((symbol) => [symbol.name, symbol.detail]), [['Khai giảng', 'khai-giang']]);
  });

  it('checks the plans no editor has open, and checks them again when a file they import changes on disk', async () => {
    const q1 = pathToFileURL(nodePath.join(folder, 'plans/north-q1.mktplan.yaml')).href;
    const strategy = pathToFileURL(nodePath.join(folder, 'strategy.mktplan.yaml')).href;
    const renameObjective = async (from: string, to: string) => {
      // Someone renames the objective in the strategy, outside the editor.
      writeFileSync(nodePath.join(folder, 'strategy.mktplan.yaml'), read('strategy.mktplan.yaml').replace(`id: ${from}`, `id: ${to}`));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: strategy, type: 2 }] });
    };
    await renameObjective('nhan-dien', 'brand-awareness');
    const broken = await client.diagnostics(q1, (published) => published.diagnostics.length > 0);
    assert.deepEqual([...new Set(broken.diagnostics.map((diagnostic) => diagnostic.code))], ['ref/unknown']);
    const since = client.published.length;
    await renameObjective('brand-awareness', 'nhan-dien');
    await client.diagnostics(q1, (published) => published.diagnostics.length === 0, since);
    // A clean plan is never published: a client has nothing of it to show or to clear. South, the strategy and north use no renamed id.
    assert.deepEqual(
      client.published.filter((published) => published.uri !== q1).map((published) => published.uri),
      [],
    );
  });

  it('answers a client that pulls diagnostics (LSP 3.17), pushes none, and asks it to pull again when an import changes', async () => {
    await client.stop();
    client = new LspClient(folder);
    const initialized = (await client.initialize(undefined, { pullDiagnostics: true })) as { capabilities: { diagnosticProvider?: { workspaceDiagnostics: boolean } } };
    assert.equal(initialized.capabilities.diagnosticProvider?.workspaceDiagnostics, true);
    type Report = { kind: string; uri?: string; resultId: string; items?: Array<{ code: string }> };
    const strategy = await open('strategy.mktplan.yaml');
    const own = await client.request<Report>('textDocument/diagnostic', { textDocument: { uri: strategy } });
    assert.deepEqual([own.kind, own.items], ['full', []]);
    assert.equal((await client.request<Report>('textDocument/diagnostic', { textDocument: { uri: strategy }, previousResultId: own.resultId })).kind, 'unchanged');
    const workspace = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
    const q1 = pathToFileURL(nodePath.join(folder, 'plans/north-q1.mktplan.yaml')).href;
    assert.deepEqual(workspace.items.map((item) => nodePath.relative(folder, new URL(item.uri!).pathname)).sort(), ['plans/north-q1.mktplan.yaml', 'plans/north.mktplan.yaml', 'plans/south.mktplan.yaml']);
    // The strategy is edited: the objective north-q1 names is renamed away.
    const refreshes = client.refreshes;
    await client.change(strategy, 2, read('strategy.mktplan.yaml').replace('id: nhan-dien', 'id: brand-awareness'));
    await client.waitForRefreshes(refreshes + 1);
    const again = await client.request<{ items: Report[] }>('workspace/diagnostic', {
      previousResultIds: workspace.items.map((item) => ({ uri: item.uri, value: item.resultId })),
    });
    const byFile = new Map(again.items.map((item) => [nodePath.relative(folder, new URL(item.uri!).pathname), item]));
    assert.deepEqual([...new Set(byFile.get('plans/north-q1.mktplan.yaml')!.items!.map((item) => item.code))], ['ref/unknown']);
    assert.equal(byFile.get('plans/south.mktplan.yaml')!.kind, 'unchanged');
    assert.ok(client.published.every((published) => published.uri !== q1), 'a pulling client is sent no pushed diagnostics');
    assert.equal(client.published.length, 0);
  });

  it('keeps to the open files when mktplan.checkFiles is `open`', async () => {
    await client.stop();
    client = new LspClient(folder);
    client.settings = { checkFiles: 'open' };
    await client.initialize();
    const uri = await open('plans/south.mktplan.yaml');
    await client.diagnostics(uri);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.deepEqual([...new Set(client.published.map((published) => published.uri))], [uri]);
  });
});
