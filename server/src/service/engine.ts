import { LRUCache } from 'lru-cache';
import type { DecodedFile } from './document/decode';
import { maxTextLength, megabytes, movedPath, ParseCache, type ParsedDocument } from './document/parse';
import { startsWith, type Path } from './document/paths';
import { placeRange, value, type Place } from './document/places';
import { isSuppressed, readSuppressions, type Suppressions } from './document/suppressions';
import { complete } from './features/completion';
import { hoverAt } from './features/hover';
import { foldingRanges, outline } from './features/outline';
import { insightsOf } from './features/insights';
import { planView, type PlanView } from './features/view';
import { comparePlans, type DiffSide, type PlanDiff } from './features/diff';
import { actionsFor, applySafe, defaultsFor, freeIdFrom, placeholdersFor, yearOf } from './features/actions';
import type { FixEdit } from './rules/fixes/edits';
import {
  displayName,
  idAt,
  idRange,
  importLinks,
  queryMatcher,
  referencesIn,
  renameEdits,
  renameProblem,
  resolveId,
  type FileRange,
} from './features/navigation';
import { engineMessages } from './i18n/catalogue';
import { resolveLocale, type Locale, type MessageRef } from './i18n/messages';
import { Translator } from './i18n/translator';
import type { Analysis } from './model/analysis';
import { collectDefinitions, updateDefinitions, collectReferences, idsByKind, importableKinds, kindsLentTo, lendableKinds, sameDefinition, type Definition, type Reference, type SymbolKind } from './model/ids';
import { ImportGraph, ImportScope, importedFrom, loadImport, type ImportResult, type LoadedImport } from './model/imports';
import { actualsPath, readActuals, readSourceFile, type MeasuredPlan } from './model/actuals';
import type { SourceFormat, SourceRead } from './model/csv';
import { PlanModel, planPath, type SplicedFrom } from './model/plan';
import { PlanReader } from './model/reader';
import { configFileNames, isConfigFile, loadConfig, validateConfig, type LoadedConfig } from './model/config';
import { idsRules, ruleMessageId, ruleMessages, rulePage, rules, rulesById, type Rule } from './rules';
import type { IdsRule, IdsRuleContext, RuleContext } from './rules/rule';
import { schemaRule } from './rules/schema';
import { yamlSyntaxRule } from './rules/yamlSyntax';
import { configSchemaRoot, planSchemaRoot } from './schema/files';
import { revalidate, revalidateMoved, validate, type SchemaResult } from './schema/validate';
import { isPlainObject, pointerOf, valueAt } from './document/data';
import { folderOf, joinUri } from './document/uris';
import {
  CompletionKind,
  DiagnosticTag,
  severityByName,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
  type Range,
  type Settings,
  type SeverityName,
  type Host,
} from './types';

interface CacheEntry {
  text: string;
  analysis: Analysis;
  diagnostics?: { key: string; list: Diagnostic[] };
  /** Each rule's findings at the file's last check, with the values they followed from (`Rule.reads`). */
  ruleFindings?: Map<string, { reads: readonly unknown[]; findings: Finding[] }>;
}

/**
 * What the check of a closed plan whose imports changed leaves when its parse and analysis go
 * (`release`): the findings of the rules that read more than ids, and what the rules that read
 * only ids (`idsRules`) read of the file itself, with the places they may report at. While the
 * file does not change and its imports lend the same besides their ids, its findings are found
 * again from it (`recheck`), without the file read, parsed or analysed again: typing an id in a
 * strategy that thousands of plans import re-checks each of them at the cost of two rules. Only
 * a plan whose imports changed keeps one (a file edited once is edited again), so that the first
 * check of a workspace neither spends the time nor keeps the memory.
 */
interface ClosedAccount {
  /** The words and severities its findings were given with (`findingsKey`). */
  key: string;
  /** What its imports lent when it was last checked. */
  scope: ImportScope;
  /** Its `imports` entries, as `ImportGraph.resolve` reads them. */
  named: { imports: unknown };
  /** Its definitions and references (`idsText`). */
  ids: string;
  /** Where each reference's value and each definition's id lies (`placesOf`). */
  idPlaces: Int32Array;
  definitionsKey: object;
  /** Where the last findings of the rules that read only ids lie, by JSON pointer. */
  places: ReadonlyMap<string, Range>;
  suppressions: Suppressions;
  /** The findings of the other rules. */
  others: Diagnostic[];
}

/** No suppression comment: what most plans' accounts share. */
const noSuppressions: Suppressions = { file: new Set(), lines: new Map() };

/** No finding of the rules that read only ids: what most plans' accounts share. */
const noPlaces: ReadonlyMap<string, Range> = new Map();

/**
 * The ranges of the values at `paths`, four numbers each (start line and character, end line and
 * character): a tenth of the memory of `Range` objects.
 */
function placesOf(parsed: ParsedDocument, paths: readonly Path[]): Int32Array {
  const ranges = new Int32Array(paths.length * 4);
  paths.forEach((path, index) => {
    const { start: from, end: to } = placeRange(parsed, value(path));
    ranges.set([from.line, from.character, to.line, to.character], index * 4);
  });
  return ranges;
}

/** The path of the value a definition's id is written at. */
function idPath(definition: Definition): Path {
  return [...definition.itemPath, 'id'];
}

/**
 * A plan's definitions and references as an account keeps them: as one JSON text, a tenth of the
 * memory of the objects (their paths, their ids that may be slices keeping the whole text alive),
 * and without what the rules that read only ids do not read (names, roles).
 */
function idsText(definitions: readonly Definition[], references: readonly Reference[]): string {
  return JSON.stringify([definitions.map(({ kind, id, itemPath }) => [kind, id, itemPath]), references.map(({ kind, id, path }) => [kind, id, path])]);
}

/** The definitions and references of a plan's account (`idsText`). */
function idsOf(file: string, text: string): { definitions: Definition[]; references: Reference[] } {
  const [definitions, references] = JSON.parse(text) as [Array<[SymbolKind, string, Path]>, Array<[SymbolKind, string, Path]>];
  return {
    definitions: definitions.map(([kind, id, itemPath]) => ({ kind, id, itemPath, file })),
    references: references.map(([kind, id, path]) => ({ kind, id, path })),
  };
}

/**
 * The account a closed plan's check leaves (`ClosedAccount`): for a plan that parses, imports
 * files and has no actuals (whose plan they measure is more than ids). It keeps what the rules
 * that read only ids read, without what they do not (names, roles), and the places they report
 * at: each reference's value and each definition's id, and where their last findings lie (an
 * import that could not be read); a finding anywhere else needs the text again.
 */
