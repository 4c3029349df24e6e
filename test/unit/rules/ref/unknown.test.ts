import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'ref/unknown';

async function messages(text: string, options: Parameters<typeof check>[1] = {}): Promise<string[]> {
  return (await check(text, options)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.message);
}

/** A strategy in its own file: it lends `linh`, `share` and `office`, and defines a channel `radio`, which it does not lend. */
const strategyFile = `mktplan: "1"
team:
  - {id: linh, role: cmo}
strategy:
  owner: linh
  horizon: {start: 2027-01-01, end: 2029-12-31}
  objectives:
    - {id: share, statement: Lead, target: 15, unit: "%", due: 2029-12-31}
  audience:
    segments:
      - {id: office, name: Office workers}
plan:
  channels:
    - {id: radio, type: radio}
`;

/** A plan that uses a team member, an objective and a segment of the strategy file. */
const planFile = `mktplan: "1"
imports: [./strategy.mktplan.yaml]
team:
  - {id: minh, role: marketing-manager}
plan:
  owner: minh
  period: {start: 2027-01-01, end: 2027-12-31}
  implements: [share]
  channels:
    - {id: social, type: social}
  campaigns:
    - {id: tet, audience: office, owner: linh, objective: share, channels: [social], kpis: [k]}
  kpis:
    - {id: k, target: 1, unit: x, due: 2027-06-30, owner: linh}
  reporting: {cadence: monthly, to: linh}
`;

