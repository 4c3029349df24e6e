import type { EntryDocs } from '../schema/definitions';
import type { Translator } from '../i18n/translator';

/** Markdown for a schema entry's docs: title, description and the source it comes from. */
export function docsMarkdown(docs: EntryDocs, translator: Translator, heading?: string): string {
  const parts = [`**${heading ?? docs.title ?? ''}**`];
  if (docs.description) parts.push(docs.description);
  if (docs.source) parts.push(translator.t('hover.source', { title: docs.source }));
  return parts.join('\n\n');
}
