import { planPartRule } from './partMissing';

export const budgetMissing = planPartRule({
  id: 'plan/budget-missing',
  defaultSeverity: 'warning',
  summary: 'A plan has no budget.',
  message: 'This plan has no `budget`: say how much money it has and where it goes.',
  invalid: "This plan's `budget` has no valid value: write it as a map with the `total`, the `currency` and where the money goes.",
  source: { section: 'budget' },
  section: 'budget',
  state: (model) => model.planPart('budget'),
});
