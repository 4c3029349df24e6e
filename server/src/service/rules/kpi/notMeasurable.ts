import { valueAt } from '../../document/data';
import { key } from '../../document/places';
import { message } from '../../i18n/translator';
import { sequential, setValue } from '../fixes/sections';
import { fillIn } from '../fixes/snippets';
import { defineRule, ruleMessageId } from '../rule';

export const kpiNotMeasurable = defineRule({
  id: 'kpi/not-measurable',
  defaultSeverity: 'warning',
  summary: 'A KPI or strategy objective cannot be measured: no numeric target, no unit, or no date or frequency.',
  messages: {
    kpi: { text: 'KPI `{kpi}` is not measurable; it lacks {missing}.', placeholders: { kpi: 'quote', missing: 'list' } },
    unnamedKpi: { text: 'KPI is not measurable; it lacks {missing}.', placeholders: { missing: 'list' } },
    objective: { text: 'Objective `{objective}` is not measurable; it lacks {missing}.', placeholders: { objective: 'quote', missing: 'list' } },
    unnamedObjective: { text: 'Objective is not measurable; it lacks {missing}.', placeholders: { missing: 'list' } },
    target: { text: 'a numeric `target`' },
    validTarget: { text: 'a valid numeric `target`' },
    unit: { text: 'a `unit`' },
    validUnit: { text: 'a valid `unit`' },
    dueOrFrequency: { text: 'a `due` date or a `frequency`' },
    validDueOrFrequency: { text: 'a valid `due` date or `frequency`' },
    due: { text: 'a `due` date' },
    validDue: { text: 'a valid `due` date' },
  },
  fixes: ['addMissingMeasure'],
  // What the message says is missing, each left selected for the user to type: nothing in the
  // plan implies a target, a unit or a date, so without snippets there is no fix.
  fix: (context) => {
    if (!context.snippets) return [];
    const path = context.finding.path;
    const missing = (context.finding.facts as { missing?: string[] } | undefined)?.missing ?? [];
    // A `frequency` that is there but broken is the one to correct; else a `due` date is asked for.
    const schedule = valueAt(context.parsed.data, [...path, 'frequency']) !== undefined ? 'frequency' : 'due';
    const keys: Record<string, string> = {
      target: 'target',
      validTarget: 'target',
      unit: 'unit',
      validUnit: 'unit',
      dueOrFrequency: schedule,
      validDueOrFrequency: schedule,
      due: 'due',
      validDue: 'due',
    };
    const edits = missing.flatMap((part, index) => {
      const name = keys[part];
      return name ? (setValue(context, path, name, fillIn(index + 1, context.placeholder([...path, name]))) ?? []) : [];
    });
    return edits.length === missing.length && edits.length > 0 ? [{ title: { id: 'fix.addMeasures' }, edits: sequential(edits), isPreferred: true }] : [];
  },
  check({ model, report }) {
    for (const kpi of model.kpis) {
      // A value that is there but breaks the schema is not "missing": the message asks for a valid one.
      const scheduled = kpi.due === 'present' || kpi.frequency === 'present';
      const missing = [
        ...(kpi.target !== undefined ? [] : kpi.targetPresence === 'absent' ? ['target'] : ['validTarget']),
        ...(kpi.unit === 'present' ? [] : kpi.unit === 'absent' ? ['unit'] : ['validUnit']),
        ...(scheduled ? [] : kpi.due === 'broken' || kpi.frequency === 'broken' ? ['validDueOrFrequency'] : ['dueOrFrequency']),
      ];
      if (missing.length === 0) continue;
      const parts = missing.map((part) => message(ruleMessageId(kpiNotMeasurable.id, part)));
      report({
        place: key(kpi.path),
        ...(kpi.label ? { message: 'kpi', data: { kpi: kpi.label, missing: parts } } : { message: 'unnamedKpi', data: { missing: parts } }),
        facts: { missing },
      });
    }
    for (const objective of model.objectives) {
      const missing = [
        ...(objective.target !== undefined ? [] : objective.targetPresence === 'absent' ? ['target'] : ['validTarget']),
        ...(objective.due === 'present' ? [] : objective.due === 'absent' ? ['due'] : ['validDue']),
      ];
      if (missing.length === 0) continue;
      const parts = missing.map((part) => message(ruleMessageId(kpiNotMeasurable.id, part)));
      report({
        place: key(objective.path),
        ...(objective.label
          ? { message: 'objective', data: { objective: objective.label, missing: parts } }
          : { message: 'unnamedObjective', data: { missing: parts } }),
        facts: { missing },
      });
    }
  },
});
