import { valueAt } from '../document/data';
import { movedIndex, type DerivedFrom, type ParsedDocument } from '../document/parse';
import { isSeq } from 'yaml';
import { locate, locateFrom, type Path } from '../document/paths';
import { exactAmount, sumOf, type Amount } from './amounts';
import type { Definition } from './ids';
import { isMarketingLeader, type ImportResult } from './imports';
import type { PlanReader } from './reader';
import { roleGroup, type RoleGroup } from './roles';

/** A span of whole days, both ends as written and as day numbers. */
export interface Span {
  /** Path of the map that holds `start` and `end`. */
  path: Path;
  start: number;
  end: number;
  startText: string;
  endText: string;
}

/** Whole days from start to end, both included. */
export function daysIncluded(span: { start: number; end: number }): number {
  return span.end - span.start + 1;
}

/** Whether a value is there: `broken` when it is, but breaks the schema (so it counts as absent). */
export type Presence = 'present' | 'absent' | 'broken';

/** A list item, with what rules and features say of it. */
export interface Item {
  path: Path;
  id?: string;
  /** How a message names it: its id, else its name. */
  label?: string;
}

/** A date of the schedule, with its path: a campaign's or a milestone's. */
export interface ScheduledDate {
  path: Path;
  day: number;
  text: string;
}

export interface Campaign extends Item {
  /** Its dates, where it has both. */
  span?: Span;
  /** Its `start` and `end`, those that are dates. */
  dates: ScheduledDate[];
  /** The campaign's budget, when it is a usable number. */
  budget?: Amount;
  /** The budget is there but breaks the schema. */
  budgetBroken: boolean;
  start: Presence;
  end: Presence;
  hasKpis: boolean;
  objective?: string;
}

export interface Kpi extends Item {
  target?: number;
  targetPresence: Presence;
  unit: Presence;
  due: Presence;
  frequency: Presence;
}

export interface Objective extends Item {
  target?: number;
  targetPresence: Presence;
  due: Presence;
}

export interface Budget {
  path: Path;
  totalPath: Path;
  total?: Amount;
  /** The sum of the allocations; undefined when there are none or one has no usable amount. */
  allocated?: Amount;
  /** The sum of the campaign budgets; undefined when one of them breaks the schema. */
  campaignBudgets?: Amount;
}

export type SwotQuadrant = 'strengths' | 'weaknesses' | 'opportunities' | 'threats';
export const swotQuadrants: readonly SwotQuadrant[] = ['strengths', 'weaknesses', 'opportunities', 'threats'];

/** The state of a SWOT quadrant: `broken` when it is written but is neither a list nor empty. */
export type QuadrantState = 'absent' | 'empty' | 'filled' | 'broken';

/** The parts a strategy should have, by the key (or path) that holds each. */
export type StrategyPart = 'objectives' | 'audience' | 'valueProposition' | 'swot' | 'competition' | 'brand';

/** The parts of a plan that rules ask for, by the key that holds each. */
export type PlanPart = 'budget' | 'reporting' | 'salesAlignment' | 'channels' | 'kpis';

export const strategyPath: Path = ['strategy'];
export const planPath: Path = ['plan'];

/** The span at `path`, from its `start` and `end` read as dates, where it has both. */
function spanOf(path: Path, dates: readonly ScheduledDate[]): Span | undefined {
  const [start, end] = ['start', 'end'].map((key) => dates.find((date) => date.path[path.length] === key));
  return start && end ? { path, start: start.day, end: end.day, startText: start.text, endText: end.text } : undefined;
}

/** A campaign that a splice moved to another index: the same facts, at its new path. */
function movedCampaign(campaign: Campaign, path: Path): Campaign {
  const at = (inside: Path) => [...path, ...inside.slice(path.length)];
  return { ...campaign, path, span: campaign.span && { ...campaign.span, path }, dates: campaign.dates.map((date) => ({ ...date, path: at(date.path) })) };
}

