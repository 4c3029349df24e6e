import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Engine } from '../../../server/src/service';
import { exactAmount, sumOf, decimalText } from '../../../server/src/service/model/amounts';
import { MemoryWorkspace } from '../helpers';

/** A decimal text with up to four decimal places, from its count of ten-thousandths. */
function decimal(units: bigint): string {
  const whole = units / 10_000n;
  const fraction = (units % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** A plan with only a budget: a total and one allocation per amount, each written as given. */
function budgetPlan(total: string, amounts: readonly string[]): string {
  const channels = amounts.map((_, index) => `    - {id: c${index}, type: social}`).join('\n');
  const allocations = amounts.map((amount, index) => `      - {channel: c${index}, amount: ${amount}}`).join('\n');
  return `mktplan: "1"\nplan:\n  budget:\n    total: ${total}\n    currency: RUB\n    allocations:\n${allocations}\n  channels:\n${channels}\n`;
}

const engine = new Engine(new MemoryWorkspace());

async function budgetFindings(text: string): Promise<string[]> {
  const diagnostics = await engine.check('file:///workspace/budget.mktplan.yaml', text);
  return diagnostics.filter((diagnostic) => diagnostic.code.startsWith('budget/')).map((diagnostic) => diagnostic.code);
}

// Amounts up to 10^15 with four decimals: 10^19 ten-thousandths, beyond a double's 2^53.
const amountUnits = fc.bigInt({ min: 0n, max: 10n ** 19n });

describe('exact amounts', () => {
  it('reads a number as written, not as the nearest double', () => {
    assert.equal(decimalText(exactAmount(15000000000.2, '15000000000.20')), '15000000000.2');
    assert.equal(decimalText(exactAmount(999999999999999.9, '999999999999999.9999')), '999999999999999.9999');
    assert.equal(decimalText(exactAmount(16, '0x10')), '16');
    assert.equal(decimalText(exactAmount(1000, '1e3')), '1000');
  });

  it('adds 33.33 + 33.33 + 33.34 to exactly 100', () => {
    assert.equal(decimalText(sumOf(['33.33', '33.33', '33.34'].map((text) => exactAmount(Number(text), text)))), '100');
  });

  it('finds kopecks on tens of billions neither over- nor under-allocated', async () => {
    assert.deepEqual(await budgetFindings(budgetPlan('22500000000.30', ['15000000000.20', '7500000000.10'])), []);
    assert.deepEqual(await budgetFindings(budgetPlan('100', ['33.33', '33.33', '33.34'])), []);
  });

  it('finds a miss by one kopeck on tens of billions, both ways', async () => {
    assert.deepEqual(await budgetFindings(budgetPlan('22500000000.29', ['15000000000.20', '7500000000.10'])), ['budget/over-allocated']);
    assert.deepEqual(await budgetFindings(budgetPlan('22500000000.31', ['15000000000.20', '7500000000.10'])), ['budget/under-allocated']);
  });

  it('adds amounts with up to four decimals up to 10^15 exactly: 10,000 random sums', () => {
    fc.assert(
      fc.property(fc.array(amountUnits.map((units) => units / 10n), { minLength: 1, maxLength: 8 }), (units) => {
        const texts = units.map(decimal);
        const expected = units.reduce((sum, value) => sum + value, 0n);
        assert.equal(decimalText(sumOf(texts.map((text) => exactAmount(Number(text), text)))), decimal(expected));
      }),
      { numRuns: 10_000 },
    );
  });

  it('gives no budget finding on an exact sum and the right one a smallest unit off, through the whole check: 10,000 plans', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(fc.array(amountUnits.map((units) => units / 10n), { minLength: 1, maxLength: 5 }), async (units) => {
        const texts = units.map(decimal);
        const total = units.reduce((sum, value) => sum + value, 0n);
        assert.deepEqual(await budgetFindings(budgetPlan(decimal(total), texts)), []);
        assert.deepEqual(await budgetFindings(budgetPlan(decimal(total + 1n), texts)), ['budget/under-allocated']);
        if (total > 0n) assert.deepEqual(await budgetFindings(budgetPlan(decimal(total - 1n), texts)), ['budget/over-allocated']);
      }),
      { numRuns: 10_000 },
    );
  });
});
