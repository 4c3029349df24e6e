import { value } from '../../document/places';
import { moneyValue } from '../../i18n/format';
import { decimalText } from '../../model/amounts';
import { addRemainder, currencyOf, setTotal } from './fixes';
import { defineRule } from '../rule';

export const underAllocated = defineRule({
  id: 'budget/under-allocated',
  defaultSeverity: 'information',
  summary: 'Allocations add up to less than `budget.total`.',
  messages: {
    unallocated: {
      text: 'The allocations add up to {sum}, leaving {rest} of the total of {total} unallocated.',
      placeholders: { sum: 'money', rest: 'money', total: 'money' },
    },
  },
  fixes: ['setTotalToSum', 'addRemainderAllocation'],
  fix: (context) => [...setTotal(context), ...addRemainder(context)],
  check({ model, parsed, report }) {
    const budget = model.budget;
    const total = budget?.total;
    const sum = budget?.allocated;
    if (!budget || !total || !sum || !sum.lt(total)) return;
    const facts = { sum: decimalText(sum), rest: decimalText(total.minus(sum)), total: decimalText(total) };
    // The message writes them as money in the budget's currency; the fixes read the exact sums.
    const currency = currencyOf(parsed.data);
    const data = { sum: moneyValue(facts.sum, currency), rest: moneyValue(facts.rest, currency), total: moneyValue(facts.total, currency) };
    report({ place: value(budget.totalPath), message: 'unallocated', data, facts });
  },
});
