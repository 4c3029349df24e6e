import { strict as assert } from 'node:assert';
import { Engine } from '../../../server/src/service';
import { cleanPlan, MemoryWorkspace, withChange } from '../helpers';

async function insightsOf(text: string): Promise<string[]> {
  const workspace = new MemoryWorkspace();
  const found = await new Engine(workspace).insights(workspace.resolve('plan.mktplan.yaml'), text);
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
      'budget: → 50,000 of 60,000 allocated, 10,000 left',
      '- id: tet → 22 days, 20% of the budget',
      '- {id: pickups, name: App pickups, target: 20000, unit: orders, baseline: 5000, frequency: monthly} → +15,000 from 5,000',
    ]);
  });

  it('say by how much the allocations go over the total', async () => {
    const [budget] = await insightsOf(withChange('total: 50000', 'total: 40000'));
    assert.equal(budget, 'budget: → 50,000 allocated of 40,000: 10,000 too much');
  });

  it('say nothing where there is nothing to compute, nor in a file that does not parse', async () => {
    const lean = withChange('    allocations:\n      - {channel: social, amount: 35000}\n      - {channel: events, amount: 15000}\n', '', withChange('      start: 2027-01-20\n      end: 2027-02-10\n      budget: 12000\n', ''));
    assert.deepEqual(await insightsOf(lean), []);
    assert.deepEqual(await insightsOf(cleanPlan + 'plan: [\n'), []);
  });
});
