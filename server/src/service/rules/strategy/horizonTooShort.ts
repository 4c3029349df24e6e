import { key } from '../../anchors';
import { daysIncluded, span } from '../helpers';
import type { Rule } from '../rule';
import { at } from './sectionMissing';

export const horizonTooShort: Rule = {
  id: 'strategy/horizon-too-short',
  defaultSeverity: 'warning',
  summary: 'A strategy horizon spans less than one year.',
  check({ read, report }) {
    const horizon = span(read, at('horizon'));
    if (!horizon || horizon.end < horizon.start) return;
    const days = daysIncluded(horizon);
    if (days < 365) {
      report(
        key(at('horizon')),
        `This strategy looks ${days} day${days === 1 ? '' : 's'} ahead; a strategy sets direction for at least a year. Short-term work belongs in the \`plan\`.`,
      );
    }
  },
};
