import { planPath } from '../../model/plan';
import { plainInsertion } from '../fixes/edits';
import { setSection } from '../fixes/sections';
import { scalarText } from '../fixes/values';
import { planPartRule } from './partMissing';

export const notLinkedToStrategy = planPartRule({
  id: 'plan/not-linked-to-strategy',
  defaultSeverity: 'information',
  summary: 'A plan neither lists `implements` nor links a campaign to an objective.',
  message: 'This plan is not linked to the strategy: list the objectives it serves in `implements`, or give campaigns an `objective`.',
  invalid: "This plan names strategy objectives only in values that are not valid: list objective ids in `implements`, or give a campaign one `objective` id.",
  section: 'implements',
  fixes: ['addImplements'],
  // The strategy's objectives, this file's or its imports'; where there are none, there is nothing to link to.
  fix: (context) => {
    const objectives = [...context.definitions, ...context.imports.scope.definitions()].filter((definition) => definition.kind === 'objective').map((definition) => definition.id);
    if (objectives.length === 0) return [];
    const edit = setSection(context, planPath, 'implements', plainInsertion(objectives.map((id) => `- ${scalarText(id)}`).join('\n')));
    return edit ? [{ title: { id: 'fix.addSection', data: { key: 'implements' } }, edits: [edit], isPreferred: true }] : [];
  },
  state: (model) => model.strategyLink,
});
