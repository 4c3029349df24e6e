import { value } from '../../document/places';
import { idsByKind, importableKinds, kindName, type SymbolKind } from '../../model/ids';
import { message } from '../../i18n/translator';
import { idProblem, withLatinLookAlikes } from '../../schema/meant';
import { closestName } from '../../schema/suggest';
import { defineRule } from '../rule';

export const refUnknown = defineRule({
  id: 'ref/unknown',
  defaultSeverity: 'error',
  summary: 'An id reference points at nothing in this file or its imports, or an import cannot be read.',
  messages: {
    wrongKind: { text: '`{id}` is a {actual}, not a {wanted}.', placeholders: { id: 'quote', actual: 'text', wanted: 'text' } },
    unknown: { text: 'No {wanted} has the id `{id}`.', placeholders: { wanted: 'text', id: 'quote' } },
    lookAlike: {
      text: 'No {wanted} has the id `{id}`: its "{character}" is {script} and only looks like the Latin "{latin}" of `{suggestion}`.',
      placeholders: { wanted: 'text', id: 'quote', character: 'quote', script: 'text', latin: 'quote', suggestion: 'quote' },
    },
    unknownDidYouMean: {
      text: 'No {wanted} has the id `{id}` (did you mean `{suggestion}`?).',
      placeholders: { wanted: 'text', id: 'quote', suggestion: 'quote' },
    },
  },
  fixes: ['replaceId', 'createItem'],
  check({ definitions, importedDefinitions, references, imports, report, reportMessage }) {
    const all = [...importedDefinitions.filter((definition) => importableKinds.has(definition.kind)), ...definitions];
    // One lookup per reference, and only for those that miss, what else the id names.
    const defined = idsByKind(all);
    const firstKindOf = new Map<string, SymbolKind>();
    for (const definition of all) if (!firstKindOf.has(definition.id)) firstKindOf.set(definition.id, definition.kind);
    for (const reference of references) {
      if (defined.get(reference.kind)?.has(reference.id)) continue;
      const wanted = kindName(reference.kind);
      const other = firstKindOf.get(reference.id);
      const place = value(reference.path);
      if (other) {
        report({ place, message: 'wrongKind', data: { id: reference.id, actual: kindName(other), wanted }, facts: { kind: reference.kind, actualKind: other } });
        continue;
      }
      // Only a valid id is worth suggesting: an invalid one is a finding of its own.
      const candidates = all.filter((definition) => definition.kind === reference.kind && idProblem(definition.id) === undefined).map((definition) => definition.id);
      const suggestion = closestName(reference.id, candidates);
      const facts = { kind: reference.kind, candidates: suggestion ? [suggestion] : [] };
      const problem = idProblem(reference.id);
      if (suggestion && problem?.kind === 'lookAlike' && withLatinLookAlikes(reference.id) === suggestion) {
        const { character, latin } = problem;
        report({ place, message: 'lookAlike', data: { wanted, id: reference.id, character, script: message(`script.${problem.script}`), latin, suggestion }, facts });
      } else if (suggestion) report({ place, message: 'unknownDidYouMean', data: { wanted, id: reference.id, suggestion }, facts });
      else report({ place, message: 'unknown', data: { wanted, id: reference.id }, facts });
    }
    for (const problem of imports.problems) reportMessage(value(problem.path), problem.message);
  },
});
