import { strict as assert } from 'node:assert';
import { cursor, withCursor } from './cursor';

describe('the cursor marker of feature tests', () => {
  it('gives the text without the marker and the 0-based position it stood at', () => {
    assert.deepEqual(cursor('plan:\n  ow$$ner: minh\n'), { text: 'plan:\n  owner: minh\n', position: { line: 1, character: 4 } });
    assert.deepEqual(cursor('$$plan:'), { text: 'plan:', position: { line: 0, character: 0 } });
    assert.deepEqual(cursor('plan:\n$$'), { text: 'plan:\n', position: { line: 1, character: 0 } });
  });

  it('counts characters in UTF-16 units and lines at \\n only', () => {
    // 🚀 is one code point but two UTF-16 units; — is one unit.
    assert.deepEqual(cursor('title: 🚀 — x$$').position, { line: 0, character: 13 });
    assert.deepEqual(cursor('a\r\nb$$').position, { line: 1, character: 1 });
  });

  it('throws when there is no marker or more than one', () => {
    assert.throws(() => cursor('plan:\n  owner: minh\n'), /no cursor marker/);
    assert.throws(() => cursor('plan:$$\n  owner: $$minh\n'), /more than one cursor marker/);
    assert.throws(() => cursor('plan: $$$$'), /more than one cursor marker/);
  });

  it('places a marker into a text, which String.replace would have eaten', () => {
    assert.equal('owner: minh'.replace('minh', 'mi$$nh'), 'owner: mi$nh');
    assert.equal(withCursor('minh', 'mi$$nh', 'owner: minh'), 'owner: mi$$nh');
    assert.throws(() => withCursor('linh', 'li$$nh', 'owner: minh'), /is not in the text/);
  });
});
