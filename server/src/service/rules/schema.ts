import { key, value } from '../anchors';
import type { Rule } from './rule';

export const schemaRule: Rule = {
  id: 'schema',
  defaultSeverity: 'error',
  summary: 'The file breaks the format: a wrong type, an unknown key, a value not in the list, a date that does not exist, or a missing required key.',
  check(context) {
    for (const problem of context.schema.problems) {
      context.report(problem.target === 'value' ? value(problem.path) : key(problem.path), problem.message);
    }
  },
};
