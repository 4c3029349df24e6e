import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/swot-incomplete';

const swot = `  swot:
    strengths: [own roastery]
    weaknesses: [two shops only]
    opportunities: [office delivery apps]
    threats: [chain price war]
`;
const threats = '    threats: [chain price war]\n';
const withoutThreats = withChange(threats, '');
const emptyThreats = withChange(threats, '    threats: []\n');

describe(rule, () => {
  describe('fires', () => {
    it('on `swot` when a quadrant is missing', async () => {
      assert.deepEqual(await findingsOf(rule, withoutThreats), ['17:swot']);
    });

    it('on the quadrant\'s own key when it is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, emptyThreats), ['21:threats']);
    });

    it('once per quadrant: three missing ones, all on `swot`', async () => {
      const text = withChange(swot, '  swot:\n    strengths: [own roastery]\n');
      assert.deepEqual(await findingsOf(rule, text), ['17:swot', '17:swot', '17:swot']);
    });

    it('four times on an empty `swot: {}`', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(swot, '  swot: {}\n')), ['17:swot', '17:swot', '17:swot', '17:swot']);
    });

    it('on `swot` for a missing quadrant and on the key of an empty one', async () => {
      const text = withChange('    weaknesses: [two shops only]\n', '', emptyThreats);
      assert.deepEqual(await findingsOf(rule, text), ['17:swot', '20:threats']);
    });

    it('on `swot` when a quadrant is text rather than a list (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(threats, '    threats: chain price war\n')), ['17:swot']);
    });

    it('on an empty quadrant in a flow-style swot', async () => {
      const text = withChange(swot, '  swot: {strengths: [a], weaknesses: [b], opportunities: [], threats: [d]}\n');
      assert.deepEqual(await findingsOf(rule, text), ['17:opportunities']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('when there is no swot at all (that is strategy/swot-missing)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(swot, '')), []);
    });

    it('when `swot` is text, which counts as no swot', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(swot, '  swot: "todo"\n')), []);
    });

    it('with every quadrant holding one entry, in block lists', async () => {
      const text = withChange(
        swot,
        `  swot:
    strengths:
      - own roastery
    weaknesses:
      - two shops only
    opportunities:
      - office delivery apps
    threats:
      - chain price war
`,
      );
      assert.deepEqual(await findingsOf(rule, text), []);
    });
  });
});
