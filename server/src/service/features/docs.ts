import type { EntryDocs } from '../schema/definitions';
import type { Translator } from '../i18n/translator';
import { repositoryUrl } from '../rules';

/** Markdown for a schema entry's docs: title, description and the source it comes from. */
export function docsMarkdown(docs: EntryDocs, translator: Translator, heading?: string): string {
  const parts = [`**${heading ?? docs.title ?? ''}**`];
  if (docs.description) parts.push(docs.description);
  // The source is a link to its entry in docs/sources.md: the full title, its language, what the product takes from it.
  if (docs.source) parts.push(translator.t('hover.source', { title: docs.source.title, url: `${repositoryUrl}/blob/main/docs/sources.md#${docs.source.key}` }));
  return parts.join('\n\n');
}
