// The preview of a large plan: `npm run bench:preview` (after a production build).
//
//   tsx bench/preview.ts [--lines 20000] [--runs 5]
//
// Over stdio, on a fresh server with the generated plan open, it measures:
//   first   the first `mktplan/preview` (ECharts read, the view and every panel drawn);
//   again   the same text again (median of the runs);
//   edit    a campaign's end date changed, then the preview of the new text (median);
//   hover   a hover sent right behind a preview request: how long the server keeps a hover waiting;
// and the size of the panels' HTML. In process, it splits a warm preview into the view and the drawing.
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { DiskWorkspace } from '../server/src/hosts/disk';
import type { PreviewResult } from '../server/src/lsp/protocol';
import { renderPreview } from '../server/src/report';
import { Engine, fileUri, translatorFor } from '../server/src/service';
import { LspClient } from '../test/lsp/lspClient';
import { countLines, generatePlan } from './generate';
import { median, numberOption, runHarness } from './harness';

const lines = numberOption('--lines', 20_000);
const runs = numberOption('--runs', 5);
const today = '2027-05-01';

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** The benchmark's workspace folder, removed when it ends. */
let workspaceFolder = '';

async function main(): Promise<void> {
  const text = generatePlan(lines);
  // A workspace of its own: the plan alone, as a team's folder holds it, not every plan the system's temporary folder has.
  const folder = (workspaceFolder = mkdtempSync(nodePath.join(os.tmpdir(), 'mktplan-bench-preview-')));
  const client = new LspClient(folder);
  client.settings = { checkFiles: 'open' };
  await client.initialize();
  const uri = await client.open('bench-preview.mktplan.yaml', text);
  await client.diagnostics(uri, () => true, 0, 120_000);
  const preview = () => client.connection.sendRequest<PreviewResult | null>('mktplan/preview', { uri, today });

  const first = await timed(preview);
  if (!first.value?.parses) throw new Error('the generated plan did not preview');
  const bodyKiB = Buffer.byteLength(first.value.body) / 1024;
  const again: number[] = [];
  for (let run = 0; run < runs; run++) again.push((await timed(preview)).ms);

  // Each edit moves the first campaign's end date one day on, as typing a date would.
  const edits: number[] = [];
  const hovers: number[] = [];
  let version = 1;
  let current = text;
  for (let run = 0; run < runs; run++) {
    current = current.replace(/(\n {6}end: 2027-\d\d-)(\d\d)/, (_, head: string, day: string) => `${head}${String((Number(day) % 27) + 1).padStart(2, '0')}`);
    await client.change(uri, ++version, current);
    edits.push((await timed(preview)).ms);
    // A hover right behind a preview: the server answers it once the preview is drawn.
    const pending = preview();
    hovers.push((await timed(() => client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } }))).ms);
    await pending;
  }
  await client.stop();

  // In process: the view, then the drawing, each warm.
  const engine = new Engine(new DiskWorkspace(folder));
  const file = fileUri(nodePath.join(folder, 'bench-preview.mktplan.yaml'));
  const translator = translatorFor('en');
  await renderPreview(await engine.view(file, text, today), translator, engine.workspace.root);
  const viewTimes: number[] = [];
  const drawTimes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const view = await timed(() => engine.view(file, text, today));
    viewTimes.push(view.ms);
    drawTimes.push((await timed(() => renderPreview(view.value, translator, engine.workspace.root))).ms);
  }

  const rows = [
    ['plan', `${countLines(text).toLocaleString('en')} lines`],
    ['first preview on a fresh server', `${first.ms.toFixed(0)} ms`],
    ['preview again, same text (median)', `${median(again).toFixed(0)} ms`],
    ['preview after an edit (median)', `${median(edits).toFixed(0)} ms`],
    ['hover sent behind a preview (median)', `${median(hovers).toFixed(0)} ms`],
    ['in process: the view (median)', `${median(viewTimes).toFixed(0)} ms`],
    ['in process: drawing the panels (median)', `${median(drawTimes).toFixed(0)} ms`],
    ['panels HTML', `${bodyKiB.toFixed(0)} KiB`],
  ];
  process.stdout.write(`| measure | value |\n|---|---|\n${rows.map(([name, value]) => `| ${name} | ${value} |`).join('\n')}\n`);
}

runHarness('bench/preview', main, () => rmSync(workspaceFolder, { recursive: true, force: true }));
