import { key } from '../../document/places';
import { defineRule } from '../rule';

export const campaignDatesMissing = defineRule({
  id: 'campaign/dates-missing',
  defaultSeverity: 'warning',
  summary: 'A campaign has a budget but no start or end.',
  messages: {
    named: {
      text: 'Campaign `{campaign}` has a budget but no {missing}: money needs dates to be spent against.',
      placeholders: { campaign: 'quote', missing: 'list' },
    },
    unnamed: { text: 'Campaign has a budget but no {missing}: money needs dates to be spent against.', placeholders: { missing: 'list' } },
  },
  fixes: ['addDates'],
  check({ model, report }) {
    for (const campaign of model.campaigns) {
      if (campaign.budget === undefined) continue;
      const missing = [...(campaign.hasStart ? [] : ['start']), ...(campaign.hasEnd ? [] : ['end'])];
      if (missing.length === 0) continue;
      const quoted = missing.map((part) => `\`${part}\``);
      report({
        place: key(campaign.path),
        ...(campaign.label ? { message: 'named', data: { campaign: campaign.label, missing: quoted } } : { message: 'unnamed', data: { missing: quoted } }),
        facts: { missing },
      });
    }
  },
});
