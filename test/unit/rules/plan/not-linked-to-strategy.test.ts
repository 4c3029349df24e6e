import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/not-linked-to-strategy';

const implementsLine = '  implements: [share]\n';
const objectiveLine = '      objective: share\n';
const withoutImplements = withChange(implementsLine, '');
const withoutObjective = withChange(objectiveLine, '');
const unlinked = withChange(objectiveLine, '', withoutImplements);

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when the plan has no `implements` and no campaign has an `objective`', async () => {
      assert.deepEqual(await findingsOf(rule, unlinked), ['24:plan']);
    });

    it('when `implements` is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(implementsLine, '  implements: []\n', withoutObjective)), ['24:plan']);
    });

    it('when `implements` is text rather than a list (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(implementsLine, '  implements: share\n', withoutObjective)), ['24:plan']);
    });

    it('when the campaign\'s `objective` is a list (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(objectiveLine, '      objective: [share]\n', withoutImplements)), ['24:plan']);
    });

    it('on a plan with no campaigns and no `implements`', async () => {
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

    it('with `implements` alone', async () => {
      assert.deepEqual(await findingsOf(rule, withoutObjective), []);
    });

    it('with a campaign `objective` alone', async () => {
      assert.deepEqual(await findingsOf(rule, withoutImplements), []);
    });

    it('when `implements` names an objective that does not exist (that is ref/unknown)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(implementsLine, '  implements: [awareness]\n', withoutObjective)), []);
    });

    it('when the plan implements an objective of an imported strategy file', async () => {
      const strategyFile = cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'));
      const planFile = `mktplan: "1"
imports: [./strategy.mktplan.yaml]
plan:
  owner: minh
  period: {start: 2027-01-01, end: 2027-12-31}
  implements: [share]
`;
      assert.deepEqual(await findingsOf(rule, planFile, { files: { 'strategy.mktplan.yaml': strategyFile } }), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'))), []);
    });
  });
});
