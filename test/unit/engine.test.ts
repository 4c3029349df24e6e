import { strict as assert } from 'node:assert';
import * as nodePath from 'node:path';
import { DiskWorkspace } from '../../server/src/hosts/disk';
import { DiagnosticTag, Engine, fileUri, relativePath } from '../../server/src/service';
import { check, cleanPlan, MemoryWorkspace, withChange } from './helpers';

const strategy = `mktplan: "1"
team: [{id: linh, role: cmo}]
strategy:
  owner: linh
  objectives: [{id: share, statement: Lead District 1, target: 15, due: 2029-12-31}]
`;
const plan = (imports: string) => `mktplan: "1"
imports: [${imports}]
plan:
  owner: linh
  implements: [share]
`;

describe('diagnostics', () => {
  it('carry what a fix needs: the rule, the message id, the path and the facts', async () => {
    const text = withChange('  swot:\n    strengths: [own roastery]\n    weaknesses: [two shops only]\n    opportunities: [office delivery apps]\n    threats: [chain price war]\n', '');
    const finding = (await check(text)).find((diagnostic) => diagnostic.code === 'strategy/swot-missing')!;
    assert.deepEqual(finding.data, { ruleId: 'strategy/swot-missing', messageId: 'strategy/swot-missing.missing', path: ['strategy'], facts: { section: 'swot' } });
  });

  it('carry the candidates of an unknown reference', async () => {
    const finding = (await check(withChange('kpis: [pickups]', 'kpis: [pikups]'))).find((diagnostic) => diagnostic.code === 'ref/unknown')!;
    assert.deepEqual(finding.data.facts, { kind: 'kpi', candidates: ['pickups'] });
    assert.deepEqual(finding.data.path, ['plan', 'campaigns', 0, 'kpis', 0]);
    assert.equal(finding.data.messageId, 'ref/unknown.unknownDidYouMean');
  });

  it('carry the schema layer message id for schema findings', async () => {
    const finding = (await check(withChange('total: 50000', 'total: "50k"'))).find((diagnostic) => diagnostic.code === 'schema')!;
    assert.equal(finding.data.messageId, 'schema.numberAsText');
    assert.deepEqual(finding.data.path, ['plan', 'budget', 'total']);
    assert.deepEqual(finding.data.facts, { target: 'value', number: 50000 });
  });

  it('mark ref/unused findings Unnecessary, and no others', async () => {
    const diagnostics = await check(withChange('    - {id: events, type: events}\n', '    - {id: events, type: events}\n    - {id: radio, type: radio}\n'));
    const unused = diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unused');
    assert.equal(unused.length, 1);
    assert.deepEqual(unused[0].tags, [DiagnosticTag.Unnecessary]);
    assert.ok(diagnostics.filter((diagnostic) => diagnostic.code !== 'ref/unused').every((diagnostic) => diagnostic.tags === undefined));
  });

  it('are worded again, not re-checked, when only the locale or the severities change', async () => {
    const workspace = new MemoryWorkspace();
    const engine = new Engine(workspace);
    const file = workspace.resolve('plan.mktplan.yaml');
    const first = await engine.check(file, cleanPlan, { locale: 'en' });
    assert.equal(await engine.check(file, cleanPlan, { locale: 'en' }), first);
    const parses = engine.cache.counts.full;
    await engine.check(file, cleanPlan, { locale: 'auto', rules: { 'ref/unused': 'error' } });
    assert.equal(engine.cache.counts.full, parses);
  });
});

describe('schema messages in other languages', () => {
  it('name a list item by its title in the reader\'s language, not in English', async () => {
    const text = 'mktplan: "1"\nstrategy:\n  owner: x\n  audience:\n    segments:\n      - {id: a}\n';
    const english = (await check(text)).find((diagnostic) => diagnostic.code === 'schema')!.message;
    assert.match(english, /^This customer segment is missing the required key `name`$/);
    for (const locale of ['vi', 'zh-cn', 'ru']) {
      const [message] = (await check(text, { settings: { locale } })).filter((diagnostic) => diagnostic.code === 'schema').map((diagnostic) => diagnostic.message);
      assert.doesNotMatch(message, /customer segment/, `${locale}: ${message}`);
      assert.match(message, /`name`/);
    }
  });
});

