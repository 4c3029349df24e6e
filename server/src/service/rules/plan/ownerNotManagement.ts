import { value } from '../../anchors';
import { leadershipRoles, memberNamed } from '../helpers';
import type { Rule } from '../rule';
import { at } from './partMissing';

export const ownerNotManagement: Rule = {
  id: 'plan/owner-not-management',
  defaultSeverity: 'information',
  summary: 'The plan is owned by a leadership role rather than a management one.',
  check(context) {
    const owner = context.read.text(at('owner'));
    if (owner === undefined) return;
    const role = memberNamed(context, owner)?.role;
    if (role === undefined || !leadershipRoles.has(role)) return;
    context.report(
      value(at('owner')),
      `The plan's owner \`${owner}\` has the leadership role \`${role}\`; a plan is run by management (a marketing-manager or marketing-specialist), while leadership owns the strategy.`,
    );
  },
};
