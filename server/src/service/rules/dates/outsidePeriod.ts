import { value } from '../../anchors';
import type { Path } from '../../locate';
import type { PlanReader } from '../../reader';
import { span } from '../helpers';
import type { Rule, RuleContext } from '../rule';

function strategyHorizon(context: RuleContext): { start: number; end: number } | undefined {
  const own = span(context.read, ['strategy', 'horizon']);
  if (own) return own;
  return context.imports.files.find((file) => file.horizon)?.horizon;
}

function checkDate(
  read: PlanReader,
  path: Path,
  bounds: { start: number; end: number },
  describe: string,
  report: RuleContext['report'],
): void {
  const day = read.day(path);
  if (day === undefined) return;
  const date = read.text(path);
  if (day < bounds.start) report(value(path), `${date} is before ${describe} starts.`);
  else if (day > bounds.end) report(value(path), `${date} is after ${describe} ends.`);
}

export const outsidePeriod: Rule = {
  id: 'dates/outside-period',
  defaultSeverity: 'warning',
  summary: 'A campaign or milestone falls outside the plan period, or the plan period outside the strategy horizon.',
  check(context) {
    const { read, report } = context;
    const period = span(read, ['plan', 'period']);
    if (!period || period.start > period.end) return;
    const describe = `the plan period (${read.text(['plan', 'period', 'start'])} to ${read.text(['plan', 'period', 'end'])})`;
    for (const index of read.objectIndexes(['plan', 'campaigns'])) {
      for (const part of ['start', 'end']) checkDate(read, ['plan', 'campaigns', index, part], period, describe, report);
    }
    for (const index of read.objectIndexes(['plan', 'timeline'])) {
      for (const part of ['date', 'start', 'end']) checkDate(read, ['plan', 'timeline', index, part], period, describe, report);
    }
    const horizon = strategyHorizon(context);
    if (horizon && horizon.start <= horizon.end) {
      for (const part of ['start', 'end']) checkDate(read, ['plan', 'period', part], horizon, 'the strategy horizon', report);
    }
  },
};
