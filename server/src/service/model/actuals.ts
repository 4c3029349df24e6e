import type { Path } from '../document/paths';
import { resolveFrom } from '../document/uris';
import type { BytesResult } from '../types';
import { sumOf, type Amount } from './amounts';
import { readSource, type DateFormat, type LineKey, type SourceEncoding, type SourceFormat, type SourceRead } from './csv';
import type { Definition, SymbolKind } from './ids';
import type { PlanModel } from './plan';
import type { PlanReader } from './reader';

/**
 * What a file's `actuals` hold (plan-format.md, "`actuals`"): the day the figures run to, the
 * spend and results lines written in the file and read from its CSV sources, and the plan they
 * measure, with what that plan gives each item. Rules, hints and views read this.
 */

export const actualsPath: Path = ['actuals'];

/** Where a line is written: an item of `spend` or `results`, or a row of a CSV source. */
export type LinePlace = { in: 'yaml'; path: Path } | { in: 'source'; source: number; line: number };

export interface SpendLine {
  day: number;
  date: string;
  amount: Amount;
  target: { kind: 'campaign' | 'channel'; id: string };
  place: LinePlace;
}

export interface ResultLine {
  day: number;
  date: string;
  kpi: string;
  value: number;
  place: LinePlace;
}

/** A CSV source: its entry, the file it names, and what reading it gave (undefined where its entry cannot be read). */
export interface ActualsSource {
  index: number;
  path: Path;
  file: string;
  /** The path as the plan writes it. */
  written: string;
  read: SourceRead;
  /** Rows whose id the plan does not have: each is `ref/unknown`, on the source's `file`, and counts for no item. */
  unknown: Array<{ line: number; kind: SymbolKind; id: string }>;
}

/** The plan that actuals measure, as read from its own file. */
export interface MeasuredPlan {
  file: string;
  model: PlanModel;
  read: PlanReader;
  definitions: readonly Definition[];
}

export interface ActualsModel {
  asOf?: { day: number; date: string; path: Path };
  /** Lines in reading order: those written in `spend` (or `results`), then each source's rows, sources in order. */
  spend: SpendLine[];
  results: ResultLine[];
  sources: ActualsSource[];
  plan?: MeasuredPlan;
  /** No plan in reach, or more than one: a `schema` error on the `actuals` key. */
  planProblem?: 'none' | 'several';
}

/** What the plan gives an item; undefined where it gives nothing (see plan-format.md, "What the plan gives an item"). */
export interface PlannedAmounts {
  total?: Amount;
  campaigns: Map<string, Amount>;
  channels: Map<string, Amount>;
}

/** What the plan gives each item, by the plan's model: read once for all the rules and every check of the actuals, until the plan changes. */
const plannedOfModel = new WeakMap<PlanModel, PlannedAmounts>();

export function plannedAmounts(plan: MeasuredPlan): PlannedAmounts {
  let planned = plannedOfModel.get(plan.model);
  if (!planned) plannedOfModel.set(plan.model, (planned = readPlannedAmounts(plan)));
  return planned;
}

function readPlannedAmounts(plan: MeasuredPlan): PlannedAmounts {
  const { model, read } = plan;
  const allocations = { campaign: new Map<string, Amount[]>(), channel: new Map<string, Amount[]>() };
  const budgetPath: Path = ['plan', 'budget'];
  for (const index of read.objectIndexes([...budgetPath, 'allocations'])) {
    const path = [...budgetPath, 'allocations', index];
    const amount = model.amountAt([...path, 'amount']);
    if (!amount) continue;
    for (const kind of ['campaign', 'channel'] as const) {
      const id = read.text([...path, kind]);
      if (id === undefined) continue;
      const list = allocations[kind].get(id) ?? [];
      list.push(amount);
      allocations[kind].set(id, list);
    }
  }
  const campaigns = new Map<string, Amount>();
  for (const campaign of model.campaigns) {
    if (campaign.id === undefined) continue;
    const given = campaign.budget ?? (allocations.campaign.has(campaign.id) ? sumOf(allocations.campaign.get(campaign.id)!) : undefined);
    if (given) campaigns.set(campaign.id, given);
  }
  const channels = new Map<string, Amount>();
  for (const [id, amounts] of allocations.channel) channels.set(id, sumOf(amounts));
  return { total: model.budget?.total, campaigns, channels };
}

/** The place of a line for ordering: lines of one date in reading order. */
export function byDate<T extends { day: number }>(lines: readonly T[]): T[] {
  // A stable sort: lines of one date keep their reading order.
  return [...lines].sort((a, b) => a.day - b.day);
}

