import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/audience-missing';

const audience = `  audience:
    segments:
      - {id: office, name: Office workers, needs: [fast pickup]}
`;
const withoutAudience = withChange(audience, '');
const planOnly = withChange(cleanPlan.slice(cleanPlan.indexOf('strategy:\n'), cleanPlan.indexOf('plan:\n')), '');

describe(rule, () => {
  describe('fires on the `strategy` key', () => {
    it('when the strategy has no `audience`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutAudience), ['8:strategy']);
    });

    it('when `audience` has no `segments`', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(audience, '  audience: {}\n')), ['8:strategy']);
    });

    it('when `segments` is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(audience, '  audience:\n    segments: []\n')), ['8:strategy']);
    });

    it('when `audience` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(audience, '  audience: office workers\n')), ['8:strategy']);
    });

    it('when `segments` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(audience, '  audience:\n    segments: office workers\n')), ['8:strategy']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with one segment that has only a name', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(audience, '  audience:\n    segments:\n      - {name: Students}\n')), []);
    });

    it('with a segment that misses its required name (still a segment)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(audience, '  audience:\n    segments:\n      - {id: office, needs: [fast pickup]}\n')), []);
    });

    it('in a file without a strategy', async () => {
      assert.deepEqual(await findingsOf(rule, planOnly), []);
    });
  });
});
