import Big from 'big.js';
import { isSeq, type Node } from 'yaml';
import { isPlainObject, pointerOf } from '../document/data';
import { locateWritten, type Path } from '../document/paths';
import { quote } from '../i18n/messages';
import { decimalText, type Amount } from '../model/amounts';
import type { Analysis } from '../model/analysis';
import type { SymbolKind } from '../model/ids';
import { counted, plannedAmounts, type ActualsModel } from '../model/actuals';
import { dayNumber } from '../model/reader';
import { severityNames, type Diagnostic, type SeverityName } from '../types';

/**
 * A change to a plan reviewed by meaning (plan-format.md, "Reviewing a change: `mktplan diff`"):
 * two versions of a plan, each read with the files it imports at its own revision, compared
 * section by section. Items are matched by id, allocations by what they name, other list items as
 * sets of values; an item whose id alone changed is renamed, and what names it follows the rename.
 * Plain data out: ids, texts as written (cut at 80 characters), exact amounts, `YYYY-MM-DD` dates;
 * the doors word it through the catalogue.
 */

/** One version of a plan: its analysis, those of the files it imports (in import order), and its findings. */
export interface DiffSide {
  file: string;
  analysis: Analysis;
  imported: readonly Analysis[];
  findings: readonly Diagnostic[];
}

/** The parts of a plan that changes are grouped under, in the order a reader meets them. */
export const diffSections = ['file', 'team', 'strategy', 'objectives', 'segments', 'plan', 'budget', 'channels', 'campaigns', 'content', 'timeline', 'kpis', 'actuals'] as const;
export type DiffSection = (typeof diffSections)[number];

export type ItemKind = SymbolKind | 'content' | 'competitor' | 'allocation';

/** The list item a change is about. */
export interface ItemRef {
  kind: ItemKind;
  id?: string;
  /** What the item is called, as written (its name, statement or message), cut at 80 characters. */
  label?: string;
  /** What an allocation names. */
  target?: { kind: 'channel' | 'campaign'; id: string };
  /** The item that holds this one: the campaign of a content item. */
  parent?: ItemRef;
}

/** A team member named as an owner or a recipient, with the role the team gives them on that side. */
export interface PersonRef {
  id: string;
  name?: string;
  role?: string;
}

export interface DateSpan {
  start: string;
  end: string;
}

interface ChangeBase {
  section: DiffSection;
  item?: ItemRef;
  /** The key changed, inside the item (or the section, for a change outside any item): `target`, `valueProposition.statement`. */
  field?: string;
}

/** A change, as plain data; `before` or `after` is absent where the value is absent (or breaks the schema) on that side. */
export type Change = ChangeBase &
  (
    | { change: 'added' | 'removed'; amount?: string; currency?: string }
    | { change: 'renamed'; from: string; to: string }
    /** Free text, each side cut at 80 characters. */
    | { change: 'text'; before?: string; after?: string }
    /** A fixed value (a role, a frequency, a currency) or an id another item names (`ref`). */
    | { change: 'value'; before?: string; after?: string; ref?: SymbolKind }
    | { change: 'number'; before?: number; after?: number; difference?: number }
    /** Money, exact in decimal: the difference, and its share of `before` (0.2 for 20 %) where `before` is not zero. */
    | { change: 'amount'; before?: string; after?: string; difference?: string; relative?: number; currency?: string }
    /** A date; `days` is how far it moved (positive: later), where it is there on both sides. */
    | { change: 'date'; before?: string; after?: string; days?: number }
    /** A span of dates: `moved`, days its start moved (positive: later); `longer`, days it gained (negative: shorter). */
    | { change: 'span'; before: DateSpan; after: DateSpan; moved: number; longer: number }
    /** A list of texts or ids read as a set: what is in it now and was not, and what was and is not. */
    | { change: 'entries'; added: string[]; removed: string[]; ref?: SymbolKind }
    | { change: 'person'; before?: PersonRef; after?: PersonRef }
    /**
     * Money spent on an item (or in all, without an item) up to each side's `asOf`, exact; with
     * what the plan (the newer side's) gives it and the share of that spent on each side.
     */
    | { change: 'spend'; before?: string; after?: string; difference: string; planned?: string; shareBefore?: number; shareAfter?: number; currency?: string }
    /** A KPI's latest result on or before each side's `asOf`. */
    | { change: 'result'; before?: { value: number; date: string }; after?: { value: number; date: string } }
  );

/** A finding one side has and the other has not, matched by its rule and what it is about, not by its line. */
export interface FindingChange {
  code: string;
  severity: SeverityName;
  message: string;
  messageId: string;
  /** What the finding is about: its data path with each list item named by its id (or what it names, or its value). */
  about: string;
  /** The list item it is about, where it is about one. */
  item?: ItemRef;
  /** 1-based, in the version that has it. */
  line: number;
}

/** An objective campaigns served before the change and none serves after it. */
export interface UnservedObjective {
  objective: ItemRef;
  /** The campaigns that served it before. */
  campaigns: ItemRef[];
  /** The allocations that gave those campaigns money before. */
  allocations: Array<{ campaign: string; amount: string; currency?: string }>;
}

export interface PlanDiff {
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** The budget total before and after, exact, with the currency of each side. */
  budget: { before?: string; after?: string; currencyBefore?: string; currencyAfter?: string };
  changes: Change[];
  findings: { introduced: FindingChange[]; resolved: FindingChange[] };
  unserved: UnservedObjective[];
}

// ------------------------------------------------------------------------------------------
// The format as the comparison reads it.

type RefKind = SymbolKind;

type Field =
  | { type: 'text' }
  | { type: 'value' }
  | { type: 'number' }
  | { type: 'amount' }
  | { type: 'date' }
  | { type: 'person' }
  | { type: 'ref'; kind: RefKind }
  | { type: 'refs'; kind: RefKind }
  | { type: 'texts' }
  /** `start` and `end` of the map itself (`under` absent) or of the map at `under` (a plan's `period`). */
  | { type: 'span'; under?: string }
  | { type: 'map'; fields: Fields; section?: DiffSection }
  | { type: 'list'; kind: ItemKind; match: 'id' | 'name' | 'allocation'; fields: Fields; section?: DiffSection; label?: string };

