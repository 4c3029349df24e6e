import { LRUCache } from 'lru-cache';
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Alias, type Document, type Node, type Pair } from 'yaml';
import { firstDocument } from './documents';
import { documentIsSpliceable, spliceChange, type Splice } from './incremental';
import { maxNestingDepth, yamlOptions } from './options';
import { keyText, startsWith, type Path } from './paths';
import { valueAt } from './data';
import { forEachNode, nestingDepth, notPlain, plainData, treeFacts } from './walk';
import { parseSimpleYaml } from './simpleYaml';
import type { Position, Range } from '../types';

/** A problem of the YAML layer: the parser's error code (or one of ours), where it is, and what its message needs. */
export interface YamlProblem {
  code: string;
  offsets: [number, number];
  data?: Record<string, number | string>;
}

/** One parse of one text version, shared by every feature that needs it. */
export interface ParsedDocument {
  readonly text: string;
  /** The tree, every offset where the text has it. */
  readonly yaml: Document.Parsed;
  /**
   * The same tree, for reading values only: after a splice, the offsets of the entries after it
   * are moved when `yaml` is first read (or `settle` called), not before, so that a check that
   * reads no offset there does not wait for them.
   */
  readonly valueTree: Document.Parsed;
  /** Moves the offsets a splice left to move: done once, before `yaml` is read. */
  settle(): void;
  /** Plain JavaScript data; undefined when the YAML has errors or could not be converted. */
  readonly data: unknown;
  readonly errors: readonly YamlProblem[];
  readonly warnings: readonly YamlProblem[];
  /** The `---` that starts a second document, which is not read: a plan file holds one. */
  readonly secondDocument?: [number, number];
  /** Whether a later text of the file may be parsed by reparsing only the block that changed. */
  readonly spliceable: boolean;
  /** Tells parses apart, so that what was computed from one can be matched to it. */
  readonly serial: number;
  /** For a parse made from an earlier one: which one, and the data path of the only value that changed. */
  /** The parse this one was spliced from, and the data paths whose values the splice changed. */
  readonly derivedFrom?: DerivedFrom;
  /** The offsets where lines start, in order. */
  readonly lineStarts: Uint32Array;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(start: number, end: number): Range;
}

// Aliases may fan out exponentially ("billion laughs"); past this many the conversion stops with an error.
const maxAliasCount = 1000;

/** Larger files are refused with a finding instead of freezing the editor: a year of campaigns is far smaller. */
export const maxTextLength = 10 * 1024 * 1024;

/** A size in megabytes, to a tenth, as findings say it. */
export function megabytes(length: number): number {
  return Math.round((length / (1024 * 1024)) * 10) / 10;
}


/** A key as written at the start of a text: quoted, or plain up to its colon. */
const duplicateKey = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s:#][^:#\n]*?)(?=[ \t]*:)/;

/** The tags of the YAML 1.2 core schema: a value one of them does not read was given a tag that does not fit it. */
const coreTags = new Set(['!!str', '!!int', '!!float', '!!bool', '!!null', '!!map', '!!seq']);

/** Why a tag was not used: a date tagged as a YAML 1.1 timestamp, a core tag its value does not fit, or a tag unknown here. */
function tagProblemCode(tag: string): string {
  if (tag === '!!timestamp') return 'TAG_TIMESTAMP';
  return coreTags.has(tag) ? 'TAG_MISFIT' : 'TAG_RESOLVE_FAILED';
}

