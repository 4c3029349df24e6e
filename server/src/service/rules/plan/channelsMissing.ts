import { planPartRule } from './partMissing';

export const channelsMissing = planPartRule({
  id: 'plan/channels-missing',
  defaultSeverity: 'warning',
  summary: 'A plan names no marketing channels.',
  message: 'This plan has no `channels`: list where it reaches its audience (social, search, events ...).',
  source: { listOf: 'channel' },
  section: 'channels',
  isMissing: (model) => model.channelCount === 0,
});