/** How a source's entry asks to be read; undefined where an entry lacks a usable `file` or `kind`. */
function formatOf(read: PlanReader, path: Path): SourceFormat | undefined {
  const kind = read.text([...path, 'kind']);
  if (kind !== 'spend' && kind !== 'results') return undefined;
  const columns: Partial<Record<LineKey, string>> = {};
  for (const [key, value] of Object.entries(read.object([...path, 'columns']) ?? {})) if (typeof value === 'string') columns[key as LineKey] = value;
  const ids: Record<string, string> = {};
  for (const [name, id] of Object.entries(read.object([...path, 'ids']) ?? {})) if (typeof id === 'string') ids[name] = id;
  const sourceKey = (['campaign', 'channel', 'kpi'] as const).find((key) => read.text([...path, key]) !== undefined);
  const delimiter = read.text([...path, 'delimiter']);
  return {
    kind,
    columns,
    dateFormat: (read.text([...path, 'dateFormat']) as DateFormat | undefined) ?? 'YYYY-MM-DD',
    decimal: read.text([...path, 'decimal']) === ',' ? ',' : '.',
    ...(delimiter === ',' || delimiter === ';' || delimiter === '\t' ? { delimiter } : {}),
    encoding: (read.text([...path, 'encoding']) as SourceEncoding | undefined) ?? 'utf-8',
    headerRow: read.number([...path, 'headerRow']) ?? 1,
    ...(sourceKey ? { sourceId: { key: sourceKey, id: read.text([...path, sourceKey])! } } : {}),
    ids,
  };
}

/** A source's file read as its entry says, or why it cannot be. */
export async function readSourceFile(readBytes: (uri: string) => Promise<BytesResult>, uri: string, format: SourceFormat): Promise<SourceRead> {
  const bytes = await readBytes(uri);
  return bytes.kind === 'ok' ? readSource(bytes.bytes, format) : { kind: 'failed', failure: bytes };
}

/**
 * Each `spend` or `results` item as last read, by its data object. A splice copies the objects
 * along the paths it changed and keeps every other: an item whose object is the one read before,
 * at the same index, holds the same values, so that its line is not read again (a keystroke in
 * one of 20,000 lines reads one). An item's values break the schema or not by themselves alone.
 */
const writtenLines = new WeakMap<object, { index: number; line: SpendLine | ResultLine | undefined }>();

/** The lines of a list of the file's actuals, each map in it read by `readItem` (undefined where it does not make a line). */
function writtenIn<T extends SpendLine | ResultLine>(read: PlanReader, listPath: Path, readItem: (path: Path) => T | undefined): T[] {
  const list = read.list(listPath) ?? [];
  const lines: T[] = [];
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    if (typeof item !== 'object' || item === null) continue;
    let known = writtenLines.get(item);
    if (known?.index !== index) {
      const path = [...listPath, index];
      writtenLines.set(item, (known = { index, line: read.object(path) ? readItem(path) : undefined }));
    }
    if (known.line) lines.push(known.line as T);
  }
  return lines;
}

/** What a source's rows give: its lines, and the rows whose id the plan lacks. */
interface SourceLines {
  spend: SpendLine[];
  results: ResultLine[];
  unknown: ActualsSource['unknown'];
}

/**
 * The lines of each source as read, by what reading it gave (the engine keeps that until the file
 * changes), for the entry's index and the plan's definitions they were found with: an edit of the
 * actuals file turns no row into a line again.
 */
const sourceLines = new WeakMap<SourceRead, { index: number; definitions: readonly Definition[] | undefined; lines: SourceLines }>();

function linesOfSource(sourceRead: SourceRead & { kind: 'read' }, index: number, kind: SourceFormat['kind'], plan: MeasuredPlan | undefined): SourceLines {
  const earlier = sourceLines.get(sourceRead);
  if (earlier && earlier.index === index && earlier.definitions === plan?.definitions) return earlier.lines;
  const known = new Map<SymbolKind, Set<string>>();
  for (const definition of plan?.definitions ?? []) {
    if (!known.has(definition.kind)) known.set(definition.kind, new Set());
    known.get(definition.kind)!.add(definition.id);
  }
  const lines: SourceLines = { spend: [], results: [], unknown: [] };
  for (const row of sourceRead.rows) {
    const rowKind = row.target.key;
    // A name the plan has no id for is `ref/unknown`; its money still counts in the total, as a line written in the file does.
    if (plan && !known.get(rowKind)?.has(row.target.id)) lines.unknown.push({ line: row.line, kind: rowKind, id: row.target.id });
    const place: LinePlace = { in: 'source', source: index, line: row.line };
    if (kind === 'spend' && rowKind !== 'kpi') lines.spend.push({ day: row.day, date: row.date, amount: row.amount, target: { kind: rowKind, id: row.target.id }, place });
    else if (kind === 'results' && rowKind === 'kpi') lines.results.push({ day: row.day, date: row.date, kpi: row.target.id, value: Number(row.amount), place });
  }
  sourceLines.set(sourceRead, { index, definitions: plan?.definitions, lines });
  return lines;
}

