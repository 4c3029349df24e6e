import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { isAlias, parse, parseDocument, visit, type Scalar } from 'yaml';
import { Engine, type Diagnostic } from '../../server/src/service';
import { isMergeKey } from '../../server/src/service/document/paths';
import { yamlOptions } from '../../server/src/service/document/options';
import { cleanPlan, MemoryWorkspace, rangeOutside, withChange } from '../unit/helpers';

/** The ids a rename may take, each written through the template wherever the plan names it. */
type Ids = { minh: string; hoa: string; share: string; social: string; tet: string };

/**
 * A plan of anchors, aliases and merges: the clean plan with its first channel, allocation and
 * campaign anchored and merged into others, a member's id behind an alias, and a typo (or not)
 * in each anchored place. Each typo has its correction, which says what a fix of it should read.
 */
interface Shape {
  typeKey: 'type' | 'tpye';
  typeValue: 'social' | 'sociall';
  amount: '35000' | '"35,000"';
  objectiveKey: 'objective' | 'objectve';
  /** `reporting.to` anchored, `salesAlignment.owner` its alias: the member, or a typo of it. */
  bossTypo: boolean;
  /** `<<: *ch`, or `<<: [*ev, *ch]`. */
  channelMerge: 'one' | 'list';
  campaignMerges: 0 | 1 | 2;
  /** The plan's owner an alias of the member's anchored id; and that member's name too, which is no reference. */
  memberAlias: 'none' | 'owner' | 'ownerAndName';
}

const corrections: Array<[keyof Shape, unknown]> = [
  ['typeKey', 'type'],
  ['typeValue', 'social'],
  ['amount', '35000'],
  ['objectiveKey', 'objective'],
  ['bossTypo', false],
];

const plainIds: Ids = { minh: 'minh', hoa: 'hoa', share: 'share', social: 'social', tet: 'tet' };

function planOf(shape: Shape, ids: Ids = plainIds): string {
  const anchored = shape.memberAlias !== 'none';
  let text = cleanPlan;
  text = withChange('  - {id: minh, role: marketing-manager, name: Le Minh}', `  - {id: ${anchored ? '&who ' : ''}${ids.minh}, role: marketing-manager, name: ${shape.memberAlias === 'ownerAndName' ? '*who' : 'Le Minh'}}`, text);
  text = withChange('  - {id: hoa, role: cso, name: Pham Hoa}', `  - {id: ${ids.hoa}, role: cso, name: Pham Hoa}`, text);
  text = withChange('  owner: minh\n', `  owner: ${anchored ? '*who' : ids.minh}\n`, text);
  text = withChange('    - {id: share, statement:', `    - {id: ${ids.share}, statement:`, text);
  text = withChange('  implements: [share]', `  implements: [${ids.share}]`, text);
  text = withChange(
    '      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}\n',
    `      - &al {channel: ${ids.social}, amount: ${shape.amount}}\n      - <<: *al\n        channel: events\n`,
    text,
  );
  const channel = `    - &ch {id: ${ids.social}, ${shape.typeKey}: ${shape.typeValue}}\n`;
  text = withChange(
    '    - {id: social, type: social}\n    - {id: events, type: events}\n',
    shape.channelMerge === 'one' ? `${channel}    - <<: *ch\n      id: events\n` : `${channel}    - &ev {id: events, type: events}\n    - <<: [*ev, *ch]\n      id: fairs\n`,
    text,
  );
  // A key with a typo names no objective: its value is not the objective's id, and a rename leaves it.
  const objective = shape.objectiveKey === 'objective' ? `objective: ${ids.share}` : 'objectve: share';
  const merged = ['', `    - <<: *camp\n      id: tet-2\n`, `    - <<: *camp\n      id: tet-2\n    - <<: [{id: tet-3}, *camp]\n`][shape.campaignMerges];
  text = withChange(
    '    - id: tet\n      name: Tet pickup week\n      objective: share\n      audience: office\n      channels: [social, events]\n',
    `    - &camp\n      id: ${ids.tet}\n      name: Tet pickup week\n      ${objective}\n      audience: office\n      channels: [${ids.social}, events]\n`,
    text,
  );
  text = withChange('      content: [{channel: social, message: Skip the queue this Tet}]\n      kpis: [pickups]\n', `      content: [{channel: ${ids.social}, message: Skip the queue this Tet}]\n      kpis: [pickups]\n${merged}`, text);
  text = withChange('  reporting: {cadence: monthly, to: linh}', `  reporting: {cadence: monthly, to: &boss ${shape.bossTypo ? 'hoaa' : ids.hoa}}`, text);
  text = withChange('  salesAlignment: {owner: hoa,', '  salesAlignment: {owner: *boss,', text);
  return text;
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  typeKey: fc.constantFrom('type' as const, 'tpye' as const),
  typeValue: fc.constantFrom('social' as const, 'sociall' as const),
  amount: fc.constantFrom('35000' as const, '"35,000"' as const),
  objectiveKey: fc.constantFrom('objective' as const, 'objectve' as const),
  bossTypo: fc.boolean(),
  channelMerge: fc.constantFrom('one' as const, 'list' as const),
  campaignMerges: fc.constantFrom(0 as const, 1 as const, 2 as const),
  memberAlias: fc.constantFrom('none' as const, 'owner' as const, 'ownerAndName' as const),
});

