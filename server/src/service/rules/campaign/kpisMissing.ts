import { baseName } from '../../document/uris';
import { key } from '../../document/places';
import { fillIn } from '../fixes/snippets';
import { addToList, sequential, setSection } from '../fixes/sections';
import { scalarInsertion, scalarText } from '../fixes/values';
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
      const choice = fillIn(1, kpis.length > 1 ? kpis.map(scalarText) : scalarText(kpis[0]));
      const edit = setSection(context, campaignPath, 'kpis', { text: `- ${choice.text}`, snippet: `- ${choice.snippet}$0` });
      return edit ? [{ title: { id: 'fix.addSection', data: { key: 'kpis' } }, edits: [edit], isPreferred: true }] : [];
    }
    // No KPI yet: a new one in the plan, named by the campaign.
    const id = context.freeId('kpi');
    const written = scalarInsertion(id);
    const withId: FixContext = { ...context, defaultFor: (key, text) => (key === 'id' ? written.text : context.defaultFor(key, text)) };
    const stub = addToList(withId, ['plan', 'kpis'], { listOf: 'kpi' });
    const link = setSection(context, campaignPath, 'kpis', { text: `- ${written.text}`, snippet: `- ${written.snippet}` });
    return stub && link ? [{ title: { id: 'fix.createItem', data: { id, file: baseName(context.file) } }, edits: sequential([stub, link]) }] : [];
  },
  check({ model, report }) {
    for (const campaign of model.campaigns) {
      if (campaign.hasKpis) continue;
      report({ place: key(campaign.path), ...(campaign.label ? { message: 'named', data: { campaign: campaign.label } } : { message: 'unnamed' }) });
    }
  },
});
