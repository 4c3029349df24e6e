import { value } from '../../document/places';
import { defineRule } from '../rule';

export const ownerNotManagement = defineRule({
  id: 'plan/owner-not-management',
  defaultSeverity: 'information',
  summary: 'The plan is owned by marketing leadership, the CEO or the CSO rather than by management.',
  messages: {
    leadership: {
      text: "The plan's owner `{owner}` has the leadership role `{role}`: leadership owns the strategy, and management (a marketing-manager or marketing-specialist) plans the campaigns, runs them and reports back.",
      placeholders: { owner: 'quote', role: 'quote' },
    },
    headOfCompany: {
      text: "The plan's owner `{owner}` is the head of the company (`ceo`), who sets the goals and the results expected and leaves the plan that reaches them to marketing management (a marketing-manager or marketing-specialist).",
      placeholders: { owner: 'quote' },
    },
    salesLeader: {
      text: "The plan's owner `{owner}` is the `cso`, who leads sales: a marketing plan is run by marketing management (a marketing-manager or marketing-specialist), with sales as a partner in `salesAlignment`.",
      placeholders: { owner: 'quote' },
    },
  },
  check({ model, report }) {
    const owner = model.owner('plan');
    if (owner?.role === undefined) return;
    const message = owner.group === 'marketing-leadership' ? 'leadership' : owner.group === 'company-head' ? 'headOfCompany' : owner.group === 'sales-leadership' ? 'salesLeader' : undefined;
    if (message) report({ place: value(owner.path), message, data: { owner: owner.id, role: owner.role }, facts: { role: owner.role } });
  },
});
