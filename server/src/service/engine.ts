import { anchorOffsets, type Anchor } from './anchors';
import { complete } from './completion';
import { hoverAt } from './hover';
import { resolveImports, type ImportResult } from './imports';
import { ParseCache, type ParsedDocument } from './parse';
import { PlanReader, valueAt } from './reader';
import { rulePage, rules, type Rule, type RuleContext } from './rules';
import { yamlSyntaxRule } from './rules/yamlSyntax';
import { revalidate, validate, type SchemaResult } from './schema';
import { isSuppressed, readSuppressions } from './suppressions';
import { collectDefinitions, collectReferences, type Reference } from './symbols';
import type { Path } from './locate';
import { outline, foldingRanges } from './outline';
import {
  CompletionKind,
  severityByName,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
  type Settings,
  type SeverityName,
  type WorkspaceReader,
} from './types';

/** Everything the features need about one version of one file, computed once. */
export type Analysis = Omit<RuleContext, 'report'> & { imports: ImportResult };

interface CacheEntry {
  text: string;
  analysis: Analysis;
  diagnostics?: { settings: string; list: Diagnostic[] };
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

/**
 * The checker: text in, findings and answers out. One instance serves many files; each
 * text version is parsed and analysed once, and every feature reads that analysis.
 */
export class Engine {
  readonly cache: ParseCache;
  private readonly analyses = new Map<string, CacheEntry>();
  /** The last analysis of each file whose text parsed, for completion while a line is half-typed. */
  private readonly lastClean = new Map<string, Analysis>();

  constructor(
    private readonly workspace: WorkspaceReader,
    cache?: ParseCache,
  ) {
    this.cache = cache ?? new ParseCache();
  }

  parse(file: string, text: string): ParsedDocument {
    return this.cache.get(file, text);
  }

  /**
   * A file changed: drops the analyses of the files that import it. The file's own parse is
   * kept, so that its next text can be parsed by reparsing only what changed.
   */
  forget(file: string): void {
    for (const [key, entry] of this.analyses) {
      if (entry.analysis.imports.dependencies.includes(file)) this.analyses.delete(key);
    }
    for (const [key, analysis] of this.lastClean) {
      if (analysis.imports.dependencies.includes(file)) this.lastClean.delete(key);
    }
  }

  /** A file is closed: lets go of its parse and analyses, which would otherwise keep the heap large and the collector busy. */
  release(file: string): void {
    this.analyses.delete(file);
    this.lastClean.delete(file);
    this.cache.delete(file);
  }

  /** The files a file's imports lead to, directly or not, read or not, as of its last analysis. */
  dependenciesOf(file: string): string[] {
    return this.analyses.get(file)?.analysis.imports.dependencies ?? [];
  }

  async analyze(file: string, text: string): Promise<Analysis> {
    const cached = this.analyses.get(file);
    // A parse is reused by the next one of the same file: an analysis is current only with its parse.
    if (cached && cached.text === text && cached.analysis.parsed === this.cache.peek(file)) return cached.analysis;
    const parsed = this.parse(file, text);
    const parses = parsed.errors.length === 0;
    const schema = this.validateChange(cached?.analysis, parsed) ?? validate(parses ? parsed.data : {});
    const read = new PlanReader(parsed.data, schema.invalidPointers);
    const imports = parses ? await resolveImports(file, parsed.data, this.workspace, this.cache) : { files: [], problems: [], dependencies: [] };
    const analysis: Analysis = {
      file,
      parsed,
      read,
      schema,
      definitions: parses ? collectDefinitions(read, file) : [],
      importedDefinitions: imports.files.flatMap((imported) => imported.definitions),
      references: parses ? this.referencesOf(cached?.analysis, parsed, read) : [],
      imports,
    };
    this.analyses.delete(file);
    this.analyses.set(file, { text, analysis });
    if (parses) this.lastClean.set(file, analysis);
    // Keep as many analyses as parses: the open documents and what they import.
    if (this.analyses.size > 64) this.analyses.delete(this.analyses.keys().next().value as string);
    return analysis;
  }

