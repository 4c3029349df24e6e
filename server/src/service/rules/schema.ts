import { valueAt } from '../document/data';
import { key, value } from '../document/places';
import { schemaAt } from '../schema/definitions';
import { plainInsertion, replaceKey, replaceValue, type Insertion } from './fixes/edits';
import { setValue } from './fixes/sections';
import { fillIn } from './fixes/snippets';
import { asciiId, scalarInsertion } from './fixes/values';
import { defineRule, type FixContext, type FixProposal } from './rule';

/**
 * The value of a missing required key: what the plan implies (the format's version; an item's
 * id from its name), or else, for a client that takes snippets, a placeholder selected for the
 * user to type over. Nothing where the plan implies nothing and the client takes no snippets.
 */
async function requiredValue(context: FixContext, path: readonly (string | number)[]): Promise<Insertion | undefined> {
  const name = String(path[path.length - 1]);
  if (name === 'mktplan') return scalarInsertion('1');
  if (name === 'id') {
    const itemName = valueAt(context.parsed.data, [...path.slice(0, -1), 'name']);
    const fromName = typeof itemName === 'string' ? await asciiId(itemName) : '';
    if (/^[a-z0-9]/.test(fromName)) return context.snippets ? fillIn(1, context.freeId(fromName)) : scalarInsertion(context.freeId(fromName));
    return context.snippets ? fillIn(1, context.freeId('item')) : undefined;
  }
  return context.snippets && schemaAt(path) ? fillIn(1, context.placeholder(path)) : undefined;
}

async function requiredKeyFix(context: FixContext, missing: string | undefined): Promise<FixProposal[]> {
  if (missing === undefined) return [];
  const value = await requiredValue(context, [...context.finding.path, missing]);
  const edit = value && setValue(context, context.finding.path, missing, value);
  return edit ? [{ title: { id: 'fix.addSection', data: { key: missing } }, edits: [edit], isPreferred: true }] : [];
}

function schemaFixes(context: FixContext): FixProposal[] | Promise<FixProposal[]> {
  const { file, parsed, finding } = context;
  const path = finding.path;
  const facts = (finding.facts ?? {}) as { candidates?: string[]; number?: number; currencies?: string[]; date?: string; year?: number; key?: string; id?: string };
  const replaceWith = (text: string, safe: boolean, isPreferred = safe, asNumber = false): FixProposal[] => {
    const edit = replaceValue(file, parsed, path, asNumber ? plainInsertion(text) : scalarInsertion(text));
    return edit ? [{ title: { id: 'fix.replaceWith', data: { value: text } }, edits: [edit], safe, isPreferred }] : [];
  };
  switch (finding.messageId) {
    case 'schema.unknownKeyDidYouMean':
      // A key typo: exactly one close key is clearly what was meant.
      return (facts.candidates ?? []).flatMap((candidate) => {
        const edit = replaceKey(file, parsed, path, candidate);
        const one = facts.candidates!.length === 1;
        return edit ? [{ title: { id: 'fix.replaceWith', data: { value: candidate } }, edits: [edit], safe: one, isPreferred: one }] : [];
      });
    case 'schema.enum':
      return (facts.candidates ?? []).flatMap((candidate) => replaceWith(candidate, facts.candidates!.length === 1));
    case 'schema.numberAsText': {
      if (facts.number === undefined) return [];
      // Amounts are in the budget's currency, and none is converted: a number written in another is not safely the same number.
      const currency = valueAt(parsed.data, ['plan', 'budget', 'currency']);
      const sameCurrency = !facts.currencies || (typeof currency === 'string' && facts.currencies.includes(currency));
      return replaceWith(String(facts.number), sameCurrency, sameCurrency, true);
    }
    case 'schema.dateTime':
      return facts.date === undefined ? [] : replaceWith(facts.date, true);
    case 'schema.dateAsNumber': {
      // A year alone: the end of it for a deadline or an end, its start otherwise.
      const endOfYear = ['end', 'due'].includes(String(path[path.length - 1]));
      return facts.year === undefined || !/^\d{4}$/.test(String(facts.year)) ? [] : replaceWith(`${facts.year}-${endOfYear ? '12-31' : '01-01'}`, true);
    }
    case 'schema.backslash': {
      const written = valueAt(parsed.data, path);
      return typeof written === 'string' ? replaceWith(written.replace(/\\/g, '/'), true) : [];
    }
    case 'schema.required':
      return requiredKeyFix(context, facts.key);
    case 'schema.requiredVersion':
      return requiredKeyFix(context, 'mktplan');
    case 'schema.badId':
      return transliterated(context);
    default:
      return [];
  }
}

/** An id outside a-z written in ASCII, its references with it, across the workspace. */
async function transliterated(context: FixContext): Promise<FixProposal[]> {
  const written = valueAt(context.parsed.data, context.finding.path);
  if (typeof written !== 'string' || context.finding.path[context.finding.path.length - 1] !== 'id') return [];
  const ascii = await asciiId(written);
  if (!ascii || !/^[a-z0-9]/.test(ascii)) return [];
  const newId = context.freeId(ascii);
  const edits = await context.renameEverywhere(context.finding.path.slice(0, -1), newId);
  return edits.length > 0 ? [{ title: { id: 'fix.replaceWith', data: { value: newId } }, edits, isPreferred: true }] : [];
}

export const schemaRule = defineRule({
  id: 'schema',
  defaultSeverity: 'error',
  summary: 'The file breaks the format: a wrong type, an unknown key, a value not in the list, a date that does not exist, or a missing required key.',
  // Its messages are the schema layer's, in the engine's catalogue.
  messages: {},
  fixes: ['replaceWithSuggestion', 'insertRequiredKey', 'numberFromText', 'dateFromValue', 'transliterateId'],
  check({ parsed, schema, actuals, reportMessage }) {
    if (parsed.secondDocument) reportMessage({ on: 'offsets', offsets: parsed.secondDocument }, { id: 'schema.secondDocument' });
    // The plan the actuals measure: none in reach, or more than one.
    if (actuals?.planProblem) reportMessage(key(['actuals']), { id: actuals.planProblem === 'none' ? 'schema.actualsNoPlan' : 'schema.actualsSeveralPlans' });
    for (const problem of schema.problems) {
      reportMessage(problem.target === 'value' ? value(problem.path) : key(problem.path), problem.message, { target: problem.target, ...problem.facts });
    }
  },
  fix: schemaFixes,
});
