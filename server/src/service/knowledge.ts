import type { Path } from './locate';
import { pointerSegments, valueAt } from './reader';
import { schemaFiles, sourceTitle } from './schemaFiles';

/** A node of the schemas as written: the single source of structure and of the definitions hover and completion show. */
export interface SchemaNode {
  $ref?: string;
  title?: string;
  markdownDescription?: string;
  'x-source'?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  const?: unknown;
  definitions?: Record<string, SchemaNode>;
}

interface Located {
  node: SchemaNode;
  /** The schema file the node belongs to, for resolving its relative references. */
  file: string;
  /** Where the node stands in its file, as a JSON pointer. */
  pointer: string;
}

const files = schemaFiles as Record<string, SchemaNode>;

function follow(located: Located): Located {
  let current = located;
  for (let depth = 0; current.node.$ref && depth < 10; depth++) {
    const [filePart, pointer = ''] = current.node.$ref.split('#');
    const file = filePart || current.file;
    const node = valueAt(files[file], pointerSegments(pointer)) as SchemaNode | undefined;
    if (!node) break;
    current = { node, file, pointer };
  }
  return current;
}

/** What the schema says of the value at a data path: the entry as written there, and what it resolves to. */
export interface SchemaEntry {
  /** The property or item schema as written (its own title and description win over the referenced one's). */
  entry: SchemaNode;
  resolved: SchemaNode;
  /** Where the resolved schema stands: a schema file and a JSON pointer in it, as a `$ref` names it. */
  ref: string;
}

export function schemaAt(path: Path): SchemaEntry | undefined {
  let entry: Located = { node: files['mktplan.schema.json'], file: 'mktplan.schema.json', pointer: '' };
  let resolved = follow(entry);
  for (const segment of path) {
    const next = typeof segment === 'number' ? resolved.node.items : resolved.node.properties?.[segment];
    if (!next) return undefined;
    const pointer = typeof segment === 'number' ? `${resolved.pointer}/items` : `${resolved.pointer}/properties/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    entry = { node: next, file: resolved.file, pointer };
    resolved = follow(entry);
  }
  return { entry: entry.node, resolved: resolved.node, ref: `${resolved.file}#${resolved.pointer}` };
}

export interface Definition {
  title?: string;
  description?: string;
  source?: string;
}

export function describe(schema: SchemaEntry): Definition {
  return {
    title: schema.entry.title ?? schema.resolved.title,
    description: schema.entry.markdownDescription ?? schema.resolved.markdownDescription,
    source: sourceTitle(schema.entry['x-source'] ?? schema.resolved['x-source']),
  };
}

export interface EnumValue extends Definition {
  value: string;
}

export function enumValues(schema: SchemaEntry): EnumValue[] {
  return (schema.resolved.anyOf ?? [])
    .filter((branch) => branch.const !== undefined)
    .map((branch) => ({ value: String(branch.const), title: branch.title, description: branch.markdownDescription, source: sourceTitle(branch['x-source']) }));
}

/** Markdown for a definition: title, description and the source it comes from. */
export function definitionMarkdown(definition: Definition, heading?: string): string {
  const parts = [`**${heading ?? definition.title ?? ''}**`];
  if (definition.description) parts.push(definition.description);
  if (definition.source) parts.push(`Source: *${definition.source}*`);
  return parts.join('\n\n');
}

export function isList(schema: SchemaEntry): boolean {
  return schema.resolved.type === 'array';
}

export function isMap(schema: SchemaEntry): boolean {
  return schema.resolved.type === 'object';
}
