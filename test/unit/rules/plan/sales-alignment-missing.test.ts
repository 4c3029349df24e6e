import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/sales-alignment-missing';

const salesAlignment = '  salesAlignment: {owner: hoa, sharedGoals: [office accounts]}\n';
const withoutSalesAlignment = withChange(salesAlignment, '');

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when the plan has no `salesAlignment`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutSalesAlignment), ['24:plan']);
    });

    it('when `salesAlignment` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(salesAlignment, '  salesAlignment: hoa\n')), ['24:plan']);
    });

    it('when `salesAlignment` is a list (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(salesAlignment, '  salesAlignment: [office accounts]\n')), ['24:plan']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with only a handoff, in block style', async () => {
      const text = withChange(salesAlignment, '  salesAlignment:\n    handoff: Weekly call with the sales team\n');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'))), []);
    });
  });
});