type Fields = Readonly<Record<string, Field>>;

const text: Field = { type: 'text' };
const value: Field = { type: 'value' };
const number: Field = { type: 'number' };
const amount: Field = { type: 'amount' };
const date: Field = { type: 'date' };
const person: Field = { type: 'person' };
const texts: Field = { type: 'texts' };
const ref = (kind: RefKind): Field => ({ type: 'ref', kind });
const refs = (kind: RefKind): Field => ({ type: 'refs', kind });

const contentFields: Fields = { channel: ref('channel'), message: text, format: text, cadence: value };
const contentList = (section?: DiffSection): Field => ({ type: 'list', kind: 'content', match: 'id', fields: contentFields, section, label: 'message' });

const memberFields: Fields = { role: value, name: text, responsibilities: texts };
const objectiveFields: Fields = { statement: text, metric: text, target: number, unit: text, due: date };
const segmentFields: Fields = { name: text, description: text, needs: texts, painPoints: texts, size: text };
const channelFields: Fields = { type: value, name: text };
const campaignFields: Fields = {
  name: text,
  objective: ref('objective'),
  audience: ref('segment'),
  channels: refs('channel'),
  dates: { type: 'span' },
  budget: amount,
  owner: person,
  content: contentList(),
  kpis: refs('kpi'),
};
const kpiFields: Fields = {
  name: text,
  metric: text,
  target: number,
  unit: text,
  baseline: number,
  direction: value,
  frequency: value,
  due: date,
  owner: person,
};
const milestoneFields: Fields = { name: text, date, dates: { type: 'span' } };
const allocationFields: Fields = { amount, note: text };

const organizationFields: Fields = { name: text, stage: value, industry: text, market: text };
const teamList: Field = { type: 'list', kind: 'member', match: 'id', fields: memberFields, section: 'team', label: 'name' };

const strategyFields: Fields = {
  owner: person,
  horizon: { type: 'span', under: 'horizon' },
  basedOn: text,
  vision: text,
  objectives: { type: 'list', kind: 'objective', match: 'id', fields: objectiveFields, section: 'objectives', label: 'statement' },
  audience: {
    type: 'map',
    fields: { segments: { type: 'list', kind: 'segment', match: 'id', fields: segmentFields, section: 'segments', label: 'name' } },
  },
  valueProposition: { type: 'map', fields: { statement: text, usp: text } },
  swot: { type: 'map', fields: { strengths: texts, weaknesses: texts, opportunities: texts, threats: texts } },
  competition: {
    type: 'map',
    fields: {
      competitors: { type: 'list', kind: 'competitor', match: 'name', fields: { strengths: texts, weaknesses: texts } },
      approach: value,
      advantage: text,
    },
  },
  brand: { type: 'map', fields: { positioning: text, personality: text, promise: text } },
};

const planFields: Fields = {
  owner: person,
  period: { type: 'span', under: 'period' },
  implements: refs('objective'),
  budget: {
    type: 'map',
    section: 'budget',
    fields: {
      total: amount,
      currency: value,
      allocations: { type: 'list', kind: 'allocation', match: 'allocation', fields: allocationFields },
    },
  },
  timeline: { type: 'list', kind: 'milestone', match: 'id', fields: milestoneFields, section: 'timeline', label: 'name' },
  channels: { type: 'list', kind: 'channel', match: 'id', fields: channelFields, section: 'channels', label: 'name' },
  content: contentList('content'),
  campaigns: { type: 'list', kind: 'campaign', match: 'id', fields: campaignFields, section: 'campaigns', label: 'name' },
  kpis: { type: 'list', kind: 'kpi', match: 'id', fields: kpiFields, section: 'kpis', label: 'name' },
  reporting: { type: 'map', fields: { cadence: value, to: person } },
  salesAlignment: { type: 'map', fields: { owner: person, sharedGoals: texts, handoff: text } },
};

// ------------------------------------------------------------------------------------------
// Reading one side.

/** A place in one file of one side: the analysis that reads it, and the data path. */
interface At {
  source: Analysis;
  path: Path;
}

const child = (at: At | undefined, key: string | number): At | undefined => at && { source: at.source, path: [...at.path, key] };
const valueAt = (at: At | undefined): unknown => (at ? at.source.read.at(at.path) : undefined);
const textAt = (at: At | undefined): string | undefined => {
  const found = valueAt(at);
  return typeof found === 'string' ? found : typeof found === 'number' && Number.isFinite(found) ? String(found) : undefined;
};
const mapAt = (at: At | undefined): At | undefined => (at && at.source.read.object(at.path) ? at : undefined);
const itemsAt = (at: At | undefined): At[] => (at ? at.source.read.objectIndexes(at.path).map((index) => child(at, index)!) : []);
const textsAt = (at: At | undefined): string[] => {
  const list = at ? at.source.read.list(at.path) : undefined;
  if (!list) return [];
  return list.flatMap((_, index) => {
    const entry = textAt(child(at, index));
    return entry === undefined ? [] : [entry];
  });
};
/** An exact number (from the digits as written), where the value is a usable number. */
const exactAt = (at: At | undefined): Amount | undefined => (at ? at.source.model.amountAt(at.path) : undefined);

/** One side as the comparison reads it: its own file, and the file each section comes from. */
interface Side {
  own: Analysis;
  sources: Analysis[];
  /** Each team member by id: this file's first, then its imports'; the first of an id wins. */
  team: Map<string, At>;
}

function sideOf(diffSide: DiffSide): Side {
  const sources = [diffSide.analysis, ...diffSide.imported];
  const team = new Map<string, At>();
  for (const source of sources) {
    for (const item of itemsAt({ source, path: ['team'] })) {
      const id = textAt(child(item, 'id'));
      if (id !== undefined && !team.has(id)) team.set(id, item);
    }
  }
  return { own: diffSide.analysis, sources, team };
}

