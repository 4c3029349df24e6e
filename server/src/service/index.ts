// The engine's public face: what the doors (CLI, language server) and the tests use.
export { Engine, catalogue, translatorFor, comparePlanVersions, type PlanVersion, type ImportLoader } from './engine';
export { ParseCache, parse, type ParsedDocument } from './document/parse';
export { decodePlanFile, type DecodedFile } from './document/decode';
export { rules, rulesById, rulePage, ruleMessageId, repositoryUrl, type Rule } from './rules';
export { locales, resolveLocale, type Locale, type MessageSpec } from './i18n/messages';
export { Translator } from './i18n/translator';
export { useTranslations, type TranslationSource, type Translations } from './i18n/translations';
export { fileUri, normalUri, baseName, folderOf, joinUri, relativePath, isInside } from './document/uris';
export * from './types';
export type { PlanView } from './features/view';
export { comparePlans, diffSections, type PlanDiff, type Change, type DiffSection, type DiffSide, type ItemRef, type ItemKind, type FindingChange, type PersonRef as DiffPerson, type UnservedObjective } from './features/diff';
export { importEntries, importTarget, type LoadedImport } from './model/imports';
