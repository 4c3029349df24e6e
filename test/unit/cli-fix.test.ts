import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { cleanPlan, withChange } from './helpers';

const cli = nodePath.join(__dirname, '../../dist/cli.js');

describe('mktplan check --fix', () => {
  let folder: string;
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'check', ...args], { cwd: folder, encoding: 'utf8' });
  const read = (name: string) => readFileSync(nodePath.join(folder, name), 'utf8');

  // A key typo, a number written as text, a date-time, a `\` in an import; and gaps no fix may fill.
  const typos = withChange('  - {id: pickups, name: App pickups, target: 20000,', '  - {id: pickups, name: App pickups, target: "20,000",', withChange('currency: USD', 'curency: USD', withChange('due: 2029-12-31}', 'due: 2029-12-31T00:00:00}')));
  const gaps = withChange('  reporting: {cadence: monthly, to: linh}\n', '', typos);

  beforeEach(() => {
    folder = mkdtempSync(nodePath.join(tmpdir(), 'mktplan-fix-'));
    writeFileSync(nodePath.join(folder, 'plan.mktplan.yaml'), '\uFEFF' + gaps.replace(/\n/g, '\r\n'));
    writeFileSync(nodePath.join(folder, 'broken.mktplan.yaml'), 'mktplan: "1"\nplan: [\n  curency: USD\n');
    chmodSync(nodePath.join(folder, 'plan.mktplan.yaml'), 0o640);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('applies the safe fixes, says what it changed, and reports what remains', () => {
    const result = run('--fix', '--format', 'json', 'plan.mktplan.yaml');
    assert.match(result.stderr, /plan\.mktplan\.yaml: 3 fixes applied/);
    const fixed = read('plan.mktplan.yaml');
    assert.equal(fixed, '\uFEFF' + withChange('  reporting: {cadence: monthly, to: linh}\n', '', cleanPlan).replace(/\n/g, '\r\n'), 'only the typos changed; the byte order mark and the line ends stay');
    const reports = JSON.parse(result.stdout) as Array<{ diagnostics: Array<{ code: string }> }>;
    assert.deepEqual(reports[0].diagnostics.map((diagnostic) => diagnostic.code), ['plan/reporting-missing']);
    assert.equal(statSync(nodePath.join(folder, 'plan.mktplan.yaml')).mode & 0o777, 0o640);
  });

  it('is idempotent: a second run changes nothing', () => {
    run('--fix', 'plan.mktplan.yaml');
    const once = read('plan.mktplan.yaml');
    const again = run('--fix', 'plan.mktplan.yaml');
    assert.doesNotMatch(again.stderr, /applied/);
    assert.equal(read('plan.mktplan.yaml'), once);
  });

  it('never touches a file whose YAML does not parse, and leaves no file of its own behind', () => {
    const before = read('broken.mktplan.yaml');
    const result = run('--fix', '.');
    assert.equal(read('broken.mktplan.yaml'), before);
    assert.equal(result.status, 1);
    assert.deepEqual(readdirSync(folder).sort(), ['broken.mktplan.yaml', 'plan.mktplan.yaml']);
  });

  it('changes nothing without --fix', () => {
    const before = read('plan.mktplan.yaml');
    run('.');
    assert.equal(read('plan.mktplan.yaml'), before);
  });
});
