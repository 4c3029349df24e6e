import { key, value } from '../document/places';
import { defineRule } from './rule';

export const schemaRule = defineRule({
  id: 'schema',
  defaultSeverity: 'error',
  summary: 'The file breaks the format: a wrong type, an unknown key, a value not in the list, a date that does not exist, or a missing required key.',
  // Its messages are the schema layer's, in the engine's catalogue.
  messages: {},
  fixes: ['replaceWithSuggestion', 'insertRequiredKey', 'numberFromText', 'dateFromValue', 'transliterateId'],
  check({ parsed, schema, reportMessage }) {
    if (parsed.secondDocument) reportMessage({ on: 'offsets', offsets: parsed.secondDocument }, { id: 'schema.secondDocument' });
    for (const problem of schema.problems) {
      reportMessage(problem.target === 'value' ? value(problem.path) : key(problem.path), problem.message, { target: problem.target, ...problem.facts });
    }
  },
});
