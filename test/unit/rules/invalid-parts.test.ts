import { strict as assert } from 'node:assert';
import { Engine } from '../../../server/src/service';
import { check, cleanPlan, coveredText, MemoryWorkspace, withChange } from '../helpers';

/** The findings of one rule as `line:covered text:message`. */
async function said(rule: string, text: string): Promise<string[]> {
  return (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => `${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}:${diagnostic.message}`);
}

const swot = '  swot:\n    strengths: [own roastery]\n    weaknesses: [two shops only]\n    opportunities: [office delivery apps]\n    threats: [chain price war]\n';
const campaign = withChange('      start: 2027-01-20\n      end: 2027-02-10\n', '');

// A part written with a value that breaks the schema counts as absent, and its message says it has no valid value.
const strategyCases: ReadonlyArray<[string, string, string, string]> = [
  ['strategy/value-proposition-missing', '  valueProposition: {statement: Single-origin coffee ready in two minutes}\n', '  valueProposition: Single-origin coffee\n', '`valueProposition` has no valid value'],
  ['strategy/swot-missing', swot, '  swot: yes\n', '`swot` has no valid value'],
  ['strategy/swot-missing', swot, '  swot:\n', '`swot` has no valid value'],
  ['strategy/competition-missing', '  competition: {approach: differentiation, competitors: [{name: Big Chain}]}\n', '  competition: 5\n', '`competition` has no valid value'],
  ['strategy/brand-missing', '  brand: {positioning: The quickest real coffee in town}\n', '  brand: "x"\n', '`brand` has no valid value'],
  ['strategy/audience-missing', '  audience:\n    segments:\n      - {id: office, name: Office workers, needs: [fast pickup]}\n', '  audience: []\n', '`audience` holds no valid segment'],
  ['strategy/audience-missing', '    segments:\n      - {id: office, name: Office workers, needs: [fast pickup]}\n', '    segments: office workers\n', '`audience` holds no valid segment'],
  ['strategy/objectives-missing', '  objectives:\n    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}\n', '  objectives: [lead the district]\n', '`objectives` holds no valid objective'],
];

const planCases: ReadonlyArray<[string, string, string, string]> = [
  ['plan/budget-missing', '  budget:\n    total: 50000\n    currency: USD\n    allocations:\n      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}\n', '  budget: 5000\n', '`budget` has no valid value'],
  ['plan/kpis-missing', '  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n', '  kpis: oops\n', '`kpis` holds no valid KPI'],
  ['plan/channels-missing', '  channels:\n    - {id: social, type: social}\n    - {id: events, type: events}\n', '  channels:\n', '`channels` holds no valid channel'],
  ['plan/reporting-missing', '  reporting: {cadence: monthly, to: linh}\n', '  reporting: monthly\n', '`reporting` has no valid value'],
  ['plan/sales-alignment-missing', '  salesAlignment: {owner: hoa, sharedGoals: [office accounts]}\n', '  salesAlignment: [hoa]\n', '`salesAlignment` has no valid value'],
  ['plan/content-missing', '      content: [{channel: social, message: Skip the queue this Tet}]\n', '      content: Skip the queue this Tet\n', 'content holds no valid item'],
  ['plan/not-linked-to-strategy', '  implements: [share]\n', '  implements: share\n', 'only in values that are not valid'],
];

