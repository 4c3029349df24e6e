import { diffSections, severityByName, type Change, type DiffPerson, type DiffSection, type FindingChange, type ItemRef, type PlanDiff, type Translator } from '../service';
import { valueTitle } from '../service/features/view';
import { moneyValue } from '../service/i18n/format';
import { escapeHtml, escapeJsonForLogs, escapeMarkdown, escapeTerminal, inCodeSpan, messageHtml, messageMarkdown } from './escape';

/**
 * `mktplan diff` worded for its readers: a terminal (`stylish`), a pull request or a CI job's
 * summary (`markdown`) and programs (`json`, schemas/diff.schema.json). The comparison is the
 * engine's (service/features/diff.ts); every word here comes from the catalogue, every amount,
 * date and share through the locale's formats.
 */

/** One plan compared: how it is named, and each version as the command line read it. */
export interface ComparedPlan {
  /** The plan's path (the new version's, else the old one's), or `OLD → NEW` for two named files. */
  file: string;
  /** Where the old version was read: a path, or `REV:PATH`; absent for a plan added. */
  before?: string;
  /** Where the new version was read; absent for a plan removed. */
  after?: string;
  diff: PlanDiff;
}

export const diffFormats = ['stylish', 'markdown', 'json'] as const;
export type DiffFormat = (typeof diffFormats)[number];

/** How plan text and ids are written for one target. */
interface Style {
  /** Text from a plan, as text. */
  text(value: string): string;
  /** An id, a key or a fixed value, as code. */
  code(value: string): string;
}

const plainStyle: Style = { text: (value) => value, code: (value) => `\`${value}\`` };
const markdownStyle: Style = {
  text: escapeMarkdown,
  // Inside a table a `|` would split the cell, even in a code span.
  code: (value) => `\`${inCodeSpan(value).replace(/\|/g, '\\|')}\``,
};

/** A change's words in one locale and one style. */
class DiffWords {
  constructor(
    private readonly t: Translator,
    private readonly style: Style,
  ) {}

  section(section: DiffSection): string {
    return this.t.t('diff.section', { section });
  }

  item(ref: ItemRef): string {
    const { t, style } = this;
    const kind = t.t(`kind.${ref.kind}`);
    let named: string;
    if (ref.target) named = t.t('diff.allocation', { kind: t.t(`kind.${ref.target.kind}`), id: style.code(ref.target.id) });
    else if (ref.id !== undefined) named = ref.label !== undefined ? t.t('diff.itemNamed', { kind, id: style.code(ref.id), label: style.text(ref.label) }) : t.t('diff.item', { kind, id: style.code(ref.id) });
    else if (ref.label !== undefined) named = t.t('diff.itemLabelled', { kind, label: style.text(ref.label) });
    else named = t.t('diff.itemUnnamed', { kind });
    return ref.parent ? t.t('diff.inside', { item: named, parent: this.item(ref.parent) }) : named;
  }

  subject(change: Change): string {
    const field = change.field === undefined ? undefined : change.field.split('/').map((key) => this.style.code(key)).join('–');
    if (change.change === 'spend') return change.item ? this.t.t('diff.spentOn', { item: this.item(change.item) }) : this.t.t('diff.spentInAll');
    if (change.change === 'result') return this.t.t('diff.latestResult', { item: this.item(change.item!) });
    if (change.item && field !== undefined) return this.t.t('diff.subject', { item: this.item(change.item), field });
    if (change.item) return this.item(change.item);
    return field ?? this.section(change.section);
  }

  person(person: DiffPerson | undefined): string | undefined {
    if (!person) return undefined;
    const id = this.style.code(person.id);
    if (person.role === undefined) return person.name === undefined ? this.t.t('diff.notOnTeam', { id }) : this.t.t('diff.personNamed', { id, name: this.style.text(person.name) });
    const role = valueTitle('role', person.role, this.t);
    return person.name === undefined ? this.t.t('diff.personRole', { id, role }) : this.t.t('diff.person', { id, name: this.style.text(person.name), role });
  }

