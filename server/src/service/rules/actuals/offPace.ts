import Big from 'big.js';
import { value } from '../../document/places';
import { moneyValue } from '../../i18n/format';
import { itemKey, plannedAmounts, spendingUpToAsOf } from '../../model/actuals';
import { decimalText, type Amount } from '../../model/amounts';
import { defineRule } from '../rule';
import { currencyOfPlan } from './lines';

/** How far spending may stray from an even pace, as a share of what is planned. */
const tolerance = new Big('0.15');

const placeholders = { id: 'quote', spent: 'money', difference: 'money', expected: 'money', planned: 'money', elapsed: 'percent' } as const;

export const actualsOffPace = defineRule({
  id: 'actuals/off-pace',
  defaultSeverity: 'information',
  summary: 'Spending on a scheduled campaign or a channel is well ahead of or behind an even pace over its span.',
  messages: {
    campaignAhead: { text: 'Campaign `{id}` has spent {spent}, {difference} ahead of an even pace: with {elapsed} of its span gone, that pace would have spent {expected} of its {planned}.', placeholders },
    campaignBehind: { text: 'Campaign `{id}` has spent {spent}, {difference} behind an even pace: with {elapsed} of its span gone, that pace would have spent {expected} of its {planned}.', placeholders },
    channelAhead: { text: 'Channel `{id}` has spent {spent}, {difference} ahead of an even pace over the plan period: with {elapsed} of it gone, that pace would have spent {expected} of its {planned}.', placeholders },
    channelBehind: { text: 'Channel `{id}` has spent {spent}, {difference} behind an even pace over the plan period: with {elapsed} of it gone, that pace would have spent {expected} of its {planned}.', placeholders },
  },
  check({ actuals, report }) {
    if (!actuals?.plan || !actuals.asOf) return;
    const asOf = actuals.asOf;
    const currency = currencyOfPlan(actuals);
    const { byItem } = spendingUpToAsOf(actuals);
    const planned = plannedAmounts(actuals.plan);
    const spans = new Map(actuals.plan.model.campaigns.flatMap((campaign) => (campaign.id !== undefined && campaign.span ? [[campaign.id, campaign.span] as const] : [])));
    const period = actuals.plan.model.period;
    const items: Array<{ kind: 'campaign' | 'channel'; id: string; limit: Amount; span?: { start: number; end: number } }> = [
      ...[...planned.campaigns].map(([id, limit]) => ({ kind: 'campaign' as const, id, limit, span: spans.get(id) })),
      ...[...planned.channels].map(([id, limit]) => ({ kind: 'channel' as const, id, limit, span: period })),
    ];
    for (const { kind, id, limit, span } of items) {
      if (!span || asOf.day < span.start || span.end < span.start) continue;
      const elapsedDays = Math.min(asOf.day, span.end) - span.start + 1;
      const elapsed = new Big(elapsedDays).div(span.end - span.start + 1);
      const expected = elapsed.times(limit);
      const spent = byItem.get(itemKey(kind, id))?.spent ?? new Big(0);
      const difference = spent.minus(expected);
      if (difference.abs().lte(tolerance.times(limit))) continue;
      const ahead = difference.gt(0);
      const facts = { spent: decimalText(spent), expected: decimalText(expected.round(4)), planned: decimalText(limit), elapsed: Number(elapsed) };
      report({
        place: value(asOf.path),
        message: `${kind}${ahead ? 'Ahead' : 'Behind'}`,
        data: {
          id,
          spent: moneyValue(facts.spent, currency),
          difference: moneyValue(decimalText(difference.abs().round(2)), currency),
          expected: moneyValue(decimalText(expected.round(2)), currency),
          planned: moneyValue(facts.planned, currency),
          elapsed: facts.elapsed,
        },
        facts,
      });
    }
  },
});
