import { value } from '../../anchors';
import type { Rule } from '../rule';
import { allocationSum, formatAmount, tolerance, totalPath } from './sums';

export const underAllocated: Rule = {
  id: 'budget/under-allocated',
  defaultSeverity: 'information',
  summary: 'Allocations add up to less than `budget.total`.',
  check({ read, report }) {
    const total = read.number([...totalPath]);
    const allocations = allocationSum(read);
    if (total === undefined || !allocations || allocations.sum >= total - tolerance) return;
    report(
      value([...totalPath]),
      `The allocations add up to ${formatAmount(allocations.sum)}, leaving ${formatAmount(total - allocations.sum)} of the total of ${formatAmount(total)} unallocated.`,
    );
  },
};
