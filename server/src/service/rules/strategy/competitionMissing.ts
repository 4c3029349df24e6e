import { strategyPartRule } from './sectionMissing';

export const competitionMissing = strategyPartRule({
  id: 'strategy/competition-missing',
  part: 'competition',
  source: { section: 'competition' },
  summary: 'A strategy has no competitive strategy.',
  message: 'This strategy has no `competition`: name the competitors and the approach that sets this business apart from them.',
  invalid: "This strategy's `competition` has no valid value: write it as a map that names the `competitors` and the `approach` that sets this business apart.",
});
