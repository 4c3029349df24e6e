import { value } from '../../anchors';
import { idsByKind, symbolKindNames, type SymbolKind } from '../../symbols';
import type { Rule } from '../rule';

export const refUnused: Rule = {
  id: 'ref/unused',
  defaultSeverity: 'hint',
  summary: 'A channel, KPI or segment is defined but never referenced.',
  check({ read, definitions, references, report }) {
    const hasPlan = read.object(['plan']) !== undefined;
    const checked = new Set<SymbolKind>(['channel']);
    if (hasPlan) checked.add('segment');
    if (read.objectIndexes(['plan', 'campaigns']).length > 0) checked.add('kpi');
    const used = idsByKind(references);
    for (const definition of definitions) {
      if (!checked.has(definition.kind) || used.get(definition.kind)?.has(definition.id)) continue;
      const by = definition.kind === 'channel' ? 'campaign, content item or allocation' : 'campaign';
      report(
        value([...definition.itemPath, 'id']),
        `The ${symbolKindNames[definition.kind]} \`${definition.id}\` is never used: no ${by} names it.`,
      );
    }
  },
};
