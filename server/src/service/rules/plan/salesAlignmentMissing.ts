import { planPartRule } from './partMissing';

export const salesAlignmentMissing = planPartRule({
  id: 'plan/sales-alignment-missing',
  defaultSeverity: 'hint',
  summary: 'A plan says nothing of how marketing and sales work together.',
  message: 'This plan does not say how marketing works with sales: add `salesAlignment` with an owner and shared goals.',
  invalid: "This plan's `salesAlignment` has no valid value: write it as a map with an `owner` and shared goals.",
  source: { section: 'salesAlignment' },
  section: 'salesAlignment',
  state: (model) => model.planPart('salesAlignment'),
});
