import { baseName, relativePath } from '../service';
import type { Translator } from '../service';
import { valueTitle, type Money, type PlanView, type ValueKind } from '../service/features/view';
import type { Provenance } from './provenance';

/** A finding's severity by its LSP number (1 to 4), as the catalogue's `report.severity.*` and the page's classes name it. */
export const severityNames = ['', 'error', 'warning', 'information', 'hint'] as const;

/**
 * A report's values as words in the reader's language, a dash where there is none: the same in
 * the HTML page and in Markdown, each of which escapes them its own way. Each is a function of
 * its own, to be taken out of the object. Every value is written by the locale's formats
 * (service/i18n/format.ts), as the messages, hovers and inlay hints write it.
 */
export class ReportWords {
  constructor(
    private readonly view: PlanView,
    private readonly t: Translator,
    /** The folder file names are shown relative to. */
    private readonly root: string,
  ) {}

  readonly money = (amount: Money | undefined): string => (amount ? this.t.money(amount.exact, this.view.budget?.currency) : '—');

  readonly date = (value: string | undefined): string => (value === undefined ? '—' : this.t.format('date', value));

  /** A span of two dates, what they share written once: "1–31 июля 2027 г.", "2027年7月1日至31日". */
  readonly range = (span: { start: string; end: string }): string => this.t.formats.range(span.start, span.end);

  /** A figure with its unit as the plan writes it: "15%", "35 %", "20,000 orders". */
  readonly quantity = (value: number | undefined, unit: string | undefined): string => (value === undefined ? '—' : this.t.formats.quantity(value, unit));

  readonly percent = (share: number | undefined): string => (share === undefined ? '—' : this.t.format('percent', share));

  /** Names or texts side by side: "a, b, c", "a、b、c". */
  readonly series = (items: readonly string[]): string => this.t.formats.list(items, 'series');

  /** A label and what follows it: "Channel: Ads", "渠道：广告". */
  readonly labelled = (label: string, value: string): string => this.t.formats.labelled(label, value);

  /** A text with a remark in parentheses: "Ads (ads)", "广告（ads）". */
  readonly aside = (text: string, remark: string): string => this.t.formats.aside(text, remark);

  readonly choice = (kind: ValueKind, value: string | undefined): string => (value === undefined ? '—' : valueTitle(kind, value, this.t));

  /** A file as the reader finds it: relative to the folder, with `/` whatever the system. */
  readonly relative = (file: string): string => relativePath(this.root, file) || baseName(file);

  /** What the report was made from, and when: the file, its commit where there is one, the day counted as today. */
  readonly madeFrom = (provenance: Provenance): string => {
    const made = this.t.t(provenance.commit ? 'report.madeFromCommit' : 'report.madeFrom', {
      file: this.relative(this.view.file),
      commit: provenance.commit?.slice(0, 12) ?? '',
      today: this.view.timeline.today,
    });
    return provenance.changed ? `${made} ${this.t.t('report.uncommitted')}` : made;
  };
}
