/** The formats `mktplan export` writes: a self-contained HTML page, or Markdown. */
export type ReportFormat = 'html' | 'md';
export const reportFormats: readonly ReportFormat[] = ['html', 'md'];