/**
 * The parts `spend` is made of, by the actuals it was read for: the lines written in the file, then
 * each source's (the same array from one analysis to the next while the source is unchanged).
 */
const partsOfSpend = new WeakMap<ActualsModel, ReadonlyArray<readonly SpendLine[]>>();

/**
 * A file's actuals. `plan` is the measured plan (found by the engine), `sourceAt` reads a source;
 * `model` and `read` are the actuals file's own.
 */
export async function readActuals(
  file: string,
  read: PlanReader,
  model: PlanModel,
  plan: MeasuredPlan | { problem: 'none' | 'several' },
  sourceAt: (uri: string, format: SourceFormat) => Promise<SourceRead>,
): Promise<ActualsModel> {
  const asOfPath = [...actualsPath, 'asOf'];
  const asOfDay = read.day(asOfPath);
  const actuals: ActualsModel = { spend: [], results: [], sources: [] };
  if (asOfDay !== undefined) actuals.asOf = { day: asOfDay, date: read.text(asOfPath)!, path: asOfPath };
  if ('problem' in plan) actuals.planProblem = plan.problem;
  else actuals.plan = plan;

  const writtenSpend = writtenIn(read, [...actualsPath, 'spend'], (path): SpendLine | undefined => {
    const day = read.day([...path, 'date']);
    const amount = model.amountAt([...path, 'amount']);
    const kind = (['campaign', 'channel'] as const).filter((key) => read.text([...path, key]) !== undefined);
    if (day === undefined || !amount || kind.length !== 1) return undefined;
    return { day, date: read.text([...path, 'date'])!, amount, target: { kind: kind[0], id: read.text([...path, kind[0]])! }, place: { in: 'yaml', path } };
  });
  const spendParts = [writtenSpend];
  actuals.results = writtenIn(read, [...actualsPath, 'results'], (path): ResultLine | undefined => {
    const day = read.day([...path, 'date']);
    const value = read.number([...path, 'value']);
    const kpi = read.text([...path, 'kpi']);
    if (day === undefined || value === undefined || kpi === undefined) return undefined;
    return { day, date: read.text([...path, 'date'])!, kpi, value, place: { in: 'yaml', path } };
  });

  for (const index of read.objectIndexes([...actualsPath, 'sources'])) {
    const path = [...actualsPath, 'sources', index];
    const written = read.text([...path, 'file']);
    const format = formatOf(read, path);
    if (written === undefined || !format) continue;
    const uri = resolveFrom(file, written);
    const sourceRead = await sourceAt(uri, format);
    if (sourceRead.kind !== 'read') {
      actuals.sources.push({ index, path, file: uri, written, read: sourceRead, unknown: [] });
      continue;
    }
    const lines = linesOfSource(sourceRead, index, format.kind, actuals.plan);
    actuals.sources.push({ index, path, file: uri, written, read: sourceRead, unknown: lines.unknown });
    spendParts.push(lines.spend);
    // Appended in place: a source's rows may be more than a call's arguments can hold.
    for (const line of lines.results) actuals.results.push(line);
  }
  // `concat` copies arrays whole (`flat` goes item by item).
  actuals.spend = ([] as SpendLine[]).concat(...spendParts);
  partsOfSpend.set(actuals, spendParts);
  return actuals;
}

/** The lines that count: those dated on or before `asOf` (all of them while there is no `asOf`). */
export function counted<T extends { day: number }>(actuals: ActualsModel, lines: readonly T[]): T[] {
  const asOf = actuals.asOf?.day;
  return asOf === undefined ? [...lines] : lines.filter((line) => line.day <= asOf);
}

/** The key of an item the plan gives money: a campaign or a channel by its id. */
export const itemKey = (kind: 'campaign' | 'channel', id: string) => `${kind}\u0000${id}`;

/** Spend lines by the item they are on, each item's in reading order: found once, not by a pass over all lines per item. */
export function linesByItem(lines: readonly SpendLine[]): Map<string, SpendLine[]> {
  const byItem = new Map<string, SpendLine[]>();
  for (const line of lines) {
    const key = itemKey(line.target.kind, line.target.id);
    const own = byItem.get(key);
    if (own) own.push(line);
    else byItem.set(key, [line]);
  }
  return byItem;
}

