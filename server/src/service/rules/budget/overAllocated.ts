import { value } from '../../document/places';
import { decimalText } from '../../model/amounts';
import { setTotal } from './fixes';
import { defineRule } from '../rule';

export const overAllocated = defineRule({
  id: 'budget/over-allocated',
  defaultSeverity: 'error',
  summary: 'Allocations, or campaign budgets, add up to more than `budget.total`.',
  messages: {
    allocations: {
      text: 'The allocations add up to {sum}, {excess} more than the total of {total}.',
      placeholders: { sum: 'amount', excess: 'amount', total: 'amount' },
    },
    campaigns: {
      text: 'The campaign budgets add up to {sum}, {excess} more than the total of {total}.',
      placeholders: { sum: 'amount', excess: 'amount', total: 'amount' },
    },
  },
  fixes: ['setTotalToSum'],
  fix: (context) => setTotal(context),
  check({ model, report }) {
    const budget = model.budget;
    const total = budget?.total;
    if (!budget || !total) return;
    for (const [message, sum] of [['allocations', budget.allocated] as const, ['campaigns', budget.campaignBudgets] as const]) {
      if (!sum || !sum.gt(total)) continue;
      const data = { sum: decimalText(sum), excess: decimalText(sum.minus(total)), total: decimalText(total) };
      report({ place: value(budget.totalPath), message, data, facts: data });
    }
  },
});
