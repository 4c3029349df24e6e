// Property-based robustness of the engine: seed plans read from disk, mutated at random, fed to
// every feature of a fresh Engine. Shared by the bounded run in `npm test`
// (test/unit/fuzz.test.ts) and the long run (test/fuzz/long.ts).
//
// A case is plain data (a seed index, a list of mutations, three probe positions), and every
// position in it is a generated number taken modulo the current text's length, so that
// fast-check can shrink a failing case to a small one and replay it from its seed and path.

import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { Engine, rulesById, type Position, type Range, type Settings } from '../../server/src/service';
import { MemoryWorkspace, plansUnder } from '../unit/helpers';

// ---------------------------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------------------------

const repoRoot = nodePath.resolve(__dirname, '../..');

/** Where the plans live on disk, and where they are mounted in the in-memory workspace. */
const sources = [
  { disk: nodePath.join(repoRoot, 'examples'), mount: 'examples' },
  { disk: nodePath.join(repoRoot, 'test/fixtures/corpus'), mount: 'corpus' },
];

/** Corpus files used as seeds besides the examples (the others are in the workspace only, for imports). */
const corpusSeeds = [
  'empty.mktplan.yaml',
  'comment-only.mktplan.yaml',
  'yaml-unclosed-bracket.mktplan.yaml',
  'crlf.mktplan.yaml',
  'imports-cycle/a.mktplan.yaml',
  'budget-over.mktplan.yaml',
  'imports-ok/plan.mktplan.yaml',
  'suppression.mktplan.yaml',
  'schema-types.mktplan.yaml',
  'refs-duplicate.mktplan.yaml',
  'i18n-zh.mktplan.yaml',
  'i18n-vi.mktplan.yaml',
  'kpis.mktplan.yaml',
  'clean-complete.mktplan.yaml',
];

export interface Seed {
  /** Path relative to the workspace root, e.g. `examples/saigon-bean.mktplan.yaml`. */
  name: string;
  text: string;
}

/** Every plan of the examples and the corpus, by workspace-relative path: imports between them resolve. */
export const workspaceFiles: Readonly<Record<string, string>> = Object.fromEntries(
  sources.flatMap(({ disk, mount }) =>
    plansUnder(disk).map((path) => [`${mount}/${nodePath.relative(disk, path).split(nodePath.sep).join('/')}`, readFileSync(path, 'utf8')]),
  ),
);

/** The seeds, shortest first, so that shrinking the seed index moves towards smaller texts. */
export const seeds: readonly Seed[] = [
  ...Object.keys(workspaceFiles).filter((name) => name.startsWith('examples/')),
  ...corpusSeeds.map((name) => `corpus/${name}`),
]
  .map((name) => {
    const text = workspaceFiles[name];
    if (text === undefined) throw new Error(`fuzz setup: seed ${name} is not on disk`);
    return { name, text };
  })
  .sort((a, b) => a.text.length - b.text.length || a.name.localeCompare(b.name));

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

export type Mutation =
  | { kind: 'insertLine'; at: number; line: string }
  | { kind: 'deleteLines'; at: number; count: number }
  | { kind: 'duplicateLine'; at: number; to: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'indent'; line: number; by: number | 'tab' }
  | { kind: 'replaceValue'; which: number; value: string }
  | { kind: 'truncate'; at: number };

/** Raw code units and sequences that trip up text handling. */
const awkwardUnits = [
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  '\uDBFF',
  '\uDC00',
  '\u0000',
  '\r',
  '\r\n',
  '\n',
  '\t',
  '\uFEFF', // BOM
  '\u200F', // right-to-left mark
  '\u200E', // left-to-right mark
  '\u202E', // right-to-left override
  '\u2066', // left-to-right isolate
  '\u2028', // line separator
  '\u2029', // paragraph separator
  '\u0085', // next line
  '\u000B',
  '\u000C',
  '\u00A0',
  '\u3000',
  '\u0301', // combining acute accent
  '\u200D', // zero-width joiner
  '\uFFFD',
  '\uFFFE',
  '\uFFFF',
  '😀',
  '👨‍👩‍👧‍👦',
  '🇻🇳',
  '𝕏',
  'Ω',
  'ß',
  'İ',
  'ﷺ',
  'עברית',
  'مرحبا',
  '中文',
  'Tiếng Việt',
];

