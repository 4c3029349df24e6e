import rootSchema from '../../../schemas/mktplan.schema.json';
import planSchema from '../../../schemas/plan.schema.json';
import strategySchema from '../../../schemas/strategy.schema.json';

/** The schema files, by the name their `$ref`s use. */
export const schemaFiles: Record<string, Record<string, unknown>> = {
  'mktplan.schema.json': rootSchema,
  'strategy.schema.json': strategySchema,
  'plan.schema.json': planSchema,
};

/** The base of the schemas' `$id`s: an identifier only, never fetched. */
export const schemaBase = 'https://mktplan.dev/schemas/';
