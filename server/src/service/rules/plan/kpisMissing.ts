import { planPartRule } from './partMissing';

export const kpisMissing = planPartRule({
  id: 'plan/kpis-missing',
  defaultSeverity: 'warning',
  summary: 'A plan has no KPIs.',
  message: 'This plan has no `kpis`: without measures nobody can tell whether it worked.',
  source: { listOf: 'kpi' },
  section: 'kpis',
  isMissing: (model) => model.kpiCount === 0,
});
