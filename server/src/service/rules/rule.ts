import type { Anchor } from '../anchors';
import type { ImportResult } from '../imports';
import type { ParsedDocument } from '../parse';
import type { PlanReader } from '../reader';
import type { SchemaResult } from '../schema';
import type { Definition, Reference } from '../symbols';
import type { SeverityName } from '../types';

export interface RuleContext {
  readonly file: string;
  readonly parsed: ParsedDocument;
  readonly read: PlanReader;
  readonly schema: SchemaResult;
  /** Ids this file defines, in document order. */
  readonly definitions: readonly Definition[];
  /** Ids the imports define, in import order: all count for duplicates, the lent kinds for references. */
  readonly importedDefinitions: readonly Definition[];
  readonly references: readonly Reference[];
  readonly imports: ImportResult;
  report(anchor: Anchor, message: string): void;
}

export interface Rule {
  readonly id: string;
  readonly defaultSeverity: SeverityName;
  /** One line, shown in hover, SARIF and the README. */
  readonly summary: string;
  check(context: RuleContext): void;
}

export const rulePagesBase = 'https://github.com/mktplan/mktplan/blob/main/docs/rules';

export function rulePage(id: string): string {
  return `${rulePagesBase}/${id}.md`;
}
