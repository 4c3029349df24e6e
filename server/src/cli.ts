import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import fastGlob from 'fast-glob';
import picomatch from 'picomatch';
import { formatGithub, formatGitlab, formatJson, formatSarif, formatStylish, formats, type FileReport, type Format } from './cliFormats';
import { findRepositoryRoot } from './repositoryRoot';
import { listPlanFiles, planGlob, readRegularFile, specialKindOf, type SkippedPlan } from './diskWorkspace';
import { decodePlanFile, locales, resolveLocale, severityByName, translatorFor, type Engine, type SeverityName, type Translator } from './service';
import type { MessageRef } from './service/i18n/messages';
import { version } from '../../package.json';
import { CommandLineEngines } from './cliEngine';
import { exportReport, type ExportOptions } from './cliExport';
import { replaceFile, whyNotRead, whyNotWritten } from './cliFiles';
import { reportFormats } from './report/formats';
import { escapeTerminal } from './report/escape';
import { dayNumber } from './service/model/reader';

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
  inputs: string[];
}

const severities: readonly SeverityName[] = ['error', 'warning', 'information', 'hint'];

/** The value of an option that takes one of a few words; any other is a usage error that lists them. */
function choiceOf<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) throw new UsageError({ id: 'cli.badChoice', data: { option, choices, value } });
  return value as T;
}

/**
 * Reads the options one by one (`--name value`, `--name=value`, flags) and the inputs, which are
 * everything else and everything after `--`. `option` says whether it knows a name.
 */
function readOptions(args: string[], option: (name: string, valueOf: () => string) => boolean, input: (arg: string) => void): void {
  while (args.length > 0) {
    const arg = args.shift()!;
    if (arg === '--') {
      args.splice(0).forEach(input);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      input(arg);
      continue;
    }
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const valueOf = () => {
      const value = inline ?? args.shift();
      if (value === undefined) throw new UsageError({ id: 'cli.needsValue', data: { option: name } });
      return value;
    };
    if (!option(name, valueOf)) throw new UsageError({ id: 'cli.unknownOption', data: { option: name } });
  }
}

function parseExport(args: string[]): ExportOptions {
  const options: Omit<ExportOptions, 'file'> = { command: 'export', format: 'html' };
  const inputs: string[] = [];
  readOptions(
    args,
    (name, valueOf) => {
      if (name === '--format') {
        options.format = choiceOf(name, valueOf(), reportFormats);
      } else if (name === '-o' || name === '--output') {
        options.output = valueOf();
      } else if (name === '--as-of') {
        const value = valueOf();
        if (dayNumber(value) === undefined) throw new UsageError({ id: 'cli.badDate', data: { option: name, value } });
        options.asOf = value;
      } else if (name === '--locale') {
        options.locale = valueOf();
      } else if (name === '--config') {
        options.config = valueOf();
      } else return false;
      return true;
    },
    (input) => inputs.push(input),
  );
  if (inputs.length !== 1) throw new UsageError(inputs.length === 0 ? { id: 'cli.exportNoFile' } : { id: 'cli.exportOneFile', data: { count: inputs.length } });
  return { ...options, file: inputs[0] };
}

function parseArguments(argv: string[]): Options | ExportOptions | 'help' | 'version' {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help')) return 'help';
  if (args.includes('-v') || args.includes('--version')) return 'version';
  const command = args.shift();
  if (command === 'export') return parseExport(args);
  if (command !== 'check') throw new UsageError(command === undefined ? { id: 'cli.noCommand' } : { id: 'cli.unknownCommand', data: { command } });
  const options: Options = { command: 'check', format: 'stylish', failSeverity: 'error', fix: false, inputs: [] };
  readOptions(
    args,
    (name, valueOf) => {
      if (name === '--format') {
        options.format = choiceOf(name, valueOf(), formats);
      } else if (name === '--fail-severity') {
        options.failSeverity = choiceOf(name, valueOf(), severities);
      } else if (name === '--locale') {
        options.locale = valueOf();
      } else if (name === '--config') {
        options.config = valueOf();
      } else if (name === '--fix') {
        options.fix = true;
      } else return false;
      return true;
    },
    (input) => options.inputs.push(input),
  );
  if (options.inputs.length === 0) throw new UsageError({ id: 'cli.noInputs' });
  return options;
}

