import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { DiskWorkspace } from '../../server/src/hosts/disk';
import { fileUri } from '../../server/src/service';
import { Engine, type Settings } from '../../server/src/service';
import { coveredText, plansUnder } from './helpers';

interface Expected {
  settings?: Settings;
  findings: Array<{ code: string; line: number; text?: string }>;
}

function expectationOf(plan: string, required: boolean): Expected | undefined {
  const path = plan.replace(/\.mktplan\.ya?ml$/, '.expected.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Expected;
  return required ? undefined : { findings: [] };
}

type Finding = { code: string; line: number; text?: string };

const describeFinding = (finding: Finding) =>
  finding.text === undefined ? `${finding.line} ${finding.code}` : `${finding.line} ${finding.code} ${JSON.stringify(finding.text)}`;

/**
 * Checks every plan under a folder against its NAME.expected.json. An expectation without `text`
 * (as for yaml-syntax, whose columns come from the parser) is compared by line and code only.
 */
function describeCorpus(title: string, root: string, options: { expectationRequired: boolean }): void {
  describe(title, () => {
    const engine = new Engine(new DiskWorkspace(root));
    const plans = plansUnder(root).filter((plan) => expectationOf(plan, options.expectationRequired));
    it('has plans to check', () => assert.ok(plans.length > 0, `no plans under ${root}`));
    for (const plan of plans) {
      it(nodePath.relative(root, plan), async () => {
        const expected = expectationOf(plan, options.expectationRequired)!;
        const text = readFileSync(plan, 'utf8');
        const diagnostics = await engine.check(fileUri(plan), text, expected.settings);
        const lineOnly = new Set(expected.findings.filter((finding) => finding.text === undefined).map((finding) => `${finding.line} ${finding.code}`));
        const actual = diagnostics.map((diagnostic): Finding => {
          const finding = { code: diagnostic.code, line: diagnostic.range.start.line + 1 };
          return lineOnly.has(`${finding.line} ${finding.code}`) ? finding : { ...finding, text: coveredText(text, diagnostic) };
        });
        assert.deepEqual(actual.map(describeFinding).sort(), expected.findings.map(describeFinding).sort());
      });
    }
  });
}

describeCorpus('the fixture corpus', nodePath.join(__dirname, '../fixtures/corpus'), { expectationRequired: true });
describeCorpus('the examples (clean unless an expectation says otherwise)', nodePath.join(__dirname, '../../examples'), {
  expectationRequired: false,
});
