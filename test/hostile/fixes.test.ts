import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { parse, stringify } from 'yaml';
import { Engine, rules, type Diagnostic } from '../../server/src/service';
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

const file = 'file:///workspace/test.mktplan.yaml';
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

  it('does not rename, to fix a duplicate id read through an alias, the item the alias reads it from', async () => {
    const text = withChange('    - {id: social, type: social}\n    - {id: events, type: events}\n', '    - {id: &channel social, type: social}\n    - {id: *channel, type: events}\n');
    const actions = await engineFor(text).codeActions(file, text, whole);
    const renames = actions.filter((action) => action.diagnostic.code === 'ref/duplicate-id' && !action.title.startsWith('Silence'));
    assert.deepEqual(renames.map((action) => action.edits), []);
  });

  it('renames an id read through merge keys in the map that sets it, never a `<<`', async () => {
    const campaign = `    - id: tet\n      name: Tet pickup week\n      objective: share\n`;
    const text = withChange(campaign, `    - &camp\n      id: tet\n      name: Tet pickup week\n      objective: share\n`, cleanPlan).replace(
      '  kpis:\n    - {id: pickups',
      `    - <<: *camp\n      id: tet-2\n    - <<: [{id: tet-3}, *camp]\n  kpis:\n    - {id: pickups`,
    );
    assert.equal(parse(text, { merge: true }).plan.campaigns[2].objective, 'share', 'test setup: the merges bring the objective');
    const engine = engineFor(text);
    const position = { line: text.split('\n').findIndex((line) => line.includes('{id: share')), character: 12 };
    const renamed = await engine.rename(file, text, position, 'lead');
    assert.ok('edits' in renamed, JSON.stringify(renamed));
    const after = apply(text, renamed.edits.get(file)!.map(({ range, newText }) => ({ range, text: newText })));
    assert.deepEqual(sharedMarkup(after), sharedMarkup(text));
    const data = parse(after, { merge: true });
    assert.deepEqual(data.plan.campaigns.map((item: { objective: string }) => item.objective), ['lead', 'lead', 'lead']);
    assert.deepEqual(await engineFor(after).check(file, after), []);
  });

  it('renames an id read through an alias with one edit of its anchored text', async () => {
    const text = withChange('  - {id: minh, role: marketing-manager', '  - {id: &who minh, role: marketing-manager', withChange('  owner: minh\n', '  owner: *who\n'));
    const position = { line: text.split('\n').findIndex((line) => line.includes('&who minh')), character: 14 };
    const renamed = await engineFor(text).rename(file, text, position, 'le-minh');
    assert.ok('edits' in renamed, JSON.stringify(renamed));
    const edits = renamed.edits.get(file)!;
    assert.equal(edits.length, 1, JSON.stringify(edits));
    const after = apply(text, edits.map(({ range, newText }) => ({ range, text: newText })));
    assert.equal(after, text.replace('&who minh', '&who le-minh'));
  });

  it('refuses, with a reason in the reader\'s language, a rename that would change a value read through the same alias', async () => {
    const text = withChange('  - {id: minh, role: marketing-manager, name: Le Minh}', '  - {id: &who minh, role: marketing-manager, name: *who}');
    const position = { line: text.split('\n').findIndex((line) => line.includes('&who minh')), character: 14 };
    const engine = engineFor(text);
    const refused = await engine.rename(file, text, position, 'le-minh');
    assert.deepEqual(refused, { refused: '`minh` is written once and read through an alias also as `name`, which a rename must not change: write the id out in each place, then rename it.' });
    const inVietnamese = await engine.rename(file, text, position, 'le-minh', 'vi');
    assert.ok('refused' in inVietnamese && !inVietnamese.refused.includes('written once'), JSON.stringify(inVietnamese));
  });

  describe('a value that YAML reserves a character of, written back by a fix', () => {
    const reserved = ['@anna', 'Anna: marketing', '*x', '%x', '`x', '!x', '&x', '|x', '>x', "'x", '"x', '#x', '- x', '? x', '[x', ']x', '{x', '}x', 'a, b', 'a #b', ' x', 'x ', '2027', 'true', '~'];
    for (const owner of reserved) {
      it(`an owner written ${JSON.stringify(owner)} keeps every quick fix, and is written back as it reads, in a block and in a flow map`, async () => {
        // The plan in block style, the section added as a block; or in flow style, the section added as a flow map.
        const { reporting: _, ...flowPlan } = { ...parse(cleanPlan).plan, owner };
        const block = withChange('  reporting: {cadence: monthly, to: linh}\n', '', withChange('  owner: minh\n', `  owner: ${scalarText(owner)}\n`));
        const flow = cleanPlan.slice(0, cleanPlan.indexOf('\nplan:\n') + 1) + `plan: ${stringify(flowPlan, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd()}\n`;
        for (const text of [block, flow]) {
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

  describe('mktplan check --fix', () => {
    let folder: string;
    beforeEach(() => (folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-alias-fix-'))));
    afterEach(() => rmSync(folder, { recursive: true, force: true }));
    const fix = (text: string) => {
      writeFileSync(nodePath.join(folder, 'plan.mktplan.yaml'), text);
      const result = spawnSync(process.execPath, [nodePath.join(__dirname, '../../dist/cli.js'), 'check', '--fix', 'plan.mktplan.yaml'], { cwd: folder, encoding: 'utf8' });
      return { status: result.status, stderr: result.stderr, text: readFileSync(nodePath.join(folder, 'plan.mktplan.yaml'), 'utf8') };
    };

    it('fixes a plan whose owner is written "@anna" instead of failing on it', () => {
      const text = withChange('  reporting: {cadence: monthly, to: linh}\n', '', withChange('  owner: minh\n', '  owner: "@anna"\n', withChange('currency: USD', 'curency: USD')));
      const result = fix(text);
      assert.doesNotMatch(result.stderr, /internal error/);
      assert.notEqual(result.status, 2, result.stderr);
      assert.equal(result.text, text.replace('curency: USD', 'currency: USD'));
    });

    it('fixes a plan whose unlinked objective is written "@anna", and prints its report', () => {
      const text = withChange('  implements: [share]\n', '', withChange('      objective: share\n', '', withChange('{id: share,', '{id: "@anna",', withChange('currency: USD', 'curency: USD'))));
      const result = fix(text);
      assert.doesNotMatch(result.stderr, /internal error/);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.text, text.replace('curency: USD', 'currency: USD'));
    });

    it('fixes the typo in an anchored map and leaves the `<<` that merges it', () => {
      const result = fix(mergedChannels('tpye: social'));
      assert.equal(result.text, mergedChannels('type: social'));
      assert.equal(result.status, 0, result.stderr);
    });
  });
});

describe('ids that YAML would read as something else, written by fixes and renames', () => {
  /** Ids that match the id pattern or not, each of which a plain scalar would turn into another value or break. */
  const typedLookAlikes = ['2027', 'true', 'null', '1e3', '0x1f', '0o17', '#x', 'a: b', '@anna'];
  const unlinked = (objective: string) => withChange('  implements: [share]\n', '', withChange('      objective: share\n', '', withChange('{id: share,', `{id: ${scalarText(objective)},`)));

  for (const id of typedLookAlikes) {
    it(`"Add \`implements\`" lists an objective written ${JSON.stringify(id)} as that text`, async () => {
      const text = unlinked(id);
      const [add] = (await engineFor(text).codeActions(file, text, whole)).filter((action) => action.title === 'Add `implements`');
      assert.ok(add);
      assert.deepEqual(parse(apply(text, add.edits)).plan.implements, [id]);
    });

    it(`a campaign's "Add \`kpis\`" names a KPI written ${JSON.stringify(id)} as that text`, async () => {
      const text = withChange('      kpis: [pickups]\n', '', withChange('{id: pickups,', `{id: ${scalarText(id)},`));
      for (const snippets of [false, true]) {
        const [add] = (await engineFor(text).codeActions(file, text, whole, {}, { snippets })).filter((action) => action.title === 'Add `kpis`');
        assert.ok(add, `snippets: ${snippets}`);
        assert.deepEqual(parse(apply(text, add.edits)).plan.campaigns[0].kpis, [id]);
      }
    });

    it(`"Allocate the remaining" names a channel written ${JSON.stringify(id)} as that text`, async () => {
      const text = withChange('      - {channel: events, amount: 15000}\n', '', withChange('    - {id: events, type: events}\n', '', withChange('{id: social, type: social}', `{id: ${scalarText(id)}, type: social}`).replace('channel: social, amount', `channel: ${scalarText(id)}, amount`).replace('channels: [social, events]', `channels: [${scalarText(id)}]`).replace('{channel: social, message', `{channel: ${scalarText(id)}, message`)));
      const [allocate] = (await engineFor(text).codeActions(file, text, whole)).filter((action) => action.title.startsWith('Allocate the remaining'));
      assert.ok(allocate);
      assert.deepEqual(parse(apply(text, allocate.edits)).plan.budget.allocations[1], { channel: id, amount: 15000 });
    });
  }

  it('fix-all reads a plan whose objective is written "@anna"', async () => {
    const text = unlinked('@anna');
    assert.ok(await engineFor(text).fixAll(file, text));
  });

  for (const newId of ['true', 'false', 'null', '1e3', '1e-3', '0x1f', '0o17', '2027']) {
    it(`a rename to ${newId} writes it where YAML reads it back as that text, in a flow map and a block value`, async () => {
      // The member's id is in a flow map, the plan's owner a block value.
      const line = cleanPlan.split('\n').findIndex((candidate) => candidate.includes('{id: minh'));
      const renamed = await engineFor(cleanPlan).rename(file, cleanPlan, { line, character: 9 }, newId);
      assert.ok('edits' in renamed, JSON.stringify(renamed));
      const after = parse(apply(cleanPlan, renamed.edits.get(file)!.map(({ range, newText }) => ({ range, text: newText }))));
      assert.equal(after.team[1].id, newId);
      assert.equal(after.plan.owner, newId);
    });
  }

  it('writes an id in ASCII that YAML reads as that text: `Trúe` becomes "true"', async () => {
    const text = withChange('  - {id: minh,', '  - {id: Trúe,', cleanPlan).replace('  owner: minh\n', '  owner: Trúe\n');
    const actions = await engineFor(text).codeActions(file, text, whole);
    const ascii = actions.find((action) => action.title === 'Change to `true`');
    assert.ok(ascii, actions.map((action) => action.title).join('; '));
    const after = parse(apply(text, ascii.edits));
    assert.equal(after.team[1].id, 'true');
    assert.equal(after.plan.owner, 'true');
  });
});

describe('flow collections written with a trailing comma', () => {
  it('"Add `reporting`" to a flow map `{owner: minh, }` writes a map that parses and holds the section', async () => {
    const text = cleanPlan.replace('plan:\n  owner: minh\n', 'plan: {\n  owner: minh,\n  }\n').replace(/\n {2}period[\s\S]*$/, '\n');
    const [add] = (await engineFor(text).codeActions(file, text, whole)).filter((action) => action.title === 'Add `reporting`');
    assert.ok(add);
    // No `cadence`: a client without snippets gets no guess at it.
    assert.deepEqual(parse(apply(text, add.edits)).plan, { owner: 'minh', reporting: { to: 'minh' } });
  });

  it('"Add `type`" to a list item `{id: events, }` writes the key once, after one comma', async () => {
    const text = withChange('    - {id: events, type: events}\n', '    - {id: events, }\n');
    const [add] = (await engineFor(text).codeActions(file, text, whole, {}, { snippets: true })).filter((action) => action.title === 'Add `type`');
    assert.ok(add);
    assert.deepEqual(parse(apply(text, add.edits)).plan.channels[1], { id: 'events', type: 'social' });
  });

  it('"Create `radio`" appends to a flow list `[..., ]` an item that parses', async () => {
    const text = withChange('  channels:\n    - {id: social, type: social}\n    - {id: events, type: events}\n', '  channels: [{id: social, type: social}, {id: events, type: events}, ]\n', withChange('channels: [social, events]', 'channels: [social, events, radio]'));
    const [create] = (await engineFor(text).codeActions(file, text, whole, {}, { snippets: true })).filter((action) => action.title.startsWith('Create `radio`'));
    assert.ok(create);
    assert.deepEqual(parse(apply(text, create.edits)).plan.channels.map((channel: { id: string }) => channel.id), ['social', 'events', 'radio']);
  });
});

describe('a byte order mark the client keeps in the text', () => {
  const bom = '\uFEFF';
  for (const [title, text, code] of [
    ['Add `mktplan`', bom + cleanPlan.replace('mktplan: "1"\n', ''), 'schema'],
    ['Silence schema in this file', bom + cleanPlan.replace('mktplan: "1"\n', ''), 'schema'],
    ['Silence schema on this line', bom + cleanPlan.replace('mktplan: "1"\n', ''), 'schema'],
    ['Silence plan/reporting-missing in this file', bom + cleanPlan.replace('  reporting: {cadence: monthly, to: linh}\n', ''), 'plan/reporting-missing'],
  ] as const) {
    it(`"${title}" writes after the mark, at the line's indentation, and the finding goes`, async () => {
      const engine = engineFor(text);
      const action = (await engine.codeActions(file, text, whole)).find((candidate) => candidate.title === title);
      assert.ok(action);
      const after = apply(text, action.edits);
      assert.ok(after.startsWith(bom) && !after.startsWith(bom + ' ') && after.indexOf(bom, 1) < 0, JSON.stringify(after.slice(0, 60)));
      assert.deepEqual((await engineFor(after).check(file, after)).filter((diagnostic) => diagnostic.code === code), []);
    });
  }
});

describe('"Create `kpi-N`" for a campaign, with the plan\'s `kpis` added at the same place', () => {
  // The plan without KPIs, its campaigns last.
  const base = withChange('      kpis: [pickups]\n', '', withChange(/ {2}kpis:\n {4}- \{id: pickups.*\n/.exec(cleanPlan)![0], '', cleanPlan)).replace(/ {2}reporting:[\s\S]*$/, '');
  const variants: Record<string, string> = {
    'two spaces': base,
    // The campaign's keys two past its dash, as a four-space file writes them.
    'four spaces': base.replace(/^( +)/gm, (spaces) => spaces + spaces).replace(/^ {12}(?=[a-z])/gm, ' '.repeat(10)),
    'CRLF': base.replace(/\n/g, '\r\n'),
    'no final line break': base.trimEnd(),
    'a comment after the campaign': `${base}  # more campaigns to come\n`,
    'a document end marker': `${base}...\n`,
  };
  for (const [name, text] of Object.entries(variants)) {
    it(`puts the campaign's \`kpis\` in the campaign and the new KPI in \`plan.kpis\` (${name})`, async () => {
      for (const snippets of [false, true]) {
        const create = (await engineFor(text).codeActions(file, text, whole, {}, { snippets })).find((action) => action.title.startsWith('Create `kpi'));
        assert.ok(create);
        const after = apply(text.replace(/\r\n/g, '\n'), create.edits.map((edit) => ({ ...edit, text: edit.text.replace(/\r\n/g, '\n') })));
        const { plan } = parse(after);
        assert.deepEqual(plan.campaigns[0].kpis, [plan.kpis[0].id], after);
        assert.equal(plan.kpis.length, 1);
        assert.equal(plan.kpis[0].kpis, undefined);
      }
    });
  }

  it('makes examples/draft.mktplan.yaml link its campaign to the KPI it creates', async () => {
    const text = readFileSync(nodePath.join(__dirname, '../../examples/draft.mktplan.yaml'), 'utf8');
    const creates = (await engineFor(text).codeActions(file, text, whole)).filter((action) => action.title.startsWith('Create `kpi'));
    assert.ok(creates.length > 0);
    for (const create of creates) {
      const { plan } = parse(apply(text, create.edits));
      const created = plan.kpis[plan.kpis.length - 1];
      assert.equal(created.kpis, undefined);
      assert.ok(plan.campaigns.some((campaign: { kpis?: string[] }) => campaign.kpis?.includes(created.id)));
    }
  });
});

describe('"Swap the start and the end" of one span', () => {
  const swapsOf = async (text: string) => (await engineFor(text).codeActions(file, text, whole)).filter((action) => action.title === 'Swap the start and the end');

  it('is not offered where a date it would write is a milestone\'s too, read through an alias', async () => {
    const text = withChange('  kpis:\n    - {id: pickups', '  timeline: [{id: launch-day, name: Launch, date: *launch}]\n  kpis:\n    - {id: pickups', withChange('      start: 2027-01-20\n', '      start: &launch 2027-02-20\n'));
    assert.deepEqual(await swapsOf(text), []);
  });

  it('is not offered where a campaign takes the date it would write from another through `<<`', async () => {
    const text = withChange('    - id: tet\n', '    - &camp\n      id: tet\n').replace('  kpis:\n    - {id: pickups', '    - <<: *camp\n      id: tet-2\n      start: 2027-02-20\n  kpis:\n    - {id: pickups');
    assert.equal((await engineFor(text).check(file, text)).filter((diagnostic) => diagnostic.code === 'dates/end-before-start').length, 1, 'test setup: the merged campaign ends before it starts');
    assert.deepEqual(await swapsOf(text), []);
  });

  it('still swaps the dates of a span that are its own', async () => {
    const text = withChange('      start: 2027-01-20\n', '      start: 2027-02-20\n');
    const [swap] = await swapsOf(text);
    assert.ok(swap);
    assert.deepEqual(parse(apply(text, swap.edits)).plan.campaigns[0].start, '2027-02-10');
  });
});

describe('"Silence … on this line" beside a value written on several lines', () => {
  const texts = {
    'a quoted scalar': withChange('statement: Lead specialty coffee in District 1, metric: market share, target: 15,', 'statement: "Lead specialty coffee\n        in District 1", target: lots,'),
    'a plain scalar': withChange('statement: Lead specialty coffee in District 1, metric: market share, target: 15,', 'statement: Lead specialty coffee\n        in District 1, target: lots,'),
    'a flow map': withChange('statement: Lead specialty coffee in District 1, metric: market share, target: 15,', 'statement: Lead specialty coffee in District 1,\n        target: lots,'),
    'a block scalar': withChange('  brand: {positioning: The quickest real coffee in town}\n', '  brand:\n    positioning: |\n      The quickest real coffee in town\n      tpye: x\n    tpye: bold\n'),
  };
  for (const [name, text] of Object.entries(texts)) {
    it(`is offered only where the comment stays a comment, and then silences the finding (${name})`, async () => {
      const engine = engineFor(text);
      const findings = await engine.check(file, text);
      assert.ok(findings.some((finding) => finding.code === 'schema'), 'test setup: a schema finding');
      for (const action of (await engine.codeActions(file, text, whole)).filter((candidate) => candidate.title.startsWith('Silence schema on this line'))) {
        const after = apply(text, action.edits);
        assert.deepEqual(parse(after), parse(text), `"${action.title}" changed a value: ${JSON.stringify(action.edits)}`);
        const line = action.diagnostic.range.start.line + 1;
        assert.ok(!(await engineFor(after).check(file, after)).some((finding) => finding.code === 'schema' && finding.range.start.line === line), 'the finding stays');
      }
    });
  }

  it('is still offered on a line of a flow map written on several lines', async () => {
    const text = texts['a flow map'];
    const silences = (await engineFor(text).codeActions(file, text, whole)).filter((candidate) => candidate.title.startsWith('Silence schema on this line'));
    assert.ok(silences.length > 0);
  });
});

describe('a fix that throws', () => {
  const rule = rules.find((candidate) => candidate.id === 'plan/reporting-missing')!;
  const ownFix = rule.fix;
  const logged: unknown[][] = [];
  const consoleError = console.error;
  beforeEach(() => {
    rule.fix = () => {
      throw new Error('a fix failed\u001b[2J');
    };
    logged.length = 0;
    console.error = (...args: unknown[]) => void logged.push(args);
  });
  afterEach(() => {
    rule.fix = ownFix;
    console.error = consoleError;
  });
  const text = withChange('  reporting: {cadence: monthly, to: linh}\n', '', withChange('currency: USD', 'curency: USD'));

  it('leaves the other quick fixes and the silencing of its finding, and is logged with its rule', async () => {
    const titles = (await engineFor(text).codeActions(file, text, whole)).map((action) => action.title);
    assert.ok(titles.includes('Change to `currency`'), titles.join('; '));
    assert.ok(titles.includes('Silence plan/reporting-missing on this line'), titles.join('; '));
    assert.ok(!titles.includes('Add `reporting`'));
    assert.deepEqual(logged, [['mktplan: plan/reporting-missing: a fix failed\\u001b[2J']]);
  });

  it('leaves fix-all to apply the others', async () => {
    const fixed = await engineFor(text).fixAll(file, text);
    assert.equal(fixed?.text, text.replace('curency: USD', 'currency: USD'));
  });
});

describe('section fixes for a client that takes no snippets write only what the plan implies', () => {
  const gaps = readFileSync(nodePath.join(__dirname, '../fixtures/corpus/plan-gaps.mktplan.yaml'), 'utf8');
  const errorsOf = async (text: string) => (await engineFor(text).check(file, text)).filter((finding) => finding.severity === 1).map((finding) => `${finding.code}: ${finding.message}`);

  it('adds no error to a plan with no channels and no campaigns', async () => {
    const before = await errorsOf(gaps);
    const actions = (await engineFor(gaps).codeActions(file, gaps, whole)).filter((action) => !action.title.startsWith('Silence'));
    assert.ok(!actions.some((action) => action.title === 'Add `budget`'), 'a budget needs its total, which only the writer knows');
    assert.ok(!actions.some((action) => action.title === 'Add `content`'), 'content names a channel, and the plan has none');
    assert.ok(actions.some((action) => action.title === 'Add `kpis`'));
    for (const action of actions) assert.deepEqual(await errorsOf(apply(gaps, action.edits)), before, `"${action.title}" wrote ${JSON.stringify(action.edits.map((edit) => edit.text))}`);
  });

  it('names the plan\'s one channel, where it has one', async () => {
    const text = `${gaps}  channels:\n    - {id: zalo, type: social}\n`;
    const actions = (await engineFor(text).codeActions(file, text, whole)).filter((action) => !action.title.startsWith('Silence'));
    const content = actions.find((action) => action.title === 'Add `content`');
    assert.ok(content);
    assert.equal(parse(apply(text, content.edits)).plan.content[0].channel, 'zalo');
    for (const action of actions) assert.deepEqual(await errorsOf(apply(text, action.edits)), await errorsOf(text), `"${action.title}"`);
  });

  it('writes a new KPI or objective with no example measure (`target: 500`, `unit: customers`) for the user to take as the plan\'s', async () => {
    const actions = (await engineFor(gaps).codeActions(file, gaps, whole)).filter((action) => action.title === 'Add `kpis`');
    assert.equal(actions.length, 1);
    const [kpi] = parse(apply(gaps, actions[0].edits)).plan.kpis;
    assert.deepEqual([kpi.target, kpi.unit, kpi.baseline], [undefined, undefined, undefined]);
    const [withSnippets] = (await engineFor(gaps).codeActions(file, gaps, whole, {}, { snippets: true })).filter((action) => action.title === 'Add `kpis`');
    assert.match(withSnippets.edits[0].snippet!, /target: \$\{\d+:500\}\n {6}unit: \$\{\d+:customers\}/);
  });

  it('makes no choice among values and writes no example figure for the user: an optional one is left out, and a section a required one would need is not offered', async () => {
    const actions = (await engineFor(gaps).codeActions(file, gaps, whole)).filter((action) => !action.title.startsWith('Silence'));
    for (const action of actions) {
      for (const edit of action.edits) assert.doesNotMatch(edit.text, /\b(?:cadence|frequency|currency|direction|approach|type|role):|: \d+\n/, `"${action.title}" chose for the user: ${JSON.stringify(edit.text)}`);
    }
    assert.ok(actions.some((action) => action.title === 'Add `reporting`'), 'reporting is offered, without its cadence');
    assert.ok(!actions.some((action) => action.title === 'Add `channels`'), 'a channel needs its type chosen');
    const withSnippets = (await engineFor(gaps).codeActions(file, gaps, whole, {}, { snippets: true })).find((action) => action.title === 'Add `channels`');
    assert.match(withSnippets?.edits[0].snippet ?? '', /type: \$\{\d+\|social,/);
  });

  it('leaves the placeholders selected for a client that takes snippets', async () => {
    const [budget] = (await engineFor(gaps).codeActions(file, gaps, whole, {}, { snippets: true })).filter((action) => action.title === 'Add `budget`');
    assert.match(budget.edits[0].snippet!, /channel: \$\{\d+:channel-id\}/);
  });
});

describe('a value written with an explicit tag', () => {
  const total = /total: (\d+)/.exec(cleanPlan)![1];

  it('is rewritten with its tag: fix-all makes `total: !!str 50000` the number, where it left the tag reading it as text', async () => {
    const text = cleanPlan.replace(`total: ${total}`, `total: !!str ${total}`);
    const fixed = await engineFor(text).fixAll(file, text);
    assert.equal(parse(fixed!.text).plan.budget.total, Number(total));
    assert.equal(fixed!.text, cleanPlan);
  });

  it('keeps an anchor before the tag, and is not rewritten where the tag stands on a line of its own', async () => {
    const anchored = cleanPlan.replace(`total: ${total}`, `total: &sum !!str ${total}`);
    assert.equal((await engineFor(anchored).fixAll(file, anchored))!.text, cleanPlan.replace(`total: ${total}`, `total: &sum ${total}`));
    const apart = cleanPlan.replace(`total: ${total}`, `total: !!str\n      ${total}`);
    const actions = await engineFor(apart).codeActions(file, apart, whole);
    assert.ok(!actions.some((action) => action.title.startsWith('Change to')), actions.map((action) => action.title).join('; '));
  });
});
