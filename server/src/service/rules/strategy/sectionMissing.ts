import { key } from '../../document/places';
import { strategyPath, type StrategyPart } from '../../model/plan';
import { defineRule, type Rule } from '../rule';

/** A strategy part that should be there: fires on `strategy:` when the strategy lacks it. */
export function strategyPartRule(options: { id: string; part: StrategyPart; summary: string; message: string }): Rule<'missing'> {
  return defineRule({
    id: options.id,
    defaultSeverity: 'warning',
    summary: options.summary,
    messages: { missing: { text: options.message } },
    fixes: ['insertSection'],
    check({ model, report }) {
      if (!model.hasStrategy || model.strategyHas(options.part)) return;
      report({ place: key(strategyPath), message: 'missing', facts: { section: options.part } });
    },
  });
}
