import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { isMap, type Document, type Node, type YAMLMap } from 'yaml';
import { forEachNode } from '../../server/src/service/document/walk';
import { Engine, ParseCache, type Diagnostic } from '../../server/src/service';
import { documentOf, MemoryWorkspace } from './helpers';
import { refUnknown } from '../../server/src/service/rules/ref/unknown';
import { generatePlan } from '../../bench/generate';
import { parse } from '../../server/src/service/document/parse';

const examples = nodePath.join(__dirname, '../../examples');
const seeds = [
  ...['saigon-bean.mktplan.yaml', 'draft.mktplan.yaml', 'imports/plan-2027.mktplan.yaml', 'imports/strategy.mktplan.yaml'].map((name) => ({
    name,
    text: readFileSync(nodePath.join(examples, name), 'utf8'),
  })),
  // Long enough that a campaign or a KPI is a small part of it, as in the plans the splice is for.
  { name: 'generated.mktplan.yaml', text: generatePlan(700) },
];

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
  | { kind: 'undo' }
  // Edits at the boundaries between list entries, the most common in a plan: adding a line,
  // a campaign or a KPI, removing one, a comment or a blank line between two, moving one in or out.
  /** Enter at the end of the line before the entry nearest `at`, keeping that line's indentation, then `text`. */
  | { kind: 'enterAtEntryEnd'; at: number; text: string }
  /** A copy of the entry nearest `from` pasted before the entry nearest `at`. */
  | { kind: 'pasteEntry'; at: number; from: number }
  | { kind: 'deleteEntry'; at: number }
  /** A comment line, or a blank one, before the entry nearest `at`. */
  | { kind: 'lineBetween'; at: number; comment: boolean }
  /** Every line of the entry nearest `at` moved right or left. */
  | { kind: 'indentEntry'; at: number; by: number };

/** A place in the text as a fraction of its length, spread evenly (fast-check otherwise favours the very start). */
const place = fc.noBias(fc.integer({ min: 0, max: 9999 })).map((step) => step / 10_000);

const typed = fc.constantFrom('a', 'x', '1', ' ', ':', '-', '[', ']', '{', '}', ',', '"', "'", '#', 'é', '中', 'щ', ' 2027-01-01', 'kpis', 'id: z', '\t');

// Weighted as people edit: mostly typing in words, then the edits between entries.
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('type' as const), at: place, text: fc.array(typed, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('')) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('paste' as const), at: place, from: place, length: fc.integer({ min: 1, max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('indent' as const), at: place, by: fc.integer({ min: -4, max: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('newline' as const), at: place, text: fc.constantFrom('', '  ', '    - ', '      name: new', '  budget:', '# note') }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('word' as const), at: place, text: fc.constantFrom('a', 'e', 'x2', 'ơ', '年', 'ж') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('enterAtEntryEnd' as const), at: place, text: fc.constantFrom('', 'x', 'note: new', '- z', 'id: extra') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pasteEntry' as const), at: place, from: place }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteEntry' as const), at: place }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('lineBetween' as const), at: place, comment: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('indentEntry' as const), at: place, by: fc.constantFrom(-2, 2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('undo' as const) }) },
);

/** The lines of the list entry that starts at or after `at` (or the last one before it): from its dash to where the next line at its indentation or less starts. */
function entryNear(text: string, at: number): { start: number; end: number; indent: number } | undefined {
  const entries: Array<{ start: number; indent: number }> = [];
  for (const match of text.matchAll(/^( *)- /gm)) entries.push({ start: match.index!, indent: match[1].length });
  if (entries.length === 0) return undefined;
  const entry = entries.find((candidate) => candidate.start >= at) ?? entries[entries.length - 1];
  let end = text.indexOf('\n', entry.start);
  while (end >= 0 && end + 1 < text.length) {
    const line = text.slice(end + 1, text.indexOf('\n', end + 1) < 0 ? text.length : text.indexOf('\n', end + 1));
    const content = line.trimStart();
    if (content !== '' && !content.startsWith('#') && line.length - content.length <= entry.indent) break;
    end = text.indexOf('\n', end + 1);
  }
  return { start: entry.start, end: end < 0 ? text.length : end + 1, indent: entry.indent };
}

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
    case 'enterAtEntryEnd': {
      const entry = entryNear(text, at);
      if (!entry || entry.start === 0) return text;
      const previousLine = text.slice(text.lastIndexOf('\n', entry.start - 2) + 1, entry.start - 1);
      const indentation = /^ */.exec(previousLine)![0];
      return text.slice(0, entry.start - 1) + '\n' + indentation + change.text + text.slice(entry.start - 1);
    }
    case 'pasteEntry': {
      const [target, source] = [entryNear(text, at), entryNear(text, Math.floor(change.from * text.length))];
      return target && source ? text.slice(0, target.start) + text.slice(source.start, source.end) + text.slice(target.start) : text;
    }
    case 'deleteEntry': {
      const entry = entryNear(text, at);
      return entry ? text.slice(0, entry.start) + text.slice(entry.end) : text;
    }
    case 'lineBetween': {
      const entry = entryNear(text, at);
      return entry ? text.slice(0, entry.start) + (change.comment ? `${' '.repeat(entry.indent)}# between\n` : '\n') + text.slice(entry.start) : text;
    }
    case 'indentEntry': {
      const entry = entryNear(text, at);
      if (!entry) return text;
      const lines = text.slice(entry.start, entry.end).split('\n');
      const moved = lines.map((line) => (line === '' ? line : change.by > 0 ? ' '.repeat(change.by) + line : line.replace(/^ {1,2}/, '')));
      return text.slice(0, entry.start) + moved.join('\n') + text.slice(entry.end);
    }
  }
}

