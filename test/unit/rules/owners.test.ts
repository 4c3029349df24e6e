import { strict as assert } from 'node:assert';
import { check, cleanPlan, withChange } from '../helpers';

/** Every role of the format, as plan-format.md divides the work. */
const roles = ['ceo', 'cmo', 'marketing-director', 'marketing-lead', 'cso', 'sales-manager', 'marketing-manager', 'marketing-specialist', 'agency', 'other'] as const;
const marketingLeadership = new Set(['cmo', 'marketing-director', 'marketing-lead']);

/**
 * A plan file whose strategy and plan are both owned by `boss`, with a given role, at a given
 * stage, with or without a marketing leader (`linh`, a cmo, else a marketing-manager) on the
 * team; the team in this file, or in a file it imports.
 */
function planWith(role: string, stage: string, withLeader: boolean, imported: boolean): { text: string; files: Record<string, string> } {
  const team = `team:\n  - {id: boss, role: ${role}}\n  - {id: linh, role: ${withLeader ? 'cmo' : 'marketing-manager'}}\n  - {id: minh, role: marketing-manager}\n`;
  let text = withChange('organization: {name: Saigon Bean, stage: sme, industry: specialty coffee}', `organization: {name: Saigon Bean, stage: ${stage}, industry: specialty coffee}`);
  text = withChange('strategy:\n  owner: linh\n', 'strategy:\n  owner: boss\n', text);
  text = withChange('plan:\n  owner: minh\n', 'plan:\n  owner: boss\n', text);
  const ownTeam = text.slice(text.indexOf('team:\n'), text.indexOf('strategy:\n'));
  if (!imported) return { text: withChange(ownTeam, team, text), files: {} };
  return { text: withChange(ownTeam, 'imports: [./team.mktplan.yaml]\n', text), files: { 'team.mktplan.yaml': `mktplan: "1"\n${team}strategy: {owner: linh}\n` } };
}

/** What the format says each rule does, for one owner. */
function expected(role: string, stage: string, withLeader: boolean): { strategy: boolean; plan: boolean } {
  const ceoExcused = role === 'ceo' && (stage === 'startup' || !withLeader);
  return {
    strategy: !marketingLeadership.has(role) && !ceoExcused,
    plan: marketingLeadership.has(role) || role === 'ceo' || role === 'cso',
  };
}

describe('the owner rules, for every role, with and without a marketing leader, at each stage, through imports too', () => {
  for (const role of roles) {
    for (const stage of ['startup', 'sme', 'enterprise']) {
      for (const withLeader of [true, false]) {
        for (const imported of [false, true]) {
          const { strategy, plan } = expected(role, stage, withLeader);
          it(`${role}, ${stage}, ${withLeader ? 'a marketing leader on the team' : 'no marketing leader'}${imported ? ', team imported' : ''}: strategy ${strategy ? 'flagged' : 'quiet'}, plan ${plan ? 'flagged' : 'quiet'}`, async () => {
            const { text, files } = planWith(role, stage, withLeader, imported);
            const found = await check(text, { files });
            const codes = found.filter((diagnostic) => diagnostic.code.includes('owner-not')).map((diagnostic) => diagnostic.code);
            assert.deepEqual(codes.includes('strategy/owner-not-leadership'), strategy, codes.join(', '));
            assert.deepEqual(codes.includes('plan/owner-not-management'), plan, codes.join(', '));
          });
        }
      }
    }
  }

  it('give the reason for the owner\'s role', async () => {
    const messages = async (role: string) => (await check(planWith(role, 'sme', true, false).text)).filter((diagnostic) => diagnostic.code.includes('owner-not')).map((diagnostic) => diagnostic.message);
    const [ceoStrategy, ceoPlan] = await messages('ceo');
    assert.match(ceoStrategy, /head of the company .* sets the company's strategy, goals and expected results/);
    assert.match(ceoPlan, /head of the company/);
    const [csoStrategy, csoPlan] = await messages('cso');
    assert.match(csoStrategy, /leads the sales strategy, not the marketing one/);
    assert.match(csoPlan, /leads sales/);
    const [agency] = await messages('agency');
    assert.match(agency, /`agency`, which does not lead marketing/);
  });

  it('stay quiet without an owner, or when the owner is no known team member', async () => {
    const text = withChange('plan:\n  owner: minh\n', 'plan:\n  owner: nobody\n', withChange('strategy:\n  owner: linh\n', 'strategy:\n', cleanPlan));
    assert.deepEqual((await check(text)).filter((diagnostic) => diagnostic.code.includes('owner-not')), []);
  });
});
