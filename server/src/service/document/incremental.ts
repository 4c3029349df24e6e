import { isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { yamlOptions } from './options';
import { keyText, type Path } from './paths';
import { forEachNode, nestingDepth, treeFacts } from './walk';

/** An entry of a block collection whose lines can be parsed on their own. */
export interface Block {
  /** Data path of the entry: the pair's key, or the item's index. */
  path: Path;
  collection: YAMLMap | YAMLSeq;
  index: number;
  kind: 'pair' | 'item';
  /** Offsets of the entry's whole lines in the text it was found in. */
  start: number;
  end: number;
  /** Column of the key, or of the item's dash. */
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

/**
 * The entries of block collections whose lines hold the old range [from, to), outermost
 * first, where the change leaves the entry's key (or dash) untouched. Flow collections
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
    if (isMap(node)) {
      for (let index = 0; index < node.items.length; index++) {
        const pair = node.items[index] as Pair<unknown, unknown>;
        const key = isPair(pair) && isScalar(pair.key) ? pair.key : undefined;
        const name = key ? keyText(pair) : undefined;
        if (!key?.range || name === undefined) continue;
        const start = lineStart(text, key.range[0]);
        if (text.slice(start, key.range[0]).trim() !== '') continue;
        const valueRange = (pair.value as Node | null)?.range;
        const end = lineEnd(text, Math.max(key.range[1], valueRange ? valueRange[1] : 0));
        if (from < key.range[1] || to > end || from >= end) continue;
        next = { path: [...path, name], collection: node, index, kind: 'pair', start, end, indent: key.range[0] - start, key: name };
        child = pair.value;
        break;
      }
    } else {
      for (let index = 0; index < node.items.length; index++) {
        const item = node.items[index] as Node | null;
        if (!item?.range) continue;
        const start = lineStart(text, item.range[0]);
        const prefix = text.slice(start, item.range[0]);
        if (!/^\s*-\s+$/.test(prefix)) continue;
        const end = lineEnd(text, item.range[1]);
        if (from < item.range[0] || to > end || from >= end) continue;
        next = { path: [...path, index], collection: node, index, kind: 'item', start, end, indent: prefix.indexOf('-') };
        child = item;
        break;
      }
    }
    if (!next) break;
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
 * Moves by `delta` every offset at or after `from`, visiting only what can hold one: the
 * entries on the way to `path` and everything after them. Entries before the way end before
 * the change and keep their offsets.
 */
function shiftAfter(document: Document, path: Path, from: number, delta: number): void {
  const shiftNode = (node: { range?: [number, number, number] | null } | null | undefined) => {
    const range = node?.range;
    if (!range) return;
    for (let index = 0; index < 3; index++) if (range[index] >= from) range[index] += delta;
  };
  const shiftTree = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (isPair(node)) {
      shiftTree(node.key);
      shiftTree(node.value);
      return;
    }
    // Every node of a subtree that lies after the change: walked without recursion.
    const stack: unknown[] = [node];
    while (stack.length > 0) {
      const current = stack.pop();
      if (!current || typeof current !== 'object') continue;
      if (isPair(current)) {
        stack.push(current.key, current.value);
        continue;
      }
      shiftNode(current as Node);
      if (isCollection(current)) for (const item of current.items) stack.push(item);
    }
  };
  shiftNode(document as unknown as { range?: [number, number, number] });
  let node: unknown = document.contents;
  for (const segment of path) {
    if (!isCollection(node)) return;
    shiftNode(node);
    const index = isMap(node) ? node.items.findIndex((pair) => isPair(pair) && keyText(pair) === segment) : (segment as number);
    for (let later = index + 1; later < node.items.length; later++) shiftTree(node.items[later]);
    const entry = node.items[index];
    node = isPair(entry) ? entry.value : entry;
  }
}

/** A block's lines parsed on their own: the one entry they hold, its offsets moved to where the lines are. */
export function parseBlock(block: Block, text: string, start: number, end: number): { entry: Pair<unknown, unknown> | Node | null; document: Document } | undefined {
  const document = parseDocument(text.slice(start, end), yamlOptions);
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  const contents = document.contents;
  if (!isCollection(contents) || contents.flow || contents.items.length !== 1) return undefined;
  if (block.kind === 'pair') {
    const pair = contents.items[0];
    if (!isMap(contents) || !isPair(pair) || keyText(pair) !== block.key) return undefined;
  } else if (!isSeq(contents)) {
    return undefined;
  }
  if (treeFacts(document).anchorsOrTags) return undefined;
  shiftRanges(document, 0, start);
  return { entry: contents.items[0] as Pair<unknown, unknown> | Node | null, document };
}

export interface Splice {
  block: Block;
  /** The new entry, already placed in the tree. */
  entry: Pair<unknown, unknown> | Node | null;
  /** Its data value. */
  value: unknown;
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

/** A block of a new text parsed on its own, ready to take the place of the old entry. */
export interface ReparsedBlock {
  block: Block;
  /** End of the block's lines in the new text. */
  end: number;
  /** How much longer the new text is. */
  delta: number;
  entry: Pair<unknown, unknown> | Node | null;
  document: Document;
}

/**
 * Parses, on their own, the lines of the smallest block entry of `document` (the tree of
 * `oldText`) that holds the whole difference with `newText`. Touches nothing; undefined when
 * no entry can be parsed alone with certainty.
 */
export function reparseBlock(document: Document, oldText: string, newText: string, maxDepth: number): ReparsedBlock | undefined {
  const { prefix, suffix } = commonEnds(oldText, newText);
  const delta = newText.length - oldText.length;
  const newTo = newText.length - suffix;
  const blocks = findBlocks(document, oldText, prefix, oldText.length - suffix);
  for (const block of blocks.reverse()) {
    if (block.end - block.start > oldText.length * largestBlockShare) break;
    // The entry's new lines: its old lines moved by the change, and any whole lines the change adds at its end.
    const end = Math.max(block.end + delta, lineEnd(newText, newTo));
    if (end > newText.length || (end < newText.length && newText[end - 1] !== '\n')) continue;
    // A document marker ends the document for the whole text, not only for the block.
    if (documentMarker.test(newText.slice(block.start, end))) return undefined;
    // In the whole text, the lines after the entry must not continue it.
    const following = nextContentIndent(newText, end);
    if (following !== undefined && following > block.indent) continue;
    const parsed = parseBlock(block, newText, block.start, end);
    // The block's own nesting, under the levels above it, must stay within what a whole parse accepts.
    if (!parsed || nestingDepth(parsed.document) + block.path.length - 1 > maxDepth) continue;
    return { block, end, delta, entry: parsed.entry, document: parsed.document };
  }
  return undefined;
}

/**
 * Reparses only the smallest block entry that a change falls in, and splices it into
 * `document`, moving the offsets of everything after it. Returns undefined, touching
 * nothing, whenever the result could differ from a parse of the whole text.
 */
export function spliceChange(document: Document, oldText: string, newText: string, maxDepth: number): Splice | undefined {
  const reparsed = reparseBlock(document, oldText, newText, maxDepth);
  if (!reparsed) return undefined;
  const { block, end, delta, entry } = reparsed;
  shiftAfter(document, block.path, end - delta, delta);
  block.collection.items[block.index] = entry as never;
  const node = block.kind === 'pair' ? ((entry as Pair<unknown, unknown>).value as Node | null) : (entry as Node | null);
  const value = node ? node.toJS(reparsed.document, { maxAliasCount: 0 }) : null;
  return { block, entry, value };
}

/** Whether a later text may be parsed by splicing into this tree: not when it has problems, or uses anchors, aliases or tags, which tie distant parts together. */
export function documentIsSpliceable(document: Document, facts = treeFacts(document)): boolean {
  return document.errors.length === 0 && document.warnings.length === 0 && !facts.anchorsOrTags;
}
