import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import fastGlob from 'fast-glob';
import picomatch from 'picomatch';
import { formats, githubWriter, gitlabWriter, jsonWriter, sarifWriter, stylishWriter, type FileReport, type Format, type ReportWriter } from './formats';
import { findRepositoryRoot } from '../hosts/repository';
import { listPlanFiles, pathOf, planGlob, readRegularFile, specialKindOf, type SkippedPlan } from '../hosts/disk';
import { decodePlanFile, fileUri, locales, severityByName, translatorFor, useTranslations, type Engine, type SeverityName, type Translator } from '../service';
import type { MessageRef } from '../service/i18n/messages';
import { version } from '../../../package.json';
import { CommandLineEngines } from './engines';
import { environmentLocale } from './environment';
import { localesOnDisk } from '../hosts/locales';
import { exportReport, type ExportOptions } from './export';
import { diffCommand, type DiffOptions } from './diff';
import { diffFormats } from '../report/diff';
import { systemError, whyNotRead } from './files';
import { markImported, readTasks, type CheckOptions } from './checkRun';
import { checkTasks, serveChecks } from './parallel';
import { reportFormats } from '../report/formats';
import { escapeTerminal } from '../report/escape';
import { dayNumber } from '../service/model/reader';

/** A mistake in the command line, worded by the catalogue. */
class UsageError extends Error {
  constructor(readonly reason: MessageRef) {
    super(reason.id);
  }
}

interface Options {
  command: 'check';
  format: Format;
  failSeverity: SeverityName;
  locale?: string;
  config?: string;
  fix: boolean;
  /** Threads to check on: `auto` (as many as the machine has cores, for a run of many plans), `off` (this one), or a number. */
  concurrency: 'auto' | 'off' | number;
  inputs: string[];
}

const severities: readonly SeverityName[] = ['error', 'warning', 'information', 'hint'];

/** The value of an option that takes one of a few words; any other is a usage error that lists them. */
function choiceOf<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value))
    throw new UsageError({
      id: 'cli.badChoice',
      data: { option, choices, value },
    });
  return value as T;
}

/** Every option of every command, so that a value is read as a value whichever command it is given to. */
const optionSpecs = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  format: { type: 'string' },
  'fail-severity': { type: 'string' },
  locale: { type: 'string' },
  config: { type: 'string' },
  fix: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  'as-of': { type: 'string' },
  base: { type: 'string' },
  concurrency: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

type OptionName = keyof typeof optionSpecs;

const commandOptions: Record<'check' | 'export' | 'diff', readonly OptionName[]> = {
  check: ['format', 'fail-severity', 'locale', 'config', 'fix', 'concurrency'],
  export: ['format', 'output', 'as-of', 'locale', 'config'],
  diff: ['format', 'fail-severity', 'locale', 'config', 'base'],
};

/** One option as given: its name, as written (`-o`, `--output`), and its value, if it takes one. */
interface GivenOption {
  name: string;
  written: string;
  value?: string;
}

/**
 * The options and the inputs of a command line, as `util.parseArgs` reads them: an option's value
 * is a value even when it starts with `-` (`--config -h`), and after `--` everything is an input.
 */
function readArguments(argv: string[]): {
  options: GivenOption[];
  positionals: string[];
} {
  const { tokens } = parseArgs({
    args: argv,
    options: optionSpecs,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const options: GivenOption[] = [];
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind === 'option')
      options.push({
        name: token.name,
        written: token.rawName,
        value: token.value,
      });
  }
  return { options, positionals };
}

/** The `--locale` given, looked for before the rest is read (for the help, or a usage error). */
function givenLocale(argv: string[]): string | undefined {
  return readArguments(argv).options.findLast((option) => option.name === 'locale')?.value;
}

/**
 * The options given to a command, checked: one it does not take is unknown to it, one that takes a
 * value has one, and a flag has none.
 */
