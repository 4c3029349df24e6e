// The JSON Schema of `mktplan.config.yaml`, written from the rule catalogue by `npm run generate`.
import type { Rule } from '../server/src/service';

const severities: ReadonlyArray<{ value: string; title: string; description: string }> = [
  { value: 'error', title: 'Error', description: 'Shown as an error; fails `mktplan check` by default.' },
  { value: 'warning', title: 'Warning', description: 'Shown as a warning.' },
  { value: 'information', title: 'Information', description: 'Shown as information.' },
  { value: 'hint', title: 'Hint', description: 'Shown as a hint: VS Code marks the place without listing it in the Problems panel.' },
  { value: 'off', title: 'Off', description: 'The rule is not checked.' },
];

export function configSchema(rules: readonly Rule[]): string {
  const severity = (rule: Rule) => ({
    title: rule.id,
    markdownDescription: `${rule.summary} Default: \`${rule.defaultSeverity}\`. [About this rule](${rule.page})`,
    'x-source': 'mktplan-format',
    type: 'string',
    anyOf: severities.map(({ value, title, description }) => ({ const: value, title, markdownDescription: description, 'x-source': 'mktplan-format' })),
  });
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://mktplan.dev/schemas/mktplan-config.schema.json',
    title: 'mktplan configuration',
    markdownDescription:
      'Rule settings shared by everyone who works on the plans of this repository: the editor and CI read the same file, the nearest one in the plan\'s folder or above it, up to the repository root.',
    'x-source': 'mktplan-format',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        title: 'Rules',
        markdownDescription: 'The severity of each rule, or `off`. A rule set here wins over the editor\'s settings, so that the editor and CI agree.',
        'x-source': 'mktplan-format',
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((rule) => [rule.id, severity(rule)])),
      },
      ignore: {
        title: 'Ignore',
        markdownDescription: 'Globs of plan files not to check, relative to this file, e.g. `[archive/**]`.',
        'x-source': 'mktplan-format',
        type: 'array',
        items: { type: 'string' },
      },
    },
  };
  return JSON.stringify(schema, null, 2) + '\n';
}
