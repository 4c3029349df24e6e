import { value } from '../../anchors';
import type { Path } from '../../locate';
import { span } from '../helpers';
import type { Rule } from '../rule';

export const endBeforeStart: Rule = {
  id: 'dates/end-before-start',
  defaultSeverity: 'error',
  summary: 'An `end` date comes before its `start`.',
  check({ read, report }) {
    const spans: Path[] = [
      ['strategy', 'horizon'],
      ['plan', 'period'],
      ...read.objectIndexes(['plan', 'campaigns']).map((index) => ['plan', 'campaigns', index]),
      ...read.objectIndexes(['plan', 'timeline']).map((index) => ['plan', 'timeline', index]),
    ];
    for (const path of spans) {
      const dates = span(read, path);
      if (dates && dates.end < dates.start) {
        report(value([...path, 'end']), `This ends on ${read.text([...path, 'end'])}, before it starts on ${read.text([...path, 'start'])}.`);
      }
    }
  },
};
