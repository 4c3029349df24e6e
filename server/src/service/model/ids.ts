import { samePath, startsWith, type Path } from '../document/paths';
import { isPlainObject, valueAt } from '../document/data';
import type { MessageRef } from '../i18n/messages';
import { message } from '../i18n/translator';
import { markedPlaces } from '../schema/definitions';
import type { PlanReader } from './reader';

export type SymbolKind = 'member' | 'objective' | 'segment' | 'channel' | 'campaign' | 'kpi' | 'milestone';

/** The message that names a kind of thing, as a noun. */
export function kindName(kind: SymbolKind): MessageRef {
  return message(`kind.${kind}`);
}

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
  /** What the item is called: its name, or its statement. */
  name?: string;
}

/** Whether two definitions are the same one: the same id of the same kind, at the same place of the same file. */
export function sameDefinition(a: Definition, b: Definition): boolean {
  return a.file === b.file && a.id === b.id && a.kind === b.kind && samePath(a.itemPath, b.itemPath);
}

/** Ids grouped by kind, for lookups that build no string. */
export function idsByKind(entries: Iterable<{ kind: SymbolKind; id: string }>): Map<SymbolKind, Set<string>> {
  const byKind = new Map<SymbolKind, Set<string>>();
  for (const { kind, id } of entries) {
    let ids = byKind.get(kind);
    if (!ids) byKind.set(kind, (ids = new Set()));
    ids.add(id);
  }
  return byKind;
}

/** Kinds a plan lends to the file whose `actuals` measure it, besides those every import lends. */
export const lendableKinds: ReadonlySet<SymbolKind> = new Set([...importableKinds, 'channel', 'campaign', 'kpi']);

/** The kinds a file's imports lend it: the plan's channels, campaigns and KPIs too where the file has `actuals`. */
export function kindsLentTo(data: unknown): ReadonlySet<SymbolKind> {
  return isPlainObject(data) && data.actuals !== undefined ? lendableKinds : importableKinds;
}

/** The definitions a reference may name: those of the kinds the imports lend, then this file's. */
export function resolvableDefinitions(definitions: readonly Definition[], importedDefinitions: readonly Definition[], lent: ReadonlySet<SymbolKind> = importableKinds): Definition[] {
  return [...importedDefinitions.filter((definition) => lent.has(definition.kind)), ...definitions];
}

/** The item a definition names, as plain data, read from the data of the file that defines it. */
export function definedItem(definition: Definition, dataOf: (file: string) => unknown): Record<string, unknown> | undefined {
  const item = valueAt(dataOf(definition.file), definition.itemPath);
  return isPlainObject(item) ? item : undefined;
}

export interface Reference {
  id: string;
  kind: SymbolKind;
  /** Path of the referring value. */
  path: Path;
}

/** The lists whose items define ids, as the schemas mark them. */
const definitionLists: ReadonlyArray<{ kind: SymbolKind; path: Path }> = markedPlaces('x-defines').map(({ pattern, value }) => ({ kind: value as SymbolKind, path: pattern }));

/** Where a list sits among its parents' keys, for ordering lists as a reader meets them. */
function keyOrder(root: unknown, path: Path): number[] {
  const order: number[] = [];
  let value = root;
  for (const segment of path) {
    order.push(isPlainObject(value) ? Object.keys(value).indexOf(String(segment)) : 0);
    value = isPlainObject(value) ? value[segment] : undefined;
  }
  return order;
}

function compareOrders(a: number[], b: number[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) if (a[index] !== b[index]) return a[index] - b[index];
  return a.length - b.length;
}

/**
 * Every id a file defines, in document order. An item that breaks the schema still
 * defines its id as long as the id is text.
 */
export function collectDefinitions(reader: PlanReader, file: string): Definition[] {
  const definitions: Definition[] = [];
  // The lists in the order they stand in the file; items in a list are already in order.
  const lists = definitionLists
    .flatMap((list) => {
      const items = valueAt(reader.root, list.path);
      return Array.isArray(items) ? [{ ...list, items, order: keyOrder(reader.root, list.path) }] : [];
    })
    .sort((a, b) => compareOrders(a.order, b.order));
  for (const { kind, path, items } of lists) {
    (items as unknown[]).forEach((item, index) => {
      const definition = definitionOf(reader, file, kind, path, index, item);
      if (definition) definitions.push(definition);
    });
  }
  return definitions;
}

/** The id an item of a definition list defines, with its name (and a member's role); undefined for an item without an id. */
function definitionOf(reader: PlanReader, file: string, kind: SymbolKind, list: Path, index: number, item: unknown): Definition | undefined {
  if (!isPlainObject(item) || typeof item.id !== 'string') return undefined;
  const itemPath = [...list, index];
  const definition: Definition = { id: item.id, kind, itemPath, file };
  const name = reader.text([...itemPath, 'name']) ?? reader.text([...itemPath, 'statement']);
  if (name !== undefined) definition.name = name;
  if (kind === 'member') definition.role = reader.text([...itemPath, 'role']);
  return definition;
}

/** What a splice changed, as the parse tells it (`DerivedFrom`). */
export interface DefinitionChange {
  paths: readonly Path[];
  moved?: { list: Path; at: number; removed: number; added: number };
}

