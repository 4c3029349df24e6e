// The README's CI jobs for `mktplan diff`: the GitHub Actions workflow checked by GitHub's own workflow
// parser, the GitLab CI job by GitLab's CI schema, and the steps of both run here as far as they can run
// without GitHub or GitLab: in a temporary clone, `mktplan` the built CLI, `gh` and `curl` recorders.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { withChange } from './helpers';

type TsImport = typeof import('tsx/esm/api', { with: { 'resolution-mode': 'import' } }).tsImport;
type WorkflowParser = typeof import('@actions/workflow-parser', { with: { 'resolution-mode': 'import' } });
type Expressions = typeof import('@actions/expressions', { with: { 'resolution-mode': 'import' } });
type ExpressionResults = typeof import('@actions/expressions/result', { with: { 'resolution-mode': 'import' } });

interface WorkflowStep {
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | number>;
  run?: string;
  env?: Record<string, string>;
}

interface GitLabJob {
  variables?: Record<string, string | number>;
  script: string[];
}

const repository = nodePath.join(__dirname, '../..');
const cli = nodePath.join(repository, 'dist/cli.js');
const readme = readFileSync(nodePath.join(repository, 'README.md'), 'utf8');
const example = readFileSync(nodePath.join(repository, 'examples/saigon-bean.mktplan.yaml'), 'utf8');
const planPath = 'plans/saigon-bean.mktplan.yaml';

/** The one fenced YAML block of the README that `isIt` picks. */
function readmeYamlBlock(what: string, isIt: (block: string) => boolean): string {
  const blocks = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((match) => match[1]).filter(isIt);
  assert.equal(blocks.length, 1, `README.md should hold one YAML block with ${what}`);
  return blocks[0];
}

const workflowText = readmeYamlBlock('the workflow', (block) => block.startsWith('# .github/workflows/mktplan-diff.yml\n'));
const gitlabText = readmeYamlBlock('the GitLab job', (block) => block.startsWith('mktplan-diff:'));

/** The example's total raised: the allocations leave some of it unallocated, which is no error. */
const raisedTotal = withChange('total: 1200000000', 'total: 1300000000', example);
/** An allocation raised past the total: a `budget/over-allocated` error. */
const overAllocated = withChange('amount: 420000000', 'amount: 520000000', example);

const noLocale = ['LANG', 'LC_ALL', 'LC_MESSAGES', 'LANGUAGE', 'NO_COLOR'];

/** What a CI job sees here: no locale, no Git settings of this machine, the shims first on PATH, and the job's variables. */
function jobEnvironment(shims: string, variables: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !noLocale.includes(key) && !key.startsWith('GIT_')));
  return {
    ...clean,
    PATH: `${shims}${nodePath.delimiter}${process.env.PATH ?? ''}`,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    ...variables,
  };
}

function git(args: string[], cwd: string, shims: string): void {
  const result = spawnSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', env: jobEnvironment(shims, {}) });
  assert.equal(result.status, 0, result.stderr);
}