function accountOf(analysis: Analysis, diagnostics: { key: string; list: Diagnostic[] }): ClosedAccount | undefined {
  const { parsed, imports, definitions } = analysis;
  if (parsed.errors.length > 0 || analysis.schemaRoot !== planSchemaRoot || imports.targets.length === 0 || analysis.actuals || analysis.lent !== importableKinds) return undefined;
  // Copied, as `idsText` does: an entry read from the text may be a slice that keeps all of it alive.
  const entries: unknown = isPlainObject(parsed.data) && Array.isArray(parsed.data.imports) ? JSON.parse(JSON.stringify(parsed.data.imports)) : undefined;
  let places: Map<string, Range> | undefined;
  const others: Diagnostic[] = [];
  for (const diagnostic of diagnostics.list) {
    if (idsRuleIds.has(diagnostic.code)) (places ??= new Map()).set(pointerOf(diagnostic.data.path), diagnostic.range);
    else others.push(diagnostic);
  }
  // A reference of a kind no import lends that resolves, resolves to this file's own ids whatever the imports.
  const references = analysis.references.filter((reference) => importableKinds.has(reference.kind) || analysis.unresolved.includes(reference));
  const suppressions = readSuppressions(parsed.text, () => parsed.yaml);
  return {
    key: diagnostics.key,
    scope: imports.scope,
    named: { imports: entries },
    ids: idsText(definitions, references),
    idPlaces: placesOf(parsed, [...references.map((reference) => reference.path), ...definitions.map(idPath)]),
    definitionsKey: analysis.definitionsKey,
    places: places ?? noPlaces,
    suppressions: suppressions.file.size === 0 && suppressions.lines.size === 0 ? noSuppressions : suppressions,
    others,
  };
}

/** The ids of the rules that read only ids. */
const idsRuleIds: ReadonlySet<string> = new Set(idsRules.map((rule) => rule.id));

/** Whether two scopes lend the same besides their ids, memoized: the same object is shared by every file that imports the same one. */
const sameBesidesIds = new WeakMap<ImportScope, WeakMap<ImportScope, boolean>>();

/**
 * Whether two import scopes lend the same to the rules that read more than ids: the horizon, the
 * stage, the marketing leader, every team member as it is (an owner is looked up by id), and no
 * plan for actuals to measure.
 */
function lendsTheSameBesidesIds(before: ImportScope, now: ImportScope): boolean {
  if (before === now) return true;
  let known = sameBesidesIds.get(before);
  if (!known) sameBesidesIds.set(before, (known = new WeakMap()));
  let same = known.get(now);
  if (same === undefined) {
    const members = (scope: ImportScope) => JSON.stringify(scope.definitions().filter((definition) => definition.kind === 'member'));
    same =
      before.plans.length === 0 &&
      now.plans.length === 0 &&
      before.stage === now.stage &&
      before.hasMarketingLeader === now.hasMarketingLeader &&
      JSON.stringify(before.horizon) === JSON.stringify(now.horizon) &&
      members(before) === members(now);
    known.set(now, same);
  }
  return same;
}

/** What findings are worded and weighed with: the locale, and the rules' severities. */
function findingsKey(translator: Translator, settings: Settings): string {
  return `${translator.locale}\u0000${JSON.stringify(settings.rules ?? {})}`;
}

/** The earlier list where the new one holds the same items, each alike by `same`, in the same order; else the new one. */
function sameItems<T>(earlier: readonly T[] | undefined, now: readonly T[], same: (a: T, b: T) => boolean): readonly T[] {
  return earlier && earlier.length === now.length && now.every((item, index) => same(earlier[index], item)) ? earlier : now;
}

/** The same definition, saying the same of its item: its name and role too. */
/** The longest id a rename writes: far longer than any name, and short enough to show in full. */
const maxIdLength = 200;

/** Whether a text holds a word, not as part of a longer id (`minh`, not `minh-anh`). */
function holdsWord(text: string, word: string): boolean {
  const idCharacter = /[\p{L}\p{N}_-]/u;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!idCharacter.test(text[at - 1] ?? ' ') && !idCharacter.test(text[at + word.length] ?? ' ')) return true;
  }
  return false;
}

function unchangedDefinition(a: Definition, b: Definition): boolean {
  return sameDefinition(a, b) && a.name === b.name && a.role === b.role;
}

function referenceKey(reference: Reference): string {
  return `${reference.kind}\u0000${reference.id}\u0000${pointerOf(reference.path)}`;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.severity - b.severity ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  );
}

/** The whole message catalogue: the engine's own messages and every rule's. */
export const catalogue = { ...engineMessages, ...ruleMessages };

const translators = new Map<Locale, Translator>();

/** The translator for a setting (`auto`, a locale, or nothing): one per locale, shared. */
export function translatorFor(locale: string | undefined): Translator {
  const resolved = resolveLocale(locale);
  let translator = translators.get(resolved);
  if (!translator) translators.set(resolved, (translator = new Translator(resolved, catalogue)));
  return translator;
}

export interface EngineOptions {
  /** Reads configuration files, which may stand above the workspace folder (up to the repository root); the workspace by default. */
  configReader?: Pick<Host, 'read' | 'isRepositoryRoot'>;
  /** One configuration file for every plan (the CLI's `--config`), instead of the nearest one. */
  configFile?: string;
  /**
   * Where imported files come from: by default the engine reads them itself (`readHere`); the
   * command line's threads share what one of them read, so that each file is parsed once a run.
   */
  importLoader?: ImportLoader;
}

/** Gives an imported file as the files that import it see it: from elsewhere, or by `readHere`. */
export type ImportLoader = (target: string, readHere: () => Promise<LoadedImport>) => Promise<LoadedImport>;

/** The severity the settings give a rule; none for a setting that names no severity (a typo in the user's settings leaves the default). */
function configuredSeverity(settings: Settings, ruleId: string): SeverityName | undefined {
  const configured = settings.rules?.[ruleId];
  return configured && Object.prototype.hasOwnProperty.call(severityByName, configured) ? (configured as SeverityName) : undefined;
}

/** A finding before it is placed and worded. */
interface Finding {
  rule: Rule;
  place: Place;
  message: MessageRef;
  facts?: Record<string, unknown>;
}

/**
 * The checker: text in, findings and answers out. One instance serves many files; each
 * text version is parsed and analysed once, and every feature reads that analysis.
 */
export class Engine {
  readonly cache: ParseCache;
  /**
   * As many analyses as parses (`ParseCache`, which says why `lru-cache` keeps them): the open
   * documents and what they import. A whole workspace checked from disk would otherwise keep every file's.
   */
  private readonly analyses: LRUCache<string, CacheEntry>;
  /** The last analysis of each file whose text parsed, for completion while a line is half-typed. */
  private readonly lastClean: LRUCache<string, Analysis>;
  /**
   * The edges of the import graph: for each analysed file, the files its entries name (and its
   * CSV sources); for each imported file, the files its own entries name. With each, the files
   * that name it: a change reaches the files that lead to it, directly or not.
   */
  private readonly dependencies = new Map<string, readonly string[]>();
  private readonly importEdges = new Map<string, readonly string[]>();
  private readonly namedBy = new Map<string, Map<string, number>>();
  /** Each imported file's closure, shared by the files that import it. */
  private readonly graph: ImportGraph;
  /**
   * Each imported file as read for the files that import it, until it changes (`forget`): a chain
   * of 1,000 files, each checked, read and parsed each file once for every file above it.
   */
  private readonly importLoads = new Map<string, LoadedImport | Promise<LoadedImport>>();

  /** The configuration file found for each folder, and each configuration file as loaded. */
  private readonly configLookups = new Map<string, Promise<string | undefined>>();
  private readonly configs = new Map<string, Promise<LoadedConfig>>();

  constructor(
    readonly workspace: Host,
    cache?: ParseCache,
    private readonly options: EngineOptions = {},
  ) {
    this.cache = cache ?? new ParseCache();
    this.analyses = new LRUCache({ max: this.cache.capacity });
    this.lastClean = new LRUCache({ max: this.cache.capacity });
    this.graph = new ImportGraph(workspace.root, this.loadImport);
  }