function problem(error: { code: string; pos: [number, number] }, text: string): YamlProblem {
  // A tag not used or a repeated key is named as written, so that the reader finds it.
  if (error.code === 'TAG_RESOLVE_FAILED') {
    const tag = text.slice(error.pos[0], error.pos[1]).split(/\s/)[0];
    return { code: tagProblemCode(tag), offsets: error.pos, data: { tag } };
  }
  if (error.code === 'DUPLICATE_KEY') {
    const written = duplicateKey.exec(text.slice(error.pos[0], error.pos[0] + 1024))?.[1] ?? text.slice(error.pos[0], error.pos[1]);
    return { code: error.code, offsets: [error.pos[0], error.pos[0] + written.length], data: { key: written.replace(/^["']|["']$/g, '') } };
  }
  return { code: error.code, offsets: error.pos };
}

/**
 * The parser's errors as a reader needs them: a tab used to indent confuses the parser about
 * the lines around it too, so where there is one, only the tabs are reported, once a line.
 */
function readerErrors(errors: YamlProblem[], text: string): YamlProblem[] {
  const tabs = errors.filter((error) => error.code === 'TAB_AS_INDENT');
  if (tabs.length === 0) return errors;
  const lines = new Set<number>();
  return tabs.filter((tab) => {
    const line = text.lastIndexOf('\n', tab.offsets[0] - 1);
    return !lines.has(line) && !!lines.add(line);
  });
}

/**
 * Whether a text may nest deeper than `limit`, judged from its lines before any parsing: the
 * parser recurses once per level, and near the end of the stack the JavaScript engine itself
 * can fail, so a hostile file must not reach it. Counts block levels by indentation and
 * `- `/`? ` chains, and flow brackets wherever they stand (an overestimate only for absurd texts).
 */
export function mayNestDeeperThan(text: string, limit: number): boolean {
  // Flow brackets, wherever they stand: found by the regular expression engine, not a character at a time.
  let flow = 0;
  let deepestFlow = 0;
  const brackets = /[[\]{}]/g;
  for (let found = brackets.exec(text); found; found = brackets.exec(text)) {
    const code = text.charCodeAt(found.index);
    if (code === 91 || code === 123) deepestFlow = Math.max(deepestFlow, ++flow);
    else if (flow > 0) flow--;
  }
  // Block levels, line by line; the deepest of both add up, whatever lines they stand on.
  const indents: number[] = [];
  let deepestBlock = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let column = start;
    while (column < end && (text.charCodeAt(column) === 32 || text.charCodeAt(column) === 9)) column++;
    const first = text.charCodeAt(column);
    if (column < end && first !== 35 /* # */) {
      const indent = column - start;
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let chain = 0;
      for (let at = column; at + 1 < end && (text[at] === '-' || text[at] === '?') && (text[at + 1] === ' ' || text[at + 1] === '\t'); chain++) {
        at += 2;
        while (at < end && text[at] === ' ') at++;
        column = at;
      }
      deepestBlock = Math.max(deepestBlock, indents.length + chain);
      if (deepestBlock + deepestFlow > limit) return true;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return deepestBlock + deepestFlow > limit;
}

const tooDeepProblem: YamlProblem = { code: 'TOO_DEEP', offsets: [0, 0], data: { limit: maxNestingDepth } };

function offsetsOf(node: Node): [number, number] {
  return node.range ? [node.range[0], node.range[1]] : [0, 0];
}

/**
 * Why `toJS` refused a tree, which it says only in English: each alias that names no anchor
 * before it, each merge key (`<<`) whose value is no map, alias of one, or list of them; and,
 * where neither is found, aliases that fan out past the limit.
 */
function conversionProblems(document: Document): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const anchored = new Map<string, Node>();
  // What each alias reads, as the walk found it: the last node anchored by its name before it.
  const aliased = new Map<Alias, Node | undefined>();
  const merges: Array<Pair<Node, Node | null>> = [];
  forEachNode(document, (node) => {
    if (isAlias(node)) {
      const target = anchored.get(node.source);
      aliased.set(node, target);
      if (!target) problems.push({ code: 'BAD_ALIAS', offsets: offsetsOf(node) });
      return;
    }
    if (node.anchor) anchored.set(node.anchor, node);
    // A merge key reads as a scalar whose value is a symbol.
    if (isMap(node)) for (const pair of node.items) if (isScalar(pair.key) && typeof pair.key.value === 'symbol') merges.push(pair as Pair<Node, Node | null>);
  });
  const read = (node: unknown) => (isAlias(node) ? aliased.get(node) : node);
  for (const { key, value } of merges) {
    const source = read(value);
    // An unresolved alias is said where it stands.
    if (source === undefined) continue;
    const sources = isSeq(source) ? source.items.map(read) : [source];
    if (sources.every((item) => item === undefined || isMap(item))) continue;
    // A merge key written with no value is said on the key.
    const offsets: [number, number] = value ? offsetsOf(value) : [0, 0];
    problems.push({ code: 'BAD_MERGE', offsets: offsets[1] > offsets[0] ? offsets : offsetsOf(key) });
  }
  return problems.length > 0 ? problems : [{ code: 'ALIAS_LIMIT', offsets: [0, 0] }];
}

/** Plain data of a parsed document, or why it cannot be had. */
export function toData(document: Document, depth = nestingDepth(document)): { data: unknown } | { problems: YamlProblem[] } {
  if (depth > maxNestingDepth) return { problems: [tooDeepProblem] };
  try {
    return { data: document.toJS({ maxAliasCount }) };
  } catch {
    return { problems: conversionProblems(document) };
  }
}

/**
 * Offsets where lines start; a line ends at a line feed, as the parser counts them. Kept in a
 * typed array, outside the collected heap: a large plan's would be copied by the collector at
 * every edit.
 */
function lineStartsOf(text: string): Uint32Array {
  let count = 1;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
  const starts = new Uint32Array(count);
  let line = 1;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts[line++] = index + 1;
  return starts;
}

/** How many of the ascending `starts` are at most `offset`. */
function countUpTo(starts: Uint32Array, offset: number): number {
  let [low, high] = [0, starts.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle] <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The line starts of a text that a splice made from an earlier one: those up to the block's
 * start as they were, the block's new lines read from the text, and those after it moved.
 */
function splicedLineStarts(previous: Uint32Array, text: string, start: number, end: number, delta: number): Uint32Array {
  const kept = countUpTo(previous, start);
  const inBlock: number[] = [];
  for (let index = text.indexOf('\n', start); index >= 0 && index < end; index = text.indexOf('\n', index + 1)) inBlock.push(index + 1);
  const after = countUpTo(previous, end - delta);
  const starts = new Uint32Array(kept + inBlock.length + previous.length - after);
  starts.set(previous.subarray(0, kept));
  starts.set(inBlock, kept);
  for (let index = after, to = kept + inBlock.length; index < previous.length; index++, to++) starts[to] = previous[index] + delta;
  return starts;
}

let serials = 0;

/**
 * One parse. A class, not an object literal with a getter and closures: V8 kept each such
 * literal, with everything it held (the tree, the data), through the young generation's
 * collections until a full one, and half the time of parsing a thousand plans went to copying them.
 */
class Parse implements ParsedDocument {
  readonly serial = ++serials;
  private starts: Uint32Array | undefined;
  private pending: (() => void) | undefined;

  constructor(
    readonly text: string,
    readonly valueTree: Document.Parsed,
    readonly data: unknown,
    readonly errors: YamlProblem[],
    readonly warnings: YamlProblem[],
    readonly spliceable: boolean,
    readonly derivedFrom?: DerivedFrom,
    readonly secondDocument?: [number, number],
    knownLineStarts?: Uint32Array,
    unsettled?: () => void,
  ) {
    this.pending = unsettled;
    this.starts = knownLineStarts;
  }

  /** Counted when first asked for: a plan checked without a finding is never placed on its lines. */
  get lineStarts(): Uint32Array {
    // The parser's own line counter misses line feeds inside some broken tokens: count them here.
    return (this.starts ??= this.text.length > maxTextLength ? new Uint32Array(1) : lineStartsOf(this.text));
  }

  get yaml(): Document.Parsed {
    this.settle();
    return this.valueTree;
  }

  settle(): void {
    const move = this.pending;
    this.pending = undefined;
    move?.();
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length > maxTextLength ? 0 : this.text.length));
    // The first line starts at 0, so at least one start is at most the offset.
    const line = countUpTo(this.lineStarts, clamped) - 1;
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt({ line, character }: Position): number {
    const { lineStarts, text } = this;
    if (line < 0) return 0;
    if (line >= lineStarts.length) return text.length;
    const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
    return Math.min(lineStarts[line] + Math.max(0, character), lineEnd);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }
}

export function parse(text: string): ParsedDocument {
  const tooLarge = text.length > maxTextLength;
  // Most plans are read by the quick reader, which takes no document marker and nests no deeper
  // than a parse may: what it reads needs neither look below, which are for the library.
  const quick = tooLarge ? undefined : parseSimpleYaml(text);
  const tooDeep = !quick && !tooLarge && mayNestDeeperThan(text, maxNestingDepth);
  // A second document is not read: the first one is checked as usual.
  const first = quick || tooLarge || tooDeep ? undefined : firstDocument(text);
  const yaml = quick ?? parseDocument(tooLarge || tooDeep ? '' : first ? text.slice(0, first.end) : text, yamlOptions);
  const errors = readerErrors(
    yaml.errors.map((error) => problem(error, text)),
    text,
  );
  const warnings = yaml.warnings.map((warning) => problem(warning, text));
  let data: unknown;
  let facts: { anchorsOrTags: boolean } | undefined;
  if (tooDeep) {
    errors.push(tooDeepProblem);
  } else if (tooLarge) {
    errors.push({ code: 'TOO_LARGE', offsets: [0, 0], data: { size: megabytes(text.length), limit: megabytes(maxTextLength) } });
  } else if (errors.length === 0) {
    // Most plans hold only maps, lists and scalars: one walk reads them, and finds nothing that ties parts together.
    const plain = plainData(yaml.contents, maxNestingDepth);
    if (plain !== notPlain) {
      data = plain;
      facts = { anchorsOrTags: false };
    } else {
      const tree = treeFacts(yaml);
      facts = tree;
      const converted = toData(yaml, tree.depth);
      if ('data' in converted) data = converted.data;
      else for (const problem of converted.problems) errors.push(problem);
    }
  }
  const spliceable = errors.length === 0 && !first && !!facts && documentIsSpliceable(yaml, facts);
  return new Parse(text, yaml, data, errors, warnings, spliceable, undefined, first?.second);
}

/** A copy of `data` with the value at `path` replaced; only the objects along the path are copied. */
function replaceAt(data: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(data) ? [...data] : { ...(data as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[head] = replaceAt(copy[head], rest, value);
  return copy;
}

/** How a spliced parse differs from the one it was made from. */
export interface DerivedFrom {
  serial: number;
  /** The data paths whose values changed. */
  paths: readonly Path[];
  /**
   * When a run of a list's items became more or fewer items: the items it replaced (from index
   * `at`, `removed` of them) by `added` new ones; the items after them moved, unchanged.
   */
  moved?: { list: Path; at: number; removed: number; added: number };
}

/** Where an item of a list that a splice moved stands now: undefined for an item it replaced. */
export function movedIndex(moved: NonNullable<DerivedFrom['moved']>, index: number): number | undefined {
  if (index < moved.at) return index;
  if (index < moved.at + moved.removed) return undefined;
  return index - moved.removed + moved.added;
}

/**
 * Where a data path stands after a splice moved the items of a list: the very same path outside
 * the list's items or in an item that stayed, a copy with the new index in one that moved, and
 * undefined in one the splice replaced.
 */
export function movedPath(moved: NonNullable<DerivedFrom['moved']>, path: Path): Path | undefined {
  const index = path[moved.list.length];
  if (typeof index !== 'number' || !startsWith(path, moved.list)) return path;
  const now = movedIndex(moved, index);
  if (now === undefined || now === index) return now === undefined ? undefined : path;
  const copy = path.slice();
  copy[moved.list.length] = now;
  return copy;
}

/**
 * The data paths a splice changed: its entry's; for a run that kept its entries where they were
 * (as many items, or the same keys in the same order), each of them; else the collection's: the
 * entries after the run moved, or a key went.
 */
function changedPaths(splice: Splice): Path[] {
  const { block, entries, replacedKeys } = splice;
  if (!block.run) return [block.path];
  if (entries.length !== block.count) return [block.path];
  if (block.kind === 'item') return entries.map((_, offset) => [...block.path, block.index + offset]);
  const keys = entries.map((entry) => keyText(entry as Pair<unknown, unknown>));
  return keys.every((key, index) => key !== undefined && key === replacedKeys[index]) ? keys.map((key) => [...block.path, key!]) : [block.path];
}

/**
 * A collection's data after a run of its entries was replaced: a list with the new items in
 * place of the old; a map rebuilt in the order of its entries, which the tree now holds.
 */
function runValue(old: unknown, splice: Splice): unknown {
  const { block, values } = splice;
  if (Array.isArray(old)) return [...old.slice(0, block.index), ...values, ...old.slice(block.index + block.count)];
  const map = old as Record<string, unknown>;
  const added = new Map(splice.entries.map((entry, index) => [keyText(entry as Pair<unknown, unknown>)!, values[index]]));
  const rebuilt: Record<string, unknown> = {};
  for (const pair of block.collection.items) {
    const key = keyText(pair as Pair<unknown, unknown>)!;
    // Defined, not assigned: a key such as `__proto__` is data, as the parser makes it.
    Object.defineProperty(rebuilt, key, { value: added.has(key) ? added.get(key) : map[key], enumerable: true, writable: true, configurable: true });
  }
  return rebuilt;
}

/**
 * The parse of `text` made from the parse of an earlier text of the same file by reparsing
 * only the block the change falls in; undefined when that cannot be done with certainty.
 * The earlier parse's tree is reused: it is not to be read after this.
 */
export function reparse(previous: ParsedDocument, text: string): ParsedDocument | undefined {
  if (!previous.spliceable || text.length > maxTextLength) return undefined;
  const splice = spliceChange(previous.yaml, previous.text, text, maxNestingDepth);
  if (!splice) return undefined;
  const { block, values } = splice;
  const data = replaceAt(previous.data, block.path, block.run ? runValue(valueAt(previous.data, block.path), splice) : values[0]);
  const moved = block.run && block.kind === 'item' && splice.entries.length !== block.count ? { list: block.path, at: block.index, removed: block.count, added: splice.entries.length } : undefined;
  const lineStarts = splicedLineStarts(previous.lineStarts, text, block.start, splice.end, splice.delta);
  return new Parse(text, previous.yaml, data, [], [], true, { serial: previous.serial, paths: changedPaths(splice), ...(moved ? { moved } : {}) }, undefined, lineStarts, splice.moveRest);
}

/** A file's last parse, and its last that could be spliced. */
interface CacheEntry {
  parsed: ParsedDocument;
  /**
   * The last parse of the file that could be spliced, while its newer texts do not parse: the
   * text that sets a mistake right (an indentation fixed, a bracket closed) is spliced into it.
   */
  spliceable?: ParsedDocument;
}

/**
 * Keeps the last parse of the files used last, so that one text version is parsed once.
 *
 * `lru-cache` holds them in arrays, which drop a value when it goes. A `Map` that many files pass
 * through (a run over a thousand plans) does not: V8 keeps the tables it outgrew, entries and all,
 * until a full collection, and every young collection copies the trees they hold.
 */
export class ParseCache {
  private readonly entries: LRUCache<string, CacheEntry>;

  /** `capacity`: how many files' parses are kept; the engines that share the cache keep as many analyses. */
  constructor(readonly capacity = 64) {
    this.entries = new LRUCache({ max: capacity });
  }

  /** How many parses were whole and how many reparsed a block only. */
  readonly counts = { full: 0, incremental: 0 };

  get(key: string, text: string): ParsedDocument {
    const entry = this.entries.get(key);
    const cached = entry?.parsed;
    if (cached && cached.text === text) return cached;
    const spliceable = entry?.spliceable;
    let parsed = cached ? reparse(cached, text) : undefined;
    if (!parsed && spliceable && spliceable !== cached) parsed = reparse(spliceable, text);
    if (parsed) this.counts.incremental++;
    else {
      parsed = parse(text);
      this.counts.full++;
    }
    // The newest spliceable parse is kept for a later fix; one spliced into is used up, and replaced by it.
    this.entries.set(key, { parsed, spliceable: parsed.spliceable ? parsed : spliceable });
    return parsed;
  }

  /** The cached parse of a file, whatever its text, without parsing. */
  peek(key: string): ParsedDocument | undefined {
    return this.entries.peek(key)?.parsed;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