function commandOptionsOf(command: 'check' | 'export' | 'diff', given: GivenOption[]): Array<{ name: OptionName; written: string; value: string }> {
  return given.map(({ name, written, value }) => {
    const known = commandOptions[command].find((option) => option === name);
    if (!known)
      throw new UsageError({
        id: 'cli.unknownOption',
        data: { option: written },
      });
    const flag = optionSpecs[known].type === 'boolean';
    if (flag && value !== undefined)
      throw new UsageError({
        id: 'cli.takesNoValue',
        data: { option: written },
      });
    if (!flag && value === undefined) throw new UsageError({ id: 'cli.needsValue', data: { option: written } });
    return { name: known, written, value: value ?? '' };
  });
}

function parseExport(given: GivenOption[], inputs: string[]): ExportOptions {
  const options: Omit<ExportOptions, 'file'> = {
    command: 'export',
    format: 'html',
  };
  for (const { name, written, value } of commandOptionsOf('export', given)) {
    if (name === 'format') {
      options.format = choiceOf(written, value, reportFormats);
    } else if (name === 'output') {
      options.output = value;
    } else if (name === 'as-of') {
      if (dayNumber(value) === undefined)
        throw new UsageError({
          id: 'cli.badDate',
          data: { option: written, value },
        });
      options.asOf = value;
    } else if (name === 'locale') {
      options.locale = value;
    } else if (name === 'config') {
      options.config = value;
    }
  }
  if (inputs.length !== 1) throw new UsageError(inputs.length === 0 ? { id: 'cli.exportNoFile' } : { id: 'cli.exportOneFile', data: { count: inputs.length } });
  return { ...options, file: inputs[0] };
}

function parseDiff(given: GivenOption[], inputs: string[]): DiffOptions {
  const options: DiffOptions = {
    command: 'diff',
    format: 'stylish',
    failSeverity: 'error',
    inputs,
  };
  for (const { name, written, value } of commandOptionsOf('diff', given)) {
    if (name === 'format') options.format = choiceOf(written, value, diffFormats);
    else if (name === 'fail-severity') options.failSeverity = choiceOf(written, value, severities);
    else if (name === 'locale') options.locale = value;
    else if (name === 'config') options.config = value;
    else if (name === 'base') options.base = value;
  }
  if (inputs.includes('')) throw new UsageError({ id: 'cli.emptyInput' });
  if (options.base !== undefined && options.base === '') throw new UsageError({ id: 'cli.needsValue', data: { option: '--base' } });
  if (options.base === undefined && inputs.length !== 2) throw new UsageError({ id: 'cli.diffSides' });
  return options;
}

function parseArguments(argv: string[]): Options | ExportOptions | DiffOptions | 'help' | 'version' {
  const { options: given, positionals } = readArguments(argv);
  // `-h` and `-v` win over any mistake, but only as options: not as a value, nor after `--`.
  if (given.some((option) => option.name === 'help')) return 'help';
  if (given.some((option) => option.name === 'version')) return 'version';
  const [command, ...inputs] = positionals;
  if (command === 'export') return parseExport(given, inputs);
  if (command === 'diff') return parseDiff(given, inputs);
  if (command !== 'check') throw new UsageError(command === undefined ? { id: 'cli.noCommand' } : { id: 'cli.unknownCommand', data: { command } });
  const options: Options = {
    command: 'check',
    format: 'stylish',
    failSeverity: 'error',
    fix: false,
    concurrency: 'auto',
    inputs,
  };
  for (const { name, written, value } of commandOptionsOf('check', given)) {
    if (name === 'format') {
      options.format = choiceOf(written, value, formats);
    } else if (name === 'fail-severity') {
      options.failSeverity = choiceOf(written, value, severities);
    } else if (name === 'locale') {
      options.locale = value;
    } else if (name === 'config') {
      options.config = value;
    } else if (name === 'fix') {
      options.fix = true;
    } else if (name === 'concurrency') {
      options.concurrency = concurrencyOf(written, value);
    }
  }
  if (inputs.length === 0) throw new UsageError({ id: 'cli.noInputs' });
  // An empty argument (`mktplan check "$UNSET"`) names nothing: said, rather than read as the current folder or a glob.
  if (inputs.includes('')) throw new UsageError({ id: 'cli.emptyInput' });
  return options;
}