/** The map at a top-level key: this file's, else that of the first import that has one (a yearly plan's strategy). */
function sectionOf(side: Side | undefined, key: string): At | undefined {
  if (!side) return undefined;
  for (const source of side.sources) {
    const at = mapAt({ source, path: [key] });
    if (at) return at;
  }
  return undefined;
}

const ownAt = (side: Side | undefined, key: string): At | undefined => side && { source: side.own, path: [key] };

// ------------------------------------------------------------------------------------------
// Renames.

/** For each kind, the old id of each renamed item and its new one. */
type Renames = Map<ItemKind, Map<string, string>>;

const renamed = (renames: Renames, kind: ItemKind, id: string): string => renames.get(kind)?.get(id) ?? id;

/**
 * A value read by the descriptor as one comparable text: fields in a fixed order, lists read as
 * sets sorted, numbers exact, and on the old side every id another item names passed through the
 * renames, so that an item differs from its new version only by what changed in it.
 */
function canonical(field: Field, at: At | undefined, renames: Renames | undefined): unknown {
  switch (field.type) {
    case 'text':
    case 'value':
    case 'date':
      return textAt(at) ?? null;
    case 'number':
    case 'amount': {
      const exact = exactAt(at);
      return exact ? decimalText(exact) : null;
    }
    case 'person':
    case 'ref': {
      const id = textAt(at);
      return id === undefined ? null : renames ? renamed(renames, field.type === 'person' ? 'member' : field.kind, id) : id;
    }
    case 'refs':
      return [...new Set(textsAt(at).map((id) => (renames ? renamed(renames, field.kind, id) : id)))].sort();
    case 'texts':
      return [...new Set(textsAt(at))].sort();
    case 'span':
    {
      const map = field.under ? child(at, field.under) : at;
      return [textAt(child(map, 'start')) ?? null, textAt(child(map, 'end')) ?? null];
    }
    case 'map':
      return canonicalFields(field.fields, mapAt(at), renames);
    case 'list':
      return itemsAt(at)
        .map((item) => JSON.stringify(canonicalItem(field, item, renames, true)))
        .sort();
  }
}

function canonicalFields(fields: Fields, at: At | undefined, renames: Renames | undefined): unknown {
  if (!at) return null;
  return Object.entries(fields).map(([key, field]) => canonical(field, field.type === 'span' ? at : child(at, key), renames));
}

/** An item's canonical value; with `withId`, its id (renamed on the old side) and what it names are part of it. */
function canonicalItem(list: Extract<Field, { type: 'list' }>, item: At, renames: Renames | undefined, withId: boolean): unknown {
  const fields = canonicalFields(list.fields, item, renames);
  if (!withId) return fields;
  const id = textAt(child(item, 'id'));
  const keyed = list.match === 'allocation' ? allocationTarget(item, renames) : list.match === 'name' ? textAt(child(item, 'name')) : id === undefined ? undefined : renames ? renamed(renames, list.kind, id) : id;
  return [keyed ?? null, fields];
}

/** What an allocation names, as `channel:social` (the old side's id passed through the renames). */
function allocationTarget(item: At, renames: Renames | undefined): string | undefined {
  for (const kind of ['channel', 'campaign'] as const) {
    const id = textAt(child(item, kind));
    if (id !== undefined) return `${kind}:${renames ? renamed(renames, kind, id) : id}`;
  }
  return undefined;
}

/** The id'd lists of one side, where renames are looked for: by kind, each item with its id. */
function idLists(side: Side | undefined): Array<{ field: Extract<Field, { type: 'list' }>; items: At[] }> {
  if (!side) return [];
  const strategy = sectionOf(side, 'strategy');
  const plan = mapAt(ownAt(side, 'plan'));
  const list = (fields: Fields, key: string) => fields[key] as Extract<Field, { type: 'list' }>;
  const segments = (strategyFields.audience as Extract<Field, { type: 'map' }>).fields.segments as Extract<Field, { type: 'list' }>;
  return [
    { field: teamList as Extract<Field, { type: 'list' }>, items: [...side.team.values()] },
    { field: list(strategyFields, 'objectives'), items: itemsAt(child(strategy, 'objectives')) },
    { field: segments, items: itemsAt(child(child(strategy, 'audience'), 'segments')) },
    { field: list(planFields, 'channels'), items: itemsAt(child(plan, 'channels')) },
    { field: list(planFields, 'kpis'), items: itemsAt(child(plan, 'kpis')) },
    { field: list(planFields, 'timeline'), items: itemsAt(child(plan, 'timeline')) },
    { field: list(planFields, 'campaigns'), items: itemsAt(child(plan, 'campaigns')) },
    { field: list(planFields, 'content'), items: itemsAt(child(plan, 'content')) },
  ];
}

/**
 * The items whose id changed while nothing else in them did. Found again until none is new: a
 * campaign renamed with the channel it names is still the same campaign once the channel's
 * rename is known.
 */