function writeExecutable(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** A stand-in for `gh` or `curl`: records each call's arguments, and the body file it names as it was at that moment. */
const recorderScript = `#!/bin/bash
log="$CALLS/$(basename "$0")"
printf '%s\\0' "$@" >> "$log"
printf '\\n' >> "$log"
previous=
for argument in "$@"; do
  case "$argument" in body@*) cp -- "\${argument#body@}" "$log.body" ;; esac
  if [ "$previous" = --body-file ]; then cp -- "$argument" "$log.body"; fi
  previous=$argument
done
`;

/** The calls a recorder saw, and the body of the last. */
function recorded(calls: string, tool: string): { calls: string[][]; body?: string } {
  const log = nodePath.join(calls, tool);
  if (!existsSync(log)) return { calls: [] };
  const lines = readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
  const body = existsSync(`${log}.body`) ? readFileSync(`${log}.body`, 'utf8') : undefined;
  return { calls: lines.map((line) => line.split('\0').slice(0, -1)), body };
}

describe("README's CI jobs for mktplan diff", function () {
  this.timeout(120_000);
  let tsImport: TsImport;
  let parser: WorkflowParser;
  let expressions: Expressions;
  let expressionResults: ExpressionResults;
  let root: string;
  let shims: string;
  let remote: string;
  let clones = 0;

  before(async function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
    // The parser imports its schema as a JSON module without an import attribute, which Node refuses: tsx's loader takes it
    // (and gitlab-ci-local's schema below, a module without types).
    ({ tsImport } = await import('tsx/esm/api'));
    parser = await tsImport('@actions/workflow-parser', __filename);
    expressions = await import('@actions/expressions');
    expressionResults = await import('@actions/expressions/result');

    root = realpathSync(mkdtempSync(nodePath.join(tmpdir(), 'mktplan-ci-')));
    shims = nodePath.join(root, 'bin');
    mkdirSync(shims);
    writeExecutable(nodePath.join(shims, 'mktplan'), `#!/bin/sh\nexec '${process.execPath}' '${cli}' "$@"\n`);
    writeExecutable(nodePath.join(shims, 'gh'), recorderScript);
    writeExecutable(nodePath.join(shims, 'curl'), recorderScript);

    // The base branch `main` on a remote, with the bundled example; the change is made in each clone's working tree.
    assert.equal(parseYaml(example).imports, undefined, 'the example imports nothing; if it does, copy its imports too');
    remote = nodePath.join(root, 'remote.git');
    const seed = nodePath.join(root, 'seed');
    git(['init', '-q', '--bare', remote], root, shims);
    git(['init', '-q', seed], root, shims);
    mkdirSync(nodePath.join(seed, 'plans'));
    copyFileSync(nodePath.join(repository, 'examples/saigon-bean.mktplan.yaml'), nodePath.join(seed, planPath));
    git(['add', '-A'], seed, shims);
    git(['commit', '-q', '-m', 'base'], seed, shims);
    git(['push', '-q', remote, 'main', 'main:change'], seed, shims);
  });
  after(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
  });

  /** A clone of the remote on the branch `change`, its plan changed to `plan` in the working tree; with `singleBranch`, the other branches are not fetched. */
  function cloneWithChange(plan: string, options: { singleBranch: boolean }): { work: string; calls: string } {
    clones += 1;
    const work = nodePath.join(root, `work-${clones}`);
    const calls = nodePath.join(root, `calls-${clones}`);
    mkdirSync(calls);
    git(['clone', '-q', ...(options.singleBranch ? ['--single-branch'] : []), '--branch', 'change', remote, work], root, shims);
    writeFileSync(nodePath.join(work, planPath), plan);
    return { work, calls };
  }

  describe('the GitHub Actions workflow', () => {
    /** A GitHub Actions expression's value with the contexts in `context`. */
    function evaluate(expression: string, context: unknown) {
      const { Lexer, Parser, Evaluator, data } = expressions;
      const tree = new Parser(new Lexer(expression).lex().tokens, ['github', 'steps'], []).parse();
      return new Evaluator(tree, JSON.parse(JSON.stringify(context), data.reviver)).evaluate();
    }

    /** What GitHub's parser says of a workflow, without the file and position each message starts with. */
    async function workflowErrors(content: string): Promise<string[]> {
      const result = parser.parseWorkflow({ name: 'mktplan-diff.yml', content }, new parser.NoOperationTraceWriter());
      // Conversion checks what the schema cannot: the expressions, the step ids, the jobs' graph.
      if (result.value !== undefined) await parser.convertWorkflowTemplate(result.context, result.value);
      return result.context.errors.getErrors().map((error) => error.message.replace(/^mktplan-diff\.yml \(Line: \d+, Col: \d+\): /, ''));
    }

    it("passes GitHub's workflow parser and schema", async () => {
      assert.deepEqual(await workflowErrors(workflowText), []);
    });

    it('a copy with `runs-on` misspelled, a step with both `uses` and `run`, or a condition on `step.diff` does not', async () => {
      assert.deepEqual(await workflowErrors(withChange('    runs-on:', '    run-on:', workflowText)), [
        "Unexpected value 'run-on'",
        'Required property is missing: runs-on',
      ]);
      assert.deepEqual(await workflowErrors(withChange('      - run: exit', '      - uses: actions/checkout@v4\n        run: exit', workflowText)), ["Unexpected value 'run'"]);
      assert.deepEqual(await workflowErrors(withChange('if: steps.diff.', 'if: step.diff.', workflowText)), ["Unrecognized named-value: 'step'"]);
    });

    /**
     * The job on a pull request into `main` whose working tree holds `plan`: the repository checked out as its
     * first step says (`fetch-depth: 0` fetches every branch; any other depth, the pull request's only), then its
     * `run` steps in order, as the runner runs them.
     */
    function runJob(workflow: string, plan: string) {
      const steps = (parseYaml(workflow) as { jobs: Record<string, { steps: WorkflowStep[] }> }).jobs['plan-diff'].steps;
      const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@') && step.with?.repository === undefined);
      assert.ok(checkout, 'the job checks out the repository');
      const { work, calls } = cloneWithChange(plan, { singleBranch: checkout.with?.['fetch-depth'] !== 0 });
      const context = { github: { base_ref: 'main', token: 'the-token', event: { pull_request: { number: 42 } } }, steps: {} as Record<string, { outputs: Record<string, string> }> };
      const substitute = (text: string) => text.replace(/\$\{\{(.*?)\}\}/g, (_, expression: string) => evaluate(expression, context).coerceString());
      const summary = nodePath.join(calls, 'summary.md');
      writeFileSync(summary, '');
      let conclusion = 0;
      for (const [index, step] of steps.entries()) {
        // The checkouts, Node and the install of mktplan: the shim on PATH stands in for them.
        if (step.run === undefined || step.run.includes('npm link')) continue;
        if (step.if !== undefined && !expressionResults.truthy(evaluate(step.if, context))) continue;
        const output = nodePath.join(calls, `output-${index}`);
        writeFileSync(output, '');
        const variables = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(value)]));
        const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-c', substitute(step.run)], {
          cwd: work,
          encoding: 'utf8',
          env: jobEnvironment(shims, { ...variables, CALLS: calls, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }),
        });
        if (step.id !== undefined) {
          const lines = readFileSync(output, 'utf8').split('\n').filter((line) => line !== '');
          context.steps[step.id] = { outputs: Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])) };
        }
        if (result.status !== 0) {
          conclusion = result.status ?? -1;
          break;
        }
      }
      return { work, conclusion, outputs: context.steps.diff?.outputs, summary: readFileSync(summary, 'utf8'), gh: recorded(calls, 'gh') };
    }

    for (const { what, plan, status } of [
      { what: 'a change that introduces no error', plan: raisedTotal, status: 0 },
      { what: 'a change that introduces an error', plan: overAllocated, status: 1 },
    ]) {
      it(`${what}: status=${status}, the Markdown in the summary and the comment, the job ends with ${status}`, () => {
        const job = runJob(workflowText, plan);
        assert.deepEqual(job.outputs, { status: String(status) });
        const markdown = readFileSync(nodePath.join(job.work, 'mktplan-diff.md'), 'utf8');
        assert.match(markdown, /^## .*`origin\/main`\n/);
        assert.ok(markdown.includes(`### \`${planPath}\``), markdown);
        assert.equal(markdown.includes('budget/over-allocated'), status === 1, markdown);
        assert.equal(job.summary, markdown);
        assert.deepEqual(job.gh.calls, [['pr', 'comment', '42', '--edit-last', '--body-file', 'mktplan-diff.md']]);
        assert.equal(job.gh.body, markdown);
        assert.equal(job.conclusion, status);
      });
    }

    it('without `fetch-depth: 0` the base branch is not fetched: status=2, no comment, the job ends with 2', () => {
      const job = runJob(withChange('          fetch-depth: 0 ', '          fetch-depth: 1 ', workflowText), raisedTotal);
      assert.deepEqual(job.outputs, { status: '2' });
      assert.deepEqual(job.gh.calls, []);
      assert.equal(job.conclusion, 2);
    });
  });

  describe('the GitLab CI job', () => {
    /** GitLab's CI schema as gitlab-ci-local ships it: its copy of GitLab's `ci.json`, without the keys it adds for itself. */
    async function gitlabValidator() {
      // The versions after 4.65.1 bundle it into one file; no other package ships GitLab's `ci.json`.
      const { schema } = (await tsImport('gitlab-ci-local/src/schema/schema.js', __filename)) as { schema: Record<string, unknown> };
      assert.equal(schema.$id, 'https://gitlab.com/.gitlab-ci.yml');
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      return ajv.compile(schema);
    }

    it("passes GitLab's CI schema; a copy with `script` misspelled, or `artifacts:when` not one of its values, does not", async () => {
      const validate = await gitlabValidator();
      const errors = (text: string) => (validate(parseYaml(text)) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath}: ${error.message}`));
      assert.deepEqual(errors(gitlabText), []);
      assert.deepEqual(errors(withChange('  script:', '  scripts:', gitlabText)), ['/mktplan-diff: must NOT have additional properties']);
      assert.deepEqual(errors(withChange('    when: always', '    when: sometimes', gitlabText)), ['/mktplan-diff/artifacts/when: must be equal to one of the allowed values']);
    });

    /** The job's script from `git fetch` on (the lines before clone and install mktplan: the shim on PATH stands in for them), as the runner's shell runs it. */
    function runScript(work: string, calls: string) {
      const job = (parseYaml(gitlabText) as Record<string, GitLabJob>)['mktplan-diff'];
      const fetchLine = job.script.findIndex((line) => line.startsWith('git fetch '));
      assert.ok(fetchLine > 0);
      for (const line of job.script.slice(0, fetchLine)) assert.ok(line.includes('/tmp/mktplan'), `a line before \`git fetch\` that does not install mktplan: ${line}`);
      const variables = Object.fromEntries(Object.entries(job.variables ?? {}).map(([name, value]) => [name, String(value)]));
      const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', job.script.slice(fetchLine).join('\n')], {
        cwd: work,
        encoding: 'utf8',
        env: jobEnvironment(shims, {
          ...variables,
          CALLS: calls,
          CI_PIPELINE_SOURCE: 'merge_request_event',
          CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
          CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
          CI_PROJECT_ID: '7',
          CI_MERGE_REQUEST_IID: '3',
          MKTPLAN_NOTE_TOKEN: 'the-token',
        }),
      });
      return { code: result.status, stderr: result.stderr, curl: recorded(calls, 'curl') };
    }

    for (const { what, plan, status } of [
      { what: 'a change that introduces no error', plan: raisedTotal, status: 0 },
      { what: 'a change that introduces an error', plan: overAllocated, status: 1 },
    ]) {
      it(`${what}: the note is posted with the Markdown, the job ends with ${status}`, () => {
        const { work, calls } = cloneWithChange(plan, { singleBranch: false });
        const job = runScript(work, calls);
        assert.equal(job.code, status, job.stderr);
        const markdown = readFileSync(nodePath.join(work, 'mktplan-diff.md'), 'utf8');
        assert.match(markdown, /^## .*`origin\/main`\n/);
        assert.ok(markdown.includes(`### \`${planPath}\``), markdown);
        assert.equal(markdown.includes('budget/over-allocated'), status === 1, markdown);
        assert.deepEqual(job.curl.calls, [
          [
            '--fail', '--silent', '--show-error', '--request', 'POST',
            '--header', 'PRIVATE-TOKEN: the-token',
            '--data-urlencode', 'body@mktplan-diff.md',
            'https://gitlab.example.com/api/v4/projects/7/merge_requests/3/notes',
          ],
        ]);
        assert.equal(job.curl.body, markdown);
      });
    }

    it('a single-branch clone: the fetch names origin/main itself, so the note is posted as in a full clone', () => {
      const { work, calls } = cloneWithChange(raisedTotal, { singleBranch: true });
      const job = runScript(work, calls);
      assert.notEqual(job.code, 2, job.stderr);
      assert.equal(job.curl.calls.length, 1, job.stderr);
    });
  });
});
