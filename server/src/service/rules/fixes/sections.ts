import { isSeq, parse as parseYaml } from 'yaml';
import { locate, type Path } from '../../document/paths';
import { isMergeKey } from '../../document/paths';
import type { FixContext, FixProposal } from '../rule';
import { appendItem, insertKey, plainInsertion, replaceValue, flowValue, type FixEdit, type Insertion } from './edits';
import { snippetBody, snippetInsertion } from './snippets';

/** What a section is filled with: a section snippet's body (`swot:` and what is under it), or a list item snippet under a list key. */
export type SectionSource = { section: string } | { listOf: string };

/** The value a section's snippet gives, as block text under its key. */
export function sectionValue(context: FixContext, source: SectionSource): Insertion {
  if ('section' in source) return snippetInsertion(snippetBody(source.section), context.year, context.defaultFor, true);
  return snippetInsertion(snippetBody(source.listOf), context.year, context.defaultFor);
}

/**
 * Puts a section in the map at `parentPath`: a new key where the schema's order puts it,
 * or, where the key is there with an unusable value (`[]`, text), that value replaced by
 * the section written in flow style.
 */
export function setSection(context: FixContext, parentPath: Path, key: string, value: Insertion): FixEdit | undefined {
  const { file, parsed } = context;
  const data = parseYaml(value.text) as unknown;
  const existing = locate(parsed.yaml, [...parentPath, key]);
  // A list that is there but has no usable item gets one more, the others kept.
  if (isSeq(existing?.node) && existing.node.items.length > 0 && Array.isArray(data) && data.length > 0) {
    return appendItem(file, parsed, [...parentPath, key], value, data[0]);
  }
  // A key that a merge (`<<`) brings is not there to replace: the map gets its own.
  if (existing?.pair && !isMergeKey(existing.pair)) return replaceValue(file, parsed, [...parentPath, key], plainInsertion(flowValue(data)));
  return insertKey(file, parsed, parentPath, key, { value, inline: false }, data);
}

/** A fix that adds a section from its snippet, titled "Add `key`". */
export function addSectionFix(context: FixContext, parentPath: Path, key: string, source: SectionSource): FixProposal[] {
  const edit = setSection(context, parentPath, key, sectionValue(context, source));
  return edit ? [{ title: { id: 'fix.addSection', data: { key } }, edits: [edit], isPreferred: true }] : [];
}
