import { chartColors } from './charts';

/**
 * The report's colours as CSS variables: on a page, a light and a dark set chosen by the
 * reader's system; in the editor's preview, the theme's own colours (VS Code sets them on the
 * webview), so light, dark and high-contrast themes all apply.
 */
const pageColors = `
:root { color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0; --link: #0969da;
  --accent: #1f6feb; --second: #8250df; --error: #cf222e; --warn: #9a6700; --info: #0969da; --ok: #1a7f37; --grid: #d1d9e0;
  --font: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; --mono: ui-monospace, "SFMono-Regular", Consolas, monospace; }
@media (prefers-color-scheme: dark) { :root {
  --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d; --link: #4493f8;
  --accent: #4493f8; --second: #ab7df8; --error: #f85149; --warn: #d29922; --info: #4493f8; --ok: #3fb950; --grid: #3d444d; } }
`;

const previewColors = `
:root {
  --fg: var(--vscode-editor-foreground); --muted: var(--vscode-descriptionForeground); --bg: var(--vscode-editor-background);
  --panel: var(--vscode-sideBar-background, var(--vscode-editor-background)); --border: var(--vscode-panel-border, var(--vscode-widget-border, #8888));
  --link: var(--vscode-textLink-foreground); --accent: var(--vscode-charts-blue); --second: var(--vscode-charts-purple);
  --error: var(--vscode-errorForeground); --warn: var(--vscode-editorWarning-foreground); --info: var(--vscode-editorInfo-foreground);
  --ok: var(--vscode-charts-green); --grid: var(--vscode-editorWidget-border, #8884);
  --font: var(--vscode-font-family); --mono: var(--vscode-editor-font-family); }
body.vscode-high-contrast .chart-svg [stroke="${chartColors.grid}"] { stroke-dasharray: 2 3; }
a.goto { color: inherit; text-decoration: none; border-bottom: 1px dotted var(--link); cursor: pointer; }
a.goto:hover { color: var(--link); }
a:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.notice { position: sticky; top: 0; z-index: 1; margin: 0 0 1rem; padding: .5rem .75rem; border: 1px solid var(--warn); background: var(--bg); color: var(--fg); }
.notice[hidden] { display: none; }
`;

/** Each colour the charts are drawn in: the theme's variable it is repainted with, and the attributes it stands in. */
const repaint: Record<keyof typeof chartColors, { variable: string; attributes: ReadonlyArray<'fill' | 'stroke'> }> = {
  text: { variable: '--fg', attributes: ['fill'] },
  axis: { variable: '--muted', attributes: ['fill', 'stroke'] },
  grid: { variable: '--grid', attributes: ['stroke'] },
  bar: { variable: '--accent', attributes: ['fill', 'stroke'] },
  second: { variable: '--second', attributes: ['fill'] },
  over: { variable: '--error', attributes: ['fill', 'stroke'] },
  milestone: { variable: '--warn', attributes: ['fill'] },
  today: { variable: '--ok', attributes: ['fill', 'stroke'] },
  period: { variable: '--accent', attributes: ['fill'] },
};

/** The charts' colours, repainted in the theme's: CSS wins over SVG's presentation attributes. */
const chartRepaint = [
  '.chart-svg text { font-family: var(--font); font-size: 11px; }',
  ...Object.entries(repaint).flatMap(([color, { variable, attributes }]) =>
    attributes.map((attribute) => `.chart-svg [${attribute}="${chartColors[color as keyof typeof chartColors]}"] { ${attribute}: var(${variable}); }`),
  ),
].join('\n');

