import { isAlias, isMap, isScalar, isSeq, stringify, visit, type Node } from 'yaml';
import type { ParsedDocument } from '../../document/parse';
import { isMergeKey, keyText, locateWritten, pathsByNode, type Path } from '../../document/paths';
import { definitionKindAt } from '../../model/ids';
import { schemaAt } from '../../schema/definitions';
import type { Range } from '../../types';

/** One change to one file: a plain text, and the same as a snippet with tab stops where the client takes snippets. */
export interface FixEdit {
  file: string;
  range: Range;
  text: string;
  snippet?: string;
}

/** A text with tab stops, and the same text as it reads once inserted with its defaults. */
export interface Insertion {
  text: string;
  snippet: string;
}

export const plainInsertion = (text: string): Insertion => ({ text, snippet: escapeSnippet(text) });

export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/** Where a file's text starts: after a byte order mark, which some clients keep in the text and which is no part of the first line. */
export function textStart(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** The offset where the line that holds `offset` starts: on the first line, after a byte order mark. */
function lineStartOf(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return start === 0 ? Math.min(textStart(text), offset) : start;
}

/** The offset just after the line that holds `offset` (after its line feed), or the text's end. */
function afterLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function indented(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n');
}

/** What goes before an entry added at a flow collection's closing bracket: nothing in an empty one or after a trailing comma (`{a: 1, }`), else `, `. */
function flowSeparator(text: string, close: number, items: number): string {
  return items === 0 || text.slice(0, close).trimEnd().endsWith(',') ? '' : ', ';
}

/** A value written in flow style (`{a: 1, b: [x]}`), which fits on one line wherever a value goes. */
export function flowValue(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: false }).trimEnd();
}

/** The line ending a text writes: that of its first line, `\r\n` or `\n`. */
export function lineEndingOf(text: string): '\r\n' | '\n' {
  const newline = text.indexOf('\n');
  return newline > 0 && text[newline - 1] === '\r' ? '\r\n' : '\n';
}

/** A text built with `\n` written with a document's own line ending. */
export function withLineEnding(text: string, lineEnding: '\r\n' | '\n'): string {
  return lineEnding === '\n' ? text : text.replace(/\r?\n/g, lineEnding);
}

/**
 * The spans of a document an edit must leave whole: each `<<` merge key, each alias `*name` and
 * each anchor `&name`. Changing one changes what other places read, or breaks what they point at.
 */
const sharedMarkup = new WeakMap<ParsedDocument, Array<[number, number]>>();

function markupOf(parsed: ParsedDocument): Array<[number, number]> {
  let spans = sharedMarkup.get(parsed);
  if (spans) return spans;
  spans = [];
  const found = spans;
  // Most plans have none of these: the text says so without a walk of the tree.
  if (/[&*]|<</.test(parsed.text)) {
    visit(parsed.yaml, {
      Pair(_, pair) {
        if (isMergeKey(pair) && (pair.key as Node).range) found.push([(pair.key as Node).range![0], (pair.key as Node).range![1]]);
      },
      Node(_, node) {
        if (isAlias(node) && node.range) found.push([node.range[0], node.range[1]]);
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor && node.range) {
          const at = parsed.text.lastIndexOf(`&${anchor}`, node.range[0]);
          if (at >= 0) found.push([at, at + anchor.length + 1]);
        }
      },
    });
  }
  sharedMarkup.set(parsed, spans);
  return spans;
}

/** Whether replacing [start, end) would change a merge key, an alias or an anchor: an insertion only inside one. */
function touchesMarkup(parsed: ParsedDocument, start: number, end: number): boolean {
  return markupOf(parsed).some(([from, to]) => (start === end ? from < start && start < to : start < to && from < end));
}

function edit(file: string, parsed: ParsedDocument, start: number, end: number, insertion: Insertion): FixEdit | undefined {
  if (touchesMarkup(parsed, start, end)) return undefined;
  // Texts are built with `\n`; a CRLF file gets its own line ends.
  const lineEnding = lineEndingOf(parsed.text);
  return { file, range: parsed.rangeOf(start, end), text: withLineEnding(insertion.text, lineEnding), snippet: withLineEnding(insertion.snippet, lineEnding) };
}

