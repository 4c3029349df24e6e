import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { generatePlan } from '../../bench/generate';
import { documentOf } from './helpers';
import { yamlOptions } from '../../server/src/service/document/options';
import { parseSimpleYaml } from '../../server/src/service/document/simpleYaml';
import { applyMutations, mutation, seeds } from '../fuzz/mutations';
import { simpleYamlText } from '../fuzz/simpleYaml';
import { yamlSuiteCases } from './yamlSuite';

const repository = nodePath.join(__dirname, '../..');

/** Reads `text` both ways: whether the quick reader took it; when it did, the two trees must be one. */
function readBothWays(text: string): boolean {
  const quick = parseSimpleYaml(text);
  if (!quick) return false;
  const library = parseDocument(text, yamlOptions);
  assert.deepEqual(documentOf(quick), documentOf(library), `read otherwise than the library:\n${text}`);
  return true;
}

describe('the quick YAML reader', () => {
  it('reads the example plans and a generated plan itself, node for node as the library', () => {
    const examples = execFileSync('git', ['ls-files', 'examples/*.mktplan.yaml', 'examples/**/*.mktplan.yaml'], { cwd: repository, encoding: 'utf8' }).trim().split('\n');
    assert.ok(examples.length >= 3);
    for (const file of examples) assert.ok(readBothWays(readFileSync(nodePath.join(repository, file), 'utf8')), `${file} was left to the library`);
    assert.ok(readBothWays(generatePlan(3000)), 'the generated plan was left to the library');
  });

  it('reads every YAML file of the repository alike, or leaves it to the library', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], {
      cwd: repository,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    const read = files.filter((file) => readBothWays(readFileSync(nodePath.join(repository, file), 'utf8')));
    assert.ok(read.length > files.length / 2, `only ${read.length} of ${files.length} read`);
  });

  it('reads every case of the YAML test suite alike, or leaves it to the library', async () => {
    const cases = await yamlSuiteCases();
    const read = cases.filter((entry) => readBothWays(entry.yaml));
    assert.ok(read.length >= 10, `only ${read.length} cases read`);
  });

  it('reads random YAML of its kind alike, comments and blank lines anywhere, or leaves it to the library', () => {
    let read = 0;
    fc.assert(
      fc.property(simpleYamlText, (text) => {
        if (readBothWays(text)) read++;
      }),
      { numRuns: 2500, seed: 20270301 },
    );
    // The property says little if the reader leaves everything to the library.
    assert.ok(read > 300, `only ${read} of 2,500 texts read`);
  });

  it('reads the plans of the corpus, edited at random, with LF or CRLF line ends, alike, or leaves them to the library', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (seed, mutations, crlf) => {
        const text = seeds[seed % seeds.length].text;
        if (readBothWays(applyMutations(crlf ? text.replace(/\r?\n/g, '\r\n') : text, mutations))) read++;
      }),
      { numRuns: 1000, seed: 20270302 },
    );
    assert.ok(read > 100, `only ${read} of 1,000 texts read`);
  });

  it('places the comments that end a collection, and the lines after an empty value, where the library does', () => {
    const texts = [
      'a:\n  b: 1\n  # kept by the inner map\nc: 2\n',
      'a:\n  b: 1\n# given to the next key\nc: 2\n',
      "a:\n  b:\n    c: 1\n    # kept, up to the next line's indentation\n  d: 2\n",
      'a:\n  - x\n  # kept by the list\nc: 2\n',
      "a: 1\n# the document's\n",
      'a: 1\n\n\n',
      'a:\n  b: 1\n\n  # at the end\n',
      'a:\nb: 1\nc:\n',
      'a: # before a block\n  b: 1\nc:\n  # inside\n  d: 2\n',
      'items:\n- a\n# between\n- b\nnext: 1\n',
      'k: [ a ,b , [c] , {d: e }, "f"]\nm: {p: q , r: "s" }  \n',
      '- [a]\n- {b: c}\n- x: [y, z]\n  w: v\n',
      '\n\n# leading\n\na: 1',
      'a: 1\r\nb:\r\n  - x # note\r\n  # trailing\r\nc:\r\n',
      '    - id: a\n      x: 1\n    # c\n    - id: b\n',
      '# a block reparsed alone\n  a: 1\n  b:\n    - x\n  # t\n',
      'positioning: |\n  First line.\n\n    Kept deeper.\n  # not a comment\nnext: 1\n',
      'a: >-\n  folded\n  words\n\n\n  paragraph\n\nb:\n  - > # note\r\n    in a list\r\n',
      'last: |\n  x\n  y',
    ];
    for (const text of texts) assert.ok(readBothWays(text), `left to the library:\n${text}`);
  });

  it('reads literal and folded block scalars as the library does', () => {
    const read = parseSimpleYaml('a: |\n  one\n\n  two\nb: >-\n  folded\n  words\n\n  end\n');
    assert.ok(read);
    assert.deepEqual(read.toJS(), { a: 'one\n\ntwo\n', b: 'folded words\nend' });
  });

  it('leaves to the library what it does not read', () => {
    const texts = [
      'a: &anchor 1\nb: *anchor\n',
      'a: !!str 1\n',
      'a: |+\n  kept\n\n',
      // Nested deeper than a parse accepts, and deep enough to exhaust the stack of a reader that recursed without a bound.
      'a: ' + '['.repeat(200_000) + ']'.repeat(200_000) + '\n',
      'a: |2\n   indented\n',
      'a: |\n\n  after a blank line\n',
      'a: >\n  folded\n    deeper\n',
      'a: |\n  x\n  # a comment below the text\nb: 1\n'.replace('  # a', '# a'),
      'a: 1\rb: 2\n',
      'a: plain\n  continued\n',
      'a:\tb\n',
      'a: "escaped \\n"\n',
      'a: 1\na: 2\n',
      'a: 1\n    # deeper than its map: joined to the value\nb: 2\n',
      '---\na: 1\n',
      '%YAML 1.2\n---\na: 1\n',
      'a:\n  -\n  - b\n',
      'a:\n  - - b\n',
      '<<: {a: 1}\n',
      'a : 1\n',
      'a: [b, ]\n',
      'a: [b,\n  c]\n',
      'a: b: c\n',
      '\uFEFFa: 1\n',
      'scalar\n',
      '',
      '# only a comment\n',
      'a:\n# a comment after an empty value\nb: 1\n',
    ];
    for (const text of texts) assert.equal(parseSimpleYaml(text), undefined, `read by the quick reader:\n${JSON.stringify(text)}`);
  });
});
