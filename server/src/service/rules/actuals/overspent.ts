import Big from 'big.js';
import { moneyValue } from '../../i18n/format';
import { inDateOrder, itemKey, plannedAmounts, spendingUpToAsOf, type Spending, type SpendLine } from '../../model/actuals';
import { decimalText, type Amount } from '../../model/amounts';
import { defineRule } from '../rule';
import { currencyOfPlan, linePlace, rowWords } from './lines';

/** The crossing last found for an item's spending, kept while its lines are the same (`spendingUpToAsOf`) and its limit too. */
const crossings = new WeakMap<Spending, { limit: Amount; line: SpendLine | undefined }>();

/** The line whose amount first brings a running total over a limit, lines in date order (one date's in reading order). */
function crossing(spending: Spending, limit: Amount): SpendLine | undefined {
  const known = crossings.get(spending);
  if (known?.limit.eq(limit)) return known.line;
  let total = new Big(0);
  let found: SpendLine | undefined;
  for (const line of inDateOrder(spending)) {
    total = total.plus(line.amount);
    if (!total.gt(limit)) continue;
    found = line;
    break;
  }
  crossings.set(spending, { limit, line: found });
  return found;
}

const nothingSpent: Spending = { lines: [], spent: new Big(0) };

export const actualsOverspent = defineRule({
  id: 'actuals/overspent',
  defaultSeverity: 'warning',
  summary: 'What was spent on a campaign or a channel, or in all, up to `asOf` exceeds what the plan gives it.',
  messages: {
    campaign: {
      text: 'Campaign `{id}` has spent {spent} up to {asOf}, {excess} more than the {planned} the plan gives it; this line takes it over{row}.',
      placeholders: { id: 'quote', spent: 'money', asOf: 'date', excess: 'money', planned: 'money', row: 'text' },
    },
    channel: {
      text: 'Channel `{id}` has spent {spent} up to {asOf}, {excess} more than the {planned} the plan gives it; this line takes it over{row}.',
      placeholders: { id: 'quote', spent: 'money', asOf: 'date', excess: 'money', planned: 'money', row: 'text' },
    },
    total: {
      text: 'Spending has reached {spent} up to {asOf}, {excess} more than the budget total of {planned}; this line takes it over{row}.',
      placeholders: { spent: 'money', asOf: 'date', excess: 'money', planned: 'money', row: 'text' },
    },
  },
  check({ actuals, report }) {
    if (!actuals?.plan || !actuals.asOf) return;
    const currency = currencyOfPlan(actuals);
    const { byItem, total } = spendingUpToAsOf(actuals);
    const planned = plannedAmounts(actuals.plan);
    const items: Array<{ message: 'campaign' | 'channel' | 'total'; id?: string; limit: Amount; spending: Spending }> = [];
    for (const [id, limit] of planned.campaigns) items.push({ message: 'campaign', id, limit, spending: byItem.get(itemKey('campaign', id)) ?? nothingSpent });
    for (const [id, limit] of planned.channels) items.push({ message: 'channel', id, limit, spending: byItem.get(itemKey('channel', id)) ?? nothingSpent });
    if (planned.total) items.push({ message: 'total', limit: planned.total, spending: total });
    for (const item of items) {
      // Over at `asOf`: the finding stands on the line that first took it over, whatever refunds came between.
      const { spent } = item.spending;
      const over = spent.gt(item.limit) ? crossing(item.spending, item.limit) : undefined;
      if (!over) continue;
      const facts = { planned: decimalText(item.limit), spent: decimalText(spent), excess: decimalText(spent.minus(item.limit)) };
      report({
        place: linePlace(actuals, over.place, 'amount'),
        message: item.message,
        data: {
          ...(item.id !== undefined ? { id: item.id } : {}),
          spent: moneyValue(facts.spent, currency),
          asOf: actuals.asOf.date,
          excess: moneyValue(facts.excess, currency),
          planned: moneyValue(facts.planned, currency),
          row: rowWords(over.place),
        },
        facts,
      });
    }
  },
});
