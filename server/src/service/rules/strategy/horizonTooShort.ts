import { key } from '../../document/places';
import { daysIncluded } from '../../model/plan';
import { defineRule } from '../rule';

export const horizonTooShort = defineRule({
  id: 'strategy/horizon-too-short',
  defaultSeverity: 'warning',
  summary: 'A strategy horizon spans less than one year.',
  messages: {
    tooShort: {
      text: 'This strategy looks {days, plural, one {# day} other {# days}} ahead; a strategy sets direction for at least a year. Short-term work belongs in the `plan`.',
      placeholders: { days: 'count' },
    },
  },
  check({ model, report }) {
    const horizon = model.horizon;
    if (!horizon || horizon.end < horizon.start) return;
    const days = daysIncluded(horizon);
    if (days < 365) report({ place: key(horizon.path), message: 'tooShort', data: { days }, facts: { days } });
  },
});
