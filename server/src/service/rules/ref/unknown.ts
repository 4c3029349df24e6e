import { value } from '../../anchors';
import { closestName } from '../../schema';
import { idsByKind, importableKinds, symbolKindNames, type SymbolKind } from '../../symbols';
import type { Rule } from '../rule';

export const refUnknown: Rule = {
  id: 'ref/unknown',
  defaultSeverity: 'error',
  summary: 'An id reference points at nothing in this file or its imports, or an import cannot be read.',
  check({ definitions, importedDefinitions, references, imports, report }) {
    const all = [...importedDefinitions.filter((definition) => importableKinds.has(definition.kind)), ...definitions];
    // One lookup per reference, and only for those that miss, what else the id names.
    const defined = idsByKind(all);
    const firstKindOf = new Map<string, SymbolKind>();
    for (const definition of all) if (!firstKindOf.has(definition.id)) firstKindOf.set(definition.id, definition.kind);
    for (const reference of references) {
      if (defined.get(reference.kind)?.has(reference.id)) continue;
      const wanted = symbolKindNames[reference.kind];
      const other = firstKindOf.get(reference.id);
      if (other) {
        report(value(reference.path), `\`${reference.id}\` is a ${symbolKindNames[other]}, not a ${wanted}.`);
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
