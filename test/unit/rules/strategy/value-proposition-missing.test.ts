import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/value-proposition-missing';

const valueProposition = '  valueProposition: {statement: Single-origin coffee ready in two minutes}\n';
const withoutValueProposition = withChange(valueProposition, '');
const planOnly = withChange(cleanPlan.slice(cleanPlan.indexOf('strategy:\n'), cleanPlan.indexOf('plan:\n')), '');

describe(rule, () => {
  describe('fires on the `strategy` key', () => {
    it('when the strategy has no `valueProposition`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutValueProposition), ['8:strategy']);
    });

    it('when `valueProposition` is text rather than a map (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(valueProposition, '  valueProposition: Single-origin coffee\n')), ['8:strategy']);
    });

    it('when `valueProposition` is a list (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(valueProposition, '  valueProposition: [fast, fresh]\n')), ['8:strategy']);
    });

    it('in a small strategy-only file', async () => {
      const text = `mktplan: "1"
strategy:
  objectives:
    - {id: share, statement: Lead specialty coffee, target: 15, unit: "%", due: 2029-12-31}
`;
      assert.deepEqual(await findingsOf(rule, text), ['2:strategy']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with a statement and a USP', async () => {
      const text = withChange(valueProposition, '  valueProposition:\n    statement: Single-origin coffee ready in two minutes\n    usp: Roasted in-house the same week\n');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('in a file without a strategy', async () => {
      assert.deepEqual(await findingsOf(rule, planOnly), []);
    });
  });
});
