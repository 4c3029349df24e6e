import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'campaign/kpis-missing';

describe(rule, () => {
  describe('fires', () => {
    it('on a campaign without `kpis`, on its id value', async () => {
      const text = withChange('      kpis: [pickups]\n', '');
      assert.deepEqual(await findingsOf(rule, text), ['38:tet']);
    });

    it('is a warning by default', async () => {
      const text = withChange('      kpis: [pickups]\n', '');
      assert.deepEqual(
        (await check(text)).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [2],
      );
    });

    it('on a campaign with an empty `kpis` list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('      kpis: [pickups]\n', '      kpis: []\n')), ['38:tet']);
    });

    it('on a campaign whose `kpis` has the wrong type (it counts as absent)', async () => {
      const text = withChange('      kpis: [pickups]\n', '      kpis: pickups\n');
      assert.deepEqual(await findingsOf(rule, text), ['38:tet']);
      assert.deepEqual(await findingsOf('schema', text), ['47:pickups']);
    });

    it('on a campaign without an id, on its first key', async () => {
      const text = withChange('    - id: tet\n      name: Tet pickup week\n', '    - name: Tet pickup week\n', withChange('      kpis: [pickups]\n', ''));
      assert.deepEqual(await findingsOf(rule, text), ['38:name']);
    });

    it('once per campaign lacking KPIs', async () => {
      const text = withChange(
        '  kpis:\n    - {id: pickups',
        '    - {id: summer, name: Summer}\n    - {name: Autumn, kpis: [pickups]}\n    - {name: Winter}\n  kpis:\n    - {id: pickups',
      );
      assert.deepEqual(await findingsOf(rule, text), ['48:summer', '50:name']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('on a campaign that lists a KPI, even one that does not exist (that is ref/unknown)', async () => {
      const text = withChange('kpis: [pickups]', 'kpis: [visits]');
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf('ref/unknown', text), ['47:visits']);
    });

    it('on a plan without campaigns', async () => {
      const text = `mktplan: "1"
plan:
  kpis:
    - {id: k, target: 1, unit: x, due: 2027-06-30}
`;
      assert.deepEqual(await findingsOf(rule, text), []);
    });
  });
});
