import { strict as assert } from 'node:assert';
import { check, cleanPlan, coveredText, withChange } from './helpers';

/** Every finding as `code line:text`, in the engine's order. */
async function all(text: string, options: Parameters<typeof check>[1] = {}): Promise<string[]> {
  return (await check(text, options)).map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}`);
}

/** Two unknown references (plan owner on line 25, reporting `to` on line 50) and an over-allocated budget (line 29, twice). */
const broken = withChange('  owner: minh\n', '  owner: mihn\n', withChange('to: linh}', 'to: lihn}', withChange('total: 50000', 'total: 10000')));

describe('suppression comments', () => {
  it('start from a plan with findings', async () => {
    assert.deepEqual(await all(broken), [
      'ref/unknown 25:mihn',
      'budget/over-allocated 29:10000',
      'budget/over-allocated 29:10000',
      'ref/unknown 50:lihn',
    ]);
  });

  it('`# mktplan-disable-next-line a, b` silences those rules on the next line only', async () => {
    const text = withChange('  owner: mihn\n', '  # mktplan-disable-next-line ref/unknown, budget/over-allocated\n  owner: mihn\n', broken);
    // The over-allocated budget (line 30) and the other unknown reference (line 51) are not on the next line.
    assert.deepEqual(await all(text), ['budget/over-allocated 30:10000', 'budget/over-allocated 30:10000', 'ref/unknown 51:lihn']);
  });

  it('silences every listed rule on that line, and only those', async () => {
    const base = withChange('target: 20000', 'target: "20k"', withChange('{id: pickups, name: App pickups,', '{id: pickups, name: App pickups, owner: nobody,'));
    assert.deepEqual(await all(base), ['kpi/not-measurable 49:pickups', 'ref/unknown 49:nobody', 'schema 49:"20k"']);
    const text = withChange('  kpis:\n    - {id: pickups', '  kpis:\n    # mktplan-disable-next-line schema, kpi/not-measurable\n    - {id: pickups', base);
    assert.deepEqual(await all(text), ['ref/unknown 50:nobody']);
  });

  it('may end a line of YAML: `key: value # mktplan-disable-next-line id` silences the line after it', async () => {
    const text = withChange('plan:\n', 'plan: # mktplan-disable-next-line ref/unknown\n', broken);
    assert.deepEqual(await all(text), ['budget/over-allocated 29:10000', 'budget/over-allocated 29:10000', 'ref/unknown 50:lihn']);
  });

  it('at the end of a line, does not silence that line itself', async () => {
    const text = withChange('  owner: mihn\n', '  owner: mihn # mktplan-disable-next-line ref/unknown\n', broken);
    assert.deepEqual(await all(text), await all(broken));
  });

  it('`# mktplan-disable id` silences the rule in the whole file, wherever it is written; other rules stay', async () => {
    assert.deepEqual(await all(broken + '# mktplan-disable ref/unknown\n'), ['budget/over-allocated 29:10000', 'budget/over-allocated 29:10000']);
    const atTop = '# mktplan-disable budget/over-allocated, ref/unknown\n' + broken;
    assert.deepEqual(await all(atTop), []);
    const inside = withChange('  budget:\n', '  budget: # mktplan-disable budget/over-allocated\n', broken);
    assert.deepEqual(await all(inside), ['ref/unknown 25:mihn', 'ref/unknown 50:lihn']);
  });

  it('a comment without rule ids silences nothing', async () => {
    const expected = await all(broken);
    const nextLine = withChange('  owner: mihn\n', '  # mktplan-disable-next-line\n  owner: mihn\n', broken);
    assert.deepEqual(await all(nextLine), ['ref/unknown 26:mihn', 'budget/over-allocated 30:10000', 'budget/over-allocated 30:10000', 'ref/unknown 51:lihn']);
    assert.deepEqual(await all('# mktplan-disable\n' + broken), expected.map((finding) => finding.replace(/ (\d+):/, (_, line: string) => ` ${Number(line) + 1}:`)));
  });

  it('naming another rule silences nothing else', async () => {
    const text = withChange('  owner: mihn\n', '  # mktplan-disable-next-line ref/unused\n  owner: mihn\n', broken);
    assert.deepEqual(await all(text), ['ref/unknown 26:mihn', 'budget/over-allocated 30:10000', 'budget/over-allocated 30:10000', 'ref/unknown 51:lihn']);
  });

  it('only counts in comments: the same words inside a quoted text silence nothing', async () => {
    const text = withChange('title: Saigon Bean — marketing 2027', 'title: "Saigon Bean # mktplan-disable ref/unknown"', broken);
    assert.deepEqual(await all(text), await all(broken));
    const block = withChange('  owner: linh\n', '  owner: linh\n  vision: |\n    Be first # mktplan-disable ref/unknown\n', broken);
    assert.deepEqual(
      (await all(block)).filter((finding) => finding.startsWith('ref/unknown')),
      ['ref/unknown 27:mihn', 'ref/unknown 52:lihn'],
    );
  });

  it('silence yaml-syntax too, on the next line or in the whole file', async () => {
    const duplicate = withChange('  owner: minh\n', '  owner: minh\n  owner: hoa\n');
    assert.deepEqual(await all(duplicate), ['yaml-syntax 26:owner']);
    assert.deepEqual(await all(withChange('  owner: hoa\n', '  # mktplan-disable-next-line yaml-syntax\n  owner: hoa\n', duplicate)), []);
    const tab = withChange('  salesAlignment: {owner: hoa, sharedGoals: [office accounts]}\n', '  salesAlignment:\n\towner: hoa\n');
    assert.deepEqual((await check(tab)).map((diagnostic) => diagnostic.code), ['yaml-syntax']);
    assert.deepEqual(await all('# mktplan-disable yaml-syntax\n' + tab), []);
  });
});

