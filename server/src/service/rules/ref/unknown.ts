import { value } from '../../anchors';
import { closestName } from '../../schema';
import { importableKinds, symbolKindNames } from '../../symbols';
import type { Rule } from '../rule';

export const refUnknown: Rule = {
  id: 'ref/unknown',
  defaultSeverity: 'error',
  summary: 'An id reference points at nothing in this file or its imports, or an import cannot be read.',
  check({ definitions, importedDefinitions, references, imports, report }) {
    const all = [...importedDefinitions.filter((definition) => importableKinds.has(definition.kind)), ...definitions];
    const byId = new Map<string, typeof all>();
    for (const definition of all) byId.set(definition.id, [...(byId.get(definition.id) ?? []), definition]);
    for (const reference of references) {
      const found = byId.get(reference.id) ?? [];
      if (found.some((definition) => definition.kind === reference.kind)) continue;
      const wanted = symbolKindNames[reference.kind];
      if (found.length > 0) {
        report(value(reference.path), `\`${reference.id}\` is a ${symbolKindNames[found[0].kind]}, not a ${wanted}.`);
        continue;
      }
      const candidates = all.filter((definition) => definition.kind === reference.kind).map((definition) => definition.id);
      const suggestion = closestName(reference.id, candidates);
      report(
        value(reference.path),
        `No ${wanted} has the id \`${reference.id}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}.`,
      );
    }
    for (const problem of imports.problems) report(value(problem.path), capitalise(problem.message) + '.');
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
