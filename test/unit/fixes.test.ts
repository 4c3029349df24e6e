import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { Engine, type Diagnostic } from '../../server/src/service';
import fc from 'fast-check';
import { parseDocument, visit } from 'yaml';
import { cleanPlan, MemoryWorkspace, plansUnder } from './helpers';

const corpus = nodePath.join(__dirname, '../fixtures/corpus');
const examples = nodePath.join(__dirname, '../../examples');

/** Every plan of the fixture corpus and the examples, as a workspace in memory, so that fixes may reach imported files too. */
function workspaceOf(root: string): { workspace: MemoryWorkspace; plans: string[] } {
  const files: Record<string, string> = {};
  const plans = plansUnder(root);
  for (const plan of plans) files[nodePath.relative(root, plan)] = readFileSync(plan, 'utf8');
  const workspace = new MemoryWorkspace(files);
  return { workspace, plans: plans.map((plan) => workspace.resolve(nodePath.relative(root, plan))) };
}

type Edit = { range: Diagnostic['range']; text: string };

/** A text with edits applied, from the end; each edit replaces its range. */
function apply(text: string, edits: readonly Edit[]): string {
  const lines = text.split('\n');
  const offsetAt = ({ line, character }: Edit['range']['start']) => lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + character;
  const spans = edits.map((edit) => ({ start: offsetAt(edit.range.start), end: offsetAt(edit.range.end), text: edit.text })).sort((a, b) => b.start - a.start);
  let result = text;
  for (const span of spans) result = result.slice(0, span.start) + span.text + result.slice(span.end);
  return result;
}

/** A finding's identity that survives lines moving: its rule, message id and data path. */
const identity = (diagnostic: Diagnostic) => `${diagnostic.code} ${diagnostic.data.messageId} ${JSON.stringify(diagnostic.data.path)}`;
const count = (list: readonly Diagnostic[], key: string) => list.filter((diagnostic) => identity(diagnostic) === key).length;
const comments = (text: string) => text.split('\n').map((line) => /#.*$/.exec(line)?.[0]).filter((comment) => comment && !comment.includes('mktplan-disable'));

/** Why the quick fixes of a file's findings do not hold: each must remove its finding, add no schema or YAML finding, keep the comments and every byte outside its edits. */
let actionsTried = 0;

async function fixProblems(workspace: MemoryWorkspace, plan: string): Promise<string[]> {
  const text = workspace.files.get(plan)!;
  const engine = new Engine(workspace);
  const before = await engine.check(plan, text);
  const failures: string[] = [];
  for (const diagnostic of before) {
    const actions = await engine.codeActions(plan, text, diagnostic.range);
    for (const action of actions.filter((candidate) => candidate.diagnostic.message === diagnostic.message && identity(candidate.diagnostic) === identity(diagnostic))) {
      actionsTried++;
      const byFile = new Map<string, Edit[]>();
      for (const edit of action.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), { range: edit.range, text: edit.text }]);
      const changed = new MemoryWorkspace();
      for (const [file, content] of workspace.files) changed.files.set(file, byFile.has(file) ? apply(content, byFile.get(file)!) : content);
      const after = await new Engine(changed).check(plan, changed.files.get(plan)!);
      const what = `${identity(diagnostic)} "${action.title}"`;
      if (count(after, identity(diagnostic)) >= count(before, identity(diagnostic))) failures.push(`${what}: the finding stays`);
      const broken = after.filter((found) => (found.code === 'schema' || found.code === 'yaml-syntax') && !before.some((old) => old.message === found.message));
      if (broken.length > 0) failures.push(`${what}: adds ${broken.map((found) => `${found.code} "${found.message}"`).join('; ')}`);
      for (const [file, edits] of byFile) {
        const original = workspace.files.get(file)!;
        const fixed = changed.files.get(file)!;
        if (comments(fixed).filter((comment) => comments(original).includes(comment)).length !== comments(original).length) failures.push(`${what}: a comment of ${file} is lost`);
        // Outside the edits every byte is the same: the text before the first and after the last edit.
        const lines = original.split('\n');
        const offsetAt = ({ line, character }: Edit['range']['start']) => lines.slice(0, line).reduce((sum, current) => sum + current.length + 1, 0) + character;
        const first = Math.min(...edits.map((edit) => offsetAt(edit.range.start)));
        const last = Math.max(...edits.map((edit) => offsetAt(edit.range.end)));
        if (fixed.slice(0, first) !== original.slice(0, first)) failures.push(`${what}: bytes before the edit changed in ${file}`);
        if (fixed.slice(fixed.length - (original.length - last)) !== original.slice(last)) failures.push(`${what}: bytes after the edit changed in ${file}`);
      }
    }
  }
  return failures;
}

