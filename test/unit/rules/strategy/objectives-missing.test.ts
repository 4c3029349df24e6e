import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

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

  describe('configuration', () => {
    it('is silenced by the setting `off`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutObjectives, { settings: { rules: { [rule]: 'off' } } }), []);
    });

    it('is silenced by `# mktplan-disable-next-line` on the line before the finding', async () => {
      const text = withChange('strategy:\n', `# mktplan-disable-next-line ${rule}\nstrategy:\n`, withoutObjectives);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('is not silenced by a comment naming another rule', async () => {
      const text = withChange('strategy:\n', '# mktplan-disable-next-line strategy/brand-missing\nstrategy:\n', withoutObjectives);
      assert.deepEqual(await findingsOf(rule, text), ['9:strategy']);
    });

    it('is silenced for the whole file by `# mktplan-disable`', async () => {
      assert.deepEqual(await findingsOf(rule, `# mktplan-disable ${rule}\n${withoutObjectives}`), []);
    });

    it('is a warning by default, from mktplan, linked to its rule page', async () => {
      const found = (await check(withoutObjectives)).filter((diagnostic) => diagnostic.code === rule);
      assert.deepEqual(
        found.map((diagnostic) => [diagnostic.severity, diagnostic.source, diagnostic.codeDescription.href.endsWith(`/docs/rules/${rule}.md`)]),
        [[2, 'mktplan', true]],
      );
    });
  });
});
