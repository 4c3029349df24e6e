import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'dates/outside-period';

/** The clean plan with a `timeline` whose milestones are on lines 35, 36, ... */
function withTimeline(...milestones: string[]): string {
  return withChange('  channels:\n    - {id: social', `  timeline:\n${milestones.map((milestone) => `    - ${milestone}\n`).join('')}  channels:\n    - {id: social`);
}

const withPeriod = (start: string, end: string, text = cleanPlan): string =>
  withChange('period: {start: 2027-01-01, end: 2027-12-31}', `period: {start: ${start}, end: ${end}}`, text);

function strategyFile(start: string, end: string): string {
  return `mktplan: "1"
team:
  - {id: linh, role: cmo}
strategy:
  owner: linh
  horizon: {start: ${start}, end: ${end}}
  objectives:
    - {id: share, statement: Lead, target: 15, unit: "%", due: 2029-12-31}
`;
}

/** A plan in its own file, importing its strategy; the period is on line 7. */
function planFile(start: string, end: string, imports = '[./strategy.mktplan.yaml]'): string {
  return `mktplan: "1"
imports: ${imports}
team:
  - {id: minh, role: marketing-manager}
plan:
  owner: minh
  period: {start: ${start}, end: ${end}}
  implements: [share]
`;
}

describe(rule, () => {
  describe('fires', () => {
    it('on each campaign date outside the plan period, on that date', async () => {
      const text = withChange('start: 2027-01-20', 'start: 2026-12-31', withChange('end: 2027-02-10', 'end: 2028-01-01'));
      assert.deepEqual(await findingsOf(rule, text), ['43:2026-12-31', '44:2028-01-01']);
    });

    it('is a warning by default', async () => {
      const text = withChange('start: 2027-01-20', 'start: 2026-12-31');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [2],
      );
    });

    it('on a milestone `date`, and on each milestone `start` or `end`, outside the plan period', async () => {
      const text = withTimeline(
        '{name: Launch, date: 2028-01-01}',
        '{name: Fair, start: 2026-12-31, end: 2028-02-01}',
        '{name: Inside, start: 2027-03-01, end: 2027-03-02}',
        '{name: Late end, start: 2027-12-01, end: 2028-01-15}',
      );
      assert.deepEqual(await findingsOf(rule, text), ['35:2028-01-01', '36:2026-12-31', '36:2028-02-01', '38:2028-01-15']);
    });

    it('on each plan period date outside the strategy horizon', async () => {
      const text = withPeriod('2026-06-01', '2030-05-31');
      assert.deepEqual(await findingsOf(rule, text), ['26:2026-06-01', '26:2030-05-31']);
    });

    it('on a plan period outside the horizon of an imported strategy file', async () => {
      const files = { 'strategy.mktplan.yaml': strategyFile('2027-01-01', '2029-12-31') };
      assert.deepEqual(await findingsOf(rule, planFile('2026-07-01', '2027-06-30'), { files }), ['7:2026-07-01']);
      assert.deepEqual(await findingsOf(rule, planFile('2029-07-01', '2030-06-30'), { files }), ['7:2030-06-30']);
    });

    it('with the horizon of the first import that has one', async () => {
      const files = {
        'first.mktplan.yaml': strategyFile('2027-01-01', '2029-12-31'),
        'second.mktplan.yaml': strategyFile('2020-01-01', '2040-12-31').replace('linh', 'lan').replace('linh', 'lan').replace('share', 'growth'),
      };
      const text = planFile('2026-07-01', '2027-06-30', '[./first.mktplan.yaml, ./second.mktplan.yaml]');
      assert.deepEqual(await findingsOf(rule, text, { files }), ['7:2026-07-01']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('on dates exactly on the bounds (bounds are included)', async () => {
      const campaign = withChange('start: 2027-01-20', 'start: 2027-01-01', withChange('end: 2027-02-10', 'end: 2027-12-31'));
      assert.deepEqual(await findingsOf(rule, campaign), []);
      const milestones = withTimeline('{name: Kick-off, date: 2027-01-01}', '{name: Wrap-up, date: 2027-12-31}', '{name: All year, start: 2027-01-01, end: 2027-12-31}');
      assert.deepEqual(await findingsOf(rule, milestones), []);
      assert.deepEqual(await findingsOf(rule, withPeriod('2027-01-01', '2029-12-31')), []);
    });

    it('without a plan period, or with only one of its dates', async () => {
      const noPeriod = withChange('  period: {start: 2027-01-01, end: 2027-12-31}\n', '', withChange('start: 2027-01-20', 'start: 2020-01-01'));
      assert.deepEqual(await findingsOf(rule, noPeriod), []);
      const startOnly = withChange('period: {start: 2027-01-01, end: 2027-12-31}', 'period: {start: 2027-06-01}', withChange('start: 2027-01-20', 'start: 2020-01-01'));
      assert.deepEqual(await findingsOf(rule, startOnly), []);
    });

    it('when the plan period ends before it starts (only dates/end-before-start fires)', async () => {
      // The period's end lies before the horizon and the campaign before the period's start: neither is compared.
      const text = withPeriod('2027-06-01', '2026-12-31', withChange('start: 2027-01-20', 'start: 2026-12-20'));
      assert.deepEqual(await findingsOf('dates/end-before-start', text), ['26:2026-12-31']);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when a plan period with one date only is not compared with the horizon (the rule needs both dates)', async () => {
      const text = withChange('period: {start: 2027-01-01, end: 2027-12-31}', 'period: {start: 2026-06-01}');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when the strategy horizon ends before it starts', async () => {
      // The period starts before either horizon date, yet a horizon out of order bounds nothing.
      const text = withChange('horizon: {start: 2027-01-01, end: 2029-12-31}', 'horizon: {start: 2029-12-31, end: 2027-01-01}', withPeriod('2026-06-01', '2027-05-31'));
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it("with this file's own horizon, which comes before an imported one", async () => {
      // The imported horizon (2030 to 2032) would put the 2027 period outside; this file's own (2027 to 2029) is the one used.
      const files = { 'other.mktplan.yaml': strategyFile('2030-01-01', '2032-12-31').replace(/linh/g, 'lan').replace('share', 'growth') };
      const text = withChange('title:', 'imports: [./other.mktplan.yaml]\ntitle:');
      assert.deepEqual(await findingsOf('ref/duplicate-id', text, { files }), []);
      assert.deepEqual(await findingsOf(rule, text, { files }), []);
    });

    it('on dates that are not real dates (they count as absent)', async () => {
      const text = withChange('start: 2027-01-20', 'start: 2026-02-30');
      assert.deepEqual(await findingsOf(rule, text), []);
    });
  });
});
