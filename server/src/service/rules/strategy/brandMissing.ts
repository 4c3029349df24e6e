import { strategyPartRule } from './sectionMissing';

export const brandMissing = strategyPartRule({
  id: 'strategy/brand-missing',
  part: 'brand',
  source: { section: 'brand' },
  summary: 'A strategy has no brand section.',
  message: 'This strategy has no `brand`: state at least the brand `positioning`.',
  invalid: "This strategy's `brand` has no valid value: write it as a map that states at least the brand `positioning`.",
});
