import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { pathFromRoot } from '../../server/src/cli/formats';
import { findRepositoryRoot } from '../../server/src/hosts/repository';
import { rules, rulesById } from '../../server/src/service';

const repository = nodePath.join(__dirname, '../..');
const cli = nodePath.join(repository, 'dist/cli.js');
const corpus = nodePath.join(repository, 'test/fixtures/corpus');

/** Corpus files to copy, by the name they get: among them, names that need percent-encoding in a URI. */
const copies: Record<string, string> = {
  'budget-over.mktplan.yaml': 'budget-over.mktplan.yaml',
  'strategy-gaps.mktplan.yaml': 'strategy-gaps.mktplan.yaml',
  // Findings with identical keys, told apart only by their order.
  'swot-incomplete.mktplan.yaml': 'swot-incomplete.mktplan.yaml',
  'yaml-tabs.mktplan.yaml': 'yaml-tabs.mktplan.yaml',
  'with space.mktplan.yaml': 'schema-types.mktplan.yaml',
  'hash#1.mktplan.yaml': 'refs-unknown.mktplan.yaml',
  '100%.mktplan.yaml': 'plan-gaps.mktplan.yaml',
  'a,b.mktplan.yaml': 'kpis.mktplan.yaml',
  'kế hoạch.mktplan.yaml': 'i18n-vi.mktplan.yaml',
  'план.mktplan.yaml': 'i18n-ru.mktplan.yaml',
  'q1 2027/dates.mktplan.yaml': 'dates.mktplan.yaml',
};
const names = Object.keys(copies);

/** A new git repository holding the copies under `plans/`, each text passed through `edit`; its real path. */
function makeRepository(edit: (text: string) => string = (text) => text): string {
  const root = realpathSync(mkdtempSync(nodePath.join(tmpdir(), 'mktplan-formats-')));
  if (spawnSync('git', ['init', '-q'], { cwd: root }).status !== 0) mkdirSync(nodePath.join(root, '.git'));
  for (const [name, source] of Object.entries(copies)) {
    const target = nodePath.join(root, 'plans', name);
    mkdirSync(nodePath.dirname(target), { recursive: true });
    writeFileSync(target, edit(readFileSync(nodePath.join(corpus, source), 'utf8')));
  }
  return root;
}

/** Runs the CLI from `plans/`, a folder below the repository's root, naming the files relative to it or absolute. */
function check(root: string, format: string, absolute = false): string {
  const cwd = nodePath.join(root, 'plans');
  const files = absolute ? names.map((name) => nodePath.join(cwd, name)) : names;
  const result = spawnSync(process.execPath, [cli, 'check', '--format', format, ...files], { cwd, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.stderr, '');
  assert.equal(result.status, 1, 'the copies have errors');
  return result.stdout;
}

function validator(schemaFile: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
}

function assertValid(schemaFile: string, data: unknown) {
  const validate = validator(schemaFile);
  assert.ok(validate(data), JSON.stringify(validate.errors, null, 2));
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string; markdown: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: string };
}
interface Sarif {
  runs: Array<{ tool: { driver: { rules: SarifRule[] } }; originalUriBaseIds: Record<string, { uri: string }>; results: SarifResult[] }>;
}

const sarifSchema = nodePath.join(repository, 'test/fixtures/sarif/sarif-schema-2.1.0.json');
const fingerprintKey = 'mktplanFinding/v1';
const fingerprintsOf = (sarif: Sarif) => sarif.runs[0].results.map((result) => result.partialFingerprints[fingerprintKey]);
const uriOf = (result: SarifResult) => result.locations[0].physicalLocation.artifactLocation.uri;