/** The model of the text a model was spliced from, and what the splice changed. */
export interface SplicedFrom {
  model: PlanModel;
  changed: readonly Path[];
  moved?: DerivedFrom['moved'];
}

/**
 * What a file means as a marketing plan: typed access to its sections, lists, sums and
 * spans, read once from the parsed data. A value that breaks the schema reads as absent.
 * Rules, hover, completion and the outline read this rather than walking paths themselves.
 */
export class PlanModel {
  private cache = new Map<string, unknown>();

  constructor(
    private readonly read: PlanReader,
    private readonly parsed: ParsedDocument,
    /** Ids this file defines; its imports' are in `imports.scope`. */
    private readonly definitions: readonly Definition[],
    private readonly imports: ImportResult,
    previous?: SplicedFrom,
  ) {
    this.previous = previous;
    // Only the newest model is read from: the one before it lets go of its own, so that an editing
    // session keeps two versions of the file, not every one.
    if (previous) previous.model.previous = undefined;
  }

  /** The model of the text this one was spliced from, and the data paths the splice changed: what lies outside them is read again from it. */
  private previous: SplicedFrom | undefined;

  private once<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  /**
   * A fact read from the values at `within` alone: the one of the model this one was spliced
   * from, where the splice changed nothing at, under or above those paths.
   */
  private kept<T>(key: string, within: readonly Path[], compute: () => T): T {
    return this.once(key, () => {
      const previous = this.previous;
      const touched = (changed: Path) => within.some((path) => changed.every((segment, index) => index >= path.length || path[index] === segment));
      if (previous && previous.model.cache.has(key) && !previous.changed.some(touched)) return previous.model.cache.get(key) as T;
      return compute();
    });
  }

  get hasStrategy(): boolean {
    return this.read.object(strategyPath) !== undefined;
  }

  get hasPlan(): boolean {
    return this.read.object(planPath) !== undefined;
  }

  /**
   * Whether the key at a path is written, yet nothing usable came of it: its value breaks the
   * schema (an empty value included), or it is a list whose every item does. Such a part counts
   * as absent, but a message about it says it has no valid value, never that it is missing.
   */
  private writtenButBroken(path: Path): boolean {
    if (this.read.isBroken(path)) return true;
    const list = this.read.list(path);
    return list !== undefined && list.length > 0;
  }

  /** A part that holds a list of maps: present with one usable item, else broken or absent. */
  private listPart(path: Path): Presence {
    if (this.read.objectIndexes(path).length > 0) return 'present';
    return this.writtenButBroken(path) ? 'broken' : 'absent';
  }

  /** A part that is a map: present when it is one, broken when its key holds something else. */
  private mapPart(path: Path): Presence {
    if (this.read.object(path)) return 'present';
    return this.read.isBroken(path) ? 'broken' : 'absent';
  }

  /** Whether the strategy has the part (at least one usable entry where it is a list), or has it written with no valid value. */
  strategyPart(part: StrategyPart): Presence {
    switch (part) {
      case 'objectives':
        return this.listPart([...strategyPath, 'objectives']);
      case 'audience': {
        const audience = this.mapPart([...strategyPath, 'audience']);
        return audience === 'present' ? this.listPart([...strategyPath, 'audience', 'segments']) : audience;
      }
      default:
        return this.mapPart([...strategyPath, part]);
    }
  }

  /** The SWOT's path and each quadrant's state, when the strategy has a SWOT. */
  get swot(): { path: Path; quadrants: Array<{ quadrant: SwotQuadrant; state: QuadrantState }> } | undefined {
    const path = [...strategyPath, 'swot'];
    if (!this.read.object(path)) return undefined;
    return {
      path,
      quadrants: swotQuadrants.map((quadrant) => {
        const list = [...path, quadrant];
        // `threats:` with nothing after it is an empty quadrant, though the schema asks for a list there.
        const written = valueAt(this.read.root, list);
        const state: QuadrantState =
          written === undefined ? 'absent' : written === null ? 'empty' : this.read.hasEntries(list) ? 'filled' : this.read.list(list) ? 'empty' : 'broken';
        return { quadrant, state };
      }),
    };
  }

