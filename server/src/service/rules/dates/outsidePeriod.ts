import { value } from '../../document/places';
import { defineRule } from '../rule';

export const outsidePeriod = defineRule({
  id: 'dates/outside-period',
  defaultSeverity: 'warning',
  summary: 'A campaign or milestone falls outside the plan period, or the plan period outside the strategy horizon.',
  messages: {
    beforePeriod: {
      text: '{date} is before the plan period ({start} to {end}) starts.',
      placeholders: { date: 'date', start: 'date', end: 'date' },
    },
    afterPeriod: {
      text: '{date} is after the plan period ({start} to {end}) ends.',
      placeholders: { date: 'date', start: 'date', end: 'date' },
    },
    beforeHorizon: { text: '{date} is before the strategy horizon starts.', placeholders: { date: 'date' } },
    afterHorizon: { text: '{date} is after the strategy horizon ends.', placeholders: { date: 'date' } },
  },
  check({ model, report }) {
    const period = model.period;
    if (!period || period.start > period.end) return;
    const bounds = { start: period.startText, end: period.endText };
    for (const date of model.scheduledDates) {
      if (date.day < period.start) report({ place: value(date.path), message: 'beforePeriod', data: { date: date.text, ...bounds } });
      else if (date.day > period.end) report({ place: value(date.path), message: 'afterPeriod', data: { date: date.text, ...bounds } });
    }
    const horizon = model.strategyHorizon;
    if (!horizon || horizon.start > horizon.end) return;
    for (const [part, day, text] of [['start', period.start, period.startText] as const, ['end', period.end, period.endText] as const]) {
      const place = value([...period.path, part]);
      if (day < horizon.start) report({ place, message: 'beforeHorizon', data: { date: text } });
      else if (day > horizon.end) report({ place, message: 'afterHorizon', data: { date: text } });
    }
  },
});