  /** The configuration a plan file follows: `--config`, else the nearest `mktplan.config.yaml` up to the repository root. */
  async configFor(planFile: string): Promise<LoadedConfig | undefined> {
    const file = this.options.configFile ?? (await this.findConfig(folderOf(planFile)));
    if (file === undefined) return undefined;
    let loaded = this.configs.get(file);
    if (!loaded) this.configs.set(file, (loaded = this.loadConfigFile(file)));
    return loaded;
  }

  /** A configuration file by its name, or the one `--config` names. */
  private isConfig(file: string): boolean {
    return isConfigFile(file) || file === this.options.configFile;
  }

  /** A configuration file changed, appeared or went: every plan's configuration is looked up again. */
  forgetConfigs(): void {
    this.accounts.clear();
    this.configLookups.clear();
    this.configs.clear();
  }

  private findConfig(folder: string): Promise<string | undefined> {
    let lookup = this.configLookups.get(folder);
    if (!lookup) {
      lookup = (async () => {
        const reader = this.options.configReader ?? this.workspace;
        for (const name of configFileNames) {
          const file = joinUri(folder, name);
          // The nearest file counts even when it cannot be read, or is not text: that is its own finding, and a
          // configuration above it, written for other plans, does not apply in its place.
          const read = await reader.read(file);
          if (read.kind !== 'missing' && read.kind !== 'notAFile' && read.kind !== 'outside') return file;
        }
        // The search stops at the repository's root.
        if (await reader.isRepositoryRoot(folder)) return undefined;
        const parent = folderOf(folder);
        return parent === folder ? undefined : this.findConfig(parent);
      })();
      this.configLookups.set(folder, lookup);
    }
    return lookup;
  }

  private async loadConfigFile(file: string): Promise<LoadedConfig> {
    const read = await (this.options.configReader ?? this.workspace).read(file);
    // One that cannot be read sets nothing: its plans get the defaults.
    if (read.kind !== 'ok') return { file, rules: {}, ignores: () => false };
    const analysis = await this.analyze(file, read.text);
    return loadConfig(file, analysis.read);
  }

  /** The settings a plan is checked with: the editor's (or none), with its configuration file's winning; and whether it is ignored. */
  private async settingsOf(file: string, settings: Settings): Promise<{ settings: Settings; ignored: boolean }> {
    if (this.isConfig(file)) return { settings, ignored: false };
    const config = await this.configFor(file);
    if (!config) return { settings, ignored: false };
    return { settings: { ...settings, rules: { ...settings.rules, ...config.rules } }, ignored: config.ignores(file) };
  }

  /** Whether a plan's configuration says not to check it. */
  async isIgnored(file: string): Promise<boolean> {
    return (await this.settingsOf(file, {})).ignored;
  }

  parse(file: string, text: string): ParsedDocument {
    return this.cache.get(file, text);
  }

  private planList: Promise<string[]> | undefined;

  /**
   * Every plan file of the workspace, listed once until `forgetPlanList`: the workspace is asked
   * for it on every request that spans it (a pull of its findings comes every few seconds).
   */
  listPlans(): Promise<string[]> {
    return (this.planList ??= this.workspace.listPlans());
  }

  /** The plans as last listed, without listing them: none until the workspace is first listed. */
  listedPlans(): Promise<string[]> | undefined {
    return this.planList;
  }

  /** A plan file was created or deleted: the workspace is listed again when next asked. */
  forgetPlanList(): void {
    this.planList = undefined;
  }

  /**
   * A file changed: drops the analyses of the files that import it. The file's own parse is
   * kept, so that its next text can be parsed by reparsing only what changed.
   */
  forget(file: string): void {
    this.accounts.delete(file);
    this.importLoads.delete(file);
    this.sourceReads.delete(file);
    this.graph.forget(file);
    for (const dependent of this.dependentsOf(file)) {
      this.importsChanged.add(dependent);
      this.analyses.delete(dependent);
      this.lastClean.delete(dependent);
      this.graph.forget(dependent);
    }
  }

  /**
   * A file edited in the editor: forgets what follows from its text, and gives the files whose
   * findings the edit can change, those that import it. What it lends them (its ids with their
   * names, roles and places, its horizon, stage and imports) is read from the parse its own check
   * shares; while that is what they read before, they keep their analyses and none is given
   * (typing in a description changes no importer's findings). A file that holds a plan lends the
   * actuals that measure it the whole plan: every edit to it counts.
   */
  edited(file: string, text: string): string[] {
    const dependents = this.dependentsOf(file);
    const before = this.importLoads.get(file);
    if (dependents.length > 0 && before && !(before instanceof Promise) && 'imported' in before && !before.imported.hasPlan) {
      const now = importedFrom(file, this.parse(file, text));
      if ('imported' in now && JSON.stringify([now.imported, now.nested]) === JSON.stringify([before.imported, before.nested])) {
        this.importLoads.set(file, now);
        return [];
      }
    }
    this.forget(file);
    return dependents;
  }

  /** The text this engine last read of a file: its parse's, else the one the files that import it read. */
  lastRead(file: string): string | undefined {
    const loaded = this.importLoads.get(file);
    return this.cache.peek(file)?.text ?? (loaded && !(loaded instanceof Promise) && 'text' in loaded ? loaded.text : undefined);
  }

  /** Moves the offsets the last splice of a file left to move (see `ParsedDocument.settle`): for a moment when nothing waits. */
  settle(file: string): void {
    this.cache.peek(file)?.settle();
  }

  /**
   * A file is closed: lets go of its parse and analyses, which would otherwise keep the heap large
   * and the collector busy. Where its last check was of its stored text (`keep: 'account'`), a
   * plan that a file it imports changed for keeps an account of that check (`recheck`).
   */
  release(file: string, keep: 'account' | 'nothing' = 'nothing'): void {
    const entry = this.analyses.get(file);
    if (keep === 'account' && this.importsChanged.has(file) && entry?.diagnostics) {
      const account = accountOf(entry.analysis, entry.diagnostics);
      if (account) this.accounts.set(file, account);
    }
    this.analyses.delete(file);
    this.lastClean.delete(file);
    this.cache.delete(file);
  }

  /** The accounts of the closed plans' last checks (`release`), until the file changes. */
  private readonly accounts = new Map<string, ClosedAccount>();
  /** The plans a file they import changed for: each keeps an account of its checks (`ClosedAccount`). */
  private readonly importsChanged = new Set<string>();

  /** Whether a plan's findings may be found again without its text (`recheck`). */
  holdsAccount(file: string): boolean {
    return this.accounts.has(file);
  }

