import { strategyPartRule, at } from './sectionMissing';

export const swotMissing = strategyPartRule({
  id: 'strategy/swot-missing',
  summary: 'A strategy has no SWOT analysis.',
  message: 'This strategy has no `swot`: list its strengths, weaknesses, opportunities and threats.',
  isPresent: ({ read }) => read.object(at('swot')) !== undefined,
});
