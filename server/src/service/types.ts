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

export interface Diagnostic {
  range: Range;
  severity: Severity;
  code: string;
  source: 'mktplan';
  message: string;
  codeDescription: { href: string };
}

export interface Settings {
  /** Severity per rule id; `off` silences the rule. */
  rules?: Record<string, RuleSetting>;
  /** Language of messages and docs; only `en` exists today. */
  locale?: string;
}

export type ReadResult =
  | { kind: 'ok'; text: string }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'outside'; reason: string };

/** How the engine reaches other files: the disk for the CLI, the editor's documents for the server, memory for tests. */
export interface WorkspaceReader {
  /** Absolute path of the folder that imports may not leave. */
  readonly root: string;
  read(absolutePath: string): Promise<ReadResult>;
}
