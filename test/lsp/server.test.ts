import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { LspClient } from './lspClient';

const repository = nodePath.join(__dirname, '../..');
const examples = nodePath.join(repository, 'examples');
const read = (relativePath: string) => readFileSync(nodePath.join(examples, relativePath), 'utf8');

interface Item {
  label: string;
  kind: number;
  textEdit?: { newText: string };
}
interface Hover {
  contents: { kind: string; value: string };
}
interface Symbol {
  name: string;
  children?: Symbol[];
}

/** Positions of every key in a YAML text, with the key's name. */
function keyPositions(text: string): Array<{ key: string; line: number; character: number }> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const keys: Array<{ key: string; line: number; character: number }> = [];
  const walk = (node: unknown) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key) && pair.key.range) {
          const { line, col } = lineCounter.linePos(pair.key.range[0]);
          keys.push({ key: String(pair.key.value), line: line - 1, character: col - 1 });
        }
        walk(isPair(pair) ? pair.value : undefined);
      }
    } else if (isSeq(node)) node.items.forEach(walk);
  };
  walk(document.contents as Node);
  return keys;
}

/** The position just after the first occurrence of `marker` in `text`. */
function after(text: string, marker: string): { line: number; character: number } {
  const index = text.indexOf(marker);
  assert.ok(index >= 0, `marker ${JSON.stringify(marker)} not in text`);
  const before = text.slice(0, index + marker.length).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('the language server over stdio (node dist/server.js --stdio)', function () {
  this.timeout(30_000);
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient(examples);
    const result = (await client.initialize()) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.hoverProvider);
  });
  afterEach(async () => {
    await client.stop();
    assert.doesNotMatch(client.stderr, /Error|at .*\.js:\d+/);
  });

  it('publishes the same findings as the CLI for the same file', async () => {
    const uri = await client.open('draft.mktplan.yaml', read('draft.mktplan.yaml'));
    const published = await client.diagnostics(uri);
    const cli = spawnSync(process.execPath, [nodePath.join(repository, 'dist/cli.js'), 'check', '--format', 'json', 'draft.mktplan.yaml'], { cwd: examples, encoding: 'utf8' });
    const [report] = JSON.parse(cli.stdout) as Array<{ diagnostics: Array<{ code: string; severity: string; message: string; range: unknown }> }>;
    const severityNumber: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };
    assert.ok(report.diagnostics.length >= 10);
    assert.deepEqual(
      published.diagnostics.map(({ code, severity, message, range }) => ({ code, severity, message, range })),
      report.diagnostics.map(({ code, severity, message, range }) => ({ code, severity: severityNumber[severity], message, range })),
    );
    assert.equal(published.version, 1);
  });

  it('resolves imports through the workspace and re-checks a plan when the file it imports changes', async () => {
    const strategyText = read('imports/strategy.mktplan.yaml');
    const planText = read('imports/plan-2027.mktplan.yaml');
    const strategy = await client.open('imports/strategy.mktplan.yaml', strategyText);
    const plan = await client.open('imports/plan-2027.mktplan.yaml', planText);
    assert.deepEqual((await client.diagnostics(plan)).diagnostics, []);
    await client.diagnostics(strategy);
    const since = client.published.length;
    // Remove the whole team from the strategy: the plan's owners now point at nothing.
    const withoutTeam = strategyText.replace(/^team:\n(?:[ #-].*\n|\n)*?(?=^\S)/m, '');
    assert.notEqual(withoutTeam, strategyText);
    await client.change(strategy, 2, withoutTeam);
    const rechecked = await client.diagnostics(plan, (p) => p.diagnostics.some((d) => d.code === 'ref/unknown'), since);
    assert.ok(rechecked.diagnostics.every((d) => d.code === 'ref/unknown'));
  });

  it('answers hover on every key of a plan that uses every section', async () => {
    const text = read('saigon-bean.mktplan.yaml');
    const uri = await client.open('saigon-bean.mktplan.yaml', text);
    const keys = keyPositions(text);
    assert.ok(keys.length > 100);
    const seen = new Set<string>();
    for (const { key, line, character } of keys) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      assert.ok(hover && hover.contents.value.startsWith('**'), `no hover on ${key} at ${line + 1}:${character + 1}`);
      seen.add(key);
    }
    for (const key of ['swot', 'objectives', 'campaigns', 'kpis', 'budget', 'salesAlignment', 'valueProposition']) assert.ok(seen.has(key), key);
    const swot = keys.find((entry) => entry.key === 'swot')!;
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: swot });
    assert.match(hover.contents.value, /SWOT/);
    assert.match(hover.contents.value, /Source: \[\*Chiến lược Marketing và Kế hoạch Marketing/);
  });

  it('explains enum values, id references and findings on hover', async () => {
    const text = read('saigon-bean.mktplan.yaml');
    const uri = await client.open('saigon-bean.mktplan.yaml', text);
    const role = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: after(text, 'role: cm') });
    assert.match(role.contents.value, /`cmo`: /);
    assert.match(role.contents.value, /CSO|sales/i);
    const kpiLine = text.split('\n').findIndex((line) => /^\s+kpis: \[/.test(line));
    const character = text.split('\n')[kpiLine].indexOf('[') + 2;
    const reference = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: kpiLine, character } });
    assert.match(reference.contents.value, /\*\*KPI `[a-z0-9-]+`\*\*/);
    assert.match(reference.contents.value, /Target: /);

    const draft = read('draft.mktplan.yaml');
    const draftUri = await client.open('draft.mktplan.yaml', draft);
    const published = await client.diagnostics(draftUri);
    const finding = published.diagnostics.find((d) => d.code === 'budget/over-allocated')!;
    const onFinding = await client.request<Hover>('textDocument/hover', { textDocument: { uri: draftUri }, position: finding.range.start });
    assert.match(onFinding.contents.value, /`budget\/over-allocated`/);
    assert.match(onFinding.contents.value, /docs\/rules\/budget\/over-allocated\.md/);
  });

  describe('completion', () => {
    const plan = `mktplan: "1"
team:
  - {id: linh, role: cmo, name: Tran Linh}
  - {id: minh, role: marketing-manager}
strategy:
  owner: linh
  objectives:
    - {id: share, statement: Lead District 1}
  swot:
    strengths: [own roastery]
plan:
  owner: minh
  channels:
    - {id: social, type: social}
  kpis:
    - id: pickups
      target: 100
  campaigns:
    - id: tet
      kpis: []
`;
    async function complete(text: string, marker: string): Promise<Item[]> {
      const uri = await client.open('completion.mktplan.yaml', text);
      const result = await client.request<{ items: Item[] } | null>('textDocument/completion', { textDocument: { uri }, position: after(text, marker) });
      return result?.items ?? [];
    }
    const labels = (items: Item[]) => items.map((item) => item.label);

    it('offers the top-level keys not yet present', async () => {
      const items = await complete(plan + '\n', 'kpis: []\n\n');
      // `actuals` twice: the key, and the section's snippet.
      assert.deepEqual(labels(items).filter((label) => !['mktplan'].includes(label)).sort(), ['actuals', 'actuals', 'imports', 'organization', 'title']);
    });

    it('offers the strategy keys not yet present, with their docs, on a half-typed key', async () => {
      const text = plan.replace('  swot:\n', '  va\n  swot:\n');
      const items = await complete(text, '  va');
      assert.ok(labels(items).includes('valueProposition'));
      assert.ok(!labels(items).includes('swot') && !labels(items).includes('owner'));
      const item = items.find((entry) => entry.label === 'valueProposition') as Item & { documentation: { value: string } };
      assert.match(item.documentation.value, /Source: /);
    });

    it('offers the swot quadrants still missing', async () => {
      const text = plan.replace('    strengths: [own roastery]\n', '    strengths: [own roastery]\n    \n');
      assert.deepEqual(labels(await complete(text, 'strengths: [own roastery]\n    ')).sort(), ['opportunities', 'threats', 'weaknesses']);
    });

    it('offers the plan keys not yet present, and section snippets', async () => {
      const text = plan + '  ';
      const items = await complete(text, 'kpis: []\n  ');
      for (const key of ['budget', 'timeline', 'content', 'reporting', 'salesAlignment']) assert.ok(labels(items).includes(key), key);
      assert.ok(!labels(items).includes('kpis'));
      assert.ok(items.some((item) => item.kind === 15 && item.label === 'budget'), 'budget snippet');
    });

    it('offers campaign keys inside a campaign and KPI keys inside a KPI', async () => {
      const campaign = await complete(plan.replace('      kpis: []\n', '      kpis: []\n      \n'), 'kpis: []\n      ');
      for (const key of ['name', 'objective', 'audience', 'channels', 'start', 'end', 'budget']) assert.ok(labels(campaign).includes(key), key);
      const kpi = await complete(plan.replace('      target: 100\n', '      target: 100\n      un\n'), '      un');
      assert.ok(labels(kpi).includes('unit'));
      assert.ok(!labels(kpi).includes('target'));
    });

    it('offers enum values after a key, on an empty value and in a flow map', async () => {
      const role = await complete(plan.replace('  - {id: minh, role: marketing-manager}', '  - {id: minh, role: }'), 'minh, role: ');
      assert.ok(labels(role).includes('cmo') && labels(role).includes('marketing-manager'));
      const type = await complete(plan.replace('    - {id: social, type: social}', '    - id: social\n      type: so'), 'type: so');
      assert.ok(labels(type).includes('social') && labels(type).includes('seo'));
    });

    it('offers ids of the right kind for references', async () => {
      assert.deepEqual(labels(await complete(plan.replace('      kpis: []', '      kpis: [pi'), 'kpis: [pi')), ['pickups']);
      assert.deepEqual(labels(await complete(plan.replace('  owner: minh', '  owner: m'), '  owner: m')), ['linh', 'minh']);
      const implementsItem = await complete(plan.replace('  owner: minh\n', '  owner: minh\n  implements:\n    - \n'), 'implements:\n    - ');
      assert.deepEqual(labels(implementsItem), ['share']);
    });

    it('leaves snippets to an editor that has its own copy of them', async () => {
      await client.stop();
      client = new LspClient(examples);
      await client.initialize({ clientProvidesSnippets: true });
      const items = await complete(plan.replace('  campaigns:\n', '  campaigns:\n    - \n'), '  campaigns:\n    - ');
      assert.ok(items.length > 0);
      assert.ok(items.every((item) => item.kind !== 15));
    });

    it('offers a list item snippet on a fresh item', async () => {
      const items = await complete(plan.replace('  campaigns:\n', '  campaigns:\n    - \n'), '  campaigns:\n    - ');
      const snippet = items.find((item) => item.kind === 15 && item.label === 'campaign');
      assert.ok(snippet, labels(items).join(', '));
      assert.match(snippet.textEdit!.newText, /^- /);
      // The docs show the snippet as it will read once inserted, not its placeholder syntax.
      const preview = (snippet as Item & { documentation: { value: string } }).documentation.value;
      assert.match(preview, /- id: /);
      assert.doesNotMatch(preview, /\$\{|\$\d/);
    });
  });

  it('gives an outline of sections, campaigns by name and KPIs', async () => {
    const text = read('saigon-bean.mktplan.yaml');
    const uri = await client.open('saigon-bean.mktplan.yaml', text);
    const symbols = await client.request<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((symbol) => symbol.name).filter((name) => ['strategy', 'plan', 'team'].includes(name)), ['team', 'strategy', 'plan']);
    const plan = symbols.find((symbol) => symbol.name === 'plan')!;
    const campaigns = plan.children!.find((symbol) => symbol.name === 'campaigns')!;
    assert.ok(campaigns.children!.length > 0);
    assert.ok(campaigns.children!.every((campaign) => !campaign.name.startsWith('item ')));
    const folding = await client.request<Array<{ startLine: number; endLine: number }>>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(folding.length > 10);
  });

  it('applies changed settings without a restart', async () => {
    const uri = await client.open('draft.mktplan.yaml', read('draft.mktplan.yaml'));
    const first = await client.diagnostics(uri);
    assert.ok(first.diagnostics.some((d) => d.code === 'plan/kpis-missing' && d.severity === 2));
    const since = client.published.length;
    client.settings = { rules: { 'plan/kpis-missing': 'off', 'ref/unused': 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mktplan: client.settings } });
    const second = await client.diagnostics(uri, () => true, since);
    assert.ok(!second.diagnostics.some((d) => d.code === 'plan/kpis-missing'));
    assert.ok(second.diagnostics.filter((d) => d.code === 'ref/unused').every((d) => d.severity === 1));
  });

  it('never publishes an older version after a newer one while the user types', async () => {
    const text = read('draft.mktplan.yaml');
    const uri = await client.open('draft.mktplan.yaml', text);
    let version = 1;
    for (let index = 0; index < 40; index++) {
      version++;
      await client.change(uri, version, text + `# note ${index}\n`.repeat(index % 3));
      if (index % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 170));
    }
    await client.diagnostics(uri, (p) => p.version === version);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published out of order: ${versions.join(', ')}`);
  });
});
