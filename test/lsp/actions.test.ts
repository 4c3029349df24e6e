import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { LspClient } from './lspClient';

const examples = nodePath.join(__dirname, '../../examples');
const draft = readFileSync(nodePath.join(examples, 'draft.mktplan.yaml'), 'utf8');

interface Action {
  title: string;
  kind: string;
  isPreferred?: boolean;
  diagnostics?: Array<{ code: string }>;
  edit: {
    changes?: Record<string, Array<{ range: unknown; newText: string }>>;
    documentChanges?: Array<{ textDocument: { uri: string }; edits: Array<{ range: unknown; newText?: string; snippet?: { kind: string; value: string } }> }>;
  };
}

describe('quick fixes over LSP (textDocument/codeAction)', function () {
  this.timeout(30_000);
  const clients: LspClient[] = [];
  let client: LspClient;
  afterEach(async () => {
    for (const started of clients.splice(0)) await started.stop();
  });

  async function actionsOn(code: string, options: { snippetEdits?: boolean; only?: string[]; text?: string } = {}): Promise<Action[]> {
    client = new LspClient(examples);
    clients.push(client);
    await client.initialize(undefined, { snippetEdits: options.snippetEdits });
    const uri = await client.open('draft.mktplan.yaml', options.text ?? draft);
    const { diagnostics } = await client.diagnostics(uri);
    const finding = diagnostics.find((diagnostic) => diagnostic.code === code)!;
    assert.ok(finding, `no ${code} finding`);
    return client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: finding.range,
      context: { diagnostics: [finding], ...(options.only ? { only: options.only } : {}) },
    });
  }

  it('offers the SWOT section, preferred, as plain text to a client without snippet edits', async () => {
    const actions = await actionsOn('strategy/swot-missing');
    const add = actions.find((action) => action.title === 'Add `swot`')!;
    assert.equal(add.kind, 'quickfix');
    assert.equal(add.isPreferred, true);
    assert.deepEqual(add.diagnostics?.map((diagnostic) => diagnostic.code), ['strategy/swot-missing']);
    const [edit] = Object.values(add.edit.changes!)[0];
    assert.match(edit.newText, /^ {2}swot:\n {4}strengths:\n {6}- What you do better than others\n/);
    assert.doesNotMatch(edit.newText, /\$\{/);
    assert.ok(actions.some((action) => action.title === 'Silence strategy/swot-missing on this line'));
    assert.ok(actions.some((action) => action.title === 'Silence strategy/swot-missing in this file'));
  });

  it('offers it as a snippet edit, tab stops and all, to a client that takes them', async () => {
    const actions = await actionsOn('strategy/swot-missing', { snippetEdits: true });
    const add = actions.find((action) => action.title === 'Add `swot`')!;
    const [change] = add.edit.documentChanges!;
    assert.equal(change.edits[0].snippet?.kind, 'snippet');
    assert.match(change.edits[0].snippet!.value, /strengths:\n {6}- \$\{1:What you do better than others\}/);
  });

  it('leaves a campaign\'s dates selected for a client that takes snippet edits, and offers no dates to one that does not', async () => {
    const withSnippets = await actionsOn('campaign/dates-missing', { snippetEdits: true });
    const add = withSnippets.find((action) => action.title === 'Add the dates')!;
    assert.ok(add, withSnippets.map((action) => action.title).join(', '));
    const values = add.edit.documentChanges!.flatMap((change) => change.edits.map((edit) => edit.snippet?.value ?? ''));
    assert.match(values.join(''), /start: \$\{1:YYYY-MM-DD\}\n {6}end: \$\{2:YYYY-MM-DD\}\n/);
    const plain = await actionsOn('campaign/dates-missing');
    assert.deepEqual(plain.filter((action) => action.diagnostics?.[0].code === 'campaign/dates-missing' && !action.title.startsWith('Silence')), []);
  });

  it('repairs a YAML syntax error where the edit is certain, and still offers to silence it', async () => {
    const text = draft.replace(/^( +)/gm, (spaces) => '\t'.repeat(spaces.length / 2));
    const actions = await actionsOn('yaml-syntax', { text });
    assert.deepEqual(actions.map((action) => action.title), ['Indent with spaces', 'Silence yaml-syntax in this file']);
    assert.equal(actions[0].isPreferred, true);
    const edits = Object.values(actions[0].edit.changes!)[0];
    assert.ok(edits.length > 10 && edits.every((edit) => /^( {2})+$/.test(edit.newText)));
  });

  it('sets an over-allocated total to the sum of the allocations', async () => {
    const actions = await actionsOn('budget/over-allocated');
    const set = actions.find((action) => action.title.startsWith('Set the total to'))!;
    assert.equal(set.title, 'Set the total to 23,000');
    assert.equal(Object.values(set.edit.changes!)[0][0].newText, '23000');
  });

  it('applies only the safe fixes with source.fixAll, and none where there is nothing safe to fix', async () => {
    const typo = draft.replace('currency: USD', 'curency: USD');
    assert.notEqual(typo, draft);
    const actions = await actionsOn('schema', { text: typo, only: ['source.fixAll'] });
    assert.deepEqual(actions.map((action) => [action.kind, action.title]), [['source.fixAll.mktplan', 'Fix what mktplan can fix safely']]);
    assert.deepEqual(Object.values(actions[0].edit.changes!)[0].map((edit) => edit.newText), ['currency']);
    const none = await actionsOn('plan/kpis-missing', { only: ['source.fixAll'] });
    assert.deepEqual(none, []);
  });
});

describe('figures at the ends of lines over LSP (textDocument/inlayHint)', function () {
  this.timeout(30_000);
  let client: LspClient;
  afterEach(async () => client.stop());

  it('are given for the lines asked for, and switched off by mktplan.inlayHints', async () => {
    client = new LspClient(examples);
    await client.initialize();
    const uri = await client.open('draft.mktplan.yaml', draft);
    await client.diagnostics(uri);
    const whole = { start: { line: 0, character: 0 }, end: { line: draft.split('\n').length, character: 0 } };
    const hints = await client.request<Array<{ label: string; position: { line: number } }>>('textDocument/inlayHint', { textDocument: { uri }, range: whole });
    assert.ok(hints.some((hint) => hint.label === '$23,000 allocated of $20,000: $3,000 too much'), JSON.stringify(hints));
    const none = await client.request<unknown[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } });
    assert.deepEqual(none, []);
    client.settings = { inlayHints: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mktplan: client.settings } });
    assert.deepEqual(await client.request('textDocument/inlayHint', { textDocument: { uri }, range: whole }), []);
  });
});
