import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { LspClient } from './lspClient';

const examples = nodePath.join(__dirname, '../../examples');
const draft = readFileSync(nodePath.join(examples, 'draft.mktplan.yaml'), 'utf8');

/** Letters each language is written in, beyond what English uses. */
const scripts: Record<string, RegExp> = {
  vi: /[ạảấầẩậắằẳặẹẻếềểệịọỏốồổộớờởợụủứừửựđ]/i,
  'zh-cn': /[\u4e00-\u9fff]/,
  ru: /[а-яё]/i,
};

describe('the language server in the users\' languages', function () {
  this.timeout(30_000);
  let client: LspClient;
  afterEach(async () => client.stop());

  for (const [locale, letters] of Object.entries(scripts)) {
    it(`speaks ${locale}: findings, their rule pages, hover and completion docs, by the setting or the display language`, async () => {
      client = new LspClient(examples);
      client.settings = { locale };
      await client.initialize();
      const uri = await client.open('draft.mktplan.yaml', draft);
      const { diagnostics } = await client.diagnostics(uri);
      assert.ok(diagnostics.length > 5);
      for (const diagnostic of diagnostics) {
        assert.match(diagnostic.message, letters, diagnostic.message);
        assert.match((diagnostic as unknown as { codeDescription: { href: string } }).codeDescription.href, new RegExp(`/docs/rules/${locale}/`));
      }
      const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 18, character: 2 } });
      assert.match(hover.contents.value, letters);
      // A fresh line under `strategy:`, where the strategy's missing keys are offered.
      const typing = await client.open('typing.mktplan.yaml', draft.replace('strategy:\n', 'strategy:\n  \n'));
      const completion = await client.request<{ items: Array<{ label: string; documentation?: { value: string } }> }>('textDocument/completion', {
        textDocument: { uri: typing },
        position: { line: 19, character: 2 },
      });
      const documented = completion.items.filter((item) => item.documentation);
      assert.ok(documented.length > 0 && documented.every((item) => letters.test(item.documentation!.value)), JSON.stringify(documented.slice(0, 2)));
    });
  }

  it('follows the display language given at initialize when the setting is `auto`, and a change of setting without a restart', async () => {
    client = new LspClient(examples);
    client.settings = { locale: 'auto' };
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, locale: 'ru', capabilities: { workspace: { configuration: true } } });
    await client.connection.sendNotification('initialized', {});
    const uri = await client.open('draft.mktplan.yaml', draft);
    assert.match((await client.diagnostics(uri)).diagnostics[0].message, scripts.ru);
    const since = client.published.length;
    client.settings = { locale: 'en' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { mktplan: client.settings } });
    const english = await client.diagnostics(uri, () => true, since);
    assert.match(english.diagnostics[0].message, /^[\x20-\x7e]+$/);
  });
});
