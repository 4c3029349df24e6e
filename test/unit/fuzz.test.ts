// The bounded run of the engine's robustness property (test/fuzz/mutations.ts), inside `npm test`.
// A fixed seed keeps CI reproducible; MKTPLAN_FUZZ_SEED (and MKTPLAN_FUZZ_RUNS) explore further.
// The long run is test/fuzz/long.ts.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyMutation, checkText, fuzzProperty, mutation, seedFromEnvironment, seeds } from '../fuzz/mutations';

/** About 3.5 ms a run here (2 cores): 2,000 runs take about 7 s, leaving room within the budget of ~20 s on a slower machine. */
const defaultRuns = 2000;
const defaultSeed = 20270101;

function runsFromEnvironment(): number {
  const raw = process.env.MKTPLAN_FUZZ_RUNS;
  if (raw === undefined || raw.trim() === '') return defaultRuns;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`MKTPLAN_FUZZ_RUNS must be a positive integer, not ${JSON.stringify(raw)}`);
  return runs;
}

describe('engine robustness (fuzz)', function () {
  // Shrinking a failure runs the property many more times than the runs themselves.
  this.timeout(180_000);

  it('handles every seed plan as it is', async () => {
    assert.ok(seeds.length >= 10, `only ${seeds.length} seeds`);
    for (const seed of seeds) await checkText(seed.name, seed.text, [{ line: 0, character: 0 }]);
  });

  it('applies any mutation to any text, the empty one included', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '\n', 'a', 'a: 1\nb: [x]\n', ...seeds.slice(0, 3).map((seed) => seed.text)), mutation, (text, change) => {
        assert.equal(typeof applyMutation(text, change), 'string');
      }),
      { seed: defaultSeed, numRuns: 500 },
    );
  });

  it('answers every feature inside the document, in bounded time, for mutated plans', async () => {
    const seed = seedFromEnvironment(defaultSeed);
    const numRuns = runsFromEnvironment();
    const details = await fc.check(fuzzProperty, { seed, numRuns });
    if (details.failed) {
      const report = fc.defaultReportMessage(details) ?? 'the property failed';
      const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      const replay = details.counterexamplePath
        ? `\n\nReplay: npx tsx test/fuzz/long.ts --seed ${details.seed} --path ${details.counterexamplePath}` +
          `\n    or: MKTPLAN_FUZZ_SEED=${details.seed} npx mocha --no-config --require tsx/cjs --extension ts --timeout 120000 test/unit/fuzz.test.ts`
        : '';
      assert.fail(`seed ${details.seed}, path ${details.counterexamplePath}\n${report}\nError: ${error}${replay}`);
    }
    assert.equal(details.numRuns, numRuns);
  });
});
