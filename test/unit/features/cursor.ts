/** The marker that stands for the cursor in a test text. */
export const cursorMarker = '$$';

export interface Cursor {
  /** The text without the marker. */
  text: string;
  /** Where the marker stood: 0-based line (lines end at '\n') and character (UTF-16 units). */
  position: { line: number; character: number };
}

/**
 * Takes a text with exactly one cursor marker (`$$`) and returns the text without it and the
 * position the marker stood at. Throws when there is no marker or more than one.
 */
export function cursor(marked: string): Cursor {
  const offset = marked.indexOf(cursorMarker);
  if (offset < 0) throw new Error(`test setup: no cursor marker ${cursorMarker} in the text`);
  if (marked.indexOf(cursorMarker, offset + cursorMarker.length) >= 0) throw new Error(`test setup: more than one cursor marker ${cursorMarker} in the text`);
  const before = marked.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.length - before.replace(/\n/g, '').length;
  return { text: before + marked.slice(offset + cursorMarker.length), position: { line, character: offset - lineStart } };
}

/**
 * `text` with one exact piece replaced by a piece that may carry the cursor marker; fails loudly if
 * the piece is not there. (`String.prototype.replace` with a string would read `$$` as an escaped `$`
 * and drop the marker, which is why `withChange` from the helpers cannot place it.)
 */
export function withCursor(from: string, to: string, text: string): string {
  const index = text.indexOf(from);
  if (index < 0) throw new Error(`test setup: ${JSON.stringify(from)} is not in the text`);
  return text.slice(0, index) + to + text.slice(index + from.length);
}
