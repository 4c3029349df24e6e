import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/kpis-missing';

const kpis = '  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n';
const withoutKpis = withChange(kpis, '');

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when the plan has no `kpis` (a campaign naming KPIs does not define them)', async () => {
      assert.deepEqual(await findingsOf(rule, withoutKpis), ['24:plan']);
    });

    it('when `kpis` is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(kpis, '  kpis: []\n')), ['24:plan']);
    });

    it('when `kpis` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(kpis, '  kpis: app pickups\n')), ['24:plan']);
    });

    it('on a small plan without KPIs', async () => {
      const text = `mktplan: "1"
plan:
  channels:
    - {id: social, type: social}
`;
      assert.deepEqual(await findingsOf(rule, text), ['2:plan']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with a KPI that is not measurable yet (that is kpi/not-measurable)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(kpis, '  kpis:\n    - {id: pickups, name: App pickups}\n')), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'))), []);
    });
  });

  describe('configuration', () => {
    it('is silenced by the setting `off`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutKpis, { settings: { rules: { [rule]: 'off' } } }), []);
    });

    it('is silenced by `# mktplan-disable-next-line` on the line before the finding', async () => {
      const text = withChange('plan:\n', `# mktplan-disable-next-line ${rule}\nplan:\n`, withoutKpis);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('is silenced for the whole file by `# mktplan-disable`', async () => {
      assert.deepEqual(await findingsOf(rule, `# mktplan-disable ${rule}\n${withoutKpis}`), []);
    });

    it('is a warning by default', async () => {
      const found = (await check(withoutKpis)).filter((diagnostic) => diagnostic.code === rule);
      assert.deepEqual(found.map((diagnostic) => diagnostic.severity), [2]);
    });
  });
});
