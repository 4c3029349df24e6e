import Big from 'big.js';
import { baseName } from '../document/uris';
import { placeOffsets, key } from '../document/places';
import type { Path } from '../document/paths';
import { byDate, counted, plannedAmounts } from '../model/actuals';
import { decimalText, sumOf, type Amount } from '../model/amounts';
import type { Analysis } from '../model/analysis';
import { daysIncluded, type Span } from '../model/plan';
import { dayNumber, type PlanReader } from '../model/reader';
import { latestResult, measuredKpis, pathValue } from '../rules/actuals/kpi';
import { currencyOfPlan } from '../rules/actuals/lines';
import { roleGroup, type RoleGroup } from '../model/roles';
import type { Diagnostic, Severity } from '../types';
import type { Translator } from '../i18n/translator';
import { enumValues, schemaAt } from '../schema/definitions';

/**
 * What a person reads of a plan, computed once from the plan model and shared by the preview
 * and the exports: plain data (ids, texts as written, exact amounts, dates), worded later in
 * the reader's language. A section's data comes from the file itself, else from the first
 * import that has it, so that a yearly plan shows the strategy it imports.
 */

/** Where an item is written: the editor reveals it on a click, a report names it. */
export interface Located {
  file: string;
  /** 0-based, as in LSP. */
  line: number;
  character: number;
}

/** An amount of money: exact as text (every digit as written), and as a number for charts. */
export interface Money {
  exact: string;
  value: number;
}

export interface Labelled {
  id?: string;
  /** The name written, else undefined: readers see the id then. */
  name?: string;
  at: Located;
}

export interface ObjectiveView extends Labelled {
  statement?: string;
  metric?: string;
  target?: number;
  unit?: string;
  due?: string;
  /** Named by the plan's `implements`. */
  implemented: boolean;
}

export interface SegmentView extends Labelled {
  description?: string;
  needs: string[];
  painPoints: string[];
  size?: string | number;
}

export type SwotQuadrantName = 'strengths' | 'weaknesses' | 'opportunities' | 'threats';

export interface StrategyView {
  at: Located;
  owner?: PersonRef;
  basedOn?: string;
  vision?: string;
  horizon?: DateSpan;
  objectives: ObjectiveView[];
  segments: SegmentView[];
  valueProposition?: { statement?: string; usp?: string };
  /** Each quadrant's entries; a quadrant left out is undefined. */
  swot?: Partial<Record<SwotQuadrantName, string[]>>;
  competition?: { approach?: string; advantage?: string; competitors: Array<{ name?: string; strengths: string[]; weaknesses: string[] }> };
  brand?: { positioning?: string; personality?: string; promise?: string };
}

export interface DateSpan {
  start: string;
  end: string;
}

export interface AllocationView {
  kind: 'channel' | 'campaign';
  id: string;
  /** The channel's or campaign's name, where it has one. */
  name?: string;
  amount: Money;
  /** Its part of the budget total, where the total is known and not zero. */
  share?: number;
  note?: string;
  at: Located;
}

export type AllocationState = 'over' | 'under' | 'exact' | 'unknown';

export interface BudgetView {
  at: Located;
  currency?: string;
  total?: Money;
  /** The allocations' sum, when there is at least one. */
  allocated?: Money;
  /** Total less allocated: negative when over-allocated. */
  remaining?: Money;
  /** How much the allocations exceed the total, when they do. */
  excess?: Money;
  state: AllocationState;
  /** The campaigns' own `budget` values, and their sum against the total. */
  campaignBudgets: Array<{ id?: string; name?: string; amount: Money; share?: number; at: Located }>;
  campaignBudgetsTotal?: Money;
  /** Total less the campaign budgets: negative when they exceed it. */
  campaignBudgetsRemaining?: Money;
  /** How much the campaign budgets exceed the total, when they do. */
  campaignBudgetsExcess?: Money;
  campaignBudgetsState: AllocationState;
  byChannel: AllocationView[];
  byCampaign: AllocationView[];
}

/** Where an item falls against the plan period. */
export type SchedulePlace = 'inside' | 'outside' | 'undated' | 'reversed';

export interface ScheduleItem extends Labelled {
  kind: 'campaign' | 'milestone';
  /** A milestone with one `date` has start and end alike. */
  start?: string;
  end?: string;
  place: SchedulePlace;
}

export interface TimelineView {
  period?: DateSpan;
  horizon?: DateSpan;
  /** Whether the plan period lies inside the strategy horizon, where both are known. */
  periodInsideHorizon?: boolean;
  /** The day the report counts as today. */
  today: string;
  items: ScheduleItem[];
}