const readAt = new WeakMap<ParsedDocument, Map<Node, Path[]> | undefined>();

/** The data paths that read a node, through aliases and merges; undefined when there are too many to count. */
function placesReading(parsed: ParsedDocument, node: Node, path: Path): readonly Path[] | undefined {
  if (!/[*]/.test(parsed.text)) return [path];
  if (!readAt.has(parsed)) readAt.set(parsed, pathsByNode(parsed.yaml));
  const paths = readAt.get(parsed);
  return paths && (paths.get(node) ?? [path]);
}

/**
 * Replaces the value at a path as written (its quotes included) with new text: where an alias
 * reads it, the anchored text, which every place that reads it takes. Not where that is wrong
 * for another place: a list or a map replaced fits the one place, an id read by several
 * items (`id: *x`) names each of them, and a value a fix changes for this place `only` (the
 * dates of one span swapped) is another place's too.
 */
export function replaceValue(file: string, parsed: ParsedDocument, path: Path, insertion: Insertion, { only = false } = {}): FixEdit | undefined {
  const node = locateWritten(parsed.yaml, path)?.node;
  const range = node?.range;
  if (!range) return undefined;
  const places = placesReading(parsed, node!, path);
  if (!places || (places.length > 1 && (only || !isScalar(node) || places.some((place) => definitionKindAt(place) !== undefined)))) return undefined;
  // A block value's range runs to the next line: the line break after it stays.
  let end = range[1];
  while (end > range[0] && /\s/.test(parsed.text[end - 1])) end--;
  // An explicit tag (`!!str 500`) goes with the value it tags: kept, it would read the new value as the old one was read.
  let start = range[0];
  if (node!.tag !== undefined) {
    const tag = /!\S*[ \t]+$/.exec(parsed.text.slice(lineStartOf(parsed.text, start), start));
    if (!tag) return undefined;
    start -= tag[0].length;
  }
  return edit(file, parsed, start, end, insertion);
}

/** Replaces the key of the entry at a path. */
export function replaceKey(file: string, parsed: ParsedDocument, path: Path, newKey: string): FixEdit | undefined {
  const key = locateWritten(parsed.yaml, path)?.pair?.key as Node | undefined;
  const range = key?.range;
  if (!range) return undefined;
  return edit(file, parsed, range[0], range[1], plainInsertion(newKey));
}

/**
 * Adds a key to the map at `mapPath`, where the schema's order of keys puts it, in the
 * map's own style: a block entry at its indentation, or a flow entry `key: value`. The
 * value is given as block text (the lines under `key:`, or after it for a scalar) and as
 * plain data, for a flow map.
 */
