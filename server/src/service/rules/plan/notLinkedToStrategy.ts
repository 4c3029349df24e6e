import { planPartRule } from './partMissing';

export const notLinkedToStrategy = planPartRule({
  id: 'plan/not-linked-to-strategy',
  defaultSeverity: 'information',
  summary: 'A plan neither lists `implements` nor links a campaign to an objective.',
  message: 'This plan is not linked to the strategy: list the objectives it serves in `implements`, or give campaigns an `objective`.',
  section: 'implements',
  fixes: ['addImplements'],
  isMissing: (model) => !model.isLinkedToStrategy,
});
