import { value } from '../../anchors';
import { leadershipRoles, memberNamed } from '../helpers';
import type { Rule } from '../rule';
import { at } from './sectionMissing';

export const ownerNotLeadership: Rule = {
  id: 'strategy/owner-not-leadership',
  defaultSeverity: 'information',
  summary: 'The strategy is owned by someone without a leadership role.',
  check(context) {
    const owner = context.read.text(at('owner'));
    if (owner === undefined) return;
    const role = memberNamed(context, owner)?.role;
    if (role === undefined || leadershipRoles.has(role)) return;
    context.report(
      value(at('owner')),
      `The strategy's owner \`${owner}\` has the role \`${role}\`; a strategy is owned by leadership (ceo, cmo, marketing-director or marketing-lead).`,
    );
  },
};