/** The data the rules read: merges resolved, aliases followed; each text read once, as the shapes repeat. */
const dataRead = new Map<string, unknown>();
const dataOf = (text: string): unknown => {
  if (dataRead.has(text)) return dataRead.get(text);
  const document = parseDocument(text, yamlOptions);
  assert.deepEqual(document.errors, [], `the text does not parse:\n${text}`);
  const data = document.toJS({ maxAliasCount: -1 });
  dataRead.set(text, data);
  return data;
};

/** What no fix may change: every alias and merge key, in order. */
function markupOf(text: string): string[] {
  const found: string[] = [];
  visit(parseDocument(text, yamlOptions), {
    Pair(_, pair) {
      if (isMergeKey(pair)) found.push('<<');
    },
    Alias(_, alias) {
      if (isAlias(alias)) found.push(`*${alias.source}`);
    },
  });
  return found;
}

type Edit = { range: Diagnostic['range']; text: string };

/** Applies edits that must not overlap, each inside the text. */
function applied(text: string, edits: readonly Edit[]): string {
  const lines = text.split('\n');
  const offsetAt = ({ line, character }: Edit['range']['start']) => lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + character;
  for (const edit of edits) assert.equal(rangeOutside(text, edit.range), undefined);
  const spans = edits.map((edit) => ({ start: offsetAt(edit.range.start), end: offsetAt(edit.range.end), text: edit.text })).sort((a, b) => a.start - b.start || a.end - b.end);
  spans.forEach((span, index) => {
    if (index === 0) return;
    const before = spans[index - 1];
    assert.ok(span.start >= before.end && !(span.start === before.start && span.end === before.end && span.end > span.start), `edits overlap: ${JSON.stringify(edits)}`);
    assert.ok(!(span.start === before.start && span.end === before.end && span.text === before.text), `the same edit twice: ${JSON.stringify(edits)}`);
  });
  let result = text;
  for (const span of [...spans].reverse()) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return result;
}

/**
 * What a text means with the scalars that edits replace set to what each edit writes, in the
 * tree itself, aliases and merges left to carry it where they lead; undefined when an edit
 * replaces no scalar.
 */
function withScalarsSet(text: string, edits: readonly Edit[]): unknown {
  const document = parseDocument(text, yamlOptions);
  const lines = text.split('\n');
  const offsetAt = ({ line, character }: Edit['range']['start']) => lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + character;
  for (const edit of edits) {
    let target: Scalar | undefined;
    visit(document, {
      Scalar(_, scalar) {
        if (scalar.range?.[0] === offsetAt(edit.range.start) && text.slice(scalar.range[0], scalar.range[1]).trimEnd().length === offsetAt(edit.range.end) - scalar.range[0]) target = scalar;
      },
    });
    if (!target) return undefined;
    target.value = parse(edit.text, { schema: 'core' });
  }
  return document.toJS({ maxAliasCount: -1 });
}

/** Whether every value of `before` is still in `after` where it was: a fix that only adds. */
function keptIn(before: unknown, after: unknown): boolean {
  if (Array.isArray(before)) return Array.isArray(after) && after.length >= before.length && before.every((item, index) => keptIn(item, after[index]));
  if (before && typeof before === 'object') {
    if (!after || typeof after !== 'object' || Array.isArray(after)) return false;
    return Object.entries(before).every(([key, value]) => key in after && keptIn(value, (after as Record<string, unknown>)[key]));
  }
  return before === after || (before instanceof Date && after instanceof Date && before.getTime() === after.getTime());
}

