import { decodePlanFile, type ReadResult } from '../service';

/** A file's bytes as stored, or why they were not read. */
export type StoredBytes =
  | { kind: 'ok'; bytes: Uint8Array; size: number }
  | { kind: 'missing' }
  /** A folder, a pipe, a socket or a device: never opened. */
  | { kind: 'notAFile'; special: string }
  /** A link leads out of the workspace folder. */
  | { kind: 'outside' }
  | { kind: 'unreadable'; reason: string };

/** The files stored under one workspace folder, as the door that runs the server reaches them. */
export interface FolderStorage {
  /** The folder's URI. */
  readonly root: string;
  readStored(uri: string): Promise<StoredBytes>;
  /** Every plan file under the folder, in a stable order. */
  listPlans(): Promise<string[]>;
  isRepositoryRoot(folder: string): Promise<boolean>;
}

/** A file's text as the engine reads it, from its stored bytes. */
export function readStoredText(stored: StoredBytes): ReadResult {
  if (stored.kind === 'notAFile') return { kind: 'notAFile' };
  if (stored.kind !== 'ok') return stored;
  const decoded = decodePlanFile(stored.bytes, stored.size);
  if (decoded.kind === 'text') return { kind: 'ok', text: decoded.text };
  return decoded.reason === 'tooLarge' ? { kind: 'tooLarge', size: decoded.size } : { kind: 'notText' };
}
