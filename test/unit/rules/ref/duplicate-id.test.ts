import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'ref/duplicate-id';

const strategyFile = `mktplan: "1"
team:
  - {id: linh, role: cmo}
strategy:
  owner: linh
  objectives:
    - {id: share, statement: Lead, target: 15, unit: "%", due: 2029-12-31}
  audience:
    segments:
      - {id: office, name: Office workers}
`;

/** A plan importing the strategy file; line 4 is its first team member. */
function planFile(member = '{id: minh, role: marketing-manager}', imports = '[./strategy.mktplan.yaml]'): string {
  return `mktplan: "1"
imports: ${imports}
team:
  - ${member}
plan:
  owner: minh
  implements: [share]
`;
}

describe(rule, () => {
  describe('fires', () => {
    it('across kinds: a KPI with the id of a channel, at the later occurrence', async () => {
      const text = withChange('{id: events, type: events}', '{id: pickups, type: events}');
      assert.deepEqual(await findingsOf(rule, text), ['49:pickups']);
    });

    it('is an error by default', async () => {
      const text = withChange('{id: events, type: events}', '{id: pickups, type: events}');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [1],
      );
    });

    it('on every occurrence after the first, each at its id value', async () => {
      const text = withChange('{id: hoa, role: cso, name: Pham Hoa}', '{id: linh, role: cso, name: Pham Hoa}', withChange('{id: office, name', '{id: linh, name'));
      assert.deepEqual(await findingsOf(rule, text), ['7:linh', '15:linh']);
    });

    it('on an objective id reused by a campaign and a milestone', async () => {
      const text = withChange('    - id: tet\n', '    - id: share\n', withChange('  channels:\n    - {id: social', '  timeline:\n    - {id: share, name: Launch, date: 2027-03-01}\n  channels:\n    - {id: social'));
      assert.deepEqual(await findingsOf(rule, text), ['35:share', '40:share']);
    });

    it('on an id already defined by an imported file, saying where', async () => {
      const text = planFile('{id: linh, role: marketing-manager}');
      assert.deepEqual(await findingsOf(rule, text, { files: { 'strategy.mktplan.yaml': strategyFile } }), ['4:linh']);
      const [diagnostic] = (await check(text, { files: { 'strategy.mktplan.yaml': strategyFile } })).filter((found) => found.code === rule);
      assert.match(diagnostic.message, /strategy\.mktplan\.yaml/);
    });

    it('on an item that breaks the schema, which still defines its id', async () => {
      const text = withChange('{id: hoa, role: cso, name: Pham Hoa}', '{id: linh, role: boss}');
      assert.deepEqual(await findingsOf(rule, text), ['7:linh']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('on content item ids, which are outside the namespace', async () => {
      const text = withChange('content: [{channel: social,', 'content: [{id: social, channel: social,');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('on ids that only look alike', async () => {
      const text = withChange('{id: events, type: events}', '{id: social-2, type: events}', withChange('channels: [social, events]', 'channels: [social, social-2]', withChange('{channel: events,', '{channel: social-2,')));
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('on an imported id that this file only references', async () => {
      assert.deepEqual(await findingsOf(rule, planFile(), { files: { 'strategy.mktplan.yaml': strategyFile } }), []);
    });

    it('on a file reached through two imports (it is read once)', async () => {
      const middle = 'mktplan: "1"\nimports: [./strategy.mktplan.yaml]\nplan: {}\n';
      const files = { 'strategy.mktplan.yaml': strategyFile, 'a.mktplan.yaml': middle, 'b.mktplan.yaml': middle };
      assert.deepEqual(await findingsOf(rule, planFile(undefined, '[./a.mktplan.yaml, ./b.mktplan.yaml, ./strategy.mktplan.yaml]'), { files }), []);
    });

    it('on ids that are not text (bare numbers, schema errors) and so define nothing', async () => {
      const text = withChange('{id: hoa, role: cso, name: Pham Hoa}', '{id: 2027, role: cso, name: Pham Hoa}', withChange('{id: office, name', '{id: 2027, name'));
      assert.deepEqual(await findingsOf(rule, text), []);
    });
  });
});

describe('ref/duplicate-id across imports of any kind', () => {
  const other = 'mktplan: "1"\nplan:\n  channels:\n    - {id: social, type: social}\n';
  const importing = withChange('title: Saigon Bean — marketing 2027\n', 'title: Saigon Bean — marketing 2027\nimports: [./other.mktplan.yaml]\n');

  it('flags a channel id that an imported file already uses, though channels are not lent', async () => {
    assert.deepEqual(await findingsOf(rule, importing, { files: { 'other.mktplan.yaml': other } }), ['36:social']);
  });

  it('does not let the imported channel be referenced', async () => {
    const text = withChange('      channels: [social, events]', '      channels: [social, events, elsewhere]', importing);
    const imported = other.replace('id: social', 'id: elsewhere');
    assert.deepEqual(await findingsOf('ref/unknown', text, { files: { 'other.mktplan.yaml': imported } }), ['43:elsewhere']);
  });
});