  /** Every digit: a reviewer compares amounts to the last one (`420,000,000`, never `4.2亿`). */
  money(exact: string, currency: string | undefined): string {
    return this.t.money(exact, currency, 'inFull');
  }

  /** A difference with its sign: `+$10,000`, `−3 days`. */
  signed(negative: boolean, magnitude: string): string {
    return this.t.t(negative ? 'diff.less' : 'diff.more', { value: magnitude });
  }

  moneyDifference(change: Change & { change: 'amount' }): string | undefined {
    if (change.difference === undefined) return undefined;
    const negative = change.difference.startsWith('-');
    const money = this.signed(negative, this.money(negative ? change.difference.slice(1) : change.difference, change.currency));
    if (change.relative === undefined) return money;
    return this.t.t('diff.differenceAndShare', { difference: money, share: this.signed(change.relative < 0, this.t.format('percent', Math.abs(change.relative))) });
  }

  /** One change as one line. */
  change(change: Change): string {
    const { t, style } = this;
    const subject = this.subject(change);
    const between = (before: string | undefined, after: string | undefined, difference?: string): string => {
      if (before === undefined && after !== undefined) return t.t('diff.set', { subject, after });
      if (after === undefined && before !== undefined) return t.t('diff.unset', { subject, before });
      if (difference !== undefined) return t.t('diff.changedBy', { subject, before: before ?? '', after: after ?? '', difference });
      return t.t('diff.changed', { subject, before: before ?? '', after: after ?? '' });
    };
    const days = (count: number, later: string, earlier: string) => t.t(count < 0 ? earlier : later, { days: Math.abs(count) });
    switch (change.change) {
      case 'added':
        return change.amount !== undefined ? t.t('diff.addedAmount', { item: subject, amount: moneyValue(change.amount, change.currency) }) : t.t('diff.added', { item: subject });
      case 'removed':
        return change.amount !== undefined ? t.t('diff.removedAmount', { item: subject, amount: moneyValue(change.amount, change.currency) }) : t.t('diff.removed', { item: subject });
      case 'renamed':
        return t.t('diff.renamed', { kind: t.t(`kind.${change.item!.kind}`), from: style.code(change.from), to: style.code(change.to) });
      case 'text': {
        const quoted = (value: string | undefined) => (value === undefined ? undefined : t.t('diff.quoted', { text: style.text(value) }));
        return between(quoted(change.before), quoted(change.after));
      }
      case 'value': {
        const shown = (value: string | undefined) => (value === undefined ? undefined : style.code(value));
        return between(shown(change.before), shown(change.after));
      }
      case 'person':
        return between(this.person(change.before), this.person(change.after));
      case 'number': {
        const shown = (value: number | undefined) => (value === undefined ? undefined : t.format('number', value));
        const difference = change.difference === undefined ? undefined : this.signed(change.difference < 0, t.format('number', Math.abs(change.difference)));
        return between(shown(change.before), shown(change.after), difference);
      }
      case 'amount': {
        const shown = (value: string | undefined) => (value === undefined ? undefined : this.money(value, change.currency));
        return between(shown(change.before), shown(change.after), change.before !== undefined && change.after !== undefined ? this.moneyDifference(change) : undefined);
      }
      case 'date': {
        const shown = (value: string | undefined) => (value === undefined ? undefined : t.format('date', value));
        return between(shown(change.before), shown(change.after), change.days === undefined || change.days === 0 ? undefined : days(change.days, 'diff.later', 'diff.earlier'));
      }
      case 'span': {
        const how: string[] = [];
        if (change.moved !== 0) how.push(days(change.moved, 'diff.moved', 'diff.movedEarlier'));
        if (change.longer !== 0) how.push(days(change.longer, 'diff.longer', 'diff.shorter'));
        const range = (span: { start: string; end: string }) => t.formats.range(span.start, span.end);
        return between(range(change.before), range(change.after), how.length > 0 ? t.formats.list(how, 'series') : undefined);
      }
      case 'spend': {
        // Nothing spent on one side is nothing: `₫0 → ₫272,500,000`.
        const money = (amount: string | undefined) => this.money(amount ?? '0', change.currency);
        const negative = change.difference.startsWith('-');
        const difference = this.signed(negative, this.money(negative ? change.difference.slice(1) : change.difference, change.currency));
        const spent = between(money(change.before), money(change.after), difference);
        if (change.planned === undefined || change.shareAfter === undefined) return spent;
        return t.t(change.item ? 'diff.spentOfPlanned' : 'diff.spentOfTotal', { spent, share: change.shareAfter, planned: this.money(change.planned, change.currency) });
      }
      case 'result': {
        const shown = (result: { value: number; date: string } | undefined) => result && t.t('diff.resultOn', { value: result.value, date: result.date });
        return between(shown(change.before), shown(change.after));
      }
      case 'entries': {
        const list = (entries: string[]) => t.formats.list(entries.map((entry) => (change.ref ? style.code(entry) : t.t('diff.quoted', { text: style.text(entry) }))), 'and');
        if (change.added.length > 0 && change.removed.length > 0) return t.t('diff.entriesBoth', { subject, added: list(change.added), removed: list(change.removed) });
        if (change.added.length > 0) return t.t('diff.entriesAdded', { subject, added: list(change.added) });
        return t.t('diff.entriesRemoved', { subject, removed: list(change.removed) });
      }
    }
  }

