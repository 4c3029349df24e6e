import { key } from '../../document/places';
import { defineRule } from '../rule';

export const swotIncomplete = defineRule({
  id: 'strategy/swot-incomplete',
  defaultSeverity: 'warning',
  summary: 'A SWOT analysis has a quadrant missing or empty.',
  messages: {
    absent: { text: 'This SWOT has no `{quadrant}`: a SWOT needs all four quadrants.', placeholders: { quadrant: 'text' } },
    empty: { text: '`{quadrant}` is empty: list at least one.', placeholders: { quadrant: 'text' } },
  },
  fixes: ['insertSection'],
  check({ model, report }) {
    const swot = model.swot;
    if (!swot) return;
    for (const { quadrant, state } of swot.quadrants) {
      if (state === 'absent') report({ place: key(swot.path), message: 'absent', data: { quadrant }, facts: { section: quadrant } });
      else if (state === 'empty') report({ place: key([...swot.path, quadrant]), message: 'empty', data: { quadrant }, facts: { section: quadrant } });
    }
  },
});
