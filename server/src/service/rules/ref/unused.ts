import { value } from '../../document/places';
import { idsByKind, kindName, type SymbolKind } from '../../model/ids';
import { defineRule } from '../rule';

export const refUnused = defineRule({
  id: 'ref/unused',
  defaultSeverity: 'hint',
  summary: 'A channel, KPI or segment is defined but never referenced.',
  messages: {
    channel: { text: 'The {kind} `{id}` is never used: no campaign, content item or allocation names it.', placeholders: { kind: 'text', id: 'quote' } },
    other: { text: 'The {kind} `{id}` is never used: no campaign names it.', placeholders: { kind: 'text', id: 'quote' } },
  },
  unnecessary: true,
  reads: ({ model, definitionsKey, references }) => [definitionsKey, references, model.hasPlan, model.campaigns.length > 0],
  check({ model, definitions, references, report }) {
    const checked = new Set<SymbolKind>(['channel']);
    if (model.hasPlan) checked.add('segment');
    if (model.campaigns.length > 0) checked.add('kpi');
    // The ids not yet seen in a reference, struck off as the references are read, until none is left.
    const unseen = idsByKind(definitions.filter((definition) => checked.has(definition.kind)));
    let left = [...unseen.values()].reduce((count, ids) => count + ids.size, 0);
    for (const reference of references) {
      if (left === 0) break;
      if (unseen.get(reference.kind)?.delete(reference.id)) left--;
    }
    for (const definition of definitions) {
      if (!unseen.get(definition.kind)?.has(definition.id)) continue;
      report({
        place: value([...definition.itemPath, 'id']),
        message: definition.kind === 'channel' ? 'channel' : 'other',
        data: { kind: kindName(definition.kind), id: definition.id },
        facts: { id: definition.id, kind: definition.kind },
      });
    }
  },
});
