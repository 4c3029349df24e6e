import { valueAt } from '../../document/data';
import { plainInsertion, replaceValue } from '../fixes/edits';
import { addToList } from '../fixes/sections';
import { fillIn } from '../fixes/snippets';
import { scalarText } from '../fixes/values';
import type { FixContext, FixProposal } from '../rule';

/** The plan's currency as written, where it is text: the budget's sums are written as money in it. */
export function currencyOf(data: unknown): string | undefined {
  const currency = valueAt(data, ['plan', 'budget', 'currency']);
  return typeof currency === 'string' ? currency : undefined;
}

/** Sets `budget.total` to the sum the finding names. */
export function setTotal({ file, parsed, model, finding }: FixContext): FixProposal[] {
  const sum = (finding.facts as { sum?: string } | undefined)?.sum;
  const budget = model.budget;
  // The sum as an exact decimal, written as a YAML number.
  const edit = sum === undefined || !budget ? undefined : replaceValue(file, parsed, budget.totalPath, plainInsertion(sum));
  return edit && sum !== undefined ? [{ title: { id: 'fix.setTotal', data: { sum } }, edits: [edit] }] : [];
}

/**
 * Allocates what is left of the total, to a channel the user chooses where the client takes
 * snippets; without them only to a plan's one channel, the one it implies.
 */
export function addRemainder(context: FixContext): FixProposal[] {
  const rest = (context.finding.facts as { rest?: string } | undefined)?.rest;
  const budget = context.model.budget;
  if (rest === undefined || !budget) return [];
  const channels = context.definitions.filter((definition) => definition.kind === 'channel').map((definition) => definition.id);
  if (channels.length !== 1 && !context.snippets) return [];
  // The channel as YAML writes it (`"2027"`, `"@ads"`); with no channel yet, a placeholder to type over.
  const channel = fillIn(1, channels.length > 1 ? channels.map(scalarText) : channels.length === 1 ? scalarText(channels[0]) : 'channel-id');
  const edit = addToList(context, [...budget.path, 'allocations'], undefined, {
    text: `- channel: ${channel.text}\n  amount: ${rest}`,
    snippet: `- channel: ${channel.snippet}\n  amount: ${rest}$0`,
  });
  return edit ? [{ title: { id: 'fix.allocateRest', data: { rest } }, edits: [edit] }] : [];
}
