import type { YamlProblem } from '../parse';
import type { Rule } from './rule';

/** Problems that stop a hostile or oversized file, in plain words. */
const plainWords: Record<string, string> = {
  RESOURCE_EXHAUSTION: 'the document nests too deeply to be read',
  ALIAS_LIMIT: 'the document expands its aliases (`*name`) too many times to be read; write the values out instead',
};

function sentence(problem: YamlProblem): string {
  const text = (plainWords[problem.code] ?? problem.message).replace(/ at line \d+, column \d+.*$/s, '');
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
