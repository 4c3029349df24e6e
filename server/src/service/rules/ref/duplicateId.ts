import { baseName } from '../../document/uris';
import { value } from '../../document/places';
import { kindName, type Definition } from '../../model/ids';
import { replaceValue } from '../fixes/edits';
import { scalarInsertion } from '../fixes/values';
import { defineIdsRule } from '../rule';

export const refDuplicateId = defineIdsRule({
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
  // The references to the id mean its first definition: this occurrence takes a free id alone.
  fix: ({ file, parsed, finding, freeId }) => {
    const id = (finding.facts as { id?: string } | undefined)?.id;
    const edit = id === undefined ? undefined : replaceValue(file, parsed, finding.path, scalarInsertion(freeId(id)));
    return edit ? [{ title: { id: 'fix.replaceWith', data: { value: edit.text } }, edits: [edit], isPreferred: true }] : [];
  },
  reads: ({ definitionsKey, imports }) => [definitionsKey, imports.scope],
  check({ file, definitions, imports, report }) {
    // The imports' first definition of an id comes before any of this file's.
    const first = new Map<string, Definition>();
    for (const definition of definitions) {
      const earlier = imports.scope.first(definition.id) ?? first.get(definition.id);
      if (!earlier) {
        first.set(definition.id, definition);
        continue;
      }
      const data = { id: definition.id, kind: kindName(earlier.kind) };
      report({
        place: value([...definition.itemPath, 'id']),
        ...(earlier.file === file ? { message: 'here', data } : { message: 'imported', data: { ...data, file: baseName(earlier.file) } }),
        facts: { id: definition.id, kind: definition.kind },
      });
    }
  },
});
