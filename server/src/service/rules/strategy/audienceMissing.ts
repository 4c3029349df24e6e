import { locate } from '../../document/paths';
import { isMap } from 'yaml';
import { strategyPath } from '../../model/plan';
import { addSectionFix, sectionValue, setSection } from '../fixes/sections';
import { strategyPartRule } from './sectionMissing';

export const audienceMissing = strategyPartRule({
  id: 'strategy/audience-missing',
  part: 'audience',
  source: { listOf: 'segment' },
  summary: 'A strategy names no target customer segment.',
  // Segments go in `audience`: into the one there, or in a new one.
  fix: (context) => {
    if (isMap(locate(context.parsed.yaml, [...strategyPath, 'audience'])?.node)) return addSectionFix(context, [...strategyPath, 'audience'], 'segments', { listOf: 'segment' });
    const segment = sectionValue(context, { listOf: 'segment' });
    const indent = (text: string) => text.replace(/^(?=.)/gm, '  ');
    const edit = setSection(context, strategyPath, 'audience', { text: `segments:\n${indent(segment.text)}`, snippet: `segments:\n${indent(segment.snippet)}` });
    return edit ? [{ title: { id: 'fix.addSection', data: { key: 'audience' } }, edits: [edit], isPreferred: true }] : [];
  },
  message: 'This strategy has no target segment: add `audience.segments` with the customers it means to reach.',
  invalid: "This strategy's `audience` holds no valid segment: write `audience.segments` as a list of segments, each with a `name`.",
});
