import { value } from '../../document/places';
import { defineRule } from '../rule';
import { frequencyDays, measuredKpis } from './kpi';
import { counted } from '../../model/actuals';

/** A day number as `YYYY-MM-DD`. */
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export const actualsKpiNoRecentResult = defineRule({
  id: 'actuals/kpi-no-recent-result',
  defaultSeverity: 'information',
  summary: 'A KPI measured at a `frequency` has no result in its last period before `asOf`.',
  messages: {
    missing: {
      text: 'KPI `{id}` is measured every {days, plural, one {day} other {# days}}, yet has no result from {from} to {asOf}.',
      placeholders: { id: 'quote', days: 'count', from: 'date', asOf: 'date' },
    },
  },
  check({ actuals, report }) {
    const period = actuals?.plan?.model.period;
    if (!actuals?.asOf || !period) return;
    const asOf = actuals.asOf;
    const lines = counted(actuals, actuals.results);
    for (const kpi of measuredKpis(actuals)) {
      const days = kpi.frequency === undefined ? undefined : frequencyDays[kpi.frequency];
      if (days === undefined || period.start + days > asOf.day) continue;
      const from = asOf.day - days + 1;
      if (lines.some((line) => line.kpi === kpi.id && line.day >= from && line.day <= asOf.day)) continue;
      report({ place: value(asOf.path), message: 'missing', data: { id: kpi.id, days, from: dateOf(from), asOf: asOf.date } });
    }
  },
});