/** YAML syntax that changes what the text means, inserted anywhere. */
export const yamlFragments = [
  ': ',
  ':',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '*nope',
  '!!js/function ',
  '!!binary ',
  '!!str ',
  '!!int ',
  '!!float ',
  '!!map ',
  '!!seq ',
  '!!set ',
  '!!omap ',
  '!!timestamp ',
  '!local ',
  '!<tag:yaml.org,2002:str> ',
  '? ',
  '?',
  '|',
  '>',
  '|-',
  '>+',
  '|2',
  '"',
  "'",
  '"\\',
  '"\\u',
  '"\\x',
  '#',
  ' #',
  '---',
  '\n---\n',
  '...',
  '\n...\n',
  '%YAML 1.1',
  '%YAML 1.1\n---\n',
  '%TAG ! tag:example.com,2000:\n',
  '<<: *a',
  '<<: ',
  '@',
  '`',
  '%',
  '~',
  '.nan',
  '.inf',
  '-.inf',
  '0x1F',
  '0o17',
  '1e309',
  '-0',
  '2027-02-30',
  '2027-13-01',
  '9999-12-31',
  '0000-01-01',
  '2027-01-01T25:61:61Z',
];

/** Whole lines that bring structure: anchors, merges, directives, deep nesting, alias fan-out. */
export const yamlLines = [
  '---',
  '...',
  '%YAML 1.1',
  '%YAML 1.2',
  'a: &a {x: 1, y: [1, 2]}',
  '<<: *a',
  '  <<: *a',
  'b: *a',
  '? [complex, key]',
  ': value',
  '- item',
  '  - item',
  '    - {id: x, name: y}',
  'imports: [./imports/strategy.mktplan.yaml]',
  'imports: [../examples/saigon-bean.mktplan.yaml, ../../outside.mktplan.yaml]',
  'imports: [./saigon-bean.mktplan.yaml]',
  '# mktplan-disable-next-line',
  '# mktplan-disable-next-line schema ref/unknown',
  '# mktplan-disable schema',
  'key: |',
  'key: >-',
  'text: "unterminated',
  "text: 'unterminated",
  'plan: {budget: {total: 1e400, allocations: [{channel: x, amount: .nan}]}}',
  'strategy: {horizon: {start: 2027-01-01, end: 2026-01-01}}',
  '['.repeat(300) + ']'.repeat(300),
  '{a: '.repeat(300) + '1' + '}'.repeat(300),
  '- '.repeat(300) + 'x',
  'l0: &l0 [x, x, x, x, x, x, x, x, x, x]',
  'l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]',
  'l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]',
  'l3: [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]',
  // The same fan-out in one piece: 10^6 values if expanded.
  ['b0: &b0 [x, x, x, x, x, x, x, x, x, x]', ...[1, 2, 3, 4, 5].map((level) => `b${level}: &b${level} [${Array(10).fill(`*b${level - 1}`).join(', ')}]`)].join('\n'),
  'x'.repeat(5000),
  `title: ${'é'.repeat(2000)}`,
];

/** What a value can be replaced with: another type, or something awkward of the same one. */
const replacementValues: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.double().map((value) => (Number.isNaN(value) ? '.nan' : value === Infinity ? '.inf' : value === -Infinity ? '-.inf' : String(value))),
  fc.constantFrom('0', '-1', '1e309', '-0', '0.1', '00012', '1_000', '0x10', 'true', 'yes', 'no', 'on'),
  fc.constantFrom('[]', '[1, 2, 3]', '[a, [b, [c]]]', '- a', '[{id: x}]', '[', ']'),
  fc.constantFrom('{}', '{a: 1}', '{id: linh, role: cmo}', '{', '}', '{: }'),
  fc.constantFrom('null', '~', '', 'Null', 'NULL'),
  fc.constantFrom('x'.repeat(200), '"' + 'y'.repeat(198) + '"', 'ừ'.repeat(200), '😀'.repeat(100)),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 200 }),
  fc.constantFrom('2027-02-29', '2028-02-29', '2027-00-10', '2027-1-1', '20270101', '2027-01-01T00:00:00Z', '"2027-01-01"'),
  fc.constantFrom('*a', '&a 1', '!!js/function "function() {}"', '!!binary aGVsbG8=', '|\n  block', '>\n  folded', '"\\u0000"', "'it''s'"),
  fc.constantFrom('linh', 'share', 'social', 'nope', 'USD', 'monthly', 'cmo', 'sme', 'differentiation'),
);

const position = fc.nat();

