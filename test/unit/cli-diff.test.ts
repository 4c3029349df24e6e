import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { translatorFor } from '../../server/src/service';
import { cleanPlan, withChange } from './helpers';

const repository = nodePath.join(__dirname, '../..');
const cli = nodePath.join(repository, 'dist/cli.js');
const english = translatorFor('en');

/** The environment without a language, a pager or the user's Git identity. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'NO_COLOR'].includes(key) && !key.startsWith('GIT_')));
  return {
    ...clean,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    GIT_CONFIG_NOSYSTEM: '1',
    ...extra,
  };
}

/** Runs `mktplan diff ...` in a folder. */
function diff(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, 'diff', ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: environment(env) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(args: string[], cwd: string): string {
  const result = spawnSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', env: environment() });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function write(root: string, path: string, text: string): void {
  mkdirSync(nodePath.dirname(nodePath.join(root, path)), { recursive: true });
  writeFileSync(nodePath.join(root, path), text);
}

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(nodePath.join(repository, 'schemas/diff.schema.json'), 'utf8')));
}

const strategy = `mktplan: "1"
team:
  - {id: linh, role: cmo, name: Tran Linh}
  - {id: minh, role: marketing-manager, name: Le Minh}
strategy:
  owner: linh
  objectives:
    - {id: share, statement: Lead in District 1, target: 15, unit: "%", due: 2029-12-31}
    - {id: loyal, statement: Keep regulars, target: 60, unit: "%", due: 2029-12-31}
`;

/** A yearly plan that names the objectives of the strategy it imports. */
const yearly = `mktplan: "1"
imports: [strategy.mktplan.yaml]
plan:
  owner: minh
  implements: [share, loyal]
`;

/** The 2027 plan after the change: a bigger total, and an allocation that takes it over. */
const raised = withChange('{channel: events, amount: 15000}', '{channel: events, amount: 15000}\n      - {campaign: tet, amount: 20000}', withChange('total: 50000', 'total: 60000'));

