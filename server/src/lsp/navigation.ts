import { DocumentHighlightKind, type DefinitionParams, ErrorCodes, ResponseError, SymbolKind, type Location, type Range, type SymbolInformation, type TextEdit } from 'vscode-languageserver';
import { requestParams } from './requestParams';
import type { ServerState } from './state';

/** The LSP symbol kind each kind of id is shown as. */
const symbolKinds = {
  member: SymbolKind.Constructor,
  objective: SymbolKind.Event,
  segment: SymbolKind.Class,
  channel: SymbolKind.Interface,
  campaign: SymbolKind.Function,
  kpi: SymbolKind.Number,
  milestone: SymbolKind.Event,
} as const;

const location = ({ file, range }: { file: string; range: Range }): Location => ({ uri: file, range });

/** Definitions, references, highlights, rename, links on imports and workspace symbols, across files. */
export function listenNavigation(state: ServerState): void {
  const { connection, settings } = state;

  const definition = state.checked('textDocument/definition', requestParams.position, (params: DefinitionParams) =>
    state.onDocument(params.textDocument.uri, 'navigation', async (engine, uri, text) => (await engine.definition(uri, text, params.position)).map(location)),
  );
  connection.onDefinition(definition);
  connection.onDeclaration(definition);

  connection.onReferences(
    state.checked('textDocument/references', requestParams.references, (params) =>
      state.onDocument(params.textDocument.uri, 'navigation', async (engine, uri, text) =>
        (await engine.references(uri, text, params.position, params.context.includeDeclaration)).map(location),
      ),
    ),
  );

  connection.onDocumentHighlight(
    state.checked('textDocument/documentHighlight', requestParams.position, (params) =>
      state.onDocument(params.textDocument.uri, 'navigation', async (engine, uri, text) =>
        (await engine.highlights(uri, text, params.position)).map(({ range, kind }) => ({ range, kind: kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })),
      ),
    ),
  );

  connection.onPrepareRename(
    state.checked('textDocument/prepareRename', requestParams.position, (params) =>
      state.onDocument(params.textDocument.uri, 'navigation', (engine, uri, text) => engine.prepareRename(uri, text, params.position)),
    ),
  );

  connection.onRenameRequest(
    state.checked('textDocument/rename', requestParams.rename, async (params) => {
      const { locale } = await settings.of(params.textDocument.uri);
      const result = await state.onDocument(params.textDocument.uri, 'navigation', (engine, uri, text) => engine.rename(uri, text, params.position, params.newName, locale));
      if (!result) return null;
      // A refused name is an error the editor shows, with the reason.
      if ('refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
      const changes: Record<string, TextEdit[]> = {};
      for (const [file, edits] of result.edits) changes[state.documents.get(file)?.uri ?? file] = edits;
      return { changes };
    }),
  );

  connection.onDocumentLinks(
    state.checked('textDocument/documentLink', requestParams.document, (params) =>
      state.onDocument(params.textDocument.uri, 'navigation', async (engine, uri, text) => engine.documentLinks(uri, text)),
    ),
  );

  connection.onWorkspaceSymbol(
    state.checked('workspace/symbol', requestParams.workspaceSymbol, async (params) => {
      const found: SymbolInformation[] = [];
      for (const root of state.folders) {
        try {
          for (const symbol of await state.engineFor(root).workspaceSymbols(params.query)) {
            found.push({ name: symbol.name, kind: symbolKinds[symbol.kind], location: location(symbol.location), containerName: symbol.detail });
          }
        } catch (error) {
          state.log('navigation', error, root);
        }
      }
      return found;
    }),
  );
}
