import { value } from '../../document/places';
import { defineRule } from '../rule';

export const endBeforeStart = defineRule({
  id: 'dates/end-before-start',
  defaultSeverity: 'error',
  summary: 'An `end` date comes before its `start`.',
  messages: {
    endsFirst: { text: 'This ends on {end}, before it starts on {start}.', placeholders: { end: 'date', start: 'date' } },
  },
  fixes: ['swapDates'],
  check({ model, report }) {
    for (const span of model.spans) {
      if (span.end >= span.start) continue;
      report({ place: value([...span.path, 'end']), message: 'endsFirst', data: { end: span.endText, start: span.startText } });
    }
  },
});
