import { strategyPartRule } from './sectionMissing';

export const swotMissing = strategyPartRule({
  id: 'strategy/swot-missing',
  part: 'swot',
  source: { section: 'swot' },
  summary: 'A strategy has no SWOT analysis.',
  message: 'This strategy has no `swot`: list its strengths, weaknesses, opportunities and threats.',
  invalid: "This strategy's `swot` has no valid value: write it as a map of four lists, `strengths`, `weaknesses`, `opportunities` and `threats`.",
});
