import Big from 'big.js';
import { moneyValue } from '../../i18n/format';
import { byDate, counted, itemKey, linesByItem, plannedAmounts, type SpendLine } from '../../model/actuals';
import { decimalText, sumOf, type Amount } from '../../model/amounts';
import { defineRule } from '../rule';
import { currencyOfPlan, linePlace, rowWords } from './lines';

/** The line whose amount first brings a running total over a limit, lines in date order (one date's in reading order). */
function crossing(lines: readonly SpendLine[], limit: Amount): SpendLine | undefined {
  let total = new Big(0);
  for (const line of byDate(lines)) {
    total = total.plus(line.amount);
    if (total.gt(limit)) return line;
  }
  return undefined;
}

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
    const lines = counted(actuals, actuals.spend);
    const byItem = linesByItem(lines);
    const planned = plannedAmounts(actuals.plan);
    const items: Array<{ message: 'campaign' | 'channel' | 'total'; id?: string; limit: Amount; lines: SpendLine[] }> = [];
    for (const [id, limit] of planned.campaigns) items.push({ message: 'campaign', id, limit, lines: byItem.get(itemKey('campaign', id)) ?? [] });
    for (const [id, limit] of planned.channels) items.push({ message: 'channel', id, limit, lines: byItem.get(itemKey('channel', id)) ?? [] });
    if (planned.total) items.push({ message: 'total', limit: planned.total, lines });
    for (const item of items) {
      // Over at `asOf`: the finding stands on the line that first took it over, whatever refunds came between.
      const spent = sumOf(item.lines.map((line) => line.amount));
      const over = spent.gt(item.limit) ? crossing(item.lines, item.limit) : undefined;
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
