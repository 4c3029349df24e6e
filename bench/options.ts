// What the smaller harnesses share: a numeric option from the command line, and the median.

/** The number after `name` on the command line, or `fallback`. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** The middle value of a list of measurements (the upper one of an even count). */
export function median(list: readonly number[]): number {
  return [...list].sort((a, b) => a - b)[list.length >> 1];
}
