import { strict as assert } from 'node:assert';
import { cleanBudget, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/timeline-missing';

const budget = cleanBudget;
const campaignDates = '      start: 2027-01-20\n      end: 2027-02-10\n';
const noBudget = withChange(budget, '');
/** No plan budget and a campaign without dates: nothing is scheduled. */
const unscheduled = withChange(campaignDates, '', noBudget);
/** Adds a `timeline` with the given milestone lines to the plan. */
const withTimeline = (milestones: string, text: string): string => withChange('  channels:\n', `  timeline:\n${milestones}  channels:\n`, text);

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when there is no budget, no timeline and no dated campaign', async () => {
      assert.deepEqual(await findingsOf(rule, unscheduled), ['24:plan']);
    });

    it('when the only campaign has a start but no end', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('      end: 2027-02-10\n', '', noBudget)), ['24:plan']);
    });

    it('when the only campaign has an end but no start', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('      start: 2027-01-20\n', '', noBudget)), ['24:plan']);
    });

    it('when the only milestone has an end but neither `date` nor `start`', async () => {
      const text = withTimeline('    - {id: launch, name: Launch, end: 2027-03-01}\n', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), ['24:plan']);
    });

    it('when `timeline` is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('  channels:\n', '  timeline: []\n  channels:\n', unscheduled)), ['24:plan']);
    });

    it('when the only milestone date is not a real date (it counts as absent)', async () => {
      const text = withTimeline('    - {id: launch, name: Launch, date: 2027-02-30}\n', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), ['24:plan']);
    });

    it('when `budget` is a bare number (a wrong-typed budget counts as absent)', async () => {
      const text = withChange(campaignDates, '', withChange(budget, '  budget: 50000\n'));
      assert.deepEqual(await findingsOf(rule, text), ['24:plan']);
    });

    it('on a plan that holds nothing but an owner', async () => {
      const text = `mktplan: "1"
team:
  - {id: minh, role: marketing-manager}
plan:
  owner: minh
`;
      assert.deepEqual(await findingsOf(rule, text), ['4:plan']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('whenever a budget exists, even with nothing scheduled (then only plan/budget-without-timeline fires)', async () => {
      const text = withChange(campaignDates, '');
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('plan/budget-without-timeline', text), ['24:plan']);
    });

    it('without a budget when a campaign has both start and end', async () => {
      assert.deepEqual(await findingsOf(rule, noBudget), []);
    });

    it('without a budget when a milestone has a `date`', async () => {
      const text = withTimeline('    - {id: launch, name: Launch, date: 2027-01-15}\n', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('without a budget when a milestone has only a `start`', async () => {
      const text = withTimeline('    - {id: launch, name: Launch, start: 2027-01-15}\n', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when one of several milestones is scheduled', async () => {
      const text = withTimeline('    - {id: brief, name: Agency brief}\n    - {id: launch, name: Launch, date: 2027-01-15}\n', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'))), []);
    });
  });
});
