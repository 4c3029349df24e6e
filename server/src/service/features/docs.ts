import type { EntryDocs } from '../schema/definitions';
import type { Translator } from '../i18n/translator';
import { repositoryUrl } from '../rules';

/** A schema entry's docs in the reader's language, where the locale has them. */
export function localized(docs: EntryDocs, translator: Translator): EntryDocs {
  const texts = translator.translations.schema;
  return {
    ...docs,
    title: (docs.titleRef && texts[docs.titleRef]?.title) || docs.title,
    description: (docs.descriptionRef && texts[docs.descriptionRef]?.markdownDescription) || docs.description,
  };
}

/** Markdown for a schema entry's docs: title, description and the source it comes from, in the reader's language. */
export function docsMarkdown(english: EntryDocs, translator: Translator, heading?: (title: string | undefined) => string): string {
  const docs = localized(english, translator);
  const parts = [`**${heading ? heading(docs.title) : (docs.title ?? '')}**`];
  if (docs.description) parts.push(docs.description);
  // The source is a link to its entry in docs/sources.md: the full title, its language, what the product takes from it.
  // What no article says is said to be common practice, or this format's own convention, in plain words.
  const url = docs.source && `${repositoryUrl}/blob/main/docs/sources.md#${docs.source.key}`;
  if (docs.source?.key === 'common-practice') parts.push(translator.t('hover.commonPractice', { url: url! }));
  else if (docs.source?.key === 'mktplan-format') parts.push(translator.t('hover.convention', { url: url! }));
  else if (docs.source) parts.push(translator.t('hover.source', { title: docs.source.title, url: url! }));
  return parts.join('\n\n');
}