  unserved(entry: PlanDiff['unserved'][number]): string {
    const objective = this.item(entry.objective);
    const campaigns = this.t.formats.list(entry.campaigns.map((campaign) => this.item(campaign)), 'and');
    if (entry.allocations.length === 0) return this.t.t('diff.unserved', { objective, campaigns });
    let total = 0n;
    let scale = 0;
    // Exact: the allocations' sum in decimal, without a float on the way.
    for (const { amount } of entry.allocations) scale = Math.max(scale, (amount.split('.')[1] ?? '').length);
    for (const { amount } of entry.allocations) {
      const [whole, fraction = ''] = amount.split('.');
      total += BigInt(whole + fraction.padEnd(scale, '0'));
    }
    const digits = total.toString().padStart(scale + 1, '0');
    const sum = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return this.t.t('diff.unservedMoney', { objective, campaigns, amount: moneyValue(sum, entry.allocations[0].currency) });
  }

  finding(finding: FindingChange): { severity: string; message: string; line: string; ruleAtLine: string } {
    return {
      severity: this.t.t(`severity.${finding.severity}`),
      message: finding.message,
      line: this.t.t('diff.findingLine', { line: finding.line }),
      // The rule and the line as one message: each language words them its own way (`budget/over-allocated，第221行`).
      ruleAtLine: this.t.t('diff.ruleAtLine', { rule: finding.code, line: finding.line }),
    };
  }
}


/** The changes of one plan by section, in the order of the sections. */
function bySection(changes: readonly Change[]): Array<{ section: DiffSection; changes: Change[] }> {
  return diffSections.flatMap((section) => {
    const own = changes.filter((change) => change.section === section);
    return own.length > 0 ? [{ section, changes: own }] : [];
  });
}

/** A heading with how many it holds, in the locale's brackets: `Team (1)`, `团队（1）`. */
function counted(t: Translator, heading: string, count: number): string {
  return t.formats.aside(heading, t.formats.number(count));
}

/** Whether a compared plan introduces a finding at or above a severity. */
export function introducesAtLeast(plan: ComparedPlan, severity: keyof typeof severityByName): boolean {
  return plan.diff.findings.introduced.some((finding) => severityByName[finding.severity] <= severityByName[severity]);
}

function totals(plans: readonly ComparedPlan[]) {
  return {
    plans: plans.length,
    changes: plans.reduce((sum, plan) => sum + plan.diff.changes.length, 0),
    introduced: plans.reduce((sum, plan) => sum + plan.diff.findings.introduced.length, 0),
    resolved: plans.reduce((sum, plan) => sum + plan.diff.findings.resolved.length, 0),
  };
}

