import { strict as assert } from 'node:assert';
import { Engine } from '../../../server/src/service';
import { cleanPlan, MemoryWorkspace, withChange } from '../helpers';

async function insightsOf(text: string, locale?: string): Promise<string[]> {
  const workspace = new MemoryWorkspace();
  const found = await new Engine(workspace).insights(workspace.resolve('plan.mktplan.yaml'), text, locale);
  const lines = text.split('\n');
  return found.map(({ position, label }) => {
    assert.equal(position.character, lines[position.line].length, 'at the end of its line');
    return `${lines[position.line].trim()} → ${label}`;
  });
}

describe('figures at the ends of lines (engine)', () => {
  it('say how much of the budget is allocated and what is left, how long each campaign runs and its share, and how far a KPI goes', async () => {
    const text = withChange('unit: orders, frequency: monthly}', 'unit: orders, baseline: 5000, frequency: monthly}', withChange('total: 50000', 'total: 60000'));
    assert.deepEqual(await insightsOf(text), [
      'budget: → $50,000 of $60,000 allocated, $10,000 left',
      '- id: tet → 22 days, 20% of the budget',
      '- {id: pickups, name: App pickups, target: 20000, unit: orders, baseline: 5000, frequency: monthly} → +15,000 from 5,000',
    ]);
  });

  it('say by how much the allocations go over the total', async () => {
    const [budget] = await insightsOf(withChange('total: 50000', 'total: 40000'));
    assert.equal(budget, 'budget: → $50,000 allocated of $40,000: $10,000 too much');
  });

  it("write the budget's sums as money in the reader's language, in its large units where exact", async () => {
    const budget = (total: string, currency: string, social: string, events: string) =>
      withChange('total: 50000\n    currency: USD', `total: ${total}\n    currency: ${currency}`, withChange('amount: 35000}', `amount: ${social}}`, withChange('amount: 15000}', `amount: ${events}}`)));
    const sums = async (text: string, locale: string) => {
      const [line] = await insightsOf(text, locale);
      return line;
    };
    const dong = await sums(budget('1200000000', 'VND', '1150000000', '15000000'), 'vi');
    for (const sum of ['1.165\u00a0triệu\u00a0đồng', '1,2\u00a0tỷ\u00a0đồng', '35\u00a0triệu\u00a0đồng']) assert.ok(dong.includes(sum), `${sum} in ${dong}`);
    const yuan = await sums(budget('120000000', 'CNY', '90000000', '15000'), 'zh-cn');
    for (const sum of ['9,001.5万元', '1.2亿元', '2,998.5万元']) assert.ok(yuan.includes(sum), `${sum} in ${yuan}`);
    const roubles = await sums(budget('1200000', 'RUB', '35000', '15000'), 'ru');
    for (const sum of ['50\u00a0000\u00a0₽', '1\u00a0200\u00a0000\u00a0₽', '1\u00a0150\u00a0000\u00a0₽']) assert.ok(roubles.includes(sum), `${sum} in ${roubles}`);
  });

  it('say nothing where there is nothing to compute, nor in a file that does not parse', async () => {
    const lean = withChange('    allocations:\n      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}\n', '', withChange('      start: 2027-01-20\n      end: 2027-02-10\n      budget: 12000\n', ''));
    assert.deepEqual(await insightsOf(lean), []);
    assert.deepEqual(await insightsOf(cleanPlan + 'plan: [\n'), []);
  });
});
