import { planPartRule } from './partMissing';

export const budgetMissing = planPartRule({
  id: 'plan/budget-missing',
  defaultSeverity: 'warning',
  summary: 'A plan has no budget.',
  message: 'This plan has no `budget`: say how much money it has and where it goes.',
  source: { section: 'budget' },
  section: 'budget',
  isMissing: (model) => !model.planHas('budget'),
});
