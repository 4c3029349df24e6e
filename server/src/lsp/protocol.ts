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

// "Compare with a Revision…": the open plan against its version at a Git commit. The client
// knows the repository (VS Code's Git extension); the server reads the plan and its imports at
// that commit by asking it (`mktplan/readAtRevision`, answered as `mktplan/readFile` is).

export interface CompareParams {
  uri: string;
  /** The commit compared with, as a full hash: what is read at it never changes. */
  commit: string;
  /** The revision as the user picked it (`HEAD`, `main`, `origin/main`): what the view is titled with. */
  revision: string;
  /** The root of the repository that holds the plan: an import read at the commit may not leave it. */
  repository: string;
}

export type CompareResult =
  /** The comparison's panels, with the style sheet they need. */
  | { kind: 'compared'; title: string; body: string; style: string }
  /** Nothing to compare: the plan is not in that commit, or a version does not parse; the notice says which. */
  | { kind: 'notice'; title: string; notice: string };

export const compareRequest = 'mktplan/compare';

export interface ReadAtRevisionParams extends ReadFileParams {
  commit: string;
}

export const readAtRevisionRequest = 'mktplan/readAtRevision';
