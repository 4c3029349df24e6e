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

/**
 * The candidate closest to a name that was probably meant as it: one where no more than a
 * third of the letters differ. Letters count as written (`赵敏` and `青山` are two apart, of two).
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const letters = Array.from(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(letters, Array.from(candidate));
    if (distance * 3 <= Math.max(letters.length, Array.from(candidate).length) && distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