export interface KpiView extends Labelled {
  metric?: string;
  baseline?: number;
  target?: number;
  unit?: string;
  direction?: string;
  due?: string;
  frequency?: string;
  owner?: PersonRef;
  /** The campaigns that list it. */
  campaigns: Array<{ id: string; name?: string; at: Located }>;
}

export interface TraceCampaign extends Labelled {
  kpis: Array<{ id: string; name?: string; known: boolean }>;
}

export interface TraceabilityView {
  /** Each objective with the campaigns that serve it, in the strategy's order. */
  objectives: Array<ObjectiveView & { campaigns: TraceCampaign[] }>;
  /** Campaigns that name no objective, or one nothing defines (`objective` holds it then). */
  campaignsServingNothing: Array<TraceCampaign & { objective?: string }>;
  /** Objectives no campaign serves. */
  objectivesUnserved: ObjectiveView[];
  /** KPIs no campaign lists. */
  kpisUnused: Labelled[];
  /** Campaigns that list no KPI. */
  campaignsUnmeasured: Labelled[];
  /** Whether the chain holds whole: objectives to trace, each served, every campaign serving one and measured, every KPI used. */
  complete: boolean;
}

export interface PersonRef {
  id: string;
  name?: string;
  role?: string;
  /** Whether the id names someone on the team. */
  known: boolean;
}

export type Ownership = 'strategy' | 'plan' | 'campaign' | 'kpi' | 'reporting' | 'salesAlignment';

export interface PersonView extends Labelled {
  role?: string;
  group?: RoleGroup;
  owns: Array<{ kind: Ownership; id?: string; name?: string; at: Located }>;
}

export interface FindingView {
  severity: Severity;
  code: string;
  message: string;
  at: Located;
}

/** What was planned for an item, or in all, against what was spent on it up to `asOf`. */
export interface StandingAmounts {
  /** What the plan gives it; for the total, the budget's `total`, where there is one. */
  planned?: Money;
  /** The lines dated on or before `asOf`. */
  spent: Money;
  /** Spent over planned, where something is planned. */
  spentShare?: number;
  /** What an even pace runs over: a campaign's `start`..`end`, a channel's (and the total's) the plan period. */
  span?: DateSpan;
  /** The share of the span gone by `asOf`: its days up to `asOf` (both included) over all its days, from 0 to 1. */
  elapsed?: number;
  /** What an even pace would have spent by `asOf`: the elapsed share of what is planned, to a whole unit of money. */
  evenPace?: Money;
}

/** A campaign or a channel the plan gives money. */
export interface StandingItem extends StandingAmounts {
  kind: 'campaign' | 'channel';
  id: string;
  name?: string;
  planned: Money;
  /** Where the plan defines it. */
  at?: Located;
}

/** A KPI with results, against the path to its target. */
export interface StandingKpi {
  id: string;
  name?: string;
  unit?: string;
  target?: number;
  baseline?: number;
  /** Its results on or before `asOf`, by date (one date's in reading order), each with where the path stood that day. */
  results: Array<{ date: string; value: number; path?: number }>;
  /** The result that counts (`actuals/kpi-behind`): the latest on or before `asOf`, the last read of its date. */
  latest: { date: string; value: number };
  /** Where the path to the target stands on the latest result's date. */
  pathAtLatest?: number;
  /**
   * The path from `baseline` to `target` at its corners: the plan period's start, its `due` where that
   * falls inside the period, and the period's end. None without a baseline or a target.
   */
  path?: Array<{ date: string; value: number }>;
  at?: Located;
}

/** Where the plan stands by `asOf`, from the actuals that measure it (plan-format.md, "`actuals`"). */
export interface StandingView {
  /** The file that holds the actuals. */
  file: string;
  /** The file of the plan they measure. */
  plan: string;
  asOf: string;
  /** Where `asOf` is written. */
  at: Located;
  currency?: string;
  /** The plan period, which the channels' and the total's even pace runs over. */
  period?: DateSpan;
  channels: StandingItem[];
  campaigns: StandingItem[];
  total: StandingAmounts;
  /** What was spent in all by the end of each date that has lines, up to `asOf`, and what an even pace of the total would have by then. */
  spending: Array<{ date: string; spent: Money; evenPace?: Money }>;
  /** The even pace of the budget's total by the end of the plan period's first and last days, to a whole unit of money. */
  pace?: Array<{ date: string; amount: Money }>;
  kpis: StandingKpi[];
  /** The open `actuals/*` findings of the actuals' file, in its order. */
  findings: FindingView[];
}