  /**
   * The findings of a closed plan whose imports changed, from the account its last check left,
   * without reading it: the rules that read only ids run again against what its imports lend
   * now, and the others' findings stand. None when that cannot tell: no account (it changed, it
   * was not checked closed since a file it imports changed), other settings, imports that lend
   * other than ids, or a finding at a place the account does not know; the plan is then checked
   * from its text.
   */
  async recheck(file: string, editorSettings: Settings = {}): Promise<Diagnostic[] | undefined> {
    const account = this.accounts.get(file);
    if (!account) return undefined;
    const { settings, ignored } = await this.settingsOf(file, editorSettings);
    const translator = translatorFor(settings.locale);
    if (ignored || findingsKey(translator, settings) !== account.key) return undefined;
    const imports = await this.graph.resolve(file, account.named);
    if (!lendsTheSameBesidesIds(account.scope, imports.scope)) return undefined;
    const { definitions, references } = idsOf(file, account.ids);
    const { definitionsKey } = account;
    const { unresolved } = this.unresolvedOf(undefined, definitions, imports.scope, references, undefined, importableKinds);
    const findings: Finding[] = [];
    let rule: IdsRule = idsRules[0];
    const context: IdsRuleContext = {
      file,
      definitions,
      definitionsKey,
      unresolved,
      imports,
      lent: importableKinds,
      report: ({ place, message, data, facts }) => findings.push({ rule, place, message: { id: ruleMessageId(rule.id, message), data }, facts }),
      reportMessage: (place, message, facts) => findings.push({ rule, place, message, facts }),
    };
    for (rule of idsRules) if (settings.rules?.[rule.id] !== 'off') rule.check(context);
    // Looked up only for a finding: most plans have none once the ids they name are back.
    let idPlaces: Map<string, Range> | undefined;
    const placed = (place: Place) => {
      if (place.on !== 'value') return undefined;
      if (!idPlaces) {
        const ranges = account.idPlaces;
        idPlaces = new Map([...references.map((reference) => reference.path), ...definitions.map(idPath)].map((path, index) => {
          const at = index * 4;
          return [pointerOf(path), { start: { line: ranges[at], character: ranges[at + 1] }, end: { line: ranges[at + 2], character: ranges[at + 3] } }];
        }));
      }
      const pointer = pointerOf(place.path);
      return idPlaces.get(pointer) ?? account.places.get(pointer);
    };
    const fresh = diagnosticsOf(findings, placed, account.suppressions, settings, translator, true);
    if (!fresh) return undefined;
    account.scope = imports.scope;
    return [...account.others, ...fresh].sort(compareDiagnostics);
  }

  /** Each CSV source as read for a format, until its file changes (`forget`): a keystroke in the actuals reads none again. */
  private readonly sourceReads = new Map<string, Map<string, Promise<SourceRead>>>();

  private sourceAt = (uri: string, format: SourceFormat): Promise<SourceRead> => {
    let byFormat = this.sourceReads.get(uri);
    if (!byFormat) this.sourceReads.set(uri, (byFormat = new Map()));
    const key = JSON.stringify(format);
    let read = byFormat.get(key);
    if (!read) byFormat.set(key, (read = readSourceFile((file) => this.workspace.readBytes(file), uri, format)));
    return read;
  };

  /** An imported file as read for the files that import it: read once until it changes. */
  private loadImport = (target: string): LoadedImport | Promise<LoadedImport> => this.importLoads.get(target) ?? this.remember(target);

  /**
   * A file as the files that import it see it, read by this engine itself: what it lends to other
   * threads. One asked for through the loader meanwhile is not waited for: that may be this very loan.
   */
  lend(target: string): LoadedImport | Promise<LoadedImport> {
    const known = this.importLoads.get(target);
    return known && !(known instanceof Promise) ? known : loadImport(target, this.workspace, this.cache);
  }

  /** Loads an imported file (through the loader, else here) and keeps it for the next files that import it. */
  private remember(target: string): Promise<LoadedImport> {
    const readHere = () => loadImport(target, this.workspace, this.cache);
    const loader = this.options.importLoader;
    const loading = (loader ? loader(target, readHere) : readHere()).then((loaded) => {
      // Forgotten while it was read: the next import reads it again.
      if (this.importLoads.get(target) === loading) this.importLoads.set(target, loaded);
      this.recordEdges(this.importEdges, target, 'nested' in loaded ? loaded.nested : []);
      return loaded;
    });
    this.importLoads.set(target, loading);
    return loading;
  }

  /** The files a file's imports lead to, directly or not, read or not (and its CSV sources), as of its last analysis. */
  dependenciesOf(file: string): string[] {
    const reached = new Set<string>();
    const queue = [...(this.dependencies.get(file) ?? [])];
    for (let head = 0; head < queue.length; head++) {
      const next = queue[head];
      if (next === file || reached.has(next)) continue;
      reached.add(next);
      for (const further of this.importEdges.get(next) ?? this.dependencies.get(next) ?? []) queue.push(further);
    }
    return [...reached];
  }

  /** The files whose findings a change to this file can change: those that import it, directly or not, as their last reads found them. */
  dependentsOf(file: string): string[] {
    const reached = new Set<string>();
    const queue = [file];
    for (let head = 0; head < queue.length; head++) {
      for (const dependent of this.namedBy.get(queue[head])?.keys() ?? []) {
        if (dependent === file || reached.has(dependent)) continue;
        reached.add(dependent);
        queue.push(dependent);
      }
    }
    return [...reached];
  }

  private recordDependencies(file: string, dependencies: readonly string[]): void {
    this.recordEdges(this.dependencies, file, dependencies);
  }

  /** Sets a file's edges of one kind, and keeps the reverse index, which counts an edge once for each kind that has it. */
  private recordEdges(edges: Map<string, readonly string[]>, file: string, targets: readonly string[]): void {
    for (const old of new Set(edges.get(file) ?? [])) {
      const names = this.namedBy.get(old);
      const count = (names?.get(file) ?? 0) - 1;
      if (count > 0) names!.set(file, count);
      else names?.delete(file);
    }
    edges.set(file, targets);
    for (const target of new Set(targets)) {
      let names = this.namedBy.get(target);
      if (!names) this.namedBy.set(target, (names = new Map()));
      names.set(file, (names.get(file) ?? 0) + 1);
    }
  }

  async analyze(file: string, text: string): Promise<Analysis> {
    const cached = this.analyses.get(file);
    // A parse is reused by the next one of the same file: an analysis is current only with its parse.
    if (cached && cached.text === text && cached.analysis.parsed === this.cache.peek(file)) return cached.analysis;
    const parsed = this.parse(file, text);
    const schemaRoot = this.isConfig(file) ? configSchemaRoot : planSchemaRoot;
    // A configuration file has no ids and imports nothing: only its schema is checked.
    const isPlan = parsed.errors.length === 0 && schemaRoot === planSchemaRoot;
    // The analysis this one follows: the one of the parse it was spliced from (the last without a
    // mistake, when the text that sets a mistake right was spliced into it), else the last one.
    const derivedFrom = parsed.derivedFrom?.serial;
    const spliceBase = derivedFrom === undefined ? undefined : [cached?.analysis, this.lastClean.get(file)].find((candidate) => candidate?.parsed.serial === derivedFrom);
    const previous = spliceBase ?? cached?.analysis;
    const data = parsed.errors.length === 0 ? parsed.data : {};
    // A configuration file, a few lines long, is validated whole: its globs are weighed beside its schema.
    const schema = schemaRoot === planSchemaRoot ? (this.validateChange(previous, parsed) ?? validate(data, schemaRoot)) : validateConfig(data);
    const read = new PlanReader(parsed.data, schema.invalidPointers);
    // A file analysed with another text than the one its importers read: they read it again.
    const asImported = this.importLoads.get(file);
    if (asImported && !(asImported instanceof Promise) && 'text' in asImported && asImported.text !== text) this.importLoads.delete(file);
    const imports: ImportResult = isPlan ? await this.graph.resolve(file, parsed.data) : { problems: [], scope: ImportScope.empty, targets: [] };
    // The lists of the last analysis where nothing in them changed, so that rules that read only them keep their findings.
    const definitions = sameItems(previous?.definitions, isPlan ? this.definitionsOf(previous, parsed, schema, read, file) : [], unchangedDefinition);
    const sameIds = previous && (definitions === previous.definitions || sameItems(previous.definitions, definitions, sameDefinition) === previous.definitions);
    const definitionsKey = sameIds ? previous.definitionsKey : {};
    const { references, fresh } = isPlan ? this.referencesOf(previous, parsed, read) : { references: [], fresh: undefined };
    const lent = kindsLentTo(parsed.data);
    const { unresolved, resolvable } = this.unresolvedOf(previous, definitions, imports.scope, references, fresh, lent);
    const model = new PlanModel(read, parsed, definitions, imports, this.spliceOf(previous, parsed));
    const actuals = isPlan && read.object(actualsPath) ? await readActuals(file, read, model, await this.measuredPlan(file, read, model, definitions, imports), this.sourceAt) : undefined;
    const analysis: Analysis = {
      file,
      parsed,
      schemaRoot,
      read,
      schema,
      model,
      ...(actuals ? { actuals } : {}),
      definitions,
      definitionsKey,
      references,
      unresolved,
      imports,
      lent,
    };
    this.resolvable.set(analysis, resolvable);
    // Analysed anew: what a check of it left before no longer stands for it.
    this.accounts.delete(file);
    // A change to a CSV source changes the findings of the actuals that read it.
    this.recordDependencies(file, actuals ? [...imports.targets, ...actuals.sources.map((source) => source.file)] : imports.targets);
    this.analyses.set(file, { text, analysis, ruleFindings: cached?.ruleFindings });
    if (parsed.errors.length === 0) this.lastClean.set(file, analysis);
    return analysis;
  }