function findRenames(before: Side | undefined, after: Side | undefined): Renames {
  const renames: Renames = new Map();
  const newLists = idLists(after);
  const withIds = (items: readonly At[]) =>
    items.flatMap((item) => {
      const id = textAt(child(item, 'id'));
      return id === undefined ? [] : [{ item, id }];
    });
  // Each list's items whose id is on one side only, the only ones a rename can pair: read once for every round.
  const lists = idLists(before).map(({ field, items }, index) => {
    const [oldItems, newItems] = [withIds(items), withIds(newLists[index]?.items ?? [])];
    const [oldIds, newIds] = [new Set(oldItems.map(({ id }) => id)), new Set(newItems.map(({ id }) => id))];
    return { field, oldOnly: oldItems.filter(({ id }) => !newIds.has(id)), newOnly: newItems.filter(({ id }) => !oldIds.has(id)) };
  });
  // A new item's shape names no old id, so no rename found changes it: each is read once.
  const newShapes = new Map<At, string>();
  const newShape = (field: Extract<Field, { type: 'list' }>, item: At) => {
    let shape = newShapes.get(item);
    if (shape === undefined) newShapes.set(item, (shape = JSON.stringify(canonicalItem(field, item, undefined, false))));
    return shape;
  };
  for (let round = 0; round < 4; round++) {
    let found = false;
    for (const { field, oldOnly, newOnly } of lists) {
      const known = renames.get(field.kind) ?? new Map<string, string>();
      const taken = new Set(known.values());
      for (const { item, id } of oldOnly) {
        if (known.has(id)) continue;
        const shape = JSON.stringify(canonicalItem(field, item, renames, false));
        const match = newOnly.find((candidate) => !taken.has(candidate.id) && newShape(field, candidate.item) === shape);
        if (!match) continue;
        known.set(id, match.id);
        taken.add(match.id);
        found = true;
      }
      if (known.size > 0) renames.set(field.kind, known);
    }
    if (!found) break;
  }
  return renames;
}

// ------------------------------------------------------------------------------------------
// Comparing.

interface Where {
  section: DiffSection;
  item?: InItem;
  /** The keys from the item (or the section) down to the map being compared. */
  prefix: string[];
}

interface Context {
  before?: Side;
  after?: Side;
  renames: Renames;
  changes: Change[];
  /** Each list's node as written, by file and data path: found once for all its items. */
  writtenLists: Map<Analysis, Map<string, unknown>>;
  currencyBefore?: string;
  currencyAfter?: string;
}

/** An item being compared: named only when a change is found in it (most items have none, and naming one reads its label). */
interface InItem {
  list: Extract<Field, { type: 'list' }>;
  at: At;
  parent?: InItem;
  ref?: ItemRef;
}

function refOf(item: InItem): ItemRef {
  return (item.ref ??= itemRef(item.list, item.at, item.parent && refOf(item.parent)));
}

/** What a change to a field is filed under: the section, and the item it is in. */
function filedUnder(field: Field, where: Where): Pick<ChangeBase, 'section' | 'item'> {
  return { section: field.type === 'map' || field.type === 'list' ? (field.section ?? where.section) : where.section, ...(where.item ? { item: refOf(where.item) } : {}) };
}

function fieldName(where: Where, key: string): string {
  return [...where.prefix, key].join('.');
}

function personOf(side: Side | undefined, id: string | undefined): PersonRef | undefined {
  if (id === undefined) return undefined;
  const member = side?.team.get(id);
  const person: PersonRef = { id };
  const name = textAt(child(member, 'name'));
  const role = textAt(child(member, 'role'));
  if (name !== undefined) person.name = quote(name);
  if (role !== undefined) person.role = role;
  return person;
}

const cut = (written: string | undefined): string | undefined => (written === undefined ? undefined : quote(written));

function compareField(context: Context, key: string, field: Field, before: At | undefined, after: At | undefined, where: Where): void {
  // What a change is filed under, and the field's name, are made only for a change: most fields have none.
  switch (field.type) {
    case 'text': {
      const [old, now] = [textAt(before), textAt(after)];
      if (old !== now) context.changes.push({ ...filedUnder(field, where), field: fieldName(where, key), change: 'text', ...optional('before', cut(old)), ...optional('after', cut(now)) });
      return;
    }
    case 'value': {
      const [old, now] = [textAt(before), textAt(after)];
      if (old !== now) context.changes.push({ ...filedUnder(field, where), field: fieldName(where, key), change: 'value', ...optional('before', old), ...optional('after', now) });
      return;
    }
    case 'ref': {
      const [old, now] = [textAt(before), textAt(after)];
      if (old !== undefined && now !== undefined && renamed(context.renames, field.kind, old) === now) return;
      if (old !== now) context.changes.push({ ...filedUnder(field, where), field: fieldName(where, key), change: 'value', ref: field.kind, ...optional('before', old), ...optional('after', now) });
      return;
    }
    case 'person': {
      const [old, now] = [textAt(before), textAt(after)];
      if (old !== undefined && now !== undefined && renamed(context.renames, 'member', old) === now) return;
      if (old !== now) context.changes.push({ ...filedUnder(field, where), field: fieldName(where, key), change: 'person', ...optional('before', personOf(context.before, old)), ...optional('after', personOf(context.after, now)) });
      return;
    }
    case 'number': {
      const [old, now] = [exactAt(before), exactAt(after)];
      if (old === undefined && now === undefined) return;
      if (old && now && old.eq(now)) return;
      context.changes.push({
        ...filedUnder(field, where),
        field: fieldName(where, key),
        change: 'number',
        ...optional('before', old?.toNumber()),
        ...optional('after', now?.toNumber()),
        ...optional('difference', old && now ? now.minus(old).toNumber() : undefined),
      });
      return;
    }
    case 'amount': {
      const [old, now] = [exactAt(before), exactAt(after)];
      if (old === undefined && now === undefined) return;
      if (old && now && old.eq(now)) return;
      context.changes.push({ ...filedUnder(field, where), field: fieldName(where, key), ...amountChange(context, old, now) });
      return;
    }
    case 'date': {
      const [old, now] = [dateAt(before), dateAt(after)];
      if (old === now) return;
      context.changes.push({ ...filedUnder(field, where), field: fieldName(where, key), change: 'date', ...optional('before', old), ...optional('after', now), ...optional('days', old && now ? dayNumber(now)! - dayNumber(old)! : undefined) });
      return;
    }
    case 'span': {
      const [oldMap, newMap] = field.under ? [child(before, field.under), child(after, field.under)] : [before, after];
      const [old, now] = [spanAt(oldMap), spanAt(newMap)];
      const label = field.under ?? '';
      if (old && now) {
        if (old.start === now.start && old.end === now.end) return;
        const [oldStart, oldEnd, newStart, newEnd] = [old.start, old.end, now.start, now.end].map((day) => dayNumber(day)!);
        context.changes.push({ ...filedUnder(field, where), field: field.under ? fieldName(where, label) : fieldName(where, 'start/end'), change: 'span', before: old, after: now, moved: newStart - oldStart, longer: newEnd - newStart - (oldEnd - oldStart) });
        return;
      }
      // A span on one side only, or not whole: each of its dates.
      const inner: Where = field.under ? { ...where, prefix: [...where.prefix, field.under] } : where;
      compareField(context, 'start', date, child(oldMap, 'start'), child(newMap, 'start'), inner);
      compareField(context, 'end', date, child(oldMap, 'end'), child(newMap, 'end'), inner);
      return;
    }
    case 'refs':
    case 'texts': {
      const kind = field.type === 'refs' ? field.kind : undefined;
      const old = new Set(textsAt(before).map((id) => (kind ? renamed(context.renames, kind, id) : id)));
      const now = new Set(textsAt(after));
      const added = [...now].filter((entry) => !old.has(entry));
      // The old side's entries as written, not as renamed.
      const removed = [...new Set(textsAt(before))].filter((entry) => !now.has(kind ? renamed(context.renames, kind, entry) : entry));
      if (added.length > 0 || removed.length > 0) context.changes.push({ ...filedUnder(field, where), field: fieldName(where, key), change: 'entries', added: added.map(quote), removed: removed.map(quote), ...(kind ? { ref: kind } : {}) });
      return;
    }
    case 'map': {
      const inner: Where = field.section && field.section !== where.section ? { section: field.section, prefix: [] } : { ...where, prefix: [...where.prefix, key] };
      compareFields(context, field.fields, mapAt(before), mapAt(after), inner);
      return;
    }
    case 'list':
      compareList(context, field, itemsAt(before), itemsAt(after), { ...where, section: field.section ?? where.section });
      return;
  }
}

