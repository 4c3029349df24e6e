import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';

const examples = nodePath.join(__dirname, '../../examples');
const draft = readFileSync(nodePath.join(examples, 'draft.mktplan.yaml'), 'utf8');

describe('the language server and the settings a repository shares', function () {
  this.timeout(30_000);
  let folder: string;
  let client: LspClient;

  beforeEach(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-lsp-config-'));
    writeFileSync(nodePath.join(folder, 'draft.mktplan.yaml'), draft);
    client = new LspClient(folder);
  });
  afterEach(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('registers for configuration changes only with a client that takes dynamic registration', async () => {
    await client.initialize(undefined, { dynamicRegistration: false });
    const uri = await client.open('draft.mktplan.yaml', draft);
    await client.diagnostics(uri);
    assert.deepEqual(client.registered, []);
    // Such a client still tells of changed settings itself, and they apply.
    const since = client.published.length;
    client.settings = { rules: { 'plan/kpis-missing': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mktplan: client.settings } });
    const after = await client.diagnostics(uri, () => true, since);
    assert.ok(!after.diagnostics.some((diagnostic) => diagnostic.code === 'plan/kpis-missing'));
  });

  it('registers for them with a client that takes it', async () => {
    await client.initialize();
    const uri = await client.open('draft.mktplan.yaml', draft);
    await client.diagnostics(uri);
    assert.deepEqual(client.registered, ['workspace/didChangeConfiguration']);
  });

  it('applies mktplan.config.yaml over the editor settings, and reloads it when it changes on disk', async () => {
    writeFileSync(nodePath.join(folder, 'mktplan.config.yaml'), 'rules:\n  plan/kpis-missing: error\n');
    client.settings = { rules: { 'plan/kpis-missing': 'off' } };
    await client.initialize();
    const uri = await client.open('draft.mktplan.yaml', draft);
    const first = await client.diagnostics(uri);
    assert.ok(first.diagnostics.some((diagnostic) => diagnostic.code === 'plan/kpis-missing' && diagnostic.severity === 1));
    const since = client.published.length;
    writeFileSync(nodePath.join(folder, 'mktplan.config.yaml'), 'rules:\n  plan/kpis-missing: hint\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(nodePath.join(folder, 'mktplan.config.yaml')).href, type: 2 }],
    });
    const second = await client.diagnostics(uri, (published) => published.diagnostics.some((diagnostic) => diagnostic.code === 'plan/kpis-missing' && diagnostic.severity === 4), since);
    assert.ok(second);
  });

  it('shows the mistakes of an open configuration file on their lines, and checks plans again as it is edited', async () => {
    await client.initialize();
    const plan = await client.open('draft.mktplan.yaml', draft);
    await client.diagnostics(plan);
    const config = await client.open('mktplan.config.yaml', 'rules:\n  plan/kpis-missng: off\n');
    const own = await client.diagnostics(config);
    assert.deepEqual(own.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]), [['schema', 1]]);
    const since = client.published.length;
    await client.change(config, 2, 'rules:\n  plan/kpis-missing: off\n');
    const rechecked = await client.diagnostics(plan, (published) => !published.diagnostics.some((diagnostic) => diagnostic.code === 'plan/kpis-missing'), since);
    assert.ok(rechecked);
    assert.deepEqual((await client.diagnostics(config, () => true, since)).diagnostics, []);
  });

  it('passes each finding\'s data and tags to the client', async () => {
    await client.initialize();
    const uri = await client.open('draft.mktplan.yaml', draft);
    const { diagnostics } = await client.diagnostics(uri);
    const unused = diagnostics.find((diagnostic) => diagnostic.code === 'ref/unused') as unknown as { tags: number[]; data: { ruleId: string; path: unknown[] } };
    assert.deepEqual(unused.tags, [1]);
    assert.equal(unused.data.ruleId, 'ref/unused');
    assert.ok(unused.data.path.length > 0);
  });
});
