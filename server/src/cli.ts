import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import fastGlob from 'fast-glob';
import { formatGithub, formatJson, formatSarif, formatStylish, formats, type FileReport, type Format } from './cliFormats';
import { DiskWorkspace } from './diskWorkspace';
import { Engine, severityByName, type SeverityName } from './service';
import { version } from '../../package.json';

const usage = `Usage: mktplan check [options] <files, folders or globs...>

Checks marketing strategies and plans written as *.mktplan.yaml files.
Folders are searched for *.mktplan.yaml and *.mktplan.yml files.

Options:
  --format <stylish|json|sarif|github>          output format (default: stylish)
  --fail-severity <error|warning|information|hint>
                                                lowest severity that makes the exit code 1 (default: error)
  -h, --help                                    show this help
  -v, --version                                 show the version

Exit codes: 0 no finding at or above the fail severity, 1 at least one, 2 usage or I/O error.`;

class UsageError extends Error {}

interface Options {
  format: Format;
  failSeverity: SeverityName;
  inputs: string[];
}

const severities: readonly SeverityName[] = ['error', 'warning', 'information', 'hint'];

function parseArguments(argv: string[]): Options | 'help' | 'version' {
  const args = [...argv];
  if (args.includes('-h') || args.includes('--help')) return 'help';
  if (args.includes('-v') || args.includes('--version')) return 'version';
  const command = args.shift();
  if (command !== 'check') throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  const options: Options = { format: 'stylish', failSeverity: 'error', inputs: [] };
  while (args.length > 0) {
    const arg = args.shift()!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const valueOf = () => {
      const value = inline ?? args.shift();
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      return value;
    };
    if (name === '--format') {
      const value = valueOf();
      if (!(formats as readonly string[]).includes(value)) throw new UsageError(`--format must be one of ${formats.join(', ')}; got "${value}"`);
      options.format = value as Format;
    } else if (name === '--fail-severity') {
      const value = valueOf();
      if (!(severities as readonly string[]).includes(value)) throw new UsageError(`--fail-severity must be one of ${severities.join(', ')}; got "${value}"`);
      options.failSeverity = value as SeverityName;
    } else if (name === '--') {
      options.inputs.push(...args.splice(0));
    } else if (name.startsWith('-')) {
      throw new UsageError(`unknown option "${name}"`);
    } else {
      options.inputs.push(arg);
    }
  }
  if (options.inputs.length === 0) throw new UsageError('no files, folders or globs given');
  return options;
}

const planPattern = '**/*.mktplan.{yaml,yml}';
const ignored = ['**/node_modules/**', '**/.git/**'];

/** Expands inputs into files, in a stable order; an input that matches nothing is an error. */
async function expand(inputs: string[]): Promise<{ files: string[]; errors: string[] }> {
  const files: string[] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => undefined);
    if (stat?.isFile()) {
      files.push(input);
    } else if (stat?.isDirectory()) {
      const found = await fastGlob(planPattern, { cwd: input, ignore: ignored, onlyFiles: true, dot: false });
      if (found.length === 0) errors.push(`${input}: no *.mktplan.yaml or *.mktplan.yml files in this folder`);
      files.push(...found.sort().map((file) => nodePath.join(input, file)));
    } else if (fastGlob.isDynamicPattern(input)) {
      const found = await fastGlob(input.split(nodePath.sep).join('/'), { ignore: ignored, onlyFiles: true });
      if (found.length === 0) errors.push(`${input}: no file matches`);
      files.push(...found.sort());
    } else {
      errors.push(`${input}: no such file or folder`);
    }
  }
  return { files: [...new Set(files)], errors };
}

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseArguments>;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mktplan: ${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(usage + '\n');
    return 0;
  }
  if (options === 'version') {
    process.stdout.write(version + '\n');
    return 0;
  }

  const { files, errors } = await expand(options.inputs);
  const workspace = new DiskWorkspace(process.cwd());
  const engine = new Engine(workspace);
  const reports: FileReport[] = [];
  for (const file of files) {
    // A file named on the command line is read wherever it is; only its imports must stay in the workspace.
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      errors.push(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    reports.push({ file, diagnostics: await engine.check(nodePath.resolve(file), text) });
  }

  const output =
    options.format === 'json'
      ? formatJson(reports)
      : options.format === 'sarif'
        ? formatSarif(reports, version)
        : options.format === 'github'
          ? formatGithub(reports)
          : formatStylish(reports, process.stdout.isTTY === true && !process.env.NO_COLOR);
  // With nothing read, a stylish summary of zero files would only hide the error below.
  if (output && (reports.length > 0 || options.format !== 'stylish')) process.stdout.write(output + '\n');
  for (const error of errors) process.stderr.write(`mktplan: ${error}\n`);
  if (errors.length > 0) return 2;
  const threshold = severityByName[options.failSeverity];
  return reports.some((report) => report.diagnostics.some((diagnostic) => diagnostic.severity <= threshold)) ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mktplan: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
