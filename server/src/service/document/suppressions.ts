import { isScalar, type Document } from 'yaml';
import { forEachNode } from './walk';

/** Rules silenced by comments: for the whole file, and per 0-based line. */
export interface Suppressions {
  file: Set<string>;
  lines: Map<number, Set<string>>;
}

const directive = /(?:^|\s)(#\s*mktplan-disable(-next-line)?[ \t]+([a-z0-9/_-]+(?:[ \t]*,[ \t]*[a-z0-9/_-]+)*))/;

/** Offsets covered by scalars, where a `#` is text rather than a comment. */
function scalarSpans(document: Document): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  forEachNode(document, (node) => {
    if (isScalar(node) && node.range) spans.push([node.range[0], node.range[1]]);
  });
  return spans;
}

/** The suppression comments of a text; its tree, to tell a comment from a `#` inside a value, is read only where one may stand. */
export function readSuppressions(text: string, tree: () => Document): Suppressions {
  const suppressions: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes('mktplan-disable')) return suppressions;
  let spans: Array<[number, number]> | undefined;
  let lineStart = 0;
  // Lines as the YAML parser counts them: a line ends at a line feed.
  text.split('\n').forEach((line, index) => {
    const offsetOfLine = lineStart;
    lineStart += line.length + 1;
    if (!line.includes('mktplan-disable')) return;
    const match = directive.exec(line);
    if (!match) return;
    const hash = offsetOfLine + match.index + match[0].indexOf(match[1]);
    spans ??= scalarSpans(tree());
    if (spans.some(([start, end]) => hash >= start && hash < end)) return;
    const ids = match[3].split(',').map((id) => id.trim());
    if (match[2]) {
      const next = suppressions.lines.get(index + 1) ?? new Set<string>();
      ids.forEach((id) => next.add(id));
      suppressions.lines.set(index + 1, next);
    } else {
      ids.forEach((id) => suppressions.file.add(id));
    }
  });
  return suppressions;
}

export function isSuppressed(suppressions: Suppressions, ruleId: string, line: number): boolean {
  return suppressions.file.has(ruleId) || (suppressions.lines.get(line)?.has(ruleId) ?? false);
}