describe('a part written with no valid value', () => {
  for (const [rule, from, to, words] of strategyCases) {
    it(`${rule}: says ${words}, on \`strategy:\`, for ${JSON.stringify(to.trim())}`, async () => {
      const findings = await said(rule, withChange(from, to));
      assert.equal(findings.length, 1);
      assert.match(findings[0], /^8:strategy:/);
      assert.ok(findings[0].includes(words), findings[0]);
      assert.doesNotMatch(findings[0], /has no `|no target segment/);
    });
  }

  for (const [rule, from, to, words] of planCases) {
    it(`${rule}: says ${words}, on \`plan:\`, for ${JSON.stringify(to.trim())}`, async () => {
      const text = rule === 'plan/not-linked-to-strategy' ? withChange('      objective: share\n', '', withChange(from, to)) : withChange(from, to);
      const findings = await said(rule, text);
      assert.equal(findings.length, 1);
      assert.match(findings[0], /^24:plan:/);
      assert.ok(findings[0].includes(words), findings[0]);
    });
  }

  it('plan/timeline-missing and plan/budget-without-timeline: a schedule whose dates break the schema is no valid schedule', async () => {
    const dated = withChange('      end: 2027-02-10\n', '      end: 2027-02-30\n');
    assert.deepEqual(await said('plan/budget-without-timeline', dated), [
      '24:plan:This plan has a budget but no schedule with valid dates: write the `timeline` milestones\' `date` or `start`, or the campaigns\' `start` and `end`, as real dates YYYY-MM-DD, so spending can be tied to dates.',
    ]);
    const noBudget = withChange('  budget:\n    total: 50000\n    currency: USD\n    allocations:\n      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}\n', '', withChange('      budget: 12000\n', '', campaign));
    const timeline = withChange('  kpis:\n', '  timeline: launch day\n  kpis:\n', noBudget);
    assert.match((await said('plan/timeline-missing', timeline))[0], /no schedule with valid dates/);
  });

  it('strategy/swot-incomplete: a quadrant of the wrong type has no valid value, on `swot:`; one written with nothing is empty, on its own key', async () => {
    assert.deepEqual(await said('strategy/swot-incomplete', withChange('    threats: [chain price war]\n', '    threats: 5\n')), [
      "17:swot:This SWOT's `threats` has no valid value: write it as a list, with at least one entry.",
    ]);
    assert.deepEqual(await said('strategy/swot-incomplete', withChange('    threats: [chain price war]\n', '    threats:\n')), ['21:threats:`threats` is empty: list at least one.']);
  });

  it('is said in every language', async () => {
    const text = withChange('  brand: {positioning: The quickest real coffee in town}\n', '  brand: "x"\n');
    for (const [locale, words] of [['vi', /không có giá trị hợp lệ/], ['zh-cn', /没有有效的值/], ['ru', /нет корректного значения/]] as const) {
      const [finding] = (await check(text, { settings: { locale } })).filter((diagnostic) => diagnostic.code === 'strategy/brand-missing');
      assert.match(finding.message, words, locale);
    }
  });

  it('offers no section to put over the value written there, only to silence the finding', async () => {
    const workspace = new MemoryWorkspace();
    const engine = new Engine(workspace);
    const file = workspace.resolve('test.mktplan.yaml');
    for (const [rule, text] of [
      ['strategy/brand-missing', withChange('  brand: {positioning: The quickest real coffee in town}\n', '  brand: "x"\n')],
      ['plan/kpis-missing', withChange('  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n', '  kpis: oops\n')],
      ['strategy/swot-incomplete', withChange('    threats: [chain price war]\n', '    threats: 5\n')],
    ]) {
      const finding = (await engine.check(file, text)).find((diagnostic) => diagnostic.code === rule)!;
      const actions = (await engine.codeActions(file, text, finding.range)).filter((action) => action.diagnostic.code === rule);
      assert.deepEqual(actions.map((action) => action.title).filter((title) => !/mktplan-disable|Disable|Silence/i.test(title)), [], rule);
    }
  });
});

describe('a part that is not written', () => {
  it('is still said to be missing', async () => {
    assert.deepEqual(await said('strategy/brand-missing', withChange('  brand: {positioning: The quickest real coffee in town}\n', '')), [
      '8:strategy:This strategy has no `brand`: state at least the brand `positioning`.',
    ]);
    assert.deepEqual(await said('plan/kpis-missing', withChange('  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n', '')), [
      '24:plan:This plan has no `kpis`: without measures nobody can tell whether it worked.',
    ]);
    assert.deepEqual(await said('strategy/swot-incomplete', withChange('    threats: [chain price war]\n', '')), ['17:swot:This SWOT has no `threats`: a SWOT needs all four quadrants.']);
  });

  it('an empty list is no part, and says so as missing', async () => {
    const findings = await said('strategy/objectives-missing', withChange('  objectives:\n    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}\n', '  objectives: []\n'));
    assert.equal(findings.length, 1);
    assert.match(findings[0], /has no `objectives`/);
  });

  it('the clean plan says nothing', async () => {
    const rules = [...strategyCases, ...planCases].map(([rule]) => rule);
    assert.deepEqual((await check(cleanPlan)).filter((diagnostic) => rules.includes(String(diagnostic.code))), []);
  });
});
