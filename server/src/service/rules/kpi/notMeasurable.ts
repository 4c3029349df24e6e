import { key } from '../../anchors';
import { listOfMissing } from '../helpers';
import type { Rule } from '../rule';

export const kpiNotMeasurable: Rule = {
  id: 'kpi/not-measurable',
  defaultSeverity: 'warning',
  summary: 'A KPI or strategy objective cannot be measured: no numeric target, no unit, or no date or frequency.',
  check({ read, report }) {
    for (const index of read.objectIndexes(['plan', 'kpis'])) {
      const kpi = ['plan', 'kpis', index];
      const missing: string[] = [];
      if (read.number([...kpi, 'target']) === undefined) missing.push('a numeric `target`');
      if (!read.has([...kpi, 'unit'])) missing.push('a `unit`');
      if (!read.has([...kpi, 'due']) && !read.has([...kpi, 'frequency'])) missing.push('a `due` date or a `frequency`');
      if (missing.length === 0) continue;
      const name = read.text([...kpi, 'id']) ?? read.text([...kpi, 'name']);
      report(key(kpi), `KPI${name ? ` \`${name}\`` : ''} is not measurable; it lacks ${missing.join('; ')}.`);
    }
    for (const index of read.objectIndexes(['strategy', 'objectives'])) {
      const objective = ['strategy', 'objectives', index];
      const missing: string[] = [];
      if (read.number([...objective, 'target']) === undefined) missing.push('a numeric `target`');
      if (!read.has([...objective, 'due'])) missing.push('a `due` date');
      if (missing.length === 0) continue;
      const name = read.text([...objective, 'id']);
      report(key(objective), `Objective${name ? ` \`${name}\`` : ''} is not measurable; it lacks ${listOfMissing(missing)}.`);
    }
  },
};
