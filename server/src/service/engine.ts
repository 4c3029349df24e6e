import { anchorOffsets, type Anchor } from './anchors';
import { resolveImports } from './imports';
import { ParseCache, type ParsedDocument } from './parse';
import { PlanReader } from './reader';
import { rulePage, rules, type Rule, type RuleContext } from './rules';
import { yamlSyntaxRule } from './rules/yamlSyntax';
import { validate } from './schema';
import { isSuppressed, readSuppressions } from './suppressions';
import { collectDefinitions, collectReferences } from './symbols';
import { severityByName, type Diagnostic, type Settings, type WorkspaceReader } from './types';

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.severity - b.severity ||
    a.code.localeCompare(b.code)
  );
}

/**
 * The checker: text in, findings out. One instance serves many files; parses are cached
 * per file and text, so the same version is parsed once whatever asks for it.
 */
export class Engine {
  readonly cache: ParseCache;

  constructor(
    private readonly workspace: WorkspaceReader,
    cache?: ParseCache,
  ) {
    this.cache = cache ?? new ParseCache();
  }

  parse(file: string, text: string): ParsedDocument {
    return this.cache.get(file, text);
  }

  async check(file: string, text: string, settings: Settings = {}): Promise<Diagnostic[]> {
    const parsed = this.parse(file, text);
    const parses = parsed.errors.length === 0;
    const schema = validate(parses ? parsed.data : {});
    const read = new PlanReader(parsed.data, schema.invalidPointers);
    const imports = parses ? await resolveImports(file, parsed.data, this.workspace, this.cache) : { files: [], problems: [] };
    const context: Omit<RuleContext, 'report'> = {
      file,
      parsed,
      read,
      schema,
      definitions: parses ? collectDefinitions(read, file) : [],
      importedDefinitions: imports.files.flatMap((imported) => imported.definitions),
      references: parses ? collectReferences(read) : [],
      imports,
    };

    const findings: Array<{ rule: Rule; anchor: Anchor; message: string }> = [];
    // A file that does not parse gets its syntax findings only.
    for (const rule of parses ? rules : [yamlSyntaxRule]) {
      if (settings.rules?.[rule.id] === 'off') continue;
      rule.check({ ...context, report: (anchor, message) => findings.push({ rule, anchor, message }) });
    }

    const suppressions = readSuppressions(text, parsed.yaml);
    const diagnostics: Diagnostic[] = [];
    for (const { rule, anchor, message } of findings) {
      const [start, end] = anchorOffsets(parsed, anchor);
      const range = parsed.rangeOf(start, end);
      if (isSuppressed(suppressions, rule.id, range.start.line)) continue;
      const setting = settings.rules?.[rule.id];
      // Parser warnings (an unknown tag, say) do not stop the other rules, and are warnings unless configured.
      const defaultSeverity = rule === yamlSyntaxRule && parses ? 'warning' : rule.defaultSeverity;
      diagnostics.push({
        range,
        severity: severityByName[setting && setting !== 'off' ? setting : defaultSeverity],
        code: rule.id,
        source: 'mktplan',
        message,
        codeDescription: { href: rulePage(rule.id) },
      });
    }
    return diagnostics.sort(compareDiagnostics);
  }
}