  /** The plan a file's `actuals` measure: its own, else the one plan among its imports, read from that plan's own analysis. */
  private async measuredPlan(file: string, read: PlanReader, model: PlanModel, definitions: readonly Definition[], imports: ImportResult): Promise<MeasuredPlan | { problem: 'none' | 'several' }> {
    if (read.object(planPath)) return { file, model, read, definitions };
    const { plans } = imports.scope;
    if (plans.length !== 1) return { problem: plans.length === 0 ? 'none' : 'several' };
    const analysis = await this.analysisOf(plans[0].file);
    if (!analysis) return { problem: 'none' };
    return { file: analysis.file, model: analysis.model, read: analysis.read, definitions: analysis.definitions };
  }

  /** The earlier analysis's model and the paths the splice changed, when this parse was spliced from that analysis's parse. */
  private spliceOf(previous: Analysis | undefined, parsed: ParsedDocument): SplicedFrom | undefined {
    const derived = parsed.derivedFrom;
    return previous && derived && previous.parsed.serial === derived.serial && previous.parsed.errors.length === 0 ? { model: previous.model, changed: derived.paths, moved: derived.moved } : undefined;
  }

  /**
   * When a parse changed some values of the parse an earlier analysis used, only the items they
   * touch are read again for their ids, while no value anywhere breaks the schema: a broken value
   * reads as absent, and a rule of the schema may tie one item's values to another's.
   */
  private definitionsOf(previous: Analysis | undefined, parsed: ParsedDocument, schema: SchemaResult, read: PlanReader, file: string): Definition[] {
    const derived = parsed.derivedFrom;
    const clean = schema.invalidPointers.size === 0 && previous?.schema.invalidPointers.size === 0;
    if (!previous || !derived || !clean || previous.parsed.serial !== derived.serial || previous.parsed.errors.length > 0) return collectDefinitions(read, file);
    return updateDefinitions(previous.definitions, derived, read, file) ?? collectDefinitions(read, file);
  }

  /**
   * When a parse changed some values of the parse an earlier analysis used, only those values'
   * references are read again: `fresh` lists them (undefined when all were read).
   */
  private referencesOf(previous: Analysis | undefined, parsed: ParsedDocument, read: PlanReader): { references: readonly Reference[]; fresh?: readonly Reference[] } {
    const derived = parsed.derivedFrom;
    if (!previous || !derived || previous.parsed.serial !== derived.serial || previous.parsed.errors.length > 0) return { references: collectReferences(read) };
    const { moved } = derived;
    if (moved) {
      // Items of the list replaced: theirs read again; those after them kept, at their new places.
      const { list, at, added } = moved;
      const references: Reference[] = [];
      for (const reference of previous.references) {
        const path = movedPath(moved, reference.path);
        if (path) references.push(path === reference.path ? reference : { ...reference, path });
      }
      const fresh: Reference[] = [];
      for (let offset = 0; offset < added; offset++) for (const reference of collectReferences(read, [...list, at + offset])) fresh.push(reference);
      for (const reference of fresh) references.push(reference);
      return { references, fresh };
    }
    const kept: Reference[] = [];
    const replaced = new Set<string>();
    for (const reference of previous.references) {
      if (derived.paths.some((changed) => startsWith(reference.path, changed))) replaced.add(referenceKey(reference));
      else kept.push(reference);
    }
    const fresh = derived.paths.flatMap((changed) => collectReferences(read, changed));
    // The same references read again: the list stays the one the last analysis had.
    if (fresh.length === replaced.size && fresh.every((reference) => replaced.has(referenceKey(reference)))) return { references: previous.references, fresh: [] };
    return { references: [...kept, ...fresh], fresh };
  }

  /** The ids each analysis's references could name, for the next analysis to tell which went away. */
  private readonly resolvable = new WeakMap<Analysis, { own: Map<SymbolKind, Set<string>>; lent: ReadonlySet<SymbolKind> }>();

  /**
   * The references no definition resolves. After a splice, when the last analysis resolved every
   * reference and the imports lend the same ids, only the references read anew, and those of a
   * kind one of whose ids went away, are looked up: the others name ids that still exist.
   */
  private unresolvedOf(
    previous: Analysis | undefined,
    definitions: readonly Definition[],
    scope: ImportScope,
    references: readonly Reference[],
    fresh: readonly Reference[] | undefined,
    lent: ReadonlySet<SymbolKind>,
  ): { unresolved: readonly Reference[]; resolvable: { own: Map<SymbolKind, Set<string>>; lent: ReadonlySet<SymbolKind> } } {
    const own = idsByKind(definitions);
    const resolves = (reference: Reference) => own.get(reference.kind)?.has(reference.id) === true || (lent.has(reference.kind) && scope.firstOfKind(reference.kind, reference.id) !== undefined);
    const before = previous && this.resolvable.get(previous);
    let unresolved: readonly Reference[];
    // The imports' ids are the same while their scope is: then only this file's can have gone.
    if (!previous || !before || !fresh || previous.unresolved.length > 0 || previous.imports.scope !== scope || before.lent !== lent) {
      unresolved = references.filter((reference) => !resolves(reference));
    } else {
      const goneKinds = new Set<SymbolKind>();
      for (const [kind, ids] of before.own) {
        const still = own.get(kind);
        for (const id of ids) {
          if (still?.has(id)) continue;
          goneKinds.add(kind);
          break;
        }
      }
      const freshOnes = new Set(fresh);
      unresolved = (goneKinds.size === 0 ? fresh : references.filter((reference) => freshOnes.has(reference) || goneKinds.has(reference.kind))).filter((reference) => !resolves(reference));
      if (unresolved.length === 0) unresolved = previous.unresolved;
    }
    return { unresolved, resolvable: { own, lent } };
  }