/** `--concurrency`: `auto`, `off`, or a number of threads from 1 to 64. */
function concurrencyOf(option: string, value: string): Options['concurrency'] {
  if (value === 'auto' || value === 'off') return value;
  const threads = /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN;
  if (!(threads <= maxThreads))
    throw new UsageError({
      id: 'cli.badConcurrency',
      data: { option, value, max: maxThreads },
    });
  return threads;
}

/** The cores given to each checking thread: it keeps more than one busy, with the threads of its collector and compiler. */
const coresPerThread = 2;
/** More threads than any machine this runs on has cores to give them. */
const maxThreads = 64;
/**
 * Below this many plans one thread is quicker: a thread costs about as much to start as
 * checking a few dozen plans (it loads the whole checker anew).
 */
const plansPerThread = 32;

/**
 * How many threads check a run's plans. `auto` gives a thread two cores: one thread checking
 * keeps 1.2 to 1.4 cores busy, the rest with V8's collector and compiler, and two threads on
 * two cores took longer than one (docs/performance.md).
 */
function threadsFor(concurrency: Options['concurrency'], plans: number): number {
  if (concurrency === 'off') return 1;
  if (concurrency !== 'auto') return concurrency;
  return Math.max(1, Math.min(Math.floor(availableParallelism() / coresPerThread), Math.floor(plans / plansPerThread)));
}

/** A plan to check, as the command line reached it: the folder given (or a file's own folder) bounds its imports. */
interface Input {
  file: string;
  givenFolder: string;
}

/** A file or folder the listing of a folder or glob leaves out, said as a note: it does not change the exit code. */
function skippedNote({ file, reason, code }: SkippedPlan, folder: string): MessageRef {
  return {
    id: 'files.notChecked',
    data: {
      file,
      reason,
      folder,
      error: code === undefined ? '' : systemError(code),
    },
  };
}

/** The plans under a folder (or a glob's base), written as reached from the input as given; a plan whose name is not UTF-8 is an error. */
async function plansUnder(pattern: string, folder: string, notes: MessageRef[], errors: MessageRef[]): Promise<Input[]> {
  const base = folder || '.';
  const { plans, notUtf8, skipped } = await listPlanFiles(pattern, base, base);
  const written = (file: string) => nodePath.join(folder, nodePath.relative(nodePath.resolve(base), file));
  for (const entry of skipped) notes.push(skippedNote({ ...entry, file: written(entry.file) }, nodePath.resolve(base)));
  for (const file of notUtf8) errors.push({ id: 'cli.nameNotUtf8', data: { file: written(file) } });
  return plans.map((file) => ({ file: written(file), givenFolder: base }));
}

/**
 * A glob as the folder it searches and the pattern matched there. The longest run of folders it
 * starts with that exists is a path, whatever its characters (`{c}/`, `a (copy)/`); only the rest
 * is read as a glob. Undefined when no pattern is left to match.
 */
async function globParts(input: string): Promise<{ base: string; glob: string } | undefined> {
  const names = input.split(nodePath.sep).join('/').split('/');
  const folderAt = (count: number) => names.slice(0, count).join('/') || '/';
  let existing = 0;
  while (
    existing < names.length - 1 &&
    (await fs.stat(folderAt(existing + 1)).then(
      (stat) => stat.isDirectory(),
      () => false,
    ))
  )
    existing++;
  const { base, glob } = picomatch.scan(names.slice(existing).join('/'));
  if (glob === '') return undefined;
  return {
    base: existing === 0 ? base : nodePath.join(folderAt(existing), base),
    glob,
  };
}

