import type { YamlProblem } from '../parse';
import type { Rule } from './rule';

function sentence(problem: YamlProblem): string {
  const text = problem.message.replace(/ at line \d+, column \d+.*$/s, '');
  return `YAML: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

export const yamlSyntaxRule: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  summary: 'The YAML itself does not parse; nothing else is checked until it does.',
  check(context) {
    for (const problem of [...context.parsed.errors, ...context.parsed.warnings]) {
      context.report({ on: 'offsets', offsets: problem.offsets }, sentence(problem));
    }
  },
};
