import type { Path } from '../../document/paths';
import { value, type Place } from '../../document/places';
import type { MessageRef } from '../../i18n/messages';
import { message } from '../../i18n/translator';
import { valueAt } from '../../document/data';
import type { ActualsModel, LinePlace } from '../../model/actuals';

/**
 * Where the `actuals/*` findings about one line stand: a line written in the file on its `key`'s
 * value; a CSV row on its source's `file` value, the message naming the row.
 */
export function linePlace(actuals: ActualsModel, place: LinePlace, key: string): Place {
  if (place.in === 'yaml') return value([...place.path, key]);
  return value([...sourcePath(actuals, place.source), 'file']);
}

export function sourcePath(actuals: ActualsModel, index: number): Path {
  return actuals.sources.find((source) => source.index === index)?.path ?? ['actuals', 'sources', index];
}

/** The words that name a CSV row after a message (` (row 14)`), nothing for a line written in the file. */
export function rowWords(place: LinePlace): MessageRef | '' {
  // A row's number as the file numbers it, without grouping: `row 20464`.
  return place.in === 'source' ? message('actuals.row', { row: String(place.line) }) : '';
}

/** The plan's budget currency, for money in messages. */
export function currencyOfPlan(actuals: ActualsModel): string | undefined {
  const currency = actuals.plan && valueAt(actuals.plan.read.root, ['plan', 'budget', 'currency']);
  return typeof currency === 'string' ? currency : undefined;
}
