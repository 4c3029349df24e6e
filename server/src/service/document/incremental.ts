import { isCollection, isMap, isPair, isScalar, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { yamlOptions } from './options';
import { parseSimpleYaml } from './simpleYaml';
import { keyText, type Path } from './paths';
import { forEachNode, nestingDepth, notPlain, plainData, treeFacts } from './walk';

/**
 * Lines of a block collection that can be parsed on their own: one entry, or a run of whole
 * entries that the change may turn into more entries, or fewer.
 */
export interface Block {
  /** Data path of the entry (one entry: the pair's key, or the item's index), or of the collection (a run). */
  path: Path;
  collection: YAMLMap | YAMLSeq;
  /** The first entry of the block, and how many entries it spans. */
  index: number;
  count: number;
  kind: 'pair' | 'item';
  /** Whole entries whose new lines may hold any number of entries; else one entry whose key (or dash) the change leaves alone. */
  run: boolean;
  /** Offsets of the block's whole lines in the text it was found in. */
  start: number;
  end: number;
  /** Column of the keys, or of the items' dashes. */
  indent: number;
  key?: string;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line that holds `offset - 1`: entries end at a line's end. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(0, offset - 1));
  return newline < 0 ? text.length : newline + 1;
}

/** Whether the text holds only blank lines and comments. */
function isBlankOrComment(text: string): boolean {
  return text.split('\n').every((line) => /^\s*(?:#.*)?\r?$/.test(line));
}

/** Where an entry's lines start and end, and the column of its key or dash; undefined for an entry that does not start its own line. */
function entryLines(collection: YAMLMap | YAMLSeq, index: number, text: string): { start: number; end: number; indent: number; key?: string } | undefined {
  if (isMap(collection)) {
    const pair = collection.items[index] as Pair<unknown, unknown>;
    const key = isPair(pair) && isScalar(pair.key) ? pair.key : undefined;
    const name = key ? keyText(pair) : undefined;
    if (!key?.range || name === undefined) return undefined;
    const start = lineStart(text, key.range[0]);
    if (text.slice(start, key.range[0]).trim() !== '') return undefined;
    const valueRange = (pair.value as Node | null)?.range;
    return { start, end: lineEnd(text, Math.max(key.range[1], valueRange ? valueRange[1] : 0)), indent: key.range[0] - start, key: name };
  }
  const item = collection.items[index] as Node | null;
  if (!item?.range) return undefined;
  const start = lineStart(text, item.range[0]);
  const prefix = text.slice(start, item.range[0]);
  if (!/^\s*-\s+$/.test(prefix)) return undefined;
  return { start, end: lineEnd(text, item.range[1]), indent: prefix.indexOf('-') };
}

/** Where an entry's text starts: its key's, or its own; undefined for an entry without a range. */
function entryOffset(entry: unknown): number | undefined {
  const node = isPair(entry) ? entry.key : entry;
  return (node as Node | null | undefined)?.range?.[0];
}

/**
 * The last entry of a collection that starts at or before `offset`, found by halving: entries
 * stand in the text in their order, and a list of campaigns is long. -1 when none does, or
 * when an entry has no range to tell.
 */
function lastEntryFrom(collection: YAMLMap | YAMLSeq, offset: number): number {
  let [low, high] = [0, collection.items.length - 1];
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const start = entryOffset(collection.items[middle]);
    if (start === undefined) return -1;
    if (start <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * The run of whole entries of a collection whose lines hold the old range [from, to), with any
 * blank or comment lines the range touches between or after them; undefined when the range
 * reaches outside the entries' lines or an entry shares its first line with its parent. Only the
 * first entry and those near the range are read: the others of a block collection that parsed
 * stand on lines of their own, in the same column.
 */
function entryRun(collection: YAMLMap | YAMLSeq, path: Path, text: string, from: number, to: number): Block | undefined {
  const count = collection.items.length;
  const read = new Map<number, ReturnType<typeof entryLines>>();
  const linesOf = (index: number) => {
    if (!read.has(index)) read.set(index, entryLines(collection, index, text));
    return read.get(index);
  };
  const firstEntry = count > 0 ? linesOf(0) : undefined;
  if (!firstEntry) return undefined;
  const touchedStart = lineStart(text, from);
  const touchedEnd = lineEnd(text, Math.max(to, from + 1));
  if (touchedStart < firstEntry.start) return undefined;
  // The first entry whose lines end after the touched line's start; the last entry when none does.
  let first = Math.max(0, lastEntryFrom(collection, touchedStart));
  if ((linesOf(first)?.end ?? Infinity) <= touchedStart && first + 1 < count) first++;
  // Lines put before an entry may continue the one above it (a key typed under a campaign, after
  // its last line or a comment): that entry is parsed again too.
  if (first > 0 && touchedStart <= (linesOf(first)?.start ?? -1)) first--;
  let last = first;
  while (last + 1 < count && (linesOf(last + 1)?.start ?? Infinity) < touchedEnd) last++;
  // Each entry read, and the one after the run, stands on lines of its own, in the first entry's column.
  for (let index = first; index <= Math.min(last + 1, count - 1); index++) if (linesOf(index)?.indent !== firstEntry.indent) return undefined;
  const [firstLines, lastLines] = [linesOf(first)!, linesOf(last)!];
  const start = Math.min(touchedStart, firstLines.start);
  const end = Math.max(touchedEnd, lastLines.end);
  // Lines the range touches outside the entries must be blank or comments, in the collection's scope.
  if (end > lastLines.end && !isBlankOrComment(text.slice(lastLines.end, end))) return undefined;
  if (start < firstLines.start && !isBlankOrComment(text.slice(start, firstLines.start))) return undefined;
  // A merge key (`<<`) puts other keys into the map's data: only a whole parse reads it.
  if (isMap(collection) && collection.items.some((pair) => keyText(pair as Pair<unknown, unknown>) === '<<')) return undefined;
  return { path, collection, index: first, count: last - first + 1, kind: isMap(collection) ? 'pair' : 'item', run: true, start, end, indent: firstEntry.indent };
}

/**
 * The blocks whose lines hold the old range [from, to), outermost first: at each level the one
 * entry the change falls in after its key (or dash), going deeper; where the change spans
 * entries, or their keys, the run of whole entries it touches, and no deeper. Flow collections
 * (`[...]`, `{...}`) are not entered: their enclosing block entry is the unit.
 */
export function findBlocks(document: Document, text: string, from: number, to: number): Block[] {
  let node: unknown = document.contents;
  const path: Array<string | number> = [];
  const blocks: Block[] = [];
  for (let depth = 0; depth < 1000; depth++) {
    if (!isCollection(node) || node.flow) break;
    let next: Block | undefined;
    let child: unknown;
    // Entries do not overlap: only the last one starting at or before the change can hold it.
    const index = lastEntryFrom(node, from);
    const lines = index >= 0 ? entryLines(node, index, text) : undefined;
    if (lines) {
      const entry = node.items[index] as Pair<unknown, unknown> | Node | null;
      // The change must leave the key (or the dash) alone, and end within the entry's lines.
      const inside = isPair(entry) ? (entry.key as Node).range![1] : (entry as Node).range![0];
      if (!(from < inside || to > lines.end || from >= lines.end)) {
        const kind = isMap(node) ? 'pair' : 'item';
        next = { path: [...path, lines.key ?? index], collection: node, index, count: 1, kind, run: false, start: lines.start, end: lines.end, indent: lines.indent, key: lines.key };
        child = isPair(entry) ? entry.value : entry;
      }
    }
    if (!next) {
      const run = entryRun(node, [...path], text, from, to);
      if (run) blocks.push(run);
      break;
    }
    blocks.push(next);
    path.push(next.path[next.path.length - 1]);
    node = child;
  }
  return blocks;
}

/** The indentation of the first line at or after `offset` that holds content, or undefined at the end of the text. */
function nextContentIndent(text: string, offset: number): number | undefined {
  for (let start = offset; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const line = text.slice(start, newline < 0 ? text.length : newline);
    const trimmed = line.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) return line.length - trimmed.length;
    if (newline < 0) return undefined;
    start = newline + 1;
  }
  return undefined;
}

/** Adds `delta` to every offset at or after `from` in a tree (ranges are [start, valueEnd, nodeEnd]). */
export function shiftRanges(document: Document, from: number, delta: number): void {
  const shift = (node: { range?: [number, number, number] | null }) => {
    const range = node.range;
    if (!range) return;
    for (let index = 0; index < 3; index++) if (range[index] >= from) range[index] += delta;
  };
  forEachNode(document, (node) => shift(node));
  shift(document as unknown as { range?: [number, number, number] });
}

/**
 * Moves every offset of a node that lies wholly after the change, and of all it holds: half the
 * tree for a change in the middle of a plan, so without the comparisons `shiftAfter` makes on
 * its way. Recursive: a tree that was parsed nests no deeper than `maxNestingDepth`.
 */
function shiftWhole(node: unknown, delta: number): void {
  if (node === null || typeof node !== 'object') return;
  if (isPair(node)) {
    shiftWhole(node.key, delta);
    shiftWhole(node.value, delta);
    return;
  }
  const range = (node as Node).range;
  if (range) {
    range[0] += delta;
    range[1] += delta;
    range[2] += delta;
  }
  if (isCollection(node)) for (const item of node.items) shiftWhole(item, delta);
}

/**
 * Moves by `delta` every offset at or after `from` of the document and of the entries on the way
 * to `path`, and gives the entries after them, which lie wholly after the change, for
 * `shiftWhole` to move. Entries before the way end before the change and keep their offsets.
 */
function shiftPathAfter(document: Document, path: Path, from: number, delta: number): unknown[] {
  const shiftNode = (node: { range?: [number, number, number] | null } | null | undefined) => {
    const range = node?.range;
    if (!range) return;
    for (let index = 0; index < 3; index++) if (range[index] >= from) range[index] += delta;
  };
  shiftNode(document as unknown as { range?: [number, number, number] });
  const after: unknown[] = [];
  let node: unknown = document.contents;
  for (const segment of path) {
    if (!isCollection(node)) break;
    shiftNode(node);
    const index = isMap(node) ? node.items.findIndex((pair) => isPair(pair) && keyText(pair) === segment) : (segment as number);
    for (let later = index + 1; later < node.items.length; later++) after.push(node.items[later]);
    const entry = node.items[index];
    node = isPair(entry) ? entry.value : entry;
  }
  return after;
}

/**
 * A block's lines parsed on their own: the entries they hold, at the block's column, their
 * offsets moved to where the lines are. One entry, with the same key, for a block of one entry;
 * any number for a run.
 */
export function parseBlock(block: Block, text: string, start: number, end: number): { entries: Array<Pair<unknown, unknown> | Node | null>; document: Document } | undefined {
  // A copy, not a slice: the parsed values are slices of the fragment, and a slice keeps the
  // string it was cut from, so slices of the whole text would keep every version of the file.
  const fragment = (' ' + text.slice(start, end)).slice(1);
  const document = parseSimpleYaml(fragment) ?? parseDocument(fragment, yamlOptions);
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  const contents = document.contents;
  let entries: Array<Pair<unknown, unknown> | Node | null>;
  if (contents === null && block.run && isBlankOrComment(fragment)) entries = [];
  else if (!isCollection(contents) || contents.flow || (block.kind === 'pair') !== isMap(contents)) return undefined;
  else entries = contents.items as Array<Pair<unknown, unknown> | Node | null>;
  if (block.run ? entries.length === 0 && block.count === block.collection.items.length : entries.length !== 1) return undefined;
  for (let index = 0; index < entries.length; index++) {
    const lines = entryLines(contents as YAMLMap | YAMLSeq, index, fragment);
    if (!lines || lines.indent !== block.indent) return undefined;
    if (!block.run && lines.key !== block.key) return undefined;
  }
  if (treeFacts(document).anchorsOrTags) return undefined;
  shiftRanges(document, 0, start);
  return { entries, document };
}

export interface Splice {
  block: Block;
  /** The keys of the map entries the block held before the splice (for a list, none). */
  replacedKeys: ReadonlyArray<string | undefined>;
  /** The new entries, already placed in the tree. */
  entries: Array<Pair<unknown, unknown> | Node | null>;
  /** Their data values, in order. */
  values: unknown[];
  /** Where the block's new lines end in the new text, and by how much the text after them moved. */
  end: number;
  delta: number;
  /**
   * Moves the offsets of the entries after the block, which the splice leaves where they were in
   * the old text: half the tree for a change in the middle of a plan. Called before any offset
   * of the tree is read.
   */
  moveRest: () => void;
}

/** Lengths of the longest common prefix and suffix (not overlapping) of two texts. */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const shortest = Math.min(a.length, b.length);
  // Whole chunks first: comparing substrings runs natively, far faster than a loop over characters.
  const chunk = 4096;
  let prefix = 0;
  while (prefix + chunk <= shortest && a.slice(prefix, prefix + chunk) === b.slice(prefix, prefix + chunk)) prefix += chunk;
  while (prefix < shortest && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const room = shortest - prefix;
  while (suffix + chunk <= room && a.slice(a.length - suffix - chunk, a.length - suffix) === b.slice(b.length - suffix - chunk, b.length - suffix)) suffix += chunk;
  while (suffix < room && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

const documentMarker = /^(?:---|\.\.\.)(?:[ \t\r]|$)/m;

/** Past this share of the text, reparsing a block saves too little over parsing the whole text. */
const largestBlockShare = 0.5;

/** A block of a new text parsed on its own, ready to take the place of the old entries. */
export interface ReparsedBlock {
  block: Block;
  /** End of the block's lines in the new text. */
  end: number;
  /** How much longer the new text is. */
  delta: number;
  entries: Array<Pair<unknown, unknown> | Node | null>;
  document: Document;
}

/** Past this many characters, or this many places, a change is not slid along the text in search of a smaller block. */
const maxSlide = 512;
const maxPlacements = 4;

/**
 * Where the change between two texts can be said to be. Where text is only inserted or only
 * deleted, the same change can stand at several places: Enter at the end of a line inserts
 * "\n  " that a plain comparison finds inside the next line's indentation. Each place the
 * change can slide back to that starts or ends a line is one more candidate, nearest first.
 */
function changePlacements(oldText: string, newText: string): Array<{ from: number; oldTo: number; newTo: number }> {
  const { prefix, suffix } = commonEnds(oldText, newText);
  const placements = [{ from: prefix, oldTo: oldText.length - suffix, newTo: newText.length - suffix }];
  const inserted = prefix === oldText.length - suffix;
  const deleted = prefix === newText.length - suffix;
  if (!inserted && !deleted) return placements;
  const longer = inserted ? newText : oldText;
  let [from, to] = [prefix, longer.length - suffix];
  for (let slid = 0; slid < maxSlide && placements.length < maxPlacements && from > 0 && longer[from - 1] === longer[to - 1]; slid++) {
    from--;
    to--;
    if (longer[from] === '\n' || longer[from - 1] === '\n') placements.push(inserted ? { from, oldTo: from, newTo: to } : { from, oldTo: to, newTo: from });
  }
  return placements;
}

/**
 * Parses, on their own, the lines of the smallest block of `document` (the tree of `oldText`)
 * that holds the whole difference with `newText`. Touches nothing; undefined when no block can
 * be parsed alone with certainty.
 */
export function reparseBlock(document: Document, oldText: string, newText: string, maxDepth: number): ReparsedBlock | undefined {
  const delta = newText.length - oldText.length;
  // Every place the change can be said to stand, with the blocks that hold it there: the smallest block first.
  const candidates = changePlacements(oldText, newText)
    .flatMap(({ from, oldTo, newTo }) => findBlocks(document, oldText, from, oldTo).map((block) => ({ block, newTo })))
    .filter(({ block }) => block.end - block.start <= oldText.length * largestBlockShare)
    .sort((a, b) => a.block.end - a.block.start - (b.block.end - b.block.start));
  for (const { block, newTo } of candidates) {
    // The block's new lines: its old lines moved by the change, and any whole lines the change adds at its end.
    const end = Math.max(block.end + delta, lineEnd(newText, newTo));
    if (end > newText.length || (end < newText.length && newText[end - 1] !== '\n')) continue;
    const fragment = newText.slice(block.start, end);
    // A document marker ends the document for the whole text, not only for the block.
    if (documentMarker.test(fragment)) return undefined;
    // Lines parsed alone that end in a blank or comment line end their last node after it, where in
    // the whole text it ends before: such a block is not parsed alone.
    const lastLine = fragment.replace(/\r?\n$/, '').split('\n').pop()!.trim();
    if (lastLine === '' || lastLine.startsWith('#')) continue;
    // In the whole text, the lines after the block must not continue it.
    const following = nextContentIndent(newText, end);
    if (following !== undefined && following > block.indent) continue;
    const parsed = parseBlock(block, newText, block.start, end);
    // The block's own nesting, under the levels above it, must stay within what a whole parse accepts.
    if (!parsed || nestingDepth(parsed.document) + block.path.length - (block.run ? 0 : 1) > maxDepth) continue;
    if (block.run && isMap(block.collection) && !keysStayUnique(block, parsed.entries)) continue;
    return { block, end, delta, entries: parsed.entries, document: parsed.document };
  }
  return undefined;
}

/** A run's new keys are not keys of the map's other entries: a repeated key is an error only a whole parse reports. */
function keysStayUnique(block: Block, entries: ReadonlyArray<Pair<unknown, unknown> | Node | null>): boolean {
  const others = new Set(block.collection.items.filter((_, index) => index < block.index || index >= block.index + block.count).map((pair) => keyText(pair as Pair<unknown, unknown>)));
  return entries.every((entry) => {
    const key = keyText(entry as Pair<unknown, unknown>);
    return key !== '<<' && !others.has(key);
  });
}

/**
 * Reparses only the smallest block that a change falls in, and splices it into `document`,
 * moving the offsets of everything after it. Returns undefined, touching nothing, whenever the
 * result could differ from a parse of the whole text.
 */
export function spliceChange(document: Document, oldText: string, newText: string, maxDepth: number): Splice | undefined {
  const reparsed = reparseBlock(document, oldText, newText, maxDepth);
  if (!reparsed) return undefined;
  const { block, end, delta, entries } = reparsed;
  // A collection starts where its first entry does: a block that was its first gives it the start of the new first entry.
  const newStart = (reparsed.document.contents as Node | null)?.range?.[0];
  if (block.index === 0 && (entries.length === 0 || newStart === undefined)) return undefined;
  const replacedKeys = isMap(block.collection) ? block.collection.items.slice(block.index, block.index + block.count).map((pair) => keyText(pair as Pair<unknown, unknown>)) : [];
  const lastEntry = block.collection.items[block.index + block.count - 1];
  const lastPath = block.run ? [...block.path, isPair(lastEntry) ? keyText(lastEntry)! : block.index + block.count - 1] : block.path;
  const rest = shiftPathAfter(document, lastPath, end - delta, delta);
  block.collection.items.splice(block.index, block.count, ...(entries as never[]));
  if (block.index === 0 && block.collection.range) block.collection.range[0] = newStart!;
  // The block has no anchors, aliases or tags (`parseBlock` sees to it): its data is plain.
  const values = entries.map((entry) => {
    const node = isPair(entry) ? (entry.value as Node | null) : (entry as Node | null);
    const data = plainData(node);
    return data === notPlain ? node!.toJS(reparsed.document, { maxAliasCount: 0 }) : data;
  });
  const moveRest = () => {
    for (const entry of rest) shiftWhole(entry, delta);
  };
  return { block, replacedKeys, entries, values, end, delta, moveRest };
}

/** Whether a later text may be parsed by splicing into this tree: not when it has problems, or uses anchors, aliases or tags, which tie distant parts together. */
export function documentIsSpliceable(document: Document, facts: { anchorsOrTags: boolean } = treeFacts(document)): boolean {
  return document.errors.length === 0 && document.warnings.length === 0 && !facts.anchorsOrTags;
}
