import Big from 'big.js';
import { valueAt } from '../document/data';
import { locate } from '../document/paths';
import { moneyValue } from '../i18n/format';
import type { MessageRef } from '../i18n/messages';
import type { Analysis } from '../model/analysis';
import { decimalText, sumOf } from '../model/amounts';
import { daysIncluded } from '../model/plan';
import type { Position } from '../types';

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

/** The figures of a plan, each at the end of its line. */
export function insightsOf(analysis: Analysis): Insight[] {
  const { model } = analysis;
  if (analysis.parsed.errors.length > 0 || !model.hasPlan) return [];
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
  }
  for (const kpi of model.kpis) {
    const baseline = analysis.read.number([...kpi.path, 'baseline']);
    const position = endOfLine(analysis, [...kpi.path, 'target']);
    if (kpi.target === undefined || baseline === undefined || !position) continue;
    const change = sumOf([new Big(kpi.target), new Big(baseline).times(-1)]);
    const data = { change: decimalText(change.abs()), baseline: String(baseline) };
    insights.push({ position, label: { id: change.gte(0) ? 'insight.kpiUp' : 'insight.kpiDown', data } });
  }
  return insights;
}