/**
 * Expands inputs into files, in a stable order; an input that matches nothing is an error.
 * Special files that a folder or a glob finds are left out with a note; one named as an input is an error.
 * A plan reached through several inputs is bounded by the outermost folder given that holds it,
 * so the findings do not depend on the order of the inputs.
 */
async function expand(inputs: string[]): Promise<{ files: Input[]; errors: MessageRef[]; notes: MessageRef[] }> {
  const files: Input[] = [];
  const errors: MessageRef[] = [];
  const notes: MessageRef[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).then(
      (found) => ({ found }),
      (error: NodeJS.ErrnoException) => ({ code: error.code ?? error.message }),
    );
    if ('found' in stat && stat.found.isFile()) {
      files.push({ file: input, givenFolder: nodePath.dirname(input) });
    } else if ('found' in stat && stat.found.isDirectory()) {
      const found = await plansUnder(planGlob, input, notes, errors);
      if (found.length === 0) errors.push({ id: 'cli.emptyFolder', data: { input } });
      files.push(...found);
    } else if ('found' in stat) {
      errors.push({
        id: 'files.notChecked',
        data: {
          file: input,
          reason: specialKindOf(stat.found) ?? 'other',
          folder: '',
        },
      });
    } else if (fastGlob.isDynamicPattern(input)) {
      const parts = await globParts(input);
      const found = parts ? await plansUnder(parts.glob, parts.base, notes, errors) : [];
      if (found.length === 0) errors.push({ id: 'cli.noMatch', data: { input } });
      files.push(...found);
    } else {
      errors.push(whyNotRead(input, stat.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', reason: stat.code }));
    }
  }
  const byPath = new Map<string, Input>();
  for (const input of files) {
    const seen = byPath.get(nodePath.resolve(input.file));
    if (!seen) byPath.set(nodePath.resolve(input.file), input);
    // Every folder that reached the plan holds it: the shortest is the outermost.
    else if (nodePath.resolve(input.givenFolder).length < nodePath.resolve(seen.givenFolder).length) seen.givenFolder = input.givenFolder;
  }
  return { files: [...byPath.values()], errors, notes };
}

/** The language of the output: `--locale`, else the environment's. */
function localeOf(options: Options | ExportOptions | DiffOptions | undefined): string | undefined {
  return options?.locale ?? givenLocale(process.argv.slice(2)) ?? environmentLocale(process.env);
}

/** A line on standard error; its text may quote a plan, a file name, an argument or an error, so it is made safe for a terminal. */
function printError(text: string): void {
  process.stderr.write(`mktplan: ${escapeTerminal(text)}\n`);
}

function usage(translator: Translator): string {
  return translator.t('cli.usage', {
    formats: formats.join('|'),
    locales: locales.join('|'),
  });
}

function reportWriter(format: Format, translator: Translator): ReportWriter {
  const root = findRepositoryRoot(process.cwd());
  if (format === 'json') return jsonWriter();
  if (format === 'sarif') return sarifWriter(version, translator, root);
  if (format === 'github') return githubWriter(root);
  if (format === 'gitlab') return gitlabWriter(root);
  return stylishWriter(process.stdout.isTTY === true && !process.env.NO_COLOR, translator);
}

/**
 * Standard output, written in blocks of a report's pieces, waiting while the reader is behind: a
 * report is never held whole, however many findings it has.
 */
class ReportOutput {
  private pieces: string[] = [];
  private length = 0;

  async write(pieces: Iterable<string>): Promise<void> {
    for (const piece of pieces) {
      this.pieces.push(piece);
      this.length += piece.length;
      if (this.length >= 1 << 16) await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (this.pieces.length === 0) return;
    const block = this.pieces.join('');
    this.pieces = [];
    this.length = 0;
    if (!process.stdout.write(block)) await once(process.stdout, 'drain');
  }
}

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseArguments>;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const translator = translatorFor(localeOf(undefined));
    printError(translator.render(error.reason));
    process.stderr.write(`\n${usage(translator)}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(usage(translatorFor(localeOf(undefined))) + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(version + '\n');
    return 0;
  }

  const translator = translatorFor(localeOf(options));
  if (options.command === 'export') return exportReport(options, translator);
  if (options.command === 'diff') return diffCommand(options, translator);
  const { files, errors, notes } = await expand(options.inputs);
  const engines = await CommandLineEngines.open(options.config);
  if ('refused' in engines) {
    printError(translator.render(engines.refused));
    return 2;
  }
  const settings = { locale: translator.locale };
  /** Each configuration that applies, with an engine that found it. */
  const configs = new Map<string, Engine>();
  for (const { file, givenFolder } of files) {
    const engine = engines.for(file, givenFolder);
    const config = await engine.configFor(fileUri(nodePath.resolve(file)));
    if (config) configs.set(config.file, engine);
  }
  const configReports: FileReport[] = [];
  // A configuration's own mistakes are listed with the plans it applies to; one that is not text is one of them.
  for (const [config, engine] of [...configs].sort(([a], [b]) => (a < b ? -1 : 1)).reverse()) {
    // The engine looks for configurations on this disk only: every one it finds is a `file:` URI.
    const configPath = pathOf(config)!;
    const shown = nodePath.relative(process.cwd(), configPath) || configPath;
    const stored = await readRegularFile(configPath);
    if (stored.kind !== 'ok') {
      errors.unshift(whyNotRead(shown, stored));
      continue;
    }
    const decoded = decodePlanFile(stored.bytes, stored.stat.size);
    const diagnostics = decoded.kind === 'text' ? await engine.check(config, decoded.text, settings) : engine.notTextFindings(decoded, settings);
    if (diagnostics.length > 0) configReports.unshift({ file: shown, diagnostics });
  }

  // Each file's report is written as soon as it is checked, in the order of the files, and let go: a check that fails still prints its whole report.
  const writer = reportWriter(options.format, translator);
  const output = new ReportOutput();
  const threshold = severityByName[options.failSeverity];
  let failed = false;
  const report = async (fileReport: FileReport) => {
    failed ||= fileReport.diagnostics.some((diagnostic) => diagnostic.severity <= threshold);
    await output.write(writer.file(fileReport));
  };
  for (const configReport of configReports) await report(configReport);
  const tasks = await readTasks(files);
  await checkTasks(markImported(tasks), { config: options.config, locale: translator.locale, fix: options.fix }, threadsFor(options.concurrency, tasks.length), async (outcome) => {
    if (outcome.fixed) printError(translator.render(outcome.fixed));
    if (outcome.error) errors.push(outcome.error);
    if (outcome.report) await report(outcome.report);
  });
  await output.write(writer.end());
  await output.flush();

  for (const note of notes) printError(translator.render(note));
  for (const error of errors) printError(translator.render(error));
  if (errors.length > 0) return 2;
  return failed ? 1 : 0;
}

// A reader that stops early (`mktplan check . | head`) closes the pipe: that ends the output, not in a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// The languages' texts ship beside the bundle, in dist/locales/.
useTranslations(localesOnDisk(nodePath.join(__dirname, 'locales')));
// The same bundle, through its door (dist/cli.js), is the command and each of its checking threads.
if (!isMainThread) serveChecks(parentPort!, (workerData as { checker: CheckOptions }).checker);
else {
  let ended = false;
  // Nothing left to wait for and no exit code: a check that waits forever is said, never a silent success.
  process.on('beforeExit', () => {
    if (!ended) {
      printError(
        translatorFor(localeOf(undefined)).t('cli.internalError', {
          reason: 'the check stopped before its end',
        }),
      );
      process.exit(2);
    }
  });
  main(process.argv.slice(2)).then(
    (code) => {
      ended = true;
      process.exitCode = code;
    },
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      ended = true;
      printError(translatorFor(localeOf(undefined)).t('cli.internalError', { reason }));
      process.exitCode = 2;
    },
  );
}