  /** When a parse changed some values of the parse an earlier analysis used, only those values are validated again. */
  private validateChange(previous: Analysis | undefined, parsed: ParsedDocument): SchemaResult | undefined {
    const derived = parsed.derivedFrom;
    if (!previous || !derived || previous.parsed.serial !== derived.serial) return undefined;
    // Items added or removed in a list: the new ones alone are validated, and what was found after them moves.
    const moved = derived.moved && revalidateMoved(previous.schema, derived.moved, parsed.data, previous.schemaRoot);
    if (moved) return moved;
    let result: SchemaResult | undefined = previous.schema;
    for (const path of derived.paths) result = result && revalidate(result, path, valueAt(parsed.data, path), previous.schemaRoot);
    return result;
  }

  /**
   * The one finding of a file that is not text, or too large to be read: at its start, and nothing
   * else. The doors decode files (`decodePlanFile`); a text that holds NUL bytes is caught here too.
   */
  notTextFindings(file: DecodedFile & { kind: 'notText' }, settings: Settings = {}): Diagnostic[] {
    const rule = yamlSyntaxRule;
    if (settings.rules?.[rule.id] === 'off') return [];
    const translator = translatorFor(settings.locale);
    let message: MessageRef;
    if (file.reason === 'tooLarge') {
      message = { id: ruleMessageId(rule.id, 'tooLarge'), data: { size: megabytes(file.size), limit: megabytes(maxTextLength) } };
    } else {
      const messageId = file.reason === 'binary' ? 'binary' : file.encoding ? 'likelyEncoding' : 'encoding';
      // An encoding by the name VS Code's menu gives it, where the catalogue has one.
      const encoding = file.reason === 'encoding' && file.encoding ? (translator.has(`encoding.${file.encoding}`) ? { id: `encoding.${file.encoding}` } : file.encoding) : undefined;
      message = { id: ruleMessageId(rule.id, messageId), data: encoding ? { encoding } : undefined };
    }
    const severity = configuredSeverity(settings, rule.id) ?? rule.defaultSeverity;
    const start = { line: 0, character: 0 };
    return [
      {
        range: { start, end: start },
        severity: severityByName[severity],
        code: rule.id,
        source: 'mktplan',
        message: translator.sentence(message),
        codeDescription: { href: rulePage(rule.id, translator.locale) },
        data: { ruleId: rule.id, messageId: message.id, path: [], facts: { ...file } },
      },
    ];
  }

  async check(file: string, text: string, editorSettings: Settings = {}): Promise<Diagnostic[]> {
    const { settings, ignored } = await this.settingsOf(file, editorSettings);
    if (ignored) return [];
    if (text.includes('\u0000')) return this.notTextFindings({ kind: 'notText', reason: 'binary' }, settings);
    const analysis = await this.analyze(file, text);
    const entry = this.analyses.get(file);
    const translator = translatorFor(settings.locale);
    // The words depend on the locale, the severities on the rule settings.
    const key = findingsKey(translator, settings);
    if (entry?.analysis === analysis && entry.diagnostics?.key === key) return entry.diagnostics.list;
    const list = this.runRules(analysis, text, settings, translator, entry?.analysis === analysis ? entry : undefined);
    if (entry?.analysis === analysis) entry.diagnostics = { key, list };
    return list;
  }

  /** Hover: the definition first, then the findings there, unless the editor lists them itself (`findings: false`). */
  async hover(file: string, text: string, position: Position, settings: Settings = {}, options: { findings?: boolean } = {}): Promise<Hover | undefined> {
    const analysis = await this.analyze(file, text);
    const findings = options.findings === false ? [] : await this.check(file, text, settings);
    return hoverAt(analysis, this.cache, position, findings, translatorFor(settings.locale));
  }

  /** Completion; `snippets: false` leaves section snippets to an editor that has its own copy of them. */
  async complete(file: string, text: string, position: Position, options: { snippets?: boolean; locale?: string } = {}): Promise<CompletionItem[]> {
    const analysis = await this.analyze(file, text);
    const items = await complete(
      analysis,
      this.cache,
      position,
      (data) => this.graph.resolve(file, data),
      this.lastClean.get(file),
      translatorFor(options.locale),
      this.workspace.now().getFullYear(),
    );
    return options.snippets === false ? items.filter((item) => item.kind !== CompletionKind.Snippet) : items;
  }

  /** The text of a file as the workspace has it (the editor's, where it is open), analysed. */
  private async analysisOf(file: string): Promise<Analysis | undefined> {
    const read = await this.workspace.read(file);
    return read.kind === 'ok' ? this.analyze(file, read.text) : undefined;
  }

  /** Every plan of the workspace that its configuration does not ignore, each analysed once, so that the import graph is whole. */
  async indexWorkspace(): Promise<string[]> {
    const plans: string[] = [];
    for (const file of await this.listPlans()) {
      if (await this.isIgnored(file)) continue;
      plans.push(file);
      if (!this.dependencies.has(file)) await this.analysisOf(file);
    }
    return plans;
  }

  /** Where the id under the cursor is defined: in this file, or in a file it imports. */
  async definition(file: string, text: string, position: Position): Promise<FileRange[]> {
    const analysis = await this.analyze(file, text);
    const at = idAt(analysis, position);
    if (!at) return [];
    const definition = resolveId(analysis, at.id, at.kind);
    return definition ? this.definitionRange(definition).then((range) => (range ? [range] : [])) : [];
  }

  private async definitionRange(definition: Definition): Promise<FileRange | undefined> {
    const analysis = await this.analysisOf(definition.file);
    return analysis && { file: definition.file, range: idRange(analysis.parsed, [...definition.itemPath, 'id']) };
  }

  /** The definition the id under the cursor names, and every file that can refer to it: its own, and those importing it. */
  private async symbolAt(file: string, text: string, position: Position): Promise<{ definition: Definition; files: string[] } | undefined> {
    const analysis = await this.analyze(file, text);
    const at = idAt(analysis, position);
    const definition = at && resolveId(analysis, at.id, at.kind);
    if (!definition) return undefined;
    // Imports lend some kinds only: the others are seen in their own file alone.
    if (!lendableKinds.has(definition.kind)) return { definition, files: [definition.file] };
    await this.indexWorkspace();
    return { definition, files: [definition.file, ...this.dependentsOf(definition.file)] };
  }

  /** Every reference to the id under the cursor, across the workspace, with its definition when asked for. */
  async references(file: string, text: string, position: Position, includeDeclaration: boolean): Promise<FileRange[]> {
    const symbol = await this.symbolAt(file, text, position);
    if (!symbol) return [];
    const found: FileRange[] = [];
    if (includeDeclaration) {
      const declaration = await this.definitionRange(symbol.definition);
      if (declaration) found.push(declaration);
    }
    for (const other of symbol.files) {
      const analysis = other === file ? await this.analyze(file, text) : await this.analysisOf(other);
      if (analysis) for (const range of referencesIn(analysis, symbol.definition)) found.push({ file: other, range });
    }
    return found;
  }

  /** The id under the cursor in this file: its definition (written) and its references (read). */
  async highlights(file: string, text: string, position: Position): Promise<Array<{ range: Range; kind: 'read' | 'write' }>> {
    const analysis = await this.analyze(file, text);
    const at = idAt(analysis, position);
    const definition = at && resolveId(analysis, at.id, at.kind);
    if (!definition) return [];
    const reads = referencesIn(analysis, definition).map((range) => ({ range, kind: 'read' as const }));
    return definition.file === file ? [{ range: idRange(analysis.parsed, [...definition.itemPath, 'id']), kind: 'write' }, ...reads] : reads;
  }