/** The budget total before and after, as the headline says it: its label, and its value. */
function budgetLine(diff: PlanDiff, words: DiffWords, t: Translator): { label: string; value: string } | undefined {
  const { before, after, currencyBefore, currencyAfter } = diff.budget;
  if (before === undefined && after === undefined) return undefined;
  const shown = (value: string | undefined, currency: string | undefined) => (value === undefined ? t.t('diff.none') : words.money(value, currency));
  const total = diff.changes.find((change): change is Change & { change: 'amount' } => change.change === 'amount' && change.section === 'budget' && change.field === 'total' && !change.item);
  const difference = total && total.before !== undefined && total.after !== undefined ? words.moneyDifference(total) : undefined;
  // A plan added or removed has one side; an unchanged total is said once.
  if (diff.status === 'added' || diff.status === 'removed' || (before === after && currencyBefore === currencyAfter)) return { label: t.t('diff.budgetTotal'), value: diff.status === 'removed' ? shown(before, currencyBefore) : shown(after, currencyAfter) };
  const moved = `${shown(before, currencyBefore)} → ${shown(after, currencyAfter)}`;
  // The difference in the locale's brackets: ` (+$10,000)`, `（+1亿越南盾）`.
  return { label: t.t('diff.budgetTotal'), value: difference ? t.formats.aside(moved, difference) : moved };
}

// ------------------------------------------------------------------------------------------

/** For a terminal: each plan, its changes by section, the findings introduced and resolved; then a count. */
export function renderDiffStylish(plans: readonly ComparedPlan[], t: Translator, options: { color: boolean; base?: string }): string {
  const words = new DiffWords(t, plainStyle);
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const tone: Record<string, number> = { error: 31, warning: 33, information: 36, hint: 90 };
  const out: string[] = [];
  // A line from the plan or a file name never carries a control character to the terminal; it is escaped before it is painted.
  const line = (indent: number, text: string, code?: number) => out.push(`${' '.repeat(indent)}${code === undefined ? escapeTerminal(text) : paint(code, escapeTerminal(text))}`);
  if (plans.length === 0 && options.base !== undefined) {
    line(0, t.t('diff.nothingChanged', { base: options.base }));
    return out.join('\n') + '\n';
  }
  const severityWidth = Math.max(...(['error', 'warning', 'information', 'hint'] as const).map((name) => t.t(`severity.${name}`).length));
  for (const plan of plans) {
    const heading = escapeTerminal(plan.file);
    // A name that opens a line could start a workflow command (`::error`) in a CI log: `./` names the same file.
    out.push(paint(4, /^\s*::/.test(heading) ? `./${heading}` : heading));
    const { diff } = plan;
    const budget = budgetLine(diff, words, t);
    if (diff.status === 'added') line(2, t.t('diff.planAdded'), 32);
    if (diff.status === 'removed') line(2, t.t('diff.planRemoved'), 31);
    if (diff.status === 'unchanged') line(2, t.t('diff.noChange'));
    if (budget && diff.status !== 'unchanged') line(2, t.formats.labelled(budget.label, budget.value));
    for (const { section, changes } of bySection(diff.changes)) {
      line(2, words.section(section), 1);
      for (const change of changes) {
        const mark = change.change === 'added' ? paint(32, '+') : change.change === 'removed' ? paint(31, '−') : '•';
        out.push(`    ${mark} ${escapeTerminal(words.change(change))}`);
      }
    }
    if (diff.unserved.length > 0) {
      line(2, t.t('diff.objectivesUnserved'), 1);
      for (const entry of diff.unserved) out.push(`    ${paint(33, '!')} ${escapeTerminal(words.unserved(entry))}`);
    }
    for (const [heading, list, mark] of [
      ['diff.introduced', diff.findings.introduced, '+'],
      ['diff.resolved', diff.findings.resolved, '−'],
    ] as const) {
      if (list.length === 0) continue;
      line(2, counted(t, t.t(heading), list.length), 1);
      for (const finding of list) {
        const worded = words.finding(finding);
        out.push(`    ${mark} ${paint(tone[finding.severity], worded.severity.padEnd(severityWidth))}  ${escapeTerminal(worded.message)}  ${paint(90, escapeTerminal(worded.ruleAtLine))}`);
      }
    }
    out.push('');
  }
  const count = totals(plans);
  line(0, t.t('diff.summary', count));
  return out.join('\n') + '\n';
}