/** A plan to check, as the command line reached it: the folder given (or a file's own folder) bounds its imports. */
interface Input {
  file: string;
  givenFolder: string;
}

/** A file the listing of a folder or glob leaves out, said as a note: it does not change the exit code. */
function skippedNote({ file, reason }: SkippedPlan, folder: string): MessageRef {
  return { id: 'files.notChecked', data: { file, reason, folder } };
}

/** The plans under a folder (or a glob's base), written as reached from the input as given. */
async function plansUnder(pattern: string, folder: string, notes: MessageRef[]): Promise<Input[]> {
  const base = folder || '.';
  const { plans, skipped } = await listPlanFiles(pattern, base, base);
  const written = (file: string) => nodePath.join(folder, nodePath.relative(nodePath.resolve(base), file));
  for (const entry of skipped) notes.push(skippedNote({ ...entry, file: written(entry.file) }, nodePath.resolve(base)));
  return plans.map((file) => ({ file: written(file), givenFolder: base }));
}

/**
 * Expands inputs into files, in a stable order; an input that matches nothing is an error.
 * Special files that a folder or a glob finds are left out with a note; one named as an input is an error.
 */
async function expand(inputs: string[]): Promise<{ files: Input[]; errors: MessageRef[]; notes: MessageRef[] }> {
  const files: Input[] = [];
  const errors: MessageRef[] = [];
  const notes: MessageRef[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => undefined);
    if (stat?.isFile()) {
      files.push({ file: input, givenFolder: nodePath.dirname(input) });
    } else if (stat?.isDirectory()) {
      const found = await plansUnder(planGlob, input, notes);
      if (found.length === 0) errors.push({ id: 'cli.emptyFolder', data: { input } });
      for (const plan of found) files.push(plan);
    } else if (stat) {
      errors.push({ id: 'files.notChecked', data: { file: input, reason: specialKindOf(stat) ?? 'other', folder: '' } });
    } else if (fastGlob.isDynamicPattern(input)) {
      const { base, glob } = picomatch.scan(input.split(nodePath.sep).join('/'));
      const found = await plansUnder(glob, base, notes);
      if (found.length === 0) errors.push({ id: 'cli.noMatch', data: { input } });
      for (const plan of found) files.push(plan);
    } else {
      errors.push(whyNotRead(input, { kind: 'missing' }));
    }
  }
  const seen = new Set<string>();
  return { files: files.filter(({ file }) => !seen.has(nodePath.resolve(file)) && seen.add(nodePath.resolve(file))), errors, notes };
}

/** The byte order mark a file starts with, kept when it is written again. */
function bomOf(bytes: Buffer): string {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '';
}

/**
 * The language the environment asks for, as GNU programs read it: `LANGUAGE` (a list, `vi:en`,
 * whose first language spoken here wins; ignored under the `C` locale), then `LC_ALL`,
 * `LC_MESSAGES`, `LANG`. A variable set to the empty string counts as unset.
 */
function environmentLocale(): string | undefined {
  const set = (name: string) => process.env[name] || undefined;
  const locale = set('LC_ALL') ?? set('LC_MESSAGES') ?? set('LANG');
  const languages = locale === 'C' || locale === 'POSIX' ? [] : (set('LANGUAGE')?.split(':').filter(Boolean) ?? []);
  if (languages.length === 0) return locale;
  return languages.find((language) => /^en(?![a-z])/i.test(language) || resolveLocale(language) !== 'en') ?? 'en';
}

/** The language of the output: `--locale`, else the environment's. */
function localeOf(options: Options | ExportOptions | undefined): string | undefined {
  // Before the options are parsed (for the help, or a usage error), `--locale` is looked for as given.
  const given = process.argv.find((_, index, all) => all[index - 1] === '--locale') ?? process.argv.find((arg) => arg.startsWith('--locale='))?.slice(9);
  return options?.locale ?? given ?? environmentLocale();
}

