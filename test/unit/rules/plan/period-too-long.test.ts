import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/period-too-long';

const period = '  period: {start: 2027-01-01, end: 2027-12-31}\n';
const withPeriod = (start: string, end: string): string => withChange(period, `  period: {start: ${start}, end: ${end}}\n`);
const days367 = withPeriod('2027-01-01', '2028-01-02');

describe(rule, () => {
  describe('fires on the `period` key', () => {
    it('for a period of 367 days (2027-01-01..2028-01-02)', async () => {
      assert.deepEqual(await findingsOf(rule, days367), ['26:period']);
    });

    it('for 367 days of a leap year span (2028-01-01..2029-01-01)', async () => {
      assert.deepEqual(await findingsOf(rule, withPeriod('2028-01-01', '2029-01-01')), ['26:period']);
    });

    it('for 367 days across a leap day (2027-03-01..2028-03-01)', async () => {
      assert.deepEqual(await findingsOf(rule, withPeriod('2027-03-01', '2028-03-01')), ['26:period']);
    });

    it('for a two-year period written in block style', async () => {
      const text = withChange(period, '  period:\n    start: 2027-01-01\n    end: 2028-12-31\n');
      assert.deepEqual(await findingsOf(rule, text), ['26:period']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan (365 days)', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('for 366 days (2027-01-01..2028-01-01)', async () => {
      assert.deepEqual(await findingsOf(rule, withPeriod('2027-01-01', '2028-01-01')), []);
    });

    it('for a whole leap year, 366 days (2028-01-01..2028-12-31)', async () => {
      assert.deepEqual(await findingsOf(rule, withPeriod('2028-01-01', '2028-12-31')), []);
    });

    it('for 366 days ending on a leap day (2027-03-01..2028-02-29)', async () => {
      assert.deepEqual(await findingsOf(rule, withPeriod('2027-03-01', '2028-02-29')), []);
    });

    it('without a period', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(period, '')), []);
    });

    it('with only a start date', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(period, '  period: {start: 2027-01-01}\n')), []);
    });

    it('when the end is before the start (only dates/end-before-start fires)', async () => {
      const text = withPeriod('2029-01-01', '2027-01-01');
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('dates/end-before-start', text), ['26:2027-01-01']);
    });

    it('when a date is not a real date (a schema error counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withPeriod('2027-01-01', '2029-13-01')), []);
    });
  });
});