export function insertKey(
  file: string,
  parsed: ParsedDocument,
  mapPath: Path,
  key: string,
  block: { value: Insertion; inline: boolean },
  data: unknown,
): FixEdit | undefined {
  const { text } = parsed;
  const located = mapPath.length === 0 ? { node: parsed.yaml.contents as Node | undefined, pair: undefined } : locateWritten(parsed.yaml, mapPath);
  const node = located?.node;
  const entry = (value: Insertion, indent: string): Insertion => ({
    text: `${indent}${key}:${block.inline ? ' ' + value.text : '\n' + indented(value.text, indent + '  ')}`,
    snippet: `${indent}${key}:${block.inline ? ' ' + value.snippet : '\n' + indented(value.snippet, indent + '  ')}`,
  });
  if (isMap(node) && node.flow) {
    // Before the closing brace: `, key: value`.
    const close = (node.range?.[1] ?? 0) - 1;
    if (text[close] !== '}') return undefined;
    const lead = `${flowSeparator(text, close, node.items.length)}${key}: `;
    // A one-line value keeps its tab stops; a block one is written in flow style.
    return edit(file, parsed, close, close, block.inline ? { text: lead + flowValue(data), snippet: escapeSnippet(lead) + block.value.snippet } : plainInsertion(lead + flowValue(data)));
  }
  if (isMap(node) && node.items.length > 0) {
    const order = Object.keys(schemaAt(mapPath)?.resolved.properties ?? {});
    const rank = (name: string | undefined) => (name === undefined ? -1 : order.indexOf(name));
    const wanted = rank(key);
    const pairs = node.items.filter((pair) => isScalar(pair.key));
    const firstKey = pairs[0].key as Node;
    const indent = ' '.repeat(firstKey.range![0] - lineStartOf(text, firstKey.range![0]));
    // After the last key that comes before it in the schema's order; else before the first key,
    // unless that key shares its line with a list item's dash (`- name: x`): then after the last one.
    const firstLine = lineStartOf(text, firstKey.range![0]);
    const dashed = text.slice(firstLine, firstKey.range![0]).trim() !== '';
    const before = pairs.filter((pair) => rank(keyText(pair)) !== -1 && rank(keyText(pair)) < wanted).pop() ?? (dashed ? pairs[pairs.length - 1] : undefined);
    let at: number;
    if (before) {
      const valueEnd = (before.value as Node | null)?.range?.[1] ?? (before.key as Node).range![1];
      at = text[valueEnd - 1] === '\n' ? valueEnd : afterLine(text, valueEnd);
    } else {
      at = lineStartOf(text, firstKey.range![0]);
      // Comments right above the first key belong to it: the new key goes above them.
      while (at > 0) {
        const previous = lineStartOf(text, at - 1);
        if (!/^\s*#/.test(text.slice(previous, at - 1))) break;
        at = previous;
      }
    }
    const body = entry(block.value, indent);
    const needsBreak = at === text.length && text.length > 0 && !text.endsWith('\n');
    return edit(file, parsed, at, at, { text: (needsBreak ? '\n' : '') + body.text + '\n', snippet: (needsBreak ? '\n' : '') + body.snippet + '\n' });
  }
  // A map with nothing in it yet (`plan:`, `plan: ~`): the new key goes under its key, one level in.
  const parentKey = located?.pair?.key as Node | undefined;
  if (!parentKey?.range || (node && !(isScalar(node) && node.value === null))) return undefined;
  const indent = ' '.repeat(parentKey.range[0] - lineStartOf(text, parentKey.range[0]) + 2);
  const body = entry(block.value, indent);
  const written = node?.range && node.range[1] > node.range[0] ? node.range : undefined;
  const newline = text.indexOf('\n', parentKey.range[1]);
  // Before a CRLF's carriage return, so that the line end stays whole.
  const lineEnd = newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
  const [start, end] = written ? [written[0], written[1]] : [lineEnd < 0 ? text.length : lineEnd, lineEnd < 0 ? text.length : lineEnd];
  // After the key's line, at its indentation; a value written there (`~`) gives way to the new line.
  const lead = (body: string) => (written ? body.replace(/^ +/, '\n' + indent) : '\n' + body);
  return edit(file, parsed, start, end, { text: lead(body.text), snippet: lead(body.snippet) });
}

/** Adds an item at the end of the list at `listPath`, in the list's own style. */
export function appendItem(file: string, parsed: ParsedDocument, listPath: Path, block: Insertion, data: unknown): FixEdit | undefined {
  const { text } = parsed;
  const node = locateWritten(parsed.yaml, listPath)?.node;
  if (!isSeq(node) || !node.range) return undefined;
  if (node.flow || node.items.length === 0) {
    const close = node.range[1] - 1;
    if (text[close] !== ']') return undefined;
    return edit(file, parsed, close, close, plainInsertion(`${flowSeparator(text, close, node.items.length)}${flowValue(data)}`));
  }
  const last = node.items[node.items.length - 1] as Node;
  const first = node.items[0] as Node;
  const dash = text.lastIndexOf('-', first.range![0]);
  const indent = ' '.repeat(dash - lineStartOf(text, dash));
  const valueEnd = last.range![1];
  const at = text[valueEnd - 1] === '\n' ? valueEnd : afterLine(text, valueEnd);
  const needsBreak = at === text.length && !text.endsWith('\n');
  const item = (value: string) => (needsBreak ? '\n' : '') + indented(value, indent) + '\n';
  return edit(file, parsed, at, at, { text: item(block.text), snippet: item(block.snippet) });
}
