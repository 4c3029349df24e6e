import { planPartRule } from './partMissing';

export const timelineMissing = planPartRule({
  id: 'plan/timeline-missing',
  defaultSeverity: 'warning',
  summary: 'A plan has neither a budget nor a schedule.',
  message: 'This plan has no schedule: add `timeline` milestones, or campaigns with a `start` and an `end`.',
  source: { listOf: 'milestone' },
  section: 'timeline',
  fixes: ['addTimeline'],
  isMissing: (model) => !model.planHas('budget') && !model.hasSchedule,
});
