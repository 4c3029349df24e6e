import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Engine, ParseCache } from '../../../server/src/service';
import { ImportGraph, loadImport, walkImports, type ImportResult, type LoadedImport } from '../../../server/src/service/model/imports';
import { MemoryWorkspace } from '../helpers';

const roles = ['cmo', 'marketing-manager', 'ceo'] as const;

/** A file of a generated graph: the files it imports (by number), and what it defines. */
interface Node {
  imports: number[];
  members: Array<{ id: string; role: (typeof roles)[number] }>;
  objective?: string;
  horizon?: number;
  stage?: 'startup' | 'sme';
  plan: boolean;
  /** Written as YAML that does not parse: a broken import. */
  broken: boolean;
}

const nameOf = (index: number) => `f${index}.mktplan.yaml`;

function textOf(node: Node, index: number): string {
  if (node.broken) return 'mktplan: "1"\nteam: [\n';
  const lines = ['mktplan: "1"'];
  // Index -1 names a file that is not there.
  if (node.imports.length > 0) lines.push(`imports: [${node.imports.map((target) => (target < 0 ? 'gone.mktplan.yaml' : nameOf(target))).join(', ')}]`);
  if (node.stage) lines.push('organization:', `  name: Unit ${index}`, `  stage: ${node.stage}`);
  if (node.members.length > 0) lines.push('team:', ...node.members.map(({ id, role }) => `  - {id: ${id}, role: ${role}, name: Person}`));
  if (node.objective !== undefined || node.horizon !== undefined) {
    lines.push('strategy:');
    if (node.horizon !== undefined) lines.push('  horizon:', `    start: ${2027 + node.horizon}-01-01`, `    end: ${2029 + node.horizon}-12-31`);
    if (node.objective !== undefined) lines.push('  objectives:', `    - {id: ${node.objective}, statement: Grow}`);
  }
  if (node.plan) lines.push('plan:', '  period: {start: 2027-01-01, end: 2027-12-31}');
  return lines.join('\n') + '\n';
}

/** Graphs of up to 14 files, with cycles, diamonds, self-imports, missing and broken files, and ids defined in several files. */
/** A file of a graph of `size` files. */
const nodeOf = (size: number) =>
  fc.record({
    imports: fc.array(fc.integer({ min: -1, max: size - 1 }), { maxLength: 3 }),
    members: fc.array(fc.record({ id: fc.constantFrom('linh', 'minh', 'thu', 'an'), role: fc.constantFrom(...roles) }), { maxLength: 2 }),
    objective: fc.option(fc.constantFrom('grow', 'share', 'loyalty'), { nil: undefined }),
    horizon: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    stage: fc.option(fc.constantFrom('startup' as const, 'sme' as const), { nil: undefined }),
    plan: fc.boolean(),
    broken: fc.integer({ min: 0, max: 9 }).map((draw) => draw < 2),
  });

const graphs = fc
  .integer({ min: 1, max: 14 })
  .chain((size) => fc.array(nodeOf(size), { minLength: size, maxLength: size }));

/** What an import result says, as plain data: every lookup over every id and kind the graph uses. */
function summary(result: ImportResult) {
  const { scope } = result;
  const ids = ['linh', 'minh', 'thu', 'an', 'grow', 'share', 'loyalty'];
  return {
    problems: result.problems.map(({ path, message }) => ({ path, message })),
    targets: result.targets,
    files: scope.files().map((file) => file.file),
    definitions: scope.definitions().map(({ id, kind, file }) => `${kind}:${id}@${file}`),
    first: ids.map((id) => scope.first(id)?.file),
    members: ids.map((id) => scope.firstOfKind('member', id)?.file),
    objectives: ids.map((id) => scope.firstOfKind('objective', id)?.file),
    reached: [...scope.reached].sort(),
    horizon: scope.horizon,
    stage: scope.stage,
    leader: scope.hasMarketingLeader,
    plans: scope.plans.map((file) => file.file),
  };
}

