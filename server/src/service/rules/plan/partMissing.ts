import { key } from '../../anchors';
import type { Path } from '../../locate';
import type { SeverityName } from '../../types';
import { planPath } from '../helpers';
import type { Rule, RuleContext } from '../rule';

/** A plan part that should be there: fires on `plan:` when `isMissing` says so. */
export function planPartRule(options: {
  id: string;
  defaultSeverity: SeverityName;
  summary: string;
  message: string;
  isMissing: (context: RuleContext) => boolean;
}): Rule {
  return {
    id: options.id,
    defaultSeverity: options.defaultSeverity,
    summary: options.summary,
    check(context) {
      if (!context.read.object(planPath)) return;
      if (options.isMissing(context)) context.report(key(planPath), options.message);
    },
  };
}

export const at = (...path: Path): Path => [...planPath, ...path];
