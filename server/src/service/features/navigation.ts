import { baseName } from '../document/uris';
import { isScalar, type Node } from 'yaml';
import { targetAt } from '../document/cursor';
import type { ParsedDocument } from '../document/parse';
import { locateWritten, nodeOffsets, pathsByNode, type Path } from '../document/paths';
import { placeOffsets, value } from '../document/places';
import type { Analysis } from '../model/analysis';
import { definitionKindAt, kindsLentTo, referenceKindAt, sameDefinition, type Definition, type SymbolKind } from '../model/ids';
import { importEntries, importTarget } from '../model/imports';
import type { MessageRef } from '../i18n/messages';
import { scalarText } from '../rules/fixes/values';
import { idProblem } from '../schema/meant';
import type { Position, Range } from '../types';

/** A place in a file of the workspace. */
export interface FileRange {
  file: string;
  range: Range;
}

/** The id under the cursor: where it stands, what kind of thing it names, and whether it is the definition itself. */
export interface IdAtCursor {
  id: string;
  kind: SymbolKind;
  path: Path;
  isDefinition: boolean;
  /** Offsets of the id's text, without quotes. */
  offsets: [number, number];
}

/** Offsets of a scalar's own text: inside its quotes, when it has any. */
export function innerOffsets(parsed: ParsedDocument, offsets: [number, number]): [number, number] {
  const [start, end] = offsets;
  const first = parsed.text[start];
  return (first === '"' || first === "'") && end - start >= 2 && parsed.text[end - 1] === first ? [start + 1, end - 1] : [start, end];
}

export function idAt(analysis: Analysis, position: Position): IdAtCursor | undefined {
  const { parsed } = analysis;
  if (parsed.errors.length > 0) return undefined;
  const target = targetAt(parsed.yaml, parsed.offsetAt(position));
  if (!target || target.on !== 'value' || !target.node) return undefined;
  const scalar = (target.node as { value?: unknown }).value;
  const offsets = nodeOffsets(target.node);
  if (typeof scalar !== 'string' || !offsets) return undefined;
  const definitionKind = definitionKindAt(target.path);
  const kind = definitionKind ?? referenceKindAt(target.path);
  if (!kind) return undefined;
  return { id: scalar, kind, path: target.path, isDefinition: definitionKind !== undefined, offsets: innerOffsets(parsed, offsets) };
}

/** The definition an id names as the file sees it: its own first, then what its imports lend. */
export function resolveId(analysis: Analysis, id: string, kind: SymbolKind): Definition | undefined {
  const matches = (definition: Definition) => definition.id === id && definition.kind === kind;
  return analysis.definitions.find(matches) ?? (kindsLentTo(analysis.parsed.data).has(kind) ? analysis.imports.scope.firstOfKind(kind, id) : undefined);
}

/** The range of an id's value at a path, without quotes. */
export function idRange(parsed: ParsedDocument, path: Path): Range {
  const [start, end] = innerOffsets(parsed, placeOffsets(parsed, value(path)));
  return parsed.rangeOf(start, end);
}

/** The data paths of a file's references to a definition. */
function referencePaths(analysis: Analysis, definition: Definition): Path[] {
  return analysis.references
    .filter((reference) => reference.id === definition.id && reference.kind === definition.kind)
    .filter((reference) => {
      const resolved = resolveId(analysis, reference.id, reference.kind);
      return resolved !== undefined && sameDefinition(resolved, definition);
    })
    .map((reference) => reference.path);
}

/** Where a file's references to a definition stand. */
export function referencesIn(analysis: Analysis, definition: Definition): Range[] {
  return referencePaths(analysis, definition).map((path) => idRange(analysis.parsed, path));
}

/** What a rename changes in each file: the range of each id's own text and its new text. */
export type RenameEdits = Map<string, Array<{ range: Range; newText: string }>>;

