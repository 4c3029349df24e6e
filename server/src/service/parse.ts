import { parseDocument, type Document } from 'yaml';
import { nestingDepth } from './walk';
import type { Position, Range } from './types';

export interface YamlProblem {
  code: string;
  message: string;
  offsets: [number, number];
}

/** One parse of one text version, shared by every feature that needs it. */
export interface ParsedDocument {
  readonly text: string;
  readonly yaml: Document.Parsed;
  /** Plain JavaScript data; undefined when the YAML has errors or could not be converted. */
  readonly data: unknown;
  readonly errors: readonly YamlProblem[];
  readonly warnings: readonly YamlProblem[];
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  rangeOf(start: number, end: number): Range;
}

// Aliases may fan out exponentially ("billion laughs"); past this many the conversion stops with an error.
const maxAliasCount = 1000;

/** Larger files are refused with a finding instead of freezing the editor: a year of campaigns is far smaller. */
export const maxTextLength = 10 * 1024 * 1024;

/** Deeper nesting is refused: a plan nests a few levels, and every reader of the tree stays far from the stack's limit. */
export const maxNestingDepth = 256;

function problem(error: { code: string; message: string; pos: [number, number] }): YamlProblem {
  return { code: error.code, message: error.message.split('\n')[0], offsets: error.pos };
}

function megabytes(length: number): string {
  return (length / (1024 * 1024)).toFixed(1);
}

/** Plain data of a parsed document, or why it cannot be had. */
export function toData(document: Document): { data: unknown } | { problem: YamlProblem } {
  if (nestingDepth(document) > maxNestingDepth) {
    return { problem: { code: 'TOO_DEEP', message: `the document nests more than ${maxNestingDepth} levels deep`, offsets: [0, 0] } };
  }
  try {
    return { data: document.toJS({ maxAliasCount }) };
  } catch (error) {
    return { problem: { code: 'ALIAS_LIMIT', message: (error as Error).message, offsets: [0, 0] } };
  }
}

/** Offsets where lines start; a line ends at a line feed, as the parser counts them. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

export function parse(text: string): ParsedDocument {
  const tooLarge = text.length > maxTextLength;
  const yaml = parseDocument(tooLarge ? '' : text, { prettyErrors: false, keepSourceTokens: false, logLevel: 'error' });
  const errors = yaml.errors.map(problem);
  const warnings = yaml.warnings.map(problem);
  let data: unknown;
  if (tooLarge) {
    errors.push({
      code: 'TOO_LARGE',
      message: `this file is ${megabytes(text.length)} MB, and mktplan reads files up to ${megabytes(maxTextLength)} MB: split it, for example one plan per year joined by \`imports\``,
      offsets: [0, 0],
    });
  } else if (errors.length === 0) {
    const converted = toData(yaml);
    if ('data' in converted) data = converted.data;
    else errors.push(converted.problem);
  }
  // The parser's own line counter misses line feeds inside some broken tokens: count them here.
  const lineStarts = tooLarge ? [0] : lineStartsOf(text);
  const positionAt = (offset: number): Position => {
    const clamped = Math.max(0, Math.min(offset, tooLarge ? 0 : text.length));
    let [low, high] = [0, lineStarts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle] <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: clamped - lineStarts[low] };
  };
  const offsetAt = ({ line, character }: Position): number => {
    if (line < 0) return 0;
    if (line >= lineStarts.length) return text.length;
    const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
    return Math.min(lineStarts[line] + Math.max(0, character), lineEnd);
  };
  return {
    text,
    yaml,
    data,
    errors,
    warnings,
    positionAt,
    offsetAt,
    rangeOf: (start, end) => ({ start: positionAt(start), end: positionAt(Math.max(start, end)) }),
  };
}

/** Keeps the last parse per document so that one text version is parsed once. */
export class ParseCache {
  private readonly entries = new Map<string, ParsedDocument>();

  constructor(private readonly capacity = 64) {}

  get(key: string, text: string): ParsedDocument {
    const cached = this.entries.get(key);
    if (cached && cached.text === text) {
      // Refresh its place in the least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const parsed = parse(text);
    this.entries.delete(key);
    this.entries.set(key, parsed);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return parsed;
  }

  /** The cached parse of a file, whatever its text, without parsing. */
  peek(key: string): ParsedDocument | undefined {
    return this.entries.get(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