describe('the workspace', () => {
  it('lists the plan files of an in-memory workspace', async () => {
    const workspace = new MemoryWorkspace({ 'a.mktplan.yaml': '', 'b/c.mktplan.yml': '', 'notes.yaml': '' });
    assert.deepEqual(await new Engine(workspace).listPlans(), ['file:///workspace/a.mktplan.yaml', 'file:///workspace/b/c.mktplan.yml']);
  });

  it('lists the plans once, and again only after a plan was created or deleted', async () => {
    const workspace = new MemoryWorkspace({ 'a.mktplan.yaml': '' });
    const engine = new Engine(workspace);
    assert.deepEqual(await engine.listPlans(), ['file:///workspace/a.mktplan.yaml']);
    workspace.files.set(workspace.resolve('b.mktplan.yaml'), '');
    assert.deepEqual(await engine.listPlans(), ['file:///workspace/a.mktplan.yaml']);
    engine.forgetPlanList();
    assert.deepEqual(await engine.listPlans(), ['file:///workspace/a.mktplan.yaml', 'file:///workspace/b.mktplan.yaml']);
  });

  it('lists the plan files on disk, and no other file', async () => {
    const examples = nodePath.join(__dirname, '../../examples');
    const plans = await new DiskWorkspace(examples).listPlans();
    assert.deepEqual(
      plans.map((file) => relativePath(fileUri(examples), file)),
      ['draft.mktplan.yaml', 'imports/plan-2027.mktplan.yaml', 'imports/strategy.mktplan.yaml', 'saigon-bean.actuals.mktplan.yaml', 'saigon-bean.mktplan.yaml'],
    );
  });

  it('knows the imports both ways, transitively: a change to the strategy names every plan that reads it', async () => {
    const workspace = new MemoryWorkspace({
      'strategy.mktplan.yaml': strategy,
      'north.mktplan.yaml': plan('./strategy.mktplan.yaml'),
      'south.mktplan.yaml': plan('./strategy.mktplan.yaml'),
      'north-q1.mktplan.yaml': plan('./north.mktplan.yaml'),
      'other.mktplan.yaml': plan(''),
    });
    const engine = new Engine(workspace);
    for (const file of await engine.listPlans()) await engine.analyze(file, workspace.files.get(file)!);
    const at = (name: string) => workspace.resolve(name);
    assert.deepEqual(engine.dependentsOf(at('strategy.mktplan.yaml')).sort(), [at('north-q1.mktplan.yaml'), at('north.mktplan.yaml'), at('south.mktplan.yaml')]);
    assert.deepEqual(engine.dependentsOf(at('north.mktplan.yaml')), [at('north-q1.mktplan.yaml')]);
    assert.deepEqual(engine.dependentsOf(at('other.mktplan.yaml')), []);
    assert.deepEqual([...engine.dependenciesOf(at('north-q1.mktplan.yaml'))].sort(), [at('north.mktplan.yaml'), at('strategy.mktplan.yaml')]);
  });

  it('forgets an import that a file no longer has', async () => {
    const workspace = new MemoryWorkspace({ 'strategy.mktplan.yaml': strategy });
    const engine = new Engine(workspace);
    const file = workspace.resolve('plan.mktplan.yaml');
    await engine.analyze(file, plan('./strategy.mktplan.yaml'));
    assert.deepEqual(engine.dependentsOf(workspace.resolve('strategy.mktplan.yaml')), [file]);
    await engine.analyze(file, plan(''));
    assert.deepEqual(engine.dependentsOf(workspace.resolve('strategy.mktplan.yaml')), []);
  });
});
