import { actualsAfterAsOf } from './actuals/afterAsOf';
import { actualsKpiBehind } from './actuals/kpiBehind';
import { actualsKpiNoRecentResult } from './actuals/kpiNoRecentResult';
import { actualsOffPace } from './actuals/offPace';
import { actualsOverspent } from './actuals/overspent';
import { actualsSourceUnreadable } from './actuals/sourceUnreadable';
import { overAllocated } from './budget/overAllocated';
import { underAllocated } from './budget/underAllocated';
import { campaignDatesMissing } from './campaign/datesMissing';
import { campaignKpisMissing } from './campaign/kpisMissing';
import { endBeforeStart } from './dates/endBeforeStart';
import { outsidePeriod } from './dates/outsidePeriod';
import { kpiNotMeasurable } from './kpi/notMeasurable';
import { budgetMissing } from './plan/budgetMissing';
import { budgetWithoutTimeline } from './plan/budgetWithoutTimeline';
import { channelsMissing } from './plan/channelsMissing';
import { contentMissing } from './plan/contentMissing';
import { kpisMissing } from './plan/kpisMissing';
import { notLinkedToStrategy } from './plan/notLinkedToStrategy';
import { ownerNotManagement } from './plan/ownerNotManagement';
import { periodTooLong } from './plan/periodTooLong';
import { reportingMissing } from './plan/reportingMissing';
import { salesAlignmentMissing } from './plan/salesAlignmentMissing';
import { timelineMissing } from './plan/timelineMissing';
import { refDuplicateId } from './ref/duplicateId';
import { refUnknown } from './ref/unknown';
import { refUnused } from './ref/unused';
import type { MessageSpec } from '../i18n/messages';
import { isIdsRule, ruleMessageId, rulePage as pageIn, type IdsRule, type Rule } from './rule';
import { schemaRule } from './schema';
import { audienceMissing } from './strategy/audienceMissing';
import { brandMissing } from './strategy/brandMissing';
import { competitionMissing } from './strategy/competitionMissing';
import { horizonTooShort } from './strategy/horizonTooShort';
import { objectivesMissing } from './strategy/objectivesMissing';
import { ownerNotLeadership } from './strategy/ownerNotLeadership';
import { swotIncomplete } from './strategy/swotIncomplete';
import { swotMissing } from './strategy/swotMissing';
import { valuePropositionMissing } from './strategy/valuePropositionMissing';
import { yamlSyntaxRule } from './yamlSyntax';

export type { Rule, RuleContext, RuleMeta, FixKind, FixProposal, FixContext } from './rule';
export { ruleMessageId, repositoryUrl } from './rule';

/** The languages with a page for every rule under `docs/rules/<locale>/` (the catalogue's tests hold each to it). */
export const rulePageLocales: ReadonlySet<string> = new Set(['vi', 'zh-cn', 'ru']);

/** A rule's page in the reader's language where it has one (`docs/rules/ru/<id>.md`), else the English page. */
export function rulePage(id: string, locale = 'en'): string {
  return pageIn(id, rulePageLocales.has(locale) ? locale : 'en');
}

/** The catalogue, in the order of the format's rule table. */
export const rules: readonly Rule[] = [
  schemaRule,
  yamlSyntaxRule,
  objectivesMissing,
  audienceMissing,
  valuePropositionMissing,
  swotMissing,
  swotIncomplete,
  competitionMissing,
  brandMissing,
  horizonTooShort,
  ownerNotLeadership,
  budgetMissing,
  timelineMissing,
  budgetWithoutTimeline,
  channelsMissing,
  contentMissing,
  kpisMissing,
  periodTooLong,
  ownerNotManagement,
  notLinkedToStrategy,
  reportingMissing,
  salesAlignmentMissing,
  overAllocated,
  underAllocated,
  campaignKpisMissing,
  campaignDatesMissing,
  endBeforeStart,
  outsidePeriod,
  kpiNotMeasurable,
  refUnknown,
  refDuplicateId,
  refUnused,
  actualsOverspent,
  actualsOffPace,
  actualsKpiBehind,
  actualsKpiNoRecentResult,
  actualsAfterAsOf,
  actualsSourceUnreadable,
];

/** The rules that read only ids (`IdsRule`), in the catalogue's order. */
export const idsRules: readonly IdsRule[] = rules.filter(isIdsRule);

/** Controls and the marks that reorder a line, shown as `\u001b` in a log line rather than acted on by a terminal. */
const invisible = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A rule as its fixes are asked for (quick fixes, fix-all, `check --fix`): a fix that throws
 * offers nothing, and is logged with the rule's id and the error, so that the other fixes go on.
 */
function withGuardedFix(rule: Rule): Rule {
  if (!rule.fix) return rule;
  return {
    ...rule,
    fix: async (context) => {
      try {
        return await rule.fix!(context);
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        console.error(`mktplan: ${rule.id}: ${reason.replace(invisible, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}`);
        return [];
      }
    },
  };
}

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, withGuardedFix(rule)]));

/** Every rule's messages under their catalogue ids. */
export const ruleMessages: Readonly<Record<string, MessageSpec>> = Object.fromEntries(
  rules.flatMap((rule) => Object.entries<MessageSpec>(rule.messages).map(([id, spec]) => [ruleMessageId(rule.id, id), spec])),
);
