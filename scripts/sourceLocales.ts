// The languages' texts read from the sources, for what runs from them (the tests, the scripts, the
// benchmarks), as the Node doors read them from dist/locales/. Imported for this effect.
import * as nodePath from 'node:path';
import { localesOnDisk } from '../server/src/hosts/locales';
import { useTranslations } from '../server/src/service';

useTranslations(localesOnDisk(nodePath.join(__dirname, '../server/src/service/i18n/locales')));
