import { dayNumber } from '../../model/reader';
import { actualsPath } from '../../model/actuals';
import { replaceValue } from '../fixes/edits';
import { scalarInsertion } from '../fixes/values';
import { defineRule, type FixContext, type FixProposal } from '../rule';
import { linePlace, rowWords } from './lines';

/**
 * Move `asOf` to the line's date; or, for a line written in the file a year ahead of `asOf` that
 * a year earlier would be on or before it (a year typed wrong in January), that year. Both change
 * what the figures say: they are offered, never applied by fix-all or `--fix`.
 */
function afterAsOfFixes(context: FixContext): FixProposal[] {
  const { file, parsed, finding } = context;
  const { date, asOf } = (finding.facts ?? {}) as { date?: string; asOf?: string };
  if (date === undefined || asOf === undefined) return [];
  const fixes: FixProposal[] = [];
  const moved = replaceValue(file, parsed, [...actualsPath, 'asOf'], scalarInsertion(date));
  if (moved) fixes.push({ title: { id: 'fix.moveAsOf', data: { date } }, edits: [moved] });
  const yearEarlier = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  const earlier = dayNumber(yearEarlier);
  const onLine = finding.path[finding.path.length - 1] === 'date';
  if (onLine && date.slice(0, 4) === String(Number(asOf.slice(0, 4)) + 1) && earlier !== undefined && earlier <= dayNumber(asOf)!) {
    const corrected = replaceValue(file, parsed, finding.path, scalarInsertion(yearEarlier));
    if (corrected) fixes.push({ title: { id: 'fix.correctYear', data: { date: yearEarlier } }, edits: [corrected], isPreferred: true });
  }
  return fixes;
}

export const actualsAfterAsOf = defineRule({
  id: 'actuals/after-as-of',
  defaultSeverity: 'warning',
  summary: 'A spend or result line is dated after `asOf`.',
  fixes: ['moveAsOf', 'correctYear'],
  fix: afterAsOfFixes,
  messages: {
    line: {
      text: 'This line is dated {date}, after `asOf` ({asOf}): it counts for nothing until `asOf` reaches it{row}.',
      placeholders: { date: 'date', asOf: 'date', row: 'text' },
    },
  },
  check({ actuals, report }) {
    if (!actuals?.asOf) return;
    const asOf = actuals.asOf;
    for (const lines of [actuals.spend, actuals.results]) {
      for (const line of lines) {
        if (line.day <= asOf.day) continue;
        report({ place: linePlace(actuals, line.place, 'date'), message: 'line', data: { date: line.date, asOf: asOf.date, row: rowWords(line.place) }, facts: { date: line.date, asOf: asOf.date } });
      }
    }
  },
});
