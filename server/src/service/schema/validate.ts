import type { ErrorObject } from 'ajv';
import { isPlainObject, pointerOf, pointerSegments, valueAt } from '../document/data';
import { movedIndex, movedPath, type DerivedFrom } from '../document/parse';
import type { Path } from '../document/paths';
import { message, schemaTitle } from '../i18n/translator';
import type { MessageRef } from '../i18n/messages';
import { schemaAt } from './definitions';
import { planSchemaRoot, type SchemaNode, type SchemaRoot } from './files';
import { validatorName } from './validatorNames';
import * as validators from './validators.generated';
import { dateOfDateTime, idProblem, numberMeant } from './meant';
import { closeNames } from './suggest';

/** A schema violation, already in the words a marketing manager reads. */
export interface SchemaProblem {
  path: Path;
  /** What the finding sits on: the key at `path`, the value at `path`, or the object at `path` as a whole. */
  target: 'key' | 'value' | 'object';
  message: MessageRef;
  /** What a fix needs: the number or the date meant, the key suggested ... */
  facts?: Record<string, unknown>;
}

export interface SchemaResult {
  problems: SchemaProblem[];
  /** Pointers of values that broke the schema at their own place: rules read them as absent. */
  invalidPointers: Set<string>;
}

/** Keywords whose failure means the value itself is unusable (as opposed to something missing or extra inside it). */
const valueKeywords = new Set(['type', 'format', 'const', 'pattern', 'minimum', 'maximum', 'enum']);

type CompiledValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const compiled = validators as unknown as Record<string, CompiledValidator | undefined>;

/** The validator, compiled at build time, for the schema a `$ref` names (file#pointer): a root or a definition. */
function validator(ref: string): CompiledValidator | undefined {
  return compiled[validatorName(ref)];
}

function toPath(pointer: string, root: unknown): Path {
  if (pointer === '') return [];
  const path: Array<string | number> = [];
  let value = root;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(value)) {
      const index = Number(segment);
      path.push(index);
      value = value[index];
    } else {
      path.push(segment);
      value = isPlainObject(value) ? value[segment] : undefined;
    }
  }
  return path;
}

function describeValue(value: unknown): MessageRef {
  if (value === null || value === undefined) return message('actual.empty');
  if (typeof value === 'string') return message('actual.text', { value });
  // `.inf`, `.nan`, or digits too many for a number: not an amount to count with, whatever the type says.
  if (typeof value === 'number' && !Number.isFinite(value)) return message(Number.isNaN(value) ? 'actual.notANumber' : 'actual.infinite');
  if (typeof value === 'number') return message('actual.number', { value: String(value) });
  if (typeof value === 'boolean') return message('actual.boolean', { value: String(value) });
  if (Array.isArray(value)) return message('actual.list');
  return message('actual.map');
}

/** How a message names the value at a path: `amount`, or "each entry of `strengths`". */
function subjectOf(path: Path): MessageRef {
  const last = path[path.length - 1];
  if (last === undefined) return message('subject.file');
  if (typeof last === 'string') return message('subject.key', { key: last });
  const parent = path[path.length - 2];
  return typeof parent === 'string' ? message('subject.entryOf', { key: parent }) : message('subject.entry');
}

