/**
 * Edits from one word to another: letters added, removed, changed, or two neighbours swapped
 * (`mihn` → `minh` is one); letters compared in lower case. Past `limit`, the count stops: any
 * number above it is as far as the caller cares.
 */
function editDistance(a: readonly string[], b: readonly string[], limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rows of the table are all the recurrence reads.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, before[j - 2] + 1);
      current[j] = distance;
      if (distance < smallest) smallest = distance;
    }
    if (smallest > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/** Every candidate close to a name (no more than a third of the letters differ), the closest first. */
export function closeNames(name: string, candidates: readonly string[]): string[] {
  const letters = Array.from(name.toLowerCase());
  return candidates
    .map((candidate) => {
      const other = Array.from(candidate.toLowerCase());
      const length = Math.max(letters.length, other.length);
      return { candidate, distance: editDistance(letters, other, Math.floor(length / 3)), length };
    })
    .filter(({ distance, length }) => distance > 0 && distance * 3 <= length)
    .sort((a, b) => a.distance - b.distance)
    .map(({ candidate }) => candidate);
}
