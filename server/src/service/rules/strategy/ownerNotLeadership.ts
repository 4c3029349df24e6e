import { value } from '../../document/places';
import { defineRule } from '../rule';

export const ownerNotLeadership = defineRule({
  id: 'strategy/owner-not-leadership',
  defaultSeverity: 'information',
  summary: 'The strategy is owned by someone without a leadership role.',
  messages: {
    notLeadership: {
      text: "The strategy's owner `{owner}` has the role `{role}`; a strategy is owned by leadership (ceo, cmo, marketing-director or marketing-lead).",
      placeholders: { owner: 'quote', role: 'quote' },
    },
  },
  check({ model, report }) {
    const owner = model.owner('strategy');
    if (owner?.role === undefined || owner.group === 'marketing-leadership' || owner.group === 'company-head') return;
    report({ place: value(owner.path), message: 'notLeadership', data: { owner: owner.id, role: owner.role }, facts: { role: owner.role } });
  },
});
