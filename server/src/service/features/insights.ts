import Big from 'big.js';
import { valueAt } from '../document/data';
import { locate } from '../document/paths';
import { moneyValue } from '../i18n/format';
import type { MessageRef } from '../i18n/messages';
import type { Analysis } from '../model/analysis';
import { decimalText, sumOf } from '../model/amounts';
import { daysIncluded } from '../model/plan';
import type { Position } from '../types';
import { counted, itemKey, linesByItem, plannedAmounts, type ActualsModel, type PlannedAmounts, type SpendLine } from '../model/actuals';
import { latestResult, measuredKpis, pathValue } from '../rules/actuals/kpi';

/** A figure shown at the end of a line: what the budget leaves, how long a campaign runs, how far a KPI goes. */
export interface Insight {
  position: Position;
  label: MessageRef;
}

/** The end of the line a path's key or value stands on. */
function endOfLine(analysis: Analysis, path: readonly (string | number)[]): Position | undefined {
  const located = locate(analysis.parsed.yaml, path);
  const node = (located?.pair?.key ?? located?.node) as { range?: [number, number, number] } | undefined;
  if (!node?.range) return undefined;
  const { text } = analysis.parsed;
  const newline = text.indexOf('\n', node.range[0]);
  const end = newline < 0 ? text.length : text[newline - 1] === '\r' ? newline - 1 : newline;
  return analysis.parsed.positionAt(end);
}

/** The actuals measuring a plan, read once for all its lines' hints. */
interface Measuring {
  actuals: ActualsModel;
  planned: PlannedAmounts;
  byItem: Map<string, SpendLine[]>;
}

/** What was spent on an item by `asOf`, as a share of what the plan gives it, and how much of its span is gone. */
function spentLabel({ actuals, planned, byItem }: Measuring, kind: 'campaign' | 'channel', id: string, span: { start: number; end: number } | undefined): MessageRef | undefined {
  const given = (kind === 'campaign' ? planned.campaigns : planned.channels).get(id);
  if (!given || !given.gt(0) || !actuals.asOf) return undefined;
  const spent = sumOf((byItem.get(itemKey(kind, id)) ?? []).map((line) => line.amount));
  const share = decimalText(spent.div(given));
  if (!span || span.end < span.start) return { id: 'insight.spent', data: { share } };
  const elapsed = Math.min(1, Math.max(0, (actuals.asOf.day - span.start + 1) / (span.end - span.start + 1)));
  return { id: 'insight.spentAndElapsed', data: { share, elapsed } };
}

/** The figures of a plan, each at the end of its line; `measuring`, the actuals that measure it, adds what was spent and achieved. */
export function insightsOf(analysis: Analysis, actuals?: ActualsModel): Insight[] {
  const { model } = analysis;
  if (analysis.parsed.errors.length > 0 || !model.hasPlan) return [];
  const measuring: Measuring | undefined = actuals?.plan ? { actuals, planned: plannedAmounts(actuals.plan), byItem: linesByItem(counted(actuals, actuals.spend)) } : undefined;
  const insights: Insight[] = [];
  const budget = model.budget;
  if (budget?.total && budget.allocated) {
    const position = endOfLine(analysis, budget.path);
    const left = budget.total.minus(budget.allocated);
    // Sums of money, in the budget's currency: "1,2 tỷ đồng", "3,000万元", as the report writes them.
    const written = valueAt(analysis.parsed.data, ['plan', 'budget', 'currency']);
    const currency = typeof written === 'string' ? written : undefined;
    const data = {
      allocated: moneyValue(decimalText(budget.allocated), currency),
      total: moneyValue(decimalText(budget.total), currency),
      difference: moneyValue(decimalText(left.abs()), currency),
    };
    if (position) insights.push({ position, label: { id: left.lt(0) ? 'insight.budgetOver' : 'insight.budgetLeft', data } });
  }
  for (const campaign of model.campaigns) {
    const { span } = campaign;
    const position = endOfLine(analysis, [...campaign.path, campaign.id !== undefined ? 'id' : 'name']);
    if (!position) continue;
    const share = campaign.budget && budget?.total && budget.total.gt(0) ? decimalText(campaign.budget.div(budget.total)) : undefined;
    if (span && span.end >= span.start) {
      const days = daysIncluded(span);
      insights.push({ position, label: share !== undefined ? { id: 'insight.campaignShare', data: { days, share } } : { id: 'insight.campaignDays', data: { days } } });
    } else if (share !== undefined) insights.push({ position, label: { id: 'insight.share', data: { share } } });
    const spent = measuring && campaign.id !== undefined ? spentLabel(measuring, 'campaign', campaign.id, span) : undefined;
    // On the budget's line where it has one of its own: the id's line already holds the campaign's length and share.
    if (spent) insights.push({ position: (campaign.budget && endOfLine(analysis, [...campaign.path, 'budget'])) || position, label: spent });
  }
  if (measuring && budget) {
    for (const index of analysis.read.objectIndexes([...budget.path, 'allocations'])) {
      const path = [...budget.path, 'allocations', index];
      const channel = analysis.read.text([...path, 'channel']);
      const position = endOfLine(analysis, [...path, 'amount']);
      const label = channel !== undefined && position ? spentLabel(measuring, 'channel', channel, model.period) : undefined;
      if (position && label) insights.push({ position, label });
    }
  }
  for (const kpi of model.kpis) {
    const baseline = analysis.read.number([...kpi.path, 'baseline']);
    const position = endOfLine(analysis, [...kpi.path, 'target']);
    if (kpi.target === undefined || baseline === undefined || !position) continue;
    const change = sumOf([new Big(kpi.target), new Big(baseline).times(-1)]);
    const data = { change: decimalText(change.abs()), baseline: String(baseline) };
    insights.push({ position, label: { id: change.gte(0) ? 'insight.kpiUp' : 'insight.kpiDown', data } });
  }
  if (actuals?.asOf) {
    for (const kpi of measuredKpis(actuals)) {
      const result = latestResult(actuals, kpi.id);
      const position = endOfLine(analysis, [...kpi.path, 'id']);
      if (!result || !position) continue;
      const expected = pathValue(kpi, actuals, result.day);
      const data = { result: result.value, date: result.date, ...(expected !== undefined ? { expected: Math.round(expected * 100) / 100 } : {}) };
      insights.push({ position, label: { id: expected !== undefined ? 'insight.kpiResultOnPath' : 'insight.kpiResult', data } });
    }
  }
  return insights;
}
