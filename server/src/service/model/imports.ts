import { maxTextLength, megabytes, type ParseCache, type ParsedDocument } from '../document/parse';
import type { Path } from '../document/paths';
import { isInside, relativePath, resolveFrom, baseName } from '../document/uris';
import type { MessageData, MessageRef } from '../i18n/messages';
import { message } from '../i18n/translator';
import type { Host } from '../types';
import { collectDefinitions, type Definition } from './ids';
import { PlanReader } from './reader';

export interface ImportProblem {
  /** Path of the entry in this file's `imports`. */
  path: Path;
  message: MessageRef;
}

export interface ImportedFile {
  file: string;
  /** Every id the file defines; only team members, objectives and segments can be referenced from the importing file. */
  definitions: Definition[];
  horizon?: { start: number; end: number; file: string };
  /** The company stage its `organization` gives, when it gives a valid one. */
  stage?: string;
  /** Whether it holds a `plan`: the one plan among a file's imports is the plan its `actuals` measure. */
  hasPlan: boolean;
}

export interface ImportResult {
  files: ImportedFile[];
  problems: ImportProblem[];
  /** Every file the imports lead to, read or not: a change to any of them can change the findings. */
  dependencies: string[];
}

/** More imported files than any real plan needs; past it, the rest are not read. */
export const maxImportedFiles = 500;

const importPattern = /^(?![A-Za-z][A-Za-z0-9+.-]*:)(?![/\\]).*\.mktplan\.ya?ml$/;

export function isAcceptableImport(entry: string): boolean {
  return importPattern.test(entry);
}

/** Where an entry leads: `/` separates folders on every system, and a `\\` (a schema error) is read as one too. */
export function importTarget(from: string, entry: string): string {
  return resolveFrom(from, entry);
}

/** The entries of a file's `imports` that name a plan file, with their places in the list. */
export function importEntries(data: unknown): Array<{ index: number; entry: string }> {
  const imports = (data as { imports?: unknown } | null)?.imports;
  if (!Array.isArray(imports)) return [];
  return imports.flatMap((entry, index) => (typeof entry === 'string' && isAcceptableImport(entry) ? [{ index, entry }] : []));
}

function display(root: string, file: string): string {
  return relativePath(root, file) || baseName(file);
}

/**
 * One imported file as the files that import it see it, read once: what it lends and the files it
 * imports in turn; or why it cannot be read, as a message that names the entry that leads to it.
 * Plain data, so that a thread that read it can hand it to another.
 */
export type LoadedImport = { imported: ImportedFile; nested: string[]; text: string } | { failure: ImportFailure };

/** Why an imported file cannot be read: a message whose `entry` is the import entry, given where it is reported. */
export interface ImportFailure {
  id: string;
  data?: MessageData;
}

function failureFor(entry: string, failure: ImportFailure): MessageRef {
  return message(failure.id, { entry, ...failure.data });
}

/** Reads and parses one imported file. */
export async function loadImport(target: string, workspace: Host, cache: ParseCache): Promise<LoadedImport> {
  const read = await workspace.read(target);
  if (read.kind === 'missing') return { failure: { id: 'import.missing' } };
  if (read.kind === 'outside') return { failure: { id: 'import.linkOutside' } };
  if (read.kind === 'notAFile') return { failure: { id: 'import.notAFile' } };
  if (read.kind === 'notText') return { failure: { id: 'import.notText' } };
  if (read.kind === 'tooLarge') return { failure: { id: 'import.tooLarge', data: { size: megabytes(read.size), limit: megabytes(maxTextLength) } } };
  if (read.kind === 'unreadable') return { failure: { id: 'import.unreadable', data: { reason: message('files.error', { code: read.reason }) } } };
  return importedFrom(target, cache.get(target, read.text));
}

