import { key } from '../../document/places';
import { message } from '../../i18n/translator';
import { sequential, setValue } from '../fixes/sections';
import { fillIn } from '../fixes/snippets';
import { defineRule, ruleMessageId } from '../rule';

export const campaignDatesMissing = defineRule({
  id: 'campaign/dates-missing',
  defaultSeverity: 'warning',
  summary: 'A campaign has a budget but no start or end.',
  messages: {
    named: {
      text: 'Campaign `{campaign}` has a budget but no {missing}: money needs dates to be spent against.',
      placeholders: { campaign: 'quote', missing: 'list' },
    },
    unnamed: { text: 'Campaign has a budget but no {missing}: money needs dates to be spent against.', placeholders: { missing: 'list' } },
    start: { text: '`start`' },
    end: { text: '`end`' },
    validStart: { text: 'valid `start`' },
    validEnd: { text: 'valid `end`' },
  },
  fixes: ['addDates'],
  // A campaign's dates are its own: the plan period does not imply them, so they are left
  // selected for the user to type, and without snippets there is no fix.
  fix: (context) => {
    if (!context.snippets) return [];
    const campaignPath = context.finding.path;
    const missing = ((context.finding.facts as { missing?: string[] } | undefined)?.missing ?? []) as Array<'start' | 'end'>;
    const edits = missing.flatMap((part, index) => setValue(context, campaignPath, part, fillIn(index + 1, context.placeholder([...campaignPath, part]))) ?? []);
    return edits.length === missing.length && edits.length > 0 ? [{ title: { id: 'fix.addDates' }, edits: sequential(edits), isPreferred: true }] : [];
  },
  check({ model, report }) {
    for (const campaign of model.campaigns) {
      if (campaign.budget === undefined) continue;
      const missing = (['start', 'end'] as const).filter((part) => campaign[part] !== 'present');
      if (missing.length === 0) continue;
      // A date that is there but breaks the schema is asked for as a valid one, never as missing.
      const quoted = missing.map((part) => message(ruleMessageId(campaignDatesMissing.id, campaign[part] === 'broken' ? (part === 'start' ? 'validStart' : 'validEnd') : part)));
      report({
        place: key(campaign.path),
        ...(campaign.label ? { message: 'named', data: { campaign: campaign.label, missing: quoted } } : { message: 'unnamed', data: { missing: quoted } }),
        facts: { missing },
      });
    }
  },
});
