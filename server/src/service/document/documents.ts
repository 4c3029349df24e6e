/** Where the first YAML document of a text ends, and whether anything follows that is a second one. */
export interface FirstDocument {
  /** Offset where the first document's text ends: the start of the `---` or `...` line that ends it. */
  end: number;
  /** The `---` (or `...`) line's marker, when a second document with content follows it. */
  second?: [number, number];
}

const startMarker = /^---(?:[ \t]|$)/;
const endMarker = /^\.\.\.(?:[ \t]|$)/;

/** A line holds nothing: blank, or only a comment. */
function isEmptyLine(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

/**
 * The end of the first document, when a `---` or `...` at the start of a line ends it; undefined
 * when the text is one document. Markers stand at column 0, where no block or flow value of the
 * first document can hold them.
 */
export function firstDocument(text: string): FirstDocument | undefined {
  if (!text.includes('---') && !text.includes('...')) return undefined;
  let seenStart = false;
  let seenContent = false;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, '');
    const opens = startMarker.test(line);
    if (opens && !seenStart && !seenContent) {
      seenStart = true;
      if (!isEmptyLine(line.slice(3))) seenContent = true;
    } else if (opens || endMarker.test(line)) {
      const marker: [number, number] = [start, start + 3];
      // What follows the marker on its own line belongs to the next document, like the lines after it.
      const rest = line.slice(3) + '\n' + (newline < 0 ? '' : text.slice(newline + 1));
      const hasContent = rest.split('\n').some((following) => !isEmptyLine(following) && !/^(?:---|\.\.\.)\s*(?:#.*)?$/.test(following.trim()));
      return hasContent ? { end: start, second: marker } : { end: start };
    } else if (!isEmptyLine(line) && !(line.startsWith('%') && !seenStart)) {
      seenContent = true;
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  return undefined;
}
