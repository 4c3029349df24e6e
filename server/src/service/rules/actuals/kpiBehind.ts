import { value } from '../../document/places';
import { defineRule } from '../rule';
import { latestResult, measuredKpis, pathValue } from './kpi';

export const actualsKpiBehind = defineRule({
  id: 'actuals/kpi-behind',
  defaultSeverity: 'warning',
  summary: "A KPI's latest result is behind the path to its target.",
  messages: {
    path: {
      text: 'KPI `{id}` measured {result} on {date}, behind its path: by then it should have reached {expected} on the way to {target}.',
      placeholders: { id: 'quote', result: 'number', date: 'date', expected: 'number', target: 'number' },
    },
    period: {
      text: 'KPI `{id}` measured {result} on {date}, behind its target of {target} for each period.',
      placeholders: { id: 'quote', result: 'number', date: 'date', target: 'number' },
    },
  },
  check({ actuals, report }) {
    if (!actuals?.asOf) return;
    for (const kpi of measuredKpis(actuals)) {
      if (kpi.target === undefined) continue;
      const result = latestResult(actuals, kpi.id);
      if (!result) continue;
      const { target, baseline } = kpi;
      // Behind is below when the KPI rises, above when it falls.
      const decreasing = kpi.direction ? kpi.direction === 'decrease' : baseline !== undefined && target < baseline;
      const behind = (expected: number, margin: number) => (decreasing ? result.value > expected + margin : result.value < expected - margin);
      const data = { id: kpi.id, result: result.value, date: result.date, target };
      if (baseline !== undefined) {
        // The path runs evenly from the baseline on the period's first day to the target on its end.
        const expected = pathValue(kpi, actuals, result.day);
        if (expected !== undefined && behind(expected, 0.1 * Math.abs(target - baseline))) {
          report({ place: value(actuals.asOf.path), message: 'path', data: { ...data, expected: Math.round(expected * 100) / 100 }, facts: { expected } });
        }
      } else if (kpi.frequency !== undefined && kpi.due === undefined) {
        if (behind(target, 0.1 * Math.abs(target))) report({ place: value(actuals.asOf.path), message: 'period', data, facts: { expected: target } });
      }
    }
  },
});
