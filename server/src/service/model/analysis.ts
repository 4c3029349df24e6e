import type { ParsedDocument } from '../document/parse';
import type { SchemaRoot } from '../schema/files';
import type { SchemaResult } from '../schema/validate';
import type { ActualsModel } from './actuals';
import type { Definition, Reference, SymbolKind } from './ids';
import type { ImportResult } from './imports';
import type { PlanModel } from './plan';
import type { PlanReader } from './reader';

/** Everything the rules and features need about one version of one file, computed once. */
export interface Analysis {
  readonly file: string;
  readonly parsed: ParsedDocument;
  /** The schema the file follows: a plan's, or the shared configuration's. */
  readonly schemaRoot: SchemaRoot;
  readonly read: PlanReader;
  readonly schema: SchemaResult;
  readonly model: PlanModel;
  /** Ids this file defines, in document order. */
  readonly definitions: readonly Definition[];
  /**
   * The same object for as long as the definitions keep their ids, kinds and places (a name or
   * a role typed anew keeps it): what rules that read only those name in `Rule.reads`.
   */
  readonly definitionsKey: object;
  readonly references: readonly Reference[];
  /**
   * The references whose id no definition of their kind has, in this file or among the kinds its
   * imports lend; the same list while it stays empty.
   */
  readonly unresolved: readonly Reference[];
  readonly imports: ImportResult;
  /** The kinds of ids its imports lend it (`kindsLentTo`). */
  readonly lent: ReadonlySet<SymbolKind>;
  /** The file's `actuals`, with the plan they measure and their CSV sources read; undefined where it has none. */
  readonly actuals?: ActualsModel;
}
