import type { Translator } from '../service';
import { headingOf, valueTitle, type FindingView, type Money, type PlanView, type StandingAmounts } from '../service/features/view';
import { escapeMarkdown as cell, inCodeSpan, messageMarkdown } from './escape';
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
  const { money, date, range, quantity, percent, series, labelled, aside, choice, relative, madeFrom } = new ReportWords(view, t, root);
  // The marks between assembled pieces: full-width after Chinese ("**负责人**：", "（`ads`）").
  const marks = t.formats.punctuation;
  /** A list item of a label in bold and its value. */
  const field = (label: string, value: string) => `- **${label}**${marks.colon}${marks.gap}${value}`;
  // An id as code: inside a table a `|` still splits the cell unless escaped, and ids that name nothing are as written.
  const code = (id: string) => `\`${inCodeSpan(id).replace(/\|/g, '\\|')}\``;
  const name = (item: { id?: string; name?: string }) => (item.name !== undefined ? (item.id ? aside(cell(item.name), code(item.id)) : cell(item.name)) : item.id !== undefined ? code(item.id) : t.t('report.unnamed'));
  const table = (head: string[], rows: string[][]) => {
    out.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
    for (const row of rows) out.push(`| ${row.join(' | ')} |`);
    out.push('');
  };
  const heading = (id: string) => out.push(`## ${t.t(`report.section.${id}`)}`, '');
  /** A finding as a list item: its severity, its line, its message and its rule. */
  const findingLine = (finding: FindingView) =>
    `- **${t.t(`report.severity.${severityNames[finding.severity]}`)}** ${aside(labelled(t.t('report.line', { line: finding.at.line + 1 }), messageMarkdown(finding.message)), `\`${finding.code}\``)}`;

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
    if (strategy.owner) out.push(field(t.t('report.owner'), name(strategy.owner)));
    if (strategy.horizon) out.push(field(t.t('report.horizon'), range(strategy.horizon)));
    if (strategy.vision) out.push(field(t.t('report.vision'), cell(strategy.vision)));
    out.push('');
    out.push(`### ${t.t('report.objectives')}`, '');
    if (strategy.objectives.length === 0) out.push(t.t('report.none'), '');
    else
      table(
        [t.t('report.objective'), t.t('report.target'), t.t('report.due')],
        strategy.objectives.map((objective) => [
          (objective.statement ? cell(objective.statement) : name(objective)) + (objective.implemented ? `${marks.dash}${t.t('report.implemented')}` : ''),
          quantity(objective.target, objective.unit && cell(objective.unit)),
          date(objective.due),
        ]),
      );
    out.push(`### ${t.t('report.segments')}`, '');
    if (strategy.segments.length === 0) out.push(t.t('report.none'), '');
    else {
      for (const segment of strategy.segments)
        out.push(
          `- **${name(segment)}**${segment.description ? `${marks.colon}${marks.gap}${cell(segment.description)}` : ''}${segment.needs.length > 0 ? `${marks.dash}${t.formats.joined(t.t('report.needs'), segment.needs.map(cell).join(marks.semicolon))}` : ''}`,
        );
      out.push('');
    }
    if (strategy.valueProposition) {
      out.push(`### ${t.t('report.valueProposition')}`, '');
      if (strategy.valueProposition.statement) out.push(cell(strategy.valueProposition.statement), '');
      if (strategy.valueProposition.usp) out.push(`**${t.t('report.usp')}**${marks.colon}${marks.gap}${cell(strategy.valueProposition.usp)}`, '');
    }
    if (strategy.swot) {
      out.push(`### ${t.t('report.swot')}`, '');
      const quadrant = (name: 'strengths' | 'weaknesses' | 'opportunities' | 'threats') => (strategy.swot![name] ?? []).map(cell).join('<br>') || '—';
      table([t.t('report.swot.strengths'), t.t('report.swot.weaknesses')], [[quadrant('strengths'), quadrant('weaknesses')]]);
      table([t.t('report.swot.opportunities'), t.t('report.swot.threats')], [[quadrant('opportunities'), quadrant('threats')]]);
    }
    if (strategy.competition) {
      out.push(`### ${t.t('report.competition')}`, '');
      if (strategy.competition.approach) out.push(field(t.t('report.approach'), choice('approach', strategy.competition.approach)));
      if (strategy.competition.advantage) out.push(field(t.t('report.advantage'), cell(strategy.competition.advantage)));
      out.push('');
      if (strategy.competition.competitors.length > 0)
        table(
          [t.t('report.competitor'), t.t('report.swot.strengths'), t.t('report.swot.weaknesses')],
          strategy.competition.competitors.map((competitor) => [cell(competitor.name ?? '—'), competitor.strengths.map(cell).join(marks.semicolon) || '—', competitor.weaknesses.map(cell).join(marks.semicolon) || '—']),
        );
    }
    if (strategy.brand) {
      out.push(`### ${t.t('report.brand')}`, '');
      for (const [key, value] of [['report.positioning', strategy.brand.positioning], ['report.personality', strategy.brand.personality], ['report.promise', strategy.brand.promise]] as const)
        if (value) out.push(field(t.t(key), cell(value)));
      out.push('');
    }
  }

  // Budget.
  heading('budget');
  const budget = view.budget;
  if (!budget) out.push(t.t(view.hasPlan ? 'report.noBudget' : 'report.noPlan'), '');
  else {
    out.push(field(t.t('report.budget.total'), money(budget.total)));
    if (budget.allocated) out.push(field(t.t('report.budget.allocated'), money(budget.allocated)));
    if (budget.remaining) out.push(field(t.t('report.budget.remaining'), money(budget.remaining)));
    if (budget.campaignBudgetsTotal) out.push(field(t.t('report.budget.campaigns'), money(budget.campaignBudgetsTotal)));
    out.push('');
    if (budget.state === 'over') out.push(`> ⚠ ${t.t('report.budget.over', { amount: money(budget.excess) })}`, '');
    if (budget.state === 'under') out.push(`> ${t.t('report.budget.under', { amount: money(budget.remaining) })}`, '');
    if (budget.campaignBudgetsState === 'over') out.push(`> ⚠ ${t.t('report.budget.campaignsOver', { amount: money(budget.campaignBudgetsExcess) })}`, '');
    const rows = [...budget.byChannel, ...budget.byCampaign];
    if (rows.length > 0)
      table(
        [t.t('report.item'), t.t('report.amount'), t.t('report.share')],
        rows.map((row) => [`${labelled(t.t(`report.budget.${row.kind}`), name(row))}${row.note ? `${marks.dash}${cell(row.note)}` : ''}`, money(row.amount), percent(row.share)]),
      );
  }

  // Where the plan stands: tables in place of the preview's charts.
  const standing = view.standing;
  if (standing) {
    heading('standing');
    // The plan's currency: an actuals file of its own has no budget to take it from.
    const inCurrency = (amount: Money | undefined) => (amount ? t.money(amount.exact, standing.currency) : '—');
    const { total } = standing;
    out.push(field(t.t('report.standing.asOf'), date(standing.asOf)));
    if (standing.file !== view.file) out.push(field(t.t('report.standing.recordedIn'), cell(relative(standing.file))));
    if (standing.plan !== view.file) out.push(field(t.t('report.standing.measures'), cell(relative(standing.plan))));
    out.push(
      field(
        t.t('report.standing.spentInAll'),
        total.planned && total.spentShare !== undefined ? t.t('report.standing.spentOf', { spent: inCurrency(total.spent), planned: inCurrency(total.planned), share: total.spentShare }) : inCurrency(total.spent),
      ),
    );
    if (total.elapsed !== undefined) out.push(field(t.t('report.standing.periodGone'), percent(total.elapsed)));
    if (total.evenPace) out.push(field(t.t('report.standing.paceBy'), inCurrency(total.evenPace)));
    out.push('');
    const figures = (row: StandingAmounts) => [
      inCurrency(row.planned),
      inCurrency(row.spent),
      percent(row.spentShare),
      percent(row.elapsed),
      inCurrency(row.evenPace),
    ];
    out.push(`### ${t.t('report.standing.items')}`, '');
    table(
      [t.t('report.item'), ...['planned', 'spent', 'shareSpent', 'spanGone', 'evenPace'].map((id) => t.t(`report.standing.${id}`))],
      [...[...standing.channels, ...standing.campaigns].map((item) => [labelled(t.t(`report.budget.${item.kind}`), name(item)), ...figures(item)]), [t.t('report.standing.inAll'), ...figures(total)]],
    );
    out.push(`### ${t.t('report.standing.spending')}`, '');
    if (standing.spending.length === 0) out.push(t.t('report.standing.noSpending', { date: standing.asOf }), '');
    else
      table(
        [t.t('report.standing.date'), t.t('report.standing.spentBy'), t.t('report.standing.paceBy')],
        standing.spending.map((point) => [date(point.date), inCurrency(point.spent), inCurrency(point.evenPace)]),
      );
    out.push(`### ${t.t('report.standing.kpis')}`, '');
    if (standing.kpis.length === 0) out.push(t.t('report.standing.noResults', { date: standing.asOf }), '');
    else {
      const unitOf = (kpi: { unit?: string }) => kpi.unit && cell(kpi.unit);
      table(
        [t.t('report.kpi'), t.t('report.standing.latest'), t.t('report.standing.date'), t.t('report.standing.path'), t.t('report.target')],
        standing.kpis.map((kpi) => [name(kpi), quantity(kpi.latest.value, unitOf(kpi)), date(kpi.latest.date), quantity(kpi.pathAtLatest, unitOf(kpi)), quantity(kpi.target, unitOf(kpi))]),
      );
      for (const kpi of standing.kpis) {
        out.push(`#### ${t.t('report.standing.results', { kpi: name(kpi) })}`, '');
        table(
          [t.t('report.standing.date'), t.t('report.standing.result'), t.t('report.standing.path')],
          kpi.results.map((result) => [date(result.date), quantity(result.value, unitOf(kpi)), quantity(result.path, unitOf(kpi))]),
        );
      }
    }
    out.push(`### ${t.t('report.standing.findings')}`, '');
    if (standing.findings.length === 0) out.push(t.t('report.standing.noFindings'), '');
    else {
      for (const finding of standing.findings) out.push(findingLine(finding));
      out.push('');
    }
  }

  // Timeline.
  heading('timeline');
  const { timeline } = view;
  if (timeline.period) out.push(field(t.t('report.period'), range(timeline.period)));
  if (timeline.horizon) out.push(field(t.t('report.horizon'), range(timeline.horizon)));
  out.push(field(t.t('report.today'), date(timeline.today)), '');
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
        name(item) + (item.place === 'inside' ? '' : `${marks.dash}${t.t(`report.schedule.${item.place}`)}`),
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
        `${quantity(kpi.baseline, kpi.unit && cell(kpi.unit))} → ${quantity(kpi.target, kpi.unit && cell(kpi.unit))}`,
        choice('direction', kpi.direction),
        [kpi.due && t.t('report.dueOn', { date: kpi.due }), kpi.frequency && choice('frequency', kpi.frequency)].filter(Boolean).join('<br>') || '—',
        kpi.owner ? name(kpi.owner) : '—',
        kpi.campaigns.length === 0 ? t.t('report.unused') : series(kpi.campaigns.map(name)),
      ]),
    );

  // Traceability.
  heading('traceability');
  const trace = view.traceability;
  if (!view.hasPlan) out.push(t.t('report.noPlan'), '');
  else {
    const kpis = (list: Array<{ id: string; name?: string; known: boolean }>) =>
      list.length === 0 ? t.t('report.noKpisListed') : series(list.map((kpi) => (kpi.known ? name(kpi) : aside(name(kpi), t.t('report.unknownId')))));
    for (const objective of trace.objectives) {
      out.push(`- **${objective.statement ? cell(objective.statement) : name(objective)}**${objective.campaigns.length === 0 ? `${marks.dash}${t.t('report.unserved')}` : ''}`);
      for (const campaign of objective.campaigns) out.push(`  - ${name(campaign)} → ${kpis(campaign.kpis)}`);
    }
    if (trace.objectives.length === 0) out.push(t.t('report.noObjectives'));
    out.push('');
    const gap = (label: string, items: string[]) => out.push(`**${label}**${marks.colon}${marks.gap}${series(items)}`, '');
    if (trace.campaignsServingNothing.length > 0)
      gap(
        t.t('report.servesNothing'),
        trace.campaignsServingNothing.map((campaign) => (campaign.objective !== undefined ? aside(name(campaign), cell(t.t('report.unknownObjective', { id: campaign.objective }))) : name(campaign))),
      );
    if (trace.kpisUnused.length > 0) gap(t.t('report.kpisUnused'), trace.kpisUnused.map(name));
    if (trace.campaignsUnmeasured.length > 0) gap(t.t('report.campaignsUnmeasured'), trace.campaignsUnmeasured.map(name));
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
        member.owns.map((ownership) => (ownership.id !== undefined || ownership.name !== undefined ? labelled(t.t(`report.owns.${ownership.kind}`), name(ownership)) : t.t(`report.owns.${ownership.kind}`))).join('<br>') || '—',
      ]),
    );
  if (view.unknownOwners.length > 0) out.push(`> ⚠ ${cell(t.t('report.unknownOwners', { ids: view.unknownOwners.map((owner) => owner.id) }))}`, '');

  // Findings.
  heading('findings');
  if (view.findings.length === 0) out.push(t.t('report.noFindings'), '');
  for (const group of view.findings) {
    out.push(`### ${t.t('report.findingsIn', { section: group.section })}`, '');
    for (const finding of group.items) out.push(findingLine(finding));
    out.push('');
  }

  out.push('---', '', `_${cell(madeFrom(provenance))}_`, '');
  return out.join('\n');
}
