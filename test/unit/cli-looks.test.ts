import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { findEnclosingRepository } from '../../server/src/hosts/repository';

const cli = nodePath.join(__dirname, '../../dist/cli.js');

/** The findings of each checked file, by the file's name alone, so that runs from different folders compare. */
function findings(args: string[], cwd: string): Record<string, string[]> {
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  assert.ok(result.stdout.startsWith('['), result.stderr);
  const reports = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; message: string }> }>;
  return Object.fromEntries(reports.map((report) => [nodePath.basename(report.file), report.diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`)]));
}

/** The findings that say an import or an id was not found. */
const unresolved = (list: string[] = []) => list.filter((finding) => finding.startsWith('ref/unknown'));

const strategy = `mktplan: "1"
team: [{id: linh, role: cmo}]
strategy:
  owner: linh
  objectives: [{id: share, statement: Lead the district}]
`;
const plan = (imports: string[]) => `mktplan: "1"
imports: [${imports.map((entry) => JSON.stringify(entry)).join(', ')}]
plan:
  owner: linh
  implements: [share]
`;

describe('where the command line looks (plan-format.md)', () => {
  let folder: string;
  const at = (...parts: string[]) => nodePath.join(folder, ...parts);

  before(function () {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-looks-'));
    // The rules below read "outside a repository": a temporary folder inside one would test the other case.
    if (findEnclosingRepository(folder) !== undefined) this.skip();
    mkdirSync(at('elsewhere'));
    mkdirSync(at('other-team', 'plans'), { recursive: true });
    writeFileSync(at('other-team', 'plans', 'strategy.mktplan.yaml'), strategy);
    writeFileSync(at('other-team', 'plans', '..shared.mktplan.yaml'), strategy.replace('linh', 'minh').replace(/share\b/, 'reach').replace('owner: linh', 'owner: minh'));
    writeFileSync(at('other-team', 'plans', 'plan.mktplan.yaml'), plan(['./strategy.mktplan.yaml']));
    writeFileSync(at('other-team', 'plans', 'dots.mktplan.yaml'), plan(['..shared.mktplan.yaml', 'strategy.mktplan.yaml']));
    writeFileSync(at('other-team', 'plans', 'climbs.mktplan.yaml'), plan(['../strategy.mktplan.yaml']));
    writeFileSync(at('other-team', 'strategy.mktplan.yaml'), strategy);
    // A repository: its plans may import from anywhere inside it, wherever the command runs.
    mkdirSync(at('repo', '.git'), { recursive: true });
    mkdirSync(at('repo', 'plans'));
    mkdirSync(at('repo', 'shared'));
    writeFileSync(at('repo', 'shared', 'strategy.mktplan.yaml'), strategy);
    writeFileSync(at('repo', 'plans', 'plan.mktplan.yaml'), plan(['../shared/strategy.mktplan.yaml']));
  });
  after(() => folder && rmSync(folder, { recursive: true, force: true }));

  it('gives the same findings for a folder checked from elsewhere as from inside it', () => {
    const inside = findings(['.'], at('other-team', 'plans'));
    assert.deepEqual(unresolved(inside['plan.mktplan.yaml']), [], 'the import resolves and its ids are known');
    assert.deepEqual(findings(['../other-team/plans'], at('elsewhere')), inside);
    assert.deepEqual(findings([at('other-team', 'plans')], at('elsewhere')), inside);
    assert.deepEqual(findings(['../other-team/plans/*.mktplan.yaml'], at('elsewhere')), inside);
  });

  it('bounds a file named alone by its own folder: an import above it is outside', () => {
    const named = findings(['../other-team/plans/climbs.mktplan.yaml', '../other-team/plans/plan.mktplan.yaml'], at('elsewhere'));
    assert.deepEqual(unresolved(named['plan.mktplan.yaml']), []);
    assert.match(unresolved(named['climbs.mktplan.yaml']).join('\n'), /outside the workspace folder/);
    // Run from a folder that holds it, the same import is inside.
    assert.deepEqual(unresolved(findings(['plans/climbs.mktplan.yaml'], at('other-team'))['climbs.mktplan.yaml']), []);
  });

  it('bounds a plan reached through several inputs by the outermost folder given, whatever their order', () => {
    const outerFirst = findings(['../other-team', '../other-team/plans'], at('elsewhere'));
    assert.deepEqual(unresolved(outerFirst['climbs.mktplan.yaml']), [], 'the import above plans/ is inside other-team/');
    assert.deepEqual(findings(['../other-team/plans', '../other-team'], at('elsewhere')), outerFirst);
    assert.deepEqual(findings(['../other-team/plans/climbs.mktplan.yaml', '../other-team'], at('elsewhere')), findings(['../other-team'], at('elsewhere')));
  });

  it('reads a name that starts with two dots as a file in the folder, not the folder above', () => {
    assert.deepEqual(unresolved(findings(['dots.mktplan.yaml'], at('other-team', 'plans'))['dots.mktplan.yaml']), []);
  });

  it('bounds a plan in a repository by the repository, wherever the command runs', () => {
    assert.deepEqual(unresolved(findings(['plans'], at('repo'))['plan.mktplan.yaml']), []);
    assert.deepEqual(unresolved(findings(['.'], at('repo', 'plans'))['plan.mktplan.yaml']), []);
    assert.deepEqual(unresolved(findings(['../repo/plans'], at('elsewhere'))['plan.mktplan.yaml']), []);
  });
});
