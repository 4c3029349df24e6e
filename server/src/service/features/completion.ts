import { isScalar, parseDocument, type Document } from 'yaml';
import { localizedSnippetBody, type SnippetDefinition } from '../i18n/snippets';
import snippetFile from '../../../../snippets/mktplan.json';
import { targetAt } from '../document/cursor';
import { isPlainObject, valueAt } from '../document/data';
import { reparseBlock } from '../document/incremental';
import { toData, type ParseCache, type ParsedDocument } from '../document/parse';
import { samePath, type Path } from '../document/paths';
import { maxNestingDepth, yamlOptions } from '../document/options';
import { forEachNode } from '../document/walk';
import type { Translator } from '../i18n/translator';
import type { Analysis } from '../model/analysis';
import { collectDefinitions, definedItem, kindsLentTo, kindName, referenceKindAt, type Definition } from '../model/ids';
import type { ImportResult } from '../model/imports';
import { PlanReader } from '../model/reader';
import { describe, enumValues, isList, isMap, schemaAt, type SchemaEntry } from '../schema/definitions';
import { planSchemaRoot, type SchemaRoot } from '../schema/files';
import { CompletionKind, type CompletionItem, type Position, type Range } from '../types';
import { docsMarkdown, localized } from './docs';

/** Stands in for what is being typed, so that half-typed YAML parses with the cursor in the right place. */
const placeholder = 'mktplanCursorPlaceholder';

interface Repair {
  text: string;
  /** What is being typed: a key, or a value. */
  mode: 'key' | 'value';
  /** The part already typed, which the completion replaces. */
  typed: string;
  /** Whether the cursor is inside `{...}` or `[...]`, where keys are written inline. */
  inFlow: boolean;
  /** Column where a block list item's `- ` starts, when the line is a fresh item. */
  dashColumn?: number;
  indent: number;
}

const closers: Record<string, string> = { '[': ']', '{': '}' };

/** Brackets opened and not closed in a piece of text, quotes respected. */
function openBrackets(text: string): Array<{ char: string; index: number }> {
  const stack: Array<{ char: string; index: number }> = [];
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (index === 0 || /\s/.test(text[index - 1]))) break;
    else if (char === '[' || char === '{') stack.push({ char, index });
    else if ((char === ']' || char === '}') && stack.length > 0) stack.pop();
  }
  return stack;
}

/** Rewrites the cursor's line so that the document parses with a placeholder where the user is typing. */
function repair(text: string, offset: number): Repair | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const newline = text.indexOf('\n', offset);
  const lineEnd = newline < 0 ? text.length : newline;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  const indent = before.length - before.trimStart().length;
  const rebuilt = (line: string) => text.slice(0, lineStart) + line + text.slice(lineEnd);

  const open = openBrackets(before);
  if (open.length > 0) {
    const innermost = open[open.length - 1];
    const segmentStart = Math.max(innermost.index, before.lastIndexOf(',')) + 1;
    const segment = before.slice(segmentStart);
    const closing = openBrackets(before + after).map((bracket) => closers[bracket.char]).reverse().join('');
    const keyed = /^(\s*)([\w./-]+)\s*:\s*(\S*)$/.exec(segment);
    if (innermost.char === '{' && !keyed) {
      const typed = segment.trim();
      const line = before.slice(0, before.length - typed.length) + placeholder + after + closing;
      return { text: rebuilt(line), mode: 'key', typed, inFlow: true, indent };
    }
    const typed = keyed ? keyed[3] : segment.trim();
    const line = before.slice(0, before.length - typed.length) + placeholder + after + closing;
    return { text: rebuilt(line), mode: 'value', typed, inFlow: true, indent };
  }

  if (after.trim() !== '' && !after.trimStart().startsWith('#')) return undefined;
  // Keys are words, or rule ids such as `plan/kpis-missing` in a configuration file.
  const keyLine = /^(\s*)(-\s+)?([\w./-]*)$/.exec(before);
  if (keyLine) {
    const typed = keyLine[3];
    const dashColumn = keyLine[2] ? keyLine[1].length : undefined;
    const line = before.slice(0, before.length - typed.length) + placeholder + ':';
    return { text: rebuilt(line), mode: 'key', typed, inFlow: false, dashColumn, indent: indent + (keyLine[2]?.length ?? 0) };
  }
  const valueLine = /^(\s*)(-\s+)?([\w./-]+)\s*:\s*(\S*)$/.exec(before);
  if (valueLine) {
    const typed = valueLine[4];
    const line = before.slice(0, before.length - typed.length) + placeholder;
    return { text: rebuilt(line), mode: 'value', typed, inFlow: false, indent: indent + (valueLine[2]?.length ?? 0) };
  }
  return undefined;
}

