import { pointerSegments, valueAt } from '../document/data';
import type { Path } from '../document/paths';
import { planSchemaRoot, schemaFiles, sourceTitle, type SchemaNode, type SchemaRoot } from './files';

function sourceOf(key: string | undefined): EntryDocs['source'] {
  const title = sourceTitle(key);
  return key !== undefined && title !== undefined ? { key, title } : undefined;
}

interface Located {
  node: SchemaNode;
  /** The schema file the node belongs to, for resolving its relative references. */
  file: string;
  /** Where the node stands in its file, as a JSON pointer. */
  pointer: string;
}

const files = schemaFiles;

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
  /** Where the entry as written stands, likewise. */
  entryRef: string;
}

export function schemaAt(path: Path, root: SchemaRoot = planSchemaRoot): SchemaEntry | undefined {
  let entry: Located = { node: files[root], file: root, pointer: '' };
  let resolved = follow(entry);
  for (const segment of path) {
    const next = typeof segment === 'number' ? resolved.node.items : resolved.node.properties?.[segment];
    if (!next) return undefined;
    const pointer = typeof segment === 'number' ? `${resolved.pointer}/items` : `${resolved.pointer}/properties/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    entry = { node: next, file: resolved.file, pointer };
    resolved = follow(entry);
  }
  return { entry: entry.node, resolved: resolved.node, ref: `${resolved.file}#${resolved.pointer}`, entryRef: `${entry.file}#${entry.pointer}` };
}

/** What hover and completion show of a schema entry. */
export interface EntryDocs {
  /** Where its title and its description are written (`file#pointer`), which translations are keyed by. */
  titleRef?: string;
  descriptionRef?: string;
  title?: string;
  description?: string;
  /** The article it comes from: its title, and its key in `schemas/sources.json` (and anchor in `docs/sources.md`). */
  source?: { key: string; title: string };
}

export function describe(schema: SchemaEntry): EntryDocs {
  return {
    title: schema.entry.title ?? schema.resolved.title,
    titleRef: schema.entry.title !== undefined ? schema.entryRef : schema.ref,
    description: schema.entry.markdownDescription ?? schema.resolved.markdownDescription,
    descriptionRef: schema.entry.markdownDescription !== undefined ? schema.entryRef : schema.ref,
    source: sourceOf(schema.entry['x-source'] ?? schema.resolved['x-source']),
  };
}

export interface EnumValue extends EntryDocs {
  /** For a role: its group in the sources' division of the work. */
  roleGroup?: string;
  value: string;
}

export function enumValues(schema: SchemaEntry): EnumValue[] {
  return (schema.resolved.anyOf ?? [])
    .map((branch, index) => ({ branch, ref: `${schema.ref}/anyOf/${index}` }))
    .filter(({ branch }) => branch.const !== undefined)
    .map(({ branch, ref }) => ({
      value: String(branch.const),
      title: branch.title,
      titleRef: ref,
      descriptionRef: ref,
      description: branch.markdownDescription,
      source: sourceOf(branch['x-source']),
      roleGroup: branch['x-role-group'],
    }));
}

export function isList(schema: SchemaEntry): boolean {
  return schema.resolved.type === 'array';
}

export function isMap(schema: SchemaEntry): boolean {
  return schema.resolved.type === 'object';
}

/**
 * Every data path the schemas mark with a keyword (`x-reference`, `x-defines`), as a pattern
 * in which `*` stands for any list index, with the keyword's value.
 */
export function markedPlaces(keyword: 'x-reference' | 'x-defines'): Array<{ pattern: string[]; value: string }> {
  const found: Array<{ pattern: string[]; value: string }> = [];
  const visit = (entry: Located, pattern: string[], depth: number): void => {
    if (depth > 20) return;
    const resolved = follow(entry);
    const marked = entry.node[keyword] ?? resolved.node[keyword];
    // A list of references is marked as a whole: each of its entries is a reference.
    if (marked !== undefined) found.push({ pattern: keyword === 'x-reference' && resolved.node.type === 'array' ? [...pattern, '*'] : pattern, value: marked });
    for (const [name, child] of Object.entries(resolved.node.properties ?? {})) visit({ node: child, file: resolved.file, pointer: '' }, [...pattern, name], depth + 1);
    if (resolved.node.items) visit({ node: resolved.node.items, file: resolved.file, pointer: '' }, [...pattern, '*'], depth + 1);
  };
  visit({ node: files['mktplan.schema.json'], file: 'mktplan.schema.json', pointer: '' }, [], 0);
  return found;
}
