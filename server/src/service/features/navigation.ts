import * as nodePath from 'node:path';
import { targetAt } from '../document/cursor';
import type { ParsedDocument } from '../document/parse';
import { nodeOffsets, type Path } from '../document/paths';
import { placeOffsets, value } from '../document/places';
import type { Analysis } from '../model/analysis';
import { definitionKindAt, importableKinds, referenceKindAt, sameDefinition, type Definition, type SymbolKind } from '../model/ids';
import { importEntries, importTarget } from '../model/imports';
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
  return analysis.definitions.find(matches) ?? (importableKinds.has(kind) ? analysis.importedDefinitions.find(matches) : undefined);
}

/** The range of an id's value at a path, without quotes. */
export function idRange(parsed: ParsedDocument, path: Path): Range {
  const [start, end] = innerOffsets(parsed, placeOffsets(parsed, value(path)));
  return parsed.rangeOf(start, end);
}

/** Where a file's references to a definition stand. */
export function referencesIn(analysis: Analysis, definition: Definition): Range[] {
  return analysis.references
    .filter((reference) => reference.id === definition.id && reference.kind === definition.kind)
    .filter((reference) => {
      const resolved = resolveId(analysis, reference.id, reference.kind);
      return resolved !== undefined && sameDefinition(resolved, definition);
    })
    .map((reference) => idRange(analysis.parsed, reference.path));
}

/** Why a new id cannot be taken, or undefined when it can. */
export function renameProblem(newId: string, taken: ReadonlySet<string>): 'invalid' | 'taken' | undefined {
  if (idProblem(newId)) return 'invalid';
  return taken.has(newId) ? 'taken' : undefined;
}

/** The text that replaces an id's own text: an id made of digits only keeps or gains quotes, or YAML would read a number. */
export function replacementText(parsed: ParsedDocument, range: Range, newId: string): string {
  const start = parsed.offsetAt(range.start);
  const quoted = parsed.text[start - 1] === '"' || parsed.text[start - 1] === "'";
  return !quoted && /^\d+$/.test(newId) ? `"${newId}"` : newId;
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

/** Whether a query finds a definition: by id or by name, each query word a part of one of them. */
export function matchesQuery(definition: Definition, query: string): boolean {
  const words = searchForm(query).split(/\s+/).filter(Boolean);
  const haystack = searchForm(`${definition.id} ${definition.name ?? ''}`);
  return words.every((word) => haystack.includes(word));
}

export function displayName(file: string): string {
  return nodePath.basename(file);
}
