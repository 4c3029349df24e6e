import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/swot-missing';

const swot = `  swot:
    strengths: [own roastery]
    weaknesses: [two shops only]
    opportunities: [office delivery apps]
    threats: [chain price war]
`;
const withoutSwot = withChange(swot, '');
const planOnly = withChange(cleanPlan.slice(cleanPlan.indexOf('strategy:\n'), cleanPlan.indexOf('plan:\n')), '');

describe(rule, () => {
  describe('fires on the `strategy` key', () => {
    it('when the strategy has no `swot`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutSwot), ['8:strategy']);
    });

    it('when `swot` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(swot, '  swot: "todo"\n')), ['8:strategy']);
    });

    it('when `swot` is a list of strings rather than four quadrants', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(swot, '  swot: [own roastery, two shops only]\n')), ['8:strategy']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('when the swot is there but incomplete (that is strategy/swot-incomplete)', async () => {
      const text = withChange(swot, '  swot:\n    strengths: [own roastery]\n');
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('strategy/swot-incomplete', text), ['17:swot', '17:swot', '17:swot']);
    });

    it('with a swot written as one flow map', async () => {
      const text = withChange(swot, '  swot: {strengths: [a], weaknesses: [b], opportunities: [c], threats: [d]}\n');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('in a file without a strategy', async () => {
      assert.deepEqual(await findingsOf(rule, planOnly), []);
    });
  });
});
