import { planPartRule } from './partMissing';

export const budgetWithoutTimeline = planPartRule({
  id: 'plan/budget-without-timeline',
  defaultSeverity: 'warning',
  summary: 'A plan has a budget but no schedule.',
  message: 'This plan has a budget but no schedule: add `timeline` milestones, or campaigns with a `start` and an `end`, so spending can be tied to dates.',
  source: { listOf: 'milestone' },
  section: 'timeline',
  fixes: ['addTimeline'],
  isMissing: (model) => model.planHas('budget') && !model.hasSchedule,
});
