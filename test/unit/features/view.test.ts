import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { DiskWorkspace, pathOf } from '../../../server/src/hosts/disk';
import { decodePlanFile, Engine, fileUri, translatorFor, type PlanView } from '../../../server/src/service';
import { valueTitle, type Located } from '../../../server/src/service/features/view';
import { cleanPlan, MemoryWorkspace, oneObjectiveUnserved, plansUnder, withChange } from '../helpers';

const today = '2027-03-01';
const repository = nodePath.join(__dirname, '../../..');
const examples = nodePath.join(repository, 'examples');
const corpus = nodePath.join(repository, 'test/fixtures/corpus');

/** The view of a text opened as `/workspace/<name>`, with other files of the workspace given. */
async function viewOf(text: string, options: { name?: string; files?: Record<string, string>; today?: string } = {}): Promise<PlanView> {
  const name = options.name ?? 'plan.mktplan.yaml';
  const workspace = new MemoryWorkspace({ ...options.files, [name]: text });
  return new Engine(workspace).view(workspace.resolve(name), text, options.today ?? today);
}

/** The view of a file on disk, with the files it imports read from the folder it stands in. */
async function viewOfFile(file: string, day = today): Promise<PlanView> {
  return new Engine(new DiskWorkspace(nodePath.dirname(file))).view(fileUri(file), readFileSync(file, 'utf8'), day);
}

/** A plan with a budget only: channels `a` (named "Channel A") and `b` (no name); `campaigns` is YAML for `plan.campaigns`, if any. */
function budgetPlan(budget: string, campaigns = ''): string {
  return `mktplan: "1"\nplan:\n  budget:\n${budget}  channels:\n    - {id: a, type: social, name: Channel A}\n    - {id: b, type: email}\n${campaigns ? `  campaigns:\n${campaigns}` : ''}`;
}

/** Every `at` in a view, wherever it is nested. */
function locations(value: unknown, found: Located[] = []): Located[] {
  if (Array.isArray(value)) for (const entry of value) locations(entry, found);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.file === 'string' && typeof record.line === 'number' && typeof record.character === 'number') found.push(record as unknown as Located);
    for (const entry of Object.values(record)) locations(entry, found);
  }
  return found;
}

/** The line of a text a location points at, from the character it names. */
function textAt(text: string, at: Located): string {
  return text.split('\n')[at.line].slice(at.character);
}