describe('report formats (dist/cli.js)', () => {
  let root: string;
  let sarif: Sarif;
  const made: string[] = [];

  before(() => {
    root = makeRepository();
    made.push(root);
    sarif = JSON.parse(check(root, 'sarif'));
  });
  after(() => made.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  describe('--format sarif', () => {
    it('passes the OASIS SARIF 2.1.0 schema, with relative and with absolute paths', () => {
      assertValid(sarifSchema, sarif);
      assertValid(sarifSchema, JSON.parse(check(root, 'sarif', true)));
      assert.ok(sarif.runs[0].results.length > 20);
    });

    it('would fail the schema with an unencoded URI or a result without a message', () => {
      const validate = validator(sarifSchema);
      const unencoded = structuredClone(sarif);
      unencoded.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'plans/with space.mktplan.yaml';
      assert.equal(validate(unencoded), false);
      const silent = structuredClone(sarif) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
      delete silent.runs[0].results[0].message;
      assert.equal(validate(silent), false);
    });

    it('writes the same log whether the files are named relative or absolute', () => {
      assert.deepEqual(JSON.parse(check(root, 'sarif', true)), sarif);
    });

    it('places files by percent-encoded URIs relative to the repository root', () => {
      const run = sarif.runs[0];
      const base = run.originalUriBaseIds.SRCROOT.uri;
      assert.equal(base, pathToFileURL(root).href + '/');
      const uris = new Set(run.results.map(uriOf));
      for (const result of run.results) {
        const location = result.locations[0].physicalLocation.artifactLocation;
        assert.equal(location.uriBaseId, 'SRCROOT');
        // A relative reference of URI characters only: no scheme, no leading slash, nothing left unencoded.
        assert.match(location.uri, /^[A-Za-z0-9\-._~!$&'()*+,;=@%][A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/);
      }
      // Each URI, resolved against the base, is exactly the file that was checked.
      assert.deepEqual(
        [...uris].map((uri) => fileURLToPath(new URL(uri, base))).sort(),
        names.map((name) => nodePath.join(root, 'plans', name)).sort(),
      );
      for (const uri of ['plans/with%20space.mktplan.yaml', 'plans/hash%231.mktplan.yaml', 'plans/100%25.mktplan.yaml', 'plans/a%2Cb.mktplan.yaml', 'plans/k%E1%BA%BF%20ho%E1%BA%A1ch.mktplan.yaml', 'plans/%D0%BF%D0%BB%D0%B0%D0%BD.mktplan.yaml', 'plans/q1%202027/dates.mktplan.yaml']) {
        assert.ok(uris.has(uri), uri);
      }
    });

    it('meets GitHub code scanning: rules with names, full descriptions and help; results with fingerprints; no absolute URI', () => {
      const run = sarif.runs[0];
      const driverRules = run.tool.driver.rules;
      assert.deepEqual(
        driverRules.map((rule) => rule.id),
        rules.map((rule) => rule.id),
      );
      for (const rule of driverRules) {
        assert.notEqual(rule.name, rule.id);
        assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/, rule.id);
        assert.equal(rule.shortDescription.text, rulesById.get(rule.id)?.summary);
        assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length, rule.id);
        assert.ok(rule.help.text && rule.help.markdown, rule.id);
        assert.equal(rule.helpUri, rulesById.get(rule.id)?.page);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
        // The plain text forms carry no Markdown links; the Markdown ones only absolute links.
        for (const text of [rule.fullDescription.text, rule.help.text]) assert.doesNotMatch(text, /\]\(/, rule.id);
        for (const [, target] of `${rule.fullDescription.markdown}\n${rule.help.markdown}`.matchAll(/\]\(([^)]*)\)/g)) assert.match(target, /^https:\/\//, rule.id);
      }
      assert.equal(driverRules.find((rule) => rule.id === 'strategy/swot-missing')?.name, 'StrategySwotMissing');
      assert.equal(driverRules.find((rule) => rule.id === 'yaml-syntax')?.name, 'YamlSyntax');
      for (const result of run.results) {
        assert.equal(driverRules[result.ruleIndex].id, result.ruleId);
        assert.match(result.partialFingerprints[fingerprintKey], /^[0-9a-f]{64}$/);
      }
      const prints = fingerprintsOf(sarif);
      assert.equal(new Set(prints).size, prints.length, 'two findings share a fingerprint');
      // Every URI in the log but the base's is relative.
      const uris: string[] = [];
      JSON.stringify(sarif, (key, value) => (key === 'uri' ? void uris.push(value) : value));
      assert.deepEqual(
        uris.filter((uri) => /^[a-z][a-z0-9+.-]*:|^\//i.test(uri)),
        [run.originalUriBaseIds.SRCROOT.uri],
      );
    });

    it('gives 1-based regions', () => {
      const result = sarif.runs[0].results.find((entry) => uriOf(entry) === 'plans/budget-over.mktplan.yaml' && entry.ruleId === 'budget/over-allocated')!;
      // budget-over.expected.json: the finding is on line 10.
      assert.equal(result.locations[0].physicalLocation.region.startLine, 10);
      assert.ok(result.locations[0].physicalLocation.region.startColumn >= 1);
    });

    it('keeps the fingerprints when lines move', () => {
      const moved = makeRepository((text) => '\n\n\n' + text);
      made.push(moved);
      const after = JSON.parse(check(moved, 'sarif')) as Sarif;
      assert.deepEqual(fingerprintsOf(after), fingerprintsOf(sarif));
      assert.deepEqual(
        after.runs[0].results.map((result) => result.locations[0].physicalLocation.region.startLine),
        sarif.runs[0].results.map((result) => result.locations[0].physicalLocation.region.startLine + 3),
      );
    });
  });

  describe('--format json', () => {
    it("keeps its shape, adds each rule's page, and passes schemas/report-json.schema.json", () => {
      const reports = JSON.parse(check(root, 'json')) as Array<{ file: string; diagnostics: Array<{ code: string; url: string }> }>;
      assertValid(nodePath.join(repository, 'schemas/report-json.schema.json'), reports);
      assert.deepEqual(
        reports.map((report) => report.file),
        names,
      );
      for (const diagnostic of reports.flatMap((report) => report.diagnostics)) {
        assert.deepEqual(Object.keys(diagnostic), ['code', 'severity', 'message', 'range', 'url']);
        assert.equal(diagnostic.url, rulesById.get(diagnostic.code)?.page);
      }
    });

    it('is an empty array of diagnostics for a clean file', () => {
      const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', 'clean-complete.mktplan.yaml'], { cwd: corpus, encoding: 'utf8' });
      const reports = JSON.parse(result.stdout);
      assertValid(nodePath.join(repository, 'schemas/report-json.schema.json'), reports);
      assert.deepEqual(reports, [{ file: 'clean-complete.mktplan.yaml', diagnostics: [] }]);
    });
  });

  describe('--format gitlab', () => {
    type Issue = { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } };

    it("is GitLab's Code Quality report, with the SARIF log's fingerprints and paths from the repository root", () => {
      const issues = JSON.parse(check(root, 'gitlab')) as Issue[];
      assertValid(nodePath.join(repository, 'schemas/report-gitlab.schema.json'), issues);
      const results = sarif.runs[0].results;
      assert.equal(issues.length, results.length);
      const level: Record<string, string> = { error: 'major', warning: 'minor', note: 'info' };
      issues.forEach((issue, index) => {
        const result = results[index];
        assert.equal(issue.check_name, result.ruleId);
        assert.equal(issue.description, result.message.text);
        assert.equal(issue.fingerprint, result.partialFingerprints[fingerprintKey]);
        assert.equal(issue.severity, level[result.level]);
        assert.equal(issue.location.path, decodeURIComponent(uriOf(result)));
        assert.equal(issue.location.lines.begin, result.locations[0].physicalLocation.region.startLine);
      });
      assert.ok(issues.some((issue) => issue.location.path === 'plans/kế hoạch.mktplan.yaml'));
      assert.deepEqual(JSON.parse(check(root, 'gitlab', true)), issues);
    });

    it('maps error to major, warning to minor, information and hint to info', () => {
      const issues = JSON.parse(check(root, 'gitlab')) as Issue[];
      const reports = JSON.parse(check(root, 'json')) as Array<{ diagnostics: Array<{ severity: string }> }>;
      const mapping: Record<string, string> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };
      assert.deepEqual(
        issues.map((issue) => issue.severity),
        reports.flatMap((report) => report.diagnostics.map((diagnostic) => mapping[diagnostic.severity])),
      );
      assert.deepEqual(new Set(issues.map((issue) => issue.severity)), new Set(['major', 'minor', 'info']));
    });
  });

  describe('--format github', () => {
    it('names files from the repository root', () => {
      const lines = check(root, 'github').trim().split('\n');
      const files = new Set(lines.map((line) => /^::\w+ file=([^,]*),/.exec(line)![1].replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%25/g, '%')));
      assert.deepEqual([...files].sort(), names.map((name) => `plans/${name}`).sort());
    });
  });
});

