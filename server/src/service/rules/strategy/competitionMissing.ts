import { strategyPartRule, at } from './sectionMissing';

export const competitionMissing = strategyPartRule({
  id: 'strategy/competition-missing',
  summary: 'A strategy has no competitive strategy.',
  message: 'This strategy has no `competition`: name the competitors and the approach that sets this business apart from them.',
  isPresent: ({ read }) => read.object(at('competition')) !== undefined,
});
