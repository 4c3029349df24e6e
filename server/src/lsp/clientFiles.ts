import type { Connection } from 'vscode-languageserver';
import type { StoredBytes } from './host';
import type { ReadFileResult } from './protocol';

// Files the server asks the client for (`mktplan/readFile` in a browser, `mktplan/readAtRevision`
// for a comparison): what comes back is checked, since a client may answer anything or nothing.

/** Bytes sent in base64 (a JSON message carries no bytes). */
function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A request to the client that may not know it: its answer, or undefined for null, an error or a malformed answer. */
export async function ask<P, R>(connection: Connection, method: string, params: P, isAnswer: (value: unknown) => value is R): Promise<R | undefined> {
  const answer: unknown = await connection.sendRequest(method, params).catch(() => undefined);
  return isAnswer(answer) ? answer : undefined;
}

const isReadFileResult = (value: unknown): value is ReadFileResult => {
  const result = value as ReadFileResult | null;
  if (!result || typeof result !== 'object') return false;
  if (result.kind === 'ok') return typeof result.base64 === 'string' && typeof result.size === 'number';
  if (result.kind === 'unreadable') return typeof result.reason === 'string';
  return result.kind === 'missing' || result.kind === 'notAFile';
};

/** A file the client reads for the server: its bytes, or why there are none (no answer reads as no file). */
export async function readThroughClient<P>(connection: Connection, method: string, params: P): Promise<StoredBytes> {
  const read = await ask(connection, method, params, isReadFileResult);
  if (!read || read.kind === 'missing') return { kind: 'missing' };
  if (read.kind === 'notAFile') return { kind: 'notAFile', special: 'folder' };
  if (read.kind === 'unreadable') return read;
  return { kind: 'ok', bytes: fromBase64(read.base64), size: read.size };
}
