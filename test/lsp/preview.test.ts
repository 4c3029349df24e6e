import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { PreviewResult } from '../../server/src/lsp/protocol';
import { LspClient } from './lspClient';

const examples = nodePath.join(__dirname, '../../examples');
const draft = readFileSync(nodePath.join(examples, 'draft.mktplan.yaml'), 'utf8');

describe('the preview and export requests (node dist/server.js --stdio)', function () {
  this.timeout(30_000);
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient(examples);
    client.settings = { checkFiles: 'open' };
    await client.initialize();
  });
  afterEach(() => client.stop());

  const preview = (uri: string) => client.connection.sendRequest<PreviewResult | null>('mktplan/preview', { uri, today: '2027-05-01' });

  it('draws the panels of an open plan, with the over-allocated budget and links back to lines', async () => {
    const uri = await client.open('draft.mktplan.yaml', draft, 3);
    const result = await preview(uri);
    assert.ok(result?.parses);
    assert.equal(result.version, 3);
    assert.match(result.body, /Over-allocated: the allocations exceed the total by \$3,000\./);
    // The `launch` campaign is on line 72 (1-based): its link reveals that line.
    const launch = draft.split('\n').findIndex((line) => line.includes('- id: launch'));
    assert.match(result.body, new RegExp(`class="goto" data-file="[^"]+draft\\.mktplan\\.yaml" data-line="${launch}" data-character="\\d+"`));
    assert.doesNotMatch(result.body, /<script|style="/);
    assert.match(result.style, /--vscode-editor-foreground/);
  });

  it('draws the charts as wide as the preview says its page is, within bounds', async () => {
    const uri = await client.open('draft.mktplan.yaml', draft);
    const widths = async (width: number) => {
      const result = await client.connection.sendRequest<PreviewResult | null>('mktplan/preview', { uri, today: '2027-05-01', width });
      assert.ok(result?.parses);
      return [...result.body.matchAll(/<svg[^>]*viewBox="0 0 (\d+) /g)].map((match) => Number(match[1]));
    };
    const narrow = await widths(480);
    assert.ok(narrow.length > 0 && narrow.every((width) => width === 480), String(narrow));
    assert.ok((await widths(100)).every((width) => width === 360));
    assert.ok((await widths(5000)).every((width) => width === 900));
  });

  it('says so, and draws nothing, while the text does not parse', async () => {
    const uri = await client.open('draft.mktplan.yaml', draft.replace('channels: [instagram, flyers]', 'channels: [instagram, flyers'));
    const result = await preview(uri);
    assert.ok(result && !result.parses);
    assert.match(result.notice, /does not parse/);
  });

  it('speaks the language of the settings', async () => {
    client.settings = { checkFiles: 'open', locale: 'vi' };
    const uri = await client.open('draft.mktplan.yaml', draft);
    const result = await preview(uri);
    assert.ok(result?.parses);
    assert.match(result.body, /Ngân sách|ngân sách/);
    // Dollars as Vietnamese writes them, without cents on a whole amount.
    assert.ok(result.body.includes('20.000\u00a0US$'), result.body.slice(0, 2000));
    assert.ok(!result.body.includes('20.000,00'));
  });

  it('answers nothing for a document that is not open', async () => {
    assert.equal(await preview(client.uri('saigon-bean.mktplan.yaml')), null);
  });

  it('exports the open text as Markdown or a whole HTML page, saying when it has unsaved changes', async () => {
    const uri = await client.open('draft.mktplan.yaml', draft);
    const markdown = await client.connection.sendRequest<string>('mktplan/export', { uri, format: 'md', today: '2027-05-01', changed: true });
    assert.match(markdown, /^# Bloom & Brew — first marketing plan/);
    assert.match(markdown, /The file had changes not yet saved\./);
    const html = await client.connection.sendRequest<string>('mktplan/export', { uri, format: 'html', today: '2027-05-01', changed: false });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<svg/);
    assert.doesNotMatch(html, /<script/);
    assert.doesNotMatch(html, /changes not yet saved/);
  });
});
