import { key } from '../../anchors';
import type { Rule } from '../rule';

export const campaignKpisMissing: Rule = {
  id: 'campaign/kpis-missing',
  defaultSeverity: 'warning',
  summary: 'A campaign lists no KPIs.',
  check({ read, report }) {
    for (const index of read.objectIndexes(['plan', 'campaigns'])) {
      const campaign = ['plan', 'campaigns', index];
      if (read.hasEntries([...campaign, 'kpis'])) continue;
      const name = read.text([...campaign, 'id']) ?? read.text([...campaign, 'name']);
      report(key(campaign), `Campaign${name ? ` \`${name}\`` : ''} lists no \`kpis\`: name the KPIs that tell whether it worked.`);
    }
  },
};
