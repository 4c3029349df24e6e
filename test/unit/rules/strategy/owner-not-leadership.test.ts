import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'strategy/owner-not-leadership';

const owner = '  owner: linh\n';
const ownedBy = (id: string, text = cleanPlan): string => withChange(owner, `  owner: ${id}\n`, text);
const ownedByManager = ownedBy('minh');

/** A file whose team the checked file borrows through `imports`. */
const teamFile = `mktplan: "1"
team:
  - {id: an, role: ceo, name: Nguyen An}
  - {id: bao, role: agency, name: Bao Creative}
strategy:
  owner: an
  horizon: {start: 2027-01-01, end: 2029-12-31}
`;
const files = { 'team.mktplan.yaml': teamFile };
const importing = withChange('title:', 'imports: [./team.mktplan.yaml]\ntitle:');

describe(rule, () => {
  describe('fires on the owner\'s value', () => {
    it('when the owner is a marketing-manager', async () => {
      assert.deepEqual(await findingsOf(rule, ownedByManager), ['9:minh']);
    });

    it('when the owner is the ceo from an imported file\'s team, and the team has a marketing leader (the cmo)', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('an', importing), { files }), ['10:an']);
    });

    it('when the owner is the cso (not a leadership role)', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('hoa')), ['9:hoa']);
    });

    it('when the owner is an agency', async () => {
      const text = withChange('  - {id: hoa, role: cso, name: Pham Hoa}\n', '  - {id: hoa, role: agency, name: Pham Hoa}\n', ownedBy('hoa'));
      assert.deepEqual(await findingsOf(rule, text), ['9:hoa']);
    });

    it('when the owner is a non-leadership member of an imported file\'s team', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('bao', importing), { files }), ['10:bao']);
    });

    it('when the owner comes from a file that an imported file imports in turn', async () => {
      const middle = `mktplan: "1"
imports: [./team.mktplan.yaml]
strategy:
  owner: an
`;
      const text = ownedBy('bao', withChange('title:', 'imports: [./middle.mktplan.yaml]\ntitle:'));
      assert.deepEqual(await findingsOf(rule, text, { files: { ...files, 'middle.mktplan.yaml': middle } }), ['10:bao']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan (owned by the cmo)', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    for (const role of ['ceo', 'marketing-director', 'marketing-lead']) {
      it(`when the owner is a ${role}`, async () => {
        const text = withChange('  - {id: linh, role: cmo, name: Tran Linh}\n', `  - {id: linh, role: ${role}, name: Tran Linh}\n`);
        assert.deepEqual(await findingsOf(rule, text), []);
      });
    }

    it('without an owner', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(owner, '')), []);
    });

    it('when the owner is unknown (that is ref/unknown)', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('nobody')), []);
    });

    it('when the owner names a channel rather than a team member (that is ref/unknown)', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('social')), []);
    });

    it('when the owner\'s role is not a known role (a bad enum value counts as absent)', async () => {
      const text = withChange('role: cso', 'role: intern', ownedBy('hoa'));
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when the owner is not text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('[minh]')), []);
    });

    it('when the owner is the ceo of a startup, from an imported file\'s team', async () => {
      const startup = withChange('stage: sme', 'stage: startup', ownedBy('an', importing));
      assert.deepEqual(await findingsOf(rule, startup, { files }), []);
    });

    it('when the owner names an imported member but the import is missing', async () => {
      assert.deepEqual(await findingsOf(rule, ownedBy('bao', importing)), []);
    });
  });
});
