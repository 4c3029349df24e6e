import type { Translator } from '../service';
import { headingOf, valueTitle, type PlanView } from '../service/features/view';
import { escapeMarkdown as cell, inCodeSpan } from './escape';
import { ReportWords, severityNames } from './words';
import type { Provenance } from './provenance';

/** A Mermaid task name: the characters Mermaid's Gantt syntax reads as its own left out. */
function mermaidName(text: string): string {
  return inCodeSpan(text).replace(/[:;#]/g, ' ').trim() || '—';
}

/**
 * The report as Markdown for a wiki or a merge request: the same panels as the HTML page, as
 * headings, lists and tables; the timeline as a Mermaid Gantt chart, which GitHub, GitLab and
 * most wikis draw.
 */
export function renderMarkdown(view: PlanView, t: Translator, provenance: Provenance, root: string): string {
  const out: string[] = [];
  const { money, date, number, choice, relative, madeFrom } = new ReportWords(view, t, root);
  // An id as code: inside a table a `|` still splits the cell unless escaped, and ids that name nothing are as written.
  const code = (id: string) => `\`${inCodeSpan(id).replace(/\|/g, '\\|')}\``;
  const name = (item: { id?: string; name?: string }) => (item.name !== undefined ? cell(item.name) + (item.id ? ` (${code(item.id)})` : '') : item.id !== undefined ? code(item.id) : t.t('report.unnamed'));
  const table = (head: string[], rows: string[][]) => {
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
    for (const row of rows) out.push(`| ${row.join(' | ')} |`);
    out.push('');
  };
  const heading = (id: string) => out.push(`## ${t.t(`report.section.${id}`)}`, '');

  out.push(`# ${cell(headingOf(view))}`, '');
  const organization = view.organization;
  const facts = [organization?.name, organization?.stage && valueTitle('stage', organization.stage, t), organization?.industry, organization?.market].filter(
    (fact): fact is string => fact !== undefined,
  );
  if (facts.length > 0) out.push(facts.map(cell).join(' · '), '');

  // Strategy.
  heading('strategy');
  const strategy = view.strategy;
  if (!strategy) out.push(t.t('report.noStrategy'), '');
  else {
    if (strategy.at.file !== view.file) out.push(`_${t.t('report.importedFrom', { file: cell(relative(strategy.at.file)) })}_`, '');
    if (strategy.owner) out.push(`- **${t.t('report.owner')}:** ${name(strategy.owner)}`);
    if (strategy.horizon) out.push(`- **${t.t('report.horizon')}:** ${date(strategy.horizon.start)} – ${date(strategy.horizon.end)}`);
    if (strategy.vision) out.push(`- **${t.t('report.vision')}:** ${cell(strategy.vision)}`);
    out.push('');
    out.push(`### ${t.t('report.objectives')}`, '');
    if (strategy.objectives.length === 0) out.push(t.t('report.none'), '');
    else
      table(
        [t.t('report.objective'), t.t('report.target'), t.t('report.due')],
        strategy.objectives.map((objective) => [
          (objective.statement ? cell(objective.statement) : name(objective)) + (objective.implemented ? ` — ${t.t('report.implemented')}` : ''),
          objective.target !== undefined ? `${number(objective.target)}${objective.unit ? ` ${cell(objective.unit)}` : ''}` : '—',
          date(objective.due),
        ]),
      );
    out.push(`### ${t.t('report.segments')}`, '');
    if (strategy.segments.length === 0) out.push(t.t('report.none'), '');
    else {
      for (const segment of strategy.segments) out.push(`- **${name(segment)}**${segment.description ? `: ${cell(segment.description)}` : ''}${segment.needs.length > 0 ? ` — ${t.t('report.needs')} ${segment.needs.map(cell).join('; ')}` : ''}`);
      out.push('');
    }
    if (strategy.valueProposition) {
      out.push(`### ${t.t('report.valueProposition')}`, '');
      if (strategy.valueProposition.statement) out.push(cell(strategy.valueProposition.statement), '');
      if (strategy.valueProposition.usp) out.push(`**${t.t('report.usp')}:** ${cell(strategy.valueProposition.usp)}`, '');
    }
    if (strategy.swot) {
      out.push(`### ${t.t('report.swot')}`, '');
      const quadrant = (name: 'strengths' | 'weaknesses' | 'opportunities' | 'threats') => (strategy.swot![name] ?? []).map(cell).join('<br>') || '—';
      table([t.t('report.swot.strengths'), t.t('report.swot.weaknesses')], [[quadrant('strengths'), quadrant('weaknesses')]]);
      table([t.t('report.swot.opportunities'), t.t('report.swot.threats')], [[quadrant('opportunities'), quadrant('threats')]]);
    }
    if (strategy.competition) {
      out.push(`### ${t.t('report.competition')}`, '');
      if (strategy.competition.approach) out.push(`- **${t.t('report.approach')}:** ${choice('approach', strategy.competition.approach)}`);
      if (strategy.competition.advantage) out.push(`- **${t.t('report.advantage')}:** ${cell(strategy.competition.advantage)}`);
      out.push('');
      if (strategy.competition.competitors.length > 0)
        table(
          [t.t('report.competitor'), t.t('report.swot.strengths'), t.t('report.swot.weaknesses')],
          strategy.competition.competitors.map((competitor) => [cell(competitor.name ?? '—'), competitor.strengths.map(cell).join('; ') || '—', competitor.weaknesses.map(cell).join('; ') || '—']),
        );
    }
    if (strategy.brand) {
      out.push(`### ${t.t('report.brand')}`, '');
      for (const [key, value] of [['report.positioning', strategy.brand.positioning], ['report.personality', strategy.brand.personality], ['report.promise', strategy.brand.promise]] as const)
        if (value) out.push(`- **${t.t(key)}:** ${cell(value)}`);
      out.push('');
    }
  }

  // Budget.
  heading('budget');
  const budget = view.budget;
  if (!budget) out.push(t.t(view.hasPlan ? 'report.noBudget' : 'report.noPlan'), '');
  else {
    out.push(`- **${t.t('report.budget.total')}:** ${money(budget.total)}`);
    if (budget.allocated) out.push(`- **${t.t('report.budget.allocated')}:** ${money(budget.allocated)}`);
    if (budget.remaining) out.push(`- **${t.t('report.budget.remaining')}:** ${money(budget.remaining)}`);
    if (budget.campaignBudgetsTotal) out.push(`- **${t.t('report.budget.campaigns')}:** ${money(budget.campaignBudgetsTotal)}`);
    out.push('');
    if (budget.state === 'over') out.push(`> ⚠ ${t.t('report.budget.over', { amount: money(budget.excess) })}`, '');
    if (budget.state === 'under') out.push(`> ${t.t('report.budget.under', { amount: money(budget.remaining) })}`, '');
    if (budget.campaignBudgetsState === 'over') out.push(`> ⚠ ${t.t('report.budget.campaignsOver', { amount: money(budget.campaignBudgetsExcess) })}`, '');
    const rows = [...budget.byChannel, ...budget.byCampaign];
    if (rows.length > 0)
      table(
        [t.t('report.item'), t.t('report.amount'), t.t('report.share')],
        rows.map((row) => [`${t.t(`report.budget.${row.kind}`)}: ${name(row)}${row.note ? ` — ${cell(row.note)}` : ''}`, money(row.amount), row.share === undefined ? '—' : t.format('percent', row.share)]),
      );
  }

  // Timeline.
  heading('timeline');
  const { timeline } = view;
  if (timeline.period) out.push(`- **${t.t('report.period')}:** ${date(timeline.period.start)} – ${date(timeline.period.end)}`);
  if (timeline.horizon) out.push(`- **${t.t('report.horizon')}:** ${date(timeline.horizon.start)} – ${date(timeline.horizon.end)}`);
  out.push(`- **${t.t('report.today')}:** ${date(timeline.today)}`, '');
  if (timeline.periodInsideHorizon === false) out.push(`> ⚠ ${t.t('report.periodOutsideHorizon')}`, '');
  const dated = timeline.items.filter((item) => item.start !== undefined && item.end !== undefined && item.place !== 'reversed');
  if (dated.length > 0) {
    out.push('```mermaid', 'gantt', '  dateFormat YYYY-MM-DD', `  todayMarker off`);
    for (const kind of ['campaign', 'milestone'] as const) {
      const items = dated.filter((item) => item.kind === kind);
      if (items.length === 0) continue;
      out.push(`  section ${mermaidName(t.t(`report.kind.${kind}s`))}`);
      items.forEach((item, index) => {
        const tags = [item.place === 'outside' ? 'crit' : '', item.start === item.end && kind === 'milestone' ? 'milestone' : ''].filter(Boolean);
        // Mermaid's end date is exclusive: the day after the last one.
        const end = new Date(Date.parse(item.end!) + 86_400_000).toISOString().slice(0, 10);
        out.push(`  ${mermaidName(item.name ?? item.id ?? '')} :${[...tags, `${kind}${index}`].join(', ')}, ${item.start}, ${end}`);
      });
    }
    out.push('```', '');
  }
  if (timeline.items.length === 0) out.push(t.t(view.hasPlan ? 'report.noSchedule' : 'report.noPlan'), '');
  else
    table(
      [t.t('report.item'), t.t('report.kind'), t.t('report.start'), t.t('report.end')],
      timeline.items.map((item) => [
        name(item) + (item.place === 'inside' ? '' : ` — ${t.t(`report.schedule.${item.place}`)}`),
        t.t(`report.kind.${item.kind}`),
        date(item.start),
        date(item.end),
      ]),
    );

  // Measurement.
  heading('measurement');
  if (view.kpis.length === 0) out.push(t.t(view.hasPlan ? 'report.noKpis' : 'report.noPlan'), '');
  else
    table(
      [t.t('report.kpi'), t.t('report.baselineToTarget'), t.t('report.direction'), t.t('report.when'), t.t('report.owner'), t.t('report.usedBy')],
      view.kpis.map((kpi) => [
        name(kpi),
        `${number(kpi.baseline)} → ${number(kpi.target)}${kpi.unit ? ` ${cell(kpi.unit)}` : ''}`,
        choice('direction', kpi.direction),
        [kpi.due && t.t('report.dueOn', { date: kpi.due }), kpi.frequency && choice('frequency', kpi.frequency)].filter(Boolean).join('<br>') || '—',
        kpi.owner ? name(kpi.owner) : '—',
        kpi.campaigns.length === 0 ? t.t('report.unused') : kpi.campaigns.map(name).join(', '),
      ]),
    );

  // Traceability.
  heading('traceability');
  const trace = view.traceability;
  if (!view.hasPlan) out.push(t.t('report.noPlan'), '');
  else {
    const kpis = (list: Array<{ id: string; name?: string; known: boolean }>) =>
      list.length === 0 ? t.t('report.noKpisListed') : list.map((kpi) => name(kpi) + (kpi.known ? '' : ` (${t.t('report.unknownId')})`)).join(', ');
    for (const objective of trace.objectives) {
      out.push(`- **${objective.statement ? cell(objective.statement) : name(objective)}**${objective.campaigns.length === 0 ? ` — ${t.t('report.unserved')}` : ''}`);
      for (const campaign of objective.campaigns) out.push(`  - ${name(campaign)} → ${kpis(campaign.kpis)}`);
    }
    if (trace.objectives.length === 0) out.push(t.t('report.noObjectives'));
    out.push('');
    if (trace.campaignsServingNothing.length > 0)
      out.push(`**${t.t('report.servesNothing')}:** ${trace.campaignsServingNothing.map((campaign) => name(campaign) + (campaign.objective !== undefined ? ` (${cell(t.t('report.unknownObjective', { id: campaign.objective }))})` : '')).join(', ')}`, '');
    if (trace.kpisUnused.length > 0) out.push(`**${t.t('report.kpisUnused')}:** ${trace.kpisUnused.map(name).join(', ')}`, '');
    if (trace.campaignsUnmeasured.length > 0) out.push(`**${t.t('report.campaignsUnmeasured')}:** ${trace.campaignsUnmeasured.map(name).join(', ')}`, '');
  }

  // People.
  heading('people');
  if (view.people.length === 0) out.push(t.t('report.noTeam'), '');
  else
    table(
      [t.t('report.person'), t.t('report.roleHeading'), t.t('report.owns')],
      view.people.map((member) => [
        name(member),
        choice('role', member.role),
        member.owns.map((ownership) => t.t(`report.owns.${ownership.kind}`) + (ownership.id !== undefined || ownership.name !== undefined ? `: ${name(ownership)}` : '')).join('<br>') || '—',
      ]),
    );
  if (view.unknownOwners.length > 0) out.push(`> ⚠ ${cell(t.t('report.unknownOwners', { ids: view.unknownOwners.map((owner) => owner.id) }))}`, '');

  // Findings.
  heading('findings');
  if (view.findings.length === 0) out.push(t.t('report.noFindings'), '');
  for (const group of view.findings) {
    out.push(`### ${t.t('report.findingsIn', { section: group.section })}`, '');
    for (const finding of group.items)
      out.push(`- **${t.t(`report.severity.${severityNames[finding.severity]}`)}** ${t.t('report.line', { line: finding.at.line + 1 })}: ${cell(finding.message)} (\`${finding.code}\`)`);
    out.push('');
  }

  out.push('---', '', `_${cell(madeFrom(provenance))}_`, '');
  return out.join('\n');
}