  private span(path: Path): Span | undefined {
    return spanOf(path, this.datesAt(path, ['start', 'end']));
  }

  get horizon(): Span | undefined {
    return this.span([...strategyPath, 'horizon']);
  }

  get period(): Span | undefined {
    return this.span([...planPath, 'period']);
  }

  /** The strategy horizon of this file, or failing that of the first import that has one. */
  get strategyHorizon(): { start: number; end: number } | undefined {
    return this.horizon ?? this.imports.scope.horizon;
  }

  /** Every span with both dates, for checking their order: the horizon, the period, campaigns and milestones. */
  get spans(): Span[] {
    return this.once('spans', () => {
      const spans: Array<Span | undefined> = [this.horizon, this.period, ...this.campaigns.map((campaign) => campaign.span), ...this.milestones.map(({ path }) => this.span(path))];
      return spans.filter((span) => span !== undefined);
    });
  }

  /** The owner named at a path (`strategy.owner`, `plan.owner`), with the role group of the team member it names. */
  owner(of: 'strategy' | 'plan'): { path: Path; id: string; role?: string; group?: RoleGroup } | undefined {
    const path = [of, 'owner'];
    const id = this.read.text(path);
    if (id === undefined) return undefined;
    const role = this.member(id)?.role;
    return { path, id, role, group: role === undefined ? undefined : roleGroup(role) };
  }

  /** The company's stage (`startup`, `sme`, `enterprise`): this file's organization's, else the first import's that gives one. */
  get stage(): string | undefined {
    return this.read.text(['organization', 'stage']) ?? this.imports.scope.stage;
  }

  /** Whether anyone on the team, in this file or its imports, has a marketing leadership role. */
  get hasMarketingLeader(): boolean {
    return this.definitions.some(isMarketingLeader) || this.imports.scope.hasMarketingLeader;
  }

  /** The team member with an id, in this file or its imports. */
  member(id: string): Definition | undefined {
    const isMember = (definition: Definition) => definition.kind === 'member' && definition.id === id;
    return this.definitions.find(isMember) ?? this.imports.scope.firstOfKind('member', id);
  }

  /** Whether the value at a path is there, and usable. */
  presence(path: Path): Presence {
    return this.read.isBroken(path) ? 'broken' : this.read.has(path) ? 'present' : 'absent';
  }

  private label(path: Path, withName = true): Pick<Item, 'id' | 'label'> {
    const id = this.read.text([...path, 'id']);
    return { id, label: id ?? (withName ? this.read.text([...path, 'name']) : undefined) };
  }

  private items(path: Path): Path[] {
    return this.read.objectIndexes(path).map((index) => [...path, index]);
  }

  get campaigns(): Campaign[] {
    return this.once('campaigns', () => {
      // The list's node, found once: each campaign's budget is read from its own item.
      const list = locate(this.parsed.valueTree, [...planPath, 'campaigns'])?.node;
      const paths = this.items([...planPath, 'campaigns']);
      const unchanged = this.unchangedCampaigns(paths);
      return paths.map((path) => {
        const kept = unchanged?.get(path[path.length - 1] as number);
        if (kept) return kept;
        const dates = this.datesAt(path, ['start', 'end']);
        const budget = this.amountAt([...path, 'budget'], isSeq(list) ? { node: list.items[path[path.length - 1] as number], depth: path.length } : undefined);
        return {
          path,
          ...this.label(path),
          span: spanOf(path, dates),
          dates,
          budget,
          budgetBroken: this.read.isBroken([...path, 'budget']),
          start: this.presence([...path, 'start']),
          end: this.presence([...path, 'end']),
          hasKpis: this.read.hasEntries([...path, 'kpis']),
          objective: this.read.text([...path, 'objective']),
        };
      });
    });
  }