describe('the plan view: budget', () => {
  it('adds 0.1 + 0.2 to exactly 0.3: exact, not over, nothing left', async () => {
    const { budget } = await viewOf(budgetPlan('    total: 0.3\n    allocations:\n      - {channel: a, amount: 0.1}\n      - {channel: b, amount: 0.2}\n'));
    assert.ok(budget);
    assert.equal(budget.state, 'exact');
    assert.deepEqual(budget.total, { exact: '0.3', value: 0.3 });
    assert.deepEqual(budget.allocated, { exact: '0.3', value: 0.3 });
    assert.deepEqual(budget.remaining, { exact: '0', value: 0 });
    assert.deepEqual(
      budget.byChannel.map((allocation) => [allocation.id, allocation.amount.exact]),
      [
        ['a', '0.1'],
        ['b', '0.2'],
      ],
    );
    assert.ok(Math.abs(budget.byChannel[0].share! - 1 / 3) < 1e-12, String(budget.byChannel[0].share));
    assert.ok(Math.abs(budget.byChannel[1].share! - 2 / 3) < 1e-12, String(budget.byChannel[1].share));
  });

  it('keeps every digit of amounts beyond a double: kopecks on tens of billions, four decimals near 10^15', async () => {
    const { budget } = await viewOf(
      budgetPlan(
        '    total: 22500000000.30\n    currency: RUB\n    allocations:\n      - {channel: a, amount: 15000000000.20}\n      - {campaign: big, amount: 7500000000.10}\n',
        '    - {id: big, name: Big one, budget: 999999999999999.9999}\n',
      ),
    );
    assert.ok(budget);
    assert.equal(budget.currency, 'RUB');
    assert.equal(budget.total!.exact, '22500000000.3');
    assert.equal(budget.byChannel[0].amount.exact, '15000000000.2');
    assert.equal(budget.byCampaign[0].amount.exact, '7500000000.1');
    assert.equal(budget.allocated!.exact, '22500000000.3');
    assert.equal(budget.remaining!.exact, '0');
    assert.equal(budget.state, 'exact');
    assert.equal(budget.campaignBudgets[0].amount.exact, '999999999999999.9999');
    assert.equal(budget.campaignBudgetsTotal!.exact, '999999999999999.9999');
    assert.equal(budget.campaignBudgetsRemaining!.exact, '-999977499999999.6999');
    assert.equal(budget.campaignBudgetsState, 'over');
  });

  it('finds a miss by one kopeck on tens of billions, both ways, with the exact difference', async () => {
    const allocations = '    allocations:\n      - {channel: a, amount: 15000000000.20}\n      - {channel: b, amount: 7500000000.10}\n';
    const over = (await viewOf(budgetPlan(`    total: 22500000000.29\n${allocations}`))).budget!;
    assert.equal(over.state, 'over');
    assert.equal(over.remaining!.exact, '-0.01');
    const under = (await viewOf(budgetPlan(`    total: 22500000000.31\n${allocations}`))).budget!;
    assert.equal(under.state, 'under');
    assert.equal(under.remaining!.exact, '0.01');
  });

  it('is unknown without a total, without allocations, or with an amount that is not a number', async () => {
    const noTotal = (await viewOf(budgetPlan('    currency: USD\n    allocations:\n      - {channel: a, amount: 5}\n'))).budget!;
    assert.equal(noTotal.state, 'unknown');
    assert.equal(noTotal.total, undefined);
    assert.equal(noTotal.remaining, undefined);
    assert.deepEqual(noTotal.allocated, { exact: '5', value: 5 });
    assert.equal(noTotal.byChannel[0].share, undefined, 'no share without a total');

    const noAllocations = (await viewOf(budgetPlan('    total: 100\n'))).budget!;
    assert.equal(noAllocations.state, 'unknown');
    assert.equal(noAllocations.allocated, undefined);
    assert.deepEqual(noAllocations.byChannel, []);

    const text = (await viewOf(budgetPlan('    total: 100\n    allocations:\n      - {channel: a, amount: 50}\n      - {channel: b, amount: "40k"}\n'))).budget!;
    assert.equal(text.state, 'unknown');
    assert.equal(text.allocated, undefined);
    assert.deepEqual(text.byChannel.map((allocation) => allocation.id), ['a'], 'the amount that is text is left out');
  });

  it('gives no share of a total of zero', async () => {
    const budget = (await viewOf(budgetPlan('    total: 0\n    allocations:\n      - {channel: a, amount: 0}\n'))).budget!;
    assert.equal(budget.state, 'exact');
    assert.equal(budget.byChannel[0].share, undefined);
  });

  it('weighs the campaign budgets against the total apart from the allocations', async () => {
    const campaigns = '    - {id: c1, name: One, budget: 60}\n    - {id: c2, budget: 50}\n    - {id: c3, name: No budget}\n';
    const budget = (await viewOf(budgetPlan('    total: 100\n    allocations:\n      - {channel: a, amount: 100}\n', campaigns))).budget!;
    assert.equal(budget.state, 'exact');
    assert.equal(budget.campaignBudgetsState, 'over');
    assert.deepEqual(budget.campaignBudgetsTotal, { exact: '110', value: 110 });
    assert.deepEqual(budget.campaignBudgetsRemaining, { exact: '-10', value: -10 });
    assert.deepEqual(budget.campaignBudgetsExcess, { exact: '10', value: 10 });
    assert.deepEqual(
      budget.campaignBudgets.map((campaign) => [campaign.id, campaign.name, campaign.amount.exact, campaign.share]),
      [
        ['c1', 'One', '60', 0.6],
        ['c2', undefined, '50', 0.5],
      ],
    );

    // Under-allocation is about allocations only: campaign budgets below the total are not "under".
    const within = (await viewOf(budgetPlan('    total: 100\n    allocations:\n      - {channel: a, amount: 120}\n', '    - {id: c1, budget: 30}\n'))).budget!;
    assert.equal(within.state, 'over');
    assert.equal(within.campaignBudgetsState, 'exact');
    assert.deepEqual(within.campaignBudgetsRemaining, { exact: '70', value: 70 });
    assert.equal(within.campaignBudgetsExcess, undefined);

    const none = (await viewOf(budgetPlan('    total: 100\n'))).budget!;
    assert.equal(none.campaignBudgetsState, 'unknown');
    assert.equal(none.campaignBudgetsTotal, undefined);
  });

  it('leaves the campaign budgets unknown, as the rules do, when one of them breaks the schema', async () => {
    const broken = await viewOf(budgetPlan('    total: 100\n', '    - {id: a, budget: 150}\n    - {id: b, budget: -5}\n'));
    assert.equal(broken.budget?.campaignBudgetsState, 'unknown');
    assert.equal(broken.budget?.campaignBudgetsTotal, undefined);
    const usable = await viewOf(budgetPlan('    total: 100\n', '    - {id: a, budget: 150}\n    - {id: b, budget: 5}\n'));
    assert.equal(usable.budget?.campaignBudgetsState, 'over');
    assert.deepEqual(usable.budget?.campaignBudgetsTotal, { exact: '155', value: 155 });
  });

  it('shows the draft example over-allocated: 23000 of 20000, 3000 too much', async () => {
    const { budget } = await viewOfFile(nodePath.join(examples, 'draft.mktplan.yaml'));
    assert.ok(budget);
    assert.equal(budget.currency, 'USD');
    assert.deepEqual(budget.total, { exact: '20000', value: 20000 });
    assert.deepEqual(budget.allocated, { exact: '23000', value: 23000 });
    assert.deepEqual(budget.remaining, { exact: '-3000', value: -3000 });
    assert.deepEqual(budget.excess, { exact: '3000', value: 3000 });
    assert.equal(budget.state, 'over');
    assert.deepEqual(budget.campaignBudgetsTotal, { exact: '5000', value: 5000 });
    assert.notEqual(budget.campaignBudgetsState, 'over');
  });

  it('splits allocations by channel and by campaign, named by the channel or campaign they name', async () => {
    const { budget } = await viewOfFile(nodePath.join(examples, 'draft.mktplan.yaml'));
    assert.deepEqual(
      budget!.byChannel.map(({ kind, id, name, amount, share }) => ({ kind, id, name, amount: amount.exact, share })),
      [
        { kind: 'channel', id: 'instagram', name: 'Instagram', amount: '12000', share: 0.6 },
        { kind: 'channel', id: 'flyers', name: 'Flyers in office lobbies', amount: '6000', share: 0.3 },
      ],
    );
    assert.deepEqual(
      budget!.byCampaign.map(({ kind, id, name, amount, share }) => ({ kind, id, name, amount: amount.exact, share })),
      [{ kind: 'campaign', id: 'launch', name: 'Opening month', amount: '5000', share: 0.25 }],
    );
  });

  it('leaves the name out for a channel without one or an id nothing defines, and keeps the note', async () => {
    const { budget } = await viewOf(
      budgetPlan('    total: 30\n    allocations:\n      - {channel: b, amount: 10, note: "Email, all year"}\n      - {channel: ghost, amount: 10}\n      - {campaign: nowhere, amount: 10}\n'),
    );
    assert.deepEqual(
      budget!.byChannel.map(({ id, name, note }) => ({ id, name, note })),
      [
        { id: 'b', name: undefined, note: 'Email, all year' },
        { id: 'ghost', name: undefined, note: undefined },
      ],
    );
    assert.deepEqual(budget!.byCampaign.map(({ id, name }) => ({ id, name })), [{ id: 'nowhere', name: undefined }]);
  });

  it('has no budget where the plan has none, and none without a plan', async () => {
    const noBudget = await viewOf(withChange(cleanPlan.slice(cleanPlan.indexOf('  budget:\n'), cleanPlan.indexOf('  channels:\n')), ''));
    assert.equal(noBudget.hasPlan, true);
    assert.equal(noBudget.budget, undefined);
    const strategyOnly = await viewOf(cleanPlan.slice(0, cleanPlan.indexOf('plan:\n')));
    assert.equal(strategyOnly.hasPlan, false);
    assert.equal(strategyOnly.budget, undefined);
  });
});

