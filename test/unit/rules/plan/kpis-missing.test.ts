import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

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
});
