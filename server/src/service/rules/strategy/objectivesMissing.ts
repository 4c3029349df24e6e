import { strategyPartRule, at } from './sectionMissing';

export const objectivesMissing = strategyPartRule({
  id: 'strategy/objectives-missing',
  summary: 'A strategy names no core objectives.',
  message: 'This strategy has no `objectives`: add the long-term goals it works towards, with a target and a due date.',
  isPresent: ({ read }) => read.objectIndexes(at('objectives')).length > 0,
});
