import { strict as assert } from 'node:assert';
import { decodePlanFile, Engine, type Diagnostic } from '../../server/src/service';
import { check, cleanPlan, coveredText, MemoryWorkspace, withChange } from './helpers';

/** Findings as `code line:covered text`, 1-based lines. */
async function findings(text: string, files?: Record<string, string>): Promise<string[]> {
  return (await check(text, { files })).map((diagnostic) => `${diagnostic.code} ${diagnostic.range.start.line + 1}:${coveredText(text, diagnostic)}`);
}

async function messages(text: string, code: string): Promise<string[]> {
  return (await check(text)).filter((diagnostic) => diagnostic.code === code).map((diagnostic) => diagnostic.message);
}

const lineOf = (text: string, piece: string) => text.slice(0, text.indexOf(piece)).split('\n').length;

describe('files as people write them', () => {
  describe('one document per file', () => {
    it('reports a second document once, on its `---`, and checks the first as usual', async () => {
      const text = cleanPlan + '---\nmktplan: "1"\nplan: {owner: nobody}\n';
      const found = await check(text);
      assert.deepEqual(found.map((diagnostic) => diagnostic.code), ['schema']);
      assert.equal(found[0].range.start.line, lineOf(text, '---\n') - 1);
      assert.match(found[0].message, /holds one document/);
      assert.doesNotMatch(found[0].message, /parseAllDocuments|YAML\./);
      // The first document's own findings still show.
      const gapped = withChange('  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n', '') + '---\nx: 1\n';
      assert.ok((await findings(gapped)).some((finding) => finding.startsWith('plan/kpis-missing')));
    });

    it('takes a second document on the `---` line itself', async () => {
      assert.deepEqual((await check(cleanPlan + '--- {mktplan: "1"}\n')).map((diagnostic) => diagnostic.code), ['schema']);
    });

    it('stays quiet on a `...` end marker or a last `---` followed by comments and blank lines', async () => {
      assert.deepEqual(await findings(cleanPlan + '...\n'), []);
      assert.deepEqual(await findings(cleanPlan + '---\n# archived notes\n\n'), []);
      assert.deepEqual(await findings('---\n' + cleanPlan), []);
    });
  });

  describe('line ends and byte order marks', () => {
    it('finds the same things at the same places with CRLF line ends', async () => {
      const text = withChange('total: 50000', 'total: 40000');
      const crlf = text.replace(/\n/g, '\r\n');
      const positions = (list: Diagnostic[]) => list.map((diagnostic) => [diagnostic.code, diagnostic.range, diagnostic.message]);
      assert.deepEqual(positions(await check(crlf)), positions(await check(text)));
      assert.equal((await check(crlf)).length, 1);
    });

    it('reads a byte order mark as no part of the text, so columns on line 1 count from after it', () => {
      const decoded = decodePlanFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cleanPlan)]));
      assert.equal(decoded.kind === 'text' && decoded.text, cleanPlan);
    });
  });

  describe('merge keys', () => {
    const merged = withChange(
      '  campaigns:\n    - id: tet\n',
      '  campaigns:\n    - &base\n      id: tet\n',
      withChange('      kpis: [pickups]\n', '      kpis: [pickups]\n    - <<: *base\n      id: tet-2\n      name: Tet week two\n'),
    );

    it('copies the keys of the aliased map: no unknown `<<`, no kpis missing on the merged campaign', async () => {
      assert.deepEqual(await findings(merged), []);
    });

    it('takes a list of maps to merge, the map\'s own keys winning', async () => {
      const text = withChange('    - <<: *base\n', '    - <<: [*base, {budget: 1000}]\n      budget: 2000\n', merged);
      assert.deepEqual(await findings(text), []);
    });

    it('reports a finding about a key that came through a merge on that `<<`', async () => {
      const text = withChange('      budget: 12000\n', '      budget: "12k"\n', merged);
      const schema = (await findings(text)).filter((finding) => finding.startsWith('schema'));
      assert.deepEqual(schema, [`schema ${lineOf(text, 'budget: "12k"')}:"12k"`, `schema ${lineOf(text, '<<: *base')}:<<`]);
    });
  });

  describe('amounts', () => {
    for (const [written, meant] of [['50_000', '50000'], ['"50,000"', '50000'], ['"40k"', '40000'], ['"$12,500.50"', '12500.5']]) {
      it(`offers the number meant by ${written}`, async () => {
        const [message] = await messages(withChange('total: 50000', `total: ${written}`), 'schema');
        assert.match(message, new RegExp(`is text: write ${meant.replace('.', '\\.')}$`));
      });
    }

    it('offers nothing where the text is no clear number, and says nothing of a plain one', async () => {
      assert.match((await messages(withChange('total: 50000', 'total: "1.500"'), 'schema'))[0], /is text$/);
      assert.deepEqual(await messages(withChange('total: 50000', 'total: 50000.00'), 'schema'), []);
    });
  });

  describe('dates', () => {
    it('asks for YYYY-MM-DD for a number or a date-time', async () => {
      assert.deepEqual(await messages(withChange('due: 2029-12-31}', 'due: 2028}'), 'schema'), ['`due` must be a date written YYYY-MM-DD; 2028 is a number']);
      const [dateTime] = await messages(withChange('due: 2029-12-31}', 'due: 2029-12-31T10:00:00Z}'), 'schema');
      assert.match(dateTime, /YYYY-MM-DD, without a time/);
    });

    it('takes a date quoted or not', async () => {
      assert.deepEqual(await findings(withChange('due: 2029-12-31}', 'due: "2029-12-31"}')), []);
    });

    it('never says a key that is there is missing: a date that does not exist is not a valid one', async () => {
      const text = withChange('due: 2029-12-31}', 'due: 2029-02-29}');
      const [measurable] = await messages(text, 'kpi/not-measurable');
      assert.equal(measurable, 'Objective `share` is not measurable; it lacks a valid `due` date.');
      const campaign = withChange('      start: 2027-01-20\n', '      start: 2027-02-30\n');
      assert.match((await messages(campaign, 'campaign/dates-missing'))[0], /no valid `start`/);
    });
  });

  describe('ids', () => {
    const withKpiId = (id: string) => withChange('kpis:\n    - {id: pickups,', `kpis:\n    - {id: ${id},`);

    it('names the first character that breaks an id, and its script', async () => {
      assert.match((await messages(withKpiId('оля'), 'schema'))[0], /in "оля", "о" is Cyrillic and only looks like the Latin "o"/);
      assert.match((await messages(withKpiId('赵敏'), 'schema'))[0], /in "赵敏", "赵" is not a Latin letter: it is Chinese/);
      assert.match((await messages(withKpiId('khuyến-mãi'), 'schema'))[0], /"ế" is a letter with a diacritic/);
      assert.match((await messages(withKpiId('Pickups'), 'schema'))[0], /"P" is a capital letter/);
    });

    it('says an id typed with a look-alike letter only looks like the one it matches', async () => {
      const [message] = await messages(withChange('kpis: [pickups]', 'kpis: [pіckups]'), 'ref/unknown');
      assert.equal(message, 'No KPI has the id `pіckups`: its "і" is Cyrillic and only looks like the Latin "i" of `pickups`.');
    });

    it('suggests only a close and valid id', async () => {
      const text = withChange('  reporting: {cadence: monthly, to: linh}', '  reporting: {cadence: monthly, to: 赵敏}', withChange('- {id: hoa, role: cso, name: Pham Hoa}', '- {id: 青山, role: cso, name: Pham Hoa}'));
      const unknown = await messages(text, 'ref/unknown');
      assert.ok(unknown.includes('No team member has the id `赵敏`.'), unknown.join('\n'));
      assert.deepEqual(await messages(withChange('kpis: [pickups]', 'kpis: [pikcups]'), 'ref/unknown'), ['No KPI has the id `pikcups` (did you mean `pickups`?).']);
      assert.deepEqual(await messages(withChange('kpis: [pickups]', 'kpis: [orders]'), 'ref/unknown'), ['No KPI has the id `orders`.']);
    });
  });

  describe('imports', () => {
    const strategy = 'mktplan: "1"\nteam: [{id: linh, role: cmo}]\nstrategy:\n  owner: linh\n';
    const plan = (entry: string) => `mktplan: "1"\nimports: [${entry}]\nplan:\n  owner: linh\n`;

    it('reports `\\` in a path and resolves it as `/`, with no follow-on finding', async () => {
      const found = await findings(plan(''.concat('.\\\\shared\\\\strategy.mktplan.yaml')), { 'shared/strategy.mktplan.yaml': strategy });
      assert.deepEqual(
        found.filter((finding) => !finding.startsWith('plan/')),
        ['schema 2:.\\\\shared\\\\strategy.mktplan.yaml'],
      );
      assert.match((await check(plan('.\\\\shared\\\\strategy.mktplan.yaml'), { files: { 'shared/strategy.mktplan.yaml': strategy } }))[0].message, /written with \/ between folders/);
    });

    it('stays quiet on a path written with `/`', async () => {
      const found = await findings(plan('./shared/strategy.mktplan.yaml'), { 'shared/strategy.mktplan.yaml': strategy });
      assert.deepEqual(found.filter((finding) => finding.startsWith('schema') || finding.startsWith('ref/')), []);
    });

    it('reads each file once however many routes reach it: a diamond defines nothing twice', async () => {
      const files = {
        'base.mktplan.yaml': strategy,
        'north.mktplan.yaml': 'mktplan: "1"\nimports: [./base.mktplan.yaml]\nstrategy: {owner: linh}\n',
        'south.mktplan.yaml': 'mktplan: "1"\nimports: [./base.mktplan.yaml]\nstrategy: {owner: linh}\n',
      };
      const found = await findings('mktplan: "1"\nimports: [./north.mktplan.yaml, ./south.mktplan.yaml]\nplan:\n  owner: linh\n', files);
      assert.deepEqual(found.filter((finding) => finding.startsWith('ref/')), []);
    });
  });

  describe('files that are not text', () => {
    it('gives a file with NUL bytes one finding at 1:1, and nothing else', async () => {
      const found = await check('mktplan: "1"\n\u0000\u0001PNG garbage: [\n');
      assert.deepEqual(found.map((diagnostic) => [diagnostic.code, diagnostic.range.start]), [['yaml-syntax', { line: 0, character: 0 }]]);
      assert.match(found[0].message, /not text/);
    });

    it('names the legacy encoding of a file that is not UTF-8', () => {
      const windows1251 = Buffer.from('title: План маркетинга на год, для всех отделов компании\n'.split('').map((character) => (character.charCodeAt(0) < 128 ? character.charCodeAt(0) : character.charCodeAt(0) - 0x410 + 0xc0)));
      const decoded = decodePlanFile(Buffer.concat([Buffer.from('mktplan: "1"\n'), windows1251]));
      assert.deepEqual(decoded, { kind: 'notText', reason: 'encoding', encoding: 'windows-1251' });
      const engine = new Engine(new MemoryWorkspace());
      const [finding] = engine.notTextFindings(decoded as never);
      assert.match(finding.message, /looks like Cyrillic \(Windows 1251\)\. In VS Code, click the encoding in the status bar, choose "Reopen with Encoding"/);
    });

    it('reads UTF-8 text in any script as text', () => {
      assert.deepEqual(decodePlanFile(Buffer.from('title: План 营销计划 Kế hoạch\n')), { kind: 'text', text: 'title: План 营销计划 Kế hoạch\n' });
    });
  });

  describe('messages', () => {
    it('never quote more than 80 characters of the file', async () => {
      const long = 'x'.repeat(500);
      const found = await check(withChange('total: 50000', `total: "${long}"`));
      for (const diagnostic of found) assert.ok(!diagnostic.message.includes('x'.repeat(81)), diagnostic.message);
      assert.ok(found.some((diagnostic) => diagnostic.message.includes('x'.repeat(79) + '…')));
    });

    it('name the key written twice', async () => {
      assert.deepEqual(await messages(withChange('  owner: minh\n', '  owner: minh\n  owner: linh\n'), 'yaml-syntax'), ['YAML: the key `owner` is written twice in the same map; keep one']);
    });

    it('report a tab once, not the lines around it', async () => {
      const found = await findings(withChange('  owner: minh\n  period', '\towner: minh\n  period'));
      assert.deepEqual(found, [`yaml-syntax ${lineOf(cleanPlan, '  owner: minh\n  period')}:\t`]);
    });
  });

  describe('suppression directives', () => {
    it('are lower case: an upper-case comment silences nothing', async () => {
      const text = withChange('total: 50000', 'total: 40000');
      assert.deepEqual((await check(`# MKTPLAN-DISABLE budget/over-allocated\n${text}`)).map((diagnostic) => diagnostic.code), ['budget/over-allocated']);
      assert.deepEqual(await check(`# mktplan-disable budget/over-allocated\n${text}`), []);
    });
  });
});
