import { baseName, relativePath } from '../service';
import type { Translator } from '../service';
import { valueTitle, type Money, type PlanView, type ValueKind } from '../service/features/view';
import type { Provenance } from './provenance';

/** A finding's severity by its LSP number (1 to 4), as the catalogue's `report.severity.*` and the page's classes name it. */
export const severityNames = ['', 'error', 'warning', 'information', 'hint'] as const;

/**
 * A report's values as words in the reader's language, a dash where there is none: the same in
 * the HTML page and in Markdown, each of which escapes them its own way. Each is a function of
 * its own, to be taken out of the object.
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

  readonly number = (value: number | undefined): string => (value === undefined ? '—' : this.t.format('number', value));

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
