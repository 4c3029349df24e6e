import type { Path } from './locate';
import { isPlainObject, type PlanReader } from './reader';

export type SymbolKind = 'member' | 'objective' | 'segment' | 'channel' | 'campaign' | 'kpi' | 'milestone';

export const symbolKindNames: Record<SymbolKind, string> = {
  member: 'team member',
  objective: 'strategy objective',
  segment: 'segment',
  channel: 'channel',
  campaign: 'campaign',
  kpi: 'KPI',
  milestone: 'milestone',
};

/** Kinds that an imported file lends to the files importing it. */
export const importableKinds: ReadonlySet<SymbolKind> = new Set(['member', 'objective', 'segment']);

export interface Definition {
  id: string;
  kind: SymbolKind;
  /** Path of the list item that defines the id. */
  itemPath: Path;
  /** File that defines it. */
  file: string;
  /** A team member's role, when it is a valid one. */
  role?: string;
}

export interface Reference {
  id: string;
  kind: SymbolKind;
  /** Path of the referring value. */
  path: Path;
}

const definitionLists: ReadonlyArray<{ kind: SymbolKind; path: Path }> = [
  { kind: 'member', path: ['team'] },
  { kind: 'objective', path: ['strategy', 'objectives'] },
  { kind: 'segment', path: ['strategy', 'audience', 'segments'] },
  { kind: 'channel', path: ['plan', 'channels'] },
  { kind: 'campaign', path: ['plan', 'campaigns'] },
  { kind: 'kpi', path: ['plan', 'kpis'] },
  { kind: 'milestone', path: ['plan', 'timeline'] },
];

function rawAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else value = isPlainObject(value) ? value[segment] : undefined;
  }
  return value;
}

/**
 * Every id a file defines, in document order. An item that breaks the schema still
 * defines its id as long as the id is text.
 */
export function collectDefinitions(reader: PlanReader, file: string): Definition[] {
  const definitions: Definition[] = [];
  for (const { kind, path } of definitionLists) {
    const list = rawAt(reader.root, path);
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      if (!isPlainObject(item) || typeof item.id !== 'string') return;
      const itemPath = [...path, index];
      const definition: Definition = { id: item.id, kind, itemPath, file };
      if (kind === 'member') definition.role = reader.text([...itemPath, 'role']);
      definitions.push(definition);
    });
  }
  definitions.sort((a, b) => comparePaths(a.itemPath, b.itemPath, reader.root));
  return definitions;
}

// Document order of the sections holding ids, so that "the first occurrence" is the one a reader sees first.
function comparePaths(a: Path, b: Path, root: unknown): number {
  const order = (path: Path): number[] => {
    const positions: number[] = [];
    let value = root;
    for (const segment of path) {
      if (typeof segment === 'number') {
        positions.push(segment);
        value = Array.isArray(value) ? value[segment] : undefined;
      } else {
        positions.push(isPlainObject(value) ? Object.keys(value).indexOf(segment) : 0);
        value = isPlainObject(value) ? value[segment] : undefined;
      }
    }
    return positions;
  };
  const [left, right] = [order(a), order(b)];
  for (let i = 0; i < Math.min(left.length, right.length); i++) if (left[i] !== right[i]) return left[i] - right[i];
  return left.length - right.length;
}

/** Every id reference in a file, with the kind it must name. */
export function collectReferences(reader: PlanReader): Reference[] {
  const references: Reference[] = [];
  const single = (path: Path, kind: SymbolKind) => {
    const id = reader.text(path);
    if (id !== undefined) references.push({ id, kind, path });
  };
  const many = (path: Path, kind: SymbolKind) => {
    (reader.list(path) ?? []).forEach((_, index) => single([...path, index], kind));
  };
  const content = (path: Path) => {
    for (const index of reader.objectIndexes(path)) single([...path, index, 'channel'], 'channel');
  };

  single(['strategy', 'owner'], 'member');
  single(['plan', 'owner'], 'member');
  many(['plan', 'implements'], 'objective');
  for (const index of reader.objectIndexes(['plan', 'budget', 'allocations'])) {
    single(['plan', 'budget', 'allocations', index, 'channel'], 'channel');
    single(['plan', 'budget', 'allocations', index, 'campaign'], 'campaign');
  }
  content(['plan', 'content']);
  for (const index of reader.objectIndexes(['plan', 'campaigns'])) {
    const campaign = ['plan', 'campaigns', index];
    single([...campaign, 'objective'], 'objective');
    single([...campaign, 'audience'], 'segment');
    many([...campaign, 'channels'], 'channel');
    single([...campaign, 'owner'], 'member');
    content([...campaign, 'content']);
    many([...campaign, 'kpis'], 'kpi');
  }
  for (const index of reader.objectIndexes(['plan', 'kpis'])) single(['plan', 'kpis', index, 'owner'], 'member');
  single(['plan', 'reporting', 'to'], 'member');
  single(['plan', 'salesAlignment', 'owner'], 'member');
  return references;
}
