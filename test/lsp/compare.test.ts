import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-jsonrpc';
import type { CompareResult, ReadAtRevisionParams, ReadFileResult } from '../../server/src/lsp/protocol';
import { LspClient } from './lspClient';

// "Compare with a Revision…" over the protocol: the server reads the plan and its imports at the
// commit by asking the client (`mktplan/readAtRevision`), as VS Code's Git extension answers it.

/** The team, kept in a file of its own, that the yearly plan's reporting names. */
const shared = (member: string) => `mktplan: "1"
team:
  - {id: ${member}, name: Linh, role: cmo}
`;

const plan = (total: number) => `mktplan: "1"
imports: [shared.mktplan.yaml]
plan:
  period: {start: 2027-01-01, end: 2027-12-31}
  reporting: {cadence: monthly, to: linh}
  budget:
    currency: USD
    total: ${total}
`;

describe('mktplan/compare: the open plan against a Git revision, read through the client', function () {
  this.timeout(30_000);
  let root: string;
  let client: LspClient;
  /** What the client holds at each commit: a file's text by its URI. */
  let commits: Record<string, Record<string, string>>;
  let asked: ReadAtRevisionParams[];

  beforeEach(async () => {
    root = mkdtempSync(nodePath.join(os.tmpdir(), 'mktplan-compare-'));
    mkdirSync(nodePath.join(root, 'plans'));
    writeFileSync(nodePath.join(root, 'plans', 'shared.mktplan.yaml'), shared('tran-linh'));
    writeFileSync(nodePath.join(root, 'plans', 'yearly.mktplan.yaml'), plan(60000));
    client = new LspClient(root);
    client.settings = { checkFiles: 'open' };
    commits = {};
    asked = [];
    const readAtRevision = (params: ReadAtRevisionParams): ReadFileResult => {
      asked.push(params);
      const text = commits[params.commit]?.[params.uri];
      if (text === undefined) return { kind: 'missing' };
      const bytes = Buffer.from(text, 'utf8');
      return { kind: 'ok', base64: bytes.subarray(0, params.limit + 1).toString('base64'), size: bytes.length };
    };
    client.connection.onRequest('mktplan/readAtRevision', (params: ReadAtRevisionParams): unknown => readAtRevision(params));
    await client.initialize();
  });
  afterEach(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const compare = (uri: string, commit = 'c1', revision = 'HEAD') =>
    client.connection.sendRequest<CompareResult | null>('mktplan/compare', { uri, commit, revision, repository: pathToFileURL(root).href });

  it('reports the change by meaning, the imports read at the commit, and links an introduced finding to its line', async () => {
    const yearly = client.uri('plans/yearly.mktplan.yaml');
    const sharedUri = client.uri('plans/shared.mktplan.yaml');
    // At the commit the imported team had `linh`; on the disk she has another id.
    commits.c1 = { [yearly]: plan(50000), [sharedUri]: shared('linh') };
    const uri = await client.open('plans/yearly.mktplan.yaml', plan(60000));
    const result = await compare(uri);
    assert.equal(result?.kind, 'compared', JSON.stringify(result));
    assert.equal(result.title, 'Changes since HEAD: yearly.mktplan.yaml');
    assert.match(result.body, /<h1>Marketing plan changes since <code>HEAD<\/code><\/h1>/);
    assert.ok(result.body.includes('<h2><code>plans/yearly.mktplan.yaml</code></h2>'), result.body);
    assert.ok(result.body.includes('<td class="num">$50,000</td><td class="num">$60,000</td><td class="num wraps">+$10,000, +20%</td>'), result.body);
    // The import as it was at the commit had `linh`: the unknown member is a finding the change introduces.
    assert.ok(result.body.includes('team member <code>linh</code> renamed <code>tran-linh</code>'), result.body);
    assert.ok(asked.some((params) => params.uri === sharedUri && params.commit === 'c1'));
    assert.match(result.body, /<li class="error"><span class="severity">error<\/span> <code>ref\/unknown<\/code>: No team member has the id <code>linh<\/code>/);
    // Its line is a link to the line in the open plan.
    const line = plan(60000).split('\n').findIndex((text) => text.includes('to: linh'));
    assert.ok(result.body.includes(`class="goto" data-file="${uri}" data-line="${line}"`), result.body);
    assert.doesNotMatch(result.body, /<script|style="/);
    assert.match(result.style, /--vscode-editor-foreground/);
  });

  it('the same plan at the commit: no change said, nothing introduced', async () => {
    const yearly = client.uri('plans/yearly.mktplan.yaml');
    commits.c1 = { [yearly]: plan(60000), [client.uri('plans/shared.mktplan.yaml')]: shared('tran-linh') };
    const result = await compare(await client.open('plans/yearly.mktplan.yaml', plan(60000)));
    assert.equal(result?.kind, 'compared');
    assert.match(result.body, /No change\.|nothing changed|<p class="status">/i);
    assert.doesNotMatch(result.body, /<details/);
  });

  it('a plan not at the revision, or not in the repository: a notice that says so', async () => {
    const uri = await client.open('plans/yearly.mktplan.yaml', plan(60000));
    const missing = await compare(uri, 'c2', 'main');
    assert.deepEqual(missing && { kind: missing.kind }, { kind: 'notice' });
    assert.equal(missing!.kind === 'notice' && missing!.notice, 'plans/yearly.mktplan.yaml is not in main: it was added since. Pick a revision that has it.');
    const outside = await client.connection.sendRequest<CompareResult | null>('mktplan/compare', { uri, commit: 'c1', revision: 'HEAD', repository: pathToFileURL(nodePath.join(root, 'elsewhere')).href });
    assert.equal(outside?.kind, 'notice');
    assert.match(outside.kind === 'notice' ? outside.notice : '', /is not inside the repository/);
  });

  it('a version that does not parse, on either side: a notice naming which', async () => {
    const yearly = client.uri('plans/yearly.mktplan.yaml');
    commits.c1 = { [yearly]: 'plan: [unclosed' };
    const uri = await client.open('plans/yearly.mktplan.yaml', plan(60000));
    const old = await compare(uri);
    assert.equal(old?.kind, 'notice');
    assert.match(old.kind === 'notice' ? old.notice : '', /as it is in HEAD does not parse/);
    commits.c1 = { [yearly]: plan(50000) };
    await client.change(uri, 2, 'plan: [unclosed');
    const now = await compare(uri);
    assert.equal(now?.kind, 'notice');
    assert.match(now.kind === 'notice' ? now.notice : '', /does not parse right now/);
  });

  it('in the language of the settings', async () => {
    client.settings = { checkFiles: 'open', locale: 'vi' };
    const yearly = client.uri('plans/yearly.mktplan.yaml');
    commits.c1 = { [yearly]: plan(50000), [client.uri('plans/shared.mktplan.yaml')]: shared('tran-linh') };
    const result = await compare(await client.open('plans/yearly.mktplan.yaml', plan(60000)));
    assert.equal(result?.kind, 'compared');
    assert.doesNotMatch(result.title, /Changes since/);
    assert.ok(result.body.includes('50.000\u00a0US$'), result.body.slice(0, 1500));
  });

  it('a client that cannot read revisions: the plan is said not to be there, and the server goes on', async () => {
    client.connection.onRequest('mktplan/readAtRevision', () => {
      throw new ResponseError(-32601, 'Unhandled method mktplan/readAtRevision');
    });
    const uri = await client.open('plans/yearly.mktplan.yaml', plan(60000));
    const result = await compare(uri);
    assert.equal(result?.kind, 'notice');
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }).then(() => 'answered'), 'answered');
  });

  it('malformed parameters: InvalidParams naming the field', async () => {
    const uri = await client.open('plans/yearly.mktplan.yaml', plan(60000));
    await assert.rejects(client.connection.sendRequest('mktplan/compare', { uri, commit: 7, revision: 'HEAD', repository: 'file:///' }), (error: { code?: number; message?: string }) => error.code === -32602 && /commit/.test(error.message ?? ''));
  });
});
