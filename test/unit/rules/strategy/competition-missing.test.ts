import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/competition-missing';

const competition = '  competition: {approach: differentiation, competitors: [{name: Big Chain}]}\n';
const withoutCompetition = withChange(competition, '');
const planOnly = withChange(cleanPlan.slice(cleanPlan.indexOf('strategy:\n'), cleanPlan.indexOf('plan:\n')), '');

describe(rule, () => {
  describe('fires on the `strategy` key', () => {
    it('when the strategy has no `competition`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutCompetition), ['8:strategy']);
    });

    it('when `competition` is a list (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(competition, '  competition: [Big Chain, Corner Cafe]\n')), ['8:strategy']);
    });

    it('when `competition` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(competition, '  competition: differentiation\n')), ['8:strategy']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with only an approach', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(competition, '  competition: {approach: niche}\n')), []);
    });

    it('with competitors written in block style', async () => {
      const text = withChange(
        competition,
        `  competition:
    competitors:
      - name: Big Chain
        strengths: [many shops]
        weaknesses: [slow queues]
    advantage: Fastest pickup in District 1
`,
      );
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('in a file without a strategy', async () => {
      assert.deepEqual(await findingsOf(rule, planOnly), []);
    });
  });
});