  /** The id under the cursor, when it can be renamed: one that names something defined. */
  async prepareRename(file: string, text: string, position: Position): Promise<{ range: Range; placeholder: string } | undefined> {
    const analysis = await this.analyze(file, text);
    const at = idAt(analysis, position);
    if (!at || !resolveId(analysis, at.id, at.kind)) return undefined;
    return { range: analysis.parsed.rangeOf(at.offsets[0], at.offsets[1]), placeholder: at.id };
  }

  /**
   * Renames the id under the cursor in its definition and in every reference to it, in every
   * file of the workspace that sees it; or says why it cannot (the new id is not valid, or it is
   * taken in a file that sees the old one).
   */
  async rename(file: string, text: string, position: Position, newId: string, locale?: string): Promise<{ edits: Map<string, Array<{ range: Range; newText: string }>> } | { refused: string }> {
    const translator = translatorFor(locale);
    if (newId.length > maxIdLength) return { refused: translator.t('rename.tooLong', { limit: maxIdLength, length: newId.length }) };
    const symbol = await this.symbolAt(file, text, position);
    if (!symbol) return { refused: translator.t('rename.notAnId') };
    const { definition } = symbol;
    const taken = new Set<string>();
    const analyses: Analysis[] = [];
    for (const other of symbol.files) {
      const analysis = other === file ? await this.analyze(file, text) : await this.analysisOf(other);
      if (!analysis) continue;
      analyses.push(analysis);
      for (const seen of [...analysis.definitions, ...analysis.imports.scope.definitions()]) taken.add(seen.id);
    }
    if (newId === definition.id) return { edits: new Map() };
    const unparsed = await this.unparsedNaming(definition, analyses);
    if (unparsed) return { refused: translator.t('rename.unparsed', { file: displayName(unparsed), id: definition.id }) };
    const problem = renameProblem(newId, taken);
    if (problem === 'invalid') return { refused: translator.t('rename.invalid', { id: newId }) };
    if (problem === 'taken') return { refused: translator.t('rename.taken', { id: newId }) };
    const renamed = renameEdits(analyses, definition, newId);
    return 'refused' in renamed ? { refused: translator.sentence(renamed.refused) } : renamed;
  }

  /**
   * A file a rename would leave as it is though it may name the id: one that sees it, or for an
   * id that imports lend any plan of the workspace, whose YAML does not parse (its imports and
   * references cannot be read) and whose text holds the id as a word.
   */
  private async unparsedNaming(definition: Definition, seeing: readonly Analysis[]): Promise<string | undefined> {
    const candidates = lendableKinds.has(definition.kind) ? await this.indexWorkspace() : [];
    const analyses = [...seeing];
    for (const file of candidates) {
      if (seeing.some((analysis) => analysis.file === file)) continue;
      const analysis = await this.analysisOf(file);
      if (analysis) analyses.push(analysis);
    }
    return analyses.find(({ parsed }) => parsed.errors.length > 0 && holdsWord(parsed.text, definition.id))?.file;
  }

  /** A link on each `imports` entry to the file it names. */
  async documentLinks(file: string, text: string): Promise<Array<{ range: Range; target: string }>> {
    return importLinks(await this.analyze(file, text));
  }

  /** Every named item of every plan of the workspace that a query finds, by id or by name, diacritics or not. */
  async workspaceSymbols(query: string): Promise<Array<{ name: string; detail: string; kind: SymbolKind; location: FileRange }>> {
    const found: Array<{ name: string; detail: string; kind: SymbolKind; location: FileRange }> = [];
    const matches = queryMatcher(query);
    for (const file of await this.indexWorkspace()) {
      const analysis = await this.analysisOf(file);
      if (!analysis) continue;
      for (const definition of analysis.definitions) {
        if (!matches(definition)) continue;
        found.push({
          name: definition.name ? `${definition.name} (${definition.id})` : definition.id,
          detail: displayName(file),
          kind: definition.kind,
          location: { file, range: idRange(analysis.parsed, [...definition.itemPath, 'id']) },
        });
      }
    }
    return found;
  }

  /** What the fixes of a file read besides its analysis: defaults, fresh ids, renames across the workspace, whether the client takes snippets. */
  private fixContext(analysis: Analysis, translator: Translator, snippets: boolean) {
    const freeId = freeIdFrom(new Set([...analysis.definitions, ...analysis.imports.scope.definitions()].map((definition) => definition.id)));
    return {
      year: yearOf(analysis, this.workspace.now()),
      freeId,
      defaultFor: defaultsFor(analysis, freeId, translator, this.workspace.now()),
      snippets,
      placeholder: placeholdersFor(translator),
      analysisOf: (file: string) => this.analysisOf(file),
      renameEverywhere: async (itemPath: readonly (string | number)[], newId: string): Promise<FixEdit[]> => {
        const position = idRange(analysis.parsed, [...itemPath, 'id']).start;
        const renamed = await this.rename(analysis.file, analysis.parsed.text, position, newId);
        if (!('edits' in renamed)) return [];
        return [...renamed.edits].flatMap(([file, edits]) => edits.map((edit) => ({ file, range: edit.range, text: edit.newText })));
      },
    };
  }

  /**
   * The quick fixes of the findings that touch a range, and the silencing of each, worded for the
   * reader. With `snippets` (a client that takes snippet edits) a fix may leave values the plan does
   * not imply for the user to type; without, such a fix is not offered.
   */
  async codeActions(
    file: string,
    text: string,
    range: Range,
    settings: Settings = {},
    { snippets = false }: { snippets?: boolean } = {},
  ): Promise<Array<{ title: string; kind: 'quickfix'; isPreferred?: boolean; diagnostic: Diagnostic; edits: FixEdit[] }>> {
    const diagnostics = await this.check(file, text, settings);
    const analysis = await this.analyze(file, text);
    const translator = translatorFor(settings.locale);
    const actions = await actionsFor(analysis, diagnostics, range, this.fixContext(analysis, translator, snippets));
    return actions.map(({ title, kind, isPreferred, diagnostic, edits }) => ({ title: translator.sentence(title), kind, isPreferred, diagnostic, edits }));
  }

  /**
   * A file's text with every safe fix applied (a key or value typo with one close match, a
   * number or date written as text, a `\\` in an import), as `source.fixAll` and `--fix` do;
   * undefined for a file whose YAML does not parse, which is never touched.
   */
  async fixAll(file: string, text: string, settings: Settings = {}): Promise<{ text: string; applied: number; edits: FixEdit[] } | undefined> {
    const analysis = await this.analyze(file, text);
    if (analysis.parsed.errors.length > 0) return undefined;
    const diagnostics = await this.check(file, text, settings);
    const context = this.fixContext(analysis, translatorFor(settings.locale), false);
    const edits: FixEdit[] = [];
    for (const diagnostic of diagnostics) {
      const rule = rulesById.get(diagnostic.code);
      if (!rule?.fix) continue;
      for (const proposal of await rule.fix({ ...analysis, ...context, finding: diagnostic.data })) {
        if (proposal.safe && proposal.edits.every((edit) => edit.file === file)) for (const edit of proposal.edits) edits.push(edit);
      }
    }
    return applySafe(text, (position) => analysis.parsed.offsetAt(position), edits);
  }

  /** The figures shown at the ends of lines: budget left, campaign length and share, KPI change from its baseline; with actuals, what was spent and achieved. */
  async insights(file: string, text: string, locale?: string): Promise<Array<{ position: Position; label: string }>> {
    const translator = translatorFor(locale);
    const analysis = await this.analyze(file, text);
    const measuring = analysis.model.hasPlan && analysis.parsed.errors.length === 0 ? await this.measuringAnalysis(file, analysis) : undefined;
    return insightsOf(analysis, measuring?.actuals).map(({ position, label }) => ({ position, label: translator.render(label) }));
  }