describe('the plan view: timeline', () => {
  const plan = `mktplan: "1"
strategy:
  horizon: {start: 2027-01-01, end: 2029-12-31}
plan:
  period: {start: 2027-01-01, end: 2027-12-31}
  timeline:
    - {id: launch-day, name: Launch day, date: 2027-05-01}
    - {id: fair, name: Trade fair, start: 2028-01-10, end: 2028-01-12}
    - {id: backwards, start: 2027-06-10, end: 2027-06-01}
    - {id: someday, name: Some day}
  campaigns:
    - {id: spring, name: Spring, start: 2027-03-01, end: 2027-04-30}
    - {id: early, name: Early bird, start: 2026-12-01, end: 2027-01-31}
    - {id: half, name: Half dated, start: 2027-02-01}
    - {id: reversed, start: 2027-05-01, end: 2027-04-01}
`;

  it('lists campaigns, then milestones, each in file order, placed against the plan period', async () => {
    const { timeline } = await viewOf(plan);
    assert.deepEqual(
      timeline.items.map(({ kind, id, name, start, end, place }) => ({ kind, id, name, start, end, place })),
      [
        { kind: 'campaign', id: 'spring', name: 'Spring', start: '2027-03-01', end: '2027-04-30', place: 'inside' },
        { kind: 'campaign', id: 'early', name: 'Early bird', start: '2026-12-01', end: '2027-01-31', place: 'outside' },
        { kind: 'campaign', id: 'half', name: 'Half dated', start: '2027-02-01', end: undefined, place: 'undated' },
        { kind: 'campaign', id: 'reversed', name: undefined, start: '2027-05-01', end: '2027-04-01', place: 'reversed' },
        { kind: 'milestone', id: 'launch-day', name: 'Launch day', start: '2027-05-01', end: '2027-05-01', place: 'inside' },
        { kind: 'milestone', id: 'fair', name: 'Trade fair', start: '2028-01-10', end: '2028-01-12', place: 'outside' },
        { kind: 'milestone', id: 'backwards', name: undefined, start: '2027-06-10', end: '2027-06-01', place: 'reversed' },
        { kind: 'milestone', id: 'someday', name: 'Some day', start: undefined, end: undefined, place: 'undated' },
      ],
    );
  });

  it('reads a milestone with a start alone as one day, as the schedule rules do', async () => {
    const { timeline } = await viewOf(withChange('{id: someday, name: Some day}', '{id: someday, name: Some day, start: 2028-05-01}', plan));
    assert.deepEqual(
      timeline.items.filter((item) => item.id === 'someday').map(({ start, end, place }) => ({ start, end, place })),
      [{ start: '2028-05-01', end: '2028-05-01', place: 'outside' }],
    );
  });

  it('counts the bounds of the period as inside', async () => {
    const { timeline } = await viewOf(withChange('start: 2027-03-01, end: 2027-04-30', 'start: 2027-01-01, end: 2027-12-31', plan));
    assert.equal(timeline.items[0].place, 'inside');
    const after = await viewOf(withChange('start: 2027-03-01, end: 2027-04-30', 'start: 2027-01-01, end: 2028-01-01', plan));
    assert.equal(after.timeline.items[0].place, 'outside');
  });

  it('gives the period, the horizon, whether one lies inside the other, and today as given', async () => {
    const inside = await viewOf(plan, { today: '2027-08-15' });
    assert.deepEqual(inside.timeline.period, { start: '2027-01-01', end: '2027-12-31' });
    assert.deepEqual(inside.timeline.horizon, { start: '2027-01-01', end: '2029-12-31' });
    assert.equal(inside.timeline.periodInsideHorizon, true);
    assert.equal(inside.timeline.today, '2027-08-15');

    const outside = await viewOf(withChange('horizon: {start: 2027-01-01, end: 2029-12-31}', 'horizon: {start: 2027-02-01, end: 2029-12-31}', plan));
    assert.equal(outside.timeline.periodInsideHorizon, false);
    assert.equal(outside.timeline.today, today);

    const noHorizon = await viewOf(withChange('  horizon: {start: 2027-01-01, end: 2029-12-31}\n', '  vision: Somewhere\n', plan));
    assert.equal(noHorizon.timeline.horizon, undefined);
    assert.equal(noHorizon.timeline.periodInsideHorizon, undefined);
  });

  it('takes a period with a bad date as no period', async () => {
    const { timeline } = await viewOf(withChange('period: {start: 2027-01-01, end: 2027-12-31}', 'period: {start: 2027-01-01, end: 2027-02-30}', plan));
    assert.equal(timeline.period, undefined);
    assert.equal(timeline.periodInsideHorizon, undefined);
  });

  it('has no items without a plan, and keeps today', async () => {
    const { timeline, hasPlan } = await viewOf('mktplan: "1"\nstrategy:\n  vision: Somewhere\n', { today: '2030-01-02' });
    assert.equal(hasPlan, false);
    assert.deepEqual(timeline.items, []);
    assert.equal(timeline.today, '2030-01-02');
  });
});

