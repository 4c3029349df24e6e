import { key } from '../../document/places';
import { strategyPath, type StrategyPart } from '../../model/plan';
import { addSectionFix, type SectionSource } from '../fixes/sections';
import { defineRule, type FixContext, type FixProposal, type Rule } from '../rule';

/** A strategy part that should be there: fires on `strategy:` when the strategy lacks it; its fix adds the part from its snippet. */
export function strategyPartRule(options: {
  id: string;
  part: StrategyPart;
  summary: string;
  message: string;
  source: SectionSource;
  fix?: (context: FixContext) => FixProposal[];
}): Rule<'missing'> {
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
    fix: (context) => options.fix?.(context) ?? addSectionFix(context, strategyPath, options.part, options.source),
  });
}
