import { strict as assert } from 'node:assert';
import { check, cleanPlan, findingsOf, withChange } from '../helpers';

/** Messages of the `schema` findings of a text. */
async function schemaMessages(text: string, options: Parameters<typeof check>[1] = {}): Promise<string[]> {
  return (await check(text, options)).filter((diagnostic) => diagnostic.code === 'schema').map((diagnostic) => diagnostic.message);
}

const roles = ['ceo', 'cmo', 'marketing-director', 'marketing-lead', 'cso', 'sales-manager', 'marketing-manager', 'marketing-specialist', 'agency', 'other'];

describe('schema', () => {
  describe('fires', () => {
    it('on a wrong type, on the value including its quotes, saying what is expected and what was written', async () => {
      const text = withChange('{channel: events, amount: 15000}', '{channel: events, amount: "40k"}');
      assert.deepEqual(await findingsOf('schema', text), ['33:"40k"']);
      const [message] = await schemaMessages(text);
      assert.match(message, /`amount` must be a number/);
      assert.match(message, /"40k" is text/);
    });

    it('is an error by default', async () => {
      const text = withChange('{channel: events, amount: 15000}', '{channel: events, amount: "40k"}');
      const diagnostics = (await check(text)).filter((diagnostic) => diagnostic.code === 'schema');
      assert.deepEqual(
        diagnostics.map((diagnostic) => diagnostic.severity),
        [1],
      );
    });

    it('on an unknown key, on the key itself, with a suggestion for a near miss', async () => {
      const text = withChange('  objectives:\n', '  objectivs:\n');
      assert.deepEqual(await findingsOf('schema', text), ['11:objectivs']);
      const [message] = await schemaMessages(text);
      assert.ok(message.includes('did you mean `objectives`'), message);
    });

    it('on a value that is not in the list, naming the allowed values', async () => {
      const text = withChange('{id: hoa, role: cso, name: Pham Hoa}', '{id: hoa, role: boss, name: Pham Hoa}');
      assert.deepEqual(await findingsOf('schema', text), ['7:boss']);
      const [message] = await schemaMessages(text);
      for (const role of roles) assert.ok(message.includes(role), `${role} is not named in: ${message}`);
    });

    it('on dates that are not real calendar dates (February 30th, month 13)', async () => {
      const text = withChange('due: 2029-12-31}', 'due: 2027-02-30}', withChange('period: {start: 2027-01-01,', 'period: {start: 2027-13-01,'));
      assert.deepEqual(await findingsOf('schema', text), ['12:2027-02-30', '26:2027-13-01']);
    });

    it('on a missing required key of a section, on the section key', async () => {
      const text = withChange('valueProposition: {statement: Single-origin coffee ready in two minutes}', 'valueProposition: {usp: x}');
      assert.deepEqual(await findingsOf('schema', text), ['16:valueProposition']);
      const [message] = await schemaMessages(text);
      assert.ok(message.includes('`statement`'), message);
    });

    it('on a list item missing a required key: on its id value, or else on its first key', async () => {
      const withoutName = withChange('{id: office, name: Office workers, needs: [fast pickup]}', '{id: office, needs: [fast pickup]}');
      assert.deepEqual(await findingsOf('schema', withoutName), ['15:office']);
      assert.ok((await schemaMessages(withoutName))[0].includes('`name`'));
      const withoutNameOrId = withChange('{id: office, name: Office workers, needs: [fast pickup]}', '{needs: [fast pickup]}');
      assert.deepEqual(await findingsOf('schema', withoutNameOrId), ['15:needs']);
    });

    it('on an unquoted `mktplan: 1`, which is a number', async () => {
      const text = withChange('mktplan: "1"', 'mktplan: 1');
      assert.deepEqual(await findingsOf('schema', text), ['1:1']);
      const [message] = await schemaMessages(text);
      assert.match(message, /"1"/);
      assert.match(message, /quote/);
    });

    it('on ids that break the id pattern, and on an id written as a bare number', async () => {
      const text = withChange('{id: hoa, role: cso, name: Pham Hoa}', '{id: Hoa_1, role: cso, name: Pham Hoa}', withChange('{id: events, type: events}', '{id: 2027, type: events}'));
      assert.deepEqual(await findingsOf('schema', text), ['7:Hoa_1', '36:2027']);
    });

    it('on an empty file: one finding at line 1 with an empty range', async () => {
      assert.deepEqual(await findingsOf('schema', ''), ['1:']);
      const diagnostics = await check('');
      assert.deepEqual(
        diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character]),
        [['schema', 0, 0]],
      );
    });

    it('on a file holding one comment only: one finding at line 1 with an empty range', async () => {
      assert.deepEqual(await findingsOf('schema', '# the plan goes here\n'), ['1:']);
    });

    it('on a list or a scalar at the top', async () => {
      assert.deepEqual(await findingsOf('schema', '- a\n- b\n'), ['1:']);
      assert.deepEqual(await findingsOf('schema', 'hello\n'), ['1:']);
    });

    it('on a missing `mktplan` or a file with neither strategy nor plan, on the first top-level key', async () => {
      assert.deepEqual(await findingsOf('schema', 'title: x\nplan: {}\n'), ['1:title']);
      assert.deepEqual(await findingsOf('schema', 'mktplan: "1"\ntitle: x\n'), ['1:mktplan']);
    });

    it('on imports that are URLs, absolute paths or not plan files (and these are not `ref/unknown`)', async () => {
      const text = withChange('title:', 'imports: [https://example.com/strategy.mktplan.yaml, /srv/plans/strategy.mktplan.yaml, ./strategy.yaml]\ntitle:');
      assert.deepEqual(await findingsOf('schema', text), ['2:https://example.com/strategy.mktplan.yaml', '2:/srv/plans/strategy.mktplan.yaml', '2:./strategy.yaml']);
      assert.deepEqual(await findingsOf('ref/unknown', text), []);
    });

    it('words messages for people: never "must match", "oneOf" or "anyOf"', async () => {
      const broken = [
        withChange('{id: hoa, role: cso, name: Pham Hoa}', '{id: Hoa_1, role: boss}'),
        withChange('currency: USD', 'currency: usd'),
        withChange('{channel: events, amount: 15000}', '{channel: events, campaign: tet, amount: 15000}'),
        withChange('{channel: events, amount: 15000}', '{amount: 15000}'),
        withChange('{id: events, type: events}', '{id: events, type: party}'),
        withChange('stage: sme', 'stage: 3'),
        withChange('frequency: monthly', 'frequency: hourly'),
        withChange('title:', 'imports: [https://example.com/strategy.mktplan.yaml]\ntitle:'),
        withChange('due: 2029-12-31}', 'due: 2027-02-30}'),
        withChange('{channel: events, amount: 15000}', '{channel: events, amount: -1}'),
        'mktplan: "1"\ntitle: x\n',
        'title: x\n',
        '',
      ];
      for (const text of broken) {
        const messages = await schemaMessages(text);
        assert.ok(messages.length > 0, `no schema finding for:\n${text}`);
        for (const message of messages) assert.doesNotMatch(message, /must match|oneOf|anyOf/, message);
      }
    });

    it('counts a wrong-typed value as absent for the other rules (KPI `target: "20k"`)', async () => {
      const text = withChange('target: 20000', 'target: "20k"');
      assert.deepEqual(await findingsOf('schema', text), ['49:"20k"']);
      assert.deepEqual(await findingsOf('kpi/not-measurable', text), ['49:pickups']);
    });
  });

  describe('stays quiet', () => {
    it('on the clean plan', async () => {
      assert.deepEqual(await findingsOf('schema', cleanPlan), []);
    });

    it('on real dates, including a leap day', async () => {
      const text = withChange('due: 2029-12-31}', 'due: 2028-02-29}');
      assert.deepEqual(await findingsOf('schema', text), []);
    });

    it('on ids of digits and dashes, and a bare-number id put in quotes', async () => {
      const text = withChange('{id: hoa, role: cso, name: Pham Hoa}', '{id: "2027", role: cso, name: Pham Hoa}', withChange('{owner: hoa,', '{owner: "2027",', withChange('{id: events, type: events}', '{id: events-2027, type: events}')));
      assert.deepEqual(await findingsOf('schema', text), []);
    });

    it('on relative imports ending in .mktplan.yaml or .mktplan.yml', async () => {
      const other = 'mktplan: "1"\nteam:\n  - {id: an, role: agency}\nplan: {}\n';
      const text = withChange('title:', 'imports: [./strategy.mktplan.yaml, sub/other.mktplan.yml]\ntitle:');
      const files = { 'strategy.mktplan.yaml': other.replace('an,', 'ba,'), 'sub/other.mktplan.yml': other };
      assert.deepEqual(await findingsOf('schema', text, { files }), []);
    });

    it('on optional keys left out (ids of segments, campaigns, KPIs; everything but the required keys)', async () => {
      const text = `mktplan: "1"
strategy:
  audience:
    segments:
      - {name: Office workers}
plan:
  campaigns:
    - {name: Tet}
  kpis:
    - {name: Pickups}
`;
      assert.deepEqual(await findingsOf('schema', text), []);
    });

    it('on an unknown tag, whose value is read as plain text', async () => {
      const text = withChange('title: Saigon Bean — marketing 2027', 'title: !!js/function "function () { return 1 }"');
      assert.deepEqual(await findingsOf('schema', text), []);
    });
  });
});