const file = 'file:///workspace/test.mktplan.yaml';
const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
/** Where each id is defined, for the cursor of a rename. */
const definedAt: Record<keyof Ids, (ids: Ids) => string> = {
  minh: (ids) => `${ids.minh}, role: marketing-manager`,
  hoa: (ids) => `{id: ${ids.hoa}, role: cso`,
  share: (ids) => `{id: ${ids.share}, statement`,
  social: (ids) => `&ch {id: ${ids.social},`,
  tet: (ids) => `      id: ${ids.tet}\n      name: Tet`,
};

describe('fixes and renames over plans of anchors, aliases and merge keys (property)', function () {
  this.timeout(60_000);

  it('each quick fix, fix-all and rename keeps every alias and merge, and means what it should, or is not made', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, fc.constantFrom<keyof Ids>('minh', 'hoa', 'share', 'social', 'tet'), fc.boolean(), async (shape, renamed, snippets) => {
        const text = planOf(shape);
        const before = dataOf(text);
        const markup = markupOf(text);
        const engine = new Engine(new MemoryWorkspace({ 'test.mktplan.yaml': text }));
        // What the plan reads with one typo corrected: the meaning a fix of that typo must have.
        const corrected = () => corrections.filter(([key, value]) => shape[key] !== value).map(([key, value]) => dataOf(planOf({ ...shape, [key]: value })));

        // As a client that takes snippet edits is offered them, and one that does not.
        for (const action of await engine.codeActions(file, text, whole, {}, { snippets })) {
          const what = `"${action.title}" for ${action.diagnostic.code} ${action.diagnostic.data.messageId}`;
          const after = applied(text, action.edits);
          assert.deepEqual(markupOf(after), markup, `${what} changed an alias or a merge key:\n${after}`);
          const data = dataOf(after);
          // A typo's correction; else, values replaced as if in the tree, or only added.
          const same = (expected: unknown) => expected !== undefined && JSON.stringify(expected) === JSON.stringify(data);
          const meant = keptIn(before, data) || corrected().some(same) || same(withScalarsSet(text, action.edits));
          assert.ok(meant, `${what} changed what the plan means:\n${after}`);
        }

        const fixed = await engine.fixAll(file, text);
        assert.ok(fixed);
        assert.equal(applied(text, fixed.edits), fixed.text, 'fix-all edits as it says');
        assert.deepEqual(markupOf(fixed.text), markup, `fix-all changed an alias or a merge key:\n${fixed.text}`);
        // The safe fixes: the key typos, the number written as text, and the type once its key is right.
        const safe: Shape = {
          ...shape,
          typeKey: 'type',
          objectiveKey: 'objective',
          amount: '35000',
          typeValue: shape.typeKey === 'type' ? 'social' : shape.typeValue,
        };
        assert.deepEqual(dataOf(fixed.text), dataOf(planOf(safe)), `fix-all:\n${fixed.text}`);

        // A rename; the member's id, which its name reads through the same alias, is the one a rename must refuse.
        if (renamed === 'hoa' && shape.bossTypo) return;
        const anchor = definedAt[renamed](plainIds);
        const at = text.indexOf(anchor) + anchor.indexOf(plainIds[renamed]);
        const lines = text.slice(0, at).split('\n');
        const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
        const result = await engine.rename(file, text, position, 'renamed');
        if (renamed === 'minh' && shape.memberAlias === 'ownerAndName') {
          assert.ok('refused' in result, `a rename changed a name read through the id's alias: ${JSON.stringify(result)}`);
          return;
        }
        assert.ok('edits' in result, `rename of ${renamed} refused: ${JSON.stringify(result)}`);
        const after = applied(text, (result.edits.get(file) ?? []).map(({ range, newText }) => ({ range, text: newText })));
        assert.deepEqual(markupOf(after), markup, `the rename changed an alias or a merge key:\n${after}`);
        assert.deepEqual(dataOf(after), dataOf(planOf(shape, { ...plainIds, [renamed]: 'renamed' })), `rename of ${renamed}:\n${after}`);
      }),
      { numRuns: 80 },
    );
  });
});

/**
 * A plan whose objective, KPI or channel has an id YAML reserves a character of or would read as
 * another type (`"@anna"`, `"true"`, `"1e3"`), written quoted wherever the plan names it, with the
 * links to it a fix would add taken out; flow maps with a trailing comma; a byte order mark.
 */
interface OddShape {
  odd: 'share' | 'pickups' | 'social';
  id: string;
  trailingComma: boolean;
  byteOrderMark: boolean;
}

const oddShapes: fc.Arbitrary<OddShape> = fc.record({
  odd: fc.constantFrom('share' as const, 'pickups' as const, 'social' as const),
  id: fc.constantFrom('2027', 'true', 'null', '1e3', '0x1f', '@anna', '#x', 'a: b', 'a, b'),
  trailingComma: fc.boolean(),
  byteOrderMark: fc.boolean(),
});

