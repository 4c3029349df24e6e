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
