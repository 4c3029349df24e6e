import { key } from '../../document/places';
import { defineRule } from '../rule';

export const campaignKpisMissing = defineRule({
  id: 'campaign/kpis-missing',
  defaultSeverity: 'warning',
  summary: 'A campaign lists no KPIs.',
  messages: {
    named: { text: 'Campaign `{campaign}` lists no `kpis`: name the KPIs that tell whether it worked.', placeholders: { campaign: 'quote' } },
    unnamed: { text: 'Campaign lists no `kpis`: name the KPIs that tell whether it worked.' },
  },
  fixes: ['addKpis'],
  check({ model, report }) {
    for (const campaign of model.campaigns) {
      if (campaign.hasKpis) continue;
      report({ place: key(campaign.path), ...(campaign.label ? { message: 'named', data: { campaign: campaign.label } } : { message: 'unnamed' }) });
    }
  },
});
