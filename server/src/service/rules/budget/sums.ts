import type { PlanReader } from '../../reader';

export const budgetPath = ['plan', 'budget'] as const;
export const totalPath = [...budgetPath, 'total'] as const;

/** Differences smaller than this are rounding, not money. */
export const tolerance = 1e-6;

const amountFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
export const formatAmount = (amount: number): string => amountFormat.format(amount);

/** Sum of the allocations, or undefined when there are none or one has no usable amount. */
export function allocationSum(read: PlanReader): { sum: number; count: number } | undefined {
  const list = read.list([...budgetPath, 'allocations']);
  if (!list || list.length === 0) return undefined;
  let sum = 0;
  for (let index = 0; index < list.length; index++) {
    const amount = read.number([...budgetPath, 'allocations', index, 'amount']);
    if (amount === undefined) return undefined;
    sum += amount;
  }
  return { sum, count: list.length };
}

/** Sum of the campaign budgets, or undefined when one of them is not a usable number. */
export function campaignBudgetSum(read: PlanReader): number | undefined {
  const campaigns = read.list(['plan', 'campaigns']) ?? [];
  let sum = 0;
  for (let index = 0; index < campaigns.length; index++) {
    const path = ['plan', 'campaigns', index, 'budget'];
    if (read.isBroken(path)) return undefined;
    sum += read.number(path) ?? 0;
  }
  return sum;
}
