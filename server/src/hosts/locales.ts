import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { TranslationSource, Translations } from '../service';

/**
 * Each language's texts read from `<folder>/<locale>.json` when first asked for: the folder
 * beside the Node bundles (`dist/locales/`), or the sources' own for the tests.
 */
export function localesOnDisk(folder: string): TranslationSource {
  return (locale) => {
    try {
      return JSON.parse(readFileSync(nodePath.join(folder, `${locale}.json`), 'utf8')) as Partial<Translations>;
    } catch {
      return undefined;
    }
  };
}