describe('the repository root', () => {
  let folder: string;
  before(() => {
    folder = realpathSync(mkdtempSync(nodePath.join(tmpdir(), 'mktplan-root-')));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('is the nearest folder up that holds .git, a folder or a file', () => {
    mkdirSync(nodePath.join(folder, 'repo/.git'), { recursive: true });
    mkdirSync(nodePath.join(folder, 'repo/a/worktree/b'), { recursive: true });
    writeFileSync(nodePath.join(folder, 'repo/a/worktree/.git'), 'gitdir: ../../.git/worktrees/w\n');
    assert.equal(findRepositoryRoot(nodePath.join(folder, 'repo/a')), nodePath.join(folder, 'repo'));
    assert.equal(findRepositoryRoot(nodePath.join(folder, 'repo')), nodePath.join(folder, 'repo'));
    assert.equal(findRepositoryRoot(nodePath.join(folder, 'repo/a/worktree/b')), nodePath.join(folder, 'repo/a/worktree'));
  });

  it('is the starting folder outside a repository', () => {
    mkdirSync(nodePath.join(folder, 'loose/deeper'), { recursive: true });
    // Only meaningful when the temporary folder is itself outside any repository.
    if (findRepositoryRoot(tmpdir()) !== nodePath.resolve(tmpdir())) return;
    assert.equal(findRepositoryRoot(nodePath.join(folder, 'loose/deeper')), nodePath.join(folder, 'loose/deeper'));
  });

  it('gives paths from the root with /, through symbolic links too', () => {
    mkdirSync(nodePath.join(folder, 'repo/plans'), { recursive: true });
    const plan = nodePath.join(folder, 'repo/plans/x.mktplan.yaml');
    copyFileSync(nodePath.join(corpus, 'kpis.mktplan.yaml'), plan);
    assert.equal(pathFromRoot(plan, nodePath.join(folder, 'repo')), 'plans/x.mktplan.yaml');
    assert.equal(pathFromRoot(plan, nodePath.join(folder, 'repo/plans')), 'x.mktplan.yaml');
    symlinkSync(nodePath.join(folder, 'repo'), nodePath.join(folder, 'link'));
    assert.equal(pathFromRoot(nodePath.join(folder, 'link/plans/x.mktplan.yaml'), nodePath.join(folder, 'repo')), 'plans/x.mktplan.yaml');
    // A file outside the root keeps a relative path that climbs out of it.
    assert.equal(pathFromRoot(nodePath.join(folder, 'elsewhere.yaml'), nodePath.join(folder, 'repo')), '../elsewhere.yaml');
  });
});