describe('the plan view: traceability', () => {
  const plan = `mktplan: "1"
strategy:
  objectives:
    - {id: reach, statement: Reach more offices}
    - {id: share, statement: Lead District 1}
    - {id: loyal, statement: Keep customers}
plan:
  campaigns:
    - {id: c1, name: First, objective: share, kpis: [k1, ghost]}
    - {id: c2, name: Second, objective: reach, kpis: [k2]}
    - {id: c3, name: Third, objective: share}
    - {id: c4, name: Fourth}
    - {id: c5, name: Fifth, objective: nope, kpis: [k1]}
  kpis:
    - {id: k1, name: K one}
    - {id: k2, name: K two}
    - {id: k3, name: K three}
`;

  it('gives each objective, in the strategy\'s order, the campaigns that serve it in file order, with their KPIs', async () => {
    const { traceability } = await viewOf(plan);
    assert.deepEqual(
      traceability.objectives.map((objective) => [objective.id, objective.campaigns.map((campaign) => campaign.id)]),
      [
        ['reach', ['c2']],
        ['share', ['c1', 'c3']],
        ['loyal', []],
      ],
    );
    const first = traceability.objectives[1].campaigns[0];
    assert.equal(first.name, 'First');
    assert.deepEqual(first.kpis, [
      { id: 'k1', name: 'K one', known: true },
      { id: 'ghost', name: undefined, known: false },
    ]);
  });

  it('lists campaigns that serve nothing: no objective, or one nothing defines (named)', async () => {
    const { traceability } = await viewOf(plan);
    assert.deepEqual(
      traceability.campaignsServingNothing.map(({ id, objective }) => ({ id, objective })),
      [
        { id: 'c4', objective: undefined },
        { id: 'c5', objective: 'nope' },
      ],
    );
    assert.deepEqual(traceability.campaignsServingNothing[1].kpis, [{ id: 'k1', name: 'K one', known: true }]);
  });

  it('lists the objectives no campaign serves, the KPIs no campaign lists, and the campaigns that list no KPI', async () => {
    const { traceability } = await viewOf(plan);
    assert.deepEqual(traceability.objectivesUnserved.map((objective) => objective.id), ['loyal']);
    assert.deepEqual(traceability.kpisUnused.map(({ id, name }) => ({ id, name })), [{ id: 'k3', name: 'K three' }]);
    assert.deepEqual(traceability.campaignsUnmeasured.map((campaign) => campaign.id), ['c3', 'c4']);
  });

  it('finds no KPI unused in a plan without campaigns', async () => {
    const { traceability } = await viewOf(plan.replace(/ {2}campaigns:\n(?: {4}- .*\n)+/, ''));
    assert.deepEqual(traceability.kpisUnused, []);
    assert.deepEqual(traceability.campaignsUnmeasured, []);
    assert.deepEqual(traceability.objectivesUnserved.map((objective) => objective.id), ['reach', 'share', 'loyal']);
  });

  it('lists no objective unserved without a plan', async () => {
    const { traceability } = await viewOf(plan.slice(0, plan.indexOf('plan:\n')));
    assert.deepEqual(traceability.objectivesUnserved, []);
    assert.deepEqual(traceability.objectives.map((objective) => objective.id), ['reach', 'share', 'loyal']);
  });

  it('traces the clean example end to end with no gaps', async () => {
    const { traceability } = await viewOf(cleanPlan);
    assert.deepEqual(traceability.objectives.map((objective) => [objective.id, objective.implemented, objective.campaigns.map((campaign) => campaign.id)]), [['share', true, ['tet']]]);
    assert.deepEqual(traceability.objectives[0].campaigns[0].kpis, [{ id: 'pickups', name: 'App pickups', known: true }]);
    assert.deepEqual(traceability.campaignsServingNothing, []);
    assert.deepEqual(traceability.objectivesUnserved, []);
    assert.deepEqual(traceability.kpisUnused, []);
    assert.deepEqual(traceability.campaignsUnmeasured, []);
    assert.equal(traceability.complete, true);
  });

  it('is not complete while an objective is unserved, even when every campaign serves one and is measured', async () => {
    const served = oneObjectiveUnserved;
    const { traceability } = await viewOf(served);
    assert.deepEqual([traceability.campaignsServingNothing, traceability.kpisUnused, traceability.campaignsUnmeasured], [[], [], []]);
    assert.deepEqual(traceability.objectivesUnserved.map((objective) => objective.id), ['loyal']);
    assert.equal(traceability.complete, false);
    assert.equal((await viewOf(served.replace('    - {id: loyal, statement: Keep customers}\n', ''))).traceability.complete, true);
  });

  it('is not complete without objectives to trace, or with a plan that has no campaigns', async () => {
    assert.equal((await viewOf(cleanPlan.replace(/^ {2}objectives:\n(?: {4}.*\n)+/m, ''))).traceability.complete, false);
    assert.equal((await viewOf(plan.replace(/ {2}campaigns:\n(?: {4}- .*\n)+/, ''))).traceability.complete, false);
  });
});

