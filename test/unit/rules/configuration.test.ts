import { strict as assert } from 'node:assert';
import { rules } from '../../../server/src/service';
import type { Diagnostic, SeverityName, Settings } from '../../../server/src/service';
import { check, cleanBudget, cleanPlan, withChange } from '../helpers';

/** The clean plan with what it has spent and achieved by the end of January, on pace and on target: no finding of actuals. */
const actuals = `actuals:
  asOf: 2027-01-31
  spend:
    - {date: 2027-01-25, campaign: tet, amount: 6000}
    - {date: 2027-01-31, channel: social, amount: 2972}
    - {date: 2027-01-31, channel: events, amount: 1274}
  results:
    - {date: 2027-01-31, kpi: pickups, value: 20000}
`;
const withActuals = (from: string, to: string) => withChange(from, to, cleanPlan + actuals);

/** For each rule of the catalogue, a plan that makes it fire: the clean plan with one thing wrong. */
const triggeringTexts: Record<string, string> = {
  schema: withChange('{channel: events, amount: 15000}', '{channel: events, amount: "40k"}'),
  // A duplicate key is a parse error, not a warning, so the default severity is the rule's own.
  'yaml-syntax': withChange('  owner: minh\n', '  owner: minh\n  owner: hoa\n'),
  'strategy/objectives-missing': withChange(
    '  objectives:\n    - {id: share, statement: Lead specialty coffee in District 1, metric: market share, target: 15, unit: "%", due: 2029-12-31}\n',
    '',
  ),
  'strategy/audience-missing': withChange('  audience:\n    segments:\n      - {id: office, name: Office workers, needs: [fast pickup]}\n', ''),
  'strategy/value-proposition-missing': withChange('  valueProposition: {statement: Single-origin coffee ready in two minutes}\n', ''),
  'strategy/swot-missing': withChange(
    '  swot:\n    strengths: [own roastery]\n    weaknesses: [two shops only]\n    opportunities: [office delivery apps]\n    threats: [chain price war]\n',
    '',
  ),
  // An empty quadrant: the finding is on its own key, deeper than the section keys most rules report on.
  'strategy/swot-incomplete': withChange('    threats: [chain price war]\n', '    threats: []\n'),
  'strategy/competition-missing': withChange('  competition: {approach: differentiation, competitors: [{name: Big Chain}]}\n', ''),
  'strategy/brand-missing': withChange('  brand: {positioning: The quickest real coffee in town}\n', ''),
  'strategy/horizon-too-short': withChange('horizon: {start: 2027-01-01, end: 2029-12-31}', 'horizon: {start: 2027-01-01, end: 2027-12-30}'),
  // The marketing manager owns the strategy.
  'strategy/owner-not-leadership': withChange('  owner: linh\n', '  owner: minh\n'),
  'plan/budget-missing': withChange(cleanBudget, ''),
  // Neither a budget nor campaign dates: nothing is scheduled.
  'plan/timeline-missing': withChange('      start: 2027-01-20\n      end: 2027-02-10\n', '', withChange(cleanBudget, '')),
  // A budget, and a campaign without dates.
  'plan/budget-without-timeline': withChange('      start: 2027-01-20\n      end: 2027-02-10\n', ''),
  'plan/channels-missing': withChange('  channels:\n    - {id: social, type: social}\n    - {id: events, type: events}\n', ''),
  'plan/content-missing': withChange('      content: [{channel: social, message: Skip the queue this Tet}]\n', ''),
  'plan/kpis-missing': withChange('  kpis:\n    - {id: pickups, name: App pickups, target: 20000, unit: orders, frequency: monthly}\n', ''),
  'plan/period-too-long': withChange('period: {start: 2027-01-01, end: 2027-12-31}', 'period: {start: 2027-01-01, end: 2028-01-02}'),
  // The cmo owns the plan.
  'plan/owner-not-management': withChange('  owner: minh\n', '  owner: linh\n'),
  // Neither the plan nor its campaign names an objective.
  'plan/not-linked-to-strategy': withChange('      objective: share\n', '', withChange('  implements: [share]\n', '')),
  'plan/reporting-missing': withChange('  reporting: {cadence: monthly, to: linh}\n', ''),
  'plan/sales-alignment-missing': withChange('  salesAlignment: {owner: hoa, sharedGoals: [office accounts]}\n', ''),
  'budget/over-allocated': withChange('{channel: events, amount: 15000}', '{channel: events, amount: 15001}'),
  'budget/under-allocated': withChange('{channel: events, amount: 15000}', '{channel: events, amount: 14999}'),
  'campaign/kpis-missing': withChange('      kpis: [pickups]\n', ''),
  'campaign/dates-missing': withChange('      start: 2027-01-20\n', ''),
  'dates/end-before-start': withChange('end: 2027-02-10', 'end: 2027-01-19'),
  'dates/outside-period': withChange('start: 2027-01-20', 'start: 2026-12-31'),
  'kpi/not-measurable': withChange('target: 20000, unit: orders, frequency: monthly', 'target: 20000, frequency: monthly'),
  // A typo in the plan owner.
  'ref/unknown': withChange('  owner: minh\n', '  owner: mihn\n'),
  // A channel with the id of the KPI.
  'ref/duplicate-id': withChange('{id: events, type: events}', '{id: pickups, type: events}'),
  // A channel no campaign, content item or allocation names.
  'ref/unused': withChange('    - {id: events, type: events}\n', '    - {id: events, type: events}\n    - {id: radio, type: radio}\n'),
  // The campaign's 12,000 exceeded.
  'actuals/overspent': withActuals('campaign: tet, amount: 6000', 'campaign: tet, amount: 13000'),
  // Social media three times an even pace's spend by the end of January.
  'actuals/off-pace': withActuals('channel: social, amount: 2972', 'channel: social, amount: 9000'),
  // 15,000 pickups in a month whose target is 20,000.
  'actuals/kpi-behind': withActuals('kpi: pickups, value: 20000', 'kpi: pickups, value: 15000'),
  // Measured weekly, and no result in the last week of January.
  'actuals/kpi-no-recent-result': withChange('unit: orders, frequency: monthly', 'unit: orders, frequency: weekly', withActuals('{date: 2027-01-31, kpi: pickups', '{date: 2027-01-20, kpi: pickups')),
  'actuals/after-as-of': withActuals('{date: 2027-01-31, channel: events', '{date: 2027-02-05, channel: events'),
  'actuals/source-unreadable': withActuals('  results:\n', '  sources:\n    - {file: exports/ads.csv, kind: spend}\n  results:\n'),
};

