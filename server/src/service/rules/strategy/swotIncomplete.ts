import { key } from '../../document/places';
import { strategyPath } from '../../model/plan';
import { setSection } from '../fixes/sections';
import { snippetBody, snippetInsertion } from '../fixes/snippets';
import { defineRule } from '../rule';

export const swotIncomplete = defineRule({
  id: 'strategy/swot-incomplete',
  defaultSeverity: 'warning',
  summary: 'A SWOT analysis has a quadrant missing or empty.',
  messages: {
    absent: { text: 'This SWOT has no `{quadrant}`: a SWOT needs all four quadrants.', placeholders: { quadrant: 'text' } },
    empty: { text: '`{quadrant}` is empty: list at least one.', placeholders: { quadrant: 'text' } },
    invalid: { text: "This SWOT's `{quadrant}` has no valid value: write it as a list, with at least one entry.", placeholders: { quadrant: 'text' } },
  },
  fixes: ['insertSection'],
  // The quadrant's line of the SWOT snippet, in the quadrant.
  fix: (context) => {
    // A value written there is the writer's to correct, as its schema finding says.
    if (context.finding.messageId === 'strategy/swot-incomplete.invalid') return [];
    const quadrant = (context.finding.facts as { section?: string } | undefined)?.section;
    const line = quadrant && new RegExp(`^  ${quadrant}:\\n    - (.*)$`, 'm').exec(snippetBody('swot'));
    if (!quadrant || !line) return [];
    const item = snippetInsertion(`- ${line[1]}`, context.year, context.defaultFor);
    const edit = setSection(context, [...strategyPath, 'swot'], quadrant, item);
    return edit ? [{ title: { id: 'fix.addSection', data: { key: quadrant } }, edits: [edit], isPreferred: true }] : [];
  },
  check({ model, report }) {
    const swot = model.swot;
    if (!swot) return;
    for (const { quadrant, state } of swot.quadrants) {
      // A quadrant whose value breaks the schema counts as absent: it is reported where an absent one is.
      if (state === 'absent' || state === 'broken') report({ place: key(swot.path), message: state === 'absent' ? 'absent' : 'invalid', data: { quadrant }, facts: { section: quadrant } });
      else if (state === 'empty') report({ place: key([...swot.path, quadrant]), message: 'empty', data: { quadrant }, facts: { section: quadrant } });
    }
  },
});