describe('settings', () => {
  it('change a rule\'s severity, for every severity name', async () => {
    const expected = { error: 1, warning: 2, information: 3, hint: 4 } as const;
    for (const [name, severity] of Object.entries(expected)) {
      const diagnostics = await check(broken, { settings: { rules: { 'ref/unknown': name as keyof typeof expected } } });
      assert.deepEqual(
        diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown').map((diagnostic) => diagnostic.severity),
        [severity, severity],
        name,
      );
      assert.deepEqual(
        diagnostics.filter((diagnostic) => diagnostic.code === 'budget/over-allocated').map((diagnostic) => diagnostic.severity),
        [1, 1],
      );
    }
  });

  it('raise a hint to an error', async () => {
    const text = withChange('    - {id: events, type: events}\n', '    - {id: events, type: events}\n    - {id: radio, type: radio}\n');
    assert.deepEqual((await check(text)).map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['ref/unused', 4]]);
    assert.deepEqual((await check(text, { settings: { rules: { 'ref/unused': 'error' } } })).map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['ref/unused', 1]]);
  });

  it('`off` removes a rule; the others stay', async () => {
    assert.deepEqual(await all(broken, { settings: { rules: { 'budget/over-allocated': 'off' } } }), ['ref/unknown 25:mihn', 'ref/unknown 50:lihn']);
    assert.deepEqual(await all(broken, { settings: { rules: { 'ref/unknown': 'off', 'budget/over-allocated': 'off' } } }), []);
  });

  it('apply to yaml-syntax: an unknown tag can be made an error or switched off', async () => {
    const text = withChange('title: Saigon Bean — marketing 2027', 'title: !!js/function "x"');
    assert.deepEqual((await check(text)).map((diagnostic) => [diagnostic.code, diagnostic.severity]), [['yaml-syntax', 2]]);
    assert.deepEqual(
      (await check(text, { settings: { rules: { 'yaml-syntax': 'error' } } })).map((diagnostic) => [diagnostic.code, diagnostic.severity]),
      [['yaml-syntax', 1]],
    );
    assert.deepEqual(await check(text, { settings: { rules: { 'yaml-syntax': 'off' } } }), []);
  });

  it('leave the clean plan clean', async () => {
    assert.deepEqual(await check(cleanPlan, { settings: { rules: { 'ref/unknown': 'error', 'plan/reporting-missing': 'warning' } } }), []);
  });
});

describe('every diagnostic', () => {
  it("has source 'mktplan' and a codeDescription.href ending in docs/rules/<id>.md", async () => {
    const texts = [
      broken,
      withChange('mktplan: "1"', 'mktplan: 1', withChange('  objectives:\n', '  objectivs:\n')),
      withChange('  owner: minh\n', '  owner: minh\n  owner: hoa\n'),
      withChange('title: Saigon Bean — marketing 2027', 'title: !!js/function "x"'),
      `mktplan: "1"\nstrategy:\n  owner: nobody\nplan:\n  channels:\n    - {id: social, type: social}\n  campaigns:\n    - {id: c, budget: 5}\n  kpis:\n    - {id: k}\n`,
    ];
    const codes = new Set<string>();
    for (const text of texts) {
      for (const diagnostic of await check(text)) {
        codes.add(diagnostic.code);
        assert.equal(diagnostic.source, 'mktplan');
        assert.ok(diagnostic.codeDescription.href.endsWith(`docs/rules/${diagnostic.code}.md`), `${diagnostic.code}: ${diagnostic.codeDescription.href}`);
      }
    }
    for (const code of ['schema', 'yaml-syntax', 'ref/unknown', 'budget/over-allocated', 'campaign/dates-missing', 'kpi/not-measurable', 'ref/unused']) {
      assert.ok(codes.has(code), `no ${code} finding was looked at`);
    }
  });
});
