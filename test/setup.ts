// Every test reads the languages' texts from the sources.
import '../scripts/sourceLocales';
