import Big from 'big.js';
import { nextTurn } from '../hosts/turns';
import { decimalText, sumOf } from '../service/model/amounts';
import { daysIncluded } from '../service/model/plan';
import { dayNumber } from '../service/model/reader';
import type { Translator } from '../service';
import {
  headingOf,
  valueTitle,
  type AllocationState,
  type FindingView,
  type Labelled,
  type Located,
  type Money,
  type PlanView,
  type ScheduleItem,
  type StandingAmounts,
  type StandingKpi,
  type StandingView,
  type ValueKind,
} from '../service/features/view';
import { type Bar, type BarPair, type Charts, type GanttRow, type LineSeries } from './charts';
import { escapeHtml, markupForLogs, messageHtml } from './escape';
import { ReportWords, severityNames } from './words';
import { reportStyle } from './style';
import type { Provenance } from './provenance';

/** How the panels are put on the page: in the editor's preview, items are links back to their lines. */
export interface HtmlOptions {
  /** Items become links that the preview's script turns into "reveal this line". */
  interactive: boolean;
  /** The folder file names are shown relative to. */
  root: string;
}


/** The view's dates are real calendar dates: each has its day number. */
const dayOf = (date: string) => dayNumber(date)!;

/** More bars or rows than a chart can show legibly: the tables list everything. */
const maxBars = 20;
const maxGanttRows = 40;

/** The heights of the spending chart and of each KPI's. */
const spendingChartHeight = 260;
const kpiChartHeight = 150;

/** Renders a plan's view as HTML: the panels alone (for the preview) or a whole page (for the export). */
export class HtmlReport {
  constructor(
    private readonly view: PlanView,
    private readonly t: Translator,
    private readonly charts: Charts,
    private readonly options: HtmlOptions,
  ) {
    this.words = new ReportWords(view, t, options.root);
  }

  private readonly words: ReportWords;

  /** The marks between assembled pieces: full-width after Chinese. */
  private get marks() {
    return this.t.formats.punctuation;
  }

  private text(id: string, data?: Parameters<Translator['t']>[1]): string {
    return escapeHtml(this.t.t(id, data));
  }

  /** An item's name as people read it: its name, with its id beside it; or its id alone. */
  private nameOf(item: { id?: string; name?: string }): string {
    if (item.name !== undefined && item.id !== undefined) return `${escapeHtml(item.name)} <code>${escapeHtml(item.id)}</code>`;
    if (item.name !== undefined) return escapeHtml(item.name);
    return item.id !== undefined ? `<code>${escapeHtml(item.id)}</code>` : this.text('report.unnamed');
  }

  private plainName(item: { id?: string; name?: string }): string {
    return item.name ?? item.id ?? this.t.t('report.unnamed');
  }

  /** A link to where an item is written, in the preview; its words alone in a report, or where its place is not known. */
  private goto(at: Located | undefined, inner: string): string {
    if (!this.options.interactive || !at) return inner;
    return `<a href="#" class="goto" data-file="${escapeHtml(at.file)}" data-line="${at.line}" data-character="${at.character}" title="${this.text('report.goto', { line: at.line + 1 })}">${inner}</a>`;
  }

  private money(amount: Money | undefined): string {
    return escapeHtml(this.words.money(amount));
  }

  private date(value: string | undefined): string {
    return escapeHtml(this.words.date(value));
  }


  private choice(kind: ValueKind, value: string | undefined): string {
    return escapeHtml(this.words.choice(kind, value));
  }

  /** A label that writes its own colon ("Needs:", "需求：") and the space after it: none after a full-width mark. */
  private label(id: string): string {
    const text = this.t.t(id);
    return `<span class="label">${escapeHtml(text)}</span>${this.t.formats.gapAfter(text)}`;
  }