describe('the plan view: people', () => {
  const plan = `mktplan: "1"
team:
  - {id: linh, role: cmo, name: Tran Linh}
  - {id: minh, role: marketing-manager, name: Le Minh}
  - {id: thu, role: marketing-specialist}
  - {id: hoa, role: cso, name: Pham Hoa}
  - {id: idle, role: agency}
strategy:
  owner: linh
plan:
  owner: minh
  campaigns:
    - {id: c1, name: First, owner: thu}
    - {id: c2, owner: zed}
  kpis:
    - {id: k1, name: K one, owner: minh}
    - {id: k2, owner: zed}
    - {id: k3, owner: ghost}
  reporting: {cadence: monthly, to: linh}
  salesAlignment: {owner: hoa}
`;

  it('says what each member owns: the strategy, the plan, campaigns, KPIs, the reports, the sales alignment', async () => {
    const { people } = await viewOf(plan);
    assert.deepEqual(
      people.map((member) => ({ id: member.id, name: member.name, role: member.role, group: member.group, owns: member.owns.map(({ kind, id }) => (id === undefined ? kind : `${kind} ${id}`)).sort() })),
      [
        { id: 'linh', name: 'Tran Linh', role: 'cmo', group: 'marketing-leadership', owns: ['reporting', 'strategy'] },
        { id: 'minh', name: 'Le Minh', role: 'marketing-manager', group: 'marketing-management', owns: ['kpi k1', 'plan'] },
        { id: 'thu', name: undefined, role: 'marketing-specialist', group: 'marketing-management', owns: ['campaign c1'] },
        { id: 'hoa', name: 'Pham Hoa', role: 'cso', group: 'sales-leadership', owns: ['salesAlignment'] },
        { id: 'idle', name: undefined, role: 'agency', group: undefined, owns: [] },
      ],
    );
  });

  it('names the owners that are not on the team once each', async () => {
    const view = await viewOf(plan);
    assert.deepEqual(view.unknownOwners.map((owner) => owner.id).sort(), ['ghost', 'zed']);
    assert.ok(view.unknownOwners.every((owner) => owner.known === false));
    assert.deepEqual(view.kpis.map((kpi) => kpi.owner), [
      { id: 'minh', name: 'Le Minh', role: 'marketing-manager', known: true },
      { id: 'zed', known: false },
      { id: 'ghost', known: false },
    ]);
    assert.deepEqual(view.planOwner, { id: 'minh', name: 'Le Minh', role: 'marketing-manager', known: true });
    assert.deepEqual(view.strategy!.owner, { id: 'linh', name: 'Tran Linh', role: 'cmo', known: true });
  });

  it('counts owners of the plan, the reports and the sales alignment that are not on the team', async () => {
    const text = withChange('  owner: minh\n  campaigns', '  owner: nobody\n  campaigns', withChange('to: linh', 'to: boss', withChange('salesAlignment: {owner: hoa}', 'salesAlignment: {owner: seller}', plan)));
    const view = await viewOf(text);
    assert.deepEqual(view.unknownOwners.map((owner) => owner.id).sort(), ['boss', 'ghost', 'nobody', 'seller', 'zed']);
    assert.deepEqual(view.planOwner, { id: 'nobody', known: false });
    assert.deepEqual(view.people.find((member) => member.id === 'linh')!.owns.map((ownership) => ownership.kind), ['strategy']);
  });

  it('has no unknown owners in the clean example', async () => {
    const view = await viewOf(cleanPlan);
    assert.deepEqual(view.unknownOwners, []);
    assert.deepEqual(
      view.people.map((member) => [member.id, member.owns.map((ownership) => ownership.kind).sort()]),
      [
        ['linh', ['reporting', 'strategy']],
        ['minh', ['plan']],
        ['hoa', ['salesAlignment']],
      ],
    );
  });
});

