import type { EntryDocs } from '../schema/definitions';
import type { Translator } from '../i18n/translator';
import { repositoryUrl } from '../rules';
import { sourceGloss } from '../schema/files';

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
  else if (docs.source) {
    // An article in another language than the reader's is glossed in theirs: 什么是营销总监 (Giám đốc marketing là gì).
    const gloss = sourceGloss(docs.source.key, translator.locale);
    parts.push(gloss ? translator.t('hover.sourceGlossed', { title: docs.source.title, gloss, url: url! }) : translator.t('hover.source', { title: docs.source.title, url: url! }));
  }
  return parts.join('\n\n');
}
