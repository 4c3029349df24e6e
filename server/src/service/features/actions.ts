import { isScalar } from 'yaml';
import { forEachNode } from '../document/walk';
import type { MessageRef } from '../i18n/messages';
import type { Analysis } from '../model/analysis';
import { rulesById, type FixProposal } from '../rules';
import type { FixContext } from '../rules/rule';
import { textStart, type FixEdit } from '../rules/fixes/edits';
import type { DefaultFor } from '../rules/fixes/snippets';
import type { Translator } from '../i18n/translator';
import { scalarText } from '../rules/fixes/values';
import { describe, enumValues, schemaAt } from '../schema/definitions';
import { yamlRepair, type YamlRepair } from './yamlRepairs';
import type { Diagnostic, Range } from '../types';

/** A quick fix or a silencing of one finding, before its title is worded. */
export interface ActionProposal {
  title: MessageRef;
  kind: 'quickfix';
  diagnostic: Diagnostic;
  edits: FixEdit[];
  isPreferred?: boolean;
  safe?: boolean;
}

/** Snippet defaults that name what the file has: a kind's first id, dates inside the plan period. */
export function defaultsFor(analysis: Analysis, freeId: (base: string) => string, translator: Translator, now: Date): DefaultFor {
  // A placeholder's text in the reader's language, from any snippet that has it.
  const translated = new Map(Object.values(translator.translations.snippets).flatMap((snippet) => Object.entries(snippet.placeholders ?? {})));
  const { model } = analysis;
  const visible = [...analysis.definitions, ...analysis.imports.scope.definitions()];
  const firstOf = (kind: string) => visible.find((definition) => definition.kind === kind)?.id;
  const year = yearOf(analysis, now);
  const period = model.period;
  const byPlaceholder: Record<string, () => string | undefined> = {
    'kpi-id': () => firstOf('kpi'),
    'channel-id': () => firstOf('channel'),
    'objective-id': () => firstOf('objective'),
    'segment-id': () => firstOf('segment'),
    'campaign-id': () => firstOf('campaign'),
    'team-member-id': () => model.owner('plan')?.id ?? firstOf('member'),
  };
  return (key, defaultText) => {
    if (key === 'id') return freeId(defaultText.replace(/-id$/, ''));
    // An id is taken as the file writes it (`"@anna"`, `"2027"`): it goes into the YAML quoted where it must be.
    const named = byPlaceholder[defaultText]?.();
    if (named) return scalarText(named);
    if (key === 'start' || key === 'date') return period?.startText ?? `${year}-01-01`;
    if (key === 'end' || key === 'due') return period?.endText ?? `${year}-12-31`;
    if ((key === 'owner' || key === 'to') && !/^\d/.test(defaultText)) {
      const owner = model.owner('plan')?.id ?? model.owner('strategy')?.id ?? firstOf('member');
      return owner === undefined ? undefined : scalarText(owner);
    }
    // Written as YAML needs it: a translation may hold a colon or a hash.
    const text = translated.get(defaultText);
    return text === undefined ? undefined : scalarText(text);
  };
}

/** The year new dates fall in: the plan period's first, else the one it is now. */
export function yearOf(analysis: Analysis, now: Date): string {
  return analysis.model.period?.startText.slice(0, 4) ?? String(now.getFullYear());
}

/** An id free in the file and what it sees: the base itself, or the base with the first number that makes it so. */
export function freeIdFrom(taken: ReadonlySet<string>): (base: string) => string {
  const used = new Set(taken);
  return (base) => {
    const clean = base.replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'item';
    let id = clean;
    for (let number = 2; used.has(id); number++) id = `${clean}-${number}`;
    used.add(id);
    return id;
  };
}

const linesOf = (text: string) => text.split('\n');

/**
 * Silences a finding on its line: `# mktplan-disable-next-line <id>` above it, at its
 * indentation, or its id added to the directive already there.
 */
