import { defineRule } from '../rule';
import { linePlace, rowWords } from './lines';

export const actualsAfterAsOf = defineRule({
  id: 'actuals/after-as-of',
  defaultSeverity: 'warning',
  summary: 'A spend or result line is dated after `asOf`.',
  messages: {
    line: {
      text: 'This line is dated {date}, after `asOf` ({asOf}): it counts for nothing until `asOf` reaches it{row}.',
      placeholders: { date: 'date', asOf: 'date', row: 'text' },
    },
  },
  check({ actuals, report }) {
    if (!actuals?.asOf) return;
    const asOf = actuals.asOf;
    for (const line of [...actuals.spend, ...actuals.results]) {
      if (line.day <= asOf.day) continue;
      report({ place: linePlace(actuals, line.place, 'date'), message: 'line', data: { date: line.date, asOf: asOf.date, row: rowWords(line.place) }, facts: { date: line.date, asOf: asOf.date } });
    }
  },
});
