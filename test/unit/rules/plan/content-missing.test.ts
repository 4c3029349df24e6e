import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/content-missing';

const campaignContent = '      content: [{channel: social, message: Skip the queue this Tet}]\n';
const campaigns = cleanPlan.slice(cleanPlan.indexOf('  campaigns:\n'), cleanPlan.indexOf('  kpis:\n'));
const withoutContent = withChange(campaignContent, '');
/** Adds plan-level `content` before the campaigns. */
const withPlanContent = (items: string, text: string): string => withChange('  campaigns:\n', `  content:\n${items}  campaigns:\n`, text);

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when neither the plan nor its campaign has content', async () => {
      assert.deepEqual(await findingsOf(rule, withoutContent), ['24:plan']);
    });

    it('when the campaign\'s content is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(campaignContent, '      content: []\n')), ['24:plan']);
    });

    it('when the plan\'s content is an empty list and the campaign has none', async () => {
      assert.deepEqual(await findingsOf(rule, withChange('  campaigns:\n', '  content: []\n  campaigns:\n', withoutContent)), ['24:plan']);
    });

    it('when the campaign\'s content is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(campaignContent, '      content: Skip the queue this Tet\n')), ['24:plan']);
    });

    it('when there are no campaigns and no content', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(campaigns, '')), ['24:plan']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan, whose only content is inside a campaign', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with content at plan level only', async () => {
      const text = withPlanContent('    - {channel: social, message: Skip the queue, cadence: weekly}\n', withoutContent);
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('with content at plan level and no campaigns at all', async () => {
      const text = withChange(campaigns, '  content:\n    - {channel: events, message: Tasting day every Friday}\n');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('when only a second campaign has content', async () => {
      const text = withChange(
        '  kpis:\n',
        `    - id: summer
      name: Iced coffee summer
      start: 2027-06-01
      end: 2027-08-31
      content: [{channel: social, message: Cold brew in two minutes}]
  kpis:
`,
        withoutContent,
      );
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'))), []);
    });
  });
});