/** The LSP numbers of the severities, written out here so that a wrong mapping in the engine fails. */
const lspSeverities: Record<SeverityName, number> = { error: 1, warning: 2, information: 3, hint: 4 };

async function diagnosticsOf(ruleId: string, text: string, settings?: Settings): Promise<Diagnostic[]> {
  return (await check(text, { settings })).filter((diagnostic) => diagnostic.code === ruleId);
}

/** A rule's triggering text and its findings there; fails without one, so that no check passes for want of a finding. */
async function triggered(ruleId: string): Promise<{ text: string; findings: Diagnostic[] }> {
  const text = triggeringTexts[ruleId];
  if (text === undefined) assert.fail(`no triggering text for ${ruleId} in the table`);
  const findings = await diagnosticsOf(ruleId, text);
  assert.ok(findings.length > 0, `the triggering text of ${ruleId} produces no finding of it`);
  return { text, findings };
}

function countOnLine(findings: Diagnostic[], line: number): number {
  return findings.filter((finding) => finding.range.start.line === line).length;
}

/** The text with a comment put before a 0-based line, indented as that line is, and blank lines between them. */
function withCommentBefore(text: string, line: number, comment: string, blankLines = 0): string {
  const lines = text.split('\n');
  const indentation = lines[line].slice(0, lines[line].length - lines[line].trimStart().length);
  lines.splice(line, 0, indentation + comment, ...Array<string>(blankLines).fill(''));
  return lines.join('\n');
}

/** Puts a next-line comment before the rule's first finding: that line (one line down now) is silenced, and nothing else. */
async function assertSilencedOnNextLine(ruleId: string, directive: string): Promise<void> {
  const { text, findings } = await triggered(ruleId);
  const line = findings[0].range.start.line;
  const after = await diagnosticsOf(ruleId, withCommentBefore(text, line, directive));
  assert.equal(countOnLine(after, line + 1), 0);
  // The findings on other lines stay: the silenced one did not just move elsewhere.
  assert.equal(after.length, findings.length - countOnLine(findings, line));
}

describe('configuration of every rule', () => {
  it('has a triggering text for each rule of the catalogue, and for no other id', () => {
    assert.deepEqual(Object.keys(triggeringTexts).sort(), rules.map((rule) => rule.id).sort());
  });

  for (const rule of rules) {
    const otherIds = rules.map((other) => other.id).filter((id) => id !== rule.id);

    describe(rule.id, () => {
      it('is silenced by the setting `off`', async () => {
        const { text } = await triggered(rule.id);
        assert.deepEqual(await diagnosticsOf(rule.id, text, { rules: { [rule.id]: 'off' } }), []);
      });

      it('is silenced by `# mktplan-disable-next-line <id>` on the line before its finding', async () => {
        await assertSilencedOnNextLine(rule.id, `# mktplan-disable-next-line ${rule.id}`);
      });

      it('is silenced by a comment that lists it among other rules', async () => {
        // In the middle of the list, so that a parser reading only the first or the last id fails.
        await assertSilencedOnNextLine(rule.id, `# mktplan-disable-next-line ${otherIds[0]}, ${rule.id}, ${otherIds[otherIds.length - 1]}`);
      });

      it('is not silenced by a comment two lines before its finding', async () => {
        const { text, findings } = await triggered(rule.id);
        const line = findings[0].range.start.line;
        const after = await diagnosticsOf(rule.id, withCommentBefore(text, line, `# mktplan-disable-next-line ${rule.id}`, 1));
        assert.equal(countOnLine(after, line + 2), countOnLine(findings, line));
      });

      it('is silenced for the whole file by `# mktplan-disable <id>`', async () => {
        const { text } = await triggered(rule.id);
        assert.deepEqual(await diagnosticsOf(rule.id, `# mktplan-disable ${rule.id}\n${text}`), []);
      });

      it(`has the default severity ${rule.defaultSeverity}, the source mktplan and a link to its rule page`, async () => {
        const { findings } = await triggered(rule.id);
        for (const finding of findings) {
          assert.deepEqual(
            [finding.severity, finding.source, finding.codeDescription.href.endsWith(`/docs/rules/${rule.id}.md`)],
            [lspSeverities[rule.defaultSeverity], 'mktplan', true],
          );
        }
      });
    });
  }
});
