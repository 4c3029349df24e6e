import type { Path } from '../../document/paths';
import type { ActualsModel, ResultLine } from '../../model/actuals';
import { counted } from '../../model/actuals';

/** A KPI of the measured plan as the `actuals/kpi-*` rules read it. */
export interface MeasuredKpi {
  id: string;
  path: Path;
  target?: number;
  baseline?: number;
  direction?: 'increase' | 'decrease';
  due?: number;
  frequency?: string;
}

/** Days in a period of each frequency (plan-format.md, `actuals/kpi-no-recent-result`). */
export const frequencyDays: Readonly<Record<string, number>> = { daily: 1, weekly: 7, monthly: 31, quarterly: 92, yearly: 366 };

export function measuredKpis(actuals: ActualsModel): MeasuredKpi[] {
  const plan = actuals.plan;
  if (!plan) return [];
  return plan.model.kpis.flatMap((kpi) => {
    if (kpi.id === undefined) return [];
    const at = (key: string) => [...kpi.path, key];
    const direction = plan.read.text(at('direction'));
    return [
      {
        id: kpi.id,
        path: kpi.path,
        target: plan.read.number(at('target')),
        baseline: plan.read.number(at('baseline')),
        direction: direction === 'increase' || direction === 'decrease' ? direction : undefined,
        due: plan.read.day(at('due')),
        frequency: plan.read.text(at('frequency')),
      },
    ];
  });
}

/** Where a KPI's path to its target stands on a day: from `baseline` on the plan period's start to `target` on its `due` (or the period's end). */
export function pathValue(kpi: MeasuredKpi, actuals: ActualsModel, day: number): number | undefined {
  const period = actuals.plan?.model.period;
  const end = kpi.due ?? period?.end;
  if (kpi.target === undefined || kpi.baseline === undefined || !period || end === undefined) return undefined;
  const share = end <= period.start ? 1 : Math.min(1, Math.max(0, (day - period.start) / (end - period.start)));
  return kpi.baseline + share * (kpi.target - kpi.baseline);
}

/** A KPI's latest result on or before `asOf`: of several on that date, the last in reading order. */
export function latestResult(actuals: ActualsModel, kpi: string): ResultLine | undefined {
  let latest: ResultLine | undefined;
  for (const line of counted(actuals, actuals.results)) if (line.kpi === kpi && (!latest || line.day >= latest.day)) latest = line;
  return latest;
}
