import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'budget/over-allocated';

async function messages(text: string): Promise<string[]> {
  return (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.message);
}

/** The clean plan with a second campaign (budget given) after `tet`. */
function withSecondCampaign(budget: string, text = cleanPlan): string {
  return withChange(
    '      kpis: [pickups]\n  kpis:\n',
    `      kpis: [pickups]\n    - {id: summer, name: Summer, start: 2027-06-01, end: 2027-06-30, budget: ${budget}, kpis: [pickups]}\n  kpis:\n`,
    text,
  );
}

describe(rule, () => {
  describe('fires', () => {
    it('when the allocations add up to more than the total, on the total value', async () => {
      const text = withChange('{channel: events, amount: 15000}', '{channel: events, amount: 15001}');
      assert.deepEqual(await findingsOf(rule, text), ['29:50000']);
      const [message] = await messages(text);
      assert.match(message, /allocations/);
    });

    it('is an error by default', async () => {
      const text = withChange('{channel: events, amount: 15000}', '{channel: events, amount: 15001}');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [1],
      );
    });

    it('when the campaign budgets add up to more than the total, even with the allocations in balance', async () => {
      const text = withSecondCampaign('38001');
      assert.deepEqual(await findingsOf(rule, text), ['29:50000']);
      const [message] = await messages(text);
      assert.match(message, /campaign budgets/);
    });

    it('twice when both sums are over, each checked separately', async () => {
      const text = withChange('total: 50000', 'total: 10000');
      assert.deepEqual(await findingsOf(rule, text), ['29:10000', '29:10000']);
      const found = await messages(text);
      assert.equal(found.filter((message) => /allocations/.test(message)).length, 1, found.join('\n'));
      assert.equal(found.filter((message) => /campaign budgets/.test(message)).length, 1, found.join('\n'));
    });

    it('on the allocations even when a campaign budget has the wrong type (only that sum is skipped)', async () => {
      const text = withSecondCampaign('"1k"', withChange('total: 50000', 'total: 40000', withChange('budget: 12000', 'budget: 60000')));
      assert.deepEqual(await findingsOf(rule, text), ['29:40000']);
      assert.match((await messages(text))[0], /allocations/);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan, where the allocations equal the total exactly', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('when the sums differ from the total only by floating-point rounding (0.1 + 0.2 vs 0.3)', async () => {
      const text = withChange(
        'total: 50000',
        'total: 0.3',
        withChange('amount: 35000', 'amount: 0.1', withChange('amount: 15000', 'amount: 0.2', withSecondCampaign('0.2', withChange('budget: 12000', 'budget: 0.1')))),
      );
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when an allocation amount has the wrong type: that sum is not checked', async () => {
      const text = withChange('total: 50000', 'total: 40000', withChange('amount: 35000', 'amount: 45000', withChange('amount: 15000', 'amount: "40k"')));
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('schema', text), ['33:"40k"']);
    });

    it('when an allocation amount is negative (a schema error, so the sum is not checked)', async () => {
      const text = withChange('total: 50000', 'total: 40000', withChange('amount: 35000', 'amount: 45000', withChange('amount: 15000', 'amount: -1')));
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when a campaign budget has the wrong type: the campaign sum is not checked', async () => {
      const text = withSecondCampaign('"12k"', withChange('budget: 12000', 'budget: 60000'));
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when the total has the wrong type or is missing', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('total: 50000', 'total: "50k"', withChange('amount: 15000', 'amount: 99999'))), []);
      assert.deepEqual(await findingsOf(rule, withChange('    total: 50000\n', '', withChange('amount: 15000', 'amount: 99999'))), []);
    });

    it('when the campaign budgets add up to exactly the total', async () => {
      assert.deepEqual(await findingsOf(rule, withSecondCampaign('38000')), []);
    });
  });
});
