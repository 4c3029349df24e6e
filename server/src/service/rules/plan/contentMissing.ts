import { planPartRule } from './partMissing';

export const contentMissing = planPartRule({
  id: 'plan/content-missing',
  defaultSeverity: 'warning',
  summary: 'Neither the plan nor any campaign has content.',
  message: 'This plan says nothing of its content: add `content` (a message for a channel) to the plan or to a campaign.',
  invalid: "This plan's content holds no valid item: write each entry of `content`, in the plan or in a campaign, as a map with a `message`.",
  source: { listOf: 'content' },
  section: 'content',
  state: (model) => model.content,
});
