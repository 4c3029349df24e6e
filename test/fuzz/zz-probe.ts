import fc from 'fast-check';
import { fuzzProperty, seeds } from './mutations';
(async () => {
  console.log(seeds.map((s) => `${s.name} ${s.text.length}`).join('\n'));
  const t = performance.now();
  const d = await fc.check(fuzzProperty, { numRuns: 200, seed: 1 });
  console.log(d.failed, d.numRuns, ((performance.now() - t) / 200).toFixed(1), 'ms/run');
  if (d.failed) console.log(String((d.errorInstance as Error).message).slice(0, 3000), '\n', fc.stringify(d.counterexample).slice(0, 3000), d.counterexamplePath);
})();