interface Placement {
  /** Data path of the placeholder in the whole repaired text. */
  path: Path;
  on: 'key' | 'value';
  /** The data of the map or list that holds the placeholder. */
  parentData: unknown;
  /** The whole repaired text's data, when it was parsed whole. */
  data?: unknown;
}

function parseRepaired(text: string): Document {
  return parseDocument(text, { ...yamlOptions, uniqueKeys: false });
}

function wholeData(text: string): unknown {
  const converted = toData(parseRepaired(text));
  return 'data' in converted ? converted.data : undefined;
}

function placeholderOffset(document: Document): number | undefined {
  let offset: number | undefined;
  forEachNode(document, (node) => {
    if (!isScalar(node) || node.value !== placeholder || !node.range) return false;
    offset = node.range[0];
    return true;
  });
  return offset;
}

/**
 * Where the placeholder stands in the repaired text. The block of the current parse that
 * holds the cursor's line is parsed alone; only when that cannot be done is the whole text.
 */
function placePlaceholder(parsed: ParsedDocument, repairedText: string): Placement | undefined {
  const reparsed = reparseBlock(parsed.yaml, parsed.text, repairedText, maxNestingDepth);
  // One entry parsed alone: its paths are those of the whole text under the entry's own.
  if (reparsed && !reparsed.block.run) {
    const offset = placeholderOffset(reparsed.document);
    const target = offset === undefined ? undefined : targetAt(reparsed.document, offset);
    const converted = toData(reparsed.document);
    if (target && 'data' in converted) {
      // The block parsed alone is a map of its one key, or a list of its one item.
      const { block } = reparsed;
      const path = [...block.path, ...target.path.slice(1)];
      return { path, on: target.on, parentData: valueAt(converted.data, target.path.slice(0, -1)) };
    }
  }
  const document = parseRepaired(repairedText);
  const offset = placeholderOffset(document);
  const target = offset === undefined ? undefined : targetAt(document, offset);
  const converted = toData(document);
  if (!target || !('data' in converted)) return undefined;
  return { path: target.path, on: target.on, parentData: valueAt(converted.data, target.path.slice(0, -1)), data: converted.data };
}

const snippets = snippetFile as Record<string, SnippetDefinition & { description: string }>;

/** A snippet as the user will see it once inserted: placeholders with their defaults, choices with their first option. */
function snippetPreview(body: string[], year: number): string {
  const variables: Record<string, string> = { CURRENT_YEAR: String(year) };
  const defaults = new Map<string, string>();
  const remember = (stop: string, value: string) => {
    if (!defaults.has(stop)) defaults.set(stop, value);
    return value;
  };
  let text = body.join('\n');
  // Placeholders nest (`${1:a ${2:b}}`): expand the innermost first until none is left.
  for (let pass = 0; pass < 10 && /\$\{/.test(text); pass++) {
    text = text
      .replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => variables[name] ?? '')
      .replace(/\$\{(\d+):([^${}]*)\}/g, (_, stop: string, value: string) => remember(stop, value))
      // A choice's first option; `\,`, `\|` and `\\` in it stand for themselves.
      .replace(/\$\{(\d+)\|((?:\\.|[^,|\\])*)(?:,(?:\\.|[^|\\])*)*\|\}/g, (_, stop: string, value: string) => remember(stop, value.replace(/\\([,|\\])/g, '$1')));
  }
  // A bare `$1` repeats what its placeholder holds.
  return text.replace(/\$(\d+)/g, (_, stop: string) => defaults.get(stop) ?? '').replace(/\$([A-Z_]+)/g, (_, name: string) => variables[name] ?? '');
}

/** Where each snippet belongs: the path of the map it is a key of, or of the list it is an item of; or a whole file. */
const snippetPlaces: Record<string, { at: Path; as: 'file' | 'key' | 'item'; key?: string }> = {
  mktplan: { at: [], as: 'file' },
  'mktplan-actuals': { at: [], as: 'file' },
  strategy: { at: [], as: 'key', key: 'strategy' },
  plan: { at: [], as: 'key', key: 'plan' },
  swot: { at: ['strategy'], as: 'key', key: 'swot' },
  valueProposition: { at: ['strategy'], as: 'key', key: 'valueProposition' },
  competition: { at: ['strategy'], as: 'key', key: 'competition' },
  brand: { at: ['strategy'], as: 'key', key: 'brand' },
  budget: { at: ['plan'], as: 'key', key: 'budget' },
  reporting: { at: ['plan'], as: 'key', key: 'reporting' },
  salesAlignment: { at: ['plan'], as: 'key', key: 'salesAlignment' },
  objective: { at: ['strategy', 'objectives'], as: 'item' },
  segment: { at: ['strategy', 'audience', 'segments'], as: 'item' },
  campaign: { at: ['plan', 'campaigns'], as: 'item' },
  kpi: { at: ['plan', 'kpis'], as: 'item' },
  milestone: { at: ['plan', 'timeline'], as: 'item' },
  channel: { at: ['plan', 'channels'], as: 'item' },
  content: { at: ['plan', 'content'], as: 'item' },
  actuals: { at: [], as: 'key', key: 'actuals' },
  spend: { at: ['actuals', 'spend'], as: 'item' },
  result: { at: ['actuals', 'results'], as: 'item' },
  source: { at: ['actuals', 'sources'], as: 'item' },
};

