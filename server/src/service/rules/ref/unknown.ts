import { baseName } from '../../document/uris';
import { value } from '../../document/places';
import { definitionListPath, importableKinds, kindName, resolvableDefinitions, type SymbolKind } from '../../model/ids';
import { message } from '../../i18n/translator';
import { idProblem, withLatinLookAlikes } from '../../schema/meant';
import { closeNames } from '../../schema/suggest';
import { valueAt } from '../../document/data';
import type { Path } from '../../document/paths';
import { replaceValue } from '../fixes/edits';
import { addToList } from '../fixes/sections';
import { scalarInsertion, scalarText } from '../fixes/values';
import { defineIdsRule, type FixContext, type FixProposal } from '../rule';

/** Each close id of the right kind in its place; or the item it names, created where its kind is listed. */
async function unknownFixes(context: FixContext): Promise<FixProposal[]> {
  const { file, parsed, finding } = context;
  const facts = (finding.facts ?? {}) as { kind?: SymbolKind; candidates?: string[] };
  const id = valueAt(parsed.data, finding.path);
  if (!facts.kind || typeof id !== 'string' || finding.messageId === 'ref/unknown.wrongKind') return [];
  const candidates = facts.candidates ?? [];
  const replacements: FixProposal[] = candidates.flatMap((candidate) => {
    const edit = replaceValue(file, parsed, finding.path, scalarInsertion(candidate));
    return edit ? [{ title: { id: 'fix.replaceWith', data: { value: candidate } }, edits: [edit], isPreferred: candidates.length === 1 }] : [];
  });
  const stub = await createItem(context, facts.kind, id);
  return [...replacements, ...stub];
}

/** Snippets of the items a reference can name, by kind. */
const itemSnippets: Partial<Record<SymbolKind, string>> = { channel: 'channel', kpi: 'kpi', segment: 'segment', objective: 'objective', member: 'member' };

/** Creates the item an unknown id names: in its list in this file, else in the imported file that lists that kind. */
async function createItem(context: FixContext, kind: SymbolKind, id: string): Promise<FixProposal[]> {
  const listPath = definitionListPath(kind);
  const prefix = itemSnippets[kind];
  if (!listPath || !prefix || idProblem(id)) return [];
  // The new item takes the id the reference names; its other values are valid ones to change.
  const written = scalarText(id);
  const withId: FixContext = { ...context, defaultFor: (key, text) => (key === 'id' ? written : context.defaultFor(key, text)) };
  let host: FixContext = withId;
  if (importableKinds.has(kind) && !Array.isArray(valueAt(context.parsed.data, listPath))) {
    for (const imported of context.imports.scope.files()) {
      const analysis = await context.analysisOf(imported.file);
      if (analysis && Array.isArray(valueAt(analysis.parsed.data, listPath))) {
        host = { ...withId, ...analysis, defaultFor: withId.defaultFor, finding: context.finding };
        break;
      }
    }
  }
  const edit = prefix === 'member' ? memberStub(host, listPath, written) : addToList(host, listPath, { listOf: prefix });
  return edit ? [{ title: { id: 'fix.createItem', data: { id, file: baseName(host.file) } }, edits: [edit] }] : [];
}

/** A team member has no snippet of its own: `{id, role, name}`, the id as YAML writes it. */
function memberStub(context: FixContext, listPath: Path, id: string) {
  const text = `- id: ${id}
  role: other
  name: ${id}`;
  return addToList(context, listPath, undefined, { text, snippet: `- id: ${id}
  role: \${1|other,cmo,marketing-director,marketing-lead,ceo,cso,sales-manager,marketing-manager,marketing-specialist,agency|}
  name: \${2:${id}}$0` });
}

export const refUnknown = defineIdsRule({
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
    sourceRow: {
      text: 'No {wanted} of the plan has the id `{id}`, which row {row} of `{file}` names: map the name to an id in the source\'s `ids`; until then the row counts for no item of the plan.',
      placeholders: { wanted: 'text', id: 'quote', row: 'text', file: 'quote' },
    },
  },
  fixes: ['replaceId', 'createItem'],
  fix: unknownFixes,
  reads: ({ definitionsKey, unresolved, imports, actuals }) => [definitionsKey, imports.scope, unresolved, JSON.stringify(imports.problems), actuals?.sources],
  check({ definitions, unresolved, imports, lent, actuals, report, reportMessage }) {
    // The analysis found the references no id resolves; only for one of them, what else each id names
    // and the ids of each kind worth suggesting (only a valid id: an invalid one is a finding of its own).
    let firstKindOf: Map<string, SymbolKind> | undefined;
    const validIdsOf = new Map<SymbolKind, string[]>();
    // Each id misspelt the same way many times is compared with the candidates once.
    const closeIdsOf = new Map<string, string[]>();
    // Actuals that measure no plan, or cannot tell which: the schema error on `actuals` says so, and their ids resolve against nothing.
    const unmeasured = actuals?.planProblem !== undefined;
    for (const reference of unresolved) {
      if (unmeasured && reference.path[0] === 'actuals') continue;
      if (!firstKindOf) {
        firstKindOf = new Map();
        for (const definition of resolvableDefinitions(definitions, imports.scope.definitions(), lent)) {
          if (!firstKindOf.has(definition.id)) firstKindOf.set(definition.id, definition.kind);
          if (idProblem(definition.id) !== undefined) continue;
          const ids = validIdsOf.get(definition.kind);
          if (ids) ids.push(definition.id);
          else validIdsOf.set(definition.kind, [definition.id]);
        }
      }
      const wanted = kindName(reference.kind);
      const other = firstKindOf.get(reference.id);
      const place = value(reference.path);
      if (other) {
        report({ place, message: 'wrongKind', data: { id: reference.id, actual: kindName(other), wanted }, facts: { kind: reference.kind, actualKind: other } });
        continue;
      }
      const closeKey = `${reference.kind}\u0000${reference.id}`;
      let close = closeIdsOf.get(closeKey);
      if (!close) closeIdsOf.set(closeKey, (close = closeNames(reference.id, validIdsOf.get(reference.kind) ?? [])));
      const suggestion = close[0];
      const facts = { kind: reference.kind, candidates: close };
      const problem = idProblem(reference.id);
      if (suggestion && problem?.kind === 'lookAlike' && withLatinLookAlikes(reference.id) === suggestion) {
        const { character, latin } = problem;
        report({ place, message: 'lookAlike', data: { wanted, id: reference.id, character, script: message(`script.${problem.script}`), latin, suggestion }, facts });
      } else if (suggestion) report({ place, message: 'unknownDidYouMean', data: { wanted, id: reference.id, suggestion }, facts });
      else report({ place, message: 'unknown', data: { wanted, id: reference.id }, facts });
    }
    for (const problem of imports.problems) reportMessage(value(problem.path), problem.message);
    // A CSV row's id, on its source's `file`.
    for (const source of actuals?.sources ?? []) {
      for (const row of source.unknown) report({ place: value([...source.path, 'file']), message: 'sourceRow', data: { wanted: kindName(row.kind), id: row.id, row: String(row.line), file: source.written } });
    }
  },
});