  private list(items: readonly string[]): string {
    return items.length === 0 ? `<p class="none">${this.text('report.none')}</p>` : `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  }

  private section(id: string, body: string): string {
    return `<section id="${id}" aria-labelledby="${id}-heading"><h2 id="${id}-heading">${this.text(`report.section.${id}`)}</h2>${body}</section>`;
  }

  private definitions(rows: Array<[string, string | undefined]>): string {
    const shown = rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
    return shown.length === 0 ? '' : `<dl>${shown.map(([term, value]) => `<dt>${this.text(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
  }

  private person(ref: { id: string; name?: string; role?: string; known: boolean } | undefined): string | undefined {
    if (!ref) return undefined;
    const name = ref.name ? `${escapeHtml(ref.name)} <code>${escapeHtml(ref.id)}</code>` : `<code>${escapeHtml(ref.id)}</code>`;
    if (!ref.known) return `${name} <span class="flag warn">${this.text('report.notOnTeam')}</span>`;
    return ref.role ? `${name} · ${this.choice('role', ref.role)}` : name;
  }

  /**
   * The panels, in reading order, one at a time: a large plan's panels take a while to draw, and
   * the language server answers a hover or a completion between two of them.
   */
  async panels(): Promise<string> {
    const parts: string[] = [];
    for (const panel of [this.header, this.strategy, this.budget, this.standing, this.timeline, this.measurement, this.traceability, this.people, this.findings]) {
      parts.push(panel.call(this));
      await nextTurn();
    }
    return parts.join('');
  }

  private header(): string {
    const { view } = this;
    const organization = view.organization;
    const title = headingOf(view);
    const facts = [organization?.name, organization?.stage && valueTitle('stage', organization.stage, this.t), organization?.industry, organization?.market].filter(
      (fact): fact is string => fact !== undefined && fact !== title,
    );
    const counts = view.findings.flatMap((group) => group.items);
    const errors = counts.filter((finding) => finding.severity === 1).length;
    const warnings = counts.filter((finding) => finding.severity === 2).length;
    const summary =
      counts.length === 0
        ? `<p class="status ok">${this.text('report.noFindings')}</p>`
        : `<p class="status ${errors > 0 ? 'error' : 'warn'}"><a href="#findings">${this.text('report.findingCount', { errors, warnings, others: counts.length - errors - warnings })}</a></p>`;
    const nav = ['strategy', 'budget', ...(view.standing ? ['standing'] : []), 'timeline', 'measurement', 'traceability', 'people', 'findings']
      .map((id) => `<li><a href="#${id}">${this.text(`report.section.${id}`)}</a></li>`)
      .join('');
    return `<header class="report-header"><h1>${escapeHtml(title)}</h1>${facts.length > 0 ? `<p class="facts">${facts.map(escapeHtml).join(' · ')}</p>` : ''}${summary}<nav aria-label="${this.text('report.contents')}"><ul>${nav}</ul></nav></header>`;
  }

  private strategy(): string {
    const strategy = this.view.strategy;
    if (!strategy) return this.section('strategy', `<p class="none">${this.text('report.noStrategy')}</p>`);
    const imported = strategy.at.file !== this.view.file ? `<p class="note">${this.text('report.importedFrom', { file: this.words.relative(strategy.at.file) })}</p>` : '';
    const head = this.definitions([
      ['report.owner', this.person(strategy.owner)],
      ['report.horizon', strategy.horizon && escapeHtml(this.words.range(strategy.horizon))],
      ['report.basedOn', strategy.basedOn && escapeHtml(strategy.basedOn)],
    ]);
    const vision = strategy.vision ? `<blockquote class="vision"><p>${escapeHtml(strategy.vision)}</p></blockquote>` : '';
    const objectives =
      strategy.objectives.length === 0
        ? `<p class="none">${this.text('report.none')}</p>`
        : `<table><thead><tr><th scope="col">${this.text('report.objective')}</th><th scope="col">${this.text('report.target')}</th><th scope="col">${this.text('report.due')}</th></tr></thead><tbody>${strategy.objectives
            .map(
              (objective) =>
                `<tr><th scope="row">${this.goto(objective.at, objective.statement ? escapeHtml(objective.statement) : this.nameOf(objective))}${objective.id ? ` <code>${escapeHtml(objective.id)}</code>` : ''}${objective.implemented ? ` <span class="flag ok">${this.text('report.implemented')}</span>` : ''}</th><td>${escapeHtml(this.words.quantity(objective.target, objective.unit))}${objective.metric ? `<div class="sub">${escapeHtml(objective.metric)}</div>` : ''}</td><td>${this.date(objective.due)}</td></tr>`,
            )
            .join('')}</tbody></table>`;
    const segments =
      strategy.segments.length === 0
        ? `<p class="none">${this.text('report.none')}</p>`
        : `<ul class="cards">${strategy.segments
            .map(
              (segment) =>
                `<li>${this.goto(segment.at, `<strong>${this.nameOf(segment)}</strong>`)}${segment.description ? `<p>${escapeHtml(segment.description)}</p>` : ''}${segment.needs.length > 0 ? `<p>${this.label('report.needs')}${segment.needs.map(escapeHtml).join(this.marks.semicolon)}</p>` : ''}${segment.painPoints.length > 0 ? `<p>${this.label('report.painPoints')}${segment.painPoints.map(escapeHtml).join(this.marks.semicolon)}</p>` : ''}${segment.size !== undefined ? `<p>${this.label('report.size')}${escapeHtml(typeof segment.size === 'number' ? this.t.format('number', segment.size) : segment.size)}</p>` : ''}</li>`,
            )
            .join('')}</ul>`;
    const proposition = strategy.valueProposition
      ? this.definitions([
          ['report.valueProposition', strategy.valueProposition.statement && escapeHtml(strategy.valueProposition.statement)],
          ['report.usp', strategy.valueProposition.usp && escapeHtml(strategy.valueProposition.usp)],
        ])
      : `<p class="none">${this.text('report.none')}</p>`;
    const swot = strategy.swot
      ? `<div class="swot" role="group" aria-label="${this.text('report.swot')}">${(['strengths', 'weaknesses', 'opportunities', 'threats'] as const)
          .map((quadrant) => {
            const entries = strategy.swot![quadrant];
            return `<div class="quadrant ${quadrant}"><h4>${this.text(`report.swot.${quadrant}`)}</h4>${entries === undefined ? `<p class="none">${this.text('report.missing')}</p>` : this.list(entries)}</div>`;
          })
          .join('')}</div>`
      : `<p class="none">${this.text('report.none')}</p>`;
    const competition = strategy.competition
      ? `${this.definitions([
          ['report.approach', strategy.competition.approach && this.choice('approach', strategy.competition.approach)],
          ['report.advantage', strategy.competition.advantage && escapeHtml(strategy.competition.advantage)],
        ])}${
          strategy.competition.competitors.length > 0
            ? `<table><caption>${this.text('report.competitors')}</caption><thead><tr><th scope="col">${this.text('report.competitor')}</th><th scope="col">${this.text('report.swot.strengths')}</th><th scope="col">${this.text('report.swot.weaknesses')}</th></tr></thead><tbody>${strategy.competition.competitors
                .map((competitor) => `<tr><th scope="row">${escapeHtml(competitor.name ?? '—')}</th><td>${competitor.strengths.map(escapeHtml).join(this.marks.semicolon) || '—'}</td><td>${competitor.weaknesses.map(escapeHtml).join(this.marks.semicolon) || '—'}</td></tr>`)
                .join('')}</tbody></table>`
            : ''
        }`
      : `<p class="none">${this.text('report.none')}</p>`;
    const brand = strategy.brand
      ? this.definitions([
          ['report.positioning', strategy.brand.positioning && escapeHtml(strategy.brand.positioning)],
          ['report.personality', strategy.brand.personality && escapeHtml(strategy.brand.personality)],
          ['report.promise', strategy.brand.promise && escapeHtml(strategy.brand.promise)],
        ])
      : `<p class="none">${this.text('report.none')}</p>`;
    const part = (id: string, body: string) => `<div class="part"><h3>${this.text(id)}</h3>${body}</div>`;
    return this.section(
      'strategy',
      `${imported}${head}${vision}<div class="one-page">${part('report.objectives', objectives)}${part('report.segments', segments)}${part('report.valueProposition', proposition)}${part('report.swot', swot)}${part('report.competition', competition)}${part('report.brand', brand)}</div>`,
    );
  }

  private stateNote(state: AllocationState, difference: Money | undefined): string {
    if (state === 'over') return `<p class="status error">${this.text('report.budget.over', { amount: this.money(difference) })}</p>`;
    if (state === 'under') return `<p class="status info">${this.text('report.budget.under', { amount: this.money(difference) })}</p>`;
    if (state === 'exact') return `<p class="status ok">${this.text('report.budget.exact')}</p>`;
    return '';
  }

  private budget(): string {
    const budget = this.view.budget;
    if (!budget) return this.section('budget', `<p class="none">${this.text(this.view.hasPlan ? 'report.noBudget' : 'report.noPlan')}</p>`);
    const figures = this.definitions([
      ['report.budget.total', this.money(budget.total)],
      ['report.budget.allocated', budget.allocated && this.money(budget.allocated)],
      ['report.budget.remaining', budget.remaining && this.money(budget.remaining)],
      ['report.budget.campaigns', budget.campaignBudgetsTotal && this.money(budget.campaignBudgetsTotal)],
    ]);
    const share = (value: number | undefined) => (value === undefined ? '' : ` · ${this.t.format('percent', value)}`);
    const summaryBars: Bar[] = [];
    if (budget.total) summaryBars.push({ label: this.t.t('report.budget.total'), value: budget.total.value, text: this.t.money(budget.total.exact, budget.currency), color: 'axis' });
    if (budget.allocated)
      summaryBars.push({
        label: this.t.t('report.budget.allocated'),
        value: budget.allocated.value,
        text: this.t.money(budget.allocated.exact, budget.currency) + share(budget.total && budget.total.value !== 0 ? budget.allocated.value / budget.total.value : undefined),
        color: budget.state === 'over' ? 'over' : 'bar',
      });
    if (budget.campaignBudgetsTotal)
      summaryBars.push({
        label: this.t.t('report.budget.campaigns'),
        value: budget.campaignBudgetsTotal.value,
        text: this.t.money(budget.campaignBudgetsTotal.exact, budget.currency),
        color: budget.campaignBudgetsState === 'over' ? 'over' : 'second',
      });
    const allocationRows = [...budget.byChannel, ...budget.byCampaign];
    // A chart of more bars than a reader can compare shows the largest, and the rest as one.
    const charted = allocationRows.length <= maxBars ? allocationRows : [...allocationRows].sort((a, b) => b.amount.value - a.amount.value).slice(0, maxBars - 1);
    const rest = allocationRows.filter((allocation) => !charted.includes(allocation));
    const allocationBars: Bar[] = charted.map((allocation) => ({
      label: this.words.labelled(this.t.t(`report.budget.${allocation.kind}`), this.plainName(allocation)),
      value: allocation.amount.value,
      text: this.t.money(allocation.amount.exact, budget.currency) + share(allocation.share),
      color: allocation.kind === 'channel' ? 'bar' : 'second',
    }));
    if (rest.length > 0) {
      const restSum = sumOf(rest.map((allocation) => new Big(allocation.amount.exact)));
      allocationBars.push({
        label: this.t.t('report.budget.others', { count: rest.length }),
        value: restSum.toNumber(),
        text: this.t.money(decimalText(restSum), budget.currency) + share(budget.total && budget.total.value !== 0 ? restSum.toNumber() / budget.total.value : undefined),
        color: 'axis',
      });
    }
    const marker = budget.total ? { value: budget.total.value, label: this.t.t('report.budget.totalLine') } : undefined;
    const table = (caption: string, rows: Array<{ kind?: string; id?: string; name?: string; amount: Money; share?: number; note?: string; at: Located }>) =>
      rows.length === 0
        ? ''
        : `<table><caption>${caption}</caption><thead><tr><th scope="col">${this.text('report.item')}</th><th scope="col" class="num">${this.text('report.amount')}</th><th scope="col" class="num">${this.text('report.share')}</th></tr></thead><tbody>${rows
            .map(
              (row) =>
                `<tr><th scope="row">${row.kind ? `${this.text(`report.budget.${row.kind}`)}${this.marks.colon}${this.marks.gap}` : ''}${this.goto(row.at, this.nameOf(row))}${row.note ? `<div class="sub">${escapeHtml(row.note)}</div>` : ''}</th><td class="num">${this.money(row.amount)}</td><td class="num">${row.share === undefined ? '—' : escapeHtml(this.t.format('percent', row.share))}</td></tr>`,
            )
            .join('')}</tbody></table>`;
    return this.section(
      'budget',
      `${figures}${this.stateNote(budget.state, budget.state === 'over' ? budget.excess : budget.remaining)}${budget.campaignBudgetsState === 'over' ? `<p class="status error">${this.text('report.budget.campaignsOver', { amount: this.money(budget.campaignBudgetsExcess) })}</p>` : ''}${
        summaryBars.length > 0 ? this.figure(this.charts.bar(summaryBars, this.t), this.t.t('report.budget.summaryChart')) : ''
      }${allocationBars.length > 0 ? this.figure(this.charts.bar(allocationBars, this.t, marker && allocationBars.every((bar) => marker.value >= bar.value) ? undefined : marker), this.t.t('report.budget.allocationChart')) : ''}${table(
        this.text('report.budget.allocations'),
        allocationRows,
      )}${table(this.text('report.budget.campaignBudgets'), budget.campaignBudgets)}`,
    );
  }

  /** Where the plan stands by `asOf`, where actuals measure it: spending against the plan and an even pace, KPIs against their paths, the actuals' findings. */
  private standing(): string {
    const standing = this.view.standing;
    if (!standing) return '';
    // The plan's currency: an actuals file of its own has no budget to take it from.
    const money = (amount: Money | undefined) => (amount ? this.t.money(amount.exact, standing.currency) : '—');
    const percent = (share: number | undefined) => escapeHtml(this.words.percent(share));
    const { total } = standing;
    const head = this.definitions([
      ['report.standing.asOf', this.goto(standing.at, this.date(standing.asOf))],
      ['report.standing.recordedIn', standing.file !== this.view.file ? escapeHtml(this.words.relative(standing.file)) : undefined],
      ['report.standing.measures', standing.plan !== this.view.file ? escapeHtml(this.words.relative(standing.plan)) : undefined],
      [
        'report.standing.spentInAll',
        total.planned && total.spentShare !== undefined
          ? this.text('report.standing.spentOf', { spent: money(total.spent), planned: money(total.planned), share: total.spentShare })
          : escapeHtml(money(total.spent)),
      ],
      ['report.standing.periodGone', total.elapsed !== undefined ? percent(total.elapsed) : undefined],
      ['report.standing.paceBy', total.evenPace && escapeHtml(money(total.evenPace))],
    ]);

    // Planned against spent, item by item.
    const items = [...standing.channels, ...standing.campaigns];
    const charted = items.slice(0, maxBars);
    const pairs: BarPair[] = charted.map((item) => ({
      label: this.words.labelled(this.t.t(`report.budget.${item.kind}`), this.plainName(item)),
      planned: { value: item.planned.value, text: this.t.t('report.standing.plannedBar', { amount: money(item.planned) }) },
      spent: {
        value: item.spent.value,
        text: item.spentShare === undefined ? this.t.t('report.standing.spentBar', { amount: money(item.spent) }) : this.t.t('report.standing.spentShareBar', { amount: money(item.spent), share: item.spentShare }),
        color: item.spent.value > item.planned.value ? 'over' : item.kind === 'channel' ? 'bar' : 'second',
      },
      pace: item.evenPace?.value,
    }));
    const itemsChart =
      pairs.length > 0
        ? this.figure(this.charts.barPairs(pairs, this.t), this.t.t('report.standing.itemsChart', { date: standing.asOf })) +
          (items.length > charted.length ? `<p class="note">${this.text('report.chartFirst', { shown: charted.length, count: items.length })}</p>` : '')
        : '';
    const figures = (row: StandingAmounts) =>
      [money(row.planned), money(row.spent)].map((amount) => `<td class="num">${escapeHtml(amount)}</td>`).join('') +
      `<td class="num">${percent(row.spentShare)}</td><td class="num">${percent(row.elapsed)}</td><td class="num">${escapeHtml(money(row.evenPace))}</td>`;
    const itemsTable = `<table><caption>${this.text('report.standing.items')}</caption><thead><tr><th scope="col">${this.text('report.item')}</th>${['report.standing.planned', 'report.standing.spent', 'report.standing.shareSpent', 'report.standing.spanGone', 'report.standing.evenPace']
      .map((id) => `<th scope="col" class="num">${this.text(id)}</th>`)
      .join('')}</tr></thead><tbody>${items
      .map((item) => `<tr><th scope="row">${this.text(`report.budget.${item.kind}`)}${this.marks.colon}${this.marks.gap}${this.goto(item.at, this.nameOf(item))}</th>${figures(item)}</tr>`)
      .join('')}<tr><th scope="row">${this.text('report.standing.inAll')}</th>${figures(total)}</tr></tbody></table>`;

    return this.section('standing', `${head}${itemsChart}${itemsTable}${this.spending(standing, money)}${this.standingKpis(standing)}${this.standingFindings(standing)}`);
  }

  /** What was spent in all over time, against an even pace of the total budget over the plan period, with `asOf` marked. */
  private spending(standing: StandingView, money: (amount: Money | undefined) => string): string {
    if (standing.spending.length === 0) return `<p class="none">${this.text('report.standing.noSpending', { date: standing.asOf })}</p>`;
    const asOf = dayOf(standing.asOf);
    const days = standing.spending.map((point) => dayOf(point.date));
    const period = standing.period && { start: dayOf(standing.period.start), end: dayOf(standing.period.end) };
    const range = { start: Math.min(period?.start ?? days[0], days[0]), end: Math.max(period?.end ?? asOf, asOf) };
    // Each total stands from the end of its day; the line starts from nothing and runs on to the end of `asOf`.
    const last = standing.spending[standing.spending.length - 1];
    const spent: LineSeries = {
      points: [{ day: range.start, value: 0 }, ...standing.spending.map((point) => ({ day: dayOf(point.date) + 1, value: point.spent.value })), { day: asOf + 1, value: last.spent.value }],
      color: 'bar',
      steps: true,
      label: this.t.t('report.standing.spentLine'),
    };
    const paceEnd = standing.pace?.[standing.pace.length - 1];
    const pace: LineSeries[] =
      period && paceEnd
        ? [{ points: [{ day: period.start, value: 0 }, { day: dayOf(paceEnd.date) + 1, value: paceEnd.amount.value }], color: 'axis', dashed: true, label: this.t.t('report.standing.paceLine') }]
        : [];
    const chart = this.figure(
      this.charts.lines([...pace, spent], range, this.t, { height: spendingChartHeight, fromZero: true, mark: { day: asOf + 1, label: this.t.t('report.standing.asOfMark', { date: standing.asOf }) } }),
      this.t.t('report.standing.spendingChart'),
    );
    const table = `<details><summary>${this.text('report.standing.spending')}</summary><table><thead><tr><th scope="col">${this.text('report.standing.date')}</th><th scope="col" class="num">${this.text('report.standing.spentBy')}</th><th scope="col" class="num">${this.text('report.standing.paceBy')}</th></tr></thead><tbody>${standing.spending
      .map((point) => `<tr><th scope="row">${this.date(point.date)}</th><td class="num">${escapeHtml(money(point.spent))}</td><td class="num">${escapeHtml(money(point.evenPace))}</td></tr>`)
      .join('')}</tbody></table></details>`;
    return chart + table;
  }

  /** Each KPI with results: the latest against its path and target, and all of them drawn against the path. */
  private standingKpis(standing: StandingView): string {
    if (standing.kpis.length === 0) return `<p class="none">${this.text('report.standing.noResults', { date: standing.asOf })}</p>`;
    const quantity = (kpi: StandingKpi, value: number | undefined) => escapeHtml(this.words.quantity(value, kpi.unit));
    const table = `<table class="kpis"><caption>${this.text('report.standing.kpis')}</caption><thead><tr><th scope="col">${this.text('report.kpi')}</th><th scope="col" class="num">${this.text('report.standing.latest')}</th><th scope="col">${this.text('report.standing.date')}</th><th scope="col" class="num">${this.text('report.standing.path')}</th><th scope="col" class="num">${this.text('report.target')}</th></tr></thead><tbody>${standing.kpis
      .map(
        (kpi) =>
          `<tr><th scope="row">${this.goto(kpi.at, this.nameOf(kpi))}</th><td class="num">${quantity(kpi, kpi.latest.value)}</td><td>${this.date(kpi.latest.date)}</td><td class="num">${quantity(kpi, kpi.pathAtLatest)}</td><td class="num">${quantity(kpi, kpi.target)}</td></tr>`,
      )
      .join('')}</tbody></table>`;
    return table + standing.kpis.map((kpi) => this.kpiChart(kpi, standing)).join('');
  }

  /** A KPI's results as a small line chart against its path (or its target), its figures in a table below. */
  private kpiChart(kpi: StandingKpi, standing: StandingView): string {
    // A result is read on its day: drawn at the day's middle, as the path's corners are.
    const middle = (date: string) => dayOf(date) + 0.5;
    const days = kpi.results.map((result) => dayOf(result.date));
    const period = standing.period && { start: dayOf(standing.period.start), end: dayOf(standing.period.end) };
    // Folded, not spread: a daily export holds more results than a call takes arguments.
    const range = days.reduce((span, day) => ({ start: Math.min(span.start, day), end: Math.max(span.end, day) }), period ?? { start: days[0], end: days[0] });
    const guide: LineSeries[] = kpi.path
      ? [{ points: kpi.path.map((corner) => ({ day: middle(corner.date), value: corner.value })), color: 'axis', dashed: true, label: this.t.t('report.standing.pathLine') }]
      : kpi.target !== undefined
        ? [{ points: [{ day: range.start, value: kpi.target }, { day: range.end + 1, value: kpi.target }], color: 'axis', dashed: true, label: this.t.t('report.standing.targetLine') }]
        : [];
    const results: LineSeries = { points: kpi.results.map((result) => ({ day: middle(result.date), value: result.value })), color: 'bar', dots: true };
    const name = this.plainName(kpi);
    const caption = this.t.t(kpi.path ? 'report.standing.kpiChart' : kpi.target !== undefined ? 'report.standing.kpiChartTarget' : 'report.standing.results', { kpi: name });
    const chart = this.figure(this.charts.lines([...guide, results], range, this.t, { height: kpiChartHeight, fromZero: false }), caption);
    const quantity = (value: number | undefined) => escapeHtml(this.words.quantity(value, kpi.unit));
    const table = `<details><summary>${this.text('report.standing.results', { kpi: name })}</summary><table><thead><tr><th scope="col">${this.text('report.standing.date')}</th><th scope="col" class="num">${this.text('report.standing.result')}</th><th scope="col" class="num">${this.text('report.standing.path')}</th></tr></thead><tbody>${kpi.results
      .map((result) => `<tr><th scope="row">${this.date(result.date)}</th><td class="num">${quantity(result.value)}</td><td class="num">${quantity(result.path)}</td></tr>`)
      .join('')}</tbody></table></details>`;
    return chart + table;
  }

  /** The open `actuals/*` findings of the actuals' file, each linked to its line. */
  private standingFindings(standing: StandingView): string {
    const heading = `<h3>${this.text('report.standing.findings')}</h3>`;
    if (standing.findings.length === 0) return `${heading}<p class="status ok">${this.text('report.standing.noFindings')}</p>`;
    return `${heading}<ul class="findings">${standing.findings.map((finding) => this.finding(finding)).join('')}</ul>`;
  }

  /** A chart with its caption; the figures it draws are in the table that follows it. */
  private figure(svg: string, caption: string): string {
    // ECharts escapes the plan's names in its SVG as XML, which leaves a legacy workflow command (`##[`) as it was.
    return `<figure class="chart"><figcaption>${escapeHtml(caption)}</figcaption>${markupForLogs(svg)}</figure>`;
  }

  private placeFlag(item: ScheduleItem): string {
    if (item.place === 'inside') return '';
    const level = item.place === 'undated' ? 'info' : 'warn';
    return ` <span class="flag ${level}">${this.text(`report.schedule.${item.place}`)}</span>`;
  }

  private timeline(): string {
    const { timeline } = this.view;
    const dated = timeline.items.filter((item) => item.place !== 'undated' && item.place !== 'reversed');
    const days = dated.flatMap((item) => [dayOf(item.start!), dayOf(item.end!)]);
    const period = timeline.period && { start: dayOf(timeline.period.start), end: dayOf(timeline.period.end) };
    // Folded, not spread: a plan may date more items than a call takes arguments.
    const bounds = (first: number, last: number) => days.reduce((span, day) => ({ start: Math.min(span.start, day), end: Math.max(span.end, day) }), { start: first, end: last });
    const range = period ? bounds(period.start, period.end) : days.length > 0 ? bounds(days[0], days[0]) : undefined;
    const today = dayOf(timeline.today);
    const rows: GanttRow[] = dated.slice(0, maxGanttRows).map((item) => ({
      label: this.plainName(item),
      start: dayOf(item.start!),
      end: dayOf(item.end!),
      color: item.place === 'outside' ? 'over' : item.kind === 'milestone' ? 'milestone' : 'bar',
      point: item.start === item.end && item.kind === 'milestone',
    }));
    const chart =
      range && rows.length > 0
        ? this.figure(
            this.charts.gantt(rows, range, this.t, { period, today: today >= range.start && today <= range.end ? { day: today, label: this.t.t('report.today') } : undefined }),
            this.t.t('report.timeline.chart'),
          ) + (dated.length > rows.length ? `<p class="note">${this.text('report.chartFirst', { shown: rows.length, count: dated.length })}</p>` : '')
        : '';
    const horizonChart =
      timeline.horizon && timeline.period
        ? this.figure(
            this.charts.gantt(
              [
                { label: this.t.t('report.horizon'), start: dayOf(timeline.horizon.start), end: dayOf(timeline.horizon.end), color: 'second' },
                { label: this.t.t('report.period'), start: period!.start, end: period!.end, color: timeline.periodInsideHorizon ? 'period' : 'over' },
              ],
              { start: Math.min(dayOf(timeline.horizon.start), period!.start), end: Math.max(dayOf(timeline.horizon.end), period!.end) },
              this.t,
              {},
            ),
            this.t.t('report.timeline.horizonChart'),
          )
        : '';
    const periodNote = this.definitions([
      ['report.period', timeline.period && escapeHtml(this.words.range(timeline.period))],
      ['report.horizon', timeline.horizon && escapeHtml(this.words.range(timeline.horizon))],
      ['report.today', this.date(timeline.today)],
    ]);
    const outsideHorizon = timeline.periodInsideHorizon === false ? `<p class="status warn">${this.text('report.periodOutsideHorizon')}</p>` : '';
    const table =
      timeline.items.length === 0
        ? `<p class="none">${this.text(this.view.hasPlan ? 'report.noSchedule' : 'report.noPlan')}</p>`
        : `<table><caption>${this.text('report.timeline.table')}</caption><thead><tr><th scope="col">${this.text('report.item')}</th><th scope="col">${this.text('report.kind')}</th><th scope="col">${this.text('report.start')}</th><th scope="col">${this.text('report.end')}</th><th scope="col" class="num">${this.text('report.days')}</th></tr></thead><tbody>${timeline.items
            .map(
              (item) =>
                `<tr><th scope="row">${this.goto(item.at, this.nameOf(item))}${this.placeFlag(item)}</th><td>${this.text(`report.kind.${item.kind}`)}</td><td>${this.date(item.start)}</td><td>${this.date(item.end)}</td><td class="num">${item.start && item.end && item.place !== 'reversed' ? escapeHtml(this.t.format('number', daysIncluded({ start: dayOf(item.start), end: dayOf(item.end) }))) : '—'}</td></tr>`,
            )
            .join('')}</tbody></table>`;
    return this.section('timeline', `${periodNote}${outsideHorizon}${horizonChart}${chart}${table}`);
  }

  private measurement(): string {
    const { kpis } = this.view;
    if (kpis.length === 0) return this.section('measurement', `<p class="none">${this.text(this.view.hasPlan ? 'report.noKpis' : 'report.noPlan')}</p>`);
    const arrow = (direction: string | undefined) => (direction === 'decrease' ? '↘' : direction === 'increase' ? '↗' : '→');
    return this.section(
      'measurement',
      `<table class="kpis"><caption>${this.text('report.kpis')}</caption><thead><tr><th scope="col">${this.text('report.kpi')}</th><th scope="col" class="num">${this.text('report.baselineToTarget')}</th><th scope="col">${this.text('report.direction')}</th><th scope="col">${this.text('report.when')}</th><th scope="col">${this.text('report.owner')}</th><th scope="col">${this.text('report.usedBy')}</th></tr></thead><tbody>${kpis
        .map((kpi) => {
          // The baseline in the target's unit, as the target is: 18% → 35%, not 18 → 35%.
          const figures = `${escapeHtml(this.words.quantity(kpi.baseline, kpi.unit))} <span aria-hidden="true">${arrow(kpi.direction)}</span><span class="sr-only">${this.text('report.to')}</span> ${escapeHtml(this.words.quantity(kpi.target, kpi.unit))}`;
          const when = [kpi.due && this.text('report.dueOn', { date: kpi.due }), kpi.frequency && this.choice('frequency', kpi.frequency)].filter(Boolean).join('<br>') || '—';
          const used = kpi.campaigns.length === 0 ? `<span class="flag warn">${this.text('report.unused')}</span>` : this.words.series(kpi.campaigns.map((campaign) => this.goto(campaign.at, this.nameOf(campaign))));
          return `<tr><th scope="row">${this.goto(kpi.at, this.nameOf(kpi))}${kpi.metric ? `<div class="sub">${escapeHtml(kpi.metric)}</div>` : ''}</th><td class="num">${figures}</td><td>${this.choice('direction', kpi.direction)}</td><td>${when}</td><td>${this.person(kpi.owner) ?? '—'}</td><td>${used}</td></tr>`;
        })
        .join('')}</tbody></table>`,
    );
  }

  private traceability(): string {
    const trace = this.view.traceability;
    if (!this.view.hasPlan) return this.section('traceability', `<p class="none">${this.text('report.noPlan')}</p>`);
    const kpiList = (kpis: Array<{ id: string; name?: string; known: boolean }>) =>
      kpis.length === 0
        ? `<span class="flag warn">${this.text('report.noKpisListed')}</span>`
        : this.words.series(kpis.map((kpi) => `${this.nameOf(kpi)}${kpi.known ? '' : ` <span class="flag error">${this.text('report.unknownId')}</span>`}`));
    const campaignItems = (campaigns: Array<Labelled & { kpis: Array<{ id: string; name?: string; known: boolean }> }>) =>
      `<ul>${campaigns.map((campaign) => `<li>${this.goto(campaign.at, this.nameOf(campaign))} → ${kpiList(campaign.kpis)}</li>`).join('')}</ul>`;
    const objectives = trace.objectives
      .map(
        (objective) =>
          `<li>${this.goto(objective.at, `<strong>${objective.statement ? escapeHtml(objective.statement) : this.nameOf(objective)}</strong>`)}${objective.campaigns.length === 0 ? ` <span class="flag warn">${this.text('report.unserved')}</span>` : campaignItems(objective.campaigns)}</li>`,
      )
      .join('');
    const gaps: string[] = [];
    if (trace.campaignsServingNothing.length > 0)
      gaps.push(
        `<h3>${this.text('report.servesNothing')}</h3><ul>${trace.campaignsServingNothing
          .map((campaign) => `<li>${this.goto(campaign.at, this.nameOf(campaign))}${campaign.objective !== undefined ? ` <span class="flag error">${this.text('report.unknownObjective', { id: campaign.objective })}</span>` : ''}</li>`)
          .join('')}</ul>`,
      );
    if (trace.kpisUnused.length > 0) gaps.push(`<h3>${this.text('report.kpisUnused')}</h3><ul>${trace.kpisUnused.map((kpi) => `<li>${this.goto(kpi.at, this.nameOf(kpi))}</li>`).join('')}</ul>`);
    if (trace.campaignsUnmeasured.length > 0)
      gaps.push(`<h3>${this.text('report.campaignsUnmeasured')}</h3><ul>${trace.campaignsUnmeasured.map((campaign) => `<li>${this.goto(campaign.at, this.nameOf(campaign))}</li>`).join('')}</ul>`);
    return this.section(
      'traceability',
      `<p class="note">${this.text('report.traceabilityHow')}</p>${trace.objectives.length > 0 ? `<ol class="trace">${objectives}</ol>` : `<p class="none">${this.text('report.noObjectives')}</p>`}${gaps.length > 0 ? `<div class="gaps">${gaps.join('')}</div>` : ''}${trace.complete ? `<p class="status ok">${this.text('report.noGaps')}</p>` : ''}`,
    );
  }

  private people(): string {
    const { people, unknownOwners } = this.view;
    if (people.length === 0 && unknownOwners.length === 0) return this.section('people', `<p class="none">${this.text('report.noTeam')}</p>`);
    const owned = (owns: PlanView['people'][number]['owns']) =>
      owns.length === 0
        ? '—'
        : owns.map((ownership) => this.goto(ownership.at, ownership.id !== undefined || ownership.name !== undefined ? this.words.labelled(this.text(`report.owns.${ownership.kind}`), this.nameOf(ownership)) : this.text(`report.owns.${ownership.kind}`))).join('<br>');
    const rows = people
      .map((member) => `<tr><th scope="row">${this.goto(member.at, this.nameOf(member))}</th><td>${this.choice('role', member.role)}</td><td>${owned(member.owns)}</td></tr>`)
      .join('');
    const unknown =
      unknownOwners.length > 0 ? `<p class="status warn">${this.text('report.unknownOwners', { ids: unknownOwners.map((owner) => owner.id) })}</p>` : '';
    return this.section(
      'people',
      `<table><caption>${this.text('report.team')}</caption><thead><tr><th scope="col">${this.text('report.person')}</th><th scope="col">${this.text('report.roleHeading')}</th><th scope="col">${this.text('report.owns')}</th></tr></thead><tbody>${rows}</tbody></table>${unknown}`,
    );
  }

  private findings(): string {
    const { findings } = this.view;
    if (findings.length === 0) return this.section('findings', `<p class="status ok">${this.text('report.noFindings')}</p>`);
    return this.section(
      'findings',
      findings
        .map(
          (group) =>
            `<h3>${this.text('report.findingsIn', { section: group.section })}</h3><ul class="findings">${group.items
              .map((finding) => this.finding(finding))
              .join('')}</ul>`,
        )
        .join(''),
    );
  }

  /** A finding as an item of a list: its severity, a link to its line, its message and its rule. */
  private finding(finding: FindingView): string {
    const severity = severityNames[finding.severity];
    return `<li class="${severity}"><span class="severity">${this.text(`report.severity.${severity}`)}</span> ${this.goto(finding.at, this.text('report.line', { line: finding.at.line + 1 }))} ${messageHtml(finding.message)} <code>${escapeHtml(finding.code)}</code></li>`;
  }

  /** What the report was made from, and when. */
  footer(provenance: Provenance): string {
    return `<footer class="provenance"><p>${escapeHtml(this.words.madeFrom(provenance))}</p></footer>`;
  }

  /** A whole page that needs nothing else: inline style and SVG, no script, readable on paper. */
  async document(provenance: Provenance): Promise<string> {
    const lang = this.t.locale === 'zh-cn' ? 'zh-CN' : this.t.locale;
    const title = headingOf(this.view);
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="mktplan">
<title>${escapeHtml(title)}</title>
<style>${reportStyle('page')}</style>
</head>
<body>
<main class="report">${await this.panels()}${this.footer(provenance)}</main>
</body>
</html>
`;
  }
}
