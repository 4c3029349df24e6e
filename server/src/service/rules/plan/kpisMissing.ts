import { planPartRule } from './partMissing';

export const kpisMissing = planPartRule({
  id: 'plan/kpis-missing',
  defaultSeverity: 'warning',
  summary: 'A plan has no KPIs.',
  message: 'This plan has no `kpis`: without measures nobody can tell whether it worked.',
  invalid: "This plan's `kpis` holds no valid KPI: write each as a map with an `id`, a `target`, a `unit` and a due date or a frequency.",
  source: { listOf: 'kpi' },
  section: 'kpis',
  state: (model) => model.planPart('kpis'),
});