/** Sections with more changes than this are folded, in Markdown and in the editor. */
const openUpTo = 8;

/** One part of a plan's comparison as the Markdown and the editor's view show it: folded where it is long. */
interface OutlinePart {
  /** As text: the `<summary>` it goes in is HTML in both. */
  summary: string;
  count: number;
  /** The budget's amounts, as a table: the item, before, after, the difference. */
  table?: { head: string[]; rows: string[][] };
  /** One line per change, or per objective left unserved. */
  lines: string[];
  /** Marks the lines as warnings (objectives left unserved). */
  warn?: boolean;
  /** The findings introduced (in the new version) or resolved (in the old one). */
  findings?: { list: readonly FindingChange[]; introduced: boolean };
}

/** A compared plan as its headline and its parts, worded in one style: what `markdown` and the editor's view both show. */
interface PlanOutline {
  budget?: { label: string; value: string };
  /** `10 changes`, and the findings introduced and resolved, side by side. */
  counts: string[];
  /** Said of a plan added, removed or unchanged. */
  status?: string;
  parts: OutlinePart[];
}

function outlineOf(plan: ComparedPlan, t: Translator, words: DiffWords, style: Style): PlanOutline {
  const { diff } = plan;
  const counts = [
    t.t('diff.changeCount', { count: diff.changes.length }),
    // The two counts side by side as the language lists them: `1 finding introduced, 0 findings resolved`, `新增1条检查结果、已解决0条检查结果`.
    t.formats.list([t.t('diff.introducedCount', { count: diff.findings.introduced.length }), t.t('diff.resolvedCount', { count: diff.findings.resolved.length })], 'series'),
  ];
  const status = diff.status === 'added' ? t.t('diff.planAdded') : diff.status === 'removed' ? t.t('diff.planRemoved') : diff.status === 'unchanged' ? t.t('diff.noChange') : undefined;
  const parts: OutlinePart[] = [];
  for (const { section, changes } of bySection(diff.changes)) {
    const amounts: Change[] = [];
    let table: OutlinePart['table'];
    if (section === 'budget') {
      const rows: string[][] = [];
      for (const change of changes) {
        const subject = change.item ? words.item(change.item) : words.subject(change);
        if (change.change === 'amount') {
          const money = (value: string | undefined) => (value === undefined ? '—' : style.text(words.money(value, change.currency)));
          rows.push([subject, money(change.before), money(change.after), style.text(words.moneyDifference(change) ?? '—')]);
        } else if ((change.change === 'added' || change.change === 'removed') && change.amount !== undefined) {
          const money = words.money(change.amount, change.currency);
          const signed = style.text(words.signed(change.change === 'removed', money));
          rows.push(change.change === 'added' ? [subject, '—', style.text(money), signed] : [subject, style.text(money), '—', signed]);
        } else continue;
        amounts.push(change);
      }
      if (rows.length > 0) table = { head: [t.t('diff.item.amount'), t.t('diff.before'), t.t('diff.after'), t.t('diff.difference')].map(style.text), rows };
    }
    const lines = changes.filter((change) => !amounts.includes(change)).map((change) => words.change(change));
    parts.push({ summary: counted(t, words.section(section), changes.length), count: changes.length, table, lines });
  }
  if (diff.unserved.length > 0) parts.push({ summary: counted(t, t.t('diff.objectivesUnserved'), diff.unserved.length), count: diff.unserved.length, lines: diff.unserved.map((entry) => words.unserved(entry)), warn: true });
  for (const [heading, list, introduced] of [
    ['diff.introduced', diff.findings.introduced, true],
    ['diff.resolved', diff.findings.resolved, false],
  ] as const) {
    if (list.length > 0) parts.push({ summary: counted(t, t.t(heading), list.length), count: list.length, lines: [], findings: { list, introduced } });
  }
  const budget = budgetLine(diff, words, t);
  // Amounts escaped too: `$50,000 → $60,000 (+$10,000` would open and close a formula in GitHub's Markdown.
  return { budget: budget && { label: style.text(budget.label), value: style.text(budget.value) }, counts: counts.map(style.text), status: status && style.text(status), parts };
}

