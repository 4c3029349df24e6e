import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type ParsedNode } from 'yaml';
import { maxNestingDepth, yamlOptions } from './options';

/**
 * The YAML most plans are written in, read in one pass over the lines instead of through the
 * library's lexer, syntax tree and composer, which cost a cold process several times more.
 *
 * What it reads: block maps and lists; plain and quoted scalars, on one line or, as block values,
 * wrapped over the lines below that stand deeper than their key or dash (folded as YAML folds
 * them: lines joined by a space, blank lines as line breaks); double-quoted escapes; one-line flow
 * lists and maps; literal and folded block scalars (clipped or stripped); empty values; comments
 * and blank lines; lines ending in LF or CRLF.
 * What it makes: the very tree `parseDocument` composes for the same text, with the same node
 * classes, values, scalar types and offsets, so that everything downstream reads one or the
 * other alike. Anything else (anchors, aliases, tags, keys over lines, a comment or a key among a
 * wrapped value's lines, tabs, a carriage return outside a CRLF, directives, document markers,
 * duplicate keys, and whatever the library would report) gives undefined, and the library reads
 * the text. Property tests hold the two equal.
 */
export function parseSimpleYaml(text: string): Document.Parsed | undefined {
  // Characters whose rules the reader does not follow are found by the engine's native search, at once.
  if (text.charCodeAt(0) === 0xfeff || text.includes('\t') || loneCarriageReturn.test(text)) return undefined;
  try {
    return new SimpleReader(text).document();
  } catch (error) {
    if (error === notSimple) return undefined;
    throw error;
  }
}

const loneCarriageReturn = /\r(?!\n)/;

/**
 * A scalar's lines, each without the spaces around it, folded as YAML folds them: lines next to
 * each other joined by a space, each blank line between them a line break. The last line is
 * joined even when empty, as the library joins a quoted scalar whose closing quote starts its line.
 */
function folded(lines: readonly string[]): string {
  let value = lines[0];
  let separator = ' ';
  for (let index = 1; index < lines.length - 1; index++) {
    const line = lines[index];
    if (line !== '') {
      value += separator + line;
      separator = ' ';
    } else if (separator === '\n') value += '\n';
    else separator = '\n';
  }
  return lines.length > 1 ? value + separator + lines[lines.length - 1] : value;
}

/** A quoted scalar's lines, less the spaces that end the first, start the last, and surround the others. */
function quotedLines(inner: string): string[] {
  const lines = inner.split(/\r?\n/);
  return lines.map((line, index) => {
    let start = 0;
    let end = line.length;
    if (index > 0) while (line.charCodeAt(start) === space) start++;
    if (index < lines.length - 1) while (end > start && line.charCodeAt(end - 1) === space) end--;
    return line.slice(start, end);
  });
}

