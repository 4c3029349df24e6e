// Every test reads the languages' texts from the sources.
import '../scripts/sourceLocales';
import { useOwnCodeCache } from './ownCodeCache';

// test/unit/code-cache.test.ts sets a folder of its own for each case.
useOwnCodeCache('mktplan-test-code-cache-');
