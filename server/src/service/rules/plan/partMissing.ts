import { key } from '../../document/places';
import { planPath, type PlanModel, type Presence } from '../../model/plan';
import type { SeverityName } from '../../types';
import { addSectionFix, type SectionSource } from '../fixes/sections';
import { defineRule, type FixContext, type FixKind, type FixProposal, type Rule } from '../rule';

/**
 * A plan part that should be there: fires on `plan:` when `state` says it is absent, with
 * `invalid` where it is written but its value breaks the schema.
 */
export function planPartRule(options: {
  id: string;
  defaultSeverity: SeverityName;
  summary: string;
  message: string;
  invalid: string;
  /** The section a fix adds, and the snippet it is filled from (or a fix of its own). */
  section: string;
  source?: SectionSource;
  fix?: (context: FixContext) => FixProposal[];
  fixes?: readonly FixKind[];
  /** Whether the part is there, absent, or written with no valid value; `present` where the rule has nothing to say. */
  state: (model: PlanModel) => Presence;
}): Rule<'missing' | 'invalid'> {
  return defineRule({
    id: options.id,
    defaultSeverity: options.defaultSeverity,
    summary: options.summary,
    messages: { missing: { text: options.message }, invalid: { text: options.invalid } },
    fixes: options.fixes ?? ['insertSection'],
    check({ model, report }) {
      const state = model.hasPlan ? options.state(model) : 'present';
      if (state !== 'present') report({ place: key(planPath), message: state === 'broken' ? 'invalid' : 'missing', facts: { section: options.section } });
    },
    // A value written there is the writer's to correct, as its schema finding says: a section is not put over it.
    fix: (context) => (context.finding.messageId === `${options.id}.invalid` ? [] : (options.fix?.(context) ?? (options.source ? addSectionFix(context, planPath, options.section, options.source) : []))),
  });
}
