import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/owner-not-management';

const owner = '  owner: minh\n';
const ownedBy = (id: string, text = cleanPlan): string => withChange(owner, `  owner: ${id}\n`, text);
const ownedByCmo = ownedBy('linh');

/** A strategy file whose team the checked file borrows through `imports`. */
const strategyFile = `mktplan: "1"
team:
  - {id: an, role: ceo, name: Nguyen An}
  - {id: thu, role: marketing-specialist, name: Vo Thu}
strategy:
  owner: an
  horizon: {start: 2027-01-01, end: 2029-12-31}
`;
const files = { 'strategy.mktplan.yaml': strategyFile };
const importing = withChange('title:', 'imports: [./strategy.mktplan.yaml]\ntitle:');

describe(rule, () => {
  describe('fires on the owner\'s value', () => {
    it('when the plan is owned by the cmo', async () => {
      assert.deepEqual(await findingsOf(rule, ownedByCmo), ['25:linh']);
    });

    it('when the plan is owned by the cso, who leads sales, with the reason in the message', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('hoa')), ['25:hoa']);
    });

    for (const role of ['ceo', 'marketing-director', 'marketing-lead']) {
      it(`when the plan is owned by a ${role}`, async () => {
        const text = withChange('  - {id: minh, role: marketing-manager, name: Le Minh}\n', `  - {id: minh, role: ${role}, name: Le Minh}\n`);
        assert.deepEqual(await findingsOf(rule, text), ['25:minh']);
      });
    }

    it('when the owner is a leader from an imported file\'s team', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('an', importing), { files }), ['26:an']);
    });

    it('when the owner comes from a file that an imported file imports in turn', async () => {
      const middle = `mktplan: "1"
imports: [./strategy.mktplan.yaml]
strategy:
  owner: an
`;
      const text = ownedBy('an', withChange('title:', 'imports: [./middle.mktplan.yaml]\ntitle:'));
      assert.deepEqual(await findingsOf(rule, text, { files: { ...files, 'middle.mktplan.yaml': middle } }), ['26:an']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan (owned by a marketing-manager)', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('when the owner is a marketing-specialist from an imported file\'s team', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('thu', importing), { files }), []);
    });

    it('when the owner is a sales manager or an agency, who are neither leadership nor management', async () => {
      for (const role of ['sales-manager', 'agency', 'other']) {
        assert.deepEqual(await findingsOf(rule, withChange('role: cso', `role: ${role}`, ownedBy('hoa'))), [], role);
      }
    });

    it('without an owner', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(owner, '')), []);
    });

    it('when the owner is unknown (that is ref/unknown)', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('nobody')), []);
    });

    it('when the owner names an imported leader but the import is missing', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('an', importing)), []);
    });

    it('when the owner names a channel rather than a team member (that is ref/unknown)', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('social')), []);
    });

    it('when the owner is not text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('{id: linh}')), []);
    });
  });
});