describe('the plan view: a plan split across imports', () => {
  const strategyFile = `mktplan: "1"
organization: {name: Company, stage: enterprise}
team:
  - {id: an, role: ceo, name: Nguyen An}
  - {id: binh, role: marketing-manager, name: Do Binh}
strategy:
  owner: an
  horizon: {start: 2027-01-01, end: 2029-12-31}
  objectives:
    - {id: growth, statement: Grow revenue}
    - {id: reach, statement: Reach the north}
`;
  const plan = `mktplan: "1"
imports: [./strategy.mktplan.yaml]
team:
  - {id: chi, role: marketing-specialist, name: Vo Chi}
plan:
  owner: binh
  period: {start: 2027-01-01, end: 2027-12-31}
  implements: [reach]
  campaigns:
    - {id: c1, name: North, objective: reach, owner: chi}
    - {id: c2, name: Growth, objective: growth, owner: an}
`;

  it('takes the strategy from the import, at the imported file, with `implemented` from this plan', async () => {
    const view = await viewOf(plan, { files: { 'strategy.mktplan.yaml': strategyFile } });
    assert.ok(view.strategy);
    assert.equal(view.file, 'file:///workspace/plan.mktplan.yaml');
    assert.equal(view.strategy.at.file, 'file:///workspace/strategy.mktplan.yaml');
    assert.equal(view.strategy.at.line, 5);
    assert.deepEqual(view.strategy.owner, { id: 'an', name: 'Nguyen An', role: 'ceo', known: true });
    assert.deepEqual(
      view.strategy.objectives.map((objective) => [objective.id, objective.implemented, objective.at.file]),
      [
        ['growth', false, 'file:///workspace/strategy.mktplan.yaml'],
        ['reach', true, 'file:///workspace/strategy.mktplan.yaml'],
      ],
    );
    assert.equal(view.timeline.periodInsideHorizon, true);
    assert.deepEqual(view.organization, { name: 'Company', stage: 'enterprise', industry: undefined, market: undefined });
    assert.deepEqual(view.traceability.campaignsServingNothing, []);
    assert.deepEqual(view.traceability.objectives.map((objective) => objective.campaigns.map((campaign) => campaign.id)), [['c2'], ['c1']]);
  });

  it('knows the team members of the import: this file\'s first, each where it is written', async () => {
    const view = await viewOf(plan, { files: { 'strategy.mktplan.yaml': strategyFile } });
    assert.deepEqual(
      view.people.map((member) => [member.id, nodePath.basename(member.at.file), member.owns.map((ownership) => `${ownership.kind}@${nodePath.basename(ownership.at.file)}`)]),
      [
        ['chi', 'plan.mktplan.yaml', ['campaign@plan.mktplan.yaml']],
        ['an', 'strategy.mktplan.yaml', ['strategy@strategy.mktplan.yaml', 'campaign@plan.mktplan.yaml']],
        ['binh', 'strategy.mktplan.yaml', ['plan@plan.mktplan.yaml']],
      ],
    );
    assert.deepEqual(view.unknownOwners, []);
    assert.deepEqual(view.planOwner, { id: 'binh', name: 'Do Binh', role: 'marketing-manager', known: true });
  });

  it('keeps the strategy of the file itself over one it imports', async () => {
    const own = withChange('plan:\n', 'strategy:\n  vision: Our own\nplan:\n', plan);
    const view = await viewOf(own, { files: { 'strategy.mktplan.yaml': strategyFile } });
    assert.equal(view.strategy!.at.file, 'file:///workspace/plan.mktplan.yaml');
    assert.equal(view.strategy!.vision, 'Our own');
  });

  it('reads the example plan-2027 with the strategy it imports', async () => {
    const view = await viewOfFile(nodePath.join(examples, 'imports/plan-2027.mktplan.yaml'));
    assert.equal(view.strategy!.at.file, fileUri(nodePath.join(examples, 'imports/strategy.mktplan.yaml')));
    assert.deepEqual(view.strategy!.objectives.map((objective) => [objective.id, objective.implemented]), [
      ['huiyuan', true],
      ['moskva', true],
    ]);
    assert.deepEqual(view.people.map((member) => member.id), ['vostok', 'wang', 'li', 'zhao', 'chen']);
    assert.deepEqual(view.unknownOwners, []);
    assert.deepEqual(view.budget!.allocated, { exact: '24000000', value: 24000000 });
    assert.equal(view.budget!.state, 'exact');
    assert.deepEqual(view.findings, []);
  });
});

describe('the plan view: findings', () => {
  it('groups the file\'s findings by section: organization, team, strategy, plan, imports, then the rest', async () => {
    // The sections are written in another order than the groups come in.
    const text = `mktplan: "1"
title: 5
plan:
  owner: linh
  period: {start: 2027-01-01, end: 2027-12-31}
imports: [./nowhere.mktplan.yaml]
strategy:
  owner: linh
team:
  - {id: linh, role: wizard}
organization: {stage: startup}
extra: 1
`;
    const workspace = new MemoryWorkspace({ 'plan.mktplan.yaml': text });
    const engine = new Engine(workspace);
    const file = workspace.resolve('plan.mktplan.yaml');
    const view = await engine.view(file, text, today);
    const diagnostics = await engine.check(file, text);
    assert.deepEqual(view.findings.map((group) => group.section), ['organization', 'team', 'strategy', 'plan', 'imports', 'file']);
    assert.deepEqual(
      view.findings.map((group) => [group.section, [...new Set(group.items.map((finding) => finding.at.line))]]),
      [
        ['organization', [10]],
        ['team', [9]],
        ['strategy', [6]],
        ['plan', [2]],
        ['imports', [5]],
        ['file', [1, 11]],
      ],
    );
    assert.deepEqual(view.findings.find((group) => group.section === 'imports')!.items.map((finding) => finding.code), ['ref/unknown']);
    // Every finding is there once, with its severity, code, message and place.
    const flat = view.findings.flatMap((group) => group.items);
    assert.equal(flat.length, diagnostics.length);
    for (const diagnostic of diagnostics) {
      assert.ok(
        flat.some(
          (finding) =>
            finding.code === diagnostic.code &&
            finding.message === diagnostic.message &&
            finding.severity === diagnostic.severity &&
            finding.at.file === file &&
            finding.at.line === diagnostic.range.start.line &&
            finding.at.character === diagnostic.range.start.character,
        ),
        `${diagnostic.code} at ${diagnostic.range.start.line}`,
      );
    }
  });

  it('has no findings for the clean example, and words them in the settings\' language', async () => {
    assert.deepEqual((await viewOf(cleanPlan)).findings, []);
    const text = withChange('  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n', '', withChange('      kpis: [pickups]\n', ''));
    const workspace = new MemoryWorkspace();
    const engine = new Engine(workspace);
    const english = await engine.view(workspace.resolve('plan.mktplan.yaml'), text, today);
    const russian = await engine.view(workspace.resolve('plan.mktplan.yaml'), text, today, { locale: 'ru' });
    assert.deepEqual(english.findings.map((group) => group.section), ['plan']);
    assert.deepEqual(
      russian.findings.flatMap((group) => group.items.map((finding) => finding.code)),
      english.findings.flatMap((group) => group.items.map((finding) => finding.code)),
    );
    assert.notDeepEqual(
      russian.findings.flatMap((group) => group.items.map((finding) => finding.message)),
      english.findings.flatMap((group) => group.items.map((finding) => finding.message)),
    );
  });
});

