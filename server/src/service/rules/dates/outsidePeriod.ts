import { value } from '../../document/places';
import { defineRule } from '../rule';
import { linePlace } from '../actuals/lines';

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
    rowBeforePeriod: {
      text: 'Row {row} is dated {date}, before the plan period ({start} to {end}) starts.',
      placeholders: { row: 'text', date: 'date', start: 'date', end: 'date' },
    },
    rowAfterPeriod: {
      text: 'Row {row} is dated {date}, after the plan period ({start} to {end}) ends.',
      placeholders: { row: 'text', date: 'date', start: 'date', end: 'date' },
    },
  },
  check({ model, actuals, report }) {
    // The lines of actuals, against the period of the plan they measure: such a line still counts.
    const measured = actuals?.plan?.model.period;
    if (actuals && measured && measured.start <= measured.end) {
      const bounds = { start: measured.startText, end: measured.endText };
      // Each list read where it is: 20,000 lines are not copied into one at every check.
      for (const lines of [actuals.spend, actuals.results]) {
        for (const line of lines) {
          if (line.day >= measured.start && line.day <= measured.end) continue;
          const before = line.day < measured.start;
          const place = linePlace(actuals, line.place, 'date');
          if (line.place.in === 'yaml') report({ place, message: before ? 'beforePeriod' : 'afterPeriod', data: { date: line.date, ...bounds } });
          else report({ place, message: before ? 'rowBeforePeriod' : 'rowAfterPeriod', data: { row: String(line.place.line), date: line.date, ...bounds } });
        }
      }
    }
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