export interface PlanView {
  file: string;
  title?: string;
  organization?: { name?: string; stage?: string; industry?: string; market?: string };
  strategy?: StrategyView;
  hasPlan: boolean;
  planOwner?: PersonRef;
  budget?: BudgetView;
  timeline: TimelineView;
  kpis: KpiView[];
  traceability: TraceabilityView;
  people: PersonView[];
  /** Names given to team ids that are not on the team. */
  unknownOwners: PersonRef[];
  /** The file's findings by the top-level section they are about (`file` for the rest), in the file's order. */
  findings: Array<{ section: string; items: FindingView[] }>;
  /** Where the plan stands, where actuals measure it. */
  standing?: StandingView;
}

/** The actuals a view reads: the analysis of the file that holds them, and that file's findings. */
export interface Measuring {
  analysis: Analysis;
  findings: readonly Diagnostic[];
}

/** One file the view reads: the plan's own, or one it imports. */
interface Source {
  analysis: Analysis;
  read: PlanReader;
}

const sectionsOfFindings = ['organization', 'team', 'strategy', 'plan', 'imports'];

/** An exact amount as a view holds it. */
function moneyOf(value: Amount): Money {
  return { exact: decimalText(value), value: value.toNumber() };
}

/** A day number as `YYYY-MM-DD`. */
function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.flatMap((entry) => (typeof entry === 'string' || typeof entry === 'number' ? [String(entry)] : [])) : [];
}

/**
 * The view of a plan: `analysis` is the file's, `imported` those of the files it imports, in
 * import order; `findings` the file's own; `today` a `YYYY-MM-DD` date; `measuring`, the actuals
 * that measure the plan (or this file's own).
 */