  /**
   * The campaigns of the model this one was spliced from that the splice left alone, by index:
   * when it changed values inside some campaigns, or outside the list, and every campaign is
   * where it was. A campaign's facts read its own values only.
   */
  private unchangedCampaigns(paths: readonly Path[]): Map<number, Campaign> | undefined {
    const before = this.previous?.model.cache.get('campaigns') as Campaign[] | undefined;
    const moved = this.previous?.moved;
    if (before && moved) {
      // Campaigns added or removed: those before keep their places, those after move, the new ones are read.
      if (moved.list.length !== 2 || moved.list[0] !== planPath[0] || moved.list[1] !== 'campaigns') return undefined;
      const shifted = before.flatMap((campaign): Campaign[] => {
        const index = campaign.path[2] as number;
        const now = movedIndex(moved, index);
        if (now === undefined) return [];
        return [now === index ? campaign : movedCampaign(campaign, [...planPath, 'campaigns', now])];
      });
      const replaced = new Set(Array.from({ length: moved.added }, (_, offset) => moved.at + offset));
      return new Map(shifted.flatMap((campaign) => (replaced.has(campaign.path[2] as number) ? [] : [[campaign.path[2] as number, campaign] as const])));
    }
    if (!before || before.length !== paths.length || before.some((campaign, index) => campaign.path[2] !== paths[index][2])) return undefined;
    const touched = new Set<number>();
    for (const changed of this.previous!.changed) {
      const insideList = changed.length >= 2 && changed[0] === planPath[0] && changed[1] === 'campaigns';
      const aboveList = changed.length < 2 && (changed.length === 0 || changed[0] === planPath[0]);
      if (aboveList || (insideList && typeof changed[2] !== 'number')) return undefined;
      if (insideList) touched.add(changed[2] as number);
    }
    return new Map(before.flatMap((campaign) => (touched.has(campaign.path[2] as number) ? [] : [[campaign.path[2] as number, campaign] as const])));
  }

  get kpis(): Kpi[] {
    return this.kept('kpis', [[...planPath, 'kpis']], () => {
      return this.items([...planPath, 'kpis']).map((path) => ({
        path,
        ...this.label(path),
        target: this.read.number([...path, 'target']),
        targetPresence: this.presence([...path, 'target']),
        unit: this.presence([...path, 'unit']),
        due: this.presence([...path, 'due']),
        frequency: this.presence([...path, 'frequency']),
      }));
    });
  }

  get objectives(): Objective[] {
    return this.kept('objectives', [[...strategyPath, 'objectives']], () => {
      return this.items([...strategyPath, 'objectives']).map((path) => ({
        path,
        ...this.label(path, false),
        target: this.read.number([...path, 'target']),
        targetPresence: this.presence([...path, 'target']),
        due: this.presence([...path, 'due']),
      }));
    });
  }

  get milestones(): Item[] {
    return this.kept('milestones', [[...planPath, 'timeline']], () => {
      return this.items([...planPath, 'timeline']).map((path) => ({ path, ...this.label(path) }));
    });
  }

  /** Whether the plan has the part (at least one usable item where it is a list), or has it written with no valid value. */
  planPart(part: PlanPart): Presence {
    const path = [...planPath, part];
    return part === 'channels' || part === 'kpis' ? this.listPart(path) : this.mapPart(path);
  }

  /** Whether the plan, or any campaign, has content; broken when content is written but none of it is usable. */
  get content(): Presence {
    const parts = [[...planPath, 'content'], ...this.campaigns.map((campaign) => [...campaign.path, 'content'])].map((path) => this.listPart(path));
    return parts.includes('present') ? 'present' : parts.includes('broken') ? 'broken' : 'absent';
  }

