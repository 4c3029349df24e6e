import { value } from '../../document/places';
import { decimalText } from '../../model/amounts';
import { addRemainder, setTotal } from './fixes';
import { defineRule } from '../rule';

export const underAllocated = defineRule({
  id: 'budget/under-allocated',
  defaultSeverity: 'information',
  summary: 'Allocations add up to less than `budget.total`.',
  messages: {
    unallocated: {
      text: 'The allocations add up to {sum}, leaving {rest} of the total of {total} unallocated.',
      placeholders: { sum: 'amount', rest: 'amount', total: 'amount' },
    },
  },
  fixes: ['setTotalToSum', 'addRemainderAllocation'],
  fix: (context) => [...setTotal(context), ...addRemainder(context)],
  check({ model, report }) {
    const budget = model.budget;
    const total = budget?.total;
    const sum = budget?.allocated;
    if (!budget || !total || !sum || !sum.lt(total)) return;
    const data = { sum: decimalText(sum), rest: decimalText(total.minus(sum)), total: decimalText(total) };
    report({ place: value(budget.totalPath), message: 'unallocated', data, facts: data });
  },
});