export function planView(analysis: Analysis, imported: readonly Analysis[], findings: readonly Diagnostic[], today: string, measuring?: Measuring): PlanView {
  const own: Source = { analysis, read: analysis.read };
  const sources: Source[] = [own, ...imported.map((other) => ({ analysis: other, read: other.read }))];
  const at = (source: Source, path: Path): Located => {
    const [start] = placeOffsets(source.analysis.parsed, key(path));
    const position = source.analysis.parsed.rangeOf(start, start).start;
    return { file: source.analysis.file, line: position.line, character: position.character };
  };
  /** The first source that has a map at the path: this file, else an import. */
  const sourceOf = (path: Path): Source | undefined => sources.find((source) => source.read.object(path) !== undefined);
  const text = (source: Source, path: Path) => source.read.text(path);
  const label = (source: Source, path: Path): Labelled => ({ id: text(source, [...path, 'id']), name: text(source, [...path, 'name']), at: at(source, path) });
  const items = (source: Source, path: Path): Path[] => source.read.objectIndexes(path).map((index) => [...path, index]);
  const span = (source: Source, path: Path): DateSpan | undefined => {
    const [start, end] = [text(source, [...path, 'start']), text(source, [...path, 'end'])];
    return dayNumber(start) !== undefined && dayNumber(end) !== undefined ? { start: start!, end: end! } : undefined;
  };
  const amount = (source: Source, path: Path): Amount | undefined => source.analysis.model.amountAt(path);

  // The team: this file's members first, then those of its imports; the first of an id wins.
  const team = new Map<string, PersonView>();
  for (const source of sources) {
    for (const path of items(source, ['team'])) {
      const member = label(source, path);
      if (member.id === undefined || team.has(member.id)) continue;
      const role = text(source, [...path, 'role']);
      team.set(member.id, { ...member, role, group: role === undefined ? undefined : roleGroup(role), owns: [] });
    }
  }
  const unknownOwners = new Map<string, PersonRef>();
  const person = (id: string | undefined): PersonRef | undefined => {
    if (id === undefined) return undefined;
    const member = team.get(id);
    if (member) return { id, name: member.name, role: member.role, known: true };
    const unknown: PersonRef = { id, known: false };
    unknownOwners.set(id, unknown);
    return unknown;
  };
  const owns = (id: string | undefined, ownership: PersonView['owns'][number]) => {
    if (id !== undefined) team.get(id)?.owns.push(ownership);
  };

  // Strategy.
  const strategySource = sourceOf(['strategy']);
  const planSource = own.read.object(['plan']) ? own : undefined;
  const implemented = new Set(planSource ? texts(planSource.read.list(['plan', 'implements'])) : []);
  let strategy: StrategyView | undefined;
  if (strategySource) {
    const source = strategySource;
    const s = (...path: Path) => text(source, ['strategy', ...path]);
    const objectives: ObjectiveView[] = items(source, ['strategy', 'objectives']).map((path) => {
      const objective = label(source, path);
      return {
        ...objective,
        statement: text(source, [...path, 'statement']),
        metric: text(source, [...path, 'metric']),
        target: source.read.number([...path, 'target']),
        unit: text(source, [...path, 'unit']),
        due: dayNumber(text(source, [...path, 'due'])) === undefined ? undefined : text(source, [...path, 'due']),
        implemented: objective.id !== undefined && implemented.has(objective.id),
      };
    });
    const swotPath = ['strategy', 'swot'];
    const swot = source.read.object(swotPath)
      ? Object.fromEntries((['strengths', 'weaknesses', 'opportunities', 'threats'] as const).flatMap((quadrant) => {
          const list = source.read.list([...swotPath, quadrant]);
          return list ? [[quadrant, texts(list)]] : [];
        }))
      : undefined;
    const competition = source.read.object(['strategy', 'competition'])
      ? {
          approach: s('competition', 'approach'),
          advantage: s('competition', 'advantage'),
          competitors: items(source, ['strategy', 'competition', 'competitors']).map((path) => ({
            name: text(source, [...path, 'name']),
            strengths: texts(source.read.list([...path, 'strengths'])),
            weaknesses: texts(source.read.list([...path, 'weaknesses'])),
          })),
        }
      : undefined;
    const ownerId = s('owner');
    strategy = {
      at: at(source, ['strategy']),
      owner: person(ownerId),
      basedOn: s('basedOn'),
      vision: s('vision'),
      horizon: span(source, ['strategy', 'horizon']),
      objectives,
      segments: items(source, ['strategy', 'audience', 'segments']).map((path) => {
        const size = source.read.at([...path, 'size']);
        return {
          ...label(source, path),
          description: text(source, [...path, 'description']),
          needs: texts(source.read.list([...path, 'needs'])),
          painPoints: texts(source.read.list([...path, 'painPoints'])),
          size: typeof size === 'string' || typeof size === 'number' ? size : undefined,
        };
      }),
      valueProposition: source.read.object(['strategy', 'valueProposition']) ? { statement: s('valueProposition', 'statement'), usp: s('valueProposition', 'usp') } : undefined,
      swot,
      competition,
      brand: source.read.object(['strategy', 'brand']) ? { positioning: s('brand', 'positioning'), personality: s('brand', 'personality'), promise: s('brand', 'promise') } : undefined,
    };
    owns(ownerId, { kind: 'strategy', at: at(source, ['strategy']) });
  }
  const objectivesById = new Map((strategy?.objectives ?? []).flatMap((objective) => (objective.id === undefined ? [] : [[objective.id, objective] as const])));

  // The plan's lists, read once.
  const plan = planSource;
  const campaigns = plan
    ? items(plan, ['plan', 'campaigns']).map((path) => ({
        path,
        ...label(plan, path),
        objective: text(plan, [...path, 'objective']),
        owner: text(plan, [...path, 'owner']),
        start: text(plan, [...path, 'start']),
        end: text(plan, [...path, 'end']),
        budget: amount(plan, [...path, 'budget']),
        kpis: texts(plan.read.list([...path, 'kpis'])),
      }))
    : [];
  const kpiPaths = plan ? items(plan, ['plan', 'kpis']) : [];
  const channels = new Map<string, string | undefined>();
  if (plan) for (const path of items(plan, ['plan', 'channels'])) {
    const id = text(plan, [...path, 'id']);
    if (id !== undefined) channels.set(id, text(plan, [...path, 'name']));
  }
  const campaignNames = new Map(campaigns.flatMap((campaign) => (campaign.id === undefined ? [] : [[campaign.id, campaign.name] as const])));
  const planOwnerId = plan ? text(plan, ['plan', 'owner']) : undefined;
  if (plan) owns(planOwnerId, { kind: 'plan', at: at(plan, ['plan']) });

  // Budget.
  let budget: BudgetView | undefined;
  if (plan?.read.object(['plan', 'budget'])) {
    const money = moneyOf;
    const total = amount(plan, ['plan', 'budget', 'total']);
    const shareOf = (value: Amount) => (total && !total.eq(0) ? value.div(total).toNumber() : undefined);
    const stateOf = (sum: Amount | undefined, underCounts: boolean): AllocationState =>
      !total || !sum ? 'unknown' : sum.gt(total) ? 'over' : sum.lt(total) ? (underCounts ? 'under' : 'exact') : 'exact';
    const allocations: AllocationView[] = [];
    const allocationAmounts: Amount[] = [];
    let allocationsUsable = true;
    for (const path of items(plan, ['plan', 'budget', 'allocations'])) {
      const value = amount(plan, [...path, 'amount']);
      if (value === undefined) {
        allocationsUsable = false;
        continue;
      }
      allocationAmounts.push(value);
      const channel = text(plan, [...path, 'channel']);
      const campaign = text(plan, [...path, 'campaign']);
      const kind = channel !== undefined ? 'channel' : 'campaign';
      const id = channel ?? campaign ?? '';
      allocations.push({
        kind,
        id,
        name: kind === 'channel' ? channels.get(id) : campaignNames.get(id),
        amount: money(value),
        share: shareOf(value),
        note: text(plan, [...path, 'note']),
        at: at(plan, path),
      });
    }
    const allocated = allocationsUsable && allocationAmounts.length > 0 ? sumOf(allocationAmounts) : undefined;
    const withBudgets = campaigns.filter((campaign) => campaign.budget !== undefined);
    // As the budget rules read it: a campaign budget that breaks the schema leaves the sum unknown.
    const budgetsUsable = campaigns.every((campaign) => plan.analysis.model.presence([...campaign.path, 'budget']) !== 'broken');
    const campaignSum = budgetsUsable && withBudgets.length > 0 ? sumOf(withBudgets.map((campaign) => campaign.budget!)) : undefined;
    budget = {
      at: at(plan, ['plan', 'budget']),
      currency: text(plan, ['plan', 'budget', 'currency']),
      total: total && money(total),
      allocated: allocated && money(allocated),
      remaining: total && allocated ? money(total.minus(allocated)) : undefined,
      excess: total && allocated?.gt(total) ? money(allocated.minus(total)) : undefined,
      state: stateOf(allocated, true),
      campaignBudgets: withBudgets.map((campaign) => ({ id: campaign.id, name: campaign.name, amount: money(campaign.budget!), share: shareOf(campaign.budget!), at: campaign.at })),
      campaignBudgetsTotal: campaignSum && money(campaignSum),
      campaignBudgetsRemaining: total && campaignSum ? money(total.minus(campaignSum)) : undefined,
      campaignBudgetsExcess: total && campaignSum?.gt(total) ? money(campaignSum.minus(total)) : undefined,
      campaignBudgetsState: stateOf(campaignSum, false),
      byChannel: allocations.filter((allocation) => allocation.kind === 'channel'),
      byCampaign: allocations.filter((allocation) => allocation.kind === 'campaign'),
    };
  }

  // Timeline: campaigns, then milestones, each against the plan period.
  const period = plan ? span(plan, ['plan', 'period']) : undefined;
  const horizon = strategy?.horizon;
  const placeOf = (start: string | undefined, end: string | undefined): SchedulePlace => {
    const [from, to] = [dayNumber(start), dayNumber(end)];
    if (from === undefined || to === undefined) return 'undated';
    if (to < from) return 'reversed';
    if (!period) return 'inside';
    return from >= dayNumber(period.start)! && to <= dayNumber(period.end)! ? 'inside' : 'outside';
  };
  const scheduled: ScheduleItem[] = campaigns.map((campaign) => {
    const dated = (value: string | undefined) => (dayNumber(value) === undefined ? undefined : value);
    return { kind: 'campaign', id: campaign.id, name: campaign.name, at: campaign.at, start: dated(campaign.start), end: dated(campaign.end), place: placeOf(campaign.start, campaign.end) };
  });
  if (plan) for (const path of items(plan, ['plan', 'timeline'])) {
    // A milestone is one day (`date`, or a `start` alone) or a span (`start` and `end`).
    const [date, from, to] = [text(plan, [...path, 'date']), text(plan, [...path, 'start']), text(plan, [...path, 'end'])];
    const [start, end] = dayNumber(date) !== undefined ? [date, date] : to === undefined ? [from, from] : [from, to];
    const milestone = label(plan, path);
    const dated = placeOf(start, end) !== 'undated';
    scheduled.push({ kind: 'milestone', ...milestone, start: dated ? start : undefined, end: dated ? end : undefined, place: placeOf(start, end) });
  }
  const periodInsideHorizon =
    period && horizon ? dayNumber(period.start)! >= dayNumber(horizon.start)! && dayNumber(period.end)! <= dayNumber(horizon.end)! : undefined;

  // Measurement. Campaigns by the KPIs they list and by the objective they serve, in file order, read once.
  const campaignsByKpi = new Map<string, typeof campaigns>();
  const campaignsByObjective = new Map<string, typeof campaigns>();
  const addTo = (index: Map<string, typeof campaigns>, key: string, campaign: (typeof campaigns)[number]) => {
    const list = index.get(key);
    if (!list) index.set(key, [campaign]);
    else if (list[list.length - 1] !== campaign) list.push(campaign);
  };
  for (const campaign of campaigns) {
    for (const id of campaign.kpis) addTo(campaignsByKpi, id, campaign);
    if (campaign.objective !== undefined) addTo(campaignsByObjective, campaign.objective, campaign);
  }
  const kpis: KpiView[] = kpiPaths.map((path) => {
    const kpi = label(plan!, path);
    const ownerId = text(plan!, [...path, 'owner']);
    owns(ownerId, { kind: 'kpi', id: kpi.id, name: kpi.name, at: kpi.at });
    return {
      ...kpi,
      metric: text(plan!, [...path, 'metric']),
      baseline: plan!.read.number([...path, 'baseline']),
      target: plan!.read.number([...path, 'target']),
      unit: text(plan!, [...path, 'unit']),
      direction: text(plan!, [...path, 'direction']),
      due: dayNumber(text(plan!, [...path, 'due'])) === undefined ? undefined : text(plan!, [...path, 'due']),
      frequency: text(plan!, [...path, 'frequency']),
      owner: person(ownerId),
      campaigns: (kpi.id === undefined ? [] : (campaignsByKpi.get(kpi.id) ?? [])).map((campaign) => ({ id: campaign.id ?? '', name: campaign.name, at: campaign.at })),
    };
  });
  const kpiNames = new Map(kpis.flatMap((kpi) => (kpi.id === undefined ? [] : [[kpi.id, kpi.name] as const])));

  // Traceability: objective → campaigns → KPIs.
  const trace = (campaign: (typeof campaigns)[number]): TraceCampaign => ({
    id: campaign.id,
    name: campaign.name,
    at: campaign.at,
    kpis: campaign.kpis.map((id) => ({ id, name: kpiNames.get(id), known: kpiNames.has(id) })),
  });
  const traceObjectives = (strategy?.objectives ?? []).map((objective) => ({
    ...objective,
    campaigns: (objective.id === undefined ? [] : (campaignsByObjective.get(objective.id) ?? [])).map(trace),
  }));
  const campaignsServingNothing = campaigns
    .filter((campaign) => campaign.objective === undefined || !objectivesById.has(campaign.objective))
    .map((campaign) => ({ ...trace(campaign), objective: campaign.objective }));
  const objectivesUnserved = plan ? traceObjectives.filter((objective) => objective.campaigns.length === 0).map(({ campaigns: _, ...objective }) => objective) : [];
  const kpisUnused = campaigns.length > 0 ? kpis.filter((kpi) => kpi.campaigns.length === 0).map(({ id, name, at: where }) => ({ id, name, at: where })) : [];
  const campaignsUnmeasured = campaigns.filter((campaign) => campaign.kpis.length === 0).map(({ id, name, at: where }) => ({ id, name, at: where }));
  const traceability: TraceabilityView = {
    objectives: traceObjectives,
    campaignsServingNothing,
    objectivesUnserved,
    kpisUnused,
    campaignsUnmeasured,
    // An objective no campaign serves is a gap too, though it is flagged beside the objective rather than listed below.
    complete: traceObjectives.length > 0 && [campaignsServingNothing, objectivesUnserved, kpisUnused, campaignsUnmeasured].every((gap) => gap.length === 0),
  };

  // People: who owns what, in the file's order.
  for (const campaign of campaigns) owns(campaign.owner, { kind: 'campaign', id: campaign.id, name: campaign.name, at: campaign.at });
  if (plan) {
    owns(text(plan, ['plan', 'reporting', 'to']), { kind: 'reporting', at: at(plan, ['plan', 'reporting']) });
    owns(text(plan, ['plan', 'salesAlignment', 'owner']), { kind: 'salesAlignment', at: at(plan, ['plan', 'salesAlignment']) });
    for (const owner of [text(plan, ['plan', 'reporting', 'to']), text(plan, ['plan', 'salesAlignment', 'owner']), ...campaigns.map((campaign) => campaign.owner)]) person(owner);
  }

  // Findings by section, in the file's order.
  const grouped = new Map<string, FindingView[]>();
  for (const finding of findings) {
    const first = finding.data.path[0];
    const section = typeof first === 'string' && sectionsOfFindings.includes(first) ? first : 'file';
    const list = grouped.get(section) ?? [];
    list.push({ severity: finding.severity, code: finding.code, message: finding.message, at: { file: analysis.file, ...finding.range.start } });
    grouped.set(section, list);
  }

  // Where the plan stands: items located in the file that defines them, `asOf` and findings in the actuals' file.
  const located = measuring ? [...sources, { analysis: measuring.analysis, read: measuring.analysis.read }] : sources;
  const locate = (file: string, path: Path) => {
    const source = located.find((candidate) => candidate.analysis.file === file);
    return source && at(source, path);
  };
  const standing = measuring && standingOf(measuring, locate);

  const organizationSource = sourceOf(['organization']);
  const o = (name: string) => (organizationSource ? text(organizationSource, ['organization', name]) : undefined);
  return {
    file: analysis.file,
    title: own.read.text(['title']),
    organization: organizationSource ? { name: o('name'), stage: o('stage'), industry: o('industry'), market: o('market') } : undefined,
    strategy,
    hasPlan: plan !== undefined,
    planOwner: person(planOwnerId),
    budget,
    timeline: { period, horizon, periodInsideHorizon, today, items: scheduled },
    kpis,
    traceability,
    people: [...team.values()],
    unknownOwners: [...unknownOwners.values()],
    findings: [...sectionsOfFindings, 'file'].flatMap((section) => (grouped.has(section) ? [{ section, items: grouped.get(section)! }] : [])),
    ...(standing ? { standing } : {}),
  };
}

