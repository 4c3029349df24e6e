import type { Analysis } from './engine';
import { targetAt } from './cursor';
import { definitionMarkdown, describe, enumValues, schemaAt } from './knowledge';
import { nodeOffsets, type Path } from './locate';
import type { ParseCache } from './parse';
import { rulesById } from './rules';
import { definedItem, referenceKindAt, symbolKindNames, type Definition } from './symbols';
import { severityNames, type Diagnostic, type Hover, type Position } from './types';

const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** One line per fact a reader wants about the thing an id names. */
function describeItem(definition: Definition, item: Record<string, unknown>): string[] {
  const facts: string[] = [];
  const add = (label: string, value: string | undefined) => value !== undefined && facts.push(`- ${label}: ${value}`);
  add('Name', text(item.name));
  add('Statement', text(item.statement));
  if (definition.kind === 'member' && typeof item.role === 'string') {
    const role = enumValues(schemaAt(['team', 0, 'role'])!).find((value) => value.value === item.role);
    add('Role', role ? `\`${item.role}\` (${role.title})` : `\`${item.role}\``);
  }
  if (definition.kind === 'channel') add('Type', text(item.type));
  add('Metric', text(item.metric));
  const target = text(item.target);
  if (target !== undefined) add('Target', [target, text(item.unit)].filter(Boolean).join(' '));
  add('Baseline', text(item.baseline));
  add('Direction', text(item.direction));
  add('Frequency', text(item.frequency));
  add('Due', text(item.due));
  if (item.start !== undefined || item.end !== undefined) add('Dates', `${text(item.start) ?? '?'} to ${text(item.end) ?? '?'}`);
  add('Budget', text(item.budget));
  add('Description', text(item.description));
  return facts;
}

function referenceMarkdown(analysis: Analysis, cache: ParseCache, path: Path, id: string): string {
  const kind = referenceKindAt(path)!;
  const found = [...analysis.definitions, ...analysis.importedDefinitions].find((definition) => definition.id === id && definition.kind === kind);
  if (!found) return `No ${symbolKindNames[kind]} has the id \`${id}\`.`;
  const item = definedItem(found, (file) => (file === analysis.file ? analysis.parsed.data : cache.peek(file)?.data));
  const where = found.file === analysis.file ? '' : ` (from \`${found.file.split(/[\\/]/).pop()}\`)`;
  const name = symbolKindNames[kind].charAt(0).toUpperCase() + symbolKindNames[kind].slice(1);
  return [`**${name} \`${id}\`**${where}`, ...(item ? describeItem(found, item) : [])].join('\n');
}

function findingsMarkdown(diagnostics: Diagnostic[], position: Position): string | undefined {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const here = diagnostics.filter((diagnostic) => before(diagnostic.range.start, position) && before(position, diagnostic.range.end));
  if (here.length === 0) return undefined;
  return here
    .map((diagnostic) => {
      const rule = rulesById.get(diagnostic.code);
      return `**${severityNames[diagnostic.severity]} \`${diagnostic.code}\`**: ${rule?.summary ?? ''} [About this rule](${diagnostic.codeDescription.href})`;
    })
    .join('\n\n');
}

/** Hover: the definition of the key or value under the cursor, what an id points at, and the findings there. */
export function hoverAt(analysis: Analysis, cache: ParseCache, position: Position, diagnostics: Diagnostic[]): Hover | undefined {
  const { parsed } = analysis;
  const offset = parsed.offsetAt(position);
  const target = targetAt(parsed.yaml, offset);
  const sections: string[] = [];
  let range: [number, number] | undefined;
  if (target) {
    range = target.node ? nodeOffsets(target.node) : undefined;
    const schema = schemaAt(target.path);
    const value = target.on === 'value' && target.node && 'value' in target.node ? (target.node as { value: unknown }).value : undefined;
    const property = schema ? describe(schema) : undefined;
    if (target.on === 'value' && typeof value === 'string' && referenceKindAt(target.path)) {
      sections.push(referenceMarkdown(analysis, cache, target.path, value));
    } else if (target.on === 'value' && schema && value !== undefined) {
      const choice = enumValues(schema).find((option) => option.value === String(value));
      if (choice) sections.push(definitionMarkdown(choice, `\`${choice.value}\`: ${choice.title}`));
      else if (property && typeof value !== 'object') sections.push(definitionMarkdown(property));
    } else if (property && target.on === 'key') {
      sections.push(definitionMarkdown(property));
    }
  }
  const findings = findingsMarkdown(diagnostics, position);
  if (findings) sections.push(findings);
  if (sections.length === 0) return undefined;
  return {
    contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') },
    range: range && range[1] > range[0] ? parsed.rangeOf(range[0], range[1]) : undefined,
  };
}
