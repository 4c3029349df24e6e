import type { Place } from '../document/places';
import type { MessageData, MessageRef, MessageSpec } from '../i18n/messages';
import type { Analysis } from '../model/analysis';
import type { FindingData, SeverityName } from '../types';
import type { FixEdit } from './fixes/edits';
import type { DefaultFor } from './fixes/snippets';

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
  | 'addImplements'
  | 'moveAsOf'
  | 'correctYear';

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

/**
 * What a rule that reads only ids reads of an analysis: the file's own ids and references, and
 * what its imports lend. A closed plan keeps these (`ClosedAccount`), and when its imports come to
 * lend other ids, only such rules run again.
 */
export type IdsAnalysis = Pick<Analysis, 'file' | 'definitions' | 'definitionsKey' | 'unresolved' | 'imports' | 'lent' | 'actuals'>;

export interface IdsRuleContext<MessageId extends string = string> extends IdsAnalysis, Pick<RuleContext<MessageId>, 'report' | 'reportMessage'> {}

/** A fix a finding offers: what it is called, and its edits (in this file, or in others). */
export interface FixProposal {
  title: MessageRef;
  edits: FixEdit[];
  /** The one fix that is clearly right. */
  isPreferred?: boolean;
  /** Keeps the user's meaning and needs no choice: `source.fixAll` and `--fix` apply it. */
  safe?: boolean;
}

/** What a rule's fixes read: the file's analysis, the finding's data, and values that keep a fix valid. */
export interface FixContext extends Analysis {
  finding: FindingData;
  /** The year dates default to: the plan period's, else this one. */
  year: string;
  /** An id no file that sees this one uses yet, from a base. */
  freeId(base: string): string;
  /** The value a fix puts in for a snippet's tab stop, so that the fix applied as it stands adds no finding of the format. */
  defaultFor: DefaultFor;
  /**
   * Whether the fix goes to a client that takes snippet edits: only then may it leave a value
   * the plan does not imply for the user to type over, selected. Otherwise (`--fix`, fix-all, a
   * client without snippets) it writes only what the plan implies, and a fix that would guess
   * is not offered.
   */
  snippets: boolean;
  /** What a tab stop shows for the value at a data path, in the reader's language: an enum's values to choose from, a date's pattern, else the key's title. */
  placeholder(path: readonly (string | number)[]): string | readonly string[];
  /** Another file of the workspace, analysed: an imported strategy a fix adds an item to. */
  analysisOf(file: string): Promise<Analysis | undefined>;
  /** The edits that rename the id defined at an item path, in its definition and every reference across the workspace. */
  renameEverywhere(itemPath: readonly (string | number)[], newId: string): Promise<FixEdit[]>;
}

export interface Rule<MessageId extends string = string> extends RuleMeta<MessageId> {
  check(context: RuleContext<MessageId>): void;
  /**
   * The values its findings follow from alone, where a rule names them: while each is the very
   * value it was at the file's last check, the findings of that check stand.
   */
  reads?(analysis: Analysis): readonly unknown[];
  /** The fixes of one of its findings. */
  fix?(context: FixContext): FixProposal[] | Promise<FixProposal[]>;
}

export const repositoryUrl = 'https://github.com/mktplan/mktplan';
export const rulePagesBase = `${repositoryUrl}/blob/main/docs/rules`;

/** A rule's page: in English at `docs/rules/<id>.md`, in another language at `docs/rules/<locale>/<id>.md`. */
export function rulePage(id: string, locale = 'en'): string {
  return locale === 'en' ? `${rulePagesBase}/${id}.md` : `${rulePagesBase}/${locale}/${id}.md`;
}

/** Declares a rule: its catalogue entry beside its check. */
export function defineRule<MessageId extends string>(rule: Omit<Rule<MessageId>, 'page' | 'fixes'> & { fixes?: readonly FixKind[] }): Rule<MessageId> {
  return { ...rule, page: rulePage(rule.id), fixes: rule.fixes ?? [] };
}

/** A rule whose check reads only the file's ids and its imports'. */
export interface IdsRule<MessageId extends string = string> extends Rule<MessageId> {
  readonly readsOnlyIds: true;
  check(context: IdsRuleContext<MessageId>): void;
}

/** Declares a rule that reads only ids (`IdsRule`). */
export function defineIdsRule<MessageId extends string>(rule: Omit<IdsRule<MessageId>, 'page' | 'fixes' | 'readsOnlyIds'> & { fixes?: readonly FixKind[] }): IdsRule<MessageId> {
  return { ...defineRule(rule), check: rule.check, readsOnlyIds: true };
}

/** Whether a rule reads only ids. */
export function isIdsRule(rule: Rule): rule is IdsRule {
  return 'readsOnlyIds' in rule;
}

/** The catalogue id of a rule's message. */
export function ruleMessageId(ruleId: string, messageId: string): string {
  return `${ruleId}.${messageId}`;
}
