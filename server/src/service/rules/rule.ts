import type { Place } from '../document/places';
import type { MessageData, MessageRef, MessageSpec } from '../i18n/messages';
import type { Analysis } from '../model/analysis';
import type { SeverityName } from '../types';

/** A finding as a rule reports it: where, which of its messages with what data, and the facts a fix needs. */
export interface Report<MessageId extends string> {
  place: Place;
  /** One of the rule's own messages. */
  message: MessageId;
  data?: MessageData;
  facts?: Record<string, unknown>;
}

export interface RuleContext<MessageId extends string = string> extends Analysis {
  report(finding: Report<MessageId>): void;
  /** For the rules that word findings of the layers below (`schema`, `yaml-syntax`): a message of the engine's catalogue. */
  reportMessage(place: Place, message: MessageRef, facts?: Record<string, unknown>): void;
}

/** The quick fixes a rule's findings can offer, by kind. */
export type FixKind =
  | 'insertSection'
  | 'replaceWithSuggestion'
  | 'insertRequiredKey'
  | 'numberFromText'
  | 'dateFromValue'
  | 'replaceId'
  | 'createItem'
  | 'renameDuplicate'
  | 'setTotalToSum'
  | 'addRemainderAllocation'
  | 'addTimeline'
  | 'transliterateId'
  | 'addDates'
  | 'addKpis'
  | 'addMissingMeasure'
  | 'swapDates'
  | 'addImplements';

export interface RuleMeta<MessageId extends string = string> {
  readonly id: string;
  readonly defaultSeverity: SeverityName;
  /** One line, shown in hover, SARIF, settings and the rule tables. */
  readonly summary: string;
  /** The rule's page. */
  readonly page: string;
  /** The rule's messages by id, in English; their full ids in the catalogue are `<rule id>.<message id>`. */
  readonly messages: Readonly<Record<MessageId, MessageSpec>>;
  /** The fixes its findings can offer (besides silencing them, which every finding can). */
  readonly fixes: readonly FixKind[];
  /** Findings about something that is not needed: editors fade them out. */
  readonly unnecessary?: boolean;
}

export interface Rule<MessageId extends string = string> extends RuleMeta<MessageId> {
  check(context: RuleContext<MessageId>): void;
}

export const repositoryUrl = 'https://github.com/mktplan/mktplan';
export const rulePagesBase = `${repositoryUrl}/blob/main/docs/rules`;

export function rulePage(id: string): string {
  return `${rulePagesBase}/${id}.md`;
}

/** Declares a rule: its catalogue entry beside its check. */
export function defineRule<MessageId extends string>(rule: Omit<Rule<MessageId>, 'page' | 'fixes'> & { fixes?: readonly FixKind[] }): Rule<MessageId> {
  return { ...rule, page: rulePage(rule.id), fixes: rule.fixes ?? [] };
}

/** The catalogue id of a rule's message. */
export function ruleMessageId(ruleId: string, messageId: string): string {
  return `${ruleId}.${messageId}`;
}
