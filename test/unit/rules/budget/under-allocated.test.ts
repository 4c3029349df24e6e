import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'budget/under-allocated';

const allocations = '    allocations:\n      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}\n';

describe(rule, () => {
  describe('fires', () => {
    it('when the allocations add up to less than the total, on the total value', async () => {
      const text = withChange('amount: 15000', 'amount: 14999');
      assert.deepEqual(await findingsOf(rule, text), ['29:50000']);
    });

    it('is information by default', async () => {
      const text = withChange('amount: 15000', 'amount: 14999');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [3],
      );
    });

    it('with a single allocation', async () => {
      const text = withChange(allocations, '    allocations:\n      - {channel: social, amount: 1000}\n');
      assert.deepEqual(await findingsOf(rule, text), ['29:50000']);
    });

    it('with an allocation to a campaign', async () => {
      const text = withChange('{channel: events, amount: 15000}', '{campaign: tet, amount: 12000}');
      assert.deepEqual(await findingsOf(rule, text), ['29:50000']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan, where the allocations equal the total', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('without any allocation, although the campaign budgets are below the total', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(allocations, '')), []);
      assert.deepEqual(await findingsOf(rule, withChange(allocations, '    allocations: []\n')), []);
    });

    it('when the campaign budgets are below the total (only allocations count)', async () => {
      // The clean plan's single campaign has 12000 of the 50000.
      assert.deepEqual(await findingsOf(rule, withChange('budget: 12000', 'budget: 1')), []);
    });

    it('when the sum differs from the total only by floating-point rounding (0.1 + 0.2 vs 0.3)', async () => {
      const text = withChange('total: 50000', 'total: 0.3', withChange('amount: 35000', 'amount: 0.1', withChange('amount: 15000', 'amount: 0.2', withChange('budget: 12000', 'budget: 0.3'))));
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when an allocation amount has the wrong type: the sum is not checked', async () => {
      const text = withChange('amount: 15000', 'amount: "15k"');
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('schema', text), ['33:"15k"']);
    });

    it('when the allocations are over the total', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('amount: 15000', 'amount: 15001')), []);
    });

    it('when there is no numeric total', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('total: 50000', 'total: "50k"')), []);
      assert.deepEqual(await findingsOf(rule, withChange('    total: 50000\n', '')), []);
    });
  });
});
