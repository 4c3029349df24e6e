import { strict as assert } from 'node:assert';
import { comparePlanVersions, Engine, translatorFor, type Change, type PlanDiff } from '../../server/src/service';
import { renderDiffMarkdown, renderDiffStylish } from '../../server/src/report/diff';
import { cleanPlan, MemoryWorkspace, withChange } from './helpers';

/** The plan's own name in both versions' workspaces. */
const name = 'plan.mktplan.yaml';

/**
 * Two versions of a plan compared, each in a workspace of its own (its imports as `files`
 * give them): an absent text is a plan added or removed.
 */
async function compare(before: string | undefined, after: string | undefined, files: { before?: Record<string, string>; after?: Record<string, string> } = {}): Promise<PlanDiff> {
  const side = (text: string | undefined, others: Record<string, string> = {}) => {
    if (text === undefined) return undefined;
    const workspace = new MemoryWorkspace({ ...others, [name]: text });
    return { engine: new Engine(workspace), file: workspace.resolve(name), text };
  };
  const result = await comparePlanVersions(side(before, files.before), side(after, files.after));
  if ('unparsed' in result) throw new Error(`unparsed: ${result.unparsed.join()}`);
  return result;
}

/** The changes of a comparison without the fields a test does not look at. */
function only<K extends Change['change']>(diff: PlanDiff, kind: K): Array<Change & { change: K }> {
  return diff.changes.filter((change): change is Change & { change: K } => change.change === kind);
}

/** A comparison that finds nothing: no change, no finding introduced or resolved. */
async function assertQuiet(before: string, after: string, files?: { before?: Record<string, string>; after?: Record<string, string> }) {
  const diff = await compare(before, after, files);
  assert.deepEqual(diff.changes, []);
  assert.deepEqual(diff.findings, { introduced: [], resolved: [] });
  assert.deepEqual(diff.unserved, []);
  assert.equal(diff.status, 'unchanged');
}

/** `cleanPlan` written another way: block style where it is flow, flow where it is block, quotes, comments, keys in another order. */
const rewritten = `# The same plan, written otherwise.
mktplan: '1'
organization:
  industry: "specialty coffee"
  stage: sme
  name: Saigon Bean
title: "Saigon Bean — marketing 2027"
team:
  - {id: hoa, role: cso, name: Pham Hoa}
  - id: linh
    name: Tran Linh
    role: cmo
  - {id: minh, role: "marketing-manager", name: 'Le Minh'}
plan:
  period: {end: 2027-12-31, start: "2027-01-01"}
  owner: minh
  implements:
    - share
  channels:
    - {id: events, type: events}
    - {id: social, type: social}
  budget:
    currency: USD
    total: 50000.00
    allocations:
      - {channel: events, amount: 15000}
      - amount: 35_000.0e0
        channel: social
  campaigns:
    - {id: tet, name: Tet pickup week, objective: share, audience: office, channels: [events, social], start: 2027-01-20, end: 2027-02-10, budget: 1.2e4, content: [{message: Skip the queue this Tet, channel: social}], kpis: [pickups]}
  kpis:
    - id: pickups
      name: App pickups
      target: 2e4
      unit: orders
      frequency: monthly
  salesAlignment:
    sharedGoals: ["office accounts"]
    owner: hoa
  reporting: {to: linh, cadence: monthly}
strategy:
  owner: linh
  horizon:
    start: 2027-01-01
    end: 2029-12-31
  objectives:
    - id: share
      statement: "Lead specialty coffee in District 1"
      metric: market share
      target: 15.0
      unit: '%'
      due: 2029-12-31
  audience:
    segments:
      - id: office
        name: Office workers
        needs:
          - fast pickup
  valueProposition:
    statement: Single-origin coffee ready in two minutes
  swot:
    threats: [chain price war]
    opportunities: [office delivery apps]
    weaknesses: [two shops only]
    strengths: [own roastery]
  competition:
    competitors: [{name: "Big Chain"}]
    approach: differentiation
  brand:
    positioning: The quickest real coffee in town
`;

