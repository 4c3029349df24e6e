import type { PlanView, Translator } from '../service';
import { loadCharts } from './charts';
import { renderDiffHtml, type ComparedPlan } from './diff';
import { HtmlReport } from './html';
import { renderMarkdown } from './markdown';
import type { Provenance } from './provenance';
import { reportStyle } from './style';

export type { Provenance } from './provenance';
export { reportFormats, type ReportFormat } from './formats';

import type { ReportFormat } from './formats';

/** A whole report: a self-contained HTML page, or Markdown. `root` is the folder (a URI) file names are shown relative to. */
export async function renderReport(view: PlanView, translator: Translator, format: ReportFormat, provenance: Provenance, root: string): Promise<string> {
  if (format === 'md') return renderMarkdown(view, translator, provenance, root);
  return new HtmlReport(view, translator, await loadCharts(), { interactive: false, root }).document(provenance);
}

/** The preview's panels and their style sheet: items are links back to their lines; charts as wide as the page (`width`, CSS pixels), so that their text is not shrunk. */
export async function renderPreview(view: PlanView, translator: Translator, root: string, width?: number): Promise<{ body: string; style: string }> {
  const report = new HtmlReport(view, translator, await loadCharts(width), { interactive: true, root });
  return { body: await report.panels(), style: reportStyle('preview') };
}

/** The editor's comparison of a plan with a revision: the same parts as `mktplan diff --format markdown`, in the preview's look. */
export function renderComparison(plan: ComparedPlan, translator: Translator, revision: string, newFile: string): { body: string; style: string } {
  return { body: renderDiffHtml([plan], translator, { base: revision, newFile }), style: reportStyle('preview') };
}
