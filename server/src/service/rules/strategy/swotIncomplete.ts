import { key } from '../../anchors';
import type { Rule } from '../rule';
import { at } from './sectionMissing';

const quadrants = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;

export const swotIncomplete: Rule = {
  id: 'strategy/swot-incomplete',
  defaultSeverity: 'warning',
  summary: 'A SWOT analysis has a quadrant missing or empty.',
  check({ read, report }) {
    const swot = at('swot');
    if (!read.object(swot)) return;
    for (const quadrant of quadrants) {
      const list = read.list([...swot, quadrant]);
      if (!list) report(key(swot), `This SWOT has no \`${quadrant}\`: a SWOT needs all four quadrants.`);
      else if (!read.hasEntries([...swot, quadrant])) report(key([...swot, quadrant]), `\`${quadrant}\` is empty: list at least one.`);
    }
  },
};
