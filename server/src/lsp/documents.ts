import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { normalUri } from '../service';

/**
 * The documents the editor has open. Unlike the library's store it refuses a change whose
 * version is not newer than the text it has: a client that sends edits out of order must
 * not make the server check, or publish for, an older text after a newer one.
 */
export class OpenDocuments {
  private readonly documents = new Map<string, TextDocument>();
  private listeners: Array<(event: { kind: 'open' | 'change' | 'close'; document: TextDocument }) => void> = [];

  get(uri: string): TextDocument | undefined {
    return this.documents.get(normalUri(uri));
  }

  /** The open documents' URIs, each in the form the engine names files by. */
  uris(): string[] {
    return [...this.documents.keys()];
  }

  get size(): number {
    return this.documents.size;
  }

  onEvent(listener: (event: { kind: 'open' | 'change' | 'close'; document: TextDocument }) => void): void {
    this.listeners.push(listener);
  }

  listen(connection: Connection): void {
    const emit = (kind: 'open' | 'change' | 'close', document: TextDocument) => this.listeners.forEach((listener) => listener({ kind, document }));
    connection.onDidOpenTextDocument(({ textDocument }) => {
      const document = TextDocument.create(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
      this.documents.set(normalUri(textDocument.uri), document);
      emit('open', document);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const document = this.get(textDocument.uri);
      if (!document) {
        connection.console.warn(`mktplan: a change for ${textDocument.uri}, which is not open, was ignored`);
        return;
      }
      if (typeof textDocument.version === 'number' && textDocument.version <= document.version) {
        connection.console.warn(`mktplan: version ${textDocument.version} of ${textDocument.uri} arrived after version ${document.version} and was ignored`);
        return;
      }
      const updated = TextDocument.update(document, contentChanges as TextDocumentContentChangeEvent[], textDocument.version ?? document.version + 1);
      this.documents.set(normalUri(textDocument.uri), updated);
      emit('change', updated);
    });
    connection.onDidCloseTextDocument(({ textDocument }) => {
      const document = this.get(textDocument.uri);
      if (!document) return;
      this.documents.delete(normalUri(textDocument.uri));
      emit('close', document);
    });
  }
}
