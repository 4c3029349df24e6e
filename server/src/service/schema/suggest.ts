/** Edits from one word to another: letters added, removed, changed, or two neighbours swapped (`mihn` → `minh` is one). */
function editDistance(a: readonly string[], b: readonly string[]): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/** Every candidate close to a name (no more than a third of the letters differ), the closest first. */
export function closeNames(name: string, candidates: readonly string[]): string[] {
  const letters = Array.from(name);
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(letters, Array.from(candidate)), length: Math.max(letters.length, Array.from(candidate).length) }))
    .filter(({ distance, length }) => distance > 0 && distance * 3 <= length)
    .sort((a, b) => a.distance - b.distance)
    .map(({ candidate }) => candidate);
}
