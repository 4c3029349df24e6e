import { planPartRule } from './partMissing';

export const timelineMissing = planPartRule({
  id: 'plan/timeline-missing',
  defaultSeverity: 'warning',
  summary: 'A plan has neither a budget nor a schedule.',
  message: 'This plan has no schedule: add `timeline` milestones, or campaigns with a `start` and an `end`.',
  invalid: "This plan has no schedule with valid dates: write the `timeline` milestones' `date` or `start`, or the campaigns' `start` and `end`, as real dates YYYY-MM-DD.",
  source: { listOf: 'milestone' },
  section: 'timeline',
  fixes: ['addTimeline'],
  state: (model) => (model.planPart('budget') === 'present' ? 'present' : model.schedule),
});
