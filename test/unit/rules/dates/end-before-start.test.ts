import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'dates/end-before-start';

/** The clean plan with a `timeline` whose milestones are on lines 35, 36, ... */
function withTimeline(...milestones: string[]): string {
  return withChange('  channels:\n    - {id: social', `  timeline:\n${milestones.map((milestone) => `    - ${milestone}\n`).join('')}  channels:\n    - {id: social`);
}

describe(rule, () => {
  describe('fires', () => {
    it('on a strategy horizon that ends before it starts, on the end value', async () => {
      const text = withChange('horizon: {start: 2027-01-01, end: 2029-12-31}', 'horizon: {start: 2027-01-01, end: 2026-12-31}');
      assert.deepEqual(await findingsOf(rule, text), ['10:2026-12-31']);
    });

    it('is an error by default', async () => {
      const text = withChange('end: 2027-02-10', 'end: 2027-01-19');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [1],
      );
    });

    it('on a plan period that ends before it starts', async () => {
      const text = withChange('period: {start: 2027-01-01, end: 2027-12-31}', 'period: {start: 2027-12-31, end: 2027-01-01}');
      assert.deepEqual(await findingsOf(rule, text), ['26:2027-01-01']);
    });

    it('on a campaign that ends one day before it starts', async () => {
      const text = withChange('end: 2027-02-10', 'end: 2027-01-19');
      assert.deepEqual(await findingsOf(rule, text), ['44:2027-01-19']);
    });

    it('on a milestone that ends before it starts', async () => {
      const text = withTimeline('{id: launch, name: Launch, start: 2027-03-10, end: 2027-03-01}', '{name: Fair, start: 2027-05-02, end: 2027-05-01}');
      assert.deepEqual(await findingsOf(rule, text), ['35:2027-03-01', '36:2027-05-01']);
    });

    it('on every span at once, each on its own end value', async () => {
      const text = withChange(
        'horizon: {start: 2027-01-01, end: 2029-12-31}',
        'horizon: {start: 2029-12-31, end: 2027-01-01}',
        withChange('period: {start: 2027-01-01, end: 2027-12-31}', 'period: {start: 2027-12-31, end: 2027-01-01}', withChange('end: 2027-02-10', 'end: 2027-01-01')),
      );
      assert.deepEqual(await findingsOf(rule, text), ['10:2027-01-01', '26:2027-01-01', '44:2027-01-01']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('when end equals start (a one-day span)', async () => {
      const text = withChange('end: 2027-02-10', 'end: 2027-01-20', withChange('period: {start: 2027-01-01, end: 2027-12-31}', 'period: {start: 2027-01-01, end: 2027-01-01}'));
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf(rule, withTimeline('{name: Launch, start: 2027-03-10, end: 2027-03-10}')), []);
    });

    it('on a milestone with a single `date`, or a span with one date only', async () => {
      const text = withTimeline('{name: Launch, date: 2027-03-10}', '{name: Fair, start: 2027-05-02}', '{name: Close, end: 2027-01-02}');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when the end is not a real date (it counts as absent; the schema says what is wrong)', async () => {
      const text = withChange('end: 2027-02-10', 'end: 2027-01-32');
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('schema', text), ['44:2027-01-32']);
    });

    it('when the end is a later year but an earlier month', async () => {
      const text = withChange('end: 2027-02-10', 'end: 2028-01-05', withChange('period: {start: 2027-01-01, end: 2027-12-31}', 'period: {start: 2027-02-01, end: 2028-01-31}'));
      assert.deepEqual(await findingsOf(rule, text), []);
    });
  });
});
