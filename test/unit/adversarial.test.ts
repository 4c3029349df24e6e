import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { DiskWorkspace } from '../../server/src/hosts/disk';
import { Engine } from '../../server/src/service';
import { maxImportedFiles } from '../../server/src/service/model/imports';
import { maxTextLength } from '../../server/src/service/document/parse';
import { maxNestingDepth } from '../../server/src/service/document/options';
import { check, cleanPlan, rangeOutside, withChange } from './helpers';

/** Checks a text and returns its findings as `code: message`, asserting every range is inside it. */
async function findings(text: string, files: Record<string, string> = {}): Promise<string[]> {
  const diagnostics = await check(text, { files });
  for (const diagnostic of diagnostics) assert.equal(rangeOutside(text, diagnostic.range), undefined, diagnostic.message);
  return diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
}

describe('adversarial files', function () {
  this.timeout(60_000);

  it('stops an alias bomb ("billion laughs") with a finding', async () => {
    let bomb = 'mktplan: "1"\nlol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    for (let level = 0; level < 12; level++) {
      const [name, previous] = [`l${level}`, level === 0 ? 'a' : `l${level - 1}`];
      bomb += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
    }
    assert.deepEqual(await findings(bomb), ['yaml-syntax: YAML: the document expands its aliases (`*name`) too many times to be read; write the values out instead']);
  });

  it('answers 100,000-deep nesting without overflowing the stack', async () => {
    for (const text of ['mktplan: "1"\nplan: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n', '- '.repeat(100_000) + 'x\n', 'a: ' + '{b: '.repeat(50_000) + '1' + '}'.repeat(50_000) + '\n']) {
      const result = await findings(text);
      assert.ok(result.length > 0 && result.every((finding) => finding.startsWith('yaml-syntax: ')), result.join('\n'));
    }
  });

  it(`refuses nesting deeper than ${maxNestingDepth} levels that the parser accepts`, async () => {
    let text = 'mktplan: "1"\ntitle:\n';
    for (let level = 1; level <= maxNestingDepth + 5; level++) text += `${' '.repeat(level)}- \n`.replace('- \n', level === maxNestingDepth + 5 ? '- x\n' : '-\n');
    assert.deepEqual(await findings(text), [`yaml-syntax: YAML: the document nests more than ${maxNestingDepth} levels deep`]);
  });

  it('caps the size of a file with a clear finding instead of freezing', async () => {
    const text = 'mktplan: "1"\nplan:\n' + `  # ${'x'.repeat(1020)}\n`.repeat(50 * 1024);
    assert.ok(text.length > 50 * 1024 * 1024);
    const started = Date.now();
    const result = await findings(text);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(result, [`yaml-syntax: YAML: this file is ${Math.round((text.length / 1024 / 1024) * 10) / 10} MB, and mktplan reads files up to ${maxTextLength / 1024 / 1024} MB: split it, for example one plan per year joined by \`imports\``]);
  });

  it('reads binary content as text that is not a plan', async () => {
    const text = Buffer.from(Array.from({ length: 8192 }, (_, index) => (index * 7919) % 256)).toString('latin1');
    assert.ok((await findings(text)).length > 0);
    assert.ok((await findings('\u0000\u0001\u0002mktplan: "1"\n\uFFFE\uD800')).length > 0);
  });

  it('treats __proto__ and constructor as unknown keys and pollutes no prototype', async () => {
    const text = withChange('plan:\n', 'plan:\n  __proto__: {polluted: true}\n  constructor: {prototype: {polluted: true}}\n').replace('mktplan: "1"\n', 'mktplan: "1"\n__proto__: {polluted: true}\n');
    const result = await findings(text);
    assert.deepEqual(result.filter((finding) => finding.startsWith('schema: Unknown key')).length, 3);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  });

  it('never evaluates custom tags such as !!js/function', async () => {
    const marker = '__mktplanTagRan';
    const text = withChange('title: Saigon Bean — marketing 2027', `title: !!js/function "function () { globalThis.${marker} = true }"`);
    const result = await findings(text);
    assert.equal((globalThis as Record<string, unknown>)[marker], undefined);
    assert.deepEqual(result, ['yaml-syntax: YAML: the tag `!!js/function` is unknown here and is ignored']);
  });

  it(`reads at most ${maxImportedFiles} imported files and reports the rest`, async () => {
    const files: Record<string, string> = {};
    const entries: string[] = [];
    const count = maxImportedFiles + 100;
    for (let index = 0; index < count; index++) {
      files[`part-${index}.mktplan.yaml`] = `mktplan: "1"\nteam: [{id: member-${index}, role: other}]\nplan: {}\n`;
      entries.push(`./part-${index}.mktplan.yaml`);
    }
    const text = withChange('title: Saigon Bean — marketing 2027\n', `title: Saigon Bean — marketing 2027\nimports: [${entries.join(', ')}]\n`);
    const started = Date.now();
    const result = await findings(text, files);
    assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
    const refused = result.filter((finding) => finding.includes('files are imported'));
    assert.equal(refused.length, count - maxImportedFiles);
  });

  it('follows a long import cycle once and reports it on the entry that leads into it', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 300; index++) files[`ring-${index}.mktplan.yaml`] = `mktplan: "1"\nimports: [./ring-${(index + 1) % 300}.mktplan.yaml]\nplan: {}\n`;
    const diagnostics = await check(files['ring-0.mktplan.yaml'], { name: 'ring-0.mktplan.yaml', files });
    const cycles = diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown');
    assert.equal(cycles.length, 1);
    assert.match(cycles[0].message, /^Import cycle: ring-0\.mktplan\.yaml → ring-1\.mktplan\.yaml → .* → ring-299\.mktplan\.yaml → ring-0\.mktplan\.yaml\.$/);
  });
});

