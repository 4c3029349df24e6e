import { strategyPartRule, at } from './sectionMissing';

export const brandMissing = strategyPartRule({
  id: 'strategy/brand-missing',
  summary: 'A strategy has no brand section.',
  message: 'This strategy has no `brand`: state at least the brand `positioning`.',
  isPresent: ({ read }) => read.object(at('brand')) !== undefined,
});