describe('mktplan diff: the comparison by meaning', () => {
  describe('what is no change', () => {
    it('the same text', async () => {
      await assertQuiet(cleanPlan, cleanPlan);
    });

    it('the same plan reformatted: flow and block style, quotes, comments, key order, numbers written otherwise', async () => {
      // `35_000.0e0` is text in YAML 1.2: that allocation's amount breaks the schema on the new side; written plainly, it is the same.
      await assertQuiet(cleanPlan, rewritten.replace('35_000.0e0', '3.5e4'));
    });

    it('lists reordered: team, channels, allocations, SWOT entries, ids a campaign names, content', async () => {
      let text = withChange('    - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}', '    - {channel: events, amount: 15000}\n      - {channel: social, amount: 35000}');
      text = withChange('  - {id: linh, role: cmo, name: Tran Linh}\n  - {id: minh, role: marketing-manager, name: Le Minh}', '  - {id: minh, role: marketing-manager, name: Le Minh}\n  - {id: linh, role: cmo, name: Tran Linh}', text);
      text = withChange('channels: [social, events]', 'channels: [events, social]', text);
      text = withChange('strengths: [own roastery]', 'strengths: [own roastery, own roastery]', text);
      await assertQuiet(cleanPlan, text);
      const twoContents = withChange("content: [{channel: social, message: Skip the queue this Tet}]", "content: [{channel: social, message: Skip the queue this Tet}, {channel: events, message: Free cup at the door}]");
      await assertQuiet(twoContents, withChange("content: [{channel: social, message: Skip the queue this Tet}, {channel: events, message: Free cup at the door}]", "content: [{channel: events, message: Free cup at the door}, {channel: social, message: Skip the queue this Tet}]", twoContents));
    });

    it('findings that only moved: lines added above them', async () => {
      const over = withChange('total: 50000', 'total: 40000');
      const diff = await compare(over, `# a comment\n# and another\n${over.replace('plan:\n', 'plan:\n  # the plan\n')}`);
      assert.deepEqual(diff.findings, { introduced: [], resolved: [] });
    });
  });

  describe('the budget', () => {
    it('the total: old, new, the difference and its share, exact in decimal', async () => {
      const diff = await compare(withChange('total: 50000', 'total: 15000000000.20'), withChange('total: 50000', 'total: 22500000000.30'));
      const [total] = only(diff, 'amount');
      assert.deepEqual(total, { section: 'budget', field: 'total', change: 'amount', before: '15000000000.2', after: '22500000000.3', difference: '7500000000.1', relative: 7500000000.1 / 15000000000.2, currency: 'USD' });
      assert.deepEqual(diff.budget, { before: '15000000000.2', after: '22500000000.3', currencyBefore: 'USD', currencyAfter: 'USD' });
    });

    it('a total cut: a negative difference', async () => {
      const diff = await compare(cleanPlan, withChange('total: 50000', 'total: 40000'));
      const [total] = only(diff, 'amount');
      assert.equal(total.difference, '-10000');
      assert.equal(total.relative, -0.2);
      assert.deepEqual(
        diff.findings.introduced.map((finding) => [finding.code, finding.about]),
        [['budget/over-allocated', 'plan/budget/total']],
      );
    });

    it('each allocation by the channel or campaign it names: changed, added, removed', async () => {
      let text = withChange('{channel: social, amount: 35000}', '{channel: social, amount: 30000}');
      text = withChange('{channel: events, amount: 15000}', '{campaign: tet, amount: 15000}', text);
      const diff = await compare(cleanPlan, text);
      assert.deepEqual(
        diff.changes.map((change) => [change.change, change.item?.target, change.change === 'amount' ? change.difference : change.change === 'added' || change.change === 'removed' ? change.amount : undefined]),
        [
          ['removed', { kind: 'channel', id: 'events' }, '15000'],
          ['amount', { kind: 'channel', id: 'social' }, '-5000'],
          ['added', { kind: 'campaign', id: 'tet' }, '15000'],
        ],
      );
      assert.ok(diff.changes.every((change) => change.section === 'budget'));
      const social = only(diff, 'amount')[0];
      assert.equal(social.relative, -5000 / 35000);
    });

    it('an allocation whose channel was renamed is the same allocation', async () => {
      let text = withChange('{channel: social, amount: 35000}', '{channel: social-media, amount: 35000}');
      text = withChange('- {id: social, type: social}', '- {id: social-media, type: social}', text);
      text = withChange('channels: [social, events]', 'channels: [social-media, events]', text);
      text = withChange('content: [{channel: social,', 'content: [{channel: social-media,', text);
      const diff = await compare(cleanPlan, text);
      assert.deepEqual(diff.changes, [{ section: 'channels', item: { kind: 'channel', id: 'social-media' }, change: 'renamed', from: 'social', to: 'social-media' }]);
      assert.deepEqual(diff.findings, { introduced: [], resolved: [] });
    });

    it('the currency', async () => {
      const diff = await compare(cleanPlan, withChange('currency: USD', 'currency: VND'));
      assert.deepEqual(diff.changes, [{ section: 'budget', field: 'currency', change: 'value', before: 'USD', after: 'VND' }]);
    });

    it('an allocation note, and no note where none changed', async () => {
      const diff = await compare(cleanPlan, withChange('{channel: events, amount: 15000}', '{channel: events, amount: 15000, note: Two fairs}'));
      assert.deepEqual(diff.changes, [{ section: 'budget', item: { kind: 'allocation', target: { kind: 'channel', id: 'events' } }, field: 'note', change: 'text', after: 'Two fairs' }]);
    });
  });

  describe('campaigns', () => {
    it('a budget raised: amount, difference and share', async () => {
      const diff = await compare(cleanPlan, withChange('budget: 12000', 'budget: 12000.5'));
      const [{ relative, ...change }] = only(diff, 'amount');
      assert.deepEqual(change, { section: 'campaigns', item: { kind: 'campaign', id: 'tet', label: 'Tet pickup week' }, field: 'budget', change: 'amount', before: '12000', after: '12000.5', difference: '0.5', currency: 'USD' });
      assert.ok(Math.abs(relative! - 0.5 / 12000) < 1e-15);
    });

    it('dates moved: by how many days, longer or shorter', async () => {
      const moved = await compare(cleanPlan, withChange('start: 2027-01-20\n      end: 2027-02-10', 'start: 2027-01-27\n      end: 2027-02-17'));
      assert.deepEqual(only(moved, 'span'), [
        {
          section: 'campaigns',
          item: { kind: 'campaign', id: 'tet', label: 'Tet pickup week' },
          field: 'start/end',
          change: 'span',
          before: { start: '2027-01-20', end: '2027-02-10' },
          after: { start: '2027-01-27', end: '2027-02-17' },
          moved: 7,
          longer: 0,
        },
      ]);
      const shorter = await compare(cleanPlan, withChange('end: 2027-02-10', 'end: 2027-02-05'));
      assert.deepEqual(
        only(shorter, 'span').map((change) => [change.moved, change.longer]),
        [[0, -5]],
      );
      const earlier = await compare(cleanPlan, withChange('start: 2027-01-20', 'start: 2027-01-10'));
      assert.deepEqual(
        only(earlier, 'span').map((change) => [change.moved, change.longer]),
        [[-10, 10]],
      );
    });

    it('a date taken away: each date on its own', async () => {
      const diff = await compare(cleanPlan, withChange('      end: 2027-02-10\n', ''));
      assert.deepEqual(only(diff, 'date'), [{ section: 'campaigns', item: { kind: 'campaign', id: 'tet', label: 'Tet pickup week' }, field: 'end', change: 'date', before: '2027-02-10' }]);
      // Its only dated campaign gone, the plan has a budget and no schedule.
      assert.deepEqual(
        diff.findings.introduced.map((finding) => finding.code),
        ['plan/budget-without-timeline', 'campaign/dates-missing'],
      );
    });

    it('ids it names: added and removed as sets', async () => {
      const diff = await compare(cleanPlan, withChange('channels: [social, events]', 'channels: [social]'));
      assert.deepEqual(only(diff, 'entries'), [{ section: 'campaigns', item: { kind: 'campaign', id: 'tet', label: 'Tet pickup week' }, field: 'channels', change: 'entries', added: [], removed: ['events'], ref: 'channel' }]);
    });

    it('content without an id: a set of values', async () => {
      const diff = await compare(cleanPlan, withChange('message: Skip the queue this Tet', 'message: Skip the queue at Tet'));
      assert.deepEqual(
        diff.changes.map((change) => [change.change, change.item?.kind, change.item?.label, change.item?.parent?.id]),
        [
          ['removed', 'content', 'Skip the queue this Tet', 'tet'],
          ['added', 'content', 'Skip the queue at Tet', 'tet'],
        ],
      );
    });

    it('a campaign added and one removed, each with its budget', async () => {
      const added = withChange('  kpis:\n    - {id: pickups', '    - {id: summer, name: Summer cold brew, objective: share, start: 2027-06-01, end: 2027-06-30, budget: 8000, kpis: [pickups]}\n  kpis:\n    - {id: pickups');
      const diff = await compare(cleanPlan, added);
      assert.deepEqual(diff.changes, [{ section: 'campaigns', item: { kind: 'campaign', id: 'summer', label: 'Summer cold brew' }, change: 'added', amount: '8000', currency: 'USD' }]);
      const removed = await compare(added, cleanPlan);
      assert.deepEqual(removed.changes, [{ section: 'campaigns', item: { kind: 'campaign', id: 'summer', label: 'Summer cold brew' }, change: 'removed', amount: '8000', currency: 'USD' }]);
    });
  });

  describe('targets, dates and texts', () => {
    it("a KPI's target and due date", async () => {
      const diff = await compare(cleanPlan, withChange('target: 20000, unit: orders, frequency: monthly', 'target: 25000, unit: orders, frequency: monthly, due: 2027-12-31'));
      assert.deepEqual(diff.changes, [
        { section: 'kpis', item: { kind: 'kpi', id: 'pickups', label: 'App pickups' }, field: 'target', change: 'number', before: 20000, after: 25000, difference: 5000 },
        { section: 'kpis', item: { kind: 'kpi', id: 'pickups', label: 'App pickups' }, field: 'due', change: 'date', after: '2027-12-31' },
      ]);
    });

    it("an objective's target and due date, a due date moved by days", async () => {
      const diff = await compare(cleanPlan, withChange('target: 15, unit: "%", due: 2029-12-31', 'target: 12.5, unit: "%", due: 2029-06-30'));
      const objective = { kind: 'objective', id: 'share', label: 'Lead specialty coffee in District 1' };
      assert.deepEqual(diff.changes, [
        { section: 'objectives', item: objective, field: 'target', change: 'number', before: 15, after: 12.5, difference: -2.5 },
        { section: 'objectives', item: objective, field: 'due', change: 'date', before: '2029-12-31', after: '2029-06-30', days: -184 },
      ]);
    });

    it('a text field, old and new cut at 80 characters', async () => {
      const long = 'The quickest real coffee in town, '.repeat(4);
      const diff = await compare(cleanPlan, withChange('{positioning: The quickest real coffee in town}', `{positioning: "${long}"}`));
      const [change] = only(diff, 'text');
      assert.equal(change.field, 'brand.positioning');
      assert.equal(change.section, 'strategy');
      assert.equal(change.before, 'The quickest real coffee in town');
      assert.equal(Array.from(change.after!).length, 80);
      assert.ok(change.after!.endsWith('…'));
    });

    it('SWOT entries, shared goals and a segment\'s needs: added and removed as sets', async () => {
      let text = withChange('threats: [chain price war]', 'threats: [chain price war, rent rises]');
      text = withChange('sharedGoals: [office accounts]', 'sharedGoals: [catering]', text);
      text = withChange('needs: [fast pickup]', 'needs: [fast pickup, oat milk]', text);
      const diff = await compare(cleanPlan, text);
      assert.deepEqual(
        only(diff, 'entries').map((change) => [change.section, change.field, change.added, change.removed]),
        [
          ['strategy', 'swot.threats', ['rent rises'], []],
          ['segments', 'needs', ['oat milk'], []],
          ['plan', 'salesAlignment.sharedGoals', ['catering'], ['office accounts']],
        ],
      );
    });

    it('the plan period and the strategy horizon as spans', async () => {
      const diff = await compare(cleanPlan, withChange('horizon: {start: 2027-01-01, end: 2029-12-31}', 'horizon: {start: 2027-01-01, end: 2030-12-31}'));
      assert.deepEqual(only(diff, 'span'), [
        { section: 'strategy', field: 'horizon', change: 'span', before: { start: '2027-01-01', end: '2029-12-31' }, after: { start: '2027-01-01', end: '2030-12-31' }, moved: 0, longer: 365 },
      ]);
    });
  });

  describe('owners and roles', () => {
    it("the plan's owner, with each one's role; the finding it brings", async () => {
      const diff = await compare(cleanPlan, withChange('  owner: minh', '  owner: linh'));
      assert.deepEqual(diff.changes, [
        { section: 'plan', field: 'owner', change: 'person', before: { id: 'minh', name: 'Le Minh', role: 'marketing-manager' }, after: { id: 'linh', name: 'Tran Linh', role: 'cmo' } },
      ]);
      assert.deepEqual(
        diff.findings.introduced.map((finding) => [finding.code, finding.severity, finding.about]),
        [['plan/owner-not-management', 'information', 'plan/owner']],
      );
    });

    it("a team member's role, and who receives the reports", async () => {
      let text = withChange('{id: minh, role: marketing-manager, name: Le Minh}', '{id: minh, role: marketing-specialist, name: Le Minh}');
      text = withChange('reporting: {cadence: monthly, to: linh}', 'reporting: {cadence: monthly, to: hoa}', text);
      const diff = await compare(cleanPlan, text);
      assert.deepEqual(diff.changes, [
        { section: 'team', item: { kind: 'member', id: 'minh', label: 'Le Minh' }, field: 'role', change: 'value', before: 'marketing-manager', after: 'marketing-specialist' },
        { section: 'plan', field: 'reporting.to', change: 'person', before: { id: 'linh', name: 'Tran Linh', role: 'cmo' }, after: { id: 'hoa', name: 'Pham Hoa', role: 'cso' } },
      ]);
    });
  });

  describe('items added, removed and renamed', () => {
    const cases: Array<[string, string, string, string, Change['section']]> = [
      ['team member', '  - {id: hoa, role: cso, name: Pham Hoa}\n', '  - {id: hoa, role: cso, name: Pham Hoa}\n  - {id: an, role: agency, name: An Agency}\n', 'member', 'team'],
      [
        'objective',
        '    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}\n',
        '    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}\n    - {id: loyal, statement: Keep regulars, target: 60, due: 2029-12-31}\n',
        'objective',
        'objectives',
      ],
      ['segment', "      - {id: office, name: Office workers, needs: [fast pickup]}\n", "      - {id: office, name: Office workers, needs: [fast pickup]}\n      - {id: students, name: Students}\n", 'segment', 'segments'],
      ['channel', '    - {id: events, type: events}\n', '    - {id: events, type: events}\n    - {id: mail, type: email}\n', 'channel', 'channels'],
      ['KPI', '  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n', '  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n    - {id: nps, name: Net promoter score}\n', 'kpi', 'kpis'],
      ['milestone', '  reporting:', '  timeline:\n    - {id: launch, name: Launch, date: 2027-03-01}\n  reporting:', 'milestone', 'timeline'],
      ['competitor', '{name: Big Chain}', '{name: Big Chain}, {name: Corner Cafe}', 'competitor', 'strategy'],
      ['content item', '  campaigns:\n', '  content:\n    - {channel: events, message: Meet us at the fair}\n  campaigns:\n', 'content', 'content'],
    ];
    for (const [label, from, to, kind, section] of cases) {
      it(`a ${label} added, then removed`, async () => {
        const text = withChange(from, to);
        const added = await compare(cleanPlan, text);
        const ofKind = (diff: PlanDiff) => diff.changes.filter((change) => change.item?.kind === kind).map((change) => [change.change, change.section]);
        assert.deepEqual(ofKind(added), [['added', section]]);
        const removed = await compare(text, cleanPlan);
        assert.deepEqual(ofKind(removed), [['removed', section]]);
      });
    }

    it('renamed: the id changed and nothing else; what names it follows', async () => {
      let text = withChange('{id: pickups, name', '{id: app-pickups, name');
      text = withChange('kpis: [pickups]', 'kpis: [app-pickups]', text);
      const diff = await compare(cleanPlan, text);
      assert.deepEqual(diff.changes, [{ section: 'kpis', item: { kind: 'kpi', id: 'app-pickups', label: 'App pickups' }, change: 'renamed', from: 'pickups', to: 'app-pickups' }]);
      assert.deepEqual(diff.findings, { introduced: [], resolved: [] });
    });

    it('a team member renamed, and every owner field that names them', async () => {
      let text = withChange('{id: minh, role', '{id: minh-le, role');
      text = withChange('  owner: minh', '  owner: minh-le', text);
      const diff = await compare(cleanPlan, text);
      assert.deepEqual(diff.changes, [{ section: 'team', item: { kind: 'member', id: 'minh-le', label: 'Le Minh' }, change: 'renamed', from: 'minh', to: 'minh-le' }]);
    });

    it('an id changed with something else: removed and added, not renamed', async () => {
      let text = withChange('{id: pickups, name: App pickups', '{id: app-pickups, name: Orders in the app');
      text = withChange('kpis: [pickups]', 'kpis: [app-pickups]', text);
      const diff = await compare(cleanPlan, text);
      assert.deepEqual(
        diff.changes.map((change) => [change.section, change.change, change.item?.id]),
        [
          ['campaigns', 'entries', 'tet'],
          ['kpis', 'removed', 'pickups'],
          ['kpis', 'added', 'app-pickups'],
        ],
      );
    });
  });

  describe('findings introduced and resolved', () => {
    it('matched by rule and item, each with its rule, severity, message and line', async () => {
      const broken = withChange('end: 2027-02-10', 'end: 2027-01-10');
      const introduced = await compare(cleanPlan, broken);
      assert.deepEqual(
        introduced.findings.introduced.map(({ code, severity, about, item, line }) => ({ code, severity, about, item: item?.id, line })),
        [{ code: 'dates/end-before-start', severity: 'error', about: 'plan/campaigns/#tet/end', item: 'tet', line: broken.split('\n').findIndex((line) => line.includes('end: 2027-01-10')) + 1 }],
      );
      assert.match(introduced.findings.introduced[0].message, /before it starts/);
      assert.equal(introduced.findings.introduced[0].messageId, 'dates/end-before-start.endsFirst');
      const resolved = await compare(broken, cleanPlan);
      assert.deepEqual(
        resolved.findings.resolved.map((finding) => finding.code),
        ['dates/end-before-start'],
      );
      assert.deepEqual(resolved.findings.introduced, []);
    });

    it('a finding on an item that moved in its list, or whose item was renamed, is the same finding', async () => {
      const broken = withChange('end: 2027-02-10', 'end: 2027-01-10');
      const campaignFirst = withChange('  campaigns:\n', '  campaigns:\n    - {id: spring, name: Spring, objective: share, kpis: [pickups]}\n', broken);
      const diff = await compare(broken, campaignFirst);
      assert.deepEqual(diff.findings, { introduced: [], resolved: [] });
      const renamedCampaign = await compare(broken, withChange('id: tet', 'id: tet-2027', broken));
      assert.deepEqual(renamedCampaign.findings, { introduced: [], resolved: [] });
      assert.deepEqual(
        renamedCampaign.changes.map((change) => change.change),
        ['renamed'],
      );
    });
  });

  describe('objectives left unserved', () => {
    it('named, with the campaigns and allocations that served them', async () => {
      const funded = withChange('{channel: events, amount: 15000}', '{campaign: tet, amount: 15000}');
      const diff = await compare(funded, withChange('      objective: share\n', '', funded));
      assert.deepEqual(diff.unserved, [
        {
          objective: { kind: 'objective', id: 'share', label: 'Lead specialty coffee in District 1' },
          campaigns: [{ kind: 'campaign', id: 'tet', label: 'Tet pickup week' }],
          allocations: [{ campaign: 'tet', amount: '15000', currency: 'USD' }],
        },
      ]);
    });

    it('not while another campaign serves it', async () => {
      const two = withChange('  kpis:\n    - {id: pickups', '    - {id: summer, name: Summer, objective: share, kpis: [pickups]}\n  kpis:\n    - {id: pickups');
      const diff = await compare(two, withChange('      objective: share\n', '', two));
      assert.deepEqual(diff.unserved, []);
    });
  });

  describe('imports and whole files', () => {
    const strategy = `mktplan: "1"
team:
  - {id: linh, role: cmo}
  - {id: minh, role: marketing-manager}
strategy:
  owner: linh
  objectives:
    - {id: share, statement: Lead in District 1, target: 15, due: 2029-12-31}
    - {id: loyal, statement: Keep regulars, target: 60, due: 2029-12-31}
`;
    const yearly = `mktplan: "1"
imports: [strategy.mktplan.yaml]
plan:
  owner: minh
  implements: [share, loyal]
`;

    it("an import's change is the plan's change, read at each side's own version", async () => {
      const diff = await compare(yearly, yearly, {
        before: { 'strategy.mktplan.yaml': strategy },
        after: { 'strategy.mktplan.yaml': withChange('target: 15', 'target: 20', strategy).replace('    - {id: loyal, statement: Keep regulars, target: 60, due: 2029-12-31}\n', '') },
      });
      assert.deepEqual(
        diff.changes.map((change) => [change.section, change.change, change.item?.id, change.field]),
        [
          ['objectives', 'removed', 'loyal', undefined],
          ['objectives', 'number', 'share', 'target'],
        ],
      );
      assert.deepEqual(
        diff.findings.introduced.map((finding) => [finding.code, finding.about]),
        [['ref/unknown', 'plan/implements/=loyal']],
      );
    });

    it('the same import unchanged: no change', async () => {
      await assertQuiet(yearly, yearly, { before: { 'strategy.mktplan.yaml': strategy }, after: { 'strategy.mktplan.yaml': strategy } });
    });

    it('an import added to the list', async () => {
      const diff = await compare(yearly, withChange('imports: [strategy.mktplan.yaml]', 'imports: [strategy.mktplan.yaml, team.mktplan.yaml]', yearly), {
        before: { 'strategy.mktplan.yaml': strategy },
        after: { 'strategy.mktplan.yaml': strategy, 'team.mktplan.yaml': 'mktplan: "1"\nteam:\n  - {id: an, role: agency}\nplan: {}\n' },
      });
      assert.deepEqual(
        diff.changes.map((change) => [change.section, change.change, change.field ?? change.item?.id]),
        [
          ['file', 'entries', 'imports'],
          ['team', 'added', 'an'],
        ],
      );
    });

    it('a plan added or removed: its findings introduced or resolved', async () => {
      const draft = withChange('total: 50000', 'total: 40000');
      const added = await compare(undefined, draft);
      assert.equal(added.status, 'added');
      assert.deepEqual(added.changes, []);
      assert.deepEqual(added.budget, { after: '40000', currencyAfter: 'USD' });
      assert.deepEqual(
        added.findings.introduced.map((finding) => finding.code),
        ['budget/over-allocated'],
      );
      const removed = await compare(draft, undefined);
      assert.equal(removed.status, 'removed');
      assert.deepEqual(
        removed.findings.resolved.map((finding) => finding.code),
        ['budget/over-allocated'],
      );
    });

    it('a version whose YAML does not parse is named, not compared', async () => {
      const workspace = new MemoryWorkspace();
      const engine = new Engine(workspace);
      const file = workspace.resolve(name);
      const result = await comparePlanVersions({ engine, file, text: cleanPlan }, { engine: new Engine(new MemoryWorkspace()), file, text: 'plan: [unclosed\n' });
      assert.deepEqual(result, { unparsed: ['after'] });
    });
  });

  describe('actuals', () => {
    const plan = `mktplan: "1"
plan:
  period: {start: 2027-01-01, end: 2027-12-31}
  channels:
    - {id: social, type: social}
  budget:
    currency: USD
    total: 1000
    allocations:
      - {channel: social, amount: 400}
  campaigns:
    - {id: tet, name: Tet, channels: [social], start: 2027-01-10, end: 2027-02-08, budget: 500, kpis: [orders]}
  kpis:
    - {id: orders, name: Orders, target: 100, unit: orders, frequency: monthly}
`;
    const actuals = (asOf: string, lines: string, results = '') => `mktplan: "1"
imports: [yearly.mktplan.yaml]
actuals:
  asOf: ${asOf}
  spend:
${lines}
${results ? `  results:\n${results}` : ''}`;
    const files = { before: { 'yearly.mktplan.yaml': plan }, after: { 'yearly.mktplan.yaml': plan } };
    const monthOne = '    - {date: 2027-01-15, campaign: tet, amount: 100}\n    - {date: 2027-01-20, channel: social, amount: 40.25}';

    it('asOf, spend per item and in all (before, after, and the share of what the plan gives it), and each KPI\'s latest result', async () => {
      const before = actuals('2027-01-31', monthOne, '    - {date: 2027-01-31, kpi: orders, value: 20}');
      const after = actuals('2027-02-28', `${monthOne}\n    - {date: 2027-02-05, campaign: tet, amount: 150.5}`, '    - {date: 2027-01-31, kpi: orders, value: 20}\n    - {date: 2027-02-28, kpi: orders, value: 45}');
      const diff = await compare(before, after, files);
      assert.deepEqual(only(diff, 'date').map(({ field, before, after, days }) => ({ field, before, after, days })), [{ field: 'asOf', before: '2027-01-31', after: '2027-02-28', days: 28 }]);
      const spend = only(diff, 'spend');
      assert.deepEqual(
        spend.map(({ item, before, after, difference, planned, shareAfter }) => ({ id: item?.id, before, after, difference, planned, shareAfter })),
        [
          { id: 'tet', before: '100', after: '250.5', difference: '150.5', planned: '500', shareAfter: 0.501 },
          { id: undefined, before: '140.25', after: '290.75', difference: '150.5', planned: '1000', shareAfter: 0.29075 },
        ],
      );
      assert.deepEqual(only(diff, 'result').map(({ item, before, after }) => ({ id: item?.id, before, after })), [{ id: 'orders', before: { value: 20, date: '2027-01-31' }, after: { value: 45, date: '2027-02-28' } }]);
      assert.ok(diff.changes.every((change) => change.section === 'actuals'));
      const words = renderDiffStylish([{ file: 'actuals.mktplan.yaml', diff }], translatorFor('en'), { color: false });
      assert.ok(words.includes('spent on campaign `tet` (Tet): $100 → $250.50 (+$150.50); now 50.1% of the $500 the plan gives it'), words);
      assert.ok(words.includes('spent in all: $140.25 → $290.75 (+$150.50); now 29.1% of the budget total of $1,000'), words);
      assert.ok(words.includes('latest result of KPI `orders` (Orders): 20 on Jan 31, 2027 → 45 on Feb 28, 2027'), words);
    });

    it('lines after asOf count on neither side; the same actuals written otherwise are no change', async () => {
      const before = actuals('2027-01-31', monthOne);
      const later = await compare(before, actuals('2027-01-31', `${monthOne}\n    - {date: 2027-02-05, campaign: tet, amount: 150.5}`), files);
      assert.deepEqual(only(later, 'spend'), []);
      const reordered = actuals('2027-01-31', '    - {amount: 40.250, channel: social, date: 2027-01-20}\n    - {campaign: tet, date: 2027-01-15, amount: 100}');
      await assertQuiet(before, reordered, files);
    });
  });

  describe('in words (report/diff.ts)', () => {
    /** A bigger total, and a key the schema does not know: a finding whose message names it in a code span. */
    const after = withChange('      budget: 12000', '      budget: 12000\n      thoi-gian_cho: 1', withChange('total: 50000', 'total: 60000'));

    it("Chinese Markdown: full-width brackets, the counts listed with 、, each finding's line in （…）", async () => {
      const diff = await compare(cleanPlan, after);
      const out = renderDiffMarkdown([{ file: name, diff }], translatorFor('zh-cn'));
      assert.ok(out.includes('**预算总额**：50,000美元 → 60,000美元（\\+10,000美元，\\+20%） · 1处变更 · 新增2条检查结果、已解决0条检查结果\n'), out);
      assert.ok(out.includes('<summary>预算（1）</summary>'), out);
      assert.ok(out.includes('<summary>新增的检查结果（2）</summary>'), out);
      assert.match(out, /^- \*\*错误\*\* `schema`：.*（第\d+行）$/m);
      // The findings' own messages are the engine's (English here); every piece assembled around them is Chinese.
      const assembled = out.split('\n').filter((line) => !line.startsWith('- **')).join('\n');
      assert.doesNotMatch(assembled, / \(|\(\d|, /, 'no ASCII bracket or comma assembled in code');
    });

    it('Chinese in a terminal: the rule and its line as one message', async () => {
      const out = renderDiffStylish([{ file: name, diff: await compare(cleanPlan, after) }], translatorFor('zh-cn'), { color: false });
      assert.ok(out.includes('  预算总额：50,000美元 → 60,000美元（+10,000美元，+20%）\n'), out);
      assert.ok(out.includes('  新增的检查结果（2）\n'), out);
      assert.match(out, /  schema，第\d+行\n/);
    });

    it("Markdown: a finding's code spans stay code, the file's text around and inside them stays text", async () => {
      const out = renderDiffMarkdown([{ file: name, diff: await compare(cleanPlan, after) }], translatorFor('en'));
      assert.ok(out.includes('- **error** `schema`: Unknown key `thoi-gian_cho`; each entry of `campaigns` takes:'), out);
      assert.ok(out.includes('Findings introduced (2)'), out);
      assert.match(out, / \(line \d+\)$/m);
      assert.ok(!out.includes('\\`'), 'no escaped backtick');
    });
  });
});
