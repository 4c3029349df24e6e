import { strict as assert } from 'node:assert';
import { cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'plan/channels-missing';

const channels = `  channels:
    - {id: social, type: social}
    - {id: events, type: events}
`;
const withoutChannels = withChange(channels, '');

describe(rule, () => {
  describe('fires on the `plan` key', () => {
    it('when the plan has no `channels` (campaigns naming channels do not define them)', async () => {
      assert.deepEqual(await findingsOf(rule, withoutChannels), ['24:plan']);
    });

    it('when `channels` is an empty list', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(channels, '  channels: []\n')), ['24:plan']);
    });

    it('when `channels` is text (a wrong-typed value counts as absent)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(channels, '  channels: social\n')), ['24:plan']);
    });

    it('when `channels` lists names rather than channels', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(channels, '  channels: [social, events]\n')), ['24:plan']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('with a single channel in block style', async () => {
      const text = withChange(channels, '  channels:\n    - id: social\n      type: social\n      name: Instagram\n');
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('with a channel whose type is not a known one (the channel is still there)', async () => {
      assert.deepEqual(await findingsOf(rule, withChange(channels, '  channels:\n    - {id: social, type: tiktok}\n')), []);
    });

    it('in a file without a plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan.slice(0, cleanPlan.indexOf('plan:\n'))), []);
    });
  });
});
