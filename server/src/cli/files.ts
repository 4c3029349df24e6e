import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import * as nodePath from 'node:path';
import { readRegularFile, specialKindOf, type SpecialKind, type StoredFile } from '../hosts/disk';
import type { MessageRef } from '../service/i18n/messages';

/** Why a file was left as it was. */
export type WriteRefusal =
  | { kind: 'readOnly' }
  /** It no longer holds the bytes the new content was made from. */
  | { kind: 'changed' }
  | { kind: 'notAFile'; special: SpecialKind }
  | { kind: 'failed'; reason: string };

const reasonOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * Whether a file is meant not to be written. Root may write any file, so the mode bits are read
 * first: a file nobody may write stays as it is, whoever runs the command.
 */
async function isReadOnly(file: string, stat: Stats): Promise<boolean> {
  if ((stat.mode & 0o222) === 0) return true;
  return fs.access(file, constants.W_OK).then(
    () => false,
    () => true,
  );
}

/**
 * Replaces a file's content whole or not at all: the content goes to a new file beside it, under a
 * random name created exclusively (so no file or link planted there is written through), with the
 * old file's mode, then is renamed over it. Through a link, the file the link leads to is replaced
 * and the link stays. A read-only file is refused; so is one that no longer holds `expected`, the
 * bytes the content was made from (someone saved it meanwhile), when they are given.
 */
export async function replaceFile(target: string, content: string | Buffer, expected?: Buffer): Promise<WriteRefusal | undefined> {
  const real = await fs.realpath(target).catch(() => nodePath.resolve(target));
  let old: Stats | undefined;
  try {
    old = await fs.stat(real);
  } catch (error) {
    if (reasonOf(error) !== 'ENOENT') return { kind: 'failed', reason: reasonOf(error) };
  }
  if (old) {
    const special = specialKindOf(old);
    if (special) return { kind: 'notAFile', special };
    if (await isReadOnly(real, old)) return { kind: 'readOnly' };
  } else if (expected) {
    return { kind: 'changed' };
  }

  const temporary = nodePath.join(nodePath.dirname(real), `.${nodePath.basename(real)}.${randomBytes(8).toString('hex')}.tmp`);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(temporary, 'wx', old ? old.mode & 0o777 : 0o666);
  } catch (error) {
    // Nothing of ours is there to remove: whatever stands under that name stays.
    return { kind: 'failed', reason: reasonOf(error) };
  }
  try {
    try {
      await handle.writeFile(content);
      if (old) {
        // The mode exactly, whatever the umask; the owner too where the system allows it (as root).
        await handle.chmod(old.mode & 0o7777);
        await handle.chown(old.uid, old.gid).catch(() => undefined);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (expected) {
      const now = await readRegularFile(real);
      if (now.kind !== 'ok' || !now.bytes.equals(expected)) {
        await fs.rm(temporary, { force: true });
        return { kind: 'changed' };
      }
    }
    await fs.rename(temporary, real);
    return undefined;
  } catch (error) {
    await fs.rm(temporary, { force: true });
    return { kind: 'failed', reason: reasonOf(error) };
  }
}

/** A system error's code (`EACCES`) in the user's words. */
export function systemError(code: string): MessageRef {
  return { id: 'files.error', data: { code } };
}

/** Why a named file was not read, in the user's words. */
export function whyNotRead(file: string, stored: Exclude<StoredFile, { kind: 'ok' }>): MessageRef {
  // A name that is not UTF-8 reaches Node with its bad bytes replaced, and so names no file.
  if (stored.kind === 'missing' && file.includes('\uFFFD')) return { id: 'cli.nameNotUtf8', data: { file } };
  if (stored.kind === 'missing') return { id: 'cli.noSuchInput', data: { input: file } };
  if (stored.kind === 'notAFile') return { id: 'files.notChecked', data: { file, reason: stored.special, folder: '' } };
  return { id: 'cli.cannotRead', data: { file, reason: systemError(stored.reason) } };
}

/** Why a fix or a report was not written, in the user's words. */
export function whyNotWritten(file: string, refusal: WriteRefusal): MessageRef {
  if (refusal.kind === 'readOnly') return { id: 'cli.readOnly', data: { file } };
  if (refusal.kind === 'changed') return { id: 'cli.notFixedChanged', data: { file } };
  if (refusal.kind === 'notAFile') return { id: 'cli.notWritten', data: { file, reason: refusal.special } };
  return { id: 'cli.cannotWrite', data: { file, reason: systemError(refusal.reason) } };
}
