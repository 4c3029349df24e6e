import { planPartRule } from './partMissing';

export const channelsMissing = planPartRule({
  id: 'plan/channels-missing',
  defaultSeverity: 'warning',
  summary: 'A plan names no marketing channels.',
  message: 'This plan has no `channels`: list where it reaches its audience (social, search, events ...).',
  invalid: "This plan's `channels` holds no valid channel: write each as a map with an `id` and a `type`.",
  source: { listOf: 'channel' },
  section: 'channels',
  state: (model) => model.planPart('channels'),
});
