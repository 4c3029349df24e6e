import * as nodePath from 'node:path';
import { value } from '../../document/places';
import { kindName, type Definition } from '../../model/ids';
import { defineRule } from '../rule';

export const refDuplicateId = defineRule({
  id: 'ref/duplicate-id',
  defaultSeverity: 'error',
  summary: 'An id is defined twice (ids of team members, objectives, segments, channels, campaigns, KPIs and milestones share one namespace).',
  messages: {
    here: {
      text: 'The id `{id}` is already used by a {kind}; ids must be unique across the file and its imports.',
      placeholders: { id: 'quote', kind: 'text' },
    },
    imported: {
      text: 'The id `{id}` is already used by a {kind} in {file}; ids must be unique across the file and its imports.',
      placeholders: { id: 'quote', kind: 'text', file: 'text' },
    },
  },
  fixes: ['renameDuplicate'],
  check({ file, definitions, importedDefinitions, report }) {
    const first = new Map<string, Definition>();
    for (const definition of importedDefinitions) if (!first.has(definition.id)) first.set(definition.id, definition);
    for (const definition of definitions) {
      const earlier = first.get(definition.id);
      if (!earlier) {
        first.set(definition.id, definition);
        continue;
      }
      const data = { id: definition.id, kind: kindName(earlier.kind) };
      report({
        place: value([...definition.itemPath, 'id']),
        ...(earlier.file === file ? { message: 'here', data } : { message: 'imported', data: { ...data, file: nodePath.basename(earlier.file) } }),
        facts: { id: definition.id, kind: definition.kind },
      });
    }
  },
});
