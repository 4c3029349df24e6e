import actualsSchema from '../../../../schemas/actuals.schema.json';
import rootSchema from '../../../../schemas/mktplan.schema.json';
import planSchema from '../../../../schemas/plan.schema.json';
import configSchema from '../../../../schemas/mktplan-config.schema.json';
import sources from '../../../../schemas/sources.json';
import strategySchema from '../../../../schemas/strategy.schema.json';

/** A node of the schemas as written: the single source of structure and of the definitions hover and completion show. */
export interface SchemaNode {
  $ref?: string;
  title?: string;
  markdownDescription?: string;
  'x-source'?: string;
  /** Message ids (in the catalogue) that say what a failed keyword asked for. */
  'x-messages'?: Record<string, string>;
  /** For a role: the part of the work it has in the sources' division of it. */
  'x-role-group'?: string;
  /** On a property that names an id: the kind of thing it names. */
  'x-reference'?: string;
  /** On a list whose items define ids: the kind of thing they are. */
  'x-defines'?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  const?: unknown;
  definitions?: Record<string, SchemaNode>;
}

/** The schema files, by the name their `$ref`s use. */
export const schemaFiles: Record<string, SchemaNode> = {
  'mktplan.schema.json': rootSchema as SchemaNode,
  'strategy.schema.json': strategySchema as SchemaNode,
  'plan.schema.json': planSchema as SchemaNode,
  'actuals.schema.json': actualsSchema as SchemaNode,
  'mktplan-config.schema.json': configSchema as SchemaNode,
};

/** The schema a plan file follows, and the one `mktplan.config.yaml` follows. */
export const planSchemaRoot = 'mktplan.schema.json';
export const configSchemaRoot = 'mktplan-config.schema.json';
export type SchemaRoot = typeof planSchemaRoot | typeof configSchemaRoot;

/** The base of the schemas' `$id`s: an identifier only, never fetched. */
export const schemaBase = 'https://mktplan.dev/schemas/';

interface SourceEntry {
  title?: string;
  /** The title in a reader's language, by locale, where the article is in another. */
  glosses?: Record<string, string>;
}

/** The title of the article a schema entry's `x-source` key names, as the article writes it. */
export function sourceTitle(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const source = (sources as Record<string, SourceEntry | string>)[key];
  return typeof source === 'object' && source.title ? source.title : key;
}

/** The article's title in the reader's language, where the article is written in another. */
export function sourceGloss(key: string, locale: string): string | undefined {
  const source = (sources as Record<string, SourceEntry | string>)[key];
  return typeof source === 'object' ? source.glosses?.[locale] : undefined;
}