describe('mktplan diff (dist/cli.js)', function () {
  this.timeout(120_000);
  let root: string;
  let outside: string;

  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
    root = realpathSync(mkdtempSync(nodePath.join(tmpdir(), 'mktplan-diff-')));
    outside = realpathSync(mkdtempSync(nodePath.join(tmpdir(), 'mktplan-diff-outside-')));
    git(['init', '-q'], root);
    // The first commit: four plans.
    write(root, 'plans/2027.mktplan.yaml', cleanPlan);
    write(root, 'plans/old.mktplan.yaml', withChange('title: Saigon Bean — marketing 2027', 'title: An old plan'));
    write(root, 'plans/strategy.mktplan.yaml', strategy);
    write(root, 'plans/yearly.mktplan.yaml', yearly);
    write(root, 'README.md', 'not a plan\n');
    git(['add', '-A'], root);
    git(['commit', '-q', '-m', 'first'], root);
    // The second: a plan changed, one added, one removed, and the import of another changed.
    write(root, 'plans/2027.mktplan.yaml', raised);
    write(root, 'plans/new.mktplan.yaml', withChange('title: Saigon Bean — marketing 2027', 'title: A new plan'));
    unlinkSync(nodePath.join(root, 'plans/old.mktplan.yaml'));
    write(root, 'plans/strategy.mktplan.yaml', strategy.replace('    - {id: loyal, statement: Keep regulars, target: 60, unit: "%", due: 2029-12-31}\n', '').replace('target: 15', 'target: 20'));
    write(root, 'README.md', 'still not a plan\n');
    git(['add', '-A'], root);
    git(['commit', '-q', '-m', 'second'], root);
    write(outside, 'a.mktplan.yaml', cleanPlan);
    write(outside, 'b.mktplan.yaml', withChange('budget: 12000', 'budget: 14000'));
    write(outside, 'broken.mktplan.yaml', 'plan: [unclosed\n');
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  describe('--base REV', () => {
    it('compares every plan that changed, was added or removed, or whose import changed; exit 1 for an error introduced', () => {
      const result = diff(['--base', 'HEAD~1', '--format', 'json'], root);
      assert.equal(result.stderr, '');
      assert.equal(result.code, 1);
      const report = JSON.parse(result.stdout);
      assert.equal(report.base, 'HEAD~1');
      assert.deepEqual(
        report.plans.map((plan: { file: string; status: string }) => [plan.file, plan.status]),
        [
          ['plans/2027.mktplan.yaml', 'changed'],
          ['plans/new.mktplan.yaml', 'added'],
          ['plans/old.mktplan.yaml', 'removed'],
          ['plans/strategy.mktplan.yaml', 'changed'],
          ['plans/yearly.mktplan.yaml', 'changed'],
        ],
      );
      const [changed, added, removed, , yearlyPlan] = report.plans;
      assert.equal(changed.before, 'HEAD~1:plans/2027.mktplan.yaml');
      assert.equal(changed.after, 'plans/2027.mktplan.yaml');
      assert.deepEqual(changed.budget, { before: '50000', after: '60000', currencyBefore: 'USD', currencyAfter: 'USD' });
      assert.deepEqual(
        changed.findings.introduced.map((finding: { code: string }) => finding.code),
        ['budget/over-allocated'],
      );
      assert.ok(changed.changes.some((change: { message: string }) => change.message === '`total`: $50,000 → $60,000 (+$10,000, +20%)'));
      assert.equal(added.before, undefined);
      assert.equal(removed.after, undefined);
      // The yearly plan did not change; its import did, and what it means with it.
      assert.deepEqual(
        yearlyPlan.changes.map((change: { change: string; item?: { id: string } }) => [change.change, change.item?.id]),
        [
          ['removed', 'loyal'],
          ['number', 'share'],
        ],
      );
      assert.deepEqual(
        yearlyPlan.findings.introduced.map((finding: { code: string; about: string }) => [finding.code, finding.about]),
        [['ref/unknown', 'plan/implements/=loyal']],
      );
      const validate = validator();
      assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    });

    it('the same in stylish, the default: each plan, its sections, the findings, a count', () => {
      const result = diff(['--base', 'HEAD~1'], root);
      assert.equal(result.code, 1);
      assert.equal(result.stderr, '');
      const out = result.stdout;
      assert.ok(out.startsWith('plans/2027.mktplan.yaml\n  Budget total: $50,000 → $60,000 (+$10,000, +20%)\n'), out);
      assert.ok(out.includes('  Budget\n    • `total`: $50,000 → $60,000 (+$10,000, +20%)\n    + allocation to campaign `tet` added, with $20,000\n'), out);
      assert.ok(out.includes('plans/yearly.mktplan.yaml\n  Objectives\n    − strategy objective `loyal` (Keep regulars) removed\n    • strategy objective `share` (Lead in District 1), `target`: 15 → 20 (+5)\n'), out);
      assert.ok(out.includes(`  ${english.t('diff.introduced')} (1)\n`));
      assert.match(out, /\+ error +The allocations add up to \$70,000, \$10,000 more than the total of \$60,000\. {2}budget\/over-allocated, line \d+/);
      assert.ok(out.includes(`plans/new.mktplan.yaml\n  ${english.t('diff.planAdded')}\n`));
      assert.ok(out.includes(`plans/old.mktplan.yaml\n  ${english.t('diff.planRemoved')}\n`));
      assert.ok(out.trimEnd().endsWith(english.t('diff.summary', { plans: 5, changes: 6, introduced: 2, resolved: 0 })), out.slice(-200));
    });

    it('Markdown for a pull request: a headline per plan, a folded section per part, amounts with difference and share', () => {
      const result = diff(['--base', 'HEAD~1', '--format', 'markdown'], root);
      assert.equal(result.code, 1);
      const out = result.stdout;
      assert.ok(out.startsWith(`## ${english.t('diff.titleSince', { base: '`HEAD~1`' })}\n`), out.slice(0, 100));
      assert.ok(out.includes('### `plans/2027.mktplan.yaml`\n\n**Budget total**: \\$50,000 → \\$60,000 (\\+\\$10,000, \\+20%) · 2 changes · 1 finding introduced, 0 findings resolved\n'), out);
      assert.ok(out.includes('<details open><summary>Budget (2)</summary>'));
      assert.ok(out.includes('| `total` | \\$50,000 | \\$60,000 | \\+\\$10,000, \\+20% |'));
      assert.ok(out.includes('| allocation to campaign `tet` | — | \\$20,000 | \\+\\$20,000 |'));
      assert.ok(out.includes('- **error** `budget/over-allocated`: The allocations add up to'));
      assert.equal((out.match(/<details/g) ?? []).length, (out.match(/<\/details>/g) ?? []).length);
    });

    it('the files given only; a file given that is the same at the revision: no change, exit 0', () => {
      const result = diff(['--base', 'HEAD', 'plans/2027.mktplan.yaml'], root);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, `plans/2027.mktplan.yaml\n  ${english.t('diff.noChange')}\n\n${english.t('diff.summary', { plans: 1, changes: 0, introduced: 0, resolved: 0 })}\n`);
      const folder = diff(['--base', 'HEAD~1', '--format', 'json', 'plans/'], root);
      assert.equal(JSON.parse(folder.stdout).plans.length, 5);
    });

    it('nothing changed since the revision: said, exit 0; a plan not yet tracked is added', () => {
      const none = diff(['--base', 'HEAD'], root);
      assert.equal(none.code, 0, none.stderr);
      assert.equal(none.stdout, `${english.t('diff.nothingChanged', { base: 'HEAD' })}\n`);
      write(root, 'plans/draft.mktplan.yaml', withChange('title: Saigon Bean — marketing 2027', 'title: A draft'));
      try {
        const untracked = diff(['--base', 'HEAD', '--format', 'json'], root);
        assert.equal(untracked.code, 0, untracked.stderr);
        assert.deepEqual(
          JSON.parse(untracked.stdout).plans.map((plan: { file: string; status: string }) => [plan.file, plan.status]),
          [['plans/draft.mktplan.yaml', 'added']],
        );
      } finally {
        unlinkSync(nodePath.join(root, 'plans/draft.mktplan.yaml'));
      }
    });

    it('from a folder below the root, paths from the current folder', () => {
      const result = diff(['--base', 'HEAD~1', '--format', 'json'], nodePath.join(root, 'plans'));
      assert.equal(result.code, 1, result.stderr);
      assert.deepEqual(
        JSON.parse(result.stdout).plans.map((plan: { file: string }) => plan.file),
        ['2027.mktplan.yaml', 'new.mktplan.yaml', 'old.mktplan.yaml', 'strategy.mktplan.yaml', 'yearly.mktplan.yaml'],
      );
    });
  });

  describe('OLD NEW', () => {
    it('two revisions of one file, REV:PATH on both sides', () => {
      const result = diff(['HEAD~1:plans/2027.mktplan.yaml', 'HEAD:plans/2027.mktplan.yaml', '--format', 'json'], root);
      assert.equal(result.code, 1, result.stderr);
      const [plan] = JSON.parse(result.stdout).plans;
      assert.equal(plan.file, 'HEAD~1:plans/2027.mktplan.yaml → HEAD:plans/2027.mktplan.yaml');
      assert.equal(plan.budget.after, '60000');
    });

    it("a revision's imports are read at that revision: the yearly plan at HEAD~1 against the working tree", () => {
      const result = diff(['HEAD~1:plans/yearly.mktplan.yaml', 'plans/yearly.mktplan.yaml', '--format', 'json'], root);
      assert.equal(result.code, 1, result.stderr);
      assert.deepEqual(
        JSON.parse(result.stdout).plans[0].findings.introduced.map((finding: { code: string }) => finding.code),
        ['ref/unknown'],
      );
      // ./ and ../ are read from the current folder, as Git reads them.
      const relative = diff(['HEAD~1:./yearly.mktplan.yaml', 'yearly.mktplan.yaml', '--format', 'json'], nodePath.join(root, 'plans'));
      assert.equal(relative.code, 1, relative.stderr);
    });

    it('two files outside any repository; exit 0 when the change introduces nothing at the fail severity', () => {
      const result = diff(['a.mktplan.yaml', 'b.mktplan.yaml'], outside);
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      assert.ok(result.stdout.includes('campaign `tet` (Tet pickup week), `budget`: $12,000 → $14,000 (+$2,000, +16.7%)'), result.stdout);
      const same = diff(['a.mktplan.yaml', 'a.mktplan.yaml'], outside);
      assert.equal(same.code, 0);
      assert.ok(same.stdout.includes(english.t('diff.noChange')));
    });

    it('--fail-severity: a finding introduced below it passes, at it fails', () => {
      write(outside, 'c.mktplan.yaml', withChange('  owner: minh', '  owner: linh'));
      assert.equal(diff(['a.mktplan.yaml', 'c.mktplan.yaml'], outside).code, 0);
      assert.equal(diff(['--fail-severity', 'information', 'a.mktplan.yaml', 'c.mktplan.yaml'], outside).code, 1);
      assert.equal(diff(['--fail-severity', 'information', 'c.mktplan.yaml', 'a.mktplan.yaml'], outside).code, 0, 'a finding resolved fails nothing');
    });

    it("plan text is escaped for each output: no markup in Markdown, no control in a terminal; a long section is folded", () => {
      const members = Array.from({ length: 9 }, (_, index) => `  - {id: extra-${index}, role: agency, name: Agency ${index}}\n`).join('');
      write(outside, 'hostile.mktplan.yaml', withChange('  - {id: hoa, role: cso, name: Pham Hoa}\n', `  - {id: hoa, role: cso, name: Pham Hoa}\n${members}`, withChange('title: Saigon Bean — marketing 2027', 'title: "<img src=x onerror=alert(1)> **bold** \\u001b[2J ::error::x"')));
      const markdown = diff(['--format', 'markdown', 'a.mktplan.yaml', 'hostile.mktplan.yaml'], outside);
      assert.equal(markdown.code, 0, markdown.stderr);
      assert.ok(markdown.stdout.includes('“\\<img src\\=x onerror\\=alert(1)\\> \\*\\*bold\\*\\* \\\\u001b\\[2J \\::error\\::x”'), markdown.stdout);
      assert.ok(markdown.stdout.includes('<details><summary>Team (9)</summary>'), 'nine changes are folded');
      assert.ok(markdown.stdout.includes('<details open><summary>File (1)</summary>'));
      const stylish = diff(['a.mktplan.yaml', 'hostile.mktplan.yaml'], outside);
      assert.ok(stylish.stdout.includes('\\u001b[2J'), stylish.stdout);
      assert.doesNotMatch(stylish.stdout, /\u001b/);
    });

    it('--locale: the findings and the amounts in that language', () => {
      const result = diff(['--locale', 'ru', 'HEAD~1:plans/2027.mktplan.yaml', 'plans/2027.mktplan.yaml'], root);
      assert.equal(result.code, 1, result.stderr);
      assert.ok(result.stdout.includes('60\u00a0000\u00a0$'), result.stdout);
      assert.match(result.stdout, /ошибка/);
    });
  });

  describe('errors: one line on standard error, exit 2, never a stack trace', () => {
    const cases: Array<[string, string[], () => string, RegExp]> = [
      ['a missing side', ['a.mktplan.yaml', 'missing.mktplan.yaml'], () => outside, /^mktplan: missing\.mktplan\.yaml: no such file or folder\n$/],
      ['a side that does not parse', ['a.mktplan.yaml', 'broken.mktplan.yaml'], () => outside, /^mktplan: broken\.mktplan\.yaml: its YAML does not parse, so it cannot be compared; fix it first \(mktplan check says where\)\n$/],
      ['a revision Git does not know', ['nosuch:plans/2027.mktplan.yaml', 'plans/2027.mktplan.yaml'], () => root, /^mktplan: nosuch: Git knows no such revision\n$/],
      ['--base with a revision Git does not know', ['--base', 'nosuch'], () => root, /^mktplan: nosuch: Git knows no such revision\n$/],
      ['a revision that reads as an option', ['--base=--output=x'], () => root, /^mktplan: --output=x: Git knows no such revision\n$/],
      ['a file not at the revision', ['HEAD~1:plans/new.mktplan.yaml', 'plans/new.mktplan.yaml'], () => root, /^mktplan: plans\/new\.mktplan\.yaml: there is no such file at revision HEAD~1\n$/],
      ['a revision outside a repository', ['HEAD:a.mktplan.yaml', 'a.mktplan.yaml'], () => outside, /^mktplan: HEAD:a\.mktplan\.yaml: not inside a Git repository, so no revision can be read\n$/],
    ];
    for (const [label, args, cwd, expected] of cases) {
      it(label, () => {
        const result = diff(args, cwd());
        assert.equal(result.code, 2, result.stdout + result.stderr);
        assert.match(result.stderr, expected);
        assert.doesNotMatch(result.stderr, /\n\s+at /);
      });
    }

    it('usage: one version only, or a format diff does not write', () => {
      for (const args of [['a.mktplan.yaml'], ['a.mktplan.yaml', 'b.mktplan.yaml', 'c.mktplan.yaml'], ['--format', 'sarif', 'a.mktplan.yaml', 'b.mktplan.yaml'], ['--fix', 'a.mktplan.yaml', 'b.mktplan.yaml']]) {
        const result = diff(args, outside);
        assert.equal(result.code, 2, args.join(' '));
        assert.match(result.stderr, /^mktplan: .+\n\nUsage: mktplan check/, args.join(' '));
      }
      assert.match(diff(['a.mktplan.yaml'], outside).stderr, /^mktplan: diff compares two versions/);
    });

    it('a file not in the repository with --base: named, exit 2, the rest still compared', () => {
      const result = diff(['--base', 'HEAD~1', 'plans/nowhere.mktplan.yaml', 'plans/2027.mktplan.yaml', '--format', 'json'], root);
      assert.equal(result.code, 2);
      assert.equal(result.stderr, 'mktplan: plans/nowhere.mktplan.yaml: there is no such file, neither in the working tree nor at revision HEAD~1\n');
      assert.equal(JSON.parse(result.stdout).plans.length, 1);
    });
  });
});
