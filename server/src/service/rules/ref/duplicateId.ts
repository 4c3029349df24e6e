import * as nodePath from 'node:path';
import { value } from '../../anchors';
import { symbolKindNames, type Definition } from '../../symbols';
import type { Rule } from '../rule';

export const refDuplicateId: Rule = {
  id: 'ref/duplicate-id',
  defaultSeverity: 'error',
  summary: 'An id is defined twice (ids of team members, objectives, segments, channels, campaigns, KPIs and milestones share one namespace).',
  check({ file, definitions, importedDefinitions, report }) {
    const first = new Map<string, Definition>();
    for (const definition of importedDefinitions) if (!first.has(definition.id)) first.set(definition.id, definition);
    for (const definition of definitions) {
      const earlier = first.get(definition.id);
      if (!earlier) {
        first.set(definition.id, definition);
        continue;
      }
      const where = earlier.file === file ? '' : ` in ${nodePath.basename(earlier.file)}`;
      report(
        value([...definition.itemPath, 'id']),
        `The id \`${definition.id}\` is already used by a ${symbolKindNames[earlier.kind]}${where}; ids must be unique across the file and its imports.`,
      );
    }
  },
};
