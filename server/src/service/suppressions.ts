/** Rules silenced by comments: for the whole file, and per 0-based line. */
export interface Suppressions {
  file: Set<string>;
  lines: Map<number, Set<string>>;
}

const directive = /(?:^|\s)#\s*mktplan-disable(-next-line)?[ \t]+([a-z0-9/_-]+(?:[ \t]*,[ \t]*[a-z0-9/_-]+)*)/;

export function readSuppressions(text: string): Suppressions {
  const suppressions: Suppressions = { file: new Set(), lines: new Map() };
  if (!text.includes('mktplan-disable')) return suppressions;
  // Lines as the YAML parser counts them: a line ends at a line feed.
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (!line.includes('mktplan-disable')) return;
    const match = directive.exec(line);
    if (!match) return;
    const ids = match[2].split(',').map((id) => id.trim()).filter(Boolean);
    if (match[1]) {
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