const lineText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...yamlLines),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc
    .tuple(fc.nat({ max: 8 }), fc.stringMatching(/^[a-zA-Z][\w-]{0,12}$/), fc.constantFrom(': ', ':', ': x', ': [a, b]', ': {a: 1}', ''))
    .map(([indent, key, rest]) => ' '.repeat(indent) + key + rest),
);

/** Short runs for the character mutations: YAML-significant ASCII, any ASCII, any Unicode, raw code units. */
const shortRun: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...' -:#"\'[]{},|>&*!?%@`\n\t0123456789.abcxyz'.split('')), minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 6 }),
);

const unicodeRun: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), // any code point (fullUnicode)
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
  fc.constantFrom(...awkwardUnits),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), // raw code units, lone surrogates included
  fc.array(fc.constantFrom(...awkwardUnits), { minLength: 2, maxLength: 4 }).map((units) => units.join('')),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insertLine' as const), at: position, line: lineText }),
  fc.record({ kind: fc.constant('deleteLines' as const), at: position, count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: position, to: position }),
  fc.record({ kind: fc.constant('swapLines' as const), a: position, b: position }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: shortRun }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, length: fc.integer({ min: 1, max: 4 }), text: shortRun }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: unicodeRun }),
  fc.record({ kind: fc.constant('replace' as const), at: position, length: fc.integer({ min: 1, max: 2 }), text: unicodeRun }),
  fc.record({ kind: fc.constant('indent' as const), line: position, by: fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constant('tab' as const)) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: fc.constantFrom(...yamlFragments) }),
  fc.record({ kind: fc.constant('replaceValue' as const), which: position, value: replacementValues }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
);

const lines = (text: string) => text.split('\n');

/** Offsets where a value starts after `key: ` or `key:` at a line's end, and where it ends. */
function valueSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const pattern = /:(?: +|(?=\r?\n))/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    let end = start;
    while (end < text.length && !',}]\n\r#'.includes(text[end])) end++;
    spans.push([start, end]);
  }
  return spans;
}

/** Applies one mutation; every number in it is taken modulo what the text has, so any number is valid. */
export function applyMutation(text: string, mutation: Mutation): string {
  switch (mutation.kind) {
    case 'insertLine': {
      const all = lines(text);
      all.splice(mutation.at % (all.length + 1), 0, mutation.line);
      return all.join('\n');
    }
    case 'deleteLines': {
      const all = lines(text);
      all.splice(mutation.at % all.length, mutation.count);
      return all.join('\n');
    }
    case 'duplicateLine': {
      const all = lines(text);
      const line = all[mutation.at % all.length];
      all.splice(mutation.to % (all.length + 1), 0, line);
      return all.join('\n');
    }
    case 'swapLines': {
      const all = lines(text);
      const [a, b] = [mutation.a % all.length, mutation.b % all.length];
      [all[a], all[b]] = [all[b], all[a]];
      return all.join('\n');
    }
    case 'insert': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'delete': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + mutation.length);
    }
    case 'replace': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at + mutation.length);
    }
    case 'indent': {
      const all = lines(text);
      const index = mutation.line % all.length;
      const line = all[index];
      const indent = line.length - line.replace(/^[ \t]*/, '').length;
      if (mutation.by === 'tab') all[index] = '\t' + line.slice(indent);
      else if (mutation.by >= 0) all[index] = ' '.repeat(mutation.by) + line;
      else all[index] = line.slice(Math.min(indent, -mutation.by));
      return all.join('\n');
    }
    case 'replaceValue': {
      const spans = valueSpans(text);
      if (spans.length === 0) return text;
      const [start, end] = spans[mutation.which % spans.length];
      return text.slice(0, start) + mutation.value + text.slice(end);
    }
    case 'truncate':
      return text.slice(0, mutation.at % (text.length + 1));
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

/** Where hover and completion are asked: an offset, moved to its line's start or end or left as is. */
export interface Probe {
  at: number;
  snap: 'none' | 'lineStart' | 'lineEnd';
}

export interface FuzzCase {
  seed: number;
  mutations: Mutation[];
  probes: Probe[];
  /** The user's rule settings: mostly none, sometimes odd ones (typos, `off`, keys of Object.prototype). */
  settings?: Settings;
}

export const probe: fc.Arbitrary<Probe> = fc.record({ at: fc.nat(), snap: fc.constantFrom('none' as const, 'lineEnd' as const, 'lineStart' as const) });

