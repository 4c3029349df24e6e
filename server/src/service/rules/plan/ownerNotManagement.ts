import { value } from '../../document/places';
import { defineRule } from '../rule';

export const ownerNotManagement = defineRule({
  id: 'plan/owner-not-management',
  defaultSeverity: 'information',
  summary: 'The plan is owned by a leadership role rather than a management one.',
  messages: {
    leadership: {
      text: "The plan's owner `{owner}` has the leadership role `{role}`; a plan is run by management (a marketing-manager or marketing-specialist), while leadership owns the strategy.",
      placeholders: { owner: 'quote', role: 'quote' },
    },
  },
  check({ model, report }) {
    const owner = model.owner('plan');
    if (owner?.role === undefined || (owner.group !== 'marketing-leadership' && owner.group !== 'company-head')) return;
    report({ place: value(owner.path), message: 'leadership', data: { owner: owner.id, role: owner.role }, facts: { role: owner.role } });
  },
});
