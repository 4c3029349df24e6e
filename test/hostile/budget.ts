/**
 * The time a pathological input may take: a second per megabyte of input, and never less
 * than a floor that absorbs the start of a process or a busy machine. A test sets it as its
 * mocha timeout, so an input that hangs or turns quadratic fails instead of stalling the run.
 */
export function budgetFor(bytes: number, floorMs = 5_000): number {
  return Math.max(floorMs, Math.ceil((bytes / 1_000_000) * 1_000));
}
