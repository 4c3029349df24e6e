import { strict as assert } from 'node:assert';
import { Engine } from '../../server/src/service';
import { baseName, folderOf, isInside, joinUri, normalUri, relativePath, resolveFrom } from '../../server/src/service/document/uris';
import { cleanPlan, MemoryWorkspace, withChange } from './helpers';

describe('files named by URI', () => {
  it('writes one URI in one form, whatever the client sent', () => {
    assert.equal(normalUri('file:///work/a b/plan.mktplan.yaml'), 'file:///work/a%20b/plan.mktplan.yaml');
    assert.equal(normalUri('file:///work/a%20b/plan.mktplan.yaml'), 'file:///work/a%20b/plan.mktplan.yaml');
    assert.equal(normalUri('vscode-vfs://github/mktplan/plans/2027.mktplan.yaml'), 'vscode-vfs://github/mktplan/plans/2027.mktplan.yaml');
  });

  it('finds folders, names, joins and written paths on any scheme', () => {
    const plan = 'vscode-vfs://github/team/plans/2027/north.mktplan.yaml';
    assert.equal(folderOf(plan), 'vscode-vfs://github/team/plans/2027');
    assert.equal(baseName('file:///a/k%E1%BA%BF%20ho%E1%BA%A1ch.mktplan.yaml'), 'kế hoạch.mktplan.yaml');
    assert.equal(joinUri('vscode-test-web://mount/plans', 'mktplan.config.yaml'), 'vscode-test-web://mount/plans/mktplan.config.yaml');
    assert.equal(resolveFrom(plan, '../strategy.mktplan.yaml'), 'vscode-vfs://github/team/plans/strategy.mktplan.yaml');
    assert.equal(resolveFrom(plan, '..\\shared\\x.mktplan.yaml'), 'vscode-vfs://github/team/plans/shared/x.mktplan.yaml');
    assert.equal(folderOf('file:///'), 'file:///');
  });

  it('tells what lies inside a folder, and never across schemes or authorities', () => {
    assert.equal(relativePath('file:///w', 'file:///w/plans/a.mktplan.yaml'), 'plans/a.mktplan.yaml');
    assert.equal(relativePath('file:///w/plans', 'file:///w/b.mktplan.yaml'), '../b.mktplan.yaml');
    assert.equal(relativePath('file:///w', 'vscode-vfs://github/w/a.mktplan.yaml'), undefined);
    assert.equal(relativePath('vscode-vfs://github/team', 'vscode-vfs://gitlab/team/a.mktplan.yaml'), undefined);
    assert.equal(isInside('file:///w', 'file:///w/..shared.mktplan.yaml'), true);
    assert.equal(isInside('file:///w', 'file:///w2/a.mktplan.yaml'), false);
    assert.equal(isInside('file:///w/plans', 'file:///w'), false);
    assert.equal(isInside('file:///w', 'file:///w'), true);
  });
});

describe('a workspace folder of github.dev (vscode-vfs://) checked as a file:// one is', () => {
  const strategy = cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'));
  const plan = 'mktplan: "1"\nimports: [../strategy.mktplan.yaml]\n' + cleanPlan.slice(cleanPlan.indexOf('plan:\n'));
  const files = {
    'strategy.mktplan.yaml': strategy,
    'plans/2027.mktplan.yaml': plan,
    'mktplan.config.yaml': 'rules: {plan/reporting-missing: error}\n',
  };

  async function resultsIn(root: string) {
    const workspace = new MemoryWorkspace(files, root);
    const engine = new Engine(workspace);
    const file = workspace.resolve('plans/2027.mktplan.yaml');
    const withoutReporting = withChange('  reporting: {cadence: monthly, to: linh}\n', '', plan);
    const ownerLine = plan.split('\n').findIndex((line) => line.includes('owner: minh'));
    return {
      root,
      plans: await engine.listPlans(),
      findings: (await engine.check(file, withoutReporting)).map((diagnostic) => `${diagnostic.code}:${diagnostic.severity}`),
      definition: await engine.definition(file, plan, { line: ownerLine, character: plan.split('\n')[ownerLine].indexOf('minh') + 1 }),
      hover: (await engine.hover(file, plan, { line: ownerLine, character: plan.split('\n')[ownerLine].indexOf('minh') + 1 }))?.contents.value,
    };
  }

  it('reads the imports, the configuration and the ids across files, with every place named by the folder\'s own URIs', async () => {
    const onDisk = await resultsIn('file:///workspace');
    const inBrowser = await resultsIn('vscode-vfs://github/saigon-bean/plans');
    // The configuration above the plan sets its severity: it was found and read.
    assert.deepEqual(onDisk.findings, ['plan/reporting-missing:1']);
    assert.ok(onDisk.definition.length === 1 && onDisk.hover?.includes('Le Minh'), JSON.stringify(onDisk));
    const asOnDisk = (value: unknown) => JSON.parse(JSON.stringify(value).split('vscode-vfs://github/saigon-bean/plans').join('file:///workspace'));
    assert.deepEqual(asOnDisk(inBrowser), { ...onDisk, root: 'file:///workspace' });
    assert.equal(inBrowser.definition[0].file, 'vscode-vfs://github/saigon-bean/plans/strategy.mktplan.yaml');
  });
});