const comparable = (diagnostics: Diagnostic[]) => JSON.stringify(diagnostics);

/** The offsets of every key of a tree, in order. */
function keyRanges(document: Document): unknown[] {
  const ranges: unknown[] = [];
  forEachNode(document, (node) => {
    if (isMap(node)) for (const pair of node.items) ranges.push((pair.key as Node | null)?.range);
  });
  return ranges;
}

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
          // The ids are read again only where the splice changed them; they must be those a whole reading finds, in its order.
          const wholeAnalysis = await new Engine(workspace).analyze(file, text);
          const splicedAnalysis = await editing.analyze(file, text);
          assert.deepEqual(splicedAnalysis.definitions, wholeAnalysis.definitions, `definitions after ${JSON.stringify(change)}`);
          // So are the references no id resolves, looked up again only where ids went away or references were read anew.
          const unresolvedPaths = (analysis: typeof wholeAnalysis) => analysis.unresolved.map((reference) => JSON.stringify(reference)).sort();
          assert.deepEqual(unresolvedPaths(splicedAnalysis), unresolvedPaths(wholeAnalysis), `unresolved references after ${JSON.stringify(change)}`);
          // Every key of the splice's tree, its offsets moved once the tree is read, stands where a whole parse has it.
          assert.deepEqual(keyRanges(cache.peek(file)!.yaml), keyRanges(parse(text).yaml), `keys after ${JSON.stringify(change)}`);
          // Lines are counted anew only where the splice changed them; everywhere they must be where a whole count puts them.
          assert.deepEqual(cache.peek(file)!.lineStarts, parse(text).lineStarts, `line starts after ${JSON.stringify(change)}`);
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

  it('finds an unknown id in a pasted campaign, and the ids a deleted KPI leaves unknown, looking up only what changed', async () => {
    const workspace = new MemoryWorkspace();
    const cache = new ParseCache();
    const engine = new Engine(workspace, cache);
    const file = 'file:///workspace/plan.mktplan.yaml';
    const text = generatePlan(400);
    const unknownIds = async (version: string) => (await engine.check(file, version)).filter((finding) => finding.code === 'ref/unknown').map((finding) => finding.data.path.join('.'));
    assert.deepEqual(await unknownIds(text), []);
    // A campaign pasted after the first, naming a KPI that no one defines.
    const first = text.indexOf('    - id: cmp-00001');
    const second = text.indexOf('    - id: cmp-', first + 1);
    const pasted = text.slice(first, second).replace('id: cmp-00001', 'id: cmp-pasted').replace(/kpis: \[[^\]]*\]/, 'kpis: [kpi-missing]');
    const withPaste = text.slice(0, second) + pasted + text.slice(second);
    assert.deepEqual(await unknownIds(withPaste), ['plan.campaigns.1.kpis.0']);
    // Back to a plan where every id resolves: nothing is unknown, and the paste's lookups are gone.
    assert.deepEqual(await unknownIds(text), []);
    // The first KPI deleted: every campaign that names it now names an unknown id.
    const kpi = text.indexOf('    - {id: kpi-00001');
    const withoutKpi = text.slice(0, kpi) + text.slice(text.indexOf('\n', kpi) + 1);
    const expected = (await new Engine(workspace).check(file, withoutKpi)).filter((finding) => finding.code === 'ref/unknown').map((finding) => finding.data.path.join('.'));
    assert.ok(expected.length > 0);
    assert.deepEqual(await unknownIds(withoutKpi), expected);
    assert.deepEqual(cache.counts, { full: 1, incremental: 3 });
  });

  it('survives a value nested far deeper than a parse accepts, typed into a plan it splices', async () => {
    const engine = new Engine(new MemoryWorkspace(), new ParseCache());
    const file = 'file:///workspace/plan.mktplan.yaml';
    const text = ['mktplan: "1"', 'team:', '  - id: anna', '    role: cmo', ''].join('\n');
    await engine.check(file, text);
    const deep = text.replace('role: cmo', `role: ${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    const findings = await engine.check(file, deep);
    assert.deepEqual(findings.map((finding) => finding.code), ['yaml-syntax']);
  });

  it('starts a list where its new first item starts, after a blank line put before the first', () => {
    const text = ['mktplan: "1"', 'team:', '  - id: anna', '    role: cmo', '  - id: ben', '    role: cso', ''].join('\n');
    const cache = new ParseCache();
    cache.get('plan', text);
    const edited = text.replace('team:\n', 'team:\n\n');
    const spliced = cache.get('plan', edited);
    assert.deepEqual(cache.counts, { full: 1, incremental: 1 });
    const teamOf = (document: Document) => (document.contents as YAMLMap<unknown, Node>).items[1].value!.range;
    assert.deepEqual(teamOf(spliced.yaml), teamOf(parse(edited).yaml));
  });

  it('looks for the block of a change in a list whose entry after the change stands in another column', async () => {
    // A list item under a map: the entry after the touched line has no lines of its own.
    const text = ['mktplan: "1"', 'strategy:', '  owner: hugo', '  - {id: hugo, role: cmo}', '  objectives: [{id: reach, statement: Known, ta'].join('\n');
    const engine = new Engine(new MemoryWorkspace(), new ParseCache());
    const items = await engine.complete('file:///workspace/plan.mktplan.yaml', text, { line: 3, character: 5 });
    assert.ok(Array.isArray(items));
  });

  it('gives a map before a blank line the range a whole parse gives it', async () => {
    const workspace = new MemoryWorkspace();
    const engine = new Engine(workspace, new ParseCache());
    const file = 'file:///workspace/plan.mktplan.yaml';
    const text = ['mktplan: "1"', 'team:', '  - id: anna', '    role: cmo', '    responsibilities:', '      - x: 1', '        y: 2', '  - id: ben', '    role: cso', ''].join('\n');
    await engine.check(file, text);
    const edited = text.replace('  - id: ben', '\n  - id: ben');
    const spliced = await engine.check(file, edited);
    assert.ok(spliced.some((finding) => finding.data.path.join('.') === 'team.0.responsibilities.0'));
    assert.deepEqual(spliced, await new Engine(workspace).check(file, edited));
  });

  it('moves the schema findings of the items after an item pasted or deleted, and finds the pasted item\'s own', async () => {
    const workspace = new MemoryWorkspace();
    const cache = new ParseCache();
    const engine = new Engine(workspace, cache);
    const file = 'file:///workspace/plan.mktplan.yaml';
    const member = (id: string, role: string) => `  - id: ${id}\n    role: ${role}\n    name: ${id}\n`;
    const text = `mktplan: "1"\nteam:\n${member('anna', 'cmo')}${member('ben', 'boss')}${member('chi', 'cso')}${member('dan', 'chief')}`;
    const before = await engine.check(file, text);
    assert.deepEqual(
      before.filter((finding) => finding.code === 'schema' && finding.data.path[0] === 'team').map((finding) => finding.data.path.join('.')),
      ['team.1.role', 'team.3.role'],
    );
    const pasted = text.replace('  - id: chi', `${member('eve', 'nobody')}  - id: chi`);
    const afterPaste = await engine.check(file, pasted);
    assert.deepEqual(
      afterPaste.filter((finding) => finding.code === 'schema' && finding.data.path[0] === 'team').map((finding) => finding.data.path.join('.')),
      ['team.1.role', 'team.2.role', 'team.4.role'],
    );
    assert.deepEqual(afterPaste, await new Engine(workspace).check(file, pasted));
    const deleted = pasted.replace(member('ben', 'boss'), '');
    const afterDelete = await engine.check(file, deleted);
    assert.deepEqual(
      afterDelete.filter((finding) => finding.code === 'schema' && finding.data.path[0] === 'team').map((finding) => finding.data.path.join('.')),
      ['team.1.role', 'team.3.role'],
    );
    assert.deepEqual(afterDelete, await new Engine(workspace).check(file, deleted));
    assert.deepEqual(cache.counts, { full: 1, incremental: 2 });
  });

  it('finds again what the id rules found when an id or a reference changes, and keeps it while only other values do', async () => {
    const workspace = new MemoryWorkspace();
    const engine = new Engine(workspace, new ParseCache());
    const file = 'file:///workspace/plan.mktplan.yaml';
    const text = ['mktplan: "1"', 'team:', '  - id: anna', '    role: cmo', '    name: Anna', '  - id: ben', '    role: cso', '    name: Ben', 'plan:', '  owner: anna', ''].join('\n');
    const idFindings = async (version: string) =>
      (await engine.check(file, version)).filter((finding) => finding.code.startsWith('ref/')).map((finding) => `${finding.code}@${finding.range.start.line}`);
    const fresh = async (version: string) => (await new Engine(workspace).check(file, version)).filter((finding) => finding.code.startsWith('ref/')).map((finding) => `${finding.code}@${finding.range.start.line}`);
    const versions = [
      text,
      text.replace('owner: anna', 'owner: annax'),
      text.replace('owner: anna', 'owner: annax').replace('name: Ben', 'name: Benjamin'),
      text.replace('name: Ben', 'name: Benjamin'),
      text.replace('id: ben', 'id: anna'),
      text,
    ];
    for (const version of versions) assert.deepEqual(await idFindings(version), await fresh(version));
    assert.deepEqual(await idFindings(versions[1]), ['ref/unknown@9']);
    assert.deepEqual(await idFindings(versions[4]), ['ref/duplicate-id@5']);
  });

  it('runs the id rules again when an id changes, and not when only a name does', async () => {
    const engine = new Engine(new MemoryWorkspace(), new ParseCache());
    const file = 'file:///workspace/plan.mktplan.yaml';
    const text = ['mktplan: "1"', 'team:', '  - id: anna', '    role: cmo', '    name: Anna', 'plan:', '  owner: anna', ''].join('\n');
    const check = refUnknown.check;
    let runs = 0;
    refUnknown.check = (context) => {
      runs++;
      check(context);
    };
    try {
      await engine.check(file, text);
      await engine.check(file, text.replace('name: Anna', 'name: Anna Nguyen'));
      assert.equal(runs, 1);
      await engine.check(file, text.replace('name: Anna', 'name: Anna Nguyen').replace('id: anna', 'id: ann'));
      assert.equal(runs, 2);
    } finally {
      refUnknown.check = check;
    }
  });

  it('splices the text that sets a mistake right into the last parse without it', async () => {
    const workspace = new MemoryWorkspace();
    const cache = new ParseCache();
    const engine = new Engine(workspace, cache);
    const file = 'file:///workspace/plan.mktplan.yaml';
    const text = seeds[0].text;
    await engine.check(file, text);
    // A line of a campaign moved two spaces right: the YAML breaks, and is parsed whole.
    const broken = text.replace(/\n( {6}owner: thu)/, '\n  $1');
    assert.notEqual(broken, text);
    const brokenFindings = await engine.check(file, broken);
    assert.ok(brokenFindings.some((finding) => finding.code === 'yaml-syntax'));
    assert.deepEqual(cache.counts, { full: 2, incremental: 0 });
    // Moved back, with a word changed elsewhere in the campaign: spliced into the parse before the mistake.
    const fixed = text.replace('owner: thu', 'owner: minh');
    assert.deepEqual(await engine.check(file, fixed), await new Engine(workspace).check(file, fixed));
    assert.deepEqual(cache.counts, { full: 2, incremental: 1 });
  });

  it("keeps the model's facts that a splice left alone, and reads again those it changed", async () => {
    const engine = new Engine(new MemoryWorkspace(), new ParseCache());
    const file = 'file:///workspace/plan.mktplan.yaml';
    const text = [
      'mktplan: "1"',
      'strategy:',
      '  objectives:',
      '    - id: reach',
      '      statement: Reach offices',
      '      target: 300',
      'plan:',
      '  budget:',
      '    total: 1000',
      '    allocations:',
      '      - channel: social',
      '        amount: 600',
      '  kpis:',
      '    - id: leads',
      '      name: Leads',
      '      target: 50',
      '  campaigns:',
      '    - id: launch',
      '      name: Launch',
      '      budget: 400',
      '',
    ].join('\n');
    const first = (await engine.analyze(file, text)).model;
    const [kpis, objectives, allocated, campaign] = [first.kpis, first.objectives, first.budget?.allocated, first.campaigns[0]];
    const renamed = (await engine.analyze(file, text.replace('name: Launch', 'name: Launch week'))).model;
    assert.equal(renamed.kpis, kpis);
    assert.equal(renamed.objectives, objectives);
    assert.equal(renamed.budget?.allocated, allocated);
    assert.notEqual(renamed.campaigns[0], campaign);
    const retargeted = (await engine.analyze(file, text.replace('name: Launch', 'name: Launch week').replace('target: 50', 'target: 70').replace('amount: 600', 'amount: 650'))).model;
    assert.equal(retargeted.kpis[0].target, 70);
    assert.equal(retargeted.objectives, objectives);
    assert.equal(retargeted.budget?.allocated?.toString(), '650');
  });

  it('lets go of the models of earlier versions as the file is edited', async () => {
    // The collector, reachable without starting Node with --expose-gc.
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const engine = new Engine(new MemoryWorkspace(), new ParseCache());
    const file = 'file:///workspace/plan.mktplan.yaml';
    let text = seeds[0].text;
    const first = new WeakRef((await engine.analyze(file, text)).model);
    for (let edit = 1; edit <= 4; edit++) {
      text = text.replace(/(\n\s+name: )([^\n]+)/, `$1$2 ${edit}`);
      await engine.check(file, text);
    }
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(first.deref(), undefined);
  });

  it('reparses the entry of a value wrapped over lines when an edit lands inside it, as a whole parse reads it', async () => {
    const workspace = new MemoryWorkspace();
    const cache = new ParseCache();
    const engine = new Engine(workspace, cache);
    const file = 'file:///workspace/plan.mktplan.yaml';
    const text = [
      'mktplan: "1"',
      'strategy:',
      '  positioning: Specialty coffee roasted every morning, ready in two minutes for',
      '    office workers who order ahead',
      '  objectives:',
      '    - id: reach',
      '      statement: "Reach the office workers of District 1 who order ahead',
      '        on the app before nine"',
      '      target: 300',
      '  swot:',
      '    threats:',
      '      - Đối thủ lớn có ngân sách quảng cáo gấp nhiều lần và mạng lưới cửa hàng',
      '        rộng khắp',
      '',
    ].join('\n');
    await engine.check(file, text);
    const edits: Array<[string, string]> = [
      // A word typed into a continuation line, a line added to the value, two of its lines joined.
      ['order ahead\n  objectives', 'order ahead every day\n  objectives'],
      ['rộng khắp', 'rộng khắp\n\n        ở mọi quận'],
      ['ahead\n        on the app', 'ahead on the app'],
      // Typed into a value's first line, then the wrapped line moved under it.
      ['two minutes for', 'two minutes, for'],
      ['quảng cáo gấp', 'quảng cáo\n          gấp'],
    ];
    let edited = text;
    for (const [from, to] of edits) {
      assert.ok(edited.includes(from), from);
      edited = edited.replace(from, to);
      const before = cache.counts.incremental;
      assert.deepEqual(await engine.check(file, edited), await new Engine(workspace).check(file, edited), `after ${JSON.stringify(to)}`);
      assert.equal(cache.counts.incremental, before + 1, `${JSON.stringify(to)} was not spliced`);
      assert.deepEqual(documentOf(cache.peek(file)!.yaml), documentOf(parse(edited).yaml), `the tree after ${JSON.stringify(to)}`);
    }
    assert.deepEqual((cache.peek(file)!.yaml.toJS() as { strategy: { swot: { threats: string[] } } }).strategy.swot.threats, [
      'Đối thủ lớn có ngân sách quảng cáo gấp nhiều lần và mạng lưới cửa hàng rộng khắp\nở mọi quận',
    ]);
    // A line of the value moved back to its key's column is a key without a colon: the whole text is parsed, and reported.
    const broken = edited.replace('\n    office workers', '\n  office workers');
    const findings = await engine.check(file, broken);
    assert.ok(findings.some((finding) => finding.code === 'yaml-syntax'));
    assert.deepEqual(findings, await new Engine(workspace).check(file, broken));
    assert.equal(cache.counts.full, 2);
  });

  it('reparses one campaign, not the whole plan, when a value in it changes', async () => {
    const workspace = new MemoryWorkspace();
    const cache = new ParseCache();
    const engine = new Engine(workspace, cache);
    const [text] = [seeds[0].text];
    await engine.check('file:///workspace/plan.mktplan.yaml', text);
    const edited = text.replace(/(\n\s+name: )([^\n]+)/, '$1$2 (edited)');
    assert.notEqual(edited, text);
    const diagnostics = await engine.check('file:///workspace/plan.mktplan.yaml', edited);
    assert.deepEqual(cache.counts, { full: 1, incremental: 1 });
    assert.deepEqual(diagnostics, await new Engine(workspace).check('file:///workspace/plan.mktplan.yaml', edited));
  });
});
