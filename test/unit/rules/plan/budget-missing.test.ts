import { strict as assert } from 'node:assert';
import { cleanBudget, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/budget-missing';

const budget = cleanBudget;
const withoutBudget = withChange(budget, '');
const strategyOnly = cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'));

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when the plan has no `budget`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutBudget), ['24:plan']);
    });

    it('when `budget` is a bare number (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(budget, '  budget: 50000\n')), ['24:plan']);
    });

    it('when `budget` is empty (null counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(budget, '  budget:\n')), ['24:plan']);
    });

    it('even when campaigns have budgets of their own', async () => {
      const text = `mktplan: "1"
plan:
  campaigns:
    - {id: tet, name: Tet pickup week, start: 2027-01-20, end: 2027-02-10, budget: 12000}
`;
      assert.deepEqual(await findingsOf(rule, text), ['2:plan']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with a budget that gives only a total', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(budget, '  budget: {total: 50000}\n')), []);
    });

    it('with a budget whose total is wrong-typed (the budget itself is still there)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(budget, '  budget: {total: "50k", currency: USD}\n')), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, strategyOnly), []);
    });
  });
});
