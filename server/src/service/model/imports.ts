import { maxTextLength, megabytes, type ParseCache, type ParsedDocument } from '../document/parse';
import type { Path } from '../document/paths';
import { isInside, relativePath, resolveFrom, baseName } from '../document/uris';
import type { MessageData, MessageRef } from '../i18n/messages';
import { message } from '../i18n/translator';
import type { Host } from '../types';
import { Map as ImmutableMap, Set as ImmutableSet } from 'immutable';
import { collectDefinitions, type Definition, type SymbolKind } from './ids';
import { roleGroup } from './roles';
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
  /** Whether a team member it defines has a marketing leadership role. */
  hasMarketingLeader: boolean;
}

export interface ImportResult {
  problems: ImportProblem[];
  /** What the imports lend: the same object for every file that imports the same one file. */
  scope: ImportScope;
  /** The files the `imports` entries name, read or not: the import graph's edges from this file. */
  targets: string[];
}

/** More imported files than any real plan needs; past it, the rest are not read. */
export const maxImportedFiles = 10_000;

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
    hasMarketingLeader: false,
  };
  imported.hasMarketingLeader = imported.definitions.some(isMarketingLeader);
  const [start, end] = [reader.day(['strategy', 'horizon', 'start']), reader.day(['strategy', 'horizon', 'end'])];
  if (start !== undefined && end !== undefined) imported.horizon = { start, end, file: target };
  const stage = reader.text(['organization', 'stage']);
  if (stage !== undefined) imported.stage = stage;
  return { imported, nested: importEntries(parsed.data).map(({ entry }) => importTarget(target, entry)), text: parsed.text };
}

/** A team member whose role leads marketing. */
export function isMarketingLeader(definition: Definition): boolean {
  return definition.kind === 'member' && definition.role !== undefined && roleGroup(definition.role) === 'marketing-leadership';
}

const kindAndId = (kind: SymbolKind, id: string) => `${kind}\u0000${id}`;

/**
 * What a file's imports lend it, and the files they reach. Its lookups are what the rules read on
 * every check; the lists are made when a feature first asks for them.
 */
export class ImportScope {
  private listed?: readonly ImportedFile[];
  private defined?: readonly Definition[];

  constructor(
    /** Each id's first definition, in the order the files are reached. */
    private readonly firstById: ImmutableMap<string, Definition>,
    /** Each kind and id's first definition. */
    private readonly firstByKindId: ImmutableMap<string, Definition>,
    /** Every file reached, read or not: a change to any of them can change the findings. */
    readonly reached: ImmutableSet<string>,
    readonly horizon: ImportedFile['horizon'],
    readonly stage: string | undefined,
    readonly hasMarketingLeader: boolean,
    /** The first two files reached that hold a plan: the one plan among a file's imports is the plan its `actuals` measure. */
    readonly plans: readonly ImportedFile[],
    private readonly order: () => readonly ImportedFile[],
  ) {}

  static readonly empty = new ImportScope(ImmutableMap(), ImmutableMap(), ImmutableSet(), undefined, undefined, false, [], () => []);

  /** The lookups and facts of files reached in this order, each once. */
  static of(files: readonly ImportedFile[], reached: ImmutableSet<string>): ImportScope {
    const byId = ImmutableMap<string, Definition>().asMutable();
    const byKindId = ImmutableMap<string, Definition>().asMutable();
    for (const { definitions } of files) {
      for (const definition of definitions) {
        if (!byId.has(definition.id)) byId.set(definition.id, definition);
        const key = kindAndId(definition.kind, definition.id);
        if (!byKindId.has(key)) byKindId.set(key, definition);
      }
    }
    return new ImportScope(
      byId.asImmutable(),
      byKindId.asImmutable(),
      reached,
      files.find((file) => file.horizon)?.horizon,
      files.find((file) => file.stage !== undefined)?.stage,
      files.some((file) => file.hasMarketingLeader),
      files.filter((file) => file.hasPlan).slice(0, 2),
      () => files,
    );
  }

  /** A file's own, followed by this scope: what a file that imports it sees, made without copying this one. */
  under(head: ImportedFile, order: () => readonly ImportedFile[]): ImportScope {
    const byId = this.firstById.asMutable();
    const byKindId = this.firstByKindId.asMutable();
    // The head's own come first, and the first of them wins: set from its last to its first.
    for (let index = head.definitions.length - 1; index >= 0; index--) {
      const definition = head.definitions[index];
      byId.set(definition.id, definition);
      byKindId.set(kindAndId(definition.kind, definition.id), definition);
    }
    return new ImportScope(
      byId.asImmutable(),
      byKindId.asImmutable(),
      this.reached.add(head.file),
      head.horizon ?? this.horizon,
      head.stage ?? this.stage,
      head.hasMarketingLeader || this.hasMarketingLeader,
      head.hasPlan ? [head, ...this.plans].slice(0, 2) : this.plans,
      order,
    );
  }

