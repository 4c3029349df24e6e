import { planPartRule } from './partMissing';

export const budgetWithoutTimeline = planPartRule({
  id: 'plan/budget-without-timeline',
  defaultSeverity: 'warning',
  summary: 'A plan has a budget but no schedule.',
  message: 'This plan has a budget but no schedule: add `timeline` milestones, or campaigns with a `start` and an `end`, so spending can be tied to dates.',
  invalid: "This plan has a budget but no schedule with valid dates: write the `timeline` milestones' `date` or `start`, or the campaigns' `start` and `end`, as real dates YYYY-MM-DD, so spending can be tied to dates.",
  source: { listOf: 'milestone' },
  section: 'timeline',
  fixes: ['addTimeline'],
  state: (model) => (model.planPart('budget') === 'present' ? model.schedule : 'present'),
});