  /** When a parse changed one value of the parse an earlier analysis used, only that value's references are read again. */
  private referencesOf(previous: Analysis | undefined, parsed: ParsedDocument, read: PlanReader): Reference[] {
    const derived = parsed.derivedFrom;
    if (!previous || !derived || previous.parsed.serial !== derived.serial || previous.parsed.errors.length > 0) return collectReferences(read);
    const changed = derived.path;
    const outside = (path: Path) => changed.some((segment, index) => path[index] !== segment);
    return [...previous.references.filter((reference) => outside(reference.path)), ...collectReferences(read, changed)];
  }

  /** When a parse changed one value of the parse an earlier analysis used, only that value is validated again. */
  private validateChange(previous: Analysis | undefined, parsed: ParsedDocument): SchemaResult | undefined {
    const derived = parsed.derivedFrom;
    if (!previous || !derived || previous.parsed.serial !== derived.serial) return undefined;
    return revalidate(previous.schema, derived.path, valueAt(parsed.data, derived.path));
  }

  async check(file: string, text: string, settings: Settings = {}): Promise<Diagnostic[]> {
    const analysis = await this.analyze(file, text);
    const entry = this.analyses.get(file);
    const settingsKey = JSON.stringify(settings.rules ?? {});
    if (entry?.analysis === analysis && entry.diagnostics?.settings === settingsKey) return entry.diagnostics.list;
    const list = this.runRules(analysis, text, settings);
    if (entry?.analysis === analysis) entry.diagnostics = { settings: settingsKey, list };
    return list;
  }

  async hover(file: string, text: string, position: Position, settings: Settings = {}): Promise<Hover | undefined> {
    const analysis = await this.analyze(file, text);
    return hoverAt(analysis, this.cache, position, await this.check(file, text, settings));
  }

  /** Completion; `snippets: false` leaves section snippets to an editor that has its own copy of them. */
  async complete(file: string, text: string, position: Position, options: { snippets?: boolean } = {}): Promise<CompletionItem[]> {
    const analysis = await this.analyze(file, text);
    const items = await complete(analysis, this.cache, position, (data) => resolveImports(file, data, this.workspace, this.cache), this.lastClean.get(file));
    return options.snippets === false ? items.filter((item) => item.kind !== CompletionKind.Snippet) : items;
  }

  symbols(file: string, text: string): DocumentSymbol[] {
    return outline(this.parse(file, text));
  }

  folding(file: string, text: string): FoldingRange[] {
    return foldingRanges(this.parse(file, text));
  }

  private runRules(analysis: Analysis, text: string, settings: Settings): Diagnostic[] {
    const { parsed } = analysis;
    const parses = parsed.errors.length === 0;
    const findings: Array<{ rule: Rule; anchor: Anchor; message: string }> = [];
    // A file that does not parse gets its syntax findings only.
    for (const rule of parses ? rules : [yamlSyntaxRule]) {
      if (settings.rules?.[rule.id] === 'off') continue;
      rule.check({ ...analysis, report: (anchor, message) => findings.push({ rule, anchor, message }) });
    }

    const suppressions = readSuppressions(text, parsed.yaml);
    const diagnostics: Diagnostic[] = [];
    for (const { rule, anchor, message } of findings) {
      const [start, end] = anchorOffsets(parsed, anchor);
      const range = parsed.rangeOf(start, end);
      if (isSuppressed(suppressions, rule.id, range.start.line)) continue;
      const configured = settings.rules?.[rule.id];
      // A setting that names no severity (a typo in the user's settings) leaves the default.
      const setting = configured && Object.prototype.hasOwnProperty.call(severityByName, configured) ? (configured as SeverityName) : undefined;
      // Parser warnings (an unknown tag, say) do not stop the other rules, and are warnings unless configured.
      const defaultSeverity = rule === yamlSyntaxRule && parses ? 'warning' : rule.defaultSeverity;
      diagnostics.push({
        range,
        severity: severityByName[setting ?? defaultSeverity],
        code: rule.id,
        source: 'mktplan',
        message,
        codeDescription: { href: rulePage(rule.id) },
      });
    }
    return diagnostics.sort(compareDiagnostics);
  }
}
