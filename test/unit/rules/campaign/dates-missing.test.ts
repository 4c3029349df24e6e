import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'campaign/dates-missing';

async function messages(text: string): Promise<string[]> {
  return (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.message);
}

describe(rule, () => {
  describe('fires', () => {
    it('on a campaign with a budget but no `start`, naming `start` only', async () => {
      const text = withChange('      start: 2027-01-20\n', '');
      assert.deepEqual(await findingsOf(rule, text), ['38:tet']);
      const [message] = await messages(text);
      assert.ok(message.includes('`start`') && !message.includes('`end`'), message);
    });

    it('is a warning by default', async () => {
      const text = withChange('      start: 2027-01-20\n', '');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [2],
      );
    });

    it('on a campaign with a budget but no `end`, naming `end` only', async () => {
      const text = withChange('      end: 2027-02-10\n', '');
      assert.deepEqual(await findingsOf(rule, text), ['38:tet']);
      const [message] = await messages(text);
      assert.ok(message.includes('`end`') && !message.includes('`start`'), message);
    });

    it('on a campaign with a budget and neither date, naming both', async () => {
      const text = withChange('      start: 2027-01-20\n      end: 2027-02-10\n', '');
      assert.deepEqual(await findingsOf(rule, text), ['38:tet']);
      const [message] = await messages(text);
      assert.ok(message.includes('`start`') && message.includes('`end`'), message);
    });

    it('when a date is not a real date (it counts as absent)', async () => {
      const text = withChange('start: 2027-01-20', 'start: 2027-02-30');
      assert.deepEqual(await findingsOf(rule, text), ['38:tet']);
      assert.deepEqual(await findingsOf('schema', text), ['43:2027-02-30']);
    });

    it('on a campaign without an id, on its first key', async () => {
      const text = withChange(
        '  kpis:\n    - {id: pickups',
        '    - {name: Autumn, budget: 100, start: 2027-09-01, kpis: [pickups]}\n  kpis:\n    - {id: pickups',
      );
      assert.deepEqual(await findingsOf(rule, text), ['48:name']);
    });

    it('on a campaign with a budget of 0, which is still a budget', async () => {
      const text = withChange('      start: 2027-01-20\n      end: 2027-02-10\n      budget: 12000\n', '      budget: 0\n');
      assert.deepEqual(await findingsOf(rule, text), ['38:tet']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('on a campaign without a budget, whatever its dates', async () => {
      const text = withChange('      start: 2027-01-20\n      end: 2027-02-10\n      budget: 12000\n', '');
      assert.deepEqual(await findingsOf(rule, text), []);
      const startOnly = withChange('      end: 2027-02-10\n      budget: 12000\n', '');
      assert.deepEqual(await findingsOf(rule, startOnly), []);
    });

    it('on a campaign whose budget has the wrong type (it counts as absent)', async () => {
      const text = withChange('      start: 2027-01-20\n      end: 2027-02-10\n      budget: 12000\n', '      budget: "12k"\n');
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('schema', text), ['43:"12k"']);
    });

    it('on a one-day campaign (start equal to end)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('end: 2027-02-10', 'end: 2027-01-20')), []);
    });
  });
});