/**
 * For a pull request's comment or a CI job's summary: a headline per plan (the budget total before
 * and after, how many changes, the findings introduced and resolved), then a `<details>` section per
 * part of the plan, folded where it is long; the budget's amounts as a table.
 */
export function renderDiffMarkdown(plans: readonly ComparedPlan[], t: Translator, options: { base?: string } = {}): string {
  const words = new DiffWords(t, markdownStyle);
  const marks = t.formats.punctuation;
  const code = markdownStyle.code;
  const out: string[] = [];
  out.push(`## ${options.base !== undefined ? t.t('diff.titleSince', { base: code(options.base) }) : t.t('diff.title')}`, '');
  if (plans.length === 0 && options.base !== undefined) {
    out.push(t.t('diff.nothingChanged', { base: code(options.base) }), '');
    return out.join('\n');
  }
  for (const plan of plans) {
    const outline = outlineOf(plan, t, words, markdownStyle);
    out.push(`### ${code(plan.file)}`, '');
    const headline = outline.budget ? [`**${outline.budget.label}**${marks.colon}${marks.gap}${outline.budget.value}`, ...outline.counts] : outline.counts;
    out.push(headline.join(' · '), '');
    if (outline.status !== undefined) out.push(`_${outline.status}_`, '');
    for (const part of outline.parts) {
      const body: string[] = [];
      if (part.table) {
        body.push(`| ${part.table.head.join(' | ')} |`, '| --- | ---: | ---: | ---: |', ...part.table.rows.map((row) => `| ${row.join(' | ')} |`));
        if (part.lines.length > 0) body.push('');
      }
      body.push(...part.lines.map((line) => (part.warn ? `- ⚠ ${line}` : `- ${line}`)));
      for (const finding of part.findings?.list ?? []) {
        const worded = words.finding(finding);
        // The message is the product's own text: its code spans stay code, the file's text in and around them stays text.
        body.push(`- **${worded.severity}** ${code(finding.code)}${marks.colon}${marks.gap}${t.formats.aside(messageMarkdown(worded.message), worded.line)}`);
      }
      // An HTML block: its summary is HTML, not Markdown.
      out.push(`<details${part.count <= openUpTo ? ' open' : ''}><summary>${escapeHtml(part.summary)}</summary>`, '', ...body, '', '</details>', '');
    }
  }
  out.push(`_${t.t('diff.summary', totals(plans))}_`, '');
  return out.join('\n');
}

const htmlStyle: Style = { text: escapeHtml, code: (value) => `<code>${escapeHtml(value)}</code>` };

/**
 * For the editor's view beside the plan, in the preview's look: the same headline and parts as the
 * Markdown; a finding the change introduces links to its line in the open plan (`newFile`).
 */
