import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/objectives-missing';

const objectives = `  objectives:
    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}
`;
const withoutObjectives = withChange(objectives, '');
const strategySection = cleanPlan.slice(cleanPlan.indexOf('strategy:\n'), cleanPlan.indexOf('plan:\n'));
const planOnly = withChange(strategySection, '');

describe(rule, () => {
  describe('fires on the `strategy` key', () => {
    it('when the strategy has no `objectives`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutObjectives), ['8:strategy']);
    });

    it('when `objectives` is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(objectives, '  objectives: []\n')), ['8:strategy']);
    });

    it('when `objectives` is not a list (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(objectives, '  objectives: grow market share\n')), ['8:strategy']);
    });

    it('when the only entry is text rather than an objective', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(objectives, '  objectives: [grow market share]\n')), ['8:strategy']);
    });

    it('on an empty strategy map', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(strategySection, 'strategy: {}\n')), ['8:strategy']);
    });

    it('on a strategy-only file', async () => {
      const text = `mktplan: "1"
strategy:
  vision: The quickest real coffee in town
`;
      assert.deepEqual(await findingsOf(rule, text), ['2:strategy']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with one objective that has only a statement', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(objectives, '  objectives:\n    - {statement: Lead specialty coffee}\n')), []);
    });

    it('with an objective that breaks the schema but is still an objective', async () => {
      const text = withChange(objectives, '  objectives:\n    - {id: share, target: 15, due: 2029-12-31}\n');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('in a file without a strategy', async () => {
      assert.deepEqual(await findingsOf(rule, planOnly), []);
    });

    it('when `strategy` itself is not a map (no strategy to check)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(strategySection, 'strategy: todo\n')), []);
    });
  });
});