  /**
   * The lookups as native maps, made once a scope has been asked more often than it has entries:
   * the scope of a strategy that a thousand plans import is asked a thousand times over, and a
   * persistent map hashes each key anew; a scope in a chain, asked by one file, is never copied.
   */
  private native?: { byId: Map<string, Definition>; byKindId: Map<string, Definition> };
  private lookups = 0;

  /** Counts a lookup, and makes the native maps once they are worth their copy. */
  private looked(): void {
    if (!this.native && ++this.lookups > this.firstByKindId.size) this.native = { byId: new Map(this.firstById), byKindId: new Map(this.firstByKindId) };
  }

  /** The first definition of an id in the imported files. */
  first(id: string): Definition | undefined {
    this.looked();
    return (this.native?.byId ?? this.firstById).get(id);
  }

  /** The first definition of a kind with an id in the imported files. */
  firstOfKind(kind: SymbolKind, id: string): Definition | undefined {
    this.looked();
    return (this.native?.byKindId ?? this.firstByKindId).get(kindAndId(kind, id));
  }

  /** The imported files, read, in the order they are reached: each entry's in turn, breadth first. */
  files(): readonly ImportedFile[] {
    return (this.listed ??= this.order());
  }

  /** Every definition of the imported files, in that order. */
  definitions(): readonly Definition[] {
    return (this.defined ??= this.files().flatMap((file) => file.definitions));
  }
}

/**
 * A file with every file it leads to, as the files that import it see it: built once from its own
 * imports' closures, and shared, so that a chain of N files costs N rather than N².
 */
interface Closure {
  file: string;
  /** Undefined for a file that cannot be read: it lends nothing and leads nowhere. */
  head?: ImportedFile;
  /** The closures of the files its imports name, in their order, each once. */
  below: readonly Closure[];
  scope: ImportScope;
}

/** The files reached from some closures, one after another, each breadth first, each file once: the order of `walkImports`. */
function reachedOrder(closures: readonly Closure[], skip: ReadonlySet<string>): ImportedFile[] {
  const seen = new Set(skip);
  const files: ImportedFile[] = [];
  for (const first of closures) {
    if (seen.has(first.file)) continue;
    seen.add(first.file);
    const queue = [first];
    for (let head = 0; head < queue.length; head++) {
      const closure = queue[head];
      if (closure.head) files.push(closure.head);
      for (const below of closure.below) {
        if (seen.has(below.file)) continue;
        seen.add(below.file);
        queue.push(below);
      }
    }
  }
  return files;
}

/** The files reached from some closures, read or not. */
function reachedFrom(closures: readonly Closure[]): ImmutableSet<string> {
  if (closures.length === 1) return closures[0].scope.reached;
  return ImmutableSet<string>().withMutations((reached) => {
    for (const closure of closures) reached.union(closure.scope.reached);
  });
}

/**
 * The import graph of a workspace as its files are read: each file's closure, kept until a file it
 * reaches changes (`forget`, for the file and every file that leads to it).
 */
export class ImportGraph {
  private readonly closures = new Map<string, Closure>();
  /** The scope last merged for each file that names several files, with the closures it was merged from. */
  private readonly merged = new Map<string, { closures: readonly Closure[]; scope: ImportScope }>();

  constructor(
    private readonly root: string,
    private readonly load: (target: string) => LoadedImport | Promise<LoadedImport>,
  ) {}

  forget(file: string): void {
    this.closures.delete(file);
    this.merged.delete(file);
  }

  /**
   * A file's closure; `walk` when a file it reaches leads back to one on `path` (the files that led
   * here) or to itself, or when it reaches more files than the limit: such imports are walked whole.
   */
  private async closure(target: string, path: ReadonlySet<string>): Promise<Closure | 'walk'> {
    const known = this.closures.get(target);
    if (known) return known;
    const pending = this.load(target);
    const loaded = pending instanceof Promise ? await pending : pending;
    if ('failure' in loaded) return this.keep({ file: target, below: [], scope: new ImportScope(ImmutableMap(), ImmutableMap(), ImmutableSet([target]), undefined, undefined, false, [], () => []) });
    const below: Closure[] = [];
    const within = new Set(path).add(target);
    for (const next of loaded.nested) {
      if (within.has(next)) return 'walk';
      if (!isInside(this.root, next) || below.some((closure) => closure.file === next)) continue;
      const closure = await this.closure(next, within);
      // A closure kept from before may lead back here: every kept one leads nowhere twice, so one look at each is enough.
      if (closure === 'walk' || closure.scope.reached.has(target)) return 'walk';
      below.push(closure);
    }
    const head = loaded.imported;
    const order = () => reachedOrder([closure], new Set());
    const scope =
      below.length === 0
        ? ImportScope.empty.under(head, order)
        : below.length === 1
          ? below[0].scope.under(head, order)
          : ImportScope.of(reachedOrder([{ file: target, head, below, scope: ImportScope.empty }], new Set()), reachedFrom(below).add(target));
    const closure: Closure = { file: target, head, below, scope };
    if (scope.reached.size > maxImportedFiles) return 'walk';
    return this.keep(closure);
  }

  private keep(closure: Closure): Closure {
    this.closures.set(closure.file, closure);
    return closure;
  }