describe('the plan view: where items are written', () => {
  it('points campaigns, KPIs, team members, allocations and milestones at their lines (0-based), on their id', async () => {
    const text = withChange('  channels:\n', '  timeline:\n    - {id: opening, name: Opening, date: 2027-02-01}\n  channels:\n');
    const view = await viewOf(text);
    const lines = text.split('\n');
    const lineOf = (start: string) => lines.findIndex((line) => line.startsWith(start));

    const campaign = view.timeline.items.find((item) => item.id === 'tet')!;
    assert.equal(campaign.at.file, 'file:///workspace/plan.mktplan.yaml');
    assert.equal(campaign.at.line, lineOf('    - id: tet'));
    assert.equal(textAt(text, campaign.at), 'tet');
    assert.deepEqual(view.traceability.objectives[0].campaigns[0].at, campaign.at);
    assert.deepEqual(view.budget!.campaignBudgets[0].at, campaign.at);

    const kpi = view.kpis[0];
    assert.equal(kpi.at.line, lineOf('    - {id: pickups'));
    assert.match(textAt(text, kpi.at), /^pickups, name: App pickups/);
    assert.deepEqual(kpi.campaigns, [{ id: 'tet', name: 'Tet pickup week', at: campaign.at }]);

    const hoa = view.people.find((member) => member.id === 'hoa')!;
    assert.equal(hoa.at.line, lineOf('  - {id: hoa'));
    assert.match(textAt(text, hoa.at), /^hoa, role: cso/);

    const milestone = view.timeline.items.find((item) => item.id === 'opening')!;
    assert.equal(milestone.at.line, lineOf('    - {id: opening'));

    assert.equal(view.budget!.at.line, lineOf('  budget:'));
    assert.equal(view.budget!.byChannel[1].at.line, lineOf('      - {channel: events'));
    assert.equal(view.strategy!.at.line, lineOf('strategy:'));
    assert.equal(view.strategy!.objectives[0].at.line, lineOf('    - {id: share'));
    assert.equal(view.strategy!.segments[0].at.line, lineOf('      - {id: office'));
  });

  it('points an item without an id at its first key', async () => {
    const text = 'mktplan: "1"\nplan:\n  timeline:\n    - name: Nameless\n      date: 2027-02-01\n';
    const [item] = (await viewOf(text)).timeline.items;
    assert.equal(item.id, undefined);
    assert.equal(item.at.line, 3);
    assert.match(textAt(text, item.at), /^name: Nameless/);
  });

  it('counts lines after a byte order mark and with \\r\\n line ends as the editor does', async () => {
    const text = '\uFEFF' + cleanPlan.replace(/\n/g, '\r\n');
    const workspace = new MemoryWorkspace();
    const decoded = decodePlanFile(Buffer.from(text, 'utf8'));
    assert.equal(decoded.kind, 'text');
    const view = await new Engine(workspace).view(workspace.resolve('plan.mktplan.yaml'), decoded.kind === 'text' ? decoded.text : '', today);
    const campaign = view.timeline.items.find((item) => item.id === 'tet')!;
    assert.equal(campaign.at.line, cleanPlan.split('\n').findIndex((line) => line === '    - id: tet'));
    assert.equal(campaign.at.character, '    - id: '.length);
  });
});