/** What a double-quoted scalar's escapes stand for; `\x`, `\u`, `\U` and an escaped line break are read apart. */
const escapes = new Map(
  Object.entries({ '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\' }),
);
const hexDigits = /^[0-9a-fA-F]+$/;

/**
 * The value of a double-quoted scalar whose text between the quotes is `inner`, read as the
 * library reads it: escapes resolved, spaces before a line break dropped, a line break folded
 * into a space (or into one line break per blank line after it) with the next line's indentation,
 * an escaped line break into nothing. An escape the library reports as an error leaves the text to it.
 */
function doubleQuoted(inner: string): string {
  let value = '';
  for (let index = 0; index < inner.length; index++) {
    const character = inner[index];
    if (character === '\r') continue;
    if (character === '\n') {
      let lineBreaks = '';
      for (let next = inner[index + 1]; next === ' ' || next === '\n' || next === '\r'; next = inner[++index + 1]) if (next === '\n') lineBreaks += '\n';
      value += lineBreaks || ' ';
    } else if (character === ' ') {
      let last = index;
      while (inner[last + 1] === ' ') last++;
      const after = inner[last + 1];
      if (after !== '\n' && after !== '\r') value += inner.slice(index, last + 1);
      index = last;
    } else if (character === '\\') {
      const escaped = inner[++index];
      const meaning = escapes.get(escaped);
      if (meaning !== undefined) value += meaning;
      else if (escaped === '\n' || escaped === '\r') {
        if (escaped === '\r') index++;
        while (inner[index + 1] === ' ') index++;
      } else if (escaped === 'x' || escaped === 'u' || escaped === 'U') {
        const length = escaped === 'x' ? 2 : escaped === 'u' ? 4 : 8;
        const digits = inner.substr(index + 1, length);
        const code = digits.length === length && hexDigits.test(digits) ? parseInt(digits, 16) : NaN;
        if (!(code <= 0x10ffff)) throw notSimple;
        value += String.fromCodePoint(code);
        index += length;
      } else throw notSimple;
    } else value += character;
  }
  return value;
}

/** Thrown wherever the text leaves the subset; caught once, at the top. */
const notSimple = new Error('not simple YAML');

const space = 32;
/** A line feed, or the carriage return of a CRLF (a carriage return alone is left to the library). */
function breaks(code: number): boolean {
  return code === 10 || code === 13;
}
const hash = 35;
const dash = 45;
const colon = 58;
const singleQuote = 39;
const doubleQuote = 34;
const openBracket = 91;
const closeBracket = 93;
const openBrace = 123;
const closeBrace = 125;
const backslash = 92;
const comma = 44;

/** First characters of a plain scalar that YAML gives another meaning, or that the reader leaves to the library. */
const reservedFirst = new Set('-?:,[]{}#&*!|>\'"%@`'.split('').map((character) => character.charCodeAt(0)));

/** Characters the reader leaves to the library inside a flow collection's plain scalar or any plain key. */
const flowIndicators = new Set(',[]{}:#'.split('').map((character) => character.charCodeAt(0)));

type ScalarTag = {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
};

/** The schema every text is read with: the same options give the same schema. */
const schema = new Document(undefined, yamlOptions).schema;
/** The schema's tags a plain scalar is tested against, in the schema's order, as the composer tests them. */
const schemaTags = (schema.tags as unknown as ScalarTag[]).filter((tag) => tag.test);
const valueTags = schemaTags.filter((tag) => tag.default === true);
const keyTags = schemaTags.filter((tag) => tag.default === true || tag.default === 'key');

/**
 * Whether any of the tags reads a text, in one test instead of one a tag: most plain texts (keys,
 * names, ids) are strings, which every tag refuses at their first character.
 */
function anyOf(tags: readonly ScalarTag[]): RegExp | undefined {
  // Alternatives of expressions with flags would not mean what each meant alone.
  if (tags.some((tag) => tag.test!.flags !== '')) return undefined;
  return new RegExp(tags.map((tag) => `(?:${tag.test!.source})`).join('|'));
}
const anyValueTag = anyOf(valueTags);
const anyKeyTag = anyOf(keyTags);

function tagOf(source: string, atKey: boolean): ScalarTag | undefined {
  if ((atKey ? anyKeyTag : anyValueTag)?.test(source) === false) return undefined;
  return (atKey ? keyTags : valueTags).find((candidate) => candidate.test!.test(source));
}

/**
 * A prototype between a node and its class that holds what the class's constructor defines on
 * each node with `Object.defineProperty` (its type, and a collection's schema), a fifth of all
 * the reading's time, where a node made from this prototype costs one plain object. `isScalar`,
 * `isMap`, `instanceof` and the class's methods read such a node as one the library made.
 */
function typedPrototype(node: object): object {
  const hidden: PropertyDescriptorMap = {};
  for (const key of Reflect.ownKeys(node)) {
    const descriptor = Object.getOwnPropertyDescriptor(node, key)!;
    if (!descriptor.enumerable) hidden[key] = descriptor;
  }
  return Object.create(Object.getPrototypeOf(node), hidden);
}
const scalarPrototype = typedPrototype(new Scalar(null));
const pairPrototype = typedPrototype(new Pair(null));
const mapPrototype = typedPrototype(new YAMLMap(schema));
const listPrototype = typedPrototype(new YAMLSeq(schema));

/** A scalar as the library's constructor makes it. */
function newScalar(value: unknown): Scalar {
  const scalar = Object.create(scalarPrototype) as Scalar;
  scalar.value = value;
  return scalar;
}

/** A pair as the library's constructor makes it. */
function newPair(key: ParsedNode, value: ParsedNode): Pair<ParsedNode, ParsedNode> {
  const pair = Object.create(pairPrototype) as Pair<ParsedNode, ParsedNode>;
  pair.key = key;
  pair.value = value;
  return pair;
}

/** A block or flow map as the library's constructor makes it. */
function newMap(): YAMLMap.Parsed {
  const map = Object.create(mapPrototype) as YAMLMap.Parsed;
  map.items = [];
  return map;
}

/** A block or flow list as the library's constructor makes it. */
function newList(): YAMLSeq.Parsed {
  const list = Object.create(listPrototype) as YAMLSeq.Parsed;
  list.items = [];
  return list;
}

class SimpleReader {
  private readonly yaml = new Document(undefined, yamlOptions);

  // The gap after a content line: its blank and comment lines, and the content line that follows it.
  /** Where the gap ends: the first character of the next content line, or the end of the text. */
  private gapEnd = 0;
  /** The deepest indentation of a comment in the gap; -1 without one. */
  private gapComment = -1;
  /** Whether a collection that ended took the gap's comments as its own. */
  private gapTaken = false;
  /** The next content line's indentation; -1 at the end of the text. */
  private nextIndent = -1;
  /** Whether the last value read was empty: the lines after it then belong to its key, not to the document. */
  private lastValueEmpty = false;
  /** How many collections hold the one being read: a text nested deeper than a parse accepts is the library's to refuse. */
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): Document.Parsed {
    this.gap(0);
    if (this.atEnd()) throw notSimple;
    // The root may stand in any column, as a block reparsed alone does; the document starts with its line.
    const [start, lineStart] = [this.gapEnd, this.gapEnd - this.nextIndent];
    const contents = this.block(start, this.nextIndent);
    // Content after the root collection, such as a key under a list at column 0, is the library's to report.
    if (!this.atEnd()) throw notSimple;
    this.yaml.contents = contents;
    // The lines after the last value belong to the document, up to the end of the text.
    this.yaml.range = [lineStart, contents.range[2], this.lastValueEmpty ? contents.range[2] : this.text.length];
    return this.yaml as unknown as Document.Parsed;
  }

  private atEnd(): boolean {
    return this.nextIndent === -1;
  }

  /** Reads the blank and comment lines from the line starting at `from` up to the next content line. */
  private gap(from: number): void {
    const text = this.text;
    this.gapComment = -1;
    this.gapTaken = false;
    let start = from;
    while (start < text.length) {
      let column = start;
      while (text.charCodeAt(column) === space) column++;
      const first = text.charCodeAt(column);
      if (column < text.length && !breaks(first) && first !== hash) {
        const indent = column - start;
        // A directive, a document marker, or a second document: the library's to read.
        if (indent === 0 && (first === 37 /* % */ || text.startsWith('---', column) || text.startsWith('...', column))) throw notSimple;
        this.gapEnd = column;
        this.nextIndent = indent;
        return;
      }
      if (first === hash) this.gapComment = Math.max(this.gapComment, column - start);
      const end = text.indexOf('\n', column);
      if (end < 0) break;
      start = end + 1;
    }
    this.gapEnd = text.length;
    this.nextIndent = -1;
  }

  /** A block map or list whose first entry starts at `at`, in column `indent`. */
  private block(at: number, indent: number): YAMLMap.Parsed | YAMLSeq.Parsed {
    return this.isListItem(at) ? this.list(at, indent) : this.map(at, indent);
  }

  private isListItem(at: number): boolean {
    if (this.text.charCodeAt(at) !== dash) return false;
    const after = this.text.charCodeAt(at + 1);
    return after === space || breaks(after) || at + 1 >= this.text.length;
  }

  /**
   * After a collection's last entry: the comments of the gap that follows are its own when one
   * of them stands at least as deep as its entries (and it is not at column 0), as the parser
   * keeps them; they then end where the next content starts.
   */
  private close(node: YAMLMap.Parsed | YAMLSeq.Parsed, start: number, indent: number, valueEnd: number): void {
    let end = valueEnd;
    if (!this.gapTaken && indent !== 0 && this.gapComment >= indent) {
      end = this.gapEnd;
      this.gapTaken = true;
    }
    node.range = [start, valueEnd, end];
  }

  /** After a value that ends its line: comments deeper than its collection's entries join the value, which the reader leaves alone. */
  private gapAfterValue(from: number, indent: number): void {
    this.gap(from);
    if (this.gapComment > indent) throw notSimple;
  }

  /** Enters a collection; one nested deeper than a parse accepts leaves the text to the library, before the stack runs out. */
  private enter(): void {
    if (++this.depth > maxNestingDepth) throw notSimple;
  }

  private leave<Collection>(collection: Collection): Collection {
    this.depth--;
    return collection;
  }

  private map(start: number, indent: number): YAMLMap.Parsed {
    this.enter();
    const text = this.text;
    const map = newMap();
    const keys = new Set<unknown>();
    let at = start;
    let valueEnd = start;
    for (;;) {
      const key = this.key(at);
      if (keys.has(key.value)) throw notSimple;
      keys.add(key.value);
      let after = key.range[1] + 1;
      while (text.charCodeAt(after) === space) after++;
      let value: ParsedNode;
      const next = text.charCodeAt(after);
      if (after >= text.length || breaks(next) || next === hash) {
        // Nothing on the key's line: a block below it, or an empty value.
        const colonEnd = key.range[1] + 1;
        const lineEnd = text.indexOf('\n', after);
        this.gap(lineEnd < 0 ? text.length : lineEnd + 1);
        const below = this.nextIndent > indent || (this.nextIndent === indent && this.isListItem(this.gapEnd));
        if (below) value = this.block(this.gapEnd, this.nextIndent);
        else {
          // An empty value with comments around it: where those go is the library's to say.
          if (after !== colonEnd || this.gapComment >= 0) throw notSimple;
          value = this.plain(colonEnd, colonEnd, colonEnd, false);
          this.lastValueEmpty = true;
        }
      } else {
        value = this.inlineValue(after, indent);
      }
      map.items.push(newPair(key, value));
      valueEnd = value.range[2];
      if (this.nextIndent === indent && !this.isListItem(this.gapEnd)) {
        at = this.gapEnd;
        continue;
      }
      if (this.nextIndent >= indent) throw notSimple;
      this.close(map, start, indent, valueEnd);
      return this.leave(map);
    }
  }

  private list(start: number, indent: number): YAMLSeq.Parsed {
    this.enter();
    const text = this.text;
    const list = newList();
    let at = start;
    for (;;) {
      let item = at + 1;
      while (text.charCodeAt(item) === space) item++;
      const first = text.charCodeAt(item);
      // An empty item, a comment after the dash, or a list in a list: the library's to read.
      if (item === at + 1 || item >= text.length || breaks(first) || first === hash || this.isListItem(item)) throw notSimple;
      const value = this.isKey(item, indent) ? this.map(item, indent + item - at) : this.inlineValue(item, indent);
      list.items.push(value);
      if (this.nextIndent === indent && this.isListItem(this.gapEnd)) {
        at = this.gapEnd;
        continue;
      }
      // A key in the list's own column ends a list that stands in a map's column; the map checks it.
      if (this.nextIndent > indent) throw notSimple;
      this.close(list, start, indent, value.range[2]);
      return this.leave(list);
    }
  }

  /** Whether a plain scalar may start at `at`: not with an indicator, but a dash before a character that is no space (`-20`). */
  private startsPlain(at: number, inFlow: boolean): boolean {
    const first = this.text.charCodeAt(at);
    if (!reservedFirst.has(first)) return true;
    if (first !== dash) return false;
    const next = this.text.charCodeAt(at + 1);
    return at + 1 < this.text.length && next !== space && !breaks(next) && !(inFlow && flowIndicators.has(next));
  }

  /**
   * Whether the line's content at `at` is a key: a plain or quoted scalar followed by `: ` or a
   * colon that ends the line. A quoted scalar may run over lines deeper than `indent` (and then
   * fail as a key).
   */
  private isKey(at: number, indent: number): boolean {
    const text = this.text;
    const first = text.charCodeAt(at);
    // A flow collection is a value here; as a key it is the library's, which the value's reader finds.
    if (first === openBracket || first === openBrace) return false;
    let end: number;
    if (first === singleQuote || first === doubleQuote) end = this.quotedEnd(at, indent);
    else {
      end = at;
      for (;;) {
        const code = text.charCodeAt(end);
        if (end >= text.length || breaks(code)) return false;
        if (code === colon) break;
        if (code === hash && text.charCodeAt(end - 1) === space) return false;
        end++;
      }
    }
    if (text.charCodeAt(end) !== colon) return false;
    const after = text.charCodeAt(end + 1);
    return end + 1 >= text.length || after === space || breaks(after);
  }

  /** A block map's key at `at`, followed by its colon: range[1] is where the colon stands. */
  private key(at: number): Scalar.Parsed {
    const text = this.text;
    const first = text.charCodeAt(at);
    let key: Scalar.Parsed;
    if (first === singleQuote || first === doubleQuote) {
      const end = this.quotedEnd(at);
      key = this.quoted(at, end, end);
    } else {
      if (!this.startsPlain(at, false)) throw notSimple;
      let end = at;
      while (end < text.length && text.charCodeAt(end) !== colon) {
        const code = text.charCodeAt(end);
        if (breaks(code) || flowIndicators.has(code) || code === singleQuote || code === doubleQuote) throw notSimple;
        end++;
      }
      // Spaces before the colon are the library's.
      if (end === at || text.charCodeAt(end - 1) === space) throw notSimple;
      key = this.plain(at, end, end, true);
    }
    const colonAt = key.range[1];
    const after = text.charCodeAt(colonAt + 1);
    if (text.charCodeAt(colonAt) !== colon || !(colonAt + 1 >= text.length || after === space || breaks(after))) throw notSimple;
    // A key as long as the library refuses (its colon more than 1,024 characters after its start), plain or quoted, is the library's.
    if (colonAt - at > 1000) throw notSimple;
    return key;
  }

  /**
   * A value that starts on its line after a key or a dash, in a collection whose entries stand in
   * column `indent`; a plain or quoted one may go on over the lines below that are deeper.
   */
  private inlineValue(at: number, indent: number): ParsedNode {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (first === 124 /* | */ || first === 62 /* > */) return this.blockScalar(at, indent);
    let node: ParsedNode;
    let end: number;
    if (first === openBracket || first === openBrace) {
      node = this.flow(at);
      end = node.range[1];
    } else if (first === singleQuote || first === doubleQuote) {
      end = this.quotedEnd(at, indent);
      node = this.quoted(at, end, end);
    } else {
      node = this.plainValue(at, indent);
      end = node.range[1];
    }
    // The rest of the line: spaces, and a comment after a space.
    let rest = end;
    while (text.charCodeAt(rest) === space) rest++;
    const code = text.charCodeAt(rest);
    if (rest < text.length && !breaks(code) && !(code === hash && rest > end)) throw notSimple;
    const lineEnd = this.lineEnd(rest);
    const nodeEnd = lineEnd < text.length ? lineEnd + 1 : lineEnd;
    node.range[2] = nodeEnd;
    this.lastValueEmpty = false;
    this.gapAfterValue(nodeEnd, indent);
    return node;
  }

  /**
   * A plain value at `at` and the lines that continue it: after a line that ends without a
   * comment, each next line deeper than `indent` that does not start with `#`, blank lines among
   * them; its value is its lines folded, as the library folds them.
   */
  private plainValue(at: number, indent: number): Scalar.Parsed {
    const text = this.text;
    if (!this.startsPlain(at, false)) throw notSimple;
    let valueEnd = this.plainLineEnd(at);
    let lines: string[] | undefined;
    let blankLines = 0;
    // A comment after a line's text ends the value.
    let lineStart = this.endsLine(valueEnd) ? this.lineEnd(valueEnd) + 1 : text.length;
    while (lineStart < text.length) {
      let column = lineStart;
      while (text.charCodeAt(column) === space) column++;
      const first = text.charCodeAt(column);
      if (column >= text.length || breaks(first)) blankLines++;
      else if (column - lineStart <= indent || first === hash) break;
      else {
        const end = this.plainLineEnd(column);
        lines ??= [text.slice(at, valueEnd)];
        for (; blankLines > 0; blankLines--) lines.push('');
        lines.push(text.slice(column, end));
        valueEnd = end;
        if (!this.endsLine(end)) break;
      }
      lineStart = this.lineEnd(column) + 1;
    }
    return this.plain(at, valueEnd, valueEnd, false, lines && folded(lines));
  }

  /**
   * Where a plain scalar's text on a line ends, from `from`: at a comment (a `#` after a space) or
   * the line's end, less trailing spaces. A colon before a space or the line's end would make the
   * line a key, which YAML refuses there (`key: a: b`, a key below a wrapped value): the library's.
   */
  private plainLineEnd(from: number): number {
    const text = this.text;
    let end = from;
    for (
      let code = text.charCodeAt(end);
      end < text.length && !breaks(code) && !(code === hash && text.charCodeAt(end - 1) === space);
      code = text.charCodeAt(++end)
    ) {
      if (code === colon) {
        const after = text.charCodeAt(end + 1);
        if (after === space || breaks(after) || end + 1 >= text.length) throw notSimple;
      }
    }
    while (text.charCodeAt(end - 1) === space) end--;
    return end;
  }

  /** Whether only spaces follow `at` on its line: no comment. */
  private endsLine(at: number): boolean {
    let position = at;
    while (this.text.charCodeAt(position) === space) position++;
    return position >= this.text.length || breaks(this.text.charCodeAt(position));
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose indicator stands at `at`, clipped or
   * stripped (`-`), its lines indented deeper than its collection's entries. Kept lines (`+`),
   * an indentation indicator, blank lines before the text or with spaces beyond its indentation,
   * deeper or space-ended lines in a folded one, and comments after it are the library's.
   */
  private blockScalar(at: number, indent: number): Scalar.Parsed {
    const text = this.text;
    const literal = text.charCodeAt(at) === 124;
    let header = at + 1;
    const strip = text.charCodeAt(header) === dash;
    if (strip) header++;
    // The header's line: spaces, then a comment after a space, or nothing.
    let rest = header;
    while (text.charCodeAt(rest) === space) rest++;
    if (rest < text.length && !breaks(text.charCodeAt(rest)) && !(text.charCodeAt(rest) === hash && rest > header)) throw notSimple;
    const headerEnd = this.lineEnd(rest);
    if (headerEnd >= text.length) throw notSimple;
    let start = headerEnd + 1;
    let column = start;
    while (text.charCodeAt(column) === space) column++;
    const blockIndent = column - start;
    if (blockIndent <= indent || column >= text.length || breaks(text.charCodeAt(column))) throw notSimple;
    const lines: string[] = [];
    let contentEnd = start;
    let blanks = 0;
    for (;;) {
      column = start;
      while (text.charCodeAt(column) === space) column++;
      const lineEnd = this.lineEnd(column);
      const blank = column >= text.length || breaks(text.charCodeAt(column));
      if (blank) {
        if (column - start > blockIndent) throw notSimple;
        blanks++;
      } else {
        if (column - start < blockIndent) break;
        const line = text.slice(start + blockIndent, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
        if (!literal && (column - start > blockIndent || line.endsWith(' '))) throw notSimple;
        for (; blanks > 0; blanks--) lines.push('');
        lines.push(line);
        contentEnd = lineEnd < text.length ? lineEnd + 1 : lineEnd;
      }
      if (lineEnd >= text.length) break;
      start = lineEnd + 1;
    }
    const value = (literal ? lines.join('\n') : folded(lines)) + (strip ? '' : '\n');
    const scalar = newScalar(value) as Scalar.Parsed;
    scalar.range = [at, contentEnd, contentEnd];
    scalar.source = value;
    scalar.type = literal ? Scalar.BLOCK_LITERAL : Scalar.BLOCK_FOLDED;
    this.lastValueEmpty = false;
    this.gap(contentEnd);
    if (this.gapComment >= 0) throw notSimple;
    return scalar;
  }

  private lineEnd(at: number): number {
    const end = this.text.indexOf('\n', at);
    return end < 0 ? this.text.length : end;
  }

  /** A one-line flow list or map at `at`; range[2] is where its closing bracket ends, for the caller to extend. */
  private flow(at: number): YAMLMap.Parsed | YAMLSeq.Parsed {
    this.enter();
    const text = this.text;
    const isMap = text.charCodeAt(at) === openBrace;
    const close = isMap ? closeBrace : closeBracket;
    const node = isMap ? newMap() : newList();
    node.flow = true;
    const keys = new Set<unknown>();
    let position = at + 1;
    if (text.charCodeAt(position) === close) {
      node.range = [at, position + 1, position + 1];
      return this.leave(node);
    }
    for (;;) {
      while (text.charCodeAt(position) === space) position++;
      if (isMap) {
        const key = this.flowScalar(position, true);
        if (keys.has(key.value)) throw notSimple;
        keys.add(key.value);
        if (text.charCodeAt(key.range[1]) !== colon || text.charCodeAt(key.range[1] + 1) !== space) throw notSimple;
        position = key.range[1] + 1;
        while (text.charCodeAt(position) === space) position++;
        const value = this.flowItem(position);
        (node as YAMLMap.Parsed).items.push(newPair(key, value));
        position = value.range[2];
      } else {
        const item = this.flowItem(position);
        (node as YAMLSeq.Parsed).items.push(item);
        position = item.range[2];
      }
      const code = text.charCodeAt(position);
      if (code === close) {
        node.range = [at, position + 1, position + 1];
        return this.leave(node);
      }
      // A trailing comma, a missing one, or a line break inside: the library's to read.
      if (code !== comma) throw notSimple;
      position++;
      while (text.charCodeAt(position) === space) position++;
      const following = text.charCodeAt(position);
      if (following === close || following === comma) throw notSimple;
    }
  }

  /** An entry of a flow collection: its range[2] runs over the spaces after it. */
  private flowItem(at: number): ParsedNode {
    const text = this.text;
    const first = text.charCodeAt(at);
    let node: ParsedNode;
    if (first === openBracket || first === openBrace) node = this.flow(at);
    else node = this.flowScalar(at, false);
    let end = node.range[1];
    while (text.charCodeAt(end) === space) end++;
    node.range[2] = end;
    // A flow list's entry followed by a colon is a pair, which the reader leaves to the library.
    if (text.charCodeAt(end) === colon) throw notSimple;
    return node;
  }

  /** A plain or quoted scalar inside a flow collection; range[2] is its end, without spaces. */
  private flowScalar(at: number, atKey: boolean): Scalar.Parsed {
    const text = this.text;
    const first = text.charCodeAt(at);
    if (first === singleQuote || first === doubleQuote) {
      const end = this.quotedEnd(at);
      return this.quoted(at, end, end);
    }
    if (!this.startsPlain(at, true)) throw notSimple;
    let end = at;
    for (;;) {
      const code = text.charCodeAt(end);
      if (end >= text.length || breaks(code)) throw notSimple;
      if (code === comma || code === closeBracket || code === closeBrace || (atKey && code === colon)) break;
      // A quote inside the text is a character of it, as anywhere after a plain scalar's first.
      if (flowIndicators.has(code)) throw notSimple;
      end++;
    }
    let valueEnd = end;
    while (text.charCodeAt(valueEnd - 1) === space) valueEnd--;
    return this.plain(at, valueEnd, valueEnd, atKey);
  }

  /**
   * Where a quoted scalar at `at` ends, after its closing quote. With `indent`, a block value's,
   * it may run over lines, each blank or deeper than `indent`; without, it must end on its line.
   */
  private quotedEnd(at: number, indent?: number): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    for (let position = at + 1; position < text.length; position++) {
      const code = text.charCodeAt(position);
      if (breaks(code)) {
        if (indent === undefined) throw notSimple;
        if (code === 13) continue;
        let column = position + 1;
        while (text.charCodeAt(column) === space) column++;
        // A line no deeper than the entries is an error of the library's to report.
        if (column - position - 1 <= indent && column < text.length && !breaks(text.charCodeAt(column))) throw notSimple;
      } else if (code === quote) {
        if (quote === singleQuote && text.charCodeAt(position + 1) === singleQuote) position++;
        else return position + 1;
      } else if (code === backslash && quote === doubleQuote && !breaks(text.charCodeAt(position + 1))) position++;
    }
    throw notSimple;
  }

  private quoted(start: number, end: number, nodeEnd: number): Scalar.Parsed {
    const text = this.text;
    const double = text.charCodeAt(start) === doubleQuote;
    const inner = text.slice(start + 1, end - 1);
    const multiline = inner.includes('\n');
    let value: string;
    if (double) value = multiline || inner.includes('\\') ? doubleQuoted(inner) : inner;
    else value = (multiline ? folded(quotedLines(inner)) : inner).replace(/''/g, "'");
    const scalar = newScalar(value);
    scalar.range = [start, end, nodeEnd];
    scalar.source = value;
    scalar.type = double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    return scalar as Scalar.Parsed;
  }

  /** A plain scalar, its value (`source`: its text, unless folded from lines) resolved by the schema's tags as the composer resolves it. */
  private plain(start: number, end: number, nodeEnd: number, atKey: boolean, source = this.text.slice(start, end)): Scalar.Parsed {
    const tag = tagOf(source, atKey);
    let scalar: Scalar;
    if (!tag) scalar = newScalar(source);
    else {
      const resolved = tag.resolve(
        source,
        () => {
          throw notSimple;
        },
        this.yaml.options,
      );
      // The merge key's tag makes a node of its own: merging is the library's.
      if (isScalar(resolved) && typeof resolved.value === 'symbol') throw notSimple;
      scalar = isScalar(resolved) ? resolved : newScalar(resolved);
      if (tag.format) scalar.format = tag.format;
    }
    scalar.range = [start, end, nodeEnd];
    scalar.source = source;
    scalar.type = Scalar.PLAIN;
    return scalar as Scalar.Parsed;
  }
}