function workspaceOf(nodes: Node[]): MemoryWorkspace {
  return new MemoryWorkspace(Object.fromEntries(nodes.map((node, index) => [nameOf(index), textOf(node, index)])));
}

describe('import resolution', () => {
  it('gives what walking each file’s imports gives, on random graphs with cycles, diamonds, missing and broken files', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(graphs, fc.integer({ min: 0, max: 1000 }), async (nodes, seed) => {
        const workspace = workspaceOf(nodes);
        const cache = new ParseCache(1000);
        const loads = new Map<string, Promise<LoadedImport>>();
        const load = (target: string) => loads.get(target) ?? loads.set(target, loadImport(target, workspace, cache)).get(target)!;
        const graph = new ImportGraph(workspace.root, load);
        // The files resolved in a random order, each against closures the others left.
        const order = nodes.map((_, index) => index).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101));
        for (const index of order) {
          const file = workspace.resolve(nameOf(index));
          const data = cache.get(file, workspace.files.get(file)!).data;
          assert.deepEqual(summary(await graph.resolve(file, data)), summary(await walkImports(file, data, workspace.root, load)), `${nameOf(index)} of ${nodes.map(textOf).join('---\n')}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lends a chain of 1,000 files to its head, every id of the chain, reading each file once', async () => {
    const count = 1000;
    const workspace = new MemoryWorkspace(
      Object.fromEntries(Array.from({ length: count }, (_, index) => [nameOf(index), textOf({ imports: index + 1 < count ? [index + 1] : [], members: [{ id: `m${index}`, role: 'cmo' }], plan: false, broken: false }, index)])),
    );
    let reads = 0;
    const counting = Object.assign(Object.create(workspace) as MemoryWorkspace, { read: (uri: string) => (reads++, workspace.read(uri)) });
    const engine = new Engine(counting);
    const head = workspace.resolve(nameOf(0));
    const findings = await engine.check(head, workspace.files.get(head)!);
    assert.deepEqual(findings.filter((finding) => finding.code === 'ref/unknown'), []);
    for (let index = count - 1; index >= 0; index--) {
      const file = workspace.resolve(nameOf(index));
      await engine.check(file, workspace.files.get(file)!);
    }
    // Each of the 999 imported files read once, for all the files above it, and the configuration looked for once per folder.
    assert.ok(reads < count + 10, `${reads} reads`);
    const middle = workspace.resolve(nameOf(500));
    assert.equal(engine.dependentsOf(middle).length, 500);
    assert.equal(engine.dependenciesOf(middle).length, 499);
  });

  it('sees an id of a file deep in a chain go and come back, once that file changes', async () => {
    const workspace = new MemoryWorkspace(
      Object.fromEntries(Array.from({ length: 30 }, (_, index) => [nameOf(index), textOf({ imports: index + 1 < 30 ? [index + 1] : [], members: [{ id: `m${index}`, role: 'cmo' }], plan: false, broken: false }, index)])),
    );
    const engine = new Engine(workspace);
    const head = workspace.resolve(nameOf(0));
    const headText = `${workspace.files.get(head)!}strategy:\n  owner: m29\n`;
    assert.deepEqual((await engine.check(head, headText)).filter((finding) => finding.code === 'ref/unknown'), []);
    const last = workspace.resolve(nameOf(29));
    workspace.files.set(last, workspace.files.get(last)!.replace('m29', 'm99'));
    engine.forget(last);
    const gone = (await engine.check(head, headText)).filter((finding) => finding.code === 'ref/unknown');
    assert.equal(gone.length, 1);
    assert.match(gone[0].message, /^No team member has the id `m29`/);
    workspace.files.set(last, workspace.files.get(last)!.replace('m99', 'm29'));
    engine.forget(last);
    assert.deepEqual((await engine.check(head, headText)).filter((finding) => finding.code === 'ref/unknown'), []);
  });

  it('gives the importers an edit can change: none for a text they do not read, all of them for an id', async () => {
    const workspace = new MemoryWorkspace(
      Object.fromEntries(Array.from({ length: 5 }, (_, index) => [nameOf(index), textOf({ imports: index + 1 < 5 ? [index + 1] : [], members: [{ id: `m${index}`, role: 'cmo' }], stage: 'sme', plan: false, broken: false }, index)])),
    );
    const engine = new Engine(workspace);
    for (let index = 0; index < 5; index++) {
      const file = workspace.resolve(nameOf(index));
      await engine.check(file, workspace.files.get(file)!);
    }
    const last = workspace.resolve(nameOf(4));
    const text = workspace.files.get(last)!;
    assert.deepEqual(engine.edited(last, text.replace('name: Unit 4', 'name: Unit four')), [], 'the organization name is lent to nobody');
    assert.deepEqual(engine.edited(last, text.replace('name: Person', 'name: Somebody')).sort(), [0, 1, 2, 3].map((index) => workspace.resolve(nameOf(index))).sort(), 'a team member’s name is');
    assert.deepEqual(engine.edited(last, text.replace('m4', 'm44')).length, 4, 'an id is, also after an edit that was forgotten');
  });

  it('finds a closed plan’s findings again from its account as a full check finds them, on random graphs and random changes', async function () {
    this.timeout(120_000);
    // A plan that names what its imports may lend: an objective and its owner, a team member.
    const withReferences = (node: Node, index: number) => (node.plan && !node.broken ? `${textOf(node, index)}  implements: [grow]\n  owner: minh\n` : textOf(node, index));
    let foundAgain = 0;
    await fc.assert(
      fc.asyncProperty(
        graphs.chain((nodes) => {
          const change = fc.tuple(fc.integer({ min: 0, max: nodes.length - 1 }), nodeOf(nodes.length));
          return fc.tuple(fc.constant(nodes), change, change);
        }),
        async ([nodes, ...changes]) => {
          const workspace = new MemoryWorkspace(Object.fromEntries(nodes.map((node, index) => [nameOf(index), withReferences(node, index)])));
          const engine = new Engine(workspace);
          const files = nodes.map((_, index) => workspace.resolve(nameOf(index)));
          const checkAll = async () => {
            for (const file of files) {
              await engine.check(file, workspace.files.get(file)!, { locale: 'vi' });
              engine.release(file, 'account');
            }
          };
          const change = ([index, node]: [number, Node]) => {
            workspace.files.set(files[index], withReferences(node, index));
            engine.forget(files[index]);
          };
          // Checked, a file changed, checked again as the server does after a pause: the plans it reaches keep accounts.
          await checkAll();
          change(changes[0]);
          await checkAll();
          change(changes[1]);
          for (const file of files) {
            const again = await engine.recheck(file, { locale: 'vi' });
            if (file === files[changes[1][0]]) assert.equal(again, undefined, 'a changed file is read again');
            if (!again) continue;
            foundAgain++;
            assert.deepEqual(again, await new Engine(workspace).check(file, workspace.files.get(file)!, { locale: 'vi' }), `${file} after ${nameOf(changes[1][0])} became:\n${withReferences(changes[1][1], changes[1][0])}`);
          }
        },
      ),
      { numRuns: 300 },
    );
    assert.ok(foundAgain > 50, `found again ${foundAgain} times`);
  });

  it('finds again, without reading it, a plan whose strategy renames the objective it implements, once a change to the strategy made it keep an account', async () => {
    const strategy = 'mktplan: "1"\nstrategy:\n  objectives:\n    - {id: grow, statement: Grow}\n';
    const planText = 'mktplan: "1"\nimports: [strategy.mktplan.yaml]\nplan:\n  period: {start: 2027-01-01, end: 2027-12-31}\n  implements: [grow]\n';
    const workspace = new MemoryWorkspace({ 'strategy.mktplan.yaml': strategy, 'plan.mktplan.yaml': planText });
    let reads = 0;
    const counting = Object.assign(Object.create(workspace) as MemoryWorkspace, { read: (uri: string) => (reads++, workspace.read(uri)) });
    const engine = new Engine(counting);
    const [strategyFile, planFile] = ['strategy.mktplan.yaml', 'plan.mktplan.yaml'].map((name) => workspace.resolve(name));
    const clean = await engine.check(planFile, planText);
    engine.release(planFile, 'account');
    assert.equal(engine.holdsAccount(planFile), false, 'no file it imports has changed yet');
    const rename = (id: string) => {
      workspace.files.set(strategyFile, strategy.replace(/id: \w+/, `id: ${id}`));
      engine.forget(strategyFile);
    };
    // A description typed in the strategy: the plan is checked again from its text, and keeps an account from then on.
    workspace.files.set(strategyFile, strategy.replace('Grow', 'Grow more'));
    engine.forget(strategyFile);
    assert.equal(await engine.recheck(planFile), undefined);
    assert.deepEqual(await engine.check(planFile, planText), clean);
    engine.release(planFile, 'account');
    assert.ok(engine.holdsAccount(planFile));
    const readsBefore = reads;
    rename('grown');
    const unknown = await engine.recheck(planFile);
    assert.deepEqual(unknown, await new Engine(workspace).check(planFile, planText), 'the objective it names goes: a finding where it had none');
    assert.equal(unknown?.filter((finding) => finding.code === 'ref/unknown').length, 1);
    rename('grow');
    assert.deepEqual(await engine.recheck(planFile), clean);
    assert.equal(reads - readsBefore, 2, 'the strategy read again each time, the plan never');
    // Another locale, or a rule turned off, words or weighs findings otherwise: the text is read again.
    assert.equal(await engine.recheck(planFile, { locale: 'ru' }), undefined);
    assert.equal(await engine.recheck(planFile, { rules: { 'ref/unknown': 'off' } }), undefined);
    // A horizon lent is read by other rules: the text is read again.
    workspace.files.set(strategyFile, `${strategy}  horizon: {start: 2027-01-01, end: 2029-12-31}\n`);
    engine.forget(strategyFile);
    assert.equal(await engine.recheck(planFile), undefined);
    // A plan checked while open (its text may be unsaved) leaves no account.
    await engine.check(planFile, planText);
    engine.release(planFile);
    assert.equal(engine.holdsAccount(planFile), false);
  });

  it('names the file that defined an id first, across a diamond, and defines nothing twice', async () => {
    const workspace = workspaceOf([
      { imports: [1, 2], members: [{ id: 'linh', role: 'cmo' }], plan: true, broken: false },
      { imports: [3], members: [], objective: 'grow', plan: false, broken: false },
      { imports: [3], members: [], plan: false, broken: false },
      { imports: [], members: [{ id: 'linh', role: 'ceo' }], objective: 'share', plan: false, broken: false },
    ]);
    const engine = new Engine(workspace);
    const top = workspace.resolve(nameOf(0));
    const findings = await engine.check(top, workspace.files.get(top)!);
    assert.deepEqual(
      findings.filter((finding) => finding.code === 'ref/duplicate-id').map((finding) => finding.message),
      ['The id `linh` is already used by a team member in f3.mktplan.yaml; ids must be unique across the file and its imports.'],
    );
  });

  it('names a cycle on the entry that closes it, however the files were resolved before', async () => {
    const workspace = workspaceOf([
      { imports: [1], members: [], plan: false, broken: false },
      { imports: [2], members: [], plan: false, broken: false },
      { imports: [0], members: [], plan: false, broken: false },
    ]);
    const engine = new Engine(workspace);
    for (const index of [2, 1, 0]) {
      const file = workspace.resolve(nameOf(index));
      const cycles = (await engine.check(file, workspace.files.get(file)!)).filter((finding) => finding.code === 'ref/unknown').map((finding) => finding.message);
      assert.equal(cycles.length, 1, nameOf(index));
      assert.match(cycles[0], new RegExp(`${nameOf(index).replace('.', '\\.')} → .* → ${nameOf(index).replace('.', '\\.')}`));
    }
  });
});
