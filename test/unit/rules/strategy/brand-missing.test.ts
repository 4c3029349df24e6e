import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

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

  describe('configuration', () => {
    it('is silenced by the setting `off`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutBrand, { settings: { rules: { [rule]: 'off' } } }), []);
    });

    it('takes the severity a setting gives it', async () => {
      const found = (await check(withoutBrand, { settings: { rules: { [rule]: 'error' } } })).filter((diagnostic) => diagnostic.code === rule);
      assert.deepEqual(found.map((diagnostic) => diagnostic.severity), [1]);
    });

    it('is silenced by `# mktplan-disable-next-line` on the line before the finding', async () => {
      const text = withChange('strategy:\n', `# mktplan-disable-next-line ${rule}\nstrategy:\n`, withoutBrand);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('is silenced for the whole file by `# mktplan-disable`', async () => {
      assert.deepEqual(await findingsOf(rule, `# mktplan-disable ${rule}\n${withoutBrand}`), []);
    });

    it('is a warning by default', async () => {
      const found = (await check(withoutBrand)).filter((diagnostic) => diagnostic.code === rule);
      assert.deepEqual(found.map((diagnostic) => diagnostic.severity), [2]);
    });
  });
});