/** What a parsed file lends the files that import it, or why it lends nothing (its YAML does not parse). */
export function importedFrom(target: string, parsed: ParsedDocument): LoadedImport {
  if (parsed.errors.length > 0) return { failure: { id: 'import.broken' } };
  const reader = new PlanReader(parsed.data, new Set());
  const imported: ImportedFile = {
    file: target,
    definitions: collectDefinitions(reader, target),
    hasPlan: reader.object(['plan']) !== undefined,
  };
  const [start, end] = [reader.day(['strategy', 'horizon', 'start']), reader.day(['strategy', 'horizon', 'end'])];
  if (start !== undefined && end !== undefined) imported.horizon = { start, end, file: target };
  const stage = reader.text(['organization', 'stage']);
  if (stage !== undefined) imported.stage = stage;
  return { imported, nested: importEntries(parsed.data).map(({ entry }) => importTarget(target, entry)), text: parsed.text };
}

/**
 * Follows the files a plan imports, and the files those import in turn, breadth first, each
 * file once; a chain that leads back to the importing file is a cycle. `load` reads a file
 * (`loadImport`), or gives what it read before: the walk itself is linear in the files and
 * imports it reaches.
 */
export async function resolveImports(
  file: string,
  data: unknown,
  root: string,
  load: (target: string) => LoadedImport | Promise<LoadedImport>,
): Promise<ImportResult> {
  const seen = new Set<string>([file]);
  const result: ImportResult = { files: [], problems: [], dependencies: [] };
  /** The file each one was reached from: the chain that names a cycle is walked back through it. */
  const reachedFrom = new Map<string, string>();

  const visit = async (target: string, from: string): Promise<LoadedImport> => {
    seen.add(target);
    reachedFrom.set(target, from);
    const pending = load(target);
    const loaded = pending instanceof Promise ? await pending : pending;
    if ('imported' in loaded) result.files.push(loaded.imported);
    return loaded;
  };

  const chainTo = (last: string): string[] => {
    const back: string[] = [];
    for (let step = last; step !== file; step = reachedFrom.get(step)!) back.push(step);
    return [file, ...back.reverse(), file];
  };

  for (const { index, entry } of importEntries(data)) {
    const entryPath: Path = ['imports', index];
    const target = importTarget(file, entry);
    if (target === file) {
      result.problems.push({ path: entryPath, message: message('import.self', { entry }) });
      continue;
    }
    if (!isInside(root, target)) {
      result.problems.push({ path: entryPath, message: message('import.outsideWorkspace', { entry }) });
      continue;
    }
    if (seen.has(target)) continue;
    if (seen.size > maxImportedFiles) {
      result.problems.push({ path: entryPath, message: message('import.tooMany', { limit: maxImportedFiles }) });
      continue;
    }
    const loaded = await visit(target, file);
    if ('failure' in loaded) {
      result.problems.push({ path: entryPath, message: failureFor(entry, loaded.failure) });
      continue;
    }
    // Each import still to follow, with the file that names it; read from `head` on, never shifted.
    const queue = loaded.nested.map((next) => ({ from: target, next }));
    let cycleReported = false;
    for (let head = 0; head < queue.length; head++) {
      const { from, next } = queue[head];
      if (next === file) {
        if (!cycleReported) {
          const cycle = chainTo(from).map((step) => display(root, step)).join(' → ');
          result.problems.push({ path: entryPath, message: message('import.cycle', { cycle }) });
          cycleReported = true;
        }
        continue;
      }
      if (seen.has(next) || !isInside(root, next)) continue;
      if (seen.size > maxImportedFiles) {
        result.problems.push({ path: entryPath, message: message('import.tooManyNested', { limit: maxImportedFiles }) });
        break;
      }
      const nestedLoad = await visit(next, from);
      if ('nested' in nestedLoad) for (const further of nestedLoad.nested) queue.push({ from: next, next: further });
    }
  }
  result.dependencies = [...seen].filter((seenFile) => seenFile !== file);
  return result;
}
