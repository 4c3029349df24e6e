import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { Engine, ParseCache, type Diagnostic } from '../../server/src/service';
import { MemoryWorkspace } from './helpers';

const examples = nodePath.join(__dirname, '../../examples');
const seeds = ['saigon-bean.mktplan.yaml', 'draft.mktplan.yaml', 'imports/plan-2027.mktplan.yaml', 'imports/strategy.mktplan.yaml'].map((name) => ({
  name,
  text: readFileSync(nodePath.join(examples, name), 'utf8'),
}));

/** An edit a person makes, placed by fractions of the text so that shrinking keeps it meaningful. */
type Edit =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'paste'; at: number; from: number; length: number }
  | { kind: 'indent'; at: number; by: number }
  | { kind: 'newline'; at: number; text: string }
  /** Types into the word nearest to `at`: what most keystrokes in a plan are. */
  | { kind: 'word'; at: number; text: string }
  /** Takes the previous edit back, as a person fixes what they broke. */
  | { kind: 'undo' };

/** A place in the text as a fraction of its length, spread evenly (fast-check otherwise favours the very start). */
const place = fc.noBias(fc.integer({ min: 0, max: 9999 })).map((step) => step / 10_000);

const typed = fc.constantFrom('a', 'x', '1', ' ', ':', '-', '[', ']', '{', '}', ',', '"', "'", '#', 'é', '中', 'щ', ' 2027-01-01', 'kpis', 'id: z', '\t');

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at: place, text: fc.array(typed, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')) }),
  fc.record({ kind: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('paste' as const), at: place, from: place, length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('indent' as const), at: place, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('newline' as const), at: place, text: fc.constantFrom('', '  ', '    - ', '      name: new', '  budget:', '# note') }),
  fc.record({ kind: fc.constant('word' as const), at: place, text: fc.constantFrom('a', 'e', 'x2', 'ơ', '年', 'ж') }),
  fc.record({ kind: fc.constant('undo' as const) }),
);

function apply(history: string[], change: Edit): string {
  const text = history[history.length - 1];
  if (change.kind === 'undo') return history.length > 1 ? history[history.length - 2] : text;
  const at = Math.floor(change.at * text.length);
  switch (change.kind) {
    case 'word': {
      const letter = text.slice(at).search(/[A-Za-zÀ-ỹ]/);
      const position = letter < 0 ? at : at + letter + 1;
      return text.slice(0, position) + change.text + text.slice(position);
    }
    case 'type':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'paste': {
      const from = Math.floor(change.from * text.length);
      return text.slice(0, at) + text.slice(from, from + change.length) + text.slice(at);
    }
    case 'indent': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      if (change.by >= 0) return text.slice(0, start) + ' '.repeat(change.by) + text.slice(start);
      const spaces = /^ */.exec(text.slice(start))![0].length;
      return text.slice(0, start) + text.slice(start + Math.min(spaces, -change.by));
    }
    case 'newline': {
      const end = text.indexOf('\n', at);
      const position = end < 0 ? text.length : end;
      return text.slice(0, position) + '\n' + change.text + text.slice(position);
    }
  }
}

const comparable = (diagnostics: Diagnostic[]) => JSON.stringify(diagnostics);

describe('incremental reparsing', function () {
  this.timeout(120_000);

  it('gives, after every edit, exactly the findings of a parse of the whole text', async () => {
    const counts = { edits: 0, cleanToClean: 0, incremental: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 25 }), async (seed, edits) => {
        const workspace = new MemoryWorkspace(Object.fromEntries(seeds.map(({ name, text }) => [name, text])));
        const cache = new ParseCache();
        const editing = new Engine(workspace, cache);
        const file = workspace.resolve(seed.name);
        let text = seed.text;
        const history = [text];
        await editing.check(file, text);
        for (const change of edits) {
          // Only an edit from a clean text to a clean text can be reparsed in part; count those.
          const fromClean = cache.peek(file)?.spliceable === true;
          text = apply(history, change);
          history.push(text);
          const before = cache.counts.incremental;
          const spliced = await editing.check(file, text);
          const whole = await new Engine(workspace).check(file, text);
          assert.equal(comparable(spliced), comparable(whole), `after ${JSON.stringify(change)} the text was:\n${text}`);
          counts.edits++;
          counts.incremental += cache.counts.incremental - before;
          if (fromClean && cache.peek(file)?.errors.length === 0) counts.cleanToClean++;
        }
      }),
      { numRuns: 250, seed: Number(process.env.MKTPLAN_INCREMENTAL_SEED ?? 20271122) },
    );
    // The splice must really be what answers most edits, or this test proves nothing.
    assert.ok(counts.cleanToClean > 100, `only ${counts.cleanToClean} edits went from a clean text to a clean text`);
    assert.ok(counts.incremental > counts.cleanToClean * 0.6, `${counts.incremental} of ${counts.cleanToClean} clean-to-clean edits were reparsed in part`);
  });

  it('reparses one campaign, not the whole plan, when a value in it changes', async () => {
    const workspace = new MemoryWorkspace();
    const cache = new ParseCache();
    const engine = new Engine(workspace, cache);
    const [text] = [seeds[0].text];
    await engine.check('/workspace/plan.mktplan.yaml', text);
    const edited = text.replace(/(\n\s+name: )([^\n]+)/, '$1$2 (edited)');
    assert.notEqual(edited, text);
    const diagnostics = await engine.check('/workspace/plan.mktplan.yaml', edited);
    assert.deepEqual(cache.counts, { full: 1, incremental: 1 });
    assert.deepEqual(diagnostics, await new Engine(workspace).check('/workspace/plan.mktplan.yaml', edited));
  });
});
