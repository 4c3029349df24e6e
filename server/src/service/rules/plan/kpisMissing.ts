import { at, planPartRule } from './partMissing';

export const kpisMissing = planPartRule({
  id: 'plan/kpis-missing',
  defaultSeverity: 'warning',
  summary: 'A plan has no KPIs.',
  message: 'This plan has no `kpis`: without measures nobody can tell whether it worked.',
  isMissing: ({ read }) => read.objectIndexes(at('kpis')).length === 0,
});
