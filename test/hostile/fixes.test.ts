import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { Engine, type Diagnostic } from '../../server/src/service';
import { scalarText } from '../../server/src/service/rules/fixes/values';
import { cleanPlan, MemoryWorkspace, withChange } from '../unit/helpers';

type Position = Diagnostic['range']['start'];
type Edit = { range: Diagnostic['range']; text: string };

function offsetAt(text: string, { line, character }: Position): number {
  const lines = text.split('\n');
  return lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + character;
}

/** A text with edits applied; fails on edits that overlap, which no client may be sent. */
function apply(text: string, edits: readonly Edit[]): string {
  const spans = edits.map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), text: edit.text })).sort((a, b) => a.start - b.start || a.end - b.end);
  spans.forEach((span, index) => index > 0 && assert.ok(span.start >= spans[index - 1].end && span.start > spans[index - 1].start, `edits overlap: ${JSON.stringify(spans)}`));
  let result = text;
  for (const span of [...spans].reverse()) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return result;
}

const file = '/workspace/test.mktplan.yaml';
const engineFor = (text: string) => new Engine(new MemoryWorkspace({ 'test.mktplan.yaml': text }));
const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
/** The lines of a text that hold a merge key or an alias, which no fix may change. */
const sharedMarkup = (text: string) => text.split('\n').flatMap((line) => line.match(/<<|\*[\w-]+/g) ?? []);

/** The channels of `cleanPlan`, the first anchored and its keys merged into the second. */
const mergedChannels = (first: string) =>
  withChange('    - {id: social, type: social}\n    - {id: events, type: events}\n', `    - &ch {id: social, ${first}}\n    - <<: *ch\n      id: events\n`);

describe('fixes and renames through anchors, aliases and merge keys', () => {
  it('fix-all renames a key typo in the anchored map once, and leaves the `<<` that merges it', async () => {
    const text = mergedChannels('tpye: social');
    const fixed = await engineFor(text).fixAll(file, text);
    assert.equal(fixed?.text, mergedChannels('type: social'));
    assert.deepEqual(await engineFor(fixed!.text).check(file, fixed!.text), []);
  });

  it('the quick fix of a key typo a merge brings edits the anchored map, not the `<<` key', async () => {
    const text = mergedChannels('tpye: social');
    const actions = await engineFor(text).codeActions(file, text, whole);
    const typoFixes = actions.filter((action) => action.diagnostic.data.messageId === 'schema.unknownKeyDidYouMean' && action.edits[0]?.text === 'type');
    assert.equal(typoFixes.length, 2, 'one on the anchored map, one on the `<<` that merges it');
    for (const action of typoFixes) assert.equal(apply(text, action.edits), mergedChannels('type: social'));
  });

  it('fix-all writes a number over the anchored text once, and a merged list item keeps its `<<`', async () => {
    const allocations = (amount: string) =>
      withChange('      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}\n', `      - &al {channel: social, amount: ${amount}}\n      - <<: *al\n        channel: events\n`);
    const text = allocations('"1,000"');
    const fixed = await engineFor(text).fixAll(file, text);
    assert.equal(fixed?.text, allocations('1000'));
    assert.deepEqual(sharedMarkup(fixed!.text), sharedMarkup(text));
  });

  it('no fix rewrites an alias, or a list an alias reads elsewhere too', async () => {
    // An unusable `reporting` whose value holds an alias; one whose anchored value `sharedGoals` reads too.
    const holdsAlias = withChange('  reporting: {cadence: monthly, to: linh}\n', '  reporting: [*who]\n', withChange('  owner: minh\n', '  owner: &who minh\n'));
    const readElsewhere = withChange('  reporting: {cadence: monthly, to: linh}\n', '  reporting: &goals [office accounts]\n', withChange('sharedGoals: [office accounts]}', 'sharedGoals: *goals}'));
    for (const text of [holdsAlias, readElsewhere]) {
      const engine = engineFor(text);
      for (const action of await engine.codeActions(file, text, whole)) {
        const after = apply(text, action.edits);
        assert.deepEqual(sharedMarkup(after), sharedMarkup(text), `"${action.title}" changed an alias`);
        assert.deepEqual(parse(after).plan.salesAlignment, parse(text).plan.salesAlignment, `"${action.title}" changed what an alias reads`);
      }
      const fixed = await engine.fixAll(file, text);
      assert.deepEqual(sharedMarkup(fixed!.text), sharedMarkup(text));
    }
  });

  describe('a value that YAML reserves a character of, written back by a fix', () => {
    const reserved = ['@anna', 'Anna: marketing', '*x', '%x', '`x', '!x', '&x', '|x', '>x', "'x", '"x', '#x', '- x', '? x', '[x', ']x', '{x', '}x', 'a, b', 'a #b', ' x', 'x ', '2027', 'true', '~'];
    for (const owner of reserved) {
      it(`an owner written ${JSON.stringify(owner)} keeps every quick fix, and is written back as it reads, in a block and in a flow map`, async () => {
        const ownerLine = `  owner: ${scalarText(owner)}\n`;
        // Added as a block under `plan`, or written in flow style over an unusable value.
        for (const reporting of ['', '  reporting: []\n']) {
          const text = withChange('  reporting: {cadence: monthly, to: linh}\n', reporting, withChange('  owner: minh\n', ownerLine));
          assert.equal(parse(text).plan.owner, owner, 'test setup: the owner reads as written');
          const engine = engineFor(text);
          const fixed = await engine.fixAll(file, text);
          assert.ok(fixed);
          const actions = await engine.codeActions(file, text, whole);
          const added = actions.filter((action) => action.title === 'Add `reporting`');
          assert.ok(added.length > 0, `no fix adds the reporting: ${actions.map((action) => action.title).join('; ')}`);
          for (const action of added) {
            const after = apply(text, action.edits);
            const written = parse(after).plan.reporting.to;
            assert.equal(written, owner, `"${action.title}" wrote ${JSON.stringify(action.edits.map((edit) => edit.text))}`);
          }
        }
      });
    }

    it('is one line that reads back as itself in a block, a flow map and a flow list', () => {
      for (const value of ['a, b', 'a]', 'x}', 'two\nlines', '@x', '<<', 'Tết: mùa cao điểm']) {
        const text = scalarText(value);
        assert.ok(!text.includes('\n'), text);
        assert.deepEqual(parse(`k: ${text}`), { k: value });
        assert.deepEqual(parse(`{k: ${text}}`), { k: value });
        assert.deepEqual(parse(`[${text}]`), [value]);
      }
    });
  });
});
