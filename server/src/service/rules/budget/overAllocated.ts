import { value } from '../../anchors';
import type { Rule } from '../rule';
import { allocationSum, campaignBudgetSum, formatAmount, tolerance, totalPath } from './sums';

export const overAllocated: Rule = {
  id: 'budget/over-allocated',
  defaultSeverity: 'error',
  summary: 'Allocations, or campaign budgets, add up to more than `budget.total`.',
  check({ read, report }) {
    const total = read.number([...totalPath]);
    if (total === undefined) return;
    const allocations = allocationSum(read);
    if (allocations && allocations.sum > total + tolerance) {
      report(
        value([...totalPath]),
        `The allocations add up to ${formatAmount(allocations.sum)}, ${formatAmount(allocations.sum - total)} more than the total of ${formatAmount(total)}.`,
      );
    }
    const campaigns = campaignBudgetSum(read);
    if (campaigns !== undefined && campaigns > total + tolerance) {
      report(
        value([...totalPath]),
        `The campaign budgets add up to ${formatAmount(campaigns)}, ${formatAmount(campaigns - total)} more than the total of ${formatAmount(total)}.`,
      );
    }
  },
};
