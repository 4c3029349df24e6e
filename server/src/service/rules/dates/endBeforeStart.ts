import { samePath } from '../../document/paths';
import { value } from '../../document/places';
import { replaceValue } from '../fixes/edits';
import { scalarInsertion } from '../fixes/values';
import { defineRule } from '../rule';

export const endBeforeStart = defineRule({
  id: 'dates/end-before-start',
  defaultSeverity: 'error',
  summary: 'An `end` date comes before its `start`.',
  messages: {
    endsFirst: { text: 'This ends on {end}, before it starts on {start}.', placeholders: { end: 'date', start: 'date' } },
  },
  fixes: ['swapDates'],
  fix: ({ file, parsed, model, finding }) => {
    const spanPath = finding.path.slice(0, -1);
    const span = model.spans.find((candidate) => samePath(candidate.path, spanPath));
    if (!span) return [];
    // A date another item reads too (`date: *launch`, `<<: *campaign`) is not this span's alone to swap.
    const start = replaceValue(file, parsed, [...span.path, 'start'], scalarInsertion(span.endText), { only: true });
    const end = replaceValue(file, parsed, [...span.path, 'end'], scalarInsertion(span.startText), { only: true });
    return start && end ? [{ title: { id: 'fix.swapDates' }, edits: [start, end], isPreferred: true }] : [];
  },
  check({ model, report }) {
    for (const span of model.spans) {
      if (span.end >= span.start) continue;
      report({ place: value([...span.path, 'end']), message: 'endsFirst', data: { end: span.endText, start: span.startText } });
    }
  },
});
