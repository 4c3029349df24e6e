import { value } from '../../document/places';
import { defineRule } from '../rule';

export const ownerNotLeadership = defineRule({
  id: 'strategy/owner-not-leadership',
  defaultSeverity: 'information',
  summary: 'The strategy is owned by someone who is not marketing leadership.',
  messages: {
    headOfCompany: {
      text: "The strategy's owner `{owner}` is the head of the company (`ceo`), who sets the company's strategy, goals and expected results and leaves how to reach them to marketing leadership (a cmo, marketing-director or marketing-lead); on a team that has one, let them own the marketing strategy.",
      placeholders: { owner: 'quote' },
    },
    salesLeader: {
      text: "The strategy's owner `{owner}` is the `cso`, who leads the sales strategy, not the marketing one: the marketing strategy belongs to marketing leadership (a cmo, marketing-director or marketing-lead).",
      placeholders: { owner: 'quote' },
    },
    notLeader: {
      text: "The strategy's owner `{owner}` has the role `{role}`, which does not lead marketing: the marketing strategy belongs to marketing leadership (a cmo, marketing-director or marketing-lead).",
      placeholders: { owner: 'quote', role: 'quote' },
    },
  },
  check({ model, report }) {
    const owner = model.owner('strategy');
    if (owner?.role === undefined || owner.group === 'marketing-leadership') return;
    // A startup's head, or a company with no marketing leader, owns the strategy because no one else can.
    if (owner.role === 'ceo' && (model.stage === 'startup' || !model.hasMarketingLeader)) return;
    const message = owner.role === 'ceo' ? 'headOfCompany' : owner.role === 'cso' ? 'salesLeader' : 'notLeader';
    report({ place: value(owner.path), message, data: { owner: owner.id, role: owner.role }, facts: { role: owner.role } });
  },
});