const layout = `
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font-family: var(--font); font-size: 14px; line-height: 1.5; }
.report { max-width: 60rem; margin: 0 auto; padding: 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
h4 { font-size: .9rem; margin: 0 0 .25rem; }
section { margin: 0 0 2rem; }
a { color: var(--link); }
code { font-family: var(--mono); font-size: .85em; color: var(--muted); }
.facts, .note, .sub, .none { color: var(--muted); }
.sub { font-size: .85em; font-weight: normal; }
.report-header { margin-bottom: 1.5rem; }
.report-header nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .5rem 0 0; }
.status { padding: .4rem .75rem; border-left: 4px solid var(--muted); background: var(--panel); margin: .5rem 0; }
.status.error { border-color: var(--error); } .status.warn { border-color: var(--warn); } .status.info { border-color: var(--info); } .status.ok { border-color: var(--ok); }
.flag { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: .6rem; border: 1px solid currentColor; font-weight: normal; }
.flag.error { color: var(--error); } .flag.warn { color: var(--warn); } .flag.info { color: var(--info); } .flag.ok { color: var(--ok); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dt { color: var(--muted); } dd { margin: 0; }
blockquote.vision { margin: 0 0 1rem; padding: .5rem 1rem; border-left: 4px solid var(--accent); font-size: 1.1rem; font-style: italic; }
blockquote.vision p { margin: 0; }
.one-page { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem; }
.part { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: .75rem 1rem; }
.part h3 { margin-top: 0; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.cards p { margin: .15rem 0; }
.label { color: var(--muted); }
.swot { display: grid; grid-template-columns: 1fr 1fr; gap: .5rem; }
.quadrant { border: 1px solid var(--border); border-top-width: 4px; border-radius: 4px; padding: .4rem .6rem; }
.quadrant ul { margin: 0; padding-left: 1.1rem; }
.quadrant.strengths { border-top-color: var(--ok); } .quadrant.weaknesses { border-top-color: var(--warn); }
.quadrant.opportunities { border-top-color: var(--accent); } .quadrant.threats { border-top-color: var(--error); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: .25rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--border); }
thead th { font-size: .85rem; color: var(--muted); font-weight: 600; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: .5rem 0 1rem; overflow-x: auto; }
figure.chart figcaption { color: var(--muted); font-size: .85rem; }
.chart-svg { width: 100%; max-width: 900px; min-width: 360px; height: auto; display: block; }
ol.trace > li { margin-bottom: .5rem; }
.findings { list-style: none; padding: 0; }
.findings li { padding: .25rem 0 .25rem .6rem; border-left: 3px solid var(--muted); margin-bottom: .25rem; }
.findings li.error { border-color: var(--error); } .findings li.warning { border-color: var(--warn); } .findings li.information { border-color: var(--info); }
.severity { font-size: .75rem; text-transform: uppercase; color: var(--muted); }
.provenance { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--border); margin-top: 2rem; }
details { margin: 0 0 .75rem; border: 1px solid var(--border); border-radius: 6px; padding: .25rem .75rem; }
details > summary { cursor: pointer; font-weight: 600; padding: .25rem 0; }
details[open] > summary { margin-bottom: .25rem; }
.diff-headline { font-size: 1.05rem; }
.table-scroll { overflow-x: auto; }
.table-scroll table { font-size: .9em; margin: .25rem 0 .5rem; }
.table-scroll th, .table-scroll td { padding: .25rem .35rem; }
.num.wraps { white-space: normal; }
@media (max-width: 560px) { .report { padding: .75rem; } details { padding: .25rem .5rem; } }
ul.diff-changes { margin: .25rem 0 .5rem; padding-left: 1.1rem; }
ul.diff-changes.warn li::marker { content: "⚠ "; color: var(--warn); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** Paper: A4, black on white, no navigation, sections kept whole where they fit. */
const print = `
@page { size: A4; margin: 16mm 14mm; }
@media print {
  :root { --fg: #000; --muted: #444; --bg: #fff; --panel: #fff; --border: #999; --link: #000; --grid: #bbb;
    --accent: #1f6feb; --second: #8250df; --error: #cf222e; --warn: #9a6700; --info: #0969da; --ok: #1a7f37; }
  body { font-size: 10.5pt; }
  .report { max-width: none; padding: 0; }
  .report-header nav { display: none; }
  section, .part, figure.chart, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

/** The style sheet of a report page (`page`) or of the editor's preview (`preview`). */
export function reportStyle(mode: 'page' | 'preview'): string {
  return (mode === 'page' ? pageColors + print : previewColors) + layout + chartRepaint;
}