  /** Whether the plan names a strategy objective, in `implements` or on a campaign; broken when it names one only in values that break the schema. */
  get strategyLink(): Presence {
    if (this.read.hasEntries([...planPath, 'implements']) || this.campaigns.some((campaign) => campaign.objective !== undefined)) return 'present';
    const broken = this.writtenButBroken([...planPath, 'implements']) || this.campaigns.some(({ path }) => this.read.isBroken([...path, 'objective']));
    return broken ? 'broken' : 'absent';
  }

  /**
   * Whether a campaign with both `start` and `end`, or a milestone with `date` or `start`, puts the
   * plan on a schedule; broken when only dates or a timeline that break the schema would have.
   */
  get schedule(): Presence {
    if (this.campaigns.some((campaign) => campaign.start === 'present' && campaign.end === 'present')) return 'present';
    if (this.milestones.some(({ path }) => this.read.has([...path, 'date']) || this.read.has([...path, 'start']))) return 'present';
    const brokenDate = (path: Path, keys: readonly string[]) => keys.some((key) => this.read.isBroken([...path, key]));
    const broken =
      this.writtenButBroken([...planPath, 'timeline']) ||
      this.campaigns.some(({ path }) => brokenDate(path, ['start', 'end'])) ||
      this.milestones.some(({ path }) => brokenDate(path, ['date', 'start']));
    return broken ? 'broken' : 'absent';
  }

  /** Dates of campaigns and milestones, each with its path, for checking them against the plan period. */
  get scheduledDates(): ScheduledDate[] {
    return this.once('scheduledDates', () => [
      ...this.campaigns.flatMap((campaign) => campaign.dates),
      ...this.milestones.flatMap((milestone) => this.datesAt(milestone.path, ['date', 'start', 'end'])),
    ]);
  }

  /** The values of an item's keys that are dates. */
  private datesAt(path: Path, keys: readonly string[]): ScheduledDate[] {
    const dates: ScheduledDate[] = [];
    for (const key of keys) {
      const datePath = [...path, key];
      const day = this.read.day(datePath);
      if (day !== undefined) dates.push({ path: datePath, day, text: this.read.text(datePath)! });
    }
    return dates;
  }

  /** The exact amount at a path, when it is a usable number; `from`, the node of the path's first `depth` segments, when the caller has it. */
  amountAt(path: Path, from?: { node: unknown; depth: number }): Amount | undefined {
    const value = this.read.number(path);
    if (value === undefined) return undefined;
    const located = from ? locateFrom(this.parsed.valueTree, from.node, path.slice(from.depth)) : locate(this.parsed.valueTree, path);
    const node = located?.node as { source?: unknown } | undefined;
    return exactAmount(value, typeof node?.source === 'string' ? node.source : undefined);
  }

  get budget(): Budget | undefined {
    return this.once('budget', () => {
      const path = [...planPath, 'budget'];
      if (!this.read.object(path)) return undefined;
      const totalPath = [...path, 'total'];
      const { total, allocated } = this.kept('budgetAmounts', [path], () => {
        const allocationsPath = [...path, 'allocations'];
        const allocations = this.read.list(allocationsPath) ?? [];
        const list = locate(this.parsed.valueTree, allocationsPath)?.node;
        const amounts = allocations.map((_, index) =>
          this.amountAt([...allocationsPath, index, 'amount'], isSeq(list) ? { node: list.items[index], depth: allocationsPath.length + 1 } : undefined),
        );
        const usable = amounts.length > 0 && amounts.every((amount) => amount !== undefined);
        return { total: this.amountAt(totalPath), allocated: usable ? sumOf(amounts as Amount[]) : undefined };
      });
      const campaigns = this.campaigns;
      const campaignsUsable = campaigns.every((campaign) => !campaign.budgetBroken);
      // Items of the campaign list that are not maps break the schema themselves: they hold no budget.
      return {
        path,
        totalPath,
        total,
        allocated,
        campaignBudgets: campaignsUsable ? sumOf(campaigns.flatMap((campaign) => campaign.budget ?? [])) : undefined,
      };
    });
  }
}
