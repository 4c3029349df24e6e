import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { rules } from '../../server/src/service';
import { cleanPlan, withChange } from './helpers';

const cli = nodePath.join(__dirname, '../../dist/cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the command-line checker (dist/cli.js)', () => {
  let folder: string;
  const warningsOnly = withChange('  reporting: {cadence: monthly, to: linh}\n', '').replace('  kpis:\n    - {id: pickups', '  kpis:\n    - {id: pickups, owner: minh') ;
  const withError = withChange('amount: 35000', 'amount: "35k"');

  before(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-cli-'));
    writeFileSync(nodePath.join(folder, 'clean.mktplan.yaml'), cleanPlan);
    mkdirSync(nodePath.join(folder, 'plans'));
    writeFileSync(nodePath.join(folder, 'plans', 'hint.mktplan.yaml'), warningsOnly);
    writeFileSync(nodePath.join(folder, 'plans', 'broken.mktplan.yml'), withError);
    writeFileSync(nodePath.join(folder, 'plans', 'notes.yaml'), 'not: a plan\n');
    mkdirSync(nodePath.join(folder, 'empty'));
    symlinkSync(nodePath.join(folder, 'nowhere.mktplan.yaml'), nodePath.join(folder, 'dangling.mktplan.yaml'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('prints exactly one JSON array with 0-based ranges', () => {
    const result = run(['check', '--format', 'json', 'plans/broken.mktplan.yml'], folder);
    assert.equal(result.code, 1);
    const reports = JSON.parse(result.stdout);
    assert.ok(Array.isArray(reports));
    assert.deepEqual(reports[0].file, 'plans/broken.mktplan.yml');
    assert.deepEqual(reports[0].diagnostics, [
      {
        code: 'schema',
        severity: 'error',
        message: '`amount` must be a number; "35k" is text: write 35000',
        range: { start: { line: 31, character: 34 }, end: { line: 31, character: 39 } },
        url: 'https://github.com/mktplan/mktplan/blob/main/docs/rules/schema.md',
      },
    ]);
  });

  it('exits 0 on a clean file and 1 when a finding reaches the fail severity', () => {
    assert.equal(run(['check', 'clean.mktplan.yaml'], folder).code, 0);
    assert.equal(run(['check', 'plans/hint.mktplan.yaml'], folder).code, 0);
    assert.equal(run(['check', '--fail-severity', 'hint', 'plans/hint.mktplan.yaml'], folder).code, 1);
    assert.equal(run(['check', '--fail-severity=warning', 'plans/hint.mktplan.yaml'], folder).code, 0);
  });

  it('searches folders for .mktplan.yaml and .mktplan.yml files only', () => {
    const reports = JSON.parse(run(['check', '--format', 'json', 'plans'], folder).stdout) as Array<{ file: string }>;
    assert.deepEqual(reports.map((report) => report.file), ['plans/broken.mktplan.yml', 'plans/hint.mktplan.yaml']);
  });

  it('expands globs', () => {
    const result = run(['check', '--format', 'json', '**/*.mktplan.yaml'], folder);
    const files = (JSON.parse(result.stdout) as Array<{ file: string }>).map((report) => report.file);
    assert.deepEqual(files, ['clean.mktplan.yaml', 'plans/hint.mktplan.yaml']);
  });

  it('prints stylish output with 1-based positions and a summary', () => {
    const result = run(['check', 'plans/broken.mktplan.yml'], folder);
    assert.match(result.stdout, /plans\/broken\.mktplan\.yml\n {2}32:35 +error +`amount` must be a number; "35k" is text: write 35000 +schema\n/);
    assert.match(result.stdout, /1 problem \(1 error\) in 1 file\./);
  });

  it('prints SARIF 2.1.0 with every rule and help URIs', () => {
    const sarif = JSON.parse(run(['check', '--format', 'sarif', 'plans/broken.mktplan.yml'], folder).stdout);
    assert.equal(sarif.version, '2.1.0');
    const driver = sarif.runs[0].tool.driver;
    assert.deepEqual(
      driver.rules.map((rule: { id: string }) => rule.id),
      rules.map((rule) => rule.id),
    );
    assert.match(driver.rules[0].helpUri, /docs\/rules\/schema\.md$/);
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'schema');
    assert.equal(driver.rules[result.ruleIndex].id, 'schema');
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'plans/broken.mktplan.yml', uriBaseId: 'SRCROOT' },
      region: { startLine: 32, startColumn: 35, endLine: 32, endColumn: 40 },
    });
  });

  it('prints GitHub workflow commands', () => {
    const result = run(['check', '--format', 'github', '--fail-severity', 'hint', 'plans/hint.mktplan.yaml'], folder);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^::notice file=plans\/hint\.mktplan\.yaml,line=24,col=1,endLine=24,endColumn=5,title=mktplan plan\/reporting-missing::This plan does not say/m);
  });

  it('exits 2 with the reason on stderr when nothing matches or a file cannot be read', () => {
    for (const args of [['check', 'missing.mktplan.yaml'], ['check', 'empty'], ['check', 'nope/**/*.mktplan.yaml'], ['check', 'dangling.mktplan.yaml']]) {
      const result = run(args, folder);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^mktplan: /, args.join(' '));
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('exits 2 on usage errors', () => {
    for (const args of [[], ['lint', 'x'], ['check'], ['check', '--format', 'xml', 'clean.mktplan.yaml'], ['check', '--fail-severity', 'fatal', 'x'], ['check', '--bogus', 'x']]) {
      const result = run(args, folder);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /Usage: mktplan check/);
    }
  });

  it('checks hostile files without a stack trace', () => {
    const hostile: Record<string, string | Buffer> = {
      'empty.mktplan.yaml': '',
      'comment.mktplan.yaml': '# nothing here yet\n',
      'binary.mktplan.yaml': Buffer.from([0, 1, 2, 255, 254, 10, 0, 27, 91]),
      'types.mktplan.yaml': 'mktplan: [1]\nteam: 5\nstrategy: [a]\nplan: {budget: 3, campaigns: {a: 1}, kpis: "x", period: 2027}\n',
      'syntax.mktplan.yaml': 'mktplan: "1"\nplan:\n  budget: {total: 5\n  kpis: [\n',
    };
    for (const [name, content] of Object.entries(hostile)) writeFileSync(nodePath.join(folder, name), content);
    const result = run(['check', '--format', 'json', ...Object.keys(hostile)], folder);
    assert.equal(result.code, 1);
    assert.equal(result.stderr, '');
    const reports = JSON.parse(result.stdout) as Array<{ file: string; diagnostics: Array<{ code: string }> }>;
    assert.equal(reports.length, 5);
    for (const report of reports) assert.ok(report.diagnostics.length > 0, report.file);
    assert.deepEqual([...new Set(reports[4].diagnostics.map((d) => d.code))], ['yaml-syntax']);
  });

  it('checks a 5 MB plan', function () {
    const campaign = (index: number) =>
      `    - {id: c${index}, name: Campaign ${index}, objective: share, audience: office, channels: [social], start: 2027-03-01, end: 2027-03-31, budget: 5, kpis: [pickups], content: [{channel: social, message: "Khuyến mãi mùa hè — 夏季促销 — летняя акция"}]}\n`;
    let text = withChange('  kpis:\n    - {id: pickups', '  kpis:\n    - {id: pickups');
    const insert = text.indexOf('  kpis:\n    - {id: pickups');
    let campaigns = '';
    for (let index = 0; campaigns.length < 5_000_000; index++) campaigns += campaign(index);
    text = text.slice(0, insert).replace('  campaigns:\n', `  campaigns:\n${campaigns}`) + text.slice(insert);
    writeFileSync(nodePath.join(folder, 'large.mktplan.yaml'), text);
    const result = run(['check', '--format', 'json', 'large.mktplan.yaml'], folder);
    assert.equal(result.stderr, '');
    const [report] = JSON.parse(result.stdout) as Array<{ diagnostics: Array<{ code: string }> }>;
    assert.deepEqual([...new Set(report.diagnostics.map((d) => d.code))], ['budget/over-allocated']);
  });
});
