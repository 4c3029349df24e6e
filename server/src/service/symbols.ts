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

/** Where references stand, `*` standing for any list index, and the kind each must name. */
const referencePatterns: ReadonlyArray<{ pattern: readonly string[]; kind: SymbolKind }> = [
  { pattern: ['strategy', 'owner'], kind: 'member' },
  { pattern: ['plan', 'owner'], kind: 'member' },
  { pattern: ['plan', 'implements', '*'], kind: 'objective' },
  { pattern: ['plan', 'budget', 'allocations', '*', 'channel'], kind: 'channel' },
  { pattern: ['plan', 'budget', 'allocations', '*', 'campaign'], kind: 'campaign' },
  { pattern: ['plan', 'content', '*', 'channel'], kind: 'channel' },
  { pattern: ['plan', 'campaigns', '*', 'objective'], kind: 'objective' },
  { pattern: ['plan', 'campaigns', '*', 'audience'], kind: 'segment' },
  { pattern: ['plan', 'campaigns', '*', 'channels', '*'], kind: 'channel' },
  { pattern: ['plan', 'campaigns', '*', 'owner'], kind: 'member' },
  { pattern: ['plan', 'campaigns', '*', 'content', '*', 'channel'], kind: 'channel' },
  { pattern: ['plan', 'campaigns', '*', 'kpis', '*'], kind: 'kpi' },
  { pattern: ['plan', 'kpis', '*', 'owner'], kind: 'member' },
  { pattern: ['plan', 'reporting', 'to'], kind: 'member' },
  { pattern: ['plan', 'salesAlignment', 'owner'], kind: 'member' },
];

function matches(pattern: readonly string[], path: Path): boolean {
  return pattern.length === path.length && pattern.every((segment, index) => (segment === '*' ? typeof path[index] === 'number' : segment === path[index]));
}

/** The kind of id the value at `path` must name, if it is a reference. */
export function referenceKindAt(path: Path): SymbolKind | undefined {
  return referencePatterns.find(({ pattern }) => matches(pattern, path))?.kind;
}

/** Concrete paths of a pattern in the data: each `*` becomes every index of the list there. */
function expand(reader: PlanReader, pattern: readonly string[], prefix: Path = []): Path[] {
  if (pattern.length === 0) return [prefix];
  const [head, ...rest] = pattern;
  if (head !== '*') return expand(reader, rest, [...prefix, head]);
  const list = reader.list(prefix) ?? [];
  return list.flatMap((_, index) => expand(reader, rest, [...prefix, index]));
}

/** Every id reference in a file, with the kind it must name. */
export function collectReferences(reader: PlanReader): Reference[] {
  const references: Reference[] = [];
  for (const { pattern, kind } of referencePatterns) {
    for (const path of expand(reader, pattern)) {
      const id = reader.text(path);
      if (id !== undefined) references.push({ id, kind, path });
    }
  }
  return references;
}
