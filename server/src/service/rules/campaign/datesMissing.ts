import { key } from '../../anchors';
import { listOfMissing } from '../helpers';
import type { Rule } from '../rule';

export const campaignDatesMissing: Rule = {
  id: 'campaign/dates-missing',
  defaultSeverity: 'warning',
  summary: 'A campaign has a budget but no start or end.',
  check({ read, report }) {
    for (const index of read.objectIndexes(['plan', 'campaigns'])) {
      const campaign = ['plan', 'campaigns', index];
      if (read.number([...campaign, 'budget']) === undefined) continue;
      const missing = ['start', 'end'].filter((part) => !read.has([...campaign, part])).map((part) => `\`${part}\``);
      if (missing.length === 0) continue;
      const name = read.text([...campaign, 'id']) ?? read.text([...campaign, 'name']);
      report(key(campaign), `Campaign${name ? ` \`${name}\`` : ''} has a budget but no ${listOfMissing(missing)}: money needs dates to be spent against.`);
    }
  },
};
