import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { schemaAt } from './knowledge';
import type { Path } from './locate';
import { isPlainObject, pointerOf, pointerSegments } from './reader';
import { schemaBase, schemaFiles } from './schemaFiles';

/** A schema violation, already in the words a marketing manager reads. */
export interface SchemaProblem {
  path: Path;
  /** What the finding sits on: the key at `path`, the value at `path`, or the object at `path` as a whole. */
  target: 'key' | 'value' | 'object';
  message: string;
}

export interface SchemaResult {
  problems: SchemaProblem[];
  /** Pointers of values that broke the schema at their own place: rules read them as absent. */
  invalidPointers: Set<string>;
}

/** Keywords whose failure means the value itself is unusable (as opposed to something missing or extra inside it). */
const valueKeywords = new Set(['type', 'format', 'const', 'pattern', 'minimum', 'enum']);

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** A validator for the schema a `$ref` names (file#pointer); compiled once per process from this package's own files. */
function validator(ref = 'mktplan.schema.json#'): ValidateFunction {
  let compiled = validators.get(ref);
  if (!compiled) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
      ajv.addVocabulary(['markdownDescription', 'x-source', 'x-messages']);
      addFormats(ajv, ['date']);
      for (const schema of Object.values(schemaFiles)) ajv.addSchema(schema);
    }
    compiled = ajv.getSchema(schemaBase + ref)!;
    validators.set(ref, compiled);
  }
  return compiled;
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

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of keys',
  null: 'empty',
};

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'it is empty';
  if (typeof value === 'string') return `${JSON.stringify(shorten(value))} is text`;
  if (typeof value === 'number') return `${value} is a number`;
  if (typeof value === 'boolean') return `${value} is true or false`;
  if (Array.isArray(value)) return 'it is a list';
  return 'it is a map of keys';
}

function shorten(text: string): string {
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/** How a message names the value at a path: `amount`, or "an entry of `strengths`". */
function nameOf(path: Path): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'string') return `\`${last}\``;
  const parent = path[path.length - 2];
  return typeof parent === 'string' ? `each entry of \`${parent}\`` : 'each entry';
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length];
}

export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

interface SchemaNode {
  title?: string;
  properties?: Record<string, unknown>;
  anyOf?: Array<{ const?: unknown }>;
  'x-messages'?: Record<string, string>;
}

function message(error: ErrorObject, path: Path): SchemaProblem | undefined {
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const custom = schema['x-messages']?.[error.keyword];
  const name = nameOf(path);
  switch (error.keyword) {
    case 'type': {
      const expected = ([] as string[]).concat(error.params.type as string | string[]).map((type) => typeWords[type] ?? type);
      if (path.length === 0) {
        return { path, target: 'object', message: 'A plan file is a map of keys that starts with `mktplan: "1"` and holds a `strategy`, a `plan`, or both' };
      }
      return { path, target: 'value', message: `${capitalised(name)} must be ${expected.join(' or ')}; ${describeValue(error.data)}` };
    }
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const known = Object.keys(schema.properties ?? {});
      const suggestion = closestName(key, known);
      const hint = suggestion ? ` (did you mean \`${suggestion}\`?)` : `; ${path.length ? name : 'the top level'} takes: ${known.join(', ')}`;
      return { path: [...path, key], target: 'key', message: `unknown key \`${key}\`${hint}` };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const where = typeof path[path.length - 1] === 'number' ? `this ${(schema.title ?? 'item').toLowerCase()}` : path.length ? name : 'the file';
      const verb = missing === 'mktplan' ? ': add `mktplan: "1"` at the top' : '';
      return { path, target: 'object', message: `${capitalised(where)} is missing the required key \`${missing}\`${verb}` };
    }
    case 'format':
      return { path, target: 'value', message: `${capitalised(name)} must be a real date written YYYY-MM-DD; ${JSON.stringify(shorten(String(error.data)))} is not` };
    case 'const':
      return {
        path,
        target: 'value',
        message: `${capitalised(name)} must be the text "${String(error.params.allowedValue)}"; ${describeValue(error.data)}${typeof error.data === 'number' ? ' (put it in quotes)' : ''}`,
      };
    case 'pattern':
      return {
        path,
        target: 'value',
        message: `${capitalised(name)} must be ${custom ?? `text matching ${String(error.params.pattern)}`}; ${JSON.stringify(shorten(String(error.data)))} is not`,
      };
    case 'minimum':
      return { path, target: 'value', message: `${capitalised(name)} must be ${String(error.params.limit)} or more; it is ${String(error.data)}` };
    case 'anyOf': {
      const values = (schema.anyOf ?? []).filter((branch) => 'const' in branch).map((branch) => String(branch.const));
      if (values.length > 0) {
        return { path, target: 'value', message: `${capitalised(name)} must be one of: ${values.join(', ')}; ${JSON.stringify(shorten(String(error.data)))} is not` };
      }
      return { path, target: 'object', message: capitalised(custom ?? `${name} does not have the keys it needs`) };
    }
    case 'not':
      return { path, target: 'object', message: capitalised(custom ?? `${name} has keys that do not go together`) };
    default:
      return { path, target: 'value', message: `${capitalised(name)} is not valid here` };
  }
}

/** Words the errors of one validation of `value`, which stands at `base` in the whole data. */
function collect(errors: ErrorObject[], value: unknown, base: Path, result: SchemaResult, seen: Set<string>): void {
  const typeFailures = new Set(errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  for (const error of errors) {
    // Failures inside anyOf/not branches are summed up by the anyOf/not error itself.
    if (/\/(anyOf|not)\//.test(error.schemaPath)) continue;
    // An enum value of the wrong type gets the type message only.
    if (error.keyword === 'anyOf' && typeFailures.has(error.instancePath)) continue;
    const path = [...base, ...toPath(error.instancePath, value)];
    const problem = message(error, path);
    if (!problem) continue;
    const isEnum = error.keyword === 'anyOf' && problem.target === 'value';
    if (valueKeywords.has(error.keyword) || isEnum) result.invalidPointers.add(pointerOf(path));
    const key = `${pointerOf(problem.path)}|${problem.target}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.problems.push(problem);
  }
}

/** Validates plain data against the root schema and words every violation. */
export function validate(data: unknown): SchemaResult {
  const result: SchemaResult = { problems: [], invalidPointers: new Set() };
  const validateFunction = validator();
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
export function revalidate(previous: SchemaResult, path: Path, value: unknown): SchemaResult | undefined {
  const schema = schemaAt(path);
  if (!schema || path.length === 0) return undefined;
  const base = pointerOf(path);
  const result: SchemaResult = {
    problems: previous.problems.filter((problem) => !within(pointerOf(problem.path), base)),
    invalidPointers: new Set([...previous.invalidPointers].filter((pointer) => !within(pointer, base))),
  };
  const validateFunction = validator(schema.ref);
  if (!validateFunction(value)) {
    const seen = new Set(result.problems.map((problem) => `${pointerOf(problem.path)}|${problem.target}|${problem.message}`));
    collect(validateFunction.errors ?? [], value, path, result, seen);
  }
  return result;
}
