// LSP-shaped data, declared here so the engine depends on no editor or protocol library.

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset in the line, as in LSP. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const enum Severity {
  Error = 1,
  Warning = 2,
  Information = 3,
  Hint = 4,
}

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export type RuleSetting = SeverityName | 'off';

export const severityNames: Record<Severity, SeverityName> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'information',
  [Severity.Hint]: 'hint',
};

export const severityByName: Record<SeverityName, Severity> = {
  error: Severity.Error,
  warning: Severity.Warning,
  information: Severity.Information,
  hint: Severity.Hint,
};

/** LSP DiagnosticTag values used here. */
export const enum DiagnosticTag {
  Unnecessary = 1,
}

/** What a quick fix needs to know about a finding, carried in the diagnostic's `data`. */
export interface FindingData {
  ruleId: string;
  /** The message's id in the catalogue (for a rule's own message, `<rule id>.<message id>`). */
  messageId: string;
  /** Data path of what the finding is about. */
  path: Array<string | number>;
  /** Facts a fix uses: the missing key, the candidates, the sums ... */
  facts?: Record<string, unknown>;
}

export interface Diagnostic {
  range: Range;
  severity: Severity;
  code: string;
  source: 'mktplan';
  message: string;
  codeDescription: { href: string };
  tags?: DiagnosticTag[];
  data: FindingData;
}

export interface Settings {
  /** Severity per rule id; `off` silences the rule. */
  rules?: Record<string, RuleSetting>;
  /** Language of messages and docs: a locale the product speaks, or `auto`; anything else reads as English. */
  locale?: string;
}

export type ReadResult =
  | { kind: 'ok'; text: string }
  | { kind: 'missing' }
  | { kind: 'notAFile' }
  /** Not a plan's text: binary, or not UTF-8. */
  | { kind: 'notText' }
  /** Larger than mktplan reads; `size` in bytes. */
  | { kind: 'tooLarge'; size: number }
  /** The system's code, such as `EACCES` (the `files.error` message words it). */
  | { kind: 'unreadable'; reason: string }
  /** A link leads out of the workspace folder. */
  | { kind: 'outside' };

/** A file's bytes as they are stored (a CSV source, in its own encoding), or why there are none. */
export type BytesResult =
  | { kind: 'ok'; bytes: Uint8Array }
  | { kind: 'missing' }
  | { kind: 'notAFile' }
  | { kind: 'outside' }
  | { kind: 'unreadable'; reason: string };

/**
 * What the engine may not do itself, done by the door that runs it: the disk for the CLI and the
 * Node server, the editor's files (asked of the client) in a browser, memory for tests. Every
 * file and folder is a URI in the form `normalUri` writes (`file:///…`, `vscode-vfs://github/…`).
 */
export interface Host {
  /** The folder that imports may not leave. */
  readonly root: string;
  read(uri: string): Promise<ReadResult>;
  /** A file's bytes: a CSV source of `actuals`, which the engine decodes in the encoding its source names. */
  readBytes(uri: string): Promise<BytesResult>;
  /** Every plan file (`*.mktplan.yaml`, `*.mktplan.yml`) under the root, in a stable order. */
  listPlans(): Promise<string[]>;
  /** Whether a folder is a repository's root (holds `.git`): the search for a configuration file stops there. */
  isRepositoryRoot(folder: string): Promise<boolean>;
  /** The present moment: the year a new plan or item is dated in. */
  now(): Date;
}

export interface MarkupContent {
  kind: 'markdown';
  value: string;
}

export interface Hover {
  contents: MarkupContent;
  range?: Range;
}

/** LSP CompletionItemKind values used here. */
export const enum CompletionKind {
  Text = 1,
  Field = 5,
  Module = 9,
  Property = 10,
  Value = 12,
  Enum = 13,
  Snippet = 15,
  Reference = 18,
  EnumMember = 20,
}

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: MarkupContent;
  /** Replaces `range` when accepted. */
  textEdit?: { range: Range; newText: string };
  /** 1 plain text, 2 snippet. */
  insertTextFormat?: 1 | 2;
  filterText?: string;
  sortText?: string;
}

/** LSP SymbolKind values used here. */
export const enum SymbolKindNumber {
  Module = 2,
  Namespace = 3,
  Field = 8,
  Event = 24,
  Object = 19,
  Array = 18,
  String = 15,
  Number = 16,
  Key = 20,
}

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKindNumber;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
}