/** The share of a span gone by the end of a day, as `actuals/off-pace` counts it: its days up to that one, both included, over all its days. */
function elapsedShare(span: { start: number; end: number }, day: number): Big {
  return new Big(Math.min(Math.max(day - span.start + 1, 0), daysIncluded(span))).div(daysIncluded(span));
}

/** A KPI's path value as messages write it: to two decimals. */
const pathFigure = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 100) / 100);

/** Where the plan stands by `asOf`: what was spent against what is planned and an even pace, and each measured KPI against its path. */
function standingOf(measuring: Measuring, locate: (file: string, path: Path) => Located | undefined): StandingView | undefined {
  const { actuals, file } = measuring.analysis;
  const plan = actuals?.plan;
  if (!actuals?.asOf || !plan) return undefined;
  const asOf = actuals.asOf;
  const lines = counted(actuals, actuals.spend);
  const spentOn = (kind: 'campaign' | 'channel', id: string) => sumOf(lines.filter((line) => line.target.kind === kind && line.target.id === id).map((line) => line.amount));
  const dated = (span: Span | undefined) => (span && span.end >= span.start ? span : undefined);
  const period = dated(plan.model.period);
  /** The figures of an item or of the total, but what is planned, which each names its own way. */
  const amounts = (planned: Amount | undefined, spent: Amount, span: Span | undefined): Omit<StandingAmounts, 'planned'> => {
    const elapsed = span && elapsedShare(span, asOf.day);
    return {
      spent: moneyOf(spent),
      ...(planned && !planned.eq(0) ? { spentShare: spent.div(planned).toNumber() } : {}),
      ...(span && elapsed ? { span: { start: span.startText, end: span.endText }, elapsed: elapsed.toNumber() } : {}),
      ...(planned && elapsed ? { evenPace: moneyOf(elapsed.times(planned).round(0)) } : {}),
    };
  };
  const given = plannedAmounts(plan);
  const campaignsById = new Map(plan.model.campaigns.flatMap((campaign) => (campaign.id === undefined ? [] : [[campaign.id, campaign] as const])));
  const campaigns: StandingItem[] = [...given.campaigns].map(([id, planned]) => {
    const campaign = campaignsById.get(id);
    return {
      kind: 'campaign',
      id,
      name: campaign && plan.read.text([...campaign.path, 'name']),
      planned: moneyOf(planned),
      ...amounts(planned, spentOn('campaign', id), dated(campaign?.span)),
      at: campaign && locate(plan.file, campaign.path),
    };
  });
  const channelPaths = new Map(
    plan.read.objectIndexes(['plan', 'channels']).flatMap((index): Array<[string, Path]> => {
      const id = plan.read.text(['plan', 'channels', index, 'id']);
      return id === undefined ? [] : [[id, ['plan', 'channels', index]]];
    }),
  );
  const channels: StandingItem[] = [...given.channels].map(([id, planned]) => {
    const path = channelPaths.get(id);
    return {
      kind: 'channel',
      id,
      name: path && plan.read.text([...path, 'name']),
      planned: moneyOf(planned),
      ...amounts(planned, spentOn('channel', id), period),
      at: path && locate(plan.file, path),
    };
  });

  // What was spent in all by the end of each date, lines of one date together, beside an even pace of the total.
  const budgetTotal = given.total;
  const paceBy = budgetTotal && period ? (day: number) => moneyOf(elapsedShare(period, day).times(budgetTotal).round(0)) : undefined;
  const spending: StandingView['spending'] = [];
  let running = new Big(0);
  for (const line of byDate(lines)) {
    running = running.plus(line.amount);
    const last = spending[spending.length - 1];
    if (last?.date === line.date) last.spent = moneyOf(running);
    else spending.push({ date: line.date, spent: moneyOf(running), ...(paceBy ? { evenPace: paceBy(line.day) } : {}) });
  }
  const total: StandingAmounts = { ...(budgetTotal ? { planned: moneyOf(budgetTotal) } : {}), ...amounts(budgetTotal, running, period) };
  const pace = paceBy && period && [period.start, period.end].map((day) => ({ date: dateOf(day), amount: paceBy(day) }));

  const results = byDate(counted(actuals, actuals.results));
  const kpis: StandingKpi[] = measuredKpis(actuals).flatMap((kpi) => {
    const latest = latestResult(actuals, kpi.id);
    if (!latest) return [];
    // The path runs straight from the period's start to its `due`, and holds there.
    const corners = period && kpi.target !== undefined && kpi.baseline !== undefined ? [period.start, ...(kpi.due !== undefined && kpi.due > period.start && kpi.due < period.end ? [kpi.due] : []), period.end] : [];
    const path = corners.flatMap((day) => {
      const value = pathFigure(pathValue(kpi, actuals, day));
      return value === undefined ? [] : [{ date: dateOf(day), value }];
    });
    const pathAtLatest = pathFigure(pathValue(kpi, actuals, latest.day));
    return [
      {
        id: kpi.id,
        name: plan.read.text([...kpi.path, 'name']),
        unit: plan.read.text([...kpi.path, 'unit']),
        target: kpi.target,
        baseline: kpi.baseline,
        results: results
          .filter((line) => line.kpi === kpi.id)
          .map((line) => {
            const onPath = pathFigure(pathValue(kpi, actuals, line.day));
            return { date: line.date, value: line.value, ...(onPath !== undefined ? { path: onPath } : {}) };
          }),
        latest: { date: latest.date, value: latest.value },
        ...(pathAtLatest !== undefined ? { pathAtLatest } : {}),
        ...(path.length > 0 ? { path } : {}),
        at: locate(plan.file, kpi.path),
      },
    ];
  });

  const currency = currencyOfPlan(actuals);
  return {
    file,
    plan: plan.file,
    asOf: asOf.date,
    at: locate(file, asOf.path)!,
    ...(currency !== undefined ? { currency } : {}),
    ...(period ? { period: { start: period.startText, end: period.endText } } : {}),
    channels,
    campaigns,
    total,
    spending,
    ...(pace ? { pace } : {}),
    kpis,
    findings: measuring.findings
      .filter((finding) => finding.code.startsWith('actuals/'))
      .map((finding) => ({ severity: finding.severity, code: finding.code, message: finding.message, at: { file, ...finding.range.start } })),
  };
}

/** What a reader sees a plan called: its title, else its organization's name, else its file's. */
export function headingOf(view: PlanView): string {
  return view.title ?? view.organization?.name ?? baseName(view.file);
}

/** Where each kind of fixed value stands in a plan: its schema gives every value a title. */
const valuePaths = {
  role: ['team', 0, 'role'],
  stage: ['organization', 'stage'],
  frequency: ['plan', 'kpis', 0, 'frequency'],
  direction: ['plan', 'kpis', 0, 'direction'],
  approach: ['strategy', 'competition', 'approach'],
} satisfies Record<string, Path>;

export type ValueKind = keyof typeof valuePaths;

/** A fixed value (a role, a frequency) by its title in the reader's language; an unknown value as written. */
export function valueTitle(kind: ValueKind, value: string, translator: Translator): string {
  const schema = schemaAt(valuePaths[kind]);
  const known = schema && enumValues(schema).find((entry) => entry.value === value);
  if (!known?.titleRef) return value;
  return translator.schemaText(known.titleRef, { title: known.title }).title ?? value;
}
