import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';

const sourceRoot = nodePath.join(__dirname, '../../server/src');
const engineRoot = nodePath.join(sourceRoot, 'service');

function sourcesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = nodePath.join(folder, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** The files a source imports from this tree (type-only imports included: they tie the layers too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)].flatMap((match) => {
    const target = nodePath.resolve(nodePath.dirname(file), match[1]);
    for (const candidate of [`${target}.ts`, nodePath.join(target, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) return [candidate];
      } catch {
        // not this form: try the next
      }
    }
    return [];
  });
}

/** The engine's layers, lowest first: each may import only its own and lower ones. */
const layers = ['types.ts', 'i18n', 'document', 'schema', 'model', 'rules', 'features', 'engine.ts', 'index.ts'];

function layerOf(file: string): number {
  const first = nodePath.relative(engineRoot, file).split(nodePath.sep)[0];
  return layers.indexOf(first);
}

/** Every cycle a depth-first walk meets, each as its chain of files. */
function cyclesIn(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[][] = [];
  const visit = (file: string, chain: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...chain.slice(chain.indexOf(file)), file]);
      return;
    }
    state.set(file, 'visiting');
    for (const next of graph.get(file) ?? []) visit(next, [...chain, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}

describe('the source tree', () => {
  const files = sourcesUnder(sourceRoot);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('has no import cycle anywhere under server/src', () => {
    assert.ok(files.length > 50 && [...graph.values()].flat().length > 100, 'the imports were not read');
    assert.deepEqual(
      cyclesIn(graph).map((cycle) => cycle.map((step) => nodePath.relative(sourceRoot, step)).join(' → ')),
      [],
    );
  });

  it('would see a cycle: the check finds one in a graph that has it', () => {
    const withCycle = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    assert.deepEqual(cyclesIn(withCycle), [['a', 'b', 'c', 'a']]);
  });

  it('keeps the engine in layers: document, schema, model, rules, features, each importing only those below it', () => {
    const upward: string[] = [];
    for (const file of files.filter((path) => path.startsWith(engineRoot + nodePath.sep))) {
      const layer = layerOf(file);
      assert.ok(layer >= 0, `${nodePath.relative(engineRoot, file)} is in no layer`);
      for (const target of graph.get(file)!) {
        if (layerOf(target) > layer) upward.push(`${nodePath.relative(engineRoot, file)} imports ${nodePath.relative(engineRoot, target)}`);
      }
    }
    assert.deepEqual(upward, []);
  });
});