function problemMessage(error: ErrorObject, path: Path): SchemaProblem {
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const custom = schema['x-messages']?.[error.keyword];
  const subject = subjectOf(path);
  switch (error.keyword) {
    case 'type': {
      if (path.length === 0) return { path, target: 'object', message: message('schema.notAMap') };
      if ((schema as { format?: string }).format === 'date' && typeof error.data === 'number') {
        return { path, target: 'value', message: message('schema.dateAsNumber', { subject, value: String(error.data) }), facts: { year: error.data } };
      }
      // An amount of more digits than a number holds reads as infinite: it is, first, too large to be an amount.
      const maximum = (schema as { maximum?: number }).maximum;
      if (error.data === Infinity && maximum !== undefined) return { path, target: 'value', message: message('schema.amountInfinite', { subject, limit: maximum }) };
      const meant = typeof error.data === 'string' && ([] as string[]).concat(error.params.type as string).includes('number') ? numberMeant(error.data) : undefined;
      if (meant !== undefined) {
        const { number, currencies } = meant;
        return { path, target: 'value', message: message('schema.numberAsText', { subject, value: error.data as string, number: String(number) }), facts: { number, ...(currencies ? { currencies } : {}) } };
      }
      const expected = ([] as string[]).concat(error.params.type as string | string[]).map((type) => message(`type.${type}`));
      return {
        path,
        target: 'value',
        message: message('schema.type', { subject, expected, actual: describeValue(error.data) }),
      };
    }
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const candidates = closeNames(key, known);
      const suggestion = candidates[0];
      return {
        path: [...path, key],
        target: 'key',
        facts: { key, candidates },
        message: suggestion
          ? message('schema.unknownKeyDidYouMean', { key, suggestion })
          : message('schema.unknownKey', { key, subject: path.length ? subject : message('subject.topLevel'), known }),
      };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const where =
        typeof path[path.length - 1] === 'number'
          ? message('subject.item', { title: schemaTitle(schemaAt(path)?.ref, schema.title ?? 'item') })
          : path.length
            ? subject
            : message('subject.file');
      return {
        path,
        target: 'object',
        message: missing === 'mktplan' ? message('schema.requiredVersion', { subject: where }) : message('schema.required', { subject: where, key: missing }),
        facts: { key: missing },
      };
    }
    case 'format': {
      const date = dateOfDateTime(String(error.data));
      if (date) return { path, target: 'value', message: message('schema.dateTime', { subject, value: String(error.data) }), facts: { date } };
      return { path, target: 'value', message: message('schema.date', { subject, value: String(error.data) }) };
    }
    case 'const':
      return {
        path,
        target: 'value',
        message: message(typeof error.data === 'number' ? 'schema.constQuote' : 'schema.const', {
          subject,
          allowed: String(error.params.allowedValue),
          actual: describeValue(error.data),
        }),
      };
    case 'pattern': {
      const problem = custom === 'schema.expect.id' ? idProblem(String(error.data)) : undefined;
      if (problem) {
        const reason = problem.kind === 'lookAlike' || problem.kind === 'script' ? { ...problem, script: message(`script.${problem.script}`) } : problem;
        return { path, target: 'value', message: message('schema.badId', { subject, value: String(error.data), reason: message(`schema.id.${problem.kind}`, reason) }), facts: { id: error.data } };
      }
      return {
        path,
        target: 'value',
        message: message('schema.pattern', {
          subject,
          expected: custom ? message(custom) : message('schema.expect.pattern', { pattern: String(error.params.pattern) }),
          value: String(error.data),
        }),
      };
    }
    case 'maximum':
      // Amounts are the only values with a maximum: their own message says why.
      return { path, target: 'value', message: custom ? message(custom, { subject, limit: Number(error.params.limit) }) : message('schema.invalid', { subject }) };
    case 'minimum':
      return { path, target: 'value', message: message('schema.minimum', { subject, limit: Number(error.params.limit), value: String(error.data) }) };
    case 'anyOf': {
      const values = (schema.anyOf ?? []).filter((branch) => 'const' in branch).map((branch) => String(branch.const));
      if (values.length > 0) {
        const candidates = closeNames(String(error.data), values);
        return { path, target: 'value', message: message('schema.enum', { subject, values, value: String(error.data) }), facts: { candidates } };
      }
      return { path, target: 'object', message: custom ? message(custom) : message('schema.incomplete', { subject }) };
    }
    case 'not':
      // A `not` on a text (a path written with `\`) is about the text itself.
      if (typeof error.data === 'string') return { path, target: 'value', message: message(custom ?? 'schema.invalid', { subject, value: error.data }) };
      return { path, target: 'object', message: custom ? message(custom) : message('schema.conflicting', { subject }) };
    default:
      return { path, target: 'value', message: message('schema.invalid', { subject }) };
  }
}

function problemKey(problem: SchemaProblem): string {
  return `${pointerOf(problem.path)}|${problem.target}|${JSON.stringify(problem.message)}`;
}

