import { parse, type ParsedDocument, type YamlProblem } from '../document/parse';
import type { MessageRef } from '../i18n/messages';
import { scalarText } from '../rules/fixes/values';

/** A repair of a YAML syntax error: its title, and edits of the text by offsets. */
export interface YamlRepair {
  title: MessageRef;
  edits: Array<{ start: number; end: number; text: string }>;
}

interface Line {
  start: number;
  /** The line without its line end. */
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lines.push({ start, text: text.slice(start, end).replace(/\r$/, '') });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** The line that holds an offset, found by halving: a file may hold a great many errors. */
function lineIndexAt(lines: readonly Line[], offset: number): number {
  let [low, high] = [0, lines.length - 1];
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lines[middle].start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The errors of a text, each as its code and the line it stands on, to tell whether a repair added any. */
function errorKeys(text: string, errors: readonly YamlProblem[]): string[] {
  const lines = linesOf(text);
  return errors.map((error) => `${error.code} ${lines[lineIndexAt(lines, error.offsets[0])].text}`);
}

/** Whether the repaired text has fewer errors than the text, and none it did not have: a repair that guesses right, or none. */
function verified(parsed: ParsedDocument, edits: YamlRepair['edits']): boolean {
  // Built in one pass: a file indented with tabs has an edit on every line.
  const pieces: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    pieces.push(parsed.text.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  pieces.push(parsed.text.slice(at));
  const repaired = pieces.join('');
  const before = errorKeys(parsed.text, parsed.errors);
  const after = errorKeys(repaired, parse(repaired).errors);
  if (after.length >= before.length) return false;
  const left = [...before];
  return after.every((key) => {
    const index = left.indexOf(key);
    return index >= 0 && left.splice(index, 1).length === 1;
  });
}

/**
 * A file indented with tabs only, its tabs as two spaces each: where spaces indent some line
 * too, how wide a tab was meant to be is not known, and nothing is offered.
 */
function indentWithSpaces(lines: readonly Line[]): YamlRepair | undefined {
  const edits: YamlRepair['edits'] = [];
  for (const line of lines) {
    const indent = /^[ \t]*/.exec(line.text)![0];
    if (indent.length === line.text.length || indent === '') continue;
    if (indent.includes(' ')) return undefined;
    edits.push({ start: line.start, end: line.start + indent.length, text: '  '.repeat(indent.length) });
  }
  return edits.length > 0 ? { title: { id: 'fix.yaml.indentWithSpaces' }, edits } : undefined;
}

/**
 * What a line leaves open at its end: a quoted value or flow brackets opened on it and not
 * closed, as the characters that close them, innermost first; and where they go (before a
 * comment that follows brackets). Quotes and brackets count only where a value starts.
 */
function leftOpen(line: string): { closing: string; at: number } | undefined {
  const closers: string[] = [];
  let valueStarts = true;
  for (let index = 0; index < line.length; index++) {
    const character = line[index];
    if (character === ' ' || character === '\t') continue;
    if (character === '#' && (index === 0 || /\s/.test(line[index - 1]))) {
      const at = line.slice(0, index).trimEnd().length;
      return closers.length > 0 ? { closing: closers.reverse().join(''), at } : undefined;
    }
    if (valueStarts && (character === '"' || character === "'")) {
      let end = index + 1;
      for (; end < line.length; end++) {
        if (character === '"' && line[end] === '\\') end++;
        else if (line[end] === character) {
          if (character === "'" && line[end + 1] === "'") end++;
          else break;
        }
      }
      if (end >= line.length) return { closing: character + closers.reverse().join(''), at: line.length };
      index = end;
      valueStarts = false;
      continue;
    }
    if (valueStarts && (character === '[' || character === '{')) {
      closers.push(character === '[' ? ']' : '}');
      continue;
    }
    if (closers.length > 0 && (character === ']' || character === '}')) {
      if (closers[closers.length - 1] !== character) return undefined;
      closers.pop();
      valueStarts = false;
      continue;
    }
    // A value starts after `- `, `? `, `: ` and, inside brackets, after a comma.
    const next = line[index + 1];
    valueStarts = ((character === '-' || character === '?' || character === ':') && (next === undefined || next === ' ')) || (closers.length > 0 && character === ',');
  }
  return closers.length > 0 ? { closing: closers.reverse().join(''), at: line.trimEnd().length } : undefined;
}

/** A quote or bracket left open at the end of a line, at or above the error, closed there. */
function closeAtLineEnd(parsed: ParsedDocument, lines: readonly Line[], errorLine: number): YamlRepair | undefined {
  // The nearest lines first: a value left open runs on from the line that opened it.
  for (let index = errorLine, tried = 0; index >= 0 && tried < 3; index--) {
    const open = leftOpen(lines[index].text);
    if (!open) continue;
    tried++;
    const at = lines[index].start + open.at;
    const repair: YamlRepair = { title: { id: 'fix.yaml.close', data: { closing: open.closing } }, edits: [{ start: at, end: at, text: open.closing }] };
    if (verified(parsed, repair.edits)) return repair;
  }
  return undefined;
}

/** `total:5000` where `total: 5000` was meant: a key of the format's kind, glued to its value. */
function spaceAfterColon(lines: readonly Line[], errorLine: number): YamlRepair | undefined {
  const line = lines[errorLine];
  const glued = /^(\s*(?:- +)?)([A-Za-z][A-Za-z0-9]*):(?=[^\s:/])/.exec(line.text);
  if (!glued) return undefined;
  const at = line.start + glued[0].length;
  return { title: { id: 'fix.yaml.spaceAfterColon', data: { key: glued[2] } }, edits: [{ start: at, end: at, text: ' ' }] };
}

/**
 * `title: Plan: 2027`, a text value holding `: `, put in quotes. Not where the text before its
 * colon is written like a key of the format (`plan: owner: x`): a nested entry may be meant.
 */
function quoteValue(lines: readonly Line[], errorLine: number): YamlRepair | undefined {
  const line = lines[errorLine];
  const entry = /^(\s*(?:- +)?[A-Za-z][A-Za-z0-9]*: +)([^"'[{|>&*!%@`#\s][^#]*?)(\s+#.*)?$/.exec(line.text);
  if (!entry || !entry[2].includes(': ')) return undefined;
  if (/^[a-z][A-Za-z0-9]*$/.test(entry[2].split(': ')[0])) return undefined;
  const start = line.start + entry[1].length;
  return { title: { id: 'fix.yaml.quoteValue' }, edits: [{ start, end: start + entry[2].length, text: scalarText(entry[2]) }] };
}

/** The repair of a YAML syntax error where the edit is certain (checked by parsing the text it gives), or none. */
export function yamlRepair(parsed: ParsedDocument, problem: YamlProblem): YamlRepair | undefined {
  const lines = linesOf(parsed.text);
  const errorLine = lineIndexAt(lines, problem.offsets[0]);
  const candidates: Array<() => YamlRepair | undefined> = [];
  switch (problem.code) {
    case 'TAB_AS_INDENT':
      candidates.push(() => indentWithSpaces(lines));
      break;
    case 'MISSING_CHAR':
    case 'BAD_INDENT':
    case 'UNEXPECTED_TOKEN':
      return closeAtLineEnd(parsed, lines, errorLine);
    case 'MULTILINE_IMPLICIT_KEY':
      candidates.push(() => spaceAfterColon(lines, errorLine));
      break;
    case 'BLOCK_AS_IMPLICIT_KEY':
      candidates.push(() => quoteValue(lines, errorLine));
      break;
  }
  for (const candidate of candidates) {
    const repair = candidate();
    if (repair && verified(parsed, repair.edits)) return repair;
  }
  return undefined;
}