describe('the plan view: robustness', () => {
  /** Every location lies inside the text of its file. */
  function assertLocationsInside(view: PlanView, textOf: (file: string) => string): void {
    for (const at of locations(view)) {
      const lines = textOf(at.file).split(/\r?\n/);
      assert.ok(Number.isInteger(at.line) && at.line >= 0 && at.line < lines.length, `${at.file}:${at.line} of ${lines.length} lines`);
      assert.ok(Number.isInteger(at.character) && at.character >= 0 && at.character <= lines[at.line].replace(/^\uFEFF/, '').length + 1, `${at.file}:${at.line}:${at.character}`);
    }
  }

  const files = [...plansUnder(corpus), ...plansUnder(examples)];

  it('has files to read', () => assert.ok(files.length > 20, String(files.length)));

  it('views every file of the corpus and the examples, each location inside its file', async function () {
    this.timeout(120_000);
    const read = (file: string) => {
      const decoded = decodePlanFile(readFileSync(file));
      return decoded.kind === 'text' ? decoded.text : '';
    };
    for (const folder of [corpus, examples]) {
      const engine = new Engine(new DiskWorkspace(folder));
      for (const file of plansUnder(folder)) {
        const decoded = decodePlanFile(readFileSync(file));
        if (decoded.kind !== 'text') continue;
        let view: PlanView;
        try {
          view = await engine.view(fileUri(file), decoded.text, today);
        } catch (error) {
          assert.fail(`${nodePath.relative(repository, file)}: ${(error as Error).stack}`);
        }
        assert.equal(view.file, fileUri(file));
        assert.equal(view.timeline.today, today);
        assertLocationsInside(view, (other) => (other === fileUri(file) ? decoded.text : read(pathOf(other)!)));
        // Every amount's number agrees with its exact text.
        for (const money of [view.budget?.total, view.budget?.allocated, view.budget?.remaining, ...(view.budget?.byChannel ?? []).map((row) => row.amount)]) {
          if (money) assert.equal(money.value, Number(money.exact), `${file}: ${money.exact}`);
        }
      }
    }
  });

  const broken: Record<string, string> = {
    'an empty file': '',
    'a comment only': '# nothing yet\n',
    'a list at the top level': '- a\n- b\n',
    'a number at the top level': '42\n',
    'plan: 5': 'mktplan: "1"\nplan: 5\n',
    'strategy: a list': 'mktplan: "1"\nstrategy: [a, b]\nplan: []\n',
    'a YAML syntax error': 'mktplan: "1"\nplan:\n  budget: {total: 5\n  kpis: [\n',
    'wrong types everywhere': `mktplan: [1]
title: {a: 1}
organization: [x]
team: [5, "x", {id: 3, role: []}, {id: ok, role: cmo, name: [1]}]
imports: 5
strategy:
  owner: [linh]
  horizon: "2027"
  vision: {a: b}
  objectives: {a: 1}
  audience: {segments: 5}
  valueProposition: [x]
  swot: {strengths: 5, weaknesses: [1, {a: b}], opportunities: "x"}
  competition: {competitors: [5, {name: [], strengths: x}], approach: 7}
  brand: []
plan:
  owner: {}
  period: {start: 5, end: [2027]}
  implements: 5
  budget: {total: "x", currency: 5, allocations: [5, {channel: [], amount: "y"}, {campaign: {}, amount: -3}, {amount: 4}]}
  timeline: [5, {date: 5}, {start: [], end: {}}, {id: t, date: 2027-13-01}]
  channels: 5
  content: {a: 1}
  campaigns: [5, {id: [], kpis: 5, budget: "z", start: 1, end: true, objective: [], owner: 3}, {id: c, kpis: [1, [], {}], budget: -1}]
  kpis: [{id: {}, owner: [], target: "t", baseline: [], due: 2027, frequency: 5}, 7]
  reporting: 5
  salesAlignment: [x]
`,
    'a period reversed and a horizon of text': 'mktplan: "1"\nstrategy: {horizon: {start: 2029-01-01, end: 2027-01-01}}\nplan: {period: {start: 2027-12-31, end: 2027-01-01}}\n',
    'merge keys': 'mktplan: "1"\nbase: &b {start: 2027-01-01, end: 2027-12-31}\nplan:\n  period: {<<: *b}\n  campaigns:\n    - {<<: *b, id: c}\n',
  };

  for (const [name, text] of Object.entries(broken)) {
    it(`views ${name} without throwing`, async () => {
      const view = await viewOf(text);
      assert.equal(view.timeline.today, today);
      assert.ok(Array.isArray(view.people) && Array.isArray(view.kpis) && Array.isArray(view.timeline.items));
      assert.ok(view.findings.length > 0, 'a broken file has findings');
      assertLocationsInside(view, () => text);
    });
  }

  it('reads what it can of a file with wrong types everywhere', async () => {
    const view = await viewOf(broken['wrong types everywhere']);
    assert.equal(view.hasPlan, true);
    assert.equal(view.title, undefined);
    assert.equal(view.budget!.state, 'unknown');
    assert.equal(view.budget!.total, undefined);
    assert.deepEqual(view.people.map((member) => member.id), ['ok']);
    assert.equal(view.people[0].name, undefined);
    assert.deepEqual(view.timeline.period, undefined);
    assert.deepEqual(view.traceability.objectives, []);
  });

  it('sees no plan in an empty file, a list or `plan: 5`', async () => {
    for (const name of ['an empty file', 'a list at the top level', 'plan: 5']) {
      const view = await viewOf(broken[name]);
      assert.equal(view.hasPlan, false, name);
      assert.equal(view.strategy, undefined, name);
      const sections = view.findings.map((group) => group.section);
      assert.ok(sections.length > 0 && sections.every((section) => section === 'plan' || section === 'file'), `${name}: ${sections.join(', ')}`);
    }
  });
});

describe('valueTitle', () => {
  it('gives the schema\'s title of a fixed value', () => {
    const english = translatorFor('en');
    assert.equal(valueTitle('role', 'cmo', english), 'CMO');
    assert.equal(valueTitle('frequency', 'monthly', english), 'Monthly');
    assert.equal(valueTitle('direction', 'decrease', english), 'Decrease');
    assert.equal(valueTitle('approach', 'cost-leadership', english), 'Cost leadership');
  });

  it('gives it in the reader\'s language', () => {
    const vietnamese = translatorFor('vi');
    const monthly = valueTitle('frequency', 'monthly', vietnamese);
    assert.notEqual(monthly, 'monthly');
    assert.notEqual(monthly, 'Monthly');
    assert.match(monthly, /[^\x00-\x7f]/, monthly);
    for (const locale of ['vi', 'ru', 'zh-cn']) {
      for (const [kind, value] of [['stage', 'sme'], ['direction', 'increase'], ['approach', 'differentiation'], ['role', 'marketing-manager']] as const) {
        const title = valueTitle(kind, value, translatorFor(locale));
        assert.notEqual(title, value, `${locale} ${kind} ${value}`);
        assert.notEqual(title, valueTitle(kind, value, translatorFor('en')), `${locale} ${kind} ${value}: ${title}`);
      }
    }
  });

  it('passes an unknown value through as written', () => {
    for (const locale of ['en', 'vi']) {
      assert.equal(valueTitle('role', 'wizard', translatorFor(locale)), 'wizard');
      assert.equal(valueTitle('frequency', 'hourly', translatorFor(locale)), 'hourly');
      assert.equal(valueTitle('stage', '', translatorFor(locale)), '');
    }
  });
});