/** A line on standard error; its text may quote a plan, a file name, an argument or an error, so it is made safe for a terminal. */
function printError(text: string): void {
  process.stderr.write(`mktplan: ${escapeTerminal(text)}\n`);
}

function usage(translator: Translator): string {
  return translator.t('cli.usage', { formats: formats.join('|'), locales: locales.join('|') });
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
  const { files, errors, notes } = await expand(options.inputs);
  const engines = await CommandLineEngines.open(options.config);
  if (!engines) {
    printError(translator.t('cli.noConfig', { file: options.config! }));
    return 2;
  }
  const settings = { locale: translator.locale };
  const reports: FileReport[] = [];
  /** Each configuration that applies, with an engine that found it. */
  const configs = new Map<string, Engine>();
  for (const { file, givenFolder } of files) {
    const engine = engines.for(file, givenFolder);
    const config = await engine.configFor(nodePath.resolve(file));
    if (config) configs.set(config.file, engine);
    if (await engine.isIgnored(nodePath.resolve(file))) continue;
    // A file named on the command line is read wherever it is; only its imports must stay in the workspace.
    const stored = await readRegularFile(file);
    if (stored.kind !== 'ok') {
      errors.push(whyNotRead(file, stored));
      continue;
    }
    let decoded = decodePlanFile(stored.bytes);
    if (options.fix && decoded.kind === 'text') {
      const fixed = await engine.fixAll(nodePath.resolve(file), decoded.text, settings);
      if (fixed && fixed.applied > 0) {
        // Written only over the very bytes the fixes were made from: a save meanwhile is never lost.
        const refusal = await replaceFile(file, bomOf(stored.bytes) + fixed.text, stored.bytes);
        if (refusal) {
          errors.push(whyNotWritten(file, refusal));
        } else {
          printError(translator.t('cli.fixed', { file, count: fixed.applied }));
          decoded = { kind: 'text', text: fixed.text };
        }
      }
    }
    const diagnostics = decoded.kind === 'text' ? await engine.check(nodePath.resolve(file), decoded.text, settings) : engine.notTextFindings(decoded, settings);
    reports.push({ file, diagnostics });
  }

  // A configuration's own mistakes are listed with the plans it applies to.
  for (const [config, engine] of [...configs].sort(([a], [b]) => (a < b ? -1 : 1)).reverse()) {
    const read = await engines.configReader.read(config);
    const diagnostics = read.kind === 'ok' ? await engine.check(config, read.text, settings) : [];
    if (diagnostics.length > 0) reports.unshift({ file: nodePath.relative(process.cwd(), config) || config, diagnostics });
  }

  const root = findRepositoryRoot(process.cwd());
  const output =
    options.format === 'json'
      ? formatJson(reports)
      : options.format === 'sarif'
        ? formatSarif(reports, version, translator, root)
        : options.format === 'github'
          ? formatGithub(reports, root)
          : options.format === 'gitlab'
            ? formatGitlab(reports, root)
            : formatStylish(reports, process.stdout.isTTY === true && !process.env.NO_COLOR, translator);
  // With nothing read, a stylish summary of zero files would only hide the error below.
  if (output && (reports.length > 0 || options.format !== 'stylish')) process.stdout.write(output + '\n');
  for (const note of notes) printError(translator.render(note));
  for (const error of errors) printError(translator.render(error));
  if (errors.length > 0) return 2;
  const threshold = severityByName[options.failSeverity];
  return reports.some((report) => report.diagnostics.some((diagnostic) => diagnostic.severity <= threshold)) ? 1 : 0;
}

// A reader that stops early (`mktplan check . | head`) closes the pipe: that ends the output, not in a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    printError(translatorFor(localeOf(undefined)).t('cli.internalError', { reason }));
    process.exitCode = 2;
  },
);
