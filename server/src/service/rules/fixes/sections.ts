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
  if ('section' in source) return snippetInsertion(snippetBody(source.section), context.year, context.defaultFor, true, !context.snippets);
  return snippetInsertion(snippetBody(source.listOf), context.year, context.defaultFor, false, !context.snippets);
}

/**
 * Puts a section in the map at `parentPath`: a new key where the schema's order puts it,
 * or, where the key is there with an unusable value (`[]`, text), that value replaced by
 * the section written in flow style.
 */
export function setSection(context: FixContext, parentPath: Path, key: string, value: Insertion): FixEdit | undefined {
  const { file, parsed } = context;
  // Nothing left that the plan implies (a snippet's only item named what the plan does not have).
  if (value.text.trim() === '') return undefined;
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

/** Adds an item to a list: at its end where the list is there, else in a new list under its key. */
export function addToList(context: FixContext, listPath: Path, source: SectionSource | undefined, item?: Insertion): FixEdit | undefined {
  const insertion = item ?? sectionValue(context, source!);
  if (insertion.text.trim() === '') return undefined;
  const data = parseYaml(insertion.text) as unknown[];
  const list = locate(context.parsed.yaml, listPath)?.node;
  if (isSeq(list)) return appendItem(context.file, context.parsed, listPath, insertion, data[0]);
  return setSection(context, listPath.slice(0, -1), String(listPath[listPath.length - 1]), insertion);
}

/** Sets one scalar key of a map: its value replaced where it is there (and broken), else the key added. */
export function setValue(context: FixContext, mapPath: Path, key: string, insertion: Insertion): FixEdit | undefined {
  const existing = locate(context.parsed.yaml, [...mapPath, key]);
  if (existing?.pair && !isMergeKey(existing.pair)) return replaceValue(context.file, context.parsed, [...mapPath, key], insertion);
  return insertKey(context.file, context.parsed, mapPath, key, { value: insertion, inline: true }, parseYaml(insertion.text) as unknown);
}

/** How deep a block insertion writes its first line: a key of an item above goes before a section after it. */
const depthOf = (edit: FixEdit) => /^(?:\r?\n)*( *)/.exec(edit.text)![1].length;

const isInsertion = (edit: FixEdit) => edit.range.start.line === edit.range.end.line && edit.range.start.character === edit.range.end.character;

const samePlace = (a: FixEdit, b: FixEdit) =>
  a.file === b.file && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character && isInsertion(a) && isInsertion(b);

/**
 * Edits made each against the original text that insert at the same place would come out
 * in the wrong order or overlap: they are joined into one edit, in document order. Block
 * lines go deepest first (the key a campaign gets before the plan section that follows it),
 * keys of one map in the order given.
 */
export function sequential(edits: FixEdit[]): FixEdit[] {
  const groups: FixEdit[][] = [];
  for (const edit of edits) {
    const group = groups.find((candidate) => samePlace(candidate[0], edit));
    if (group) group.push(edit);
    else groups.push([edit]);
  }
  return groups.map((group) => group.sort((a, b) => depthOf(b) - depthOf(a)).reduce(joinInsertions));
}

/** Two insertions at one place as one: in a flow map the second needs its own separator; after a line, a line break the first added at the file's end is not added twice. */
function joinInsertions(first: FixEdit, second: FixEdit): FixEdit {
  const afterLine = first.text.endsWith('\n');
  const text = afterLine ? second.text.replace(/^\r?\n/, '') : second.text;
  const snippet = afterLine ? second.snippet?.replace(/^\r?\n/, '') : second.snippet;
  const separator = first.text.startsWith(', ') || /^\r?\n/.test(text) || afterLine || text.startsWith(', ') ? '' : ', ';
  return { ...first, text: first.text + separator + text, snippet: first.snippet !== undefined && snippet !== undefined ? first.snippet + separator + snippet : undefined };
}
