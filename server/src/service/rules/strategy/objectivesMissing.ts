import { strategyPartRule } from './sectionMissing';

export const objectivesMissing = strategyPartRule({
  id: 'strategy/objectives-missing',
  part: 'objectives',
  source: { listOf: 'objective' },
  summary: 'A strategy names no core objectives.',
  message: 'This strategy has no `objectives`: add the long-term goals it works towards, with a target and a due date.',
  invalid: "This strategy's `objectives` holds no valid objective: write each as a map with a `statement`, and give it a target and a due date.",
});
