import { strict as assert } from 'node:assert';
import { cleanBudget, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/budget-without-timeline';

const budget = cleanBudget;
const campaignDates = '      start: 2027-01-20\n      end: 2027-02-10\n';
/** A budget, and a campaign without dates: nothing is scheduled. */
const unscheduled = withChange(campaignDates, '');
/** Adds a `timeline` with the given milestone lines to the plan. */
const withTimeline = (milestones: string, text: string): string => withChange('  channels:\n', `  timeline:\n${milestones}  channels:\n`, text);

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when there is a budget but no timeline and no dated campaign', async () => {
      assert.deepEqual(await findingsOf(rule, unscheduled), ['24:plan']);
    });

    it('when the only campaign has a start but no end', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('      end: 2027-02-10\n', '')), ['24:plan']);
    });

    it('when the only campaign has an end but no start', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('      start: 2027-01-20\n', '')), ['24:plan']);
    });

    it('when the campaign\'s start is not a real date (it counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('      start: 2027-01-20\n', '      start: 2027-02-30\n')), ['24:plan']);
    });

    it('when the only milestone has neither `date` nor `start`', async () => {
      const text = withTimeline('    - {id: launch, name: Launch, end: 2027-03-01}\n', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), ['24:plan']);
    });

    it('when `timeline` is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('  channels:\n', '  timeline: []\n  channels:\n', unscheduled)), ['24:plan']);
    });

    it('on a small plan with a budget and nothing else', async () => {
      const text = `mktplan: "1"
plan:
  budget: {total: 10000, currency: USD}
`;
      assert.deepEqual(await findingsOf(rule, text), ['2:plan']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan (a campaign with start and end)', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('when a milestone has a `date`', async () => {
      const text = withTimeline('    - {id: launch, name: Launch, date: 2027-01-15}\n', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when a milestone has only a `start`', async () => {
      const text = withTimeline('    - {id: launch, name: Launch, start: 2027-01-15}\n', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when there is no budget and nothing scheduled (then plan/timeline-missing fires)', async () => {
      const text = withChange(budget, '', unscheduled);
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('plan/timeline-missing', text), ['24:plan']);
    });

    it('when `budget` is a bare number (a wrong-typed budget counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(budget, '  budget: 50000\n', unscheduled)), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'))), []);
    });
  });
});
