import { key } from '../../document/places';
import { planPath, type PlanModel } from '../../model/plan';
import type { SeverityName } from '../../types';
import { addSectionFix, type SectionSource } from '../fixes/sections';
import { defineRule, type FixContext, type FixKind, type FixProposal, type Rule } from '../rule';

/** A plan part that should be there: fires on `plan:` when `isMissing` says so. */
export function planPartRule(options: {
  id: string;
  defaultSeverity: SeverityName;
  summary: string;
  message: string;
  /** The section a fix adds, and the snippet it is filled from (or a fix of its own). */
  section: string;
  source?: SectionSource;
  fix?: (context: FixContext) => FixProposal[];
  fixes?: readonly FixKind[];
  isMissing: (model: PlanModel) => boolean;
}): Rule<'missing'> {
  return defineRule({
    id: options.id,
    defaultSeverity: options.defaultSeverity,
    summary: options.summary,
    messages: { missing: { text: options.message } },
    fixes: options.fixes ?? ['insertSection'],
    check({ model, report }) {
      if (model.hasPlan && options.isMissing(model)) report({ place: key(planPath), message: 'missing', facts: { section: options.section } });
    },
    fix: (context) => options.fix?.(context) ?? (options.source ? addSectionFix(context, planPath, options.section, options.source) : []),
  });
}