/** An object with the key only where the value is there: JSON and deep equality see no `undefined`. */
function optional<K extends string, V>(key: K, found: V | undefined): Partial<Record<K, V>> {
  return found === undefined ? {} : ({ [key]: found } as Record<K, V>);
}

function dateAt(at: At | undefined): string | undefined {
  const written = textAt(at);
  return written !== undefined && dayNumber(written) !== undefined ? written : undefined;
}

function spanAt(at: At | undefined): DateSpan | undefined {
  const [start, end] = [dateAt(child(at, 'start')), dateAt(child(at, 'end'))];
  return start && end ? { start, end } : undefined;
}

function amountChange(context: Context, old: Amount | undefined, now: Amount | undefined): Omit<Change & { change: 'amount' }, 'section'> {
  const sameCurrency = (context.currencyBefore ?? '') === (context.currencyAfter ?? '');
  const currency = context.currencyAfter ?? context.currencyBefore;
  const difference = sameCurrency ? (now ?? new Big(0)).minus(old ?? new Big(0)) : undefined;
  return {
    change: 'amount',
    ...optional('before', old && decimalText(old)),
    ...optional('after', now && decimalText(now)),
    ...optional('difference', difference && decimalText(difference)),
    ...optional('relative', difference && old && !old.eq(0) ? difference.div(old).toNumber() : undefined),
    ...optional('currency', currency),
  };
}

function compareFields(context: Context, fields: Fields, before: At | undefined, after: At | undefined, where: Where): void {
  if (!before && !after) return;
  for (const [key, field] of Object.entries(fields)) {
    const [old, now] = field.type === 'span' ? [before, after] : [child(before, key), child(after, key)];
    compareField(context, key, field, old, now, where);
  }
}

/** How a change names an item: its id (or what it names) and what it is called, read from the new side where it is there. */
function itemRef(list: Extract<Field, { type: 'list' }>, item: At, parent: ItemRef | undefined): ItemRef {
  const ref: ItemRef = { kind: list.kind };
  if (list.match === 'allocation') {
    for (const kind of ['channel', 'campaign'] as const) {
      const id = textAt(child(item, kind));
      if (id !== undefined) {
        ref.target = { kind, id };
        break;
      }
    }
  } else {
    const id = textAt(child(item, 'id'));
    if (id !== undefined) ref.id = id;
  }
  const label = textAt(child(item, list.match === 'name' ? 'name' : (list.label ?? 'name')));
  if (label !== undefined) ref.label = quote(label);
  if (parent) ref.parent = parent;
  return ref;
}

/**
 * Whether an item reads the same on both sides, with nothing to compare field by field (most items
 * of a long plan): the same lines, indentation included, so the same values with each number's
 * digits; no alias in them, which could bring a value from elsewhere; no id in them that a rename
 * maps to another; and no value broken in either file, which the reader would skip.
 */
function writtenAlike(context: Context, old: At, now: At): boolean {
  const written = writtenLines(context, old);
  if (written === undefined || written !== writtenLines(context, now) || written.includes('*')) return false;
  if (old.source.schema.invalidPointers.size > 0 || now.source.schema.invalidPointers.size > 0) return false;
  for (const ids of context.renames.values()) for (const id of ids.keys()) if (written.includes(id)) return false;
  return true;
}

/** The lines that write a list item, from the start of its first line (an alias's are `*name`). */
function writtenLines(context: Context, item: At): string | undefined {
  const index = item.path[item.path.length - 1];
  if (typeof index !== 'number') return undefined;
  const { parsed } = item.source;
  let lists = context.writtenLists.get(item.source);
  if (!lists) context.writtenLists.set(item.source, (lists = new Map()));
  const listPath = item.path.slice(0, -1);
  const key = pointerOf(listPath);
  if (!lists.has(key)) lists.set(key, locateWritten(parsed.yaml, listPath)?.node);
  const list = lists.get(key);
  const range = isSeq(list) ? (list.items[index] as Node | null | undefined)?.range : undefined;
  return range ? parsed.text.slice(parsed.text.lastIndexOf('\n', range[0] - 1) + 1, range[1]) : undefined;
}

