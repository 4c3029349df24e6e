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

export function plannedAmounts(plan: MeasuredPlan): PlannedAmounts {
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
  const known = new Map<SymbolKind, Set<string>>();
  for (const definition of 'problem' in plan ? [] : plan.definitions) {
    if (!known.has(definition.kind)) known.set(definition.kind, new Set());
    known.get(definition.kind)!.add(definition.id);
  }

  for (const index of read.objectIndexes([...actualsPath, 'spend'])) {
    const path = [...actualsPath, 'spend', index];
    const day = read.day([...path, 'date']);
    const amount = model.amountAt([...path, 'amount']);
    const kind = (['campaign', 'channel'] as const).filter((key) => read.text([...path, key]) !== undefined);
    if (day === undefined || !amount || kind.length !== 1) continue;
    actuals.spend.push({ day, date: read.text([...path, 'date'])!, amount, target: { kind: kind[0], id: read.text([...path, kind[0]])! }, place: { in: 'yaml', path } });
  }
  for (const index of read.objectIndexes([...actualsPath, 'results'])) {
    const path = [...actualsPath, 'results', index];
    const day = read.day([...path, 'date']);
    const value = read.number([...path, 'value']);
    const kpi = read.text([...path, 'kpi']);
    if (day === undefined || value === undefined || kpi === undefined) continue;
    actuals.results.push({ day, date: read.text([...path, 'date'])!, kpi, value, place: { in: 'yaml', path } });
  }

  for (const index of read.objectIndexes([...actualsPath, 'sources'])) {
    const path = [...actualsPath, 'sources', index];
    const written = read.text([...path, 'file']);
    const format = formatOf(read, path);
    if (written === undefined || !format) continue;
    const uri = resolveFrom(file, written);
    const sourceRead = await sourceAt(uri, format);
    const source: ActualsSource = { index, path, file: uri, read: sourceRead, unknown: [] };
    actuals.sources.push(source);
    if (sourceRead.kind !== 'read') continue;
    for (const row of sourceRead.rows) {
      const kind = row.target.key;
      // A name the plan has no id for is `ref/unknown`; its money still counts in the total, as a line written in the file does.
      if (!('problem' in plan) && !known.get(kind)?.has(row.target.id)) source.unknown.push({ line: row.line, kind, id: row.target.id });
      const place: LinePlace = { in: 'source', source: index, line: row.line };
      if (format.kind === 'spend' && kind !== 'kpi') actuals.spend.push({ day: row.day, date: row.date, amount: row.amount, target: { kind, id: row.target.id }, place });
      else if (format.kind === 'results' && kind === 'kpi') actuals.results.push({ day: row.day, date: row.date, kpi: row.target.id, value: Number(row.amount), place });
    }
  }
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