const ruleSettings: fc.Arbitrary<Settings> = fc
  .array(
    fc.tuple(
      fc.constantFrom(...rulesById.keys(), 'no/such-rule', '__proto__', 'toString'),
      fc.constantFrom('error', 'warning', 'information', 'hint', 'off', 'fatal', 'Error', '', 'toString', '__proto__', 'constructor'),
    ),
    { maxLength: 4 },
  )
  // Settings come from the user's JSON, so any string can stand where a severity should.
  .map((entries) => ({ rules: Object.fromEntries(entries) as Settings['rules'] }));

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  // Each mutation leaves a parsing text parsing about 60% of the time: short sequences keep the
  // rules (which run only on parsing texts) busy, long ones pile damage up.
  mutations: fc.oneof(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.array(mutation, { minLength: 1, maxLength: 8 })),
  probes: fc.array(probe, { minLength: 3, maxLength: 3 }),
  settings: fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: ruleSettings }),
});

/** Position of an offset, lines ending at '\n' and characters in UTF-16 code units (as LSP counts them). */
export function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function probeOffset(text: string, { at, snap }: Probe): number {
  const offset = at % (text.length + 1);
  if (snap === 'lineStart') return text.lastIndexOf('\n', offset - 1) + 1;
  if (snap === 'lineEnd') {
    const newline = text.indexOf('\n', offset);
    return newline < 0 ? text.length : newline;
  }
  return offset;
}

export interface Materialized {
  file: string;
  text: string;
  positions: Position[];
  settings: Settings;
}

/** The file name, mutated text and probe positions a case stands for. */
export function materialize(fuzz: FuzzCase): Materialized {
  const seed = seeds[fuzz.seed % seeds.length];
  const text = applyMutations(seed.text, fuzz.mutations);
  return { file: seed.name, text, positions: fuzz.probes.map((p) => positionOf(text, probeOffset(text, p))), settings: fuzz.settings ?? {} };
}

// ---------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------

/** A text handled in more than this is taken for a hang; this is a hang detector, not a benchmark. */
export const timeLimitMs = 5000;

/** A broken invariant, with what it was about. */
export class FuzzFailure extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly text: string,
  ) {
    super(message);
    this.name = 'FuzzFailure';
  }
}

function checkPosition(lineLengths: number[], position: Position | undefined, what: string): string | undefined {
  if (!position || typeof position !== 'object') return `${what} is ${JSON.stringify(position)}`;
  const { line, character } = position;
  if (!Number.isInteger(line) || !Number.isInteger(character)) return `${what} ${JSON.stringify(position)} is not made of integers`;
  if (line < 0 || line >= lineLengths.length) return `${what} ${JSON.stringify(position)}: line out of range (the text has ${lineLengths.length} lines)`;
  if (character < 0 || character > lineLengths[line])
    return `${what} ${JSON.stringify(position)}: character out of range (line ${line} has ${lineLengths[line]} UTF-16 units)`;
  return undefined;
}

function checkRange(lineLengths: number[], range: Range | undefined, what: string): string | undefined {
  if (!range || typeof range !== 'object') return `${what} is ${JSON.stringify(range)}`;
  const problem = checkPosition(lineLengths, range.start, `${what}.start`) ?? checkPosition(lineLengths, range.end, `${what}.end`);
  if (problem) return problem;
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `${what} ${JSON.stringify(range)} ends before it starts`;
  return undefined;
}

const severities = new Set([1, 2, 3, 4]);

