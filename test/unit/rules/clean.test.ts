import { strict as assert } from 'node:assert';
import { check, cleanPlan } from '../helpers';

describe('the clean plan that rule tests start from', () => {
  it('has no findings at all', async () => {
    assert.deepEqual(await check(cleanPlan), []);
  });
});