describe('safety', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-safety-'));
    mkdirSync(nodePath.join(folder, 'workspace'));
    writeFileSync(nodePath.join(folder, 'secret.mktplan.yaml'), 'mktplan: "1"\nteam: [{id: spy, role: ceo}]\nstrategy: {}\n');
    symlinkSync(nodePath.join(folder, 'secret.mktplan.yaml'), nodePath.join(folder, 'workspace', 'link.mktplan.yaml'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses imports that name a URL or an absolute path, with a schema finding and no request', async () => {
    for (const entry of ['https://example.com/strategy.mktplan.yaml', 'file:///etc/strategy.mktplan.yaml', '/etc/strategy.mktplan.yaml', 'C:\\\\plans\\\\x.mktplan.yaml', './notes.txt']) {
      const text = withChange('title: Saigon Bean — marketing 2027\n', `title: Saigon Bean — marketing 2027\nimports: ["${entry}"]\n`);
      const result = await findings(text);
      assert.deepEqual(result, [`schema: Each entry of \`imports\` must be a relative path to another .mktplan.yaml or .mktplan.yml file, such as ./strategy.mktplan.yaml; "${entry.replace(/\\\\/g, '\\')}" is not`]);
    }
  });

  it('reads no file outside the workspace, through `..` or through a link', async () => {
    const engine = new Engine(new DiskWorkspace(nodePath.join(folder, 'workspace')));
    const plan = withChange('  owner: minh\n', '  owner: spy\n').replace('title: Saigon Bean — marketing 2027\n', 'title: x\nimports: [../secret.mktplan.yaml, ./link.mktplan.yaml]\n');
    const diagnostics = await engine.check(nodePath.join(folder, 'workspace', 'plan.mktplan.yaml'), plan);
    const messages = diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown').map((diagnostic) => diagnostic.message);
    assert.deepEqual(messages, [
      '`../secret.mktplan.yaml` is outside the workspace folder; imports stay inside it.',
      'Cannot import `./link.mktplan.yaml`: a link leads out of the workspace folder.',
      'No team member has the id `spy`.',
    ]);
  });

  it('takes no code from a `$schema` key or from settings', async () => {
    const text = cleanPlan.replace('mktplan: "1"\n', 'mktplan: "1"\n$schema: https://example.com/evil.json\n');
    assert.deepEqual(await findings(text), ['schema: Unknown key `$schema`; the top level takes: mktplan, title, organization, team, imports, strategy, plan, actuals']);
    const diagnostics = await check(cleanPlan, { settings: { rules: { schema: 'require("child_process").exec("touch /tmp/x")' as never } } });
    assert.deepEqual(diagnostics, []);
  });
});
