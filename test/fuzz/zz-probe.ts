import fc from 'fast-check';
import { fuzzCase, materialize, workspaceFiles } from './mutations';
import { MemoryWorkspace } from '../unit/helpers';
import { Engine } from '../../server/src/service';
(async () => {
  const samples = fc.sample(fuzzCase, { numRuns: 1000, seed: 5 });
  const stats: Record<string, number> = {};
  const bump = (k: string) => (stats[k] = (stats[k] ?? 0) + 1);
  let slow = 0, slowCase = '';
  for (const c of samples) {
    const { file, text, positions } = materialize(c);
    const ws = new MemoryWorkspace({ ...workspaceFiles, [file]: text });
    const e = new Engine(ws);
    const t = performance.now();
    const d = await e.check(ws.resolve(file), text);
    const parses = e.parse(ws.resolve(file), text).errors.length === 0;
    bump(parses ? 'parses' : 'no-parse');
    for (const x of new Set(d.map((x) => x.code))) bump('code:' + x);
    for (const p of positions) {
      if (await e.hover(ws.resolve(file), text, p)) bump('hover');
      const items = await e.complete(ws.resolve(file), text, p);
      if (items.length) bump('complete'); if (items.some((i) => i.textEdit)) bump('textEdit');
    }
    const el = performance.now() - t;
    if (el > slow) { slow = el; slowCase = JSON.stringify(c).slice(0, 300); }
  }
  console.log(stats, slow, slowCase);
})();
