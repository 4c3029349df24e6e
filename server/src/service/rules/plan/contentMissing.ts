import { planPartRule } from './partMissing';

export const contentMissing = planPartRule({
  id: 'plan/content-missing',
  defaultSeverity: 'warning',
  summary: 'Neither the plan nor any campaign has content.',
  message: 'This plan says nothing of its content: add `content` (a message for a channel) to the plan or to a campaign.',
  source: { listOf: 'content' },
  section: 'content',
  isMissing: (model) => !model.hasContent,
});
