import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('reads -h and -v as options only: an input after --, or an option\'s value, is checked', () => {
    writeFileSync(nodePath.join(folder, '-v'), 'mktplan: "1"\n');
    const afterDashes = run(['check', '--format', 'json', '--', '-v'], folder);
    assert.equal(afterDashes.code, 1);
    assert.deepEqual((JSON.parse(afterDashes.stdout) as Array<{ file: string }>).map((report) => report.file), ['-v']);
    const asValue = run(['check', '--config', '-h', 'clean.mktplan.yaml'], folder);
    assert.equal(asValue.code, 2);
    assert.equal(asValue.stdout, '');
    assert.match(asValue.stderr, /^mktplan: --config -h: /);
    const asFormat = run(['check', '--format', '-v', 'clean.mktplan.yaml'], folder);
    assert.equal(asFormat.code, 2);
    assert.match(asFormat.stderr, /--format must be one of .*; got "-v"/);
    // As options they still win over any mistake.
    assert.match(run(['check', '--bogus', '-h'], folder).stdout, /^Usage: mktplan check/);
    assert.equal(run(['-v'], folder).stdout.trim(), JSON.parse(readFileSync(nodePath.join(__dirname, '../../package.json'), 'utf8')).version);
  });

  it('exits 2 on an empty argument, a flag given a value, and an option without its value', () => {
    const cases: Array<[string[], RegExp]> = [
      [['check', ''], /an empty argument names no file, folder or glob/],
      [['check', 'clean.mktplan.yaml', ''], /an empty argument names no file, folder or glob/],
      [['check', '--fix=yes', 'clean.mktplan.yaml'], /--fix takes no value/],
      [['check', 'clean.mktplan.yaml', '--format'], /--format needs a value/],
      [['check', '-o', 'x', 'clean.mktplan.yaml'], /unknown option "-o"/],
      [['export', '--fix', 'clean.mktplan.yaml'], /unknown option "--fix"/],
    ];
    for (const [args, reason] of cases) {
      const result = run(args, folder);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, reason, args.join(' '));
      assert.match(result.stderr, /Usage: mktplan check/);
      assert.doesNotMatch(result.stderr, /internal error/);
    }
  });

  it('words a usage error in the --locale given, but not in one given after --', () => {
    assert.match(run(['check', '--locale', 'vi', '--bogus'], folder).stderr, /tùy chọn không xác định "--bogus"/);
    assert.match(run(['check', '--bogus', '--', '--locale', 'vi'], folder).stderr, /unknown option "--bogus"/);
  });

  it('reads the folders a glob starts with that exist as paths, braces and parentheses in their names too', () => {
    for (const name of ['{c}', 'a (copy)']) {
      mkdirSync(nodePath.join(folder, name));
      writeFileSync(nodePath.join(folder, name, 'p.mktplan.yaml'), cleanPlan);
    }
    for (const glob of ['{c}/*.mktplan.yaml', 'a (copy)/*.mktplan.yaml', 'a (copy)/**/p.*.yaml', nodePath.join(folder, 'a (copy)/*.mktplan.yaml')]) {
      const result = run(['check', '--format', 'json', glob], folder);
      assert.equal(result.stderr, '', glob);
      assert.equal(result.code, 0, glob);
      const [report] = JSON.parse(result.stdout) as Array<{ file: string }>;
      assert.equal(report.file, nodePath.join(glob.slice(0, glob.lastIndexOf('/')).replace('/**', ''), 'p.mktplan.yaml'), glob);
    }
    // A glob whose pattern is empty once read (`{d}` is no folder here) matches nothing, and says so.
    for (const glob of ['{d}/*.mktplan.yaml', '{c}/{}/*.mktplan.yaml']) {
      const result = run(['check', glob], folder);
      assert.equal(result.code, 2, glob);
      assert.equal(result.stderr, `mktplan: ${glob}: no file matches\n`, glob);
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