const withoutIndexes = (path: Path) => path.filter((segment) => typeof segment === 'string');

function snippetItems(parentPath: Path, presentKeys: Set<string>, repaired: Repair, replace: Range, lineStartRange: Range, translator: Translator, year: number): CompletionItem[] {
  const items: CompletionItem[] = [];
  const itemPath = typeof parentPath[parentPath.length - 1] === 'number' ? parentPath.slice(0, -1) : undefined;
  const isFreshItem = itemPath !== undefined && repaired.dashColumn !== undefined && presentKeys.size === 0;
  for (const snippet of Object.values(snippets)) {
    const place = snippetPlaces[snippet.prefix];
    let column: number;
    let range: Range;
    if (!place || repaired.inFlow) {
      continue;
    } else if (place.as === 'file') {
      if (parentPath.length !== 0 || presentKeys.size > 0) continue;
      [column, range] = [0, replace];
    } else if (place.as === 'key') {
      if (!samePath(withoutIndexes(parentPath), place.at) || presentKeys.has(place.key!)) continue;
      [column, range] = [repaired.indent, replace];
    } else {
      if (!isFreshItem || !samePath(withoutIndexes(itemPath!), place.at)) continue;
      // The snippet brings its own `- `: replace from the dash typed on the line.
      [column, range] = [repaired.dashColumn!, { start: { line: lineStartRange.start.line, character: repaired.dashColumn! }, end: replace.end }];
    }
    const pad = ' '.repeat(column);
    items.push({
      label: snippet.prefix,
      kind: CompletionKind.Snippet,
      detail: translator.translations.snippets[snippet.prefix]?.description ?? snippet.description,
      documentation: { kind: 'markdown', value: '```yaml\n' + snippetPreview(localizedSnippetBody(snippet, translator), year) + '\n```' },
      textEdit: { range, newText: localizedSnippetBody(snippet, translator).map((line, index) => (index === 0 ? line : pad + line)).join('\n') },
      insertTextFormat: 2,
      filterText: snippet.prefix,
      sortText: `1-${snippet.prefix}`,
    });
  }
  return items;
}

/** The text a key completion inserts: the key, and the start of its value in the shape the schema wants. */
function keyInsertText(keyPath: Path, schema: SchemaEntry, repaired: Repair, root: SchemaRoot): string {
  const name = String(keyPath[keyPath.length - 1]);
  if (repaired.inFlow) return `${name}: $0`;
  const child = ' '.repeat(repaired.indent + 2);
  if (isMap(schema)) return `${name}:\n${child}$0`;
  if (isList(schema)) {
    const item = schemaAt([...keyPath, 0], root);
    return item && isMap(item) ? `${name}:\n${child}- $0` : `${name}: [$0]`;
  }
  return `${name}: $0`;
}

function keyItems(parentPath: Path, parentData: unknown, repaired: Repair, replace: Range, translator: Translator, root: SchemaRoot): CompletionItem[] | undefined {
  const parent = schemaAt(parentPath, root);
  if (!parent || !isMap(parent)) return undefined;
  const present = new Set(isPlainObject(parentData) ? Object.keys(parentData).filter((key) => key !== placeholder) : []);
  const required = new Set(parent.resolved.required ?? []);
  return Object.keys(parent.resolved.properties ?? {})
    .filter((name) => !present.has(name))
    .map((name, index) => {
      const schema = schemaAt([...parentPath, name], root)!;
      const definition = localized(describe(schema), translator);
      return {
        label: name,
        kind: CompletionKind.Property,
        detail: required.has(name) ? translator.t('completion.required', { title: definition.title ?? name }) : (definition.title ?? name),
        documentation: { kind: 'markdown', value: docsMarkdown(definition, translator) },
        textEdit: { range: replace, newText: keyInsertText([...parentPath, name], schema, repaired, root) },
        insertTextFormat: 2,
        sortText: `0-${required.has(name) ? 0 : 1}-${String(index).padStart(3, '0')}`,
      } satisfies CompletionItem;
    });
}

