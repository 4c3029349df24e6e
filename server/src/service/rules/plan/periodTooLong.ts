import { key } from '../../document/places';
import { daysIncluded } from '../../model/plan';
import { defineRule } from '../rule';

export const periodTooLong = defineRule({
  id: 'plan/period-too-long',
  defaultSeverity: 'warning',
  summary: 'A plan period spans more than one year (366 days).',
  messages: {
    tooLong: {
      text: 'This plan covers {days, plural, one {# day} other {# days}}; a plan is short-term, normally a year at most. Split it by year, and keep the long view in the `strategy`.',
      placeholders: { days: 'count' },
    },
  },
  check({ model, report }) {
    const period = model.period;
    if (!period || period.end < period.start) return;
    const days = daysIncluded(period);
    if (days > 366) report({ place: key(period.path), message: 'tooLong', data: { days }, facts: { days } });
  },
});