/** What was spent on an item (or in all) up to `asOf`: its lines in reading order, and their exact sum. */
export interface Spending {
  lines: readonly SpendLine[];
  spent: Amount;
  /** Its lines in date order, once asked for. */
  ordered?: SpendLine[];
}

/** Its lines in date order (lines of one date in reading order), sorted once. */
export function inDateOrder(spending: Spending): SpendLine[] {
  return (spending.ordered ??= byDate(spending.lines));
}

const sameLines = (a: readonly SpendLine[], b: readonly SpendLine[]) => a.length === b.length && a.every((line, index) => line === b[index]);

/**
 * Each item's spending as last summed, by its first line. Lines are kept from one analysis to the
 * next where nothing changed them (`readActuals`): an item whose lines are the very lines it had
 * keeps its sum and its order, and an edit of one line sums that line's item again, not every item.
 */
const itemSpending = new WeakMap<SpendLine, Spending>();
const totalSpending = new WeakMap<SpendLine, Spending>();

function spendingOf(lines: readonly SpendLine[], earlier: WeakMap<SpendLine, Spending>, sum: () => Amount): Spending {
  const known = lines.length > 0 ? earlier.get(lines[0]) : undefined;
  if (known && sameLines(known.lines, lines)) return known;
  const spending: Spending = { lines, spent: sum() };
  if (lines.length > 0) earlier.set(lines[0], spending);
  return spending;
}

/** The lines of a part of `spend` that count up to a day, by kind and then id, in reading order. */
interface GroupedPart {
  asOf: number | undefined;
  counted: readonly SpendLine[];
  groups: Record<'campaign' | 'channel', Map<string, SpendLine[]>>;
}

/** Each part as last grouped: a source's part is grouped once, not at every keystroke in the file. */
const groupedParts = new WeakMap<readonly SpendLine[], GroupedPart>();

function groupedPart(part: readonly SpendLine[], asOf: number | undefined): GroupedPart {
  const known = groupedParts.get(part);
  if (known && known.asOf === asOf) return known;
  // By kind and then id: no key is built per line.
  const counted: SpendLine[] = [];
  const groups = { campaign: new Map<string, SpendLine[]>(), channel: new Map<string, SpendLine[]>() };
  for (const line of part) {
    if (asOf !== undefined && line.day > asOf) continue;
    counted.push(line);
    const ofKind = groups[line.target.kind];
    const own = ofKind.get(line.target.id);
    if (own) own.push(line);
    else ofKind.set(line.target.id, [line]);
  }
  const grouped = { asOf, counted, groups };
  groupedParts.set(part, grouped);
  return grouped;
}

const spendingOfActuals = new WeakMap<ActualsModel, { byItem: Map<string, Spending>; total: Spending }>();

/** Spending up to `asOf` on each item (by `itemKey`) and in all: found once for a file's actuals, for every rule that reads it. */
export function spendingUpToAsOf(actuals: ActualsModel): { byItem: Map<string, Spending>; total: Spending } {
  let found = spendingOfActuals.get(actuals);
  if (found) return found;
  const parts = (partsOfSpend.get(actuals) ?? [actuals.spend]).map((part) => groupedPart(part, actuals.asOf?.day));
  const byItem = new Map<string, Spending>();
  for (const kind of ['campaign', 'channel'] as const) {
    // An item's lines from each part, the parts in reading order.
    const pieces = new Map<string, SpendLine[][]>();
    for (const part of parts) {
      for (const [id, own] of part.groups[kind]) {
        const ofItem = pieces.get(id);
        if (ofItem) ofItem.push(own);
        else pieces.set(id, [own]);
      }
    }
    for (const [id, ofItem] of pieces) {
      const lines = ofItem.length === 1 ? ofItem[0] : ([] as SpendLine[]).concat(...ofItem);
      byItem.set(itemKey(kind, id), spendingOf(lines, itemSpending, () => sumOf(lines.map((line) => line.amount))));
    }
  }
  // Every line is on one item: the total is the sum of the items' sums, exact as theirs.
  const counted = parts.length === 1 ? parts[0].counted : ([] as SpendLine[]).concat(...parts.map((part) => part.counted));
  const total = spendingOf(counted, totalSpending, () => sumOf([...byItem.values()].map((item) => item.spent)));
  spendingOfActuals.set(actuals, (found = { byItem, total }));
  return found;
}