/** Words the errors of one validation of `value`, which stands at `base` in the whole data. */
function collect(errors: ErrorObject[], value: unknown, base: Path, result: SchemaResult, seen: Set<string>): void {
  const typeFailures = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  const patternFailures = new Set(errors.filter((error) => error.keyword === 'pattern').map((error) => error.instancePath));
  for (const error of errors) {
    // Failures inside anyOf/not branches are summed up by the anyOf/not error itself.
    if (/\/(anyOf|not)\//.test(error.schemaPath)) continue;
    // An enum value of the wrong type gets the type message only.
    if (error.keyword === 'anyOf' && typeFailures.has(error.instancePath)) continue;
    // A text that breaks its pattern gets that message only, not also what a `not` forbids in it.
    if (error.keyword === 'not' && patternFailures.has(error.instancePath)) continue;
    const path = [...base, ...toPath(error.instancePath, value)];
    const problem = problemMessage(error, path);
    const isEnum = error.keyword === 'anyOf' && problem.target === 'value';
    if (valueKeywords.has(error.keyword) || isEnum) result.invalidPointers.add(pointerOf(path));
    const key = problemKey(problem);
    if (seen.has(key)) continue;
    seen.add(key);
    result.problems.push(problem);
  }
}

/** Validates plain data against a root schema (a plan's, or the configuration's) and words every violation. */
export function validate(data: unknown, root: SchemaRoot = planSchemaRoot): SchemaResult {
  const result: SchemaResult = { problems: [], invalidPointers: new Set() };
  const validateFunction = validator(`${root}#`)!;
  if (!validateFunction(data)) collect(validateFunction.errors ?? [], data, [], result, new Set());
  return result;
}

function within(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(base + '/');
}

/**
 * The result of `validate` after only the value at `path` changed (the keys and items around
 * it being the same): what was found inside it is replaced by a validation of it alone.
 */
export function revalidate(previous: SchemaResult, path: Path, value: unknown, root: SchemaRoot = planSchemaRoot): SchemaResult | undefined {
  const schema = schemaAt(path, root);
  // Only a definition's validator is compiled: a value of another schema is validated with the whole file.
  const validateFunction = schema && validator(schema.ref);
  if (!schema || !validateFunction || path.length === 0) return undefined;
  const base = pointerOf(path);
  const result: SchemaResult = {
    problems: previous.problems.filter((problem) => !within(pointerOf(problem.path), base)),
    invalidPointers: new Set([...previous.invalidPointers].filter((pointer) => !within(pointer, base))),
  };
  if (!validateFunction(value)) {
    const seen = new Set(result.problems.map(problemKey));
    collect(validateFunction.errors ?? [], value, path, result, seen);
  }
  return result;
}

/** Keywords of a list's schema that speak of its items one at a time, or of nothing: the rest (minItems, uniqueItems ...) weigh the list as a whole. */
const itemwiseKeywords = new Set(['type', 'items', 'title', 'description', 'markdownDescription', 'default', 'examples', '$comment']);

/**
 * The result of `validate` after a run of a list's items was replaced by other items (`moved`),
 * the items around them unchanged: the new items are validated alone, and what was found in the
 * items after them moves with them. Undefined where the list's schema weighs the list as a whole.
 */
export function revalidateMoved(previous: SchemaResult, moved: NonNullable<DerivedFrom['moved']>, data: unknown, root: SchemaRoot = planSchemaRoot): SchemaResult | undefined {
  const { list, at, added } = moved;
  const schema = schemaAt(list, root);
  if (!schema || list.length === 0 || !Object.keys(schema.resolved).every((keyword) => itemwiseKeywords.has(keyword) || keyword.startsWith('x-'))) return undefined;
  const base = pointerOf(list);
  const problems: SchemaProblem[] = [];
  for (const problem of previous.problems) {
    const path = movedPath(moved, problem.path);
    if (path) problems.push(path === problem.path ? problem : { ...problem, path });
  }
  const invalidPointers = new Set<string>();
  for (const pointer of previous.invalidPointers) {
    if (!pointer.startsWith(base + '/')) {
      invalidPointers.add(pointer);
      continue;
    }
    const rest = pointer.slice(base.length + 1);
    const slash = rest.indexOf('/');
    const now = movedIndex(moved, Number(slash < 0 ? rest : rest.slice(0, slash)));
    if (now !== undefined) invalidPointers.add(`${base}/${now}${slash < 0 ? '' : rest.slice(slash)}`);
  }
  let result: SchemaResult | undefined = { problems, invalidPointers };
  const items = valueAt(data, list);
  for (let index = at; index < at + added && result; index++) {
    result = Array.isArray(items) ? revalidate(result, [...list, index], items[index], root) : undefined;
  }
  return result;
}
