/**
 * Names longer than this are not compared: no one mistypes a word that long, and comparing two
 * names costs their lengths multiplied (two ids of 50,000 letters took over a minute).
 */
export const maxComparedLength = 100;

/**
 * Edits from one word to another: letters added, removed, changed, or two neighbours swapped
 * (`mihn` → `minh` is one); letters compared in lower case. Past `limit`, the count stops: any
 * number above it is as far as the caller cares, so only the cells within `limit` of the
 * diagonal are computed.
 */
function editDistance(a: readonly string[], b: readonly string[], limit: number): number {
  const beyond = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return beyond;
  // Three rows of the table are all the recurrence reads; a cell off the band counts as beyond.
  let before = new Array<number>(b.length + 2).fill(beyond);
  let previous = Array.from({ length: b.length + 2 }, (_, j) => (j <= limit && j <= b.length ? j : beyond));
  let current = new Array<number>(b.length + 2).fill(beyond);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[from - 1] = from === 1 && i <= limit ? i : beyond;
    let smallest = current[from - 1];
    for (let j = from; j <= to; j++) {
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, before[j - 2] + 1);
      current[j] = Math.min(distance, beyond);
      if (distance < smallest) smallest = distance;
    }
    // The next row reads this one a cell past its band.
    current[to + 1] = beyond;
    if (smallest > limit) return beyond;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/** Every candidate close to a name (no more than a third of the letters differ), the closest first. */
export function closeNames(name: string, candidates: readonly string[]): string[] {
  const letters = Array.from(name.toLowerCase());
  if (letters.length > maxComparedLength) return [];
  const close: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of candidates) {
    if (candidate.length > maxComparedLength * 2) continue;
    const other = Array.from(candidate.toLowerCase());
    const length = Math.max(letters.length, other.length);
    const distance = editDistance(letters, other, Math.floor(length / 3));
    if (distance > 0 && distance * 3 <= length) close.push({ candidate, distance });
  }
  return close.sort((a, b) => a.distance - b.distance).map(({ candidate }) => candidate);
}
