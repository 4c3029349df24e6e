import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/brand-missing';

const brand = '  brand: {positioning: The quickest real coffee in town}\n';
const withoutBrand = withChange(brand, '');
const planOnly = withChange(cleanPlan.slice(cleanPlan.indexOf('strategy:\n'), cleanPlan.indexOf('plan:\n')), '');

describe(rule, () => {
  describe('fires on the `strategy` key', () => {
    it('when the strategy has no `brand`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutBrand), ['8:strategy']);
    });

    it('when `brand` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(brand, '  brand: The quickest real coffee in town\n')), ['8:strategy']);
    });

    it('when `brand` is empty (null counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(brand, '  brand:\n')), ['8:strategy']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with positioning, personality and promise in block style', async () => {
      const text = withChange(
        brand,
        `  brand:
    positioning: The quickest real coffee in town
    personality: warm, brisk
    promise: Your cup in two minutes
`,
      );
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('in a file without a strategy', async () => {
      assert.deepEqual(await findingsOf(rule, planOnly), []);
    });
  });
});
