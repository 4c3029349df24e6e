import { requestParams } from './requestParams';
import type { ServerState } from './state';

/** Hover, completion, the outline, folding and the figures at line ends. */
export function listenLanguage(state: ServerState): void {
  const { connection, settings, client } = state;

  connection.onHover(
    state.checked('textDocument/hover', requestParams.position, (params) =>
      state.onDocument(params.textDocument.uri, 'hover', async (engine, uri, text) =>
        (await engine.hover(uri, text, params.position, await settings.of(uri), { findings: client.hoverFindings })) ?? null,
      ),
    ),
  );

  connection.onCompletion(
    state.checked('textDocument/completion', requestParams.position, (params) =>
      state.onDocument(params.textDocument.uri, 'completion', async (engine, uri, text) => {
        const { locale } = await settings.of(uri);
        return { isIncomplete: false, items: await engine.complete(uri, text, params.position, { snippets: client.completionSnippets, locale }) };
      }),
    ),
  );

  connection.onDocumentSymbol(
    state.checked('textDocument/documentSymbol', requestParams.document, (params) =>
      state.onDocument(params.textDocument.uri, 'outline', async (engine, uri, text) => engine.symbols(uri, text, (await settings.of(uri)).locale)),
    ),
  );

  connection.onFoldingRanges(
    state.checked('textDocument/foldingRange', requestParams.document, (params) =>
      state.onDocument(params.textDocument.uri, 'folding', async (engine, uri, text) => engine.folding(uri, text)),
    ),
  );

  connection.languages.inlayHint.on(
    state.checked('textDocument/inlayHint', requestParams.inlayHint, async (params) => {
      const documentSettings = await settings.of(params.textDocument.uri);
      if (documentSettings.inlayHints === false) return [];
      const insights = await state.onDocument(params.textDocument.uri, 'outline', (engine, uri, text) => engine.insights(uri, text, documentSettings.locale));
      const { start, end } = params.range;
      return (insights ?? [])
        .filter(({ position }) => position.line >= start.line && position.line <= end.line)
        .map(({ position, label }) => ({ position, label, paddingLeft: true }));
    }),
  );
}
