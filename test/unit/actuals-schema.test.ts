import { strict as assert } from 'node:assert';
import type { Diagnostic } from '../../server/src/service';
import { check, cleanPlan, coveredText } from './helpers';

// The `actuals` section as the schema reads it: its shape, and the messages of what it forbids.

/** A record of results kept beside its plan, which it imports. */
const actualsFile = `mktplan: "1"
imports: [saigon-bean.mktplan.yaml]
actuals:
  asOf: 2027-03-31
  spend:
    - {date: 2027-01-31, campaign: tet, amount: 9000}
    - {date: 2027-02-14, campaign: tet, amount: -250, note: refund for a cancelled stand}
    - {date: 2027-03-31, channel: social, amount: 6000.5}
  results:
    - {date: 2027-03-31, kpi: pickups, value: 14500, note: from the app's dashboard}
  sources:
    - file: exports/ads-2027-q1.csv
      kind: spend
      columns: {date: Day, campaign: Campaign, amount: Cost, note: Comment}
      dateFormat: DD.MM.YYYY
      decimal: ","
      delimiter: ";"
      encoding: windows-1251
      headerRow: 3
      ids: {"Tet 2027 - Video": tet}
    - {file: ../accounts/pickups.tsv, kind: results, kpi: pickups, delimiter: "\\t", encoding: utf-8}
`;

const files = { 'saigon-bean.mktplan.yaml': cleanPlan };

async function schemaFindings(text: string, locale = 'en'): Promise<Diagnostic[]> {
  return (await check(text, { name: '2027.actuals.mktplan.yaml', files, settings: { locale } })).filter((diagnostic) => diagnostic.code === 'schema');
}

/** The file with one line of it replaced. */
function replacing(line: string, by: string): string {
  assert.ok(actualsFile.includes(line), line);
  return actualsFile.replace(line, by);
}

describe('the actuals section in the schema', () => {
  it('accepts a file with only `mktplan`, `imports` and `actuals`: spend with a refund, results, and CSV sources with every option', async () => {
    assert.deepEqual(await schemaFindings(actualsFile), []);
  });

  it('asks a spend line for exactly one of `channel` and `campaign`, with both and with neither', async () => {
    const both = replacing('{date: 2027-01-31, campaign: tet, amount: 9000}', '{date: 2027-01-31, campaign: tet, channel: social, amount: 9000}');
    const neither = replacing('{date: 2027-01-31, campaign: tet, amount: 9000}', '{date: 2027-01-31, amount: 9000}');
    for (const text of [both, neither]) {
      const findings = await schemaFindings(text);
      assert.deepEqual(
        findings.map((finding) => [finding.range.start.line + 1, finding.message]),
        [[6, 'A spend line names exactly one of `channel` or `campaign`, the one the money went to']],
      );
    }
  });

  it('names the encodings a source may have when it has another', async () => {
    const text = replacing('encoding: windows-1251', 'encoding: cp1251');
    const [finding, ...others] = await schemaFindings(text);
    assert.deepEqual(others, []);
    assert.equal(coveredText(text, finding), 'cp1251');
    assert.equal(finding.message, '`encoding` must be one of: utf-8, windows-1251, gb18030, windows-1258; "cp1251" is not');
  });

  it('requires `asOf`, on the `actuals` key', async () => {
    const text = replacing('  asOf: 2027-03-31\n', '');
    const [finding, ...others] = await schemaFindings(text);
    assert.deepEqual(others, []);
    assert.equal(coveredText(text, finding), 'actuals');
    assert.equal(finding.message, '`actuals` is missing the required key `asOf`');
  });

  it('asks for at least one of `strategy`, `plan` and `actuals`, in every language', async () => {
    const text = 'mktplan: "1"\ntitle: Saigon Bean — spend 2027\nimports: [saigon-bean.mktplan.yaml]\n';
    const [finding, ...others] = await schemaFindings(text);
    assert.deepEqual(others, []);
    assert.equal(finding.message, 'A plan file needs at least one of the sections `strategy`, `plan` and `actuals`');
    for (const locale of ['vi', 'zh-cn', 'ru']) {
      const [translated] = await schemaFindings(text, locale);
      assert.notEqual(translated.message, finding.message, locale);
      assert.match(translated.message, /`strategy`.*`plan`.*`actuals`/, locale);
    }
  });

  it('bounds an amount spent at 10^15 either way, and keeps a source to one of `campaign`, `channel` and `kpi`', async () => {
    const huge = replacing('amount: -250,', 'amount: -2000000000000000,');
    assert.deepEqual(
      (await schemaFindings(huge)).map((finding) => [coveredText(huge, finding), finding.message]),
      [['-2000000000000000', '`amount` must be −1,000,000,000,000,000 or more; it is -2000000000000000']],
    );
    const twoTargets = replacing('kind: results, kpi: pickups,', 'kind: results, kpi: pickups, campaign: tet,');
    assert.deepEqual(
      (await schemaFindings(twoTargets)).map((finding) => [finding.range.start.line + 1, finding.message]),
      [[21, 'A source names at most one of `campaign`, `channel` and `kpi`, the id that every row of its file is about']],
    );
  });

  it('takes a source file as a relative path written with `/`', async () => {
    for (const [file, message] of [
      ['https://ads.example.com/q1.csv', '`file` must be a relative path to a CSV file, written with `/`, such as `exports/ads-2027-q1.csv`; "https://ads.example.com/q1.csv" is not'],
      ['/srv/exports/q1.csv', '`file` must be a relative path to a CSV file, written with `/`, such as `exports/ads-2027-q1.csv`; "/srv/exports/q1.csv" is not'],
      ['exports\\q1.csv', '`file` must be written with / between folders, on every system; "exports\\q1.csv" uses \\'],
    ]) {
      const text = replacing('file: exports/ads-2027-q1.csv', `file: '${file}'`);
      assert.deepEqual(
        (await schemaFindings(text)).map((finding) => [coveredText(text, finding), finding.message]),
        [[`'${file}'`, message]],
      );
    }
  });
});