/** Puts one text through every feature of a fresh engine, and throws a FuzzFailure on the first broken invariant. */
export async function checkText(file: string, text: string, positions: readonly Position[], settings: Settings = {}): Promise<void> {
  const files = { ...workspaceFiles, [file]: text };
  const workspace = new MemoryWorkspace(files);
  const engine = new Engine(workspace);
  const path = workspace.resolve(file);
  const lineLengths = lines(text).map((line) => line.length);
  const problems: string[] = [];
  const fail = (problem: string | undefined) => {
    if (problem) problems.push(problem);
  };
  const call = async <T>(what: string, run: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (error) {
      const stack = error instanceof Error ? (error.stack ?? String(error)) : String(error);
      throw new FuzzFailure(`${what} threw: ${stack}`, file, text);
    }
  };

  const started = performance.now();
  const diagnostics = (await call('check', () => engine.check(path, text, settings))) ?? [];
  if (!Array.isArray(diagnostics)) fail(`check returned ${typeof diagnostics}`);
  diagnostics.forEach((diagnostic, index) => {
    const what = `diagnostic[${index}] (${diagnostic.code}: ${diagnostic.message})`;
    fail(checkRange(lineLengths, diagnostic.range, `${what} range`));
    if (!rulesById.has(diagnostic.code)) fail(`${what} has an unknown code ${JSON.stringify(diagnostic.code)}`);
    if (!severities.has(diagnostic.severity)) fail(`${what} has severity ${JSON.stringify(diagnostic.severity)}`);
    if (typeof diagnostic.message !== 'string' || diagnostic.message === '') fail(`${what} has no message`);
  });

  for (const position of positions) {
    const at = `at ${position.line}:${position.character}`;
    const hover = await call(`hover ${at}`, () => engine.hover(path, text, position, settings));
    if (hover) {
      if (typeof hover.contents?.value !== 'string') fail(`hover ${at} has no markdown`);
      if (hover.range) fail(checkRange(lineLengths, hover.range, `hover ${at} range`));
    }
    const items = (await call(`complete ${at}`, () => engine.complete(path, text, position))) ?? [];
    if (!Array.isArray(items)) fail(`complete ${at} returned ${typeof items}`);
    items.forEach((item, index) => {
      if (typeof item.label !== 'string') fail(`complete ${at} item[${index}] has no label`);
      if (item.textEdit) fail(checkRange(lineLengths, item.textEdit.range, `complete ${at} item[${index}] (${item.label}) textEdit.range`));
    });
  }

  const symbols = (await call('symbols', () => engine.symbols(path, text))) ?? [];
  const walk = (list: typeof symbols, where: string) =>
    list.forEach((symbol, index) => {
      const what = `symbol ${where}[${index}] (${symbol.name})`;
      fail(checkRange(lineLengths, symbol.range, `${what} range`));
      fail(checkRange(lineLengths, symbol.selectionRange, `${what} selectionRange`));
      if (symbol.children) walk(symbol.children, `${where}[${index}].children`);
    });
  walk(symbols, '');

  const folds = (await call('folding', () => engine.folding(path, text))) ?? [];
  folds.forEach((fold, index) => {
    const what = `folding[${index}] ${JSON.stringify(fold)}`;
    if (!Number.isInteger(fold.startLine) || !Number.isInteger(fold.endLine)) fail(`${what} is not made of integers`);
    else if (fold.startLine < 0 || fold.endLine >= lineLengths.length || fold.startLine > fold.endLine) fail(`${what} is outside the text's ${lineLengths.length} lines`);
  });

  const elapsed = performance.now() - started;
  if (elapsed > timeLimitMs) fail(`the text took ${Math.round(elapsed)} ms (limit ${timeLimitMs} ms)`);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1, 4).join('; ')})` : '';
    throw new FuzzFailure(problems[0] + more, file, text);
  }
}

/** A case without the printing method fast-check's reports use: plain data, for JSON and worker messages. */
export function plainCase({ seed, mutations, probes, settings }: FuzzCase): FuzzCase {
  return { seed, mutations, probes, settings };
}

/** The property on one generated case. */
export async function runCase(fuzz: FuzzCase): Promise<void> {
  const { file, text, positions, settings } = materialize(fuzz);
  await checkText(file, text, positions, settings);
}

/** Shows a case as the text it produces, not only as its recipe, in fast-check's reports. */
export function describeCase(fuzz: FuzzCase): string {
  const { file, text, positions, settings } = materialize(fuzz);
  const shown = text.length <= 1500 ? JSON.stringify(text) : `${JSON.stringify(text.slice(0, 1500))}… (${text.length} UTF-16 units in all)`;
  return `${JSON.stringify(fuzz)}\n  file: ${file}\n  positions: ${JSON.stringify(positions)}\n  settings: ${JSON.stringify(settings)}\n  text: ${shown}`;
}

/** The arbitrary with each value printing as its recipe and its text. */
export const describedCase: fc.Arbitrary<FuzzCase> = fuzzCase.map((fuzz) => ({ ...fuzz, [fc.toStringMethod]: () => describeCase(fuzz) }));

export const fuzzProperty = fc.asyncProperty(describedCase, runCase);

/** A seed from the environment, or the given default. */
export function seedFromEnvironment(fallback: number): number {
  const raw = process.env.MKTPLAN_FUZZ_SEED;
  if (raw === undefined || raw.trim() === '') return fallback;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`MKTPLAN_FUZZ_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return seed;
}
