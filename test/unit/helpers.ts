import { readdirSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { Engine } from '../../server/src/service';
import { URI, Utils } from 'vscode-uri';
import { joinUri } from '../../server/src/service/document/uris';
import type { BytesResult, Diagnostic, ReadResult, Settings, Host } from '../../server/src/service';
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

/** Files in memory, for tests: the engine's host, its root `file:///workspace` unless given, no repository, a fixed clock. */
export class MemoryWorkspace implements Host {
  readonly files = new Map<string, string>();
  /** The moment the tests run at: the middle of 2027, so that a year the engine takes from the clock is known. */
  now = () => new Date(2027, 5, 15);

  constructor(
    files: Record<string, string> = {},
    readonly root = 'file:///workspace',
  ) {
    for (const [path, text] of Object.entries(files)) this.files.set(this.resolve(path), text);
  }

  /** The URI of a path relative to the root. */
  resolve(path: string): string {
    return Utils.resolvePath(URI.parse(this.root), path).toString();
  }

  async read(uri: string): Promise<ReadResult> {
    const text = this.files.get(uri);
    return text === undefined ? { kind: 'missing' } : { kind: 'ok', text };
  }

  /** Bytes of the files given as bytes (a CSV in its own encoding), else of the text in UTF-8. */
  readonly bytes = new Map<string, Uint8Array>();

  async readBytes(uri: string): Promise<BytesResult> {
    const stored = this.bytes.get(uri);
    if (stored) return { kind: 'ok', bytes: stored };
    const text = this.files.get(uri);
    return text === undefined ? { kind: 'missing' } : { kind: 'ok', bytes: new TextEncoder().encode(text) };
  }

  async listPlans(): Promise<string[]> {
    return [...this.files.keys()].filter((uri) => /\.mktplan\.ya?ml$/.test(uri)).sort();
  }

  async isRepositoryRoot(folder: string): Promise<boolean> {
    return this.files.has(joinUri(folder, '.git'));
  }
}

/** Checks one text as `/workspace/<name>`, with other files of the workspace given. */
export async function check(text: string, options: { name?: string; files?: Record<string, string>; settings?: Settings } = {}): Promise<Diagnostic[]> {
  const workspace = new MemoryWorkspace(options.files);
  const engine = new Engine(workspace);
  return engine.check(workspace.resolve(options.name ?? 'test.mktplan.yaml'), text, options.settings);
}

/** The text a diagnostic's range covers. */
export function coveredText(text: string, diagnostic: Diagnostic): string {
  const lines = text.split('\n');
  const { start, end } = diagnostic.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join('\n');
}

/** Findings of one rule as `line:text` (1-based line, the text the range covers), for compact assertions. */
export async function findingsOf(
  code: string,
  text: string,
  options: { name?: string; files?: Record<string, string>; settings?: Settings } = {},
): Promise<string[]> {
  const diagnostics = await check(text, options);
  return diagnostics.filter((diagnostic) => diagnostic.code === code).map((diagnostic) => `${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}`);
}

/** A complete plan that produces no findings at all: the format's own example. Tests derive cases from it. */
export const cleanPlan = `mktplan: "1"
title: Saigon Bean — marketing 2027
organization: {name: Saigon Bean, stage: sme, industry: specialty coffee}
team:
  - {id: linh, role: cmo, name: Tran Linh}
  - {id: minh, role: marketing-manager, name: Le Minh}
  - {id: hoa, role: cso, name: Pham Hoa}
strategy:
  owner: linh
  horizon: {start: 2027-01-01, end: 2029-12-31}
  objectives:
    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}
  audience:
    segments:
      - {id: office, name: Office workers, needs: [fast pickup]}
  valueProposition: {statement: Single-origin coffee ready in two minutes}
  swot:
    strengths: [own roastery]
    weaknesses: [two shops only]
    opportunities: [office delivery apps]
    threats: [chain price war]
  competition: {approach: differentiation, competitors: [{name: Big Chain}]}
  brand: {positioning: The quickest real coffee in town}
plan:
  owner: minh
  period: {start: 2027-01-01, end: 2027-12-31}
  implements: [share]
  budget:
    total: 50000
    currency: USD
    allocations:
      - {channel: social, amount: 35000}
      - {channel: events, amount: 15000}
  channels:
    - {id: social, type: social}
    - {id: events, type: events}
  campaigns:
    - id: tet
      name: Tet pickup week
      objective: share
      audience: office
      channels: [social, events]
      start: 2027-01-20
      end: 2027-02-10
      budget: 12000
      content: [{channel: social, message: Skip the queue this Tet}]
      kpis: [pickups]
  kpis:
    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}
  reporting: {cadence: monthly, to: linh}
  salesAlignment: {owner: hoa, sharedGoals: [office accounts]}
`;

/** The `budget` section of `cleanPlan`, exactly as it stands there. */
export const cleanBudget = cleanPlan.slice(cleanPlan.indexOf('  budget:\n'), cleanPlan.indexOf('  channels:\n'));

/** `cleanPlan` with one exact piece of text replaced; fails loudly if the piece is not there. */
export function withChange(from: string, to: string, text = cleanPlan): string {
  if (!text.includes(from)) throw new Error(`test setup: ${JSON.stringify(from)} is not in the text`);
  return text.replace(from, to);
}

/** Why a range does not lie inside a text (lines end at '\n'; characters count UTF-16 units), or undefined when it does. */
export function rangeOutside(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string | undefined {
  const lines = text.split('\n');
  for (const [name, position] of [['start', range.start], ['end', range.end]] as const) {
    if (!Number.isInteger(position.line) || position.line < 0 || position.line >= lines.length) return `${name} line ${position.line} of ${lines.length}`;
    if (!Number.isInteger(position.character) || position.character < 0 || position.character > lines[position.line].length) {
      return `${name} character ${position.character} on a line of ${lines[position.line].length}`;
    }
  }
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ordered ? undefined : 'start after end';
}

/** Every *.mktplan.yaml / *.mktplan.yml file under a folder, in a stable order. */
export function plansUnder(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = nodePath.join(folder, name);
      if (statSync(path).isDirectory()) return plansUnder(path);
      return /\.mktplan\.ya?ml$/.test(name) ? [path] : [];
    });
}