/**
 * The edits that rename a definition in the files that see it: its id and each reference to it,
 * each written text once. A reference read through an alias (`owner: *who`) follows its anchor
 * and a merged one (`<<: *base`) the map that sets it, so neither an alias nor a `<<` is edited;
 * refused where such a text is also read at a place that is neither the id nor a reference to it
 * (`name: *who`), which the rename would change too.
 */
export function renameEdits(analyses: readonly Analysis[], definition: Definition, newId: string): { edits: RenameEdits } | { refused: MessageRef } {
  const edits: RenameEdits = new Map();
  for (const analysis of analyses) {
    const { parsed } = analysis;
    const places = referencePaths(analysis, definition);
    if (analysis.file === definition.file) places.unshift([...definition.itemPath, 'id']);
    const renamed = new Set(places.map((place) => JSON.stringify(place)));
    const isRenamed = (path: Path) => renamed.has(JSON.stringify(path));
    // Only aliases and merges make one text read at several places.
    const sharing = /[*]|<</.test(parsed.text) ? pathsByNode(parsed.yaml) : new Map<Node, Path[]>();
    const written = new Set<Node>();
    const list: Array<{ range: Range; newText: string }> = [];
    for (const place of places) {
      const node = locateWritten(parsed.yaml, place)?.node;
      const offsets = isScalar(node) ? nodeOffsets(node) : undefined;
      const sharedWith = sharing?.get(node!)?.find((path) => !isRenamed(path));
      if (!offsets || !sharing || sharedWith) {
        const key = [...(sharedWith ?? place)].reverse().find((segment) => typeof segment === 'string') ?? '';
        return { refused: { id: 'rename.shared', data: { id: definition.id, key } } };
      }
      if (written.has(node!)) continue;
      written.add(node!);
      const [start, end] = innerOffsets(parsed, offsets);
      const range = parsed.rangeOf(start, end);
      list.push({ range, newText: replacementText(parsed, range, newId) });
    }
    if (list.length > 0) edits.set(analysis.file, list);
  }
  return { edits };
}

/** Why a new id cannot be taken, or undefined when it can. */
export function renameProblem(newId: string, taken: ReadonlySet<string>): 'invalid' | 'taken' | undefined {
  if (idProblem(newId)) return 'invalid';
  return taken.has(newId) ? 'taken' : undefined;
}

/**
 * The text that replaces an id's own text: inside its quotes as it is, else as YAML writes it,
 * quoted where it would read as something else (`"2027"`, `"true"`, `"null"`, `"1e3"`).
 */
export function replacementText(parsed: ParsedDocument, range: Range, newId: string): string {
  const start = parsed.offsetAt(range.start);
  const quoted = parsed.text[start - 1] === '"' || parsed.text[start - 1] === "'";
  return quoted ? newId : scalarText(newId);
}

/** Each `imports` entry of a file, with the file it leads to. */
export function importLinks(analysis: Analysis): Array<{ range: Range; target: string }> {
  const { parsed } = analysis;
  if (parsed.errors.length > 0) return [];
  return importEntries(parsed.data).map(({ index, entry }) => ({
    range: idRange(parsed, ['imports', index]),
    target: importTarget(analysis.file, entry),
  }));
}

/** Letters as a search compares them: without case or diacritics (`Tết` is found as `tet`, `đ` as `d`). */
export function searchForm(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** The longest query a workspace search reads: a search box holds a few words, and each is looked for in every id and name. */
export const maxQueryLength = 256;

/**
 * Whether a query finds a definition: by id or by name, each query word a part of one of them.
 * The query is read once, not once for each definition (a query of 100,000 characters took 48 s).
 */
export function queryMatcher(query: string): (definition: Definition) => boolean {
  const words = [...new Set(searchForm(query.slice(0, maxQueryLength)).split(/\s+/).filter(Boolean))];
  return (definition) => {
    const haystack = searchForm(`${definition.id} ${definition.name ?? ''}`);
    return words.every((word) => haystack.includes(word));
  };
}

export function displayName(file: string): string {
  return baseName(file);
}
