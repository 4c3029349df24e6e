import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/reporting-missing';

const reporting = '  reporting: {cadence: monthly, to: linh}\n';
const withoutReporting = withChange(reporting, '');

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when the plan has no `reporting`', async () => {
      assert.deepEqual(await findingsOf(rule, withoutReporting), ['24:plan']);
    });

    it('when `reporting` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(reporting, '  reporting: monthly\n')), ['24:plan']);
    });

    it('when `reporting` is a list (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(reporting, '  reporting: [monthly, linh]\n')), ['24:plan']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with only a cadence', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(reporting, '  reporting: {cadence: quarterly}\n')), []);
    });

    it('with reporting to a leader from an imported file, in block style', async () => {
      const text = withChange(reporting, '  reporting:\n    cadence: monthly\n    to: an\n', withChange('title:', 'imports: [./team.mktplan.yaml]\ntitle:'));
      const files = { 'team.mktplan.yaml': 'mktplan: "1"\nteam:\n  - {id: an, role: ceo}\nstrategy:\n  owner: an\n' };
      assert.deepEqual(await findingsOf(rule, text, { files }), []);
    });

    it('when the YAML does not parse (only yaml-syntax findings then)', async () => {
      assert.deepEqual(await findingsOf(rule, `${withoutReporting}notes: [unclosed\n`), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'))), []);
    });
  });
});