/** Everything a reader of the tree may look at: node kinds, values, scalar types and sources, formats, offsets. */
export function treeOf(node: unknown): unknown {
  if (isPair(node)) return { key: treeOf(node.key), value: treeOf(node.value) };
  if (isMap(node) || isSeq(node))
    return {
      kind: isMap(node) ? 'map' : 'list',
      flow: node.flow === true,
      range: node.range,
      tag: node.tag,
      anchor: node.anchor,
      items: node.items.map(treeOf),
    };
  if (isScalar(node)) {
    const value = typeof node.value === 'number' && Number.isNaN(node.value) ? 'NaN' : node.value;
    return {
      value,
      type: node.type,
      source: node.source,
      format: node.format,
      range: node.range,
      tag: node.tag,
      anchor: node.anchor,
      minFractionDigits: (node as { minFractionDigits?: number }).minFractionDigits,
    };
  }
  return { other: String(node) };
}

export function documentOf(document: Document): unknown {
  return {
    range: document.range,
    contents: treeOf(document.contents),
    errors: document.errors.length,
    warnings: document.warnings.length,
  };
}

/** A plan whose one campaign serves one of two objectives and is measured: only `loyal` is unserved. */
export const oneObjectiveUnserved = `mktplan: "1"
strategy:
  objectives:
    - {id: reach, statement: Reach more offices}
    - {id: loyal, statement: Keep customers}
plan:
  campaigns:
    - {id: c1, objective: reach, kpis: [k1]}
  kpis:
    - {id: k1}
`;