describe(rule, () => {
  describe('fires', () => {
    it('on an unknown owner, on the referring value, suggesting a near id', async () => {
      const text = withChange('  owner: minh\n', '  owner: mihn\n');
      assert.deepEqual(await findingsOf(rule, text), ['25:mihn']);
      const [message] = await messages(text);
      assert.ok(message.includes('did you mean `minh`'), message);
    });

    it('is an error by default', async () => {
      const text = withChange('  owner: minh\n', '  owner: mihn\n');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [1],
      );
    });

    it('on unknown channels, KPIs, objectives, segments and campaigns, each on its value', async () => {
      const text = withChange(
        'implements: [share]',
        'implements: [share, growth]',
        withChange(
          'audience: office',
          'audience: offices',
          withChange(
            'channels: [social, events]',
            'channels: [social, event]',
            withChange('kpis: [pickups]', 'kpis: [pickups, visits]', withChange('{channel: events, amount: 15000}', '{campaign: tett, amount: 15000}')),
          ),
        ),
      );
      assert.deepEqual(await findingsOf(rule, text), ['27:growth', '33:tett', '41:offices', '42:event', '47:visits']);
    });

    it('on unknown ids in content items, KPI owners, reporting and sales alignment', async () => {
      const text = withChange(
        'content: [{channel: social,',
        'content: [{channel: tiktok,',
        withChange('frequency: monthly}', 'frequency: monthly, owner: nobody}', withChange('to: linh}', 'to: lihn}', withChange('{owner: hoa,', '{owner: hao,'))),
      );
      assert.deepEqual(await findingsOf(rule, text), ['46:tiktok', '49:nobody', '50:lihn', '51:hao']);
    });

    it('on an id of the wrong kind, saying what the id is', async () => {
      const text = withChange('  owner: minh\n', '  owner: social\n');
      assert.deepEqual(await findingsOf(rule, text), ['25:social']);
      const [message] = await messages(text);
      assert.match(message, /channel/);
      const kpiAsMember = withChange('to: linh}', 'to: pickups}');
      assert.deepEqual(await findingsOf(rule, kpiAsMember), ['50:pickups']);
      assert.match((await messages(kpiAsMember))[0], /KPI/);
      const channelAsSegment = withChange('audience: office', 'audience: events');
      assert.deepEqual(await findingsOf(rule, channelAsSegment), ['41:events']);
    });

    it('on an import of a file that does not exist, on the import entry', async () => {
      assert.deepEqual(await findingsOf(rule, planFile), ['2:./strategy.mktplan.yaml', '8:share', '12:office', '12:linh', '12:share', '14:linh', '15:linh']);
    });

    it('on an import whose path leaves the workspace', async () => {
      const text = withChange('imports: [./strategy.mktplan.yaml]', 'imports: [./strategy.mktplan.yaml, ../../outside.mktplan.yaml]', planFile);
      const files = { 'strategy.mktplan.yaml': strategyFile };
      assert.deepEqual(await findingsOf(rule, text, { files }), ['2:../../outside.mktplan.yaml']);
    });

    it('on an import cycle between two files, on the import entry, in either file', async () => {
      const cyclic = withChange('team:', 'imports: [./test.mktplan.yaml]\nteam:', strategyFile);
      assert.deepEqual(await findingsOf(rule, planFile, { files: { 'strategy.mktplan.yaml': cyclic } }), ['2:./strategy.mktplan.yaml']);
      assert.match((await messages(planFile, { files: { 'strategy.mktplan.yaml': cyclic } }))[0], /cycle/);
      assert.deepEqual(await findingsOf(rule, cyclic, { name: 'strategy.mktplan.yaml', files: { 'test.mktplan.yaml': planFile } }), ['2:./test.mktplan.yaml']);
    });

    it('on a channel defined only in an imported file (imports lend team members, objectives and segments only)', async () => {
      const text = withChange('channels: [social]', 'channels: [social, radio]', planFile);
      assert.deepEqual(await findingsOf(rule, text, { files: { 'strategy.mktplan.yaml': strategyFile } }), ['12:radio']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('on team members, objectives and segments lent by an import', async () => {
      assert.deepEqual(await findingsOf(rule, planFile, { files: { 'strategy.mktplan.yaml': strategyFile } }), []);
    });

    it('on ids lent by the imports of an import', async () => {
      const text = withChange('./strategy.mktplan.yaml', './middle.mktplan.yaml', planFile);
      const files = { 'strategy.mktplan.yaml': strategyFile, 'middle.mktplan.yaml': 'mktplan: "1"\nimports: [./strategy.mktplan.yaml]\nplan: {}\n' };
      assert.deepEqual(await findingsOf(rule, text, { files }), []);
    });

    it('on an import from a subfolder, resolved from the importing file', async () => {
      const text = withChange('./strategy.mktplan.yaml', '../shared/strategy.mktplan.yaml', planFile);
      const files = { 'shared/strategy.mktplan.yaml': strategyFile };
      assert.deepEqual(await findingsOf(rule, text, { name: 'plans/2027.mktplan.yaml', files }), []);
    });

    it('on imports that are URLs or absolute paths (those are schema errors)', async () => {
      const text = withChange('title:', 'imports: [https://example.com/strategy.mktplan.yaml, /srv/strategy.mktplan.yaml]\ntitle:');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('on an allocation to a campaign, and on content ids, which are not references', async () => {
      const text = withChange(
        '{channel: events, amount: 15000}',
        '{campaign: tet, amount: 15000}',
        withChange('content: [{channel: social,', 'content: [{id: tet-post, channel: social,'),
      );
      assert.deepEqual(await findingsOf(rule, text), []);
    });
  });
});

describe('ref/unknown on an import whose YAML does not parse', () => {
  it('is reported on the import entry, and the ids it would lend stay unknown', async () => {
    const text = withChange('title: Saigon Bean — marketing 2027\n', 'title: Saigon Bean — marketing 2027\nimports: [./broken.mktplan.yaml]\n').replace('  owner: minh\n', '  owner: tuan\n');
    const diagnostics = await check(text, { files: { 'broken.mktplan.yaml': 'mktplan: "1"\nteam: [{id: tuan, role: marketing-manager}\n' } });
    const unknown = diagnostics.filter((diagnostic) => diagnostic.code === 'ref/unknown');
    assert.deepEqual(unknown.map((diagnostic) => diagnostic.range.start.line + 1), [3, 26]);
    assert.match(unknown[0].message, /broken\.mktplan\.yaml.*does not parse/);
  });
});
