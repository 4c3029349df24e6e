import { at, planPartRule } from './partMissing';

export const contentMissing = planPartRule({
  id: 'plan/content-missing',
  defaultSeverity: 'warning',
  summary: 'Neither the plan nor any campaign has content.',
  message: 'This plan says nothing of its content: add `content` (a message for a channel) to the plan or to a campaign.',
  isMissing: ({ read }) =>
    read.objectIndexes(at('content')).length === 0 &&
    read.objectIndexes(at('campaigns')).every((index) => read.objectIndexes(at('campaigns', index, 'content')).length === 0),
});
