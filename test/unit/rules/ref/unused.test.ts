import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../../helpers';

const rule = 'ref/unused';

const withRadio = (text = cleanPlan): string => withChange('    - {id: events, type: events}\n', '    - {id: events, type: events}\n    - {id: radio, type: radio}\n', text);

/** A strategy with a plan of its own, whose segment `office` no campaign of this file names. */
const sharedFile = `mktplan: "1"
strategy:
  audience:
    segments:
      - {id: office, name: Office workers}
plan:
  channels:
    - {id: social, type: social}
  campaigns:
    - {id: tet, channels: [social], kpis: [k]}
  kpis:
    - {id: k, target: 1, unit: x, due: 2027-06-30}
`;

/** A file importing the shared one, whose campaign names the segment `office`. */
const importerFile = `mktplan: "1"
imports: [./shared.mktplan.yaml]
plan:
  campaigns:
    - {id: spring, audience: office}
`;

describe(rule, () => {
  describe('fires', () => {
    it('on a channel no campaign, content item or allocation names, at its id value', async () => {
      assert.deepEqual(await findingsOf(rule, withRadio()), ['37:radio']);
    });

    it('is a hint by default', async () => {
      assert.deepEqual(
        (await check(withRadio())).filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity),
        [4],
      );
    });

    it('on a segment no campaign names, in a file with a plan', async () => {
      const text = withChange('      audience: office\n', '');
      assert.deepEqual(await findingsOf(rule, text), ['15:office']);
    });

    it('on a KPI no campaign lists, where the plan has campaigns', async () => {
      const text = withChange('      kpis: [pickups]\n', '      kpis: []\n');
      assert.deepEqual(await findingsOf(rule, text), ['49:pickups']);
    });

    it('on a channel, a segment and a KPI together, each once', async () => {
      const text = withRadio(withChange('      audience: office\n', '', withChange('      kpis: [pickups]\n', '')));
      assert.deepEqual(await findingsOf(rule, text), ['15:office', '37:radio', '48:pickups']);
    });

    it('on ids that only files importing this one reference (their references do not count)', async () => {
      assert.deepEqual(await findingsOf(rule, sharedFile, { name: 'shared.mktplan.yaml', files: { 'test.mktplan.yaml': importerFile } }), ['5:office']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf(rule, cleanPlan), []);
    });

    it('on a channel named only by an allocation, or only by a plan content item', async () => {
      const onlyAllocation = withRadio(withChange('      - {channel: events, amount: 15000}\n', '      - {channel: events, amount: 10000}\n      - {channel: radio, amount: 5000}\n'));
      assert.deepEqual(await findingsOf(rule, onlyAllocation), []);
      const onlyContent = withRadio(withChange('  campaigns:\n', '  content:\n    - {channel: radio, message: Tune in}\n  campaigns:\n'));
      assert.deepEqual(await findingsOf(rule, onlyContent), []);
    });

    it('on a segment in a file without a plan', async () => {
      const text = `mktplan: "1"
strategy:
  audience:
    segments:
      - {id: office, name: Office workers}
`;
      assert.deepEqual(await findingsOf(rule, text), []);
    });

    it('on a KPI in a plan without campaigns', async () => {
      const text = `mktplan: "1"
plan:
  channels:
    - {id: social, type: social}
  content:
    - {channel: social, message: Hello}
  kpis:
    - {id: k, target: 1, unit: x, due: 2027-06-30}
`;
      assert.deepEqual(await findingsOf(rule, text), []);
      assert.deepEqual(await findingsOf(rule, text.replace('  kpis:\n', '  campaigns: []\n  kpis:\n')), []);
    });

    it('on imported segments, which this file does not define', async () => {
      const text = importerFile.replace('audience: office', 'channels: []');
      assert.deepEqual(await findingsOf(rule, text, { files: { 'shared.mktplan.yaml': sharedFile } }), []);
    });
  });
});