for (const [title, root] of [
  ['the fixture corpus', corpus],
  ['the examples', examples],
] as const) {
  describe(`every quick fix, on ${title}`, function () {
    this.timeout(120_000);
    const { workspace, plans } = workspaceOf(root);

    for (const plan of plans) {
      it(`${nodePath.relative(workspace.root, plan)}: removes its finding, adds no schema or YAML finding, keeps comments and every byte outside its edits`, async () => {
        assert.deepEqual(await fixProblems(workspace, plan), []);
      });
    }

    for (const plan of plans) {
      it(`${nodePath.relative(workspace.root, plan)}: fixAll reaches a fixed point in one pass and leaves every gap where it was`, async () => {
        const text = workspace.files.get(plan)!;
        const engine = new Engine(workspace);
        const once = await engine.fixAll(plan, text);
        const before = await engine.check(plan, text);
        if (before.some((diagnostic) => diagnostic.code === 'yaml-syntax' && diagnostic.severity === 1)) {
          assert.equal(once, undefined, 'a file whose YAML does not parse is not touched');
          return;
        }
        assert.ok(once);
        const twice = await new Engine(workspace).fixAll(plan, once.text);
        assert.equal(twice?.applied, 0, 'a second pass still found something to fix');
        // No content is filled in and nothing is silenced: only lines with a format finding change.
        const formatLines = new Set(before.filter((diagnostic) => diagnostic.code === 'schema').map((diagnostic) => diagnostic.range.start.line));
        const [old, fixed] = [text.split('\n'), once.text.split('\n')];
        assert.equal(fixed.length, old.length, 'fixAll added or removed lines');
        for (let line = 0; line < old.length; line++) {
          if (fixed[line] !== old[line]) assert.ok(formatLines.has(line), `fixAll changed line ${line + 1}, which has no schema finding: ${fixed[line]}`);
        }
      });
    }
  });
}

/** Paths of the clean plan that can go missing, each leaving a gap that some rule flags. */
const removable: ReadonlyArray<readonly (string | number)[]> = [
  ['strategy', 'objectives'],
  ['strategy', 'audience'],
  ['strategy', 'valueProposition'],
  ['strategy', 'swot'],
  ['strategy', 'swot', 'threats'],
  ['strategy', 'competition'],
  ['strategy', 'brand'],
  ['strategy', 'objectives', 0, 'due'],
  ['plan', 'budget'],
  ['plan', 'channels'],
  ['plan', 'kpis'],
  ['plan', 'reporting'],
  ['plan', 'salesAlignment'],
  ['plan', 'implements'],
  ['plan', 'campaigns', 0, 'start'],
  ['plan', 'campaigns', 0, 'kpis'],
  ['plan', 'campaigns', 0, 'objective'],
  ['plan', 'campaigns', 0, 'content'],
  ['plan', 'kpis', 0, 'unit'],
  ['plan', 'kpis', 0, 'frequency'],
  ['plan', 'budget', 'allocations', 1],
];

describe('every quick fix, on generated plans', function () {
  this.timeout(120_000);

  it('holds on the clean plan with any of its parts gone, written in block or flow style', async () => {
    const tried = actionsTried;
    await fc.assert(
      fc.asyncProperty(fc.subarray([...removable.keys()], { minLength: 1, maxLength: 6 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), async (gone, flows) => {
        const document = parseDocument(cleanPlan);
        // Deeper paths first, so that removing an item keeps the other paths right.
        for (const index of [...gone].sort((a, b) => removable[b].length - removable[a].length)) document.deleteIn(removable[index]);
        let collection = 0;
        visit(document, {
          Map: (_, node) => void (node.flow = flows[collection++ % flows.length] && collection > 2),
          Seq: (_, node) => void (node.flow = flows[collection++ % flows.length]),
        });
        const text = document.toString({ lineWidth: 0 });
        const workspace = new MemoryWorkspace({ 'plan.mktplan.yaml': text });
        const problems = await fixProblems(workspace, workspace.resolve('plan.mktplan.yaml'));
        assert.deepEqual(problems, [], text);
      }),
      { numRuns: 40 },
    );
    assert.ok(actionsTried - tried > 200, `only ${actionsTried - tried} actions were tried`);
  });
});