/** Each item of a list by what matches it across the sides; items that nothing names (content without an id) by their value. */
function keyedItems(list: Extract<Field, { type: 'list' }>, items: readonly At[], renames: Renames | undefined): Map<string, At> {
  const keyed = new Map<string, At>();
  for (const item of items) {
    let key: string | undefined;
    if (list.match === 'allocation') key = allocationTarget(item, renames);
    else if (list.match === 'name') key = textAt(child(item, 'name'));
    else {
      const id = textAt(child(item, 'id'));
      key = id === undefined ? undefined : `#${renames ? renamed(renames, list.kind, id) : id}`;
    }
    key ??= `=${JSON.stringify(canonicalItem(list, item, renames, false))}`;
    // The same key twice (an id defined twice, two allocations to one channel): each occurrence apart.
    let unique = key;
    for (let occurrence = 2; keyed.has(unique); occurrence++) unique = `${key}\u0000${occurrence}`;
    keyed.set(unique, item);
  }
  return keyed;
}

function compareList(context: Context, list: Extract<Field, { type: 'list' }>, before: readonly At[], after: readonly At[], where: Where): void {
  const oldItems = keyedItems(list, before, context.renames);
  const newItems = keyedItems(list, after, undefined);
  const parent = where.item;
  const itemSummary = (item: At): { amount?: string; currency?: string } => {
    const money = list.kind === 'allocation' ? exactAt(child(item, 'amount')) : list.kind === 'campaign' ? exactAt(child(item, 'budget')) : undefined;
    if (!money) return {};
    const currency = item.source === context.after?.own ? context.currencyAfter : context.currencyBefore;
    return { amount: decimalText(money), ...optional('currency', currency) };
  };
  // Removed first, in the old order; then, in the new order, added, renamed and changed.
  for (const [key, item] of oldItems) {
    if (newItems.has(key)) continue;
    const oldId = textAt(child(item, 'id'));
    if (oldId !== undefined && context.renames.get(list.kind)?.has(oldId)) continue;
    context.changes.push({ section: where.section, item: itemRef(list, item, parent && refOf(parent)), change: 'removed', ...itemSummary(item) });
  }
  for (const [key, item] of newItems) {
    const old = oldItems.get(key);
    const inItem: InItem = { list, at: item, parent };
    if (!old) {
      context.changes.push({ section: where.section, item: refOf(inItem), change: 'added', ...itemSummary(item) });
      continue;
    }
    const [oldId, newId] = [textAt(child(old, 'id')), textAt(child(item, 'id'))];
    if (oldId !== undefined && newId !== undefined && oldId !== newId) context.changes.push({ section: where.section, item: refOf(inItem), change: 'renamed', from: oldId, to: newId });
    // Inside an item that differs, the items are few and small: comparing them costs less than finding their lines.
    if (!parent && writtenAlike(context, old, item)) continue;
    if (list.kind === 'allocation') {
      // An allocation's amount belongs to the budget's table: old, new, the difference and its share.
      const [oldAmount, newAmount] = [exactAt(child(old, 'amount')), exactAt(child(item, 'amount'))];
      if (oldAmount && newAmount && !oldAmount.eq(newAmount)) context.changes.push({ section: where.section, item: refOf(inItem), field: 'amount', ...amountChange(context, oldAmount, newAmount) });
      compareFields(context, { note: text }, old, item, { section: where.section, item: inItem, prefix: [] });
      continue;
    }
    compareFields(context, list.fields, old, item, { section: where.section, item: inItem, prefix: [] });
  }
}

// ------------------------------------------------------------------------------------------
// Findings.

/** A data path with each list item named by its id, by what it names (an allocation) or by its value (an entry of a list of texts). */
function aboutOf(data: unknown, path: readonly (string | number)[], renames: Renames | undefined): { about: string; item?: { at: Path; kind?: ItemKind } } {
  const segments: string[] = [];
  let current = data;
  let item: { at: Path; kind?: ItemKind } | undefined;
  for (const [index, segment] of path.entries()) {
    const next = Array.isArray(current) && typeof segment === 'number' ? current[segment] : isPlainObject(current) ? current[String(segment)] : undefined;
    if (typeof segment === 'number') {
      const listKey = String(path[index - 1] ?? '');
      const kind = listKinds[listKey];
      if (isPlainObject(next) && typeof next.id === 'string') {
        segments.push(`#${renames && kind ? renamed(renames, kind, next.id) : next.id}`);
        item = { at: path.slice(0, index + 1), kind };
      } else if (isPlainObject(next) && (typeof next.channel === 'string' || typeof next.campaign === 'string') && listKey === 'allocations') {
        const target = typeof next.channel === 'string' ? 'channel' : 'campaign';
        segments.push(`${target}:${renames ? renamed(renames, target, String(next[target])) : String(next[target])}`);
        item = { at: path.slice(0, index + 1), kind: 'allocation' };
      } else if (typeof next === 'string' || typeof next === 'number') {
        segments.push(`=${String(next)}`);
      } else if (isPlainObject(next) && typeof next.name === 'string' && listKey === 'competitors') {
        segments.push(`=${next.name}`);
        item = { at: path.slice(0, index + 1), kind: 'competitor' };
      } else {
        segments.push(String(segment));
        if (isPlainObject(next) && kind) item = { at: path.slice(0, index + 1), kind };
      }
    } else {
      segments.push(segment);
    }
    current = next;
  }
  return { about: segments.join('/'), item };
}

/** The kind of item each list holds, by the key of the list. */
const listKinds: Readonly<Record<string, ItemKind>> = {
  team: 'member',
  objectives: 'objective',
  segments: 'segment',
  channels: 'channel',
  campaigns: 'campaign',
  kpis: 'kpi',
  timeline: 'milestone',
  content: 'content',
  allocations: 'allocation',
  competitors: 'competitor',
};

