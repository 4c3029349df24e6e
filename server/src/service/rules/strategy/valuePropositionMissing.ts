import { strategyPartRule } from './sectionMissing';

export const valuePropositionMissing = strategyPartRule({
  id: 'strategy/value-proposition-missing',
  part: 'valueProposition',
  source: { section: 'valueProposition' },
  summary: 'A strategy states no value proposition.',
  message: 'This strategy has no `valueProposition`: say what value the offer brings customers and what sets it apart.',
  invalid: "This strategy's `valueProposition` has no valid value: write it as a map with a `statement` of the value the offer brings customers.",
});