export function silenceOnLine(analysis: Analysis, diagnostic: Diagnostic): FixEdit {
  const { parsed, file } = analysis;
  const lines = linesOf(parsed.text);
  const line = diagnostic.range.start.line;
  const previous = line > 0 ? lines[line - 1].replace(/\r$/, '') : undefined;
  const directive = previous === undefined ? undefined : /^(\s*#\s*mktplan-disable-next-line\s+)(.*?)\s*$/.exec(previous);
  if (directive) {
    const end = { line: line - 1, character: previous!.length };
    return { file, range: { start: end, end }, text: `, ${diagnostic.code}` };
  }
  // On the first line, after a byte order mark.
  const begin = line === 0 ? textStart(parsed.text) : 0;
  const indent = /^[ \t]*/.exec(lines[line].slice(begin))![0];
  const start = { line, character: begin };
  const text = `${indent}# mktplan-disable-next-line ${diagnostic.code}${lines[line].endsWith('\r') ? '\r' : ''}\n`;
  return { file, range: { start, end: start }, text };
}

/** Silences a rule in the whole file: `# mktplan-disable <id>` on the first line, or its id added to that directive. */
export function silenceInFile(analysis: Analysis, diagnostic: Diagnostic): FixEdit {
  const { parsed, file } = analysis;
  // After a byte order mark, which stays the file's first character.
  const begin = textStart(parsed.text);
  const first = linesOf(parsed.text)[0].slice(begin).replace(/\r$/, '');
  if (/^#\s*mktplan-disable\s+\S/.test(first)) {
    const end = { line: 0, character: begin + first.length };
    return { file, range: { start: end, end }, text: `, ${diagnostic.code}` };
  }
  const start = { line: 0, character: begin };
  return { file, range: { start, end: start }, text: `# mktplan-disable ${diagnostic.code}${parsed.text.includes('\r\n') ? '\r' : ''}\n` };
}

/** The certain repair of the YAML syntax error a finding reports, if there is one. */
function repairOf(analysis: Analysis, diagnostic: Diagnostic): YamlRepair | undefined {
  const { parsed } = analysis;
  const code = (diagnostic.data.facts as { code?: string } | undefined)?.code;
  const { line, character } = diagnostic.range.start;
  const problem = parsed.errors.find((error) => {
    const start = parsed.positionAt(error.offsets[0]);
    return error.code === code && start.line === line && start.character === character;
  });
  return problem && yamlRepair(parsed, problem);
}

/** What a tab stop shows for a value the user types: an enum's values, a date's pattern, else the key's title in the reader's language. */
export function placeholdersFor(translator: Translator): (path: readonly (string | number)[]) => string | readonly string[] {
  return (path) => {
    const entry = schemaAt(path);
    const name = String(path[path.length - 1]);
    if (!entry) return name;
    const choices = enumValues(entry).map((choice) => choice.value);
    if (choices.length > 0) return choices;
    if ((entry.resolved as { format?: string }).format === 'date') return translator.t('fix.placeholder.date');
    const docs = describe(entry);
    const title = (docs.titleRef ? translator.schemaText(docs.titleRef, { title: docs.title }).title : docs.title) ?? name;
    return scalarText(title.toLocaleLowerCase(translator.locale));
  };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

/** The fixes of the findings that touch a range, each rule's own first, then the silencing of each. */
export async function actionsFor(
  analysis: Analysis,
  diagnostics: readonly Diagnostic[],
  range: Range,
  context: Omit<FixContext, keyof Analysis | 'finding'>,
): Promise<ActionProposal[]> {
  const actions: ActionProposal[] = [];
  const here = diagnostics.filter((diagnostic) => overlaps(diagnostic.range, range));
  for (const diagnostic of here) {
    const rule = rulesById.get(diagnostic.code);
    const proposals: FixProposal[] = rule?.fix && analysis.parsed.errors.length === 0 ? await rule.fix({ ...analysis, ...context, finding: diagnostic.data }) : [];
    for (const proposal of proposals) {
      const edits = distinctEdits(proposal.edits);
      if (edits && edits.length > 0) actions.push({ ...proposal, edits, kind: 'quickfix', diagnostic });
    }
  }
  for (const diagnostic of here) {
    const repair = diagnostic.code === 'yaml-syntax' ? repairOf(analysis, diagnostic) : undefined;
    if (repair) actions.push({ title: repair.title, kind: 'quickfix', diagnostic, isPreferred: true, edits: repair.edits.map(({ start, end, text }) => ({ file: analysis.file, range: analysis.parsed.rangeOf(start, end), text })) });
  }
  let scalarSpans: Array<[number, number]> | undefined;
  const continuesScalar = (offset: number) => (scalarSpans ??= multiLineScalars(analysis.parsed)).some(([start, end]) => start < offset && offset < end);
  for (const diagnostic of here) {
    // A line can be silenced where a comment above it stays a comment of its own: not in a file
    // whose YAML does not parse (it may fall inside an unclosed quote), nor for a finding about
    // the file as a whole at its start, nor on a line that continues a quoted, plain or block
    // scalar (the comment would be text of the value, or end it).
    const line = analysis.parsed.text.split('\n')[diagnostic.range.start.line] ?? '';
    const onContent =
      diagnostic.code !== 'yaml-syntax' &&
      line.trim() !== '' &&
      !line.trimStart().startsWith('#') &&
      !continuesScalar(analysis.parsed.offsetAt({ line: diagnostic.range.start.line, character: 0 }));
    if (onContent) actions.push({ title: { id: 'fix.silenceLine', data: { rule: diagnostic.code } }, kind: 'quickfix', diagnostic, edits: [silenceOnLine(analysis, diagnostic)] });
    actions.push({ title: { id: 'fix.silenceFile', data: { rule: diagnostic.code } }, kind: 'quickfix', diagnostic, edits: [silenceInFile(analysis, diagnostic)] });
  }
  return actions;
}

/** The spans of the scalars written on more than one line, where a line may continue a value. */
function multiLineScalars(parsed: Analysis['parsed']): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  forEachNode(parsed.yaml, (node) => {
    const range = isScalar(node) ? node.range : undefined;
    if (range && parsed.text.slice(range[0], range[1]).trimEnd().includes('\n')) spans.push([range[0], range[1]]);
  });
  return spans;
}

const comparePositions = (a: Range['start'], b: Range['start']) => a.line - b.line || a.character - b.character;

/**
 * A fix's edits with each change once (two findings read through one alias may make the same
 * edit of the anchored text); undefined when two different ones overlap, which no client applies.
 */
export function distinctEdits(edits: readonly FixEdit[]): FixEdit[] | undefined {
  const distinct: FixEdit[] = [];
  for (const edit of edits) {
    const same = (other: FixEdit) => other.file === edit.file && comparePositions(other.range.start, edit.range.start) === 0 && comparePositions(other.range.end, edit.range.end) === 0;
    const twin = distinct.find(same);
    if (twin && twin.text === edit.text) continue;
    const clash = distinct.some(
      (other) =>
        other.file === edit.file &&
        // Two insertions at one place are made in order; anything else sharing a character clashes.
        (same(other) ? comparePositions(edit.range.start, edit.range.end) !== 0 : comparePositions(other.range.start, edit.range.end) < 0 && comparePositions(edit.range.start, other.range.end) < 0),
    );
    if (clash) return undefined;
    distinct.push(edit);
  }
  return distinct;
}

/**
 * The text after applying every safe fix of a file (those that keep the user's meaning and
 * need no choice), edits that overlap another one left for the next run; and how many applied.
 */
export function applySafe(text: string, offsetAt: (position: Range['start']) => number, edits: readonly FixEdit[]): { text: string; applied: number; edits: FixEdit[] } {
  const spans = edits
    .map((edit) => ({ start: offsetAt(edit.range.start), end: offsetAt(edit.range.end), text: edit.text, edit }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: typeof spans = [];
  // The same edit twice (two findings read through one alias) is made once.
  const made = new Set<string>();
  for (const span of spans) {
    const key = `${span.start} ${span.end} ${span.text}`;
    if (made.has(key)) continue;
    if (kept.length === 0 || span.start >= kept[kept.length - 1].end) {
      kept.push(span);
      made.add(key);
    }
  }
  let result = text;
  for (const span of [...kept].reverse()) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return { text: result, applied: kept.length, edits: kept.map((span) => span.edit) };
}
