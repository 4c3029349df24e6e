import { planPartRule } from './partMissing';

export const reportingMissing = planPartRule({
  id: 'plan/reporting-missing',
  defaultSeverity: 'hint',
  summary: 'A plan says nothing of how results are reported.',
  message: 'This plan does not say how results are reported: add `reporting` with a `cadence` and who it goes `to`.',
  invalid: "This plan's `reporting` has no valid value: write it as a map with a `cadence` and who it goes `to`.",
  source: { section: 'reporting' },
  section: 'reporting',
  state: (model) => model.planPart('reporting'),
});
