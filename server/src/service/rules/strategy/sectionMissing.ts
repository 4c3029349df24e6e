import { key } from '../../anchors';
import type { Path } from '../../locate';
import { strategyPath } from '../helpers';
import type { Rule, RuleContext } from '../rule';

/** A strategy part that must be there: fires on `strategy:` when `isPresent` says it is not. */
export function strategyPartRule(options: {
  id: string;
  summary: string;
  message: string;
  isPresent: (context: RuleContext) => boolean;
}): Rule {
  return {
    id: options.id,
    defaultSeverity: 'warning',
    summary: options.summary,
    check(context) {
      if (!context.read.object(strategyPath)) return;
      if (!options.isPresent(context)) context.report(key(strategyPath), options.message);
    },
  };
}

export const at = (...path: Path): Path => [...strategyPath, ...path];
