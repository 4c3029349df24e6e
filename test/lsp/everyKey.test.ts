import { strict as assert } from 'node:assert';
import { enumValues, isList, isMap, schemaAt } from '../../server/src/service/schema/definitions';
import type { Path } from '../../server/src/service/document/paths';
import { LspClient } from './lspClient';
import * as nodePath from 'node:path';

interface Line {
  text: string;
  /** The path of the key on this line, if it holds one. */
  keyPath?: Path;
  /** Column of the key. */
  column?: number;
}

/** A block-style document with every key the schemas know, each on its own line. */
function documentWithEveryKey(): Line[] {
  const lines: Line[] = [];
  const scalar = (path: Path): string => {
    const schema = schemaAt(path)!;
    const options = enumValues(schema);
    if (options.length > 0) return options[0].value;
    if (path[path.length - 1] === 'mktplan') return '"1"';
    const type = ([] as string[]).concat(schema.resolved.type ?? 'string')[0];
    if (type === 'number') return '1';
    if (schema.resolved.$ref === undefined && /date|due|start|end/.test(String(path[path.length - 1]))) return '2027-01-01';
    return 'x';
  };
  const emitMap = (path: Path, indent: number, firstPrefix = '') => {
    const keys = Object.keys(schemaAt(path)!.resolved.properties ?? {});
    keys.forEach((key, index) => {
      const keyPath = [...path, key];
      const schema = schemaAt(keyPath)!;
      const prefix = index === 0 ? firstPrefix : ' '.repeat(firstPrefix.length);
      const column = indent + prefix.length;
      const lead = ' '.repeat(indent) + prefix;
      if (isMap(schema)) {
        lines.push({ text: `${lead}${key}:`, keyPath, column });
        emitMap(keyPath, column + 2);
      } else if (isList(schema)) {
        const item = schemaAt([...keyPath, 0])!;
        lines.push({ text: `${lead}${key}:`, keyPath, column });
        if (isMap(item)) emitMap([...keyPath, 0], column + 2, '- ');
        else lines.push({ text: `${' '.repeat(column + 2)}- ${key === 'imports' ? './other.mktplan.yaml' : scalar([...keyPath, 0])}` });
      } else {
        lines.push({ text: `${lead}${key}: ${scalar(keyPath)}`, keyPath, column });
      }
    });
  };
  emitMap([], 0);
  return lines;
}

describe('the language server on every key of the schemas', function () {
  this.timeout(120_000);
  const lines = documentWithEveryKey();
  const text = lines.map((line) => line.text).join('\n') + '\n';
  let client: LspClient;

  before(async () => {
    client = new LspClient(nodePath.join(__dirname, '../../examples'));
    await client.initialize();
  });
  after(() => client.stop());

  it('covers every key of the schemas', () => {
    assert.ok(lines.filter((line) => line.keyPath).length > 100, String(lines.length));
  });

  it('answers hover on every key with its title and source', async () => {
    const uri = await client.open('every-key.mktplan.yaml', text);
    const missing: string[] = [];
    for (const [line, entry] of lines.entries()) {
      if (!entry.keyPath) continue;
      const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line, character: entry.column! },
      });
      const title = schemaAt(entry.keyPath)!.entry.title!;
      const cited = /Source: |A convention of this format|Common practice/.test(hover?.contents.value ?? '');
      if (!hover || !hover.contents.value.startsWith(`**${title}**`) || !cited) missing.push(entry.keyPath.join('.'));
    }
    assert.deepEqual(missing, []);
  });

  it('completes a half-typed key inside every section', async () => {
    const sections = lines.filter((line) => line.keyPath && (line.text.trimEnd().endsWith(':') || line.text.includes('- ')));
    const failures: string[] = [];
    let version = 1;
    const uri = await client.open('half-typed.mktplan.yaml', text);
    for (const [line, entry] of lines.entries()) {
      if (!entry.keyPath) continue;
      const key = String(entry.keyPath[entry.keyPath.length - 1]);
      if (key.length < 3) continue;
      // The key's line cut to its first two letters, as if the user were still typing it.
      const typed = entry.text.slice(0, entry.column! + 2);
      const variant = [...lines.slice(0, line).map((l) => l.text), typed, ...lines.slice(line + 1).map((l) => l.text)].join('\n') + '\n';
      await client.change(uri, ++version, variant);
      const result = await client.request<{ items: Array<{ label: string }> } | null>('textDocument/completion', {
        textDocument: { uri },
        position: { line, character: typed.length },
      });
      if (!result?.items.some((item) => item.label === key)) failures.push(entry.keyPath.join('.'));
    }
    assert.ok(sections.length > 20);
    assert.deepEqual(failures, []);
  });
});

/** Letters each language is written in, beyond what English uses. */
const localeLetters: Record<string, RegExp> = {
  vi: /[ạảấầẩậắằẳặẹẻếềểệịọỏốồổộớờởợụủứừửựđăâêôơư]/i,
  'zh-cn': /[\u4e00-\u9fff]/,
  ru: /[а-яё]/i,
};

for (const [locale, letters] of Object.entries(localeLetters)) {
  describe(`the language server on every key of the schemas, in ${locale}`, function () {
    this.timeout(60_000);
    const lines = documentWithEveryKey();
    const text = lines.map((line) => line.text).join('\n') + '\n';
    let client: LspClient;

    before(async () => {
      client = new LspClient(nodePath.join(__dirname, '../../examples'));
      client.settings = { locale };
      await client.initialize();
    });
    after(async () => client.stop());

    it('answers hover on every key with its definition in that language', async () => {
      const uri = await client.open('every-key.mktplan.yaml', text);
      const english: string[] = [];
      for (const [line, entry] of lines.entries()) {
        if (!entry.keyPath) continue;
        const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: entry.column! } });
        // The definition's description, the part between the title and the source.
        const description = hover?.contents.value.split('\n\n')[1] ?? '';
        if (!letters.test(description)) english.push(`${entry.keyPath.join('.')}: ${description.slice(0, 60)}`);
      }
      assert.deepEqual(english, []);
    });
  });
}