function oddPlanOf({ odd, id, trailingComma, byteOrderMark }: OddShape): string {
  const written = JSON.stringify(id);
  let text = cleanPlan;
  if (odd === 'share') text = withChange('  implements: [share]\n', '', withChange('      objective: share\n', '', withChange('{id: share,', `{id: ${written},`, text)));
  if (odd === 'pickups') text = withChange('      kpis: [pickups]\n', '', withChange('{id: pickups,', `{id: ${written},`, text));
  if (odd === 'social') {
    text = withChange('      - {channel: events, amount: 15000}\n', '', text)
      .replace('{id: social, type: social}', `{id: ${written}, type: social}`)
      .replace('{channel: social, amount', `{channel: ${written}, amount`)
      .replace('channels: [social, events]', `channels: [${written}, events]`)
      .replace('{channel: social, message', `{channel: ${written}, message`);
  }
  // A channel that lacks its `type`, the plan its `reporting`, beside flow collections that end in a comma.
  if (trailingComma) {
    text = withChange('    - {id: events, type: events}\n', '    - {id: events, }\n', withChange('  reporting: {cadence: monthly, to: linh}\n', '', text));
    text = withChange('  salesAlignment: {owner: hoa, sharedGoals: [office accounts]}', '  salesAlignment: {owner: hoa, sharedGoals: [office accounts, ], }', text);
  }
  return (byteOrderMark ? '\uFEFF' : '') + text;
}

/** The references of a plan's data (`implements`, a campaign's `kpis`, an allocation's `channel` ...) that are not text. */
function nonTextReferences(value: unknown, key?: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => nonTextReferences(item, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, inner]) => nonTextReferences(inner, name));
  const reference = ['implements', 'kpis', 'channels', 'channel', 'campaign', 'owner', 'to', 'objective', 'audience', 'id'].includes(key ?? '');
  return reference && typeof value !== 'string' ? [value] : [];
}

describe('fixes and renames over plans of ids YAML reads as other values, trailing commas and a byte order mark (property)', function () {
  this.timeout(60_000);

  it('each quick fix and fix-all writes a plan that parses, names ids as text and only adds or corrects; a rename to a typed look-alike reads back as text', async () => {
    await fc.assert(
      fc.asyncProperty(oddShapes, fc.boolean(), fc.constantFrom('true', '1e3', '0x1f', '2027', 'null'), async (shape, snippets, newId) => {
        const text = oddPlanOf(shape);
        const before = dataOf(text);
        const engine = new Engine(new MemoryWorkspace({ 'test.mktplan.yaml': text }));
        for (const action of await engine.codeActions(file, text, whole, {}, { snippets })) {
          const what = `"${action.title}" for ${action.diagnostic.code} ${action.diagnostic.data.messageId}`;
          const after = applied(text, action.edits);
          assert.ok(after.startsWith('\uFEFF') === shape.byteOrderMark && after.indexOf('\uFEFF', 1) < 0, `${what} moved the byte order mark`);
          const data = dataOf(after);
          assert.deepEqual(nonTextReferences(data), [], `${what} wrote an id as another value:\n${after}`);
          // The id written in ASCII is a rename, inside the quotes: what it means is the rename test's.
          if (action.diagnostic.data.messageId === 'schema.badId') continue;
          const replaced = withScalarsSet(text, action.edits);
          assert.ok(keptIn(before, data) || (replaced !== undefined && JSON.stringify(replaced) === JSON.stringify(data)), `${what} changed what the plan means:\n${after}`);
        }
        const fixed = await engine.fixAll(file, text);
        assert.ok(fixed);
        assert.equal(applied(text, fixed.edits), fixed.text, 'fix-all edits as it says');
        assert.deepEqual(nonTextReferences(dataOf(fixed.text)), []);

        const line = text.split('\n').findIndex((candidate) => candidate.includes('{id: minh'));
        const result = await engine.rename(file, text, { line, character: 9 }, newId);
        if (newId === shape.id) return assert.ok('refused' in result, 'a rename to an id the plan has');
        assert.ok('edits' in result, JSON.stringify(result));
        const renamed = dataOf(applied(text, (result.edits.get(file) ?? []).map(({ range, newText }) => ({ range, text: newText })))) as { team: Array<{ id: unknown }>; plan: { owner: unknown } };
        assert.equal(renamed.team[1].id, newId);
        assert.equal(renamed.plan.owner, newId);
      }),
      { numRuns: 60 },
    );
  });
});
