import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/horizon-too-short';

const horizon = '  horizon: {start: 2027-01-01, end: 2029-12-31}\n';
const withHorizon = (start: string, end: string): string => withChange(horizon, `  horizon: {start: ${start}, end: ${end}}\n`);
const days364 = withHorizon('2027-01-01', '2027-12-30');

describe(rule, () => {
  describe('fires on the `horizon` key', () => {
    it('for a horizon of 364 days (2027-01-01..2027-12-30)', async () => {
      assert.deepEqual(await findingsOf(rule, days364), ['10:horizon']);
    });

    it('for 364 days in a leap year (2028-01-01..2028-12-29)', async () => {
      assert.deepEqual(await findingsOf(rule, withHorizon('2028-01-01', '2028-12-29')), ['10:horizon']);
    });

    it('for 364 days across a leap day (2027-03-02..2028-02-28)', async () => {
      assert.deepEqual(await findingsOf(rule, withHorizon('2027-03-02', '2028-02-28')), ['10:horizon']);
    });

    it('for a one-day horizon', async () => {
      assert.deepEqual(await findingsOf(rule, withHorizon('2027-01-01', '2027-01-01')), ['10:horizon']);
    });

    it('with quoted dates', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(horizon, '  horizon: {start: "2027-01-01", end: "2027-12-30"}\n')), ['10:horizon']);
    });

    it('with the horizon written in block style, on the key', async () => {
      const text = withChange(horizon, '  horizon:\n    start: 2027-01-01\n    end: 2027-06-30\n');
      assert.deepEqual(await findingsOf(rule, text), ['10:horizon']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan (three years)', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('for a horizon of exactly 365 days (2027-01-01..2027-12-31)', async () => {
      assert.deepEqual(await findingsOf(rule, withHorizon('2027-01-01', '2027-12-31')), []);
    });

    it('for 365 days in a leap year (2028-01-01..2028-12-30)', async () => {
      assert.deepEqual(await findingsOf(rule, withHorizon('2028-01-01', '2028-12-30')), []);
    });

    it('for 365 days across a leap day (2027-03-01..2028-02-28)', async () => {
      assert.deepEqual(await findingsOf(rule, withHorizon('2027-03-01', '2028-02-28')), []);
    });

    it('without a horizon', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(horizon, '')), []);
    });

    it('with only a start date', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(horizon, '  horizon: {start: 2027-01-01}\n')), []);
    });

    it('when the end is before the start (only dates/end-before-start fires)', async () => {
      const text = withHorizon('2027-06-01', '2027-01-01');
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('dates/end-before-start', text), ['10:2027-01-01']);
    });

    it('when `horizon` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(horizon, '  horizon: 2027-2027\n')), []);
    });

    it('when a date is not a real date (a schema error counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withHorizon('2027-01-01', '2027-02-30')), []);
    });
  });
});
