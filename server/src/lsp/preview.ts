import { baseName, translatorFor } from '../service';
import { renderPreview, renderReport } from '../report';
import { exportRequest, previewRequest, type ExportParams, type PreviewParams, type PreviewResult } from './protocol';
import { requestParams } from './requestParams';
import type { ServerState } from './state';

/** The preview beside the editor (`mktplan/preview`) and the exported report (`mktplan/export`). */
export function listenPreview(state: ServerState): void {
  const { connection, documents, settings, host } = state;
  /** The last preview of each document, for the same version asked again (the editor switching back to a plan). */
  const previews = new Map<string, { key: string; result: Promise<PreviewResult> }>();
  // A plan's preview reads other files too (the actuals that measure it, their CSV exports): an edit to any open document counts.
  let edits = 0;
  documents.onEvent((event) => {
    edits++;
    if (event.kind === 'close') previews.delete(event.document.uri);
  });

  connection.onRequest(
    previewRequest,
    state.checked(previewRequest, requestParams.preview, (params: PreviewParams) =>
      state.onDocument(params.uri, 'preview', async (engine, uri, text): Promise<PreviewResult> => {
        const document = documents.get(uri)!;
        const { version } = document;
        const documentSettings = await settings.of(uri);
        const width = typeof params.width === 'number' && Number.isFinite(params.width) ? params.width : undefined;
        const key = JSON.stringify([version, params.today, width, documentSettings, edits, state.storedChanges]);
        const cached = previews.get(document.uri);
        if (cached?.key === key) return cached.result;
        const result = (async (): Promise<PreviewResult> => {
          const translator = translatorFor(documentSettings.locale);
          const title = translator.t('preview.title', { file: baseName(uri) });
          if (engine.parse(uri, text).errors.length > 0) return { parses: false, version, title, notice: translator.t('report.stale') };
          const view = await engine.view(uri, text, params.today, documentSettings);
          return { parses: true, version, title, ...(await renderPreview(view, translator, engine.workspace.root, width)) };
        })();
        previews.set(document.uri, { key, result });
        result.catch(() => previews.delete(document.uri));
        return result;
      }),
    ),
  );

  connection.onRequest(
    exportRequest,
    state.checked(exportRequest, requestParams.export, (params: ExportParams) =>
      state.onDocument(params.uri, 'preview', async (engine, uri, text) => {
        const documentSettings = await settings.of(uri);
        const view = await engine.view(uri, text, params.today, documentSettings);
        const provenance = { commit: await host.commitOf(uri), changed: params.changed };
        return renderReport(view, translatorFor(documentSettings.locale), params.format, provenance, await host.reportRoot(engine.workspace.root));
      }),
    ),
  );
}
