// The requests the VS Code client sends for the preview and the export, beyond LSP.

export interface PreviewParams {
  uri: string;
  /** The day the timeline counts as today, `YYYY-MM-DD`, in the editor's time zone. */
  today: string;
  /** How wide the preview's report is, in CSS pixels: charts are drawn that wide. */
  width?: number;
}

export type PreviewResult =
  /** The panels, with the style sheet they need. */
  | { parses: true; version: number; title: string; body: string; style: string }
  /** The text does not parse: the preview keeps what it shows, with this notice above it. */
  | { parses: false; version: number; title: string; notice: string };

export const previewRequest = 'mktplan/preview';

export interface ExportParams {
  uri: string;
  format: 'html' | 'md';
  today: string;
  /** The editor holds changes not yet saved: the report says so. */
  changed: boolean;
}

export const exportRequest = 'mktplan/export';

// The requests a server in a browser's web worker sends the client, which reads the workspace's
// files for it (`workspace.fs`, `workspace.findFiles`). A client that answers null, or does not
// know them, leaves the server with its open documents alone.

export interface ReadFileParams {
  uri: string;
  /** At most this many bytes, and one more, are sent: one more says the file is larger than the server reads. */
  limit: number;
}

export type ReadFileResult =
  /** The bytes in base64, and the file's whole size. */
  | { kind: 'ok'; base64: string; size: number }
  | { kind: 'missing' }
  | { kind: 'notAFile' }
  /** The file system's code for what went wrong. */
  | { kind: 'unreadable'; reason: string };

export const readFileRequest = 'mktplan/readFile';

export interface ListPlansParams {
  /** The folder whose plan files (`**\/*.mktplan.{yaml,yml}`) are listed. */
  folder: string;
}

/** The plan files' URIs. */
export type ListPlansResult = string[];

export const listPlansRequest = 'mktplan/listPlans';
