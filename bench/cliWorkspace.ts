// The command-line measurements of bench/workspace.ts: `mktplan check` over a folder in a fresh
// process, and its floor, a fresh process that only reads and parses every plan of the folder.
//
// Each command runs as `node -r <preload> …`: the preload (bench/cliUsage.ts) writes at exit the
// CPU time of the whole process, its worker threads included, and its resident memory and peak;
// the wall time is the harness's, from the spawn to the exit. The preload and the floor
// (bench/parseFloor.ts) are bundled with esbuild into the run's own folder first, as the
// command line itself is bundled.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';

/** One command in a fresh process. */
export interface CommandRun {
  wallMs: number;
  /** User and system time of the whole process, its threads included. */
  cpuMs: number;
  /** Resident memory at exit, and its peak. */
  rssMB: number;
  peakRssMB: number;
  exitCode: number;
  stdout: string;
}

/** What `mktplan check --format json` reported. */
export interface CheckOutput {
  files: number;
  findings: number;
  /** Findings by rule id. */
  byRule: Record<string, number>;
}

export interface CommandLine {
  /** Whether the command line takes `--concurrency <n|auto|off>` (its `--help` names it). */
  takesConcurrency: boolean;
  /** The floor: read and parse every plan of the folder, one thread. */
  floor(folder: string): CommandRun;
  /** `mktplan check --format json --locale en [options] <folder>`. */
  check(folder: string, options?: readonly string[]): CommandRun;
}

/** Bundles the preload and the floor into `workDir`, and asks the command line at `cli` what it takes. */
export function prepareCommandLine(cli: string, workDir: string): CommandLine {
  const repoRoot = nodePath.resolve(__dirname, '..');
  const bundle = (entry: string) => {
    const outfile = nodePath.join(workDir, `${nodePath.basename(entry, '.ts')}.js`);
    // `yaml` as esbuild.mjs bundles it into the command line: its ES modules, not its CommonJS.
    const yamlModules = nodePath.join(repoRoot, 'node_modules/yaml/browser/index.js');
    buildSync({ entryPoints: [nodePath.join(__dirname, entry)], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', alias: { yaml: yamlModules }, logLevel: 'error' });
    return outfile;
  };
  const preload = bundle('cliUsage.ts');
  const floorScript = bundle('parseFloor.ts');
  const usageFile = nodePath.join(workDir, 'usage.json');
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  const takesConcurrency = /--concurrency\b/.test(`${help.stdout}${help.stderr}`);
  // A first check keeps V8's compiled code, which every measured run then reads, as every run of
  // a user's after the first does (README, "Compiled code kept between runs").
  spawnSync(process.execPath, [cli, 'check', '--format', 'json', nodePath.join(repoRoot, 'examples')], { encoding: 'utf8' });

  const run = (args: readonly string[], cwd: string): CommandRun => {
    rmSync(usageFile, { force: true });
    const started = performance.now();
    const result = spawnSync(process.execPath, ['-r', preload, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, MKTPLAN_BENCH_USAGE: usageFile } });
    const wallMs = performance.now() - started;
    if (result.error) throw result.error;
    // 0 and 1 are the answers of a check that ran; anything else is a usage error or a crash.
    if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} exited with ${result.status ?? result.signal}: ${result.stderr.slice(-2000)}`);
    let usage: { userMs: number; systemMs: number; rssMB: number; peakRssMB: number };
    try {
      usage = JSON.parse(readFileSync(usageFile, 'utf8'));
    } catch {
      throw new Error(`node ${args.join(' ')} ended without writing its usage (the preload's exit handler did not run)`);
    }
    return { wallMs, cpuMs: usage.userMs + usage.systemMs, rssMB: usage.rssMB, peakRssMB: usage.peakRssMB, exitCode: result.status, stdout: result.stdout };
  };
  return {
    takesConcurrency,
    floor: (folder) => run([floorScript, folder], folder),
    check: (folder, options = []) => run([cli, 'check', '--format', 'json', '--locale', 'en', ...options, folder], folder),
  };
}

/** Reads what `mktplan check --format json` printed; a sentence saying what is wrong when it is not its JSON. */
export function readCheckOutput(stdout: string): CheckOutput | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (error) {
    return `not JSON (${stdout.length} characters: ${JSON.stringify(stdout.slice(0, 80))}): ${(error as Error).message}`;
  }
  if (!Array.isArray(parsed)) return 'not a list of files';
  const byRule: Record<string, number> = {};
  let findings = 0;
  for (const entry of parsed as Array<{ file?: unknown; diagnostics?: unknown }>) {
    if (typeof entry?.file !== 'string' || !Array.isArray(entry.diagnostics)) return 'an entry without `file` and `diagnostics`';
    for (const diagnostic of entry.diagnostics as Array<{ code?: unknown }>) {
      const rule = String(diagnostic.code ?? '?');
      byRule[rule] = (byRule[rule] ?? 0) + 1;
      findings++;
    }
  }
  return { files: parsed.length, findings, byRule };
}
