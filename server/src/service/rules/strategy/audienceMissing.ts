import { strategyPartRule } from './sectionMissing';

export const audienceMissing = strategyPartRule({
  id: 'strategy/audience-missing',
  part: 'audience',
  summary: 'A strategy names no target customer segment.',
  message: 'This strategy has no target segment: add `audience.segments` with the customers it means to reach.',
});
