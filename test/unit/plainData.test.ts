import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { yamlOptions } from '../../server/src/service/document/options';
import { notPlain, plainData, treeFacts } from '../../server/src/service/document/walk';
import { generatePlan } from '../../bench/generate';
import { plansUnder } from './helpers';
import { yamlSuiteCases } from './yamlSuite';
import * as nodePath from 'node:path';

/** Both readings of a text, where the fast one reads it: they must be the same data, key order included. */
function compare(text: string, what: string): boolean {
  const document = parseDocument(text, yamlOptions);
  if (document.errors.length > 0 || treeFacts(document).anchorsOrTags) return false;
  const fast = plainData(document.contents);
  if (fast === notPlain) return false;
  const slow = document.toJS({ maxAliasCount: 100 });
  assert.deepStrictEqual(fast, slow, what);
  assert.equal(JSON.stringify(fast), JSON.stringify(slow), `${what}: the keys in the same order`);
  return true;
}

describe('plain data built in one walk', () => {
  it('is what toJS gives, for every case of the YAML test suite it reads', async () => {
    let read = 0;
    for (const entry of await yamlSuiteCases()) if (compare(entry.yaml, entry.id)) read++;
    assert.ok(read > 150, `only ${read} cases were read the fast way`);
  });

  it('is what toJS gives for the examples, the corpus and generated plans', () => {
    const repository = nodePath.join(__dirname, '../..');
    const files = [...plansUnder(nodePath.join(repository, 'examples')), ...plansUnder(nodePath.join(repository, 'test/fixtures/corpus'))];
    for (const file of files) compare(readFileSync(file, 'utf8'), file);
    assert.ok(compare(generatePlan(2000), 'a generated plan'));
  });

  it('keeps __proto__ and other such keys as data, and leaves merge keys, complex keys and tags to toJS', () => {
    assert.ok(compare('__proto__: {polluted: true}\nconstructor: 1\n', 'prototype keys'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const merged = parseDocument('base: {a: 1}\nother:\n  <<: {a: 2}\n', yamlOptions);
    assert.equal(plainData(merged.contents), notPlain);
    assert.equal(plainData(parseDocument('? [a, b]\n: c\n', yamlOptions).contents), notPlain);
  });

  it('is what toJS gives for random maps, lists and scalars', () => {
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('tree')), fc.dictionary(fc.string(), tie('tree'))),
    }));
    fc.assert(
      fc.property(tree, (value) => {
        const text = JSON.stringify({ root: value });
        compare(text, text);
      }),
      { numRuns: 300, seed: 20271126 },
    );
  });
});
