import { key } from '../../document/places';
import * as nodePath from 'node:path';
import { addToList, setSection } from '../fixes/sections';
import { defineRule, type FixContext } from '../rule';

export const campaignKpisMissing = defineRule({
  id: 'campaign/kpis-missing',
  defaultSeverity: 'warning',
  summary: 'A campaign lists no KPIs.',
  messages: {
    named: { text: 'Campaign `{campaign}` lists no `kpis`: name the KPIs that tell whether it worked.', placeholders: { campaign: 'quote' } },
    unnamed: { text: 'Campaign lists no `kpis`: name the KPIs that tell whether it worked.' },
  },
  fixes: ['addKpis'],
  fix: (context) => {
    const campaignPath = context.finding.path;
    const kpis = context.definitions.filter((definition) => definition.kind === 'kpi').map((definition) => definition.id);
    if (kpis.length > 0) {
      // One of the plan's KPIs, to choose from where the client takes snippets; without them only
      // a plan's one KPI is implied.
      if (kpis.length > 1 && !context.snippets) return [];
      const edit = setSection(context, campaignPath, 'kpis', { text: `- ${kpis[0]}`, snippet: kpis.length > 1 ? `- \${1|${kpis.join(',')}|}$0` : `- \${1:${kpis[0]}}$0` });
      return edit ? [{ title: { id: 'fix.addSection', data: { key: 'kpis' } }, edits: [edit], isPreferred: true }] : [];
    }
    // No KPI yet: a new one in the plan, named by the campaign.
    const id = context.freeId('kpi');
    const withId: FixContext = { ...context, defaultFor: (key, text) => (key === 'id' ? id : context.defaultFor(key, text)) };
    const stub = addToList(withId, ['plan', 'kpis'], { listOf: 'kpi' });
    const link = setSection(context, campaignPath, 'kpis', { text: `- ${id}`, snippet: `- ${id}` });
    return stub && link ? [{ title: { id: 'fix.createItem', data: { id, file: nodePath.basename(context.file) } }, edits: [stub, link] }] : [];
  },
  check({ model, report }) {
    for (const campaign of model.campaigns) {
      if (campaign.hasKpis) continue;
      report({ place: key(campaign.path), ...(campaign.label ? { message: 'named', data: { campaign: campaign.label } } : { message: 'unnamed' }) });
    }
  },
});
