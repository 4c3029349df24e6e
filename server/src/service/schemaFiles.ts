import rootSchema from '../../../schemas/mktplan.schema.json';
import planSchema from '../../../schemas/plan.schema.json';
import sources from '../../../schemas/sources.json';
import strategySchema from '../../../schemas/strategy.schema.json';

/** The schema files, by the name their `$ref`s use. */
export const schemaFiles: Record<string, Record<string, unknown>> = {
  'mktplan.schema.json': rootSchema,
  'strategy.schema.json': strategySchema,
  'plan.schema.json': planSchema,
};

/** The base of the schemas' `$id`s: an identifier only, never fetched. */
export const schemaBase = 'https://mktplan.dev/schemas/';

/** The title of the article a schema entry's `x-source` key names. */
export function sourceTitle(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  const source = (sources as Record<string, { title?: string } | string>)[key];
  return typeof source === 'object' && source.title ? source.title : key;
}
