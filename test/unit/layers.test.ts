import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import ts from 'typescript';

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

  it('keeps the doors in layers: the engine, then its hosts, then the report, then the command line and the language server, which never import each other', () => {
    const upward: string[] = [];
    for (const file of files) {
      const door = doorOf(file);
      for (const target of graph.get(file)!) {
        const other = doorOf(target);
        if (other.rank > door.rank || (other.rank === door.rank && other.name !== door.name)) upward.push(`${nodePath.relative(sourceRoot, file)} imports ${nodePath.relative(sourceRoot, target)}`);
      }
    }
    assert.deepEqual(upward, []);
  });

  it('keeps Node out of the engine: no node: module, no Node global, under server/src/service', () => {
    const engineFiles = files.filter((file) => file.startsWith(engineRoot + nodePath.sep));
    assert.ok(engineFiles.length > 50);
    assert.deepEqual(engineFiles.flatMap((file) => nodeUsesIn(file, readFileSync(file, 'utf8'))), []);
  });

  /** A browser entry and every source it imports, directly or not. */
  const reachedFrom = (entry: string) => {
    const reached = new Set<string>([entry]);
    for (const file of reached) for (const target of graph.get(file) ?? importsOf(file)) reached.add(target);
    return [...reached];
  };

  it('keeps Node out of everything the web worker runs: the worker entry and all it imports', () => {
    const reached = reachedFrom(nodePath.join(sourceRoot, 'lsp', 'worker.ts'));
    assert.ok(reached.length > 80, `the worker reaches only ${reached.length} files`);
    assert.deepEqual(reached.flatMap((file) => nodeUsesIn(file, readFileSync(file, 'utf8'))), []);
  });

  it('keeps Node out of everything the browser client runs: client/src/browser.ts and all it imports', () => {
    const reached = reachedFrom(nodePath.join(sourceRoot, '../../client/src/browser.ts'));
    assert.ok(reached.some((file) => file.endsWith('preview.ts')) && reached.some((file) => file.endsWith('extension.ts')), reached.join(', '));
    assert.deepEqual(reached.flatMap((file) => nodeUsesIn(file, readFileSync(file, 'utf8'))), []);
  });

  it('would see Node: the check finds a node: import, a bare built-in, and each Node global, and passes over words in comments and strings', () => {
    const text = [
      "import { readFileSync } from 'node:fs';",
      "import * as path from 'path';",
      "const data = require('./data.json');",
      'const file = __dirname + __filename;',
      'setImmediate(() => Buffer.from(process.argv[0]));',
      "// process, Buffer and require('fs') in a comment",
      "const words = 'process.env and __dirname in a string';",
      'const shape = { process: 1, Buffer: 2 }.process;',
    ].join('\n');
    assert.deepEqual(nodeUsesIn('example.ts', text), [
      'example.ts:1 imports node:fs',
      'example.ts:2 imports path',
      'example.ts:3 uses require',
      'example.ts:4 uses __dirname',
      'example.ts:4 uses __filename',
      'example.ts:5 uses setImmediate',
      'example.ts:5 uses Buffer',
      'example.ts:5 uses process',
    ]);
  });
});

/** The doors and what they stand on, lowest first: each folder may import only its own and lower ranks. */
const doors: Record<string, number> = { service: 0, hosts: 1, report: 2, lsp: 3, cli: 3 };

function doorOf(file: string): { name: string; rank: number } {
  const name = nodePath.relative(sourceRoot, file).split(nodePath.sep)[0];
  assert.ok(name in doors, `${name} is in no layer`);
  return { name, rank: doors[name] };
}

/** The globals Node has and a browser's worker has not. */
const nodeGlobals = new Set(['process', 'Buffer', '__dirname', '__filename', 'require', 'module', 'global', 'setImmediate', 'clearImmediate']);
const builtins = new Set(builtinModules);

/**
 * Every use of Node in a source, as `file:line what`: an import of a `node:` module or of a
 * built-in by its bare name, and every read of a Node global, found by the TypeScript parser so
 * that comments, strings and property names are not mistaken for them. `typeof setImmediate`,
 * which asks whether the global is there, is not a use.
 */
function nodeUsesIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node) => `${nodePath.basename(file) === file ? file : nodePath.relative(sourceRoot, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const specifier = node.moduleSpecifier.text;
      if (specifier.startsWith('node:') || builtins.has(specifier)) found.push(`${at(node)} imports ${specifier}`);
    } else if (ts.isIdentifier(node) && nodeGlobals.has(node.text) && isGlobalRead(node)) {
      found.push(`${at(node)} uses ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Whether an identifier reads a global of its name: not a property, a declaration's name, a key, or the operand of `typeof`. */
function isGlobalRead(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent)) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isFunctionDeclaration(parent) || ts.isImportSpecifier(parent) || ts.isBindingElement(parent)) && parent.name === node) return false;
  if (ts.isTypeOfExpression(parent)) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent)) return false;
  return true;
}