/**
 * The definitions after a splice, made from those before it: the items it changed or added are
 * read again, the others kept (at their new index, where items were added or removed before
 * them), in the order `collectDefinitions` gives. Undefined when the change reaches a list as a
 * whole or a place above one, or a list without definitions so far: then all are collected.
 */
export function updateDefinitions(before: readonly Definition[], change: DefinitionChange, reader: PlanReader, file: string): Definition[] | undefined {
  const changedPaths = change.moved ? [...change.paths, change.moved.list] : change.paths;
  const updated = [...before];
  for (const { kind, path: list } of definitionLists) {
    const moved = change.moved && samePath(change.moved.list, list) ? change.moved : undefined;
    // The items read again, by their index in the list now.
    const reread = new Set<number>();
    for (const changed of changedPaths) {
      if (moved && samePath(changed, moved.list)) continue;
      if (startsWith(list, changed)) return undefined;
      if (startsWith(changed, list)) reread.add(changed[list.length] as number);
    }
    if (moved) for (let offset = 0; offset < moved.added; offset++) reread.add(moved.at + offset);
    if (reread.size === 0 && !moved) continue;
    const first = updated.findIndex((definition) => definition.kind === kind && startsWith(definition.itemPath, list));
    if (first < 0) return undefined;
    let count = 0;
    while (first + count < updated.length && updated[first + count].kind === kind && startsWith(updated[first + count].itemPath, list)) count++;
    const byIndex = new Map(updated.slice(first, first + count).map((definition) => [definition.itemPath[list.length] as number, definition]));
    const items = valueAt(reader.root, list);
    if (!Array.isArray(items)) return undefined;
    const block: Definition[] = [];
    items.forEach((item, index) => {
      if (reread.has(index)) {
        const definition = definitionOf(reader, file, kind, list, index, item);
        if (definition) block.push(definition);
        return;
      }
      // Where the item stood before the splice: items after the replaced run moved by as many as it grew.
      const was = moved && index >= moved.at + moved.added ? index - moved.added + moved.removed : index;
      const kept = byIndex.get(was);
      if (kept) block.push(was === index ? kept : { ...kept, itemPath: [...list, index] });
    });
    updated.splice(first, count, ...block);
  }
  return updated;
}

/** Where references stand, `*` standing for any list index, and the kind each must name, as the schemas mark them. */
const referencePatterns: ReadonlyArray<{ pattern: readonly string[]; kind: SymbolKind }> = markedPlaces('x-reference').map(({ pattern, value }) => ({
  pattern,
  kind: value as SymbolKind,
}));

function matches(pattern: readonly string[], path: Path): boolean {
  return pattern.length === path.length && pattern.every((segment, index) => (segment === '*' ? typeof path[index] === 'number' : segment === path[index]));
}

/** The list whose items define ids of a kind (`['plan', 'kpis']`). */
export function definitionListPath(kind: SymbolKind): Path | undefined {
  return definitionLists.find((entry) => entry.kind === kind)?.path;
}

/** The kind of thing whose id stands at `path` (`[...list, index, 'id']`), if the list defines ids. */
export function definitionKindAt(path: Path): SymbolKind | undefined {
  if (path.length < 2 || path[path.length - 1] !== 'id' || typeof path[path.length - 2] !== 'number') return undefined;
  const list = path.slice(0, -2);
  return definitionLists.find((entry) => samePath(entry.path, list))?.kind;
}

/** The kind of id the value at `path` must name, if it is a reference. */
export function referenceKindAt(path: Path): SymbolKind | undefined {
  return referencePatterns.find(({ pattern }) => matches(pattern, path))?.kind;
}

/**
 * Calls `found` with every concrete path of a pattern in the data (each `*` is every index of
 * the list there) that lies within `within`.
 */
function forEachMatch(reader: PlanReader, pattern: readonly string[], within: Path, found: (path: Path) => void): void {
  const path: Array<string | number> = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth === pattern.length) return found(path.slice());
    const segment = pattern[depth];
    if (segment === '*') {
      if (!Array.isArray(value)) return;
      // Inside `within`, only its own index.
      const only = depth < within.length ? within[depth] : undefined;
      for (let index = typeof only === 'number' ? only : 0; index < (typeof only === 'number' ? Math.min(only + 1, value.length) : value.length); index++) {
        path.push(index);
        walk(value[index], depth + 1);
        path.pop();
      }
    } else if (depth < within.length && within[depth] !== segment) {
      return;
    } else if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, segment)) {
      path.push(segment);
      walk(value[segment], depth + 1);
      path.pop();
    }
  };
  walk(reader.root, 0);
}

/** Every id reference in a file, with the kind it must name; with `within`, only those at or under that path. */
export function collectReferences(reader: PlanReader, within: Path = []): Reference[] {
  const references: Reference[] = [];
  for (const { pattern, kind } of referencePatterns) {
    forEachMatch(reader, pattern, within, (path) => {
      const id = reader.text(path);
      if (id !== undefined) references.push({ id, kind, path });
    });
  }
  return references;
}
