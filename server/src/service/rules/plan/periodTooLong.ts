import { key } from '../../anchors';
import { daysIncluded, span } from '../helpers';
import type { Rule } from '../rule';
import { at } from './partMissing';

export const periodTooLong: Rule = {
  id: 'plan/period-too-long',
  defaultSeverity: 'warning',
  summary: 'A plan period spans more than one year (366 days).',
  check({ read, report }) {
    const period = span(read, at('period'));
    if (!period || period.end < period.start) return;
    const days = daysIncluded(period);
    if (days > 366) {
      report(key(at('period')), `This plan covers ${days} days; a plan is short-term, normally a year at most. Split it by year, and keep the long view in the \`strategy\`.`);
    }
  },
};
