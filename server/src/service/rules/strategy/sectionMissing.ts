import { key } from '../../document/places';
import { strategyPath, type StrategyPart } from '../../model/plan';
import { addSectionFix, type SectionSource } from '../fixes/sections';
import { defineRule, type FixContext, type FixProposal, type Rule } from '../rule';

/**
 * A strategy part that should be there: fires on `strategy:` when the strategy lacks it, with
 * `invalid` where its key is written but its value breaks the schema; its fix adds the part
 * from its snippet, where it is missing.
 */
export function strategyPartRule(options: {
  id: string;
  part: StrategyPart;
  summary: string;
  message: string;
  invalid: string;
  source: SectionSource;
  fix?: (context: FixContext) => FixProposal[];
}): Rule<'missing' | 'invalid'> {
  return defineRule({
    id: options.id,
    defaultSeverity: 'warning',
    summary: options.summary,
    messages: { missing: { text: options.message }, invalid: { text: options.invalid } },
    fixes: ['insertSection'],
    check({ model, report }) {
      const state = model.hasStrategy ? model.strategyPart(options.part) : 'present';
      if (state !== 'present') report({ place: key(strategyPath), message: state === 'broken' ? 'invalid' : 'missing', facts: { section: options.part } });
    },
    // A value written there is the writer's to correct, as its schema finding says: a section is not put over it.
    fix: (context) => (context.finding.messageId === `${options.id}.invalid` ? [] : (options.fix?.(context) ?? addSectionFix(context, strategyPath, options.part, options.source))),
  });
}