  /**
   * The analysis of the file whose actuals a plan's views read: for a file with actuals and no
   * plan, its own; for a plan (plan-format.md), of the workspace's files whose `actuals` resolve
   * to it (its own, or files that import it), the one with the latest `asOf`, then the first by path.
   */
  async measuringAnalysis(file: string, analysis: Analysis): Promise<Analysis | undefined> {
    if (!analysis.model.hasPlan) return analysis.actuals && analysis;
    const candidates: Analysis[] = [];
    if (analysis.actuals?.plan?.file === file) candidates.push(analysis);
    // Actuals that measure a plan import it: of the workspace, once indexed, only the files that import this one are read.
    await this.indexWorkspace();
    for (const other of this.dependentsOf(file)) {
      const candidate = await this.analysisOf(other);
      if (candidate?.actuals?.plan?.file === file) candidates.push(candidate);
    }
    const asOf = (candidate: Analysis) => candidate.actuals?.asOf?.day ?? -Infinity;
    candidates.sort((a, b) => asOf(b) - asOf(a) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return candidates[0];
  }

  /** The analyses of the files a file imports, in import order, as this engine's host has them. */
  private async importedAnalyses(analysis: Analysis): Promise<Analysis[]> {
    const imported: Analysis[] = [];
    for (const dependency of analysis.imports.scope.files()) {
      const other = await this.analysisOf(dependency.file);
      if (other) imported.push(other);
    }
    return imported;
  }

  /**
   * What a person reads of a plan (the preview's and the report's panels): the file with the
   * files it imports, its findings, and `today` (a `YYYY-MM-DD` date) for the timeline.
   */
  async view(file: string, text: string, today: string, settings: Settings = {}): Promise<PlanView> {
    const analysis = await this.analyze(file, text);
    const findings = await this.check(file, text, settings);
    const imported = await this.importedAnalyses(analysis);
    const measuring = await this.measuringAnalysis(file, analysis);
    const actuals = measuring && { analysis: measuring, findings: measuring === analysis ? findings : await this.check(measuring.file, measuring.parsed.text, settings) };
    return planView(analysis, imported, findings, today, actuals);
  }

  /**
   * One version of a plan as \`comparePlanVersions\` reads it: its analysis, those of the files it
   * imports as this engine's host has them (at this version's revision), and its findings.
   */
  async diffSide(file: string, text: string, settings: Settings = {}): Promise<DiffSide> {
    const analysis = await this.analyze(file, text);
    const findings = await this.check(file, text, settings);
    return { file, analysis, imported: await this.importedAnalyses(analysis), findings };
  }

  symbols(file: string, text: string, locale?: string): DocumentSymbol[] {
    return outline(this.parse(file, text), translatorFor(locale));
  }

  folding(file: string, text: string): FoldingRange[] {
    return foldingRanges(this.parse(file, text));
  }

  private runRules(analysis: Analysis, text: string, settings: Settings, translator: Translator, entry?: CacheEntry): Diagnostic[] {
    const { parsed } = analysis;
    const parses = parsed.errors.length === 0;
    // Each rule's findings as a list of its own: a rule may report more findings than a call's arguments can hold.
    const findingsByRule: Finding[][] = [];
    // A file that does not parse gets its syntax findings only; a configuration file its schema's.
    const active = !parses ? [yamlSyntaxRule] : analysis.schemaRoot === configSchemaRoot ? [schemaRule, yamlSyntaxRule] : rules;
    const remembered = entry && (entry.ruleFindings ??= new Map());
    // One context for all the rules, reporting to the rule that runs: a copy of the analysis for each would be a rule's worth of garbage.
    let rule: Rule = active[0];
    let own: Finding[] = [];
    const context: RuleContext = {
      ...analysis,
      report: ({ place, message, data, facts }) => own.push({ rule, place, message: { id: ruleMessageId(rule.id, message), data }, facts }),
      reportMessage: (place, message, facts) => own.push({ rule, place, message, facts }),
    };
    for (rule of active) {
      if (settings.rules?.[rule.id] === 'off') continue;
      const reads = rule.reads?.(analysis);
      const before = reads && remembered?.get(rule.id);
      if (reads && before && reads.length === before.reads.length && reads.every((value, index) => value === before.reads[index])) {
        findingsByRule.push(before.findings);
        continue;
      }
      own = [];
      rule.check(context);
      if (reads) remembered?.set(rule.id, { reads, findings: own });
      findingsByRule.push(own);
    }

    const suppressions = readSuppressions(text, () => parsed.yaml);
    // Every place lies in the parse: none is missing.
    return diagnosticsOf(findingsByRule.flat(), (place) => placeRange(parsed, place), suppressions, settings, translator, parses)!.sort(compareDiagnostics);
  }
}

/**
 * The diagnostics of findings, placed by `rangeOf`, but for those a comment silences; none
 * when one of them has no place there.
 */
function diagnosticsOf(findings: readonly Finding[], rangeOf: (place: Place) => Range | undefined, suppressions: Suppressions, settings: Settings, translator: Translator, parses: boolean): Diagnostic[] | undefined {
  const diagnostics: Diagnostic[] = [];
  for (const { rule, place, message, facts } of findings) {
    const range = rangeOf(place);
    if (!range) return undefined;
    if (isSuppressed(suppressions, rule.id, range.start.line)) continue;
    const setting = configuredSeverity(settings, rule.id);
    // Parser warnings (an unknown tag, say) do not stop the other rules, and are warnings unless configured.
    const defaultSeverity = rule === yamlSyntaxRule && parses ? 'warning' : rule.defaultSeverity;
    diagnostics.push({
      range,
      severity: severityByName[setting ?? defaultSeverity],
      code: rule.id,
      source: 'mktplan',
      message: translator.sentence(message),
      codeDescription: { href: rulePage(rule.id, translator.locale) },
      ...(rule.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
      data: { ruleId: rule.id, messageId: message.id, path: place.on === 'offsets' ? [] : [...place.path], ...(facts ? { facts } : {}) },
    });
  }
  return diagnostics;
}

/** One version of a plan to compare: its file, its text, and an engine whose host reads its imports at that version's revision. */
export interface PlanVersion {
  engine: Engine;
  file: string;
  text: string;
}

/**
 * Two versions of a plan compared by meaning (\`features/diff.ts\`); an absent version is a plan
 * added or removed. \`settings\` (the rule severities, the locale of the findings' messages) apply
 * to both, over what each version's configuration sets. A version whose YAML does not parse is
 * named in \`unparsed\` and nothing is compared.
 */
export async function comparePlanVersions(
  before: PlanVersion | undefined,
  after: PlanVersion | undefined,
  settings: Settings = {},
): Promise<PlanDiff | { unparsed: Array<'before' | 'after'> }> {
  const [old, now] = [before && (await before.engine.diffSide(before.file, before.text, settings)), after && (await after.engine.diffSide(after.file, after.text, settings))];
  const unparsed = ([['before', old], ['after', now]] as const).filter(([, side]) => side && side.analysis.parsed.errors.length > 0).map(([name]) => name);
  if (unparsed.length > 0) return { unparsed: [...unparsed] };
  return comparePlans(old, now);
}