/** The ids a reference may name: those of the text as repaired, and those its imports lend. */
interface Ids {
  file: string;
  data: unknown;
  definitions: Definition[];
}

function valueItems(ids: Ids, cache: ParseCache, path: Path, replace: Range, translator: Translator, root: SchemaRoot): CompletionItem[] {
  const kind = referenceKindAt(path) ?? referenceKindAt([...path, 0]);
  if (kind) {
    const seen = new Set<string>();
    return ids.definitions
      .filter((definition) => definition.kind === kind && !seen.has(definition.id) && seen.add(definition.id))
      .map((definition) => {
        const item = definedItem(definition, (file) => (file === ids.file ? ids.data : cache.peek(file)?.data));
        const name = item?.name ?? item?.statement;
        const role = definition.role ? ` · ${definition.role}` : '';
        return {
          label: definition.id,
          kind: CompletionKind.Reference,
          // "Channel: Ads", "渠道：广告": the colon of the reader's language.
          detail: `${typeof name === 'string' ? translator.formats.labelled(translator.render(kindName(kind)), name) : translator.render(kindName(kind))}${role}`,
          textEdit: { range: replace, newText: definition.id },
        };
      });
  }
  const schema = schemaAt(path, root);
  if (!schema) return [];
  return enumValues(schema).map((option, index) => ({
    label: option.value,
    kind: CompletionKind.EnumMember,
    detail: localized(option, translator).title,
    documentation: { kind: 'markdown', value: docsMarkdown(option, translator, (title) => `\`${option.value}\`: ${title}`) },
    textEdit: { range: replace, newText: option.value },
    sortText: String(index).padStart(3, '0'),
  }));
}

/** Completion at a position: keys that fit and are not there yet, enum values, ids of the right kind, and section snippets. */
export async function complete(
  analysis: Analysis,
  cache: ParseCache,
  position: Position,
  importsOf: (data: unknown) => Promise<ImportResult>,
  lastClean: Analysis | undefined,
  translator: Translator,
  /** The year it is now, which a snippet's `$CURRENT_YEAR` shows in its preview. */
  year: number,
): Promise<CompletionItem[]> {
  const { parsed, schemaRoot: root } = analysis;
  const offset = parsed.offsetAt(position);
  // A file refused as too large or too deep is not parsed again for completion either.
  const refused = parsed.errors.some((error) => error.code === 'TOO_LARGE' || error.code === 'TOO_DEEP');
  const repaired = refused ? undefined : repair(parsed.text, offset);
  if (!repaired) return [];
  const found = placePlaceholder(parsed, repaired.text);
  if (!found) return [];
  const replace: Range = { start: { line: position.line, character: position.character - repaired.typed.length }, end: position };
  const lineStart: Range = { start: { line: position.line, character: 0 }, end: position };
  const idsFor = async (): Promise<Ids> => {
    const lentKinds = kindsLentTo(parsed.data);
    const lent = (definitions: readonly Definition[]) => definitions.filter((definition) => lentKinds.has(definition.kind));
    if (parsed.errors.length === 0) {
      return { file: analysis.file, data: parsed.data, definitions: [...analysis.definitions, ...lent(analysis.imports.scope.definitions())] };
    }
    // The text being typed does not parse. The ids of the last version that parsed are right while one
    // line is being typed; without one, the repaired text parsed whole names the same ids.
    if (lastClean) {
      return { file: analysis.file, data: lastClean.parsed.data, definitions: [...lastClean.definitions, ...lent(lastClean.imports.scope.definitions())] };
    }
    const data = found.data ?? wholeData(repaired.text);
    const local = collectDefinitions(new PlanReader(data, new Set()), analysis.file);
    const imported = (await importsOf(data)).scope.definitions();
    return { file: analysis.file, data, definitions: [...local, ...lent(imported)] };
  };
  if (repaired.mode === 'value' || found.on === 'value') return valueItems(await idsFor(), cache, found.path, replace, translator, root);
  const parentPath = found.path.slice(0, -1);
  const keys = keyItems(parentPath, found.parentData, repaired, replace, translator, root);
  // A fresh item of a list of plain values (`implements:` then `- `) takes a value, not a key.
  if (!keys) return valueItems(await idsFor(), cache, parentPath, replace, translator, root);
  const present = new Set(isPlainObject(found.parentData) ? Object.keys(found.parentData).filter((key) => key !== placeholder) : []);
  // Section snippets are a plan's; a configuration file has none.
  return root === planSchemaRoot ? [...keys, ...snippetItems(parentPath, present, repaired, replace, lineStart, translator, year)] : keys;
}
