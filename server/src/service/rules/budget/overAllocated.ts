import { value } from '../../document/places';
import { moneyValue } from '../../i18n/format';
import { decimalText } from '../../model/amounts';
import { currencyOf, setTotal } from './fixes';
import { defineRule } from '../rule';

export const overAllocated = defineRule({
  id: 'budget/over-allocated',
  defaultSeverity: 'error',
  summary: 'Allocations, or campaign budgets, add up to more than `budget.total`.',
  messages: {
    allocations: {
      text: 'The allocations add up to {sum}, {excess} more than the total of {total}.',
      placeholders: { sum: 'money', excess: 'money', total: 'money' },
    },
    campaigns: {
      text: 'The campaign budgets add up to {sum}, {excess} more than the total of {total}.',
      placeholders: { sum: 'money', excess: 'money', total: 'money' },
    },
  },
  fixes: ['setTotalToSum'],
  fix: (context) => setTotal(context),
  check({ model, parsed, report }) {
    const budget = model.budget;
    const total = budget?.total;
    if (!budget || !total) return;
    const currency = currencyOf(parsed.data);
    for (const [message, sum] of [['allocations', budget.allocated] as const, ['campaigns', budget.campaignBudgets] as const]) {
      if (!sum || !sum.gt(total)) continue;
      const facts = { sum: decimalText(sum), excess: decimalText(sum.minus(total)), total: decimalText(total) };
      // The message writes them as money in the budget's currency; the fix reads the exact sum.
      const data = { sum: moneyValue(facts.sum, currency), excess: moneyValue(facts.excess, currency), total: moneyValue(facts.total, currency) };
      report({ place: value(budget.totalPath), message, data, facts });
    }
  },
});
