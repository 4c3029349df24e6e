import * as nodePath from 'node:path';
import type { Path } from './locate';
import type { ParseCache } from './parse';
import { PlanReader } from './reader';
import { collectDefinitions, type Definition } from './symbols';
import type { WorkspaceReader } from './types';

export interface ImportProblem {
  /** Path of the entry in this file's `imports`. */
  path: Path;
  message: string;
}

export interface ImportedFile {
  file: string;
  /** Every id the file defines; only team members, objectives and segments can be referenced from the importing file. */
  definitions: Definition[];
  horizon?: { start: number; end: number; file: string };
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

export function isInside(root: string, file: string): boolean {
  const relative = nodePath.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !nodePath.isAbsolute(relative));
}

function importEntries(data: unknown): Array<{ index: number; entry: string }> {
  const imports = (data as { imports?: unknown } | null)?.imports;
  if (!Array.isArray(imports)) return [];
  return imports.flatMap((entry, index) => (typeof entry === 'string' && isAcceptableImport(entry) ? [{ index, entry }] : []));
}

function display(root: string, file: string): string {
  return nodePath.relative(root, file) || nodePath.basename(file);
}

/**
 * Reads the files a plan imports, and the files those import in turn, breadth first.
 * Each file is read once; a chain that leads back to the importing file is a cycle.
 */
export async function resolveImports(
  file: string,
  data: unknown,
  workspace: WorkspaceReader,
  cache: ParseCache,
): Promise<ImportResult> {
  const seen = new Set<string>([file]);
  const result: ImportResult = { files: [], problems: [], dependencies: [] };

  const load = async (target: string): Promise<{ nested: string[] } | { failure: string }> => {
    seen.add(target);
    const read = await workspace.read(target);
    if (read.kind === 'missing') return { failure: 'there is no such file' };
    if (read.kind === 'outside') return { failure: `it is outside the workspace folder (${read.reason})` };
    if (read.kind === 'unreadable') return { failure: `it cannot be read (${read.reason})` };
    const parsed = cache.get(target, read.text);
    if (parsed.errors.length > 0) return { failure: 'its YAML does not parse; fix it before its ids can be used here' };
    const reader = new PlanReader(parsed.data, new Set());
    const imported: ImportedFile = {
      file: target,
      definitions: collectDefinitions(reader, target),
    };
    const [start, end] = [reader.day(['strategy', 'horizon', 'start']), reader.day(['strategy', 'horizon', 'end'])];
    if (start !== undefined && end !== undefined) imported.horizon = { start, end, file: target };
    result.files.push(imported);
    return { nested: importEntries(parsed.data).map(({ entry }) => nodePath.resolve(nodePath.dirname(target), entry)) };
  };

  for (const { index, entry } of importEntries(data)) {
    const entryPath: Path = ['imports', index];
    const target = nodePath.resolve(nodePath.dirname(file), entry);
    if (target === file) {
      result.problems.push({ path: entryPath, message: `\`${entry}\` is this file itself; a file cannot import itself` });
      continue;
    }
    if (!isInside(workspace.root, target)) {
      result.problems.push({ path: entryPath, message: `\`${entry}\` is outside the workspace folder; imports stay inside it` });
      continue;
    }
    if (seen.has(target)) continue;
    if (seen.size > maxImportedFiles) {
      result.problems.push({ path: entryPath, message: `more than ${maxImportedFiles} files are imported; this one was not read` });
      continue;
    }
    const loaded = await load(target);
    if ('failure' in loaded) {
      result.problems.push({ path: entryPath, message: `cannot import \`${entry}\`: ${loaded.failure}` });
      continue;
    }
    const queue = loaded.nested.map((nested) => [file, target, nested]);
    let cycleReported = false;
    while (queue.length > 0) {
      const chain = queue.shift()!;
      const next = chain[chain.length - 1];
      if (next === file) {
        if (!cycleReported) {
          const cycle = chain.map((step) => display(workspace.root, step)).join(' → ');
          result.problems.push({ path: entryPath, message: `import cycle: ${cycle}` });
          cycleReported = true;
        }
        continue;
      }
      if (seen.has(next) || !isInside(workspace.root, next)) continue;
      if (seen.size > maxImportedFiles) {
        result.problems.push({ path: entryPath, message: `more than ${maxImportedFiles} files are imported; the rest were not read` });
        break;
      }
      const nestedLoad = await load(next);
      if ('nested' in nestedLoad) for (const further of nestedLoad.nested) queue.push([...chain, further]);
    }
  }
  result.dependencies = [...seen].filter((seenFile) => seenFile !== file);
  return result;
}