function findingChanges(side: DiffSide | undefined, other: DiffSide | undefined, renames: Renames, isOld: boolean): FindingChange[] {
  if (!side) return [];
  const keyOf = (finding: Diagnostic, own: DiffSide, mapped: boolean) => `${finding.code}\u0000${aboutOf(own.analysis.parsed.data, finding.data.path, mapped ? renames : undefined).about}`;
  // The old side's ids are read as renamed, so that a finding on a renamed item is the same finding.
  const counts = new Map<string, number>();
  for (const finding of other?.findings ?? []) {
    const key = keyOf(finding, other!, !isOld);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const changes: FindingChange[] = [];
  for (const finding of side.findings) {
    const key = keyOf(finding, side, isOld);
    const left = counts.get(key) ?? 0;
    if (left > 0) {
      counts.set(key, left - 1);
      continue;
    }
    const { about, item } = aboutOf(side.analysis.parsed.data, finding.data.path, undefined);
    const change: FindingChange = {
      code: finding.code,
      severity: severityNames[finding.severity],
      message: finding.message,
      messageId: finding.data.messageId,
      about,
      line: finding.range.start.line + 1,
    };
    if (item?.kind) {
      const list = { type: 'list', kind: item.kind, match: item.kind === 'allocation' ? 'allocation' : item.kind === 'competitor' ? 'name' : 'id', fields: {}, label: labelKeys[item.kind] } as const;
      change.item = itemRef(list, { source: side.analysis, path: item.at }, undefined);
    }
    changes.push(change);
  }
  return changes;
}

const labelKeys: Partial<Record<ItemKind, string>> = { objective: 'statement', content: 'message' };

// ------------------------------------------------------------------------------------------
// Objectives left unserved.

function servedObjectives(side: Side | undefined, renames: Renames | undefined): Map<string, { campaigns: At[]; allocations: At[] }> {
  const served = new Map<string, { campaigns: At[]; allocations: At[] }>();
  const plan = mapAt(ownAt(side, 'plan'));
  const campaigns = itemsAt(child(plan, 'campaigns'));
  // Each campaign's allocations, in the list's order: read once, not once per campaign.
  const allocationsOf = new Map<string, At[]>();
  for (const allocation of itemsAt(child(child(plan, 'budget'), 'allocations'))) {
    const campaign = textAt(child(allocation, 'campaign'));
    if (campaign === undefined) continue;
    const list = allocationsOf.get(campaign);
    if (list) list.push(allocation);
    else allocationsOf.set(campaign, [allocation]);
  }
  for (const campaign of campaigns) {
    const objective = textAt(child(campaign, 'objective'));
    if (objective === undefined) continue;
    const key = renames ? renamed(renames, 'objective', objective) : objective;
    const entry = served.get(key) ?? { campaigns: [], allocations: [] };
    entry.campaigns.push(campaign);
    const id = textAt(child(campaign, 'id'));
    if (id !== undefined) entry.allocations.push(...(allocationsOf.get(id) ?? []));
    served.set(key, entry);
  }
  return served;
}

function unservedObjectives(context: Context): UnservedObjective[] {
  const before = servedObjectives(context.before, context.renames);
  const after = servedObjectives(context.after, undefined);
  const strategy = sectionOf(context.after, 'strategy');
  const objectivesList = strategyFields.objectives as Extract<Field, { type: 'list' }>;
  const campaignList = planFields.campaigns as Extract<Field, { type: 'list' }>;
  const unserved: UnservedObjective[] = [];
  for (const objective of itemsAt(child(strategy, 'objectives'))) {
    const id = textAt(child(objective, 'id'));
    if (id === undefined || after.has(id)) continue;
    const served = before.get(id);
    if (!served) continue;
    unserved.push({
      objective: itemRef(objectivesList, objective, undefined),
      campaigns: served.campaigns.map((campaign) => itemRef(campaignList, campaign, undefined)),
      allocations: served.allocations.flatMap((allocation) => {
        const money = exactAt(child(allocation, 'amount'));
        const campaign = textAt(child(allocation, 'campaign'));
        return money && campaign ? [{ campaign, amount: decimalText(money), ...optional('currency', context.currencyBefore) }] : [];
      }),
    });
  }
  return unserved;
}

// ------------------------------------------------------------------------------------------
// Actuals: the day they run to, what was spent on each item, each KPI's latest result.

/** Money spent up to `asOf` by item (`campaign:id`, `channel:id`, and `total`), the old side's ids read as renamed. */
function spentByItem(actuals: ActualsModel, renames: Renames | undefined): Map<string, Amount> {
  const spent = new Map<string, Amount>();
  const add = (key: string, amount: Amount) => spent.set(key, (spent.get(key) ?? new Big(0)).plus(amount));
  for (const line of counted(actuals, actuals.spend)) {
    const id = renames ? renamed(renames, line.target.kind, line.target.id) : line.target.id;
    add(`${line.target.kind}:${id}`, line.amount);
    add('total', line.amount);
  }
  return spent;
}

function actualsChanges(before: ActualsModel | undefined, after: ActualsModel | undefined, renames: Renames): Change[] {
  if (!before && !after) return [];
  const changes: Change[] = [];
  const [asOfBefore, asOfAfter] = [before?.asOf, after?.asOf];
  if (asOfBefore?.date !== asOfAfter?.date) {
    changes.push({ section: 'actuals', field: 'asOf', change: 'date', ...optional('before', asOfBefore?.date), ...optional('after', asOfAfter?.date), ...optional('days', asOfBefore && asOfAfter && asOfAfter.day - asOfBefore.day) });
  }
  const planFor = after?.plan ?? before?.plan;
  const nameOf = (kind: SymbolKind, id: string) => planFor?.definitions.find((definition) => definition.kind === kind && definition.id === id)?.name;
  const itemOf = (kind: 'campaign' | 'channel' | 'kpi', id: string): ItemRef => ({ kind, id, ...optional('label', nameOf(kind, id)) });
  const currency = planFor?.read.text(['plan', 'budget', 'currency']);
  const planned = planFor ? plannedAmounts(planFor) : undefined;
  const [spentBefore, spentAfter] = [before ? spentByItem(before, renames) : new Map<string, Amount>(), after ? spentByItem(after, undefined) : new Map<string, Amount>()];
  const keys = [...new Set([...spentBefore.keys(), ...spentAfter.keys()])].sort((a, b) => (a === 'total' ? 1 : b === 'total' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const [was, now] = [spentBefore.get(key), spentAfter.get(key)];
    if (was && now && was.eq(now)) continue;
    const [kind, id] = key === 'total' ? [undefined, undefined] : (key.split(/:(.*)/s) as ['campaign' | 'channel', string]);
    const given = !planned ? undefined : kind === undefined ? planned.total : (kind === 'campaign' ? planned.campaigns : planned.channels).get(id!);
    const share = (spent: Amount | undefined) => (spent && given && given.gt(0) ? Number(spent.div(given)) : undefined);
    changes.push({
      section: 'actuals',
      ...(kind !== undefined ? { item: itemOf(kind, id!) } : {}),
      change: 'spend',
      ...optional('before', was && decimalText(was)),
      ...optional('after', now && decimalText(now)),
      difference: decimalText((now ?? new Big(0)).minus(was ?? new Big(0))),
      ...optional('planned', given && decimalText(given)),
      ...optional('shareBefore', share(was)),
      ...optional('shareAfter', share(now)),
      ...optional('currency', currency),
    });
  }
  const latestOf = (actuals: ActualsModel | undefined, renaming: Renames | undefined) => {
    const latest = new Map<string, { value: number; date: string; day: number }>();
    for (const line of actuals ? counted(actuals, actuals.results) : []) {
      const kpi = renaming ? renamed(renaming, 'kpi', line.kpi) : line.kpi;
      const known = latest.get(kpi);
      if (!known || line.day >= known.day) latest.set(kpi, { value: line.value, date: line.date, day: line.day });
    }
    return latest;
  };
  const [resultsBefore, resultsAfter] = [latestOf(before, renames), latestOf(after, undefined)];
  for (const kpi of [...new Set([...resultsBefore.keys(), ...resultsAfter.keys()])].sort()) {
    const [was, now] = [resultsBefore.get(kpi), resultsAfter.get(kpi)];
    if (was && now && was.value === now.value && was.date === now.date) continue;
    const shown = (result: typeof was) => result && { value: result.value, date: result.date };
    changes.push({ section: 'actuals', item: itemOf('kpi', kpi), change: 'result', ...optional('before', shown(was)), ...optional('after', shown(now)) });
  }
  return changes;
}

// ------------------------------------------------------------------------------------------

/**
 * The change from one version of a plan to another, by meaning; a side that is absent is a plan
 * added (no `before`) or removed (no `after`). A side whose YAML does not parse reads as empty:
 * the door says so rather than compare it.
 */
export function comparePlans(beforeSide: DiffSide | undefined, afterSide: DiffSide | undefined): PlanDiff {
  const [before, after] = [beforeSide && sideOf(beforeSide), afterSide && sideOf(afterSide)];
  const currencyOf = (side: Side | undefined) => textAt(child(child(mapAt(ownAt(side, 'plan')), 'budget'), 'currency'));
  const context: Context = { before, after, renames: findRenames(before, after), changes: [], writtenLists: new Map(), ...optional('currencyBefore', currencyOf(before)), ...optional('currencyAfter', currencyOf(after)) };
  if (before && after) {
    const top: Where = { section: 'file', prefix: [] };
    compareField(context, 'mktplan', value, { source: before.own, path: ['mktplan'] }, { source: after.own, path: ['mktplan'] }, top);
    compareField(context, 'title', text, { source: before.own, path: ['title'] }, { source: after.own, path: ['title'] }, top);
    compareField(context, 'organization', { type: 'map', fields: organizationFields }, sectionOf(before, 'organization'), sectionOf(after, 'organization'), top);
    compareField(context, 'imports', texts, { source: before.own, path: ['imports'] }, { source: after.own, path: ['imports'] }, top);
    compareList(context, teamList as Extract<Field, { type: 'list' }>, [...before.team.values()], [...after.team.values()], { section: 'team', prefix: [] });
    compareFields(context, strategyFields, sectionOf(before, 'strategy'), sectionOf(after, 'strategy'), { section: 'strategy', prefix: [] });
    compareFields(context, planFields, mapAt(ownAt(before, 'plan')), mapAt(ownAt(after, 'plan')), { section: 'plan', prefix: [] });
    context.changes.push(...actualsChanges(beforeSide?.analysis.actuals, afterSide?.analysis.actuals, context.renames));
  }
  const order = (change: Change) => diffSections.indexOf(change.section);
  // Stable: within a section, in the order the comparison met them.
  const changes = context.changes.map((change, index) => ({ change, index })).sort((a, b) => order(a.change) - order(b.change) || a.index - b.index).map(({ change }) => change);
  const findings = { introduced: findingChanges(afterSide, beforeSide, context.renames, false), resolved: findingChanges(beforeSide, afterSide, context.renames, true) };
  const total = (side: Side | undefined) => exactAt(child(child(mapAt(ownAt(side, 'plan')), 'budget'), 'total'));
  const [totalBefore, totalAfter] = [total(before), total(after)];
  const unserved = before && after ? unservedObjectives(context) : [];
  const status = !before ? 'added' : !after ? 'removed' : changes.length > 0 || findings.introduced.length > 0 || findings.resolved.length > 0 ? 'changed' : 'unchanged';
  return {
    status,
    budget: {
      ...optional('before', totalBefore && decimalText(totalBefore)),
      ...optional('after', totalAfter && decimalText(totalAfter)),
      ...optional('currencyBefore', context.currencyBefore),
      ...optional('currencyAfter', context.currencyAfter),
    },
    changes,
    findings,
    unserved,
  };
}