  /**
   * What a file's imports lend it: the closures of the files its entries name, shared where it
   * names one, merged where it names several. Where the imports lead back to the file, or reach
   * more files than the limit, they are walked whole by `walkImports`, which names the problem.
   */
  async resolve(file: string, data: unknown): Promise<ImportResult> {
    const problems: ImportProblem[] = [];
    const targets: string[] = [];
    const closures: Closure[] = [];
    const start = new Set([file]);
    let reached = ImmutableSet<string>();
    for (const { entryPath, entry, target } of namedFiles(file, data, this.root, problems)) {
      targets.push(target);
      if (reached.has(target)) continue;
      const closure = await this.closure(target, start);
      if (closure === 'walk' || closure.scope.reached.has(file)) return walkImports(file, data, this.root, this.load);
      if (!closure.head) {
        const pending = this.load(target);
        const loaded = pending instanceof Promise ? await pending : pending;
        if ('failure' in loaded) problems.push({ path: entryPath, message: failureFor(entry, loaded.failure) });
      }
      closures.push(closure);
      reached = closures.length === 1 ? closure.scope.reached : reached.union(closure.scope.reached);
      if (reached.size > maxImportedFiles) return walkImports(file, data, this.root, this.load);
    }
    return { problems, scope: closures.length === 0 ? ImportScope.empty : closures.length === 1 ? closures[0].scope : this.mergedScope(file, closures, reached), targets };
  }

  /** The scope of a file that names several files: the one merged before while they are the same, so that the rules that read it keep their findings. */
  private mergedScope(file: string, closures: readonly Closure[], reached: ImmutableSet<string>): ImportScope {
    const before = this.merged.get(file);
    if (before && before.closures.length === closures.length && before.closures.every((closure, index) => closure === closures[index])) return before.scope;
    const scope = ImportScope.of(reachedOrder(closures, new Set([file])), reached);
    this.merged.set(file, { closures, scope });
    return scope;
  }
}

/** The files a plan's entries name inside the workspace; an entry that names the plan itself or leads outside is a problem. */
function* namedFiles(file: string, data: unknown, root: string, problems: ImportProblem[]): Generator<{ entryPath: Path; entry: string; target: string }> {
  for (const { index, entry } of importEntries(data)) {
    const entryPath: Path = ['imports', index];
    const target = importTarget(file, entry);
    if (target === file) problems.push({ path: entryPath, message: message('import.self', { entry }) });
    else if (!isInside(root, target)) problems.push({ path: entryPath, message: message('import.outsideWorkspace', { entry }) });
    else yield { entryPath, entry, target };
  }
}

/**
 * Follows the files a plan imports, and the files those import in turn, each entry's breadth
 * first, each file once; a chain that leads back to the importing file is a cycle. `load` reads
 * a file (`loadImport`), or gives what it read before. This walk is linear in the files it
 * reaches; `ImportGraph` shares it between files, and walks only where imports go round.
 */
export async function walkImports(file: string, data: unknown, root: string, load: (target: string) => LoadedImport | Promise<LoadedImport>): Promise<ImportResult> {
  const seen = new Set<string>([file]);
  const files: ImportedFile[] = [];
  const problems: ImportProblem[] = [];
  const targets: string[] = [];
  /** The file each one was reached from: the chain that names a cycle is walked back through it. */
  const reachedFrom = new Map<string, string>();

  const visit = async (target: string, from: string): Promise<LoadedImport> => {
    seen.add(target);
    reachedFrom.set(target, from);
    const pending = load(target);
    const loaded = pending instanceof Promise ? await pending : pending;
    if ('imported' in loaded) files.push(loaded.imported);
    return loaded;
  };

  const chainTo = (last: string): string[] => {
    const back: string[] = [];
    for (let step = last; step !== file; step = reachedFrom.get(step)!) back.push(step);
    return [file, ...back.reverse(), file];
  };

  for (const { entryPath, entry, target } of namedFiles(file, data, root, problems)) {
    targets.push(target);
    if (seen.has(target)) continue;
    if (seen.size > maxImportedFiles) {
      problems.push({ path: entryPath, message: message('import.tooMany', { limit: maxImportedFiles }) });
      continue;
    }
    const loaded = await visit(target, file);
    if ('failure' in loaded) {
      problems.push({ path: entryPath, message: failureFor(entry, loaded.failure) });
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
          problems.push({ path: entryPath, message: message('import.cycle', { cycle }) });
          cycleReported = true;
        }
        continue;
      }
      if (seen.has(next) || !isInside(root, next)) continue;
      if (seen.size > maxImportedFiles) {
        problems.push({ path: entryPath, message: message('import.tooManyNested', { limit: maxImportedFiles }) });
        break;
      }
      const nestedLoad = await visit(next, from);
      if ('nested' in nestedLoad) for (const further of nestedLoad.nested) queue.push({ from: next, next: further });
    }
  }
  seen.delete(file);
  return { problems, scope: ImportScope.of(files, ImmutableSet(seen)), targets };
}