export function renderDiffHtml(plans: readonly ComparedPlan[], t: Translator, options: { base: string; newFile?: string }): string {
  const words = new DiffWords(t, htmlStyle);
  const marks = t.formats.punctuation;
  const text = (id: string, data?: Parameters<Translator['t']>[1]) => escapeHtml(t.t(id, data));
  const severityClass: Record<string, string> = { error: 'error', warning: 'warning', information: 'information', hint: 'hint' };
  const out: string[] = [`<header class="report-header"><h1>${t.t('diff.titleSince', { base: htmlStyle.code(options.base) })}</h1></header>`];
  for (const plan of plans) {
    const outline = outlineOf(plan, t, words, htmlStyle);
    out.push(`<section class="diff-plan"><h2><code>${escapeHtml(plan.file)}</code></h2>`);
    const budget = outline.budget ? [`<strong>${outline.budget.label}${marks.colon}</strong>${marks.gap}${outline.budget.value}`] : [];
    out.push(`<p class="diff-headline">${[...budget, ...outline.counts].join(' · ')}</p>`);
    if (outline.status !== undefined) out.push(`<p class="status">${outline.status}</p>`);
    for (const part of outline.parts) {
      out.push(`<details${part.count <= openUpTo ? ' open' : ''}><summary>${escapeHtml(part.summary)}</summary>`);
      if (part.table) {
        // Amounts right-aligned; the difference (amount and share) may break between the two in a narrow view.
        const classes = ['', ' class="num"', ' class="num"', ' class="num wraps"'];
        const cell = (value: string, index: number, tag: 'th' | 'td') => `<${tag}${classes[index]}>${value}</${tag}>`;
        out.push(
          `<div class="table-scroll"><table><thead><tr>${part.table.head.map((value, index) => cell(value, index, 'th')).join('')}</tr></thead><tbody>`,
          ...part.table.rows.map((row) => `<tr>${row.map((value, index) => cell(value, index, 'td')).join('')}</tr>`),
          '</tbody></table></div>',
        );
      }
      if (part.lines.length > 0) out.push(`<ul class="diff-changes${part.warn ? ' warn' : ''}">${part.lines.map((line) => `<li>${line}</li>`).join('')}</ul>`);
      if (part.findings) {
        const { list, introduced } = part.findings;
        const items = list.map((finding) => {
          const worded = words.finding(finding);
          // Introduced findings are in the open plan: their line is a link to it.
          const line =
            introduced && options.newFile !== undefined
              ? `<a href="#" class="goto" data-file="${escapeHtml(options.newFile)}" data-line="${finding.line - 1}" data-character="0">${escapeHtml(worded.line)}</a>`
              : escapeHtml(worded.line);
          return `<li class="${severityClass[finding.severity]}"><span class="severity">${escapeHtml(worded.severity)}</span> <code>${escapeHtml(finding.code)}</code>${marks.colon}${marks.gap}${messageHtml(worded.message)} <span class="note">${line}</span></li>`;
        });
        out.push(`<ul class="findings">${items.join('')}</ul>`);
      }
      out.push('</details>');
    }
    out.push('</section>');
  }
  out.push(`<p class="provenance">${text('diff.summary', totals(plans))}</p>`);
  return out.join('\n');
}

/** For programs: the comparison as data (schemas/diff.schema.json), each change with its line as `stylish` words it. */
export function renderDiffJson(plans: readonly ComparedPlan[], t: Translator, options: { base?: string } = {}): string {
  const words = new DiffWords(t, plainStyle);
  const report = {
    ...(options.base !== undefined ? { base: options.base } : {}),
    locale: t.locale,
    plans: plans.map((plan) => ({
      file: plan.file,
      ...(plan.before !== undefined ? { before: plan.before } : {}),
      ...(plan.after !== undefined ? { after: plan.after } : {}),
      status: plan.diff.status,
      budget: plan.diff.budget,
      changes: plan.diff.changes.map((change) => ({ ...change, message: words.change(change) })),
      findings: plan.diff.findings,
      unserved: plan.diff.unserved.map((entry) => ({ ...entry, message: words.unserved(entry) })),
    })),
    summary: totals(plans),
  };
  return escapeJsonForLogs(JSON.stringify(report, null, 2)) + '\n';
}

export function renderDiff(format: DiffFormat, plans: readonly ComparedPlan[], t: Translator, options: { color?: boolean; base?: string } = {}): string {
  if (format === 'json') return renderDiffJson(plans, t, options);
  if (format === 'markdown') return renderDiffMarkdown(plans, t, options);
  return renderDiffStylish(plans, t, { color: options.color ?? false, base: options.base });
}
