import { setFlagsFromString } from 'node:v8';

/**
 * Has V8's optimizing compiler inline less into each function than its default (920 bytes of
 * bytecode): a check runs a large body of code that is new to the process, and with the
 * default, compiling it (on V8's background threads) cost more CPU than the optimized code
 * saved. With 200, `mktplan check` of 1,000 plans used about a fifth less CPU and of 5,000
 * plans about two fifths less (docs/performance.md, "What the compiler costs"). Called
 * before any of the checker runs, so that every function is compiled under the same limit.
 */
export function inlineLess(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
}
