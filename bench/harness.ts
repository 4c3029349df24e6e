// What the harnesses share: how one runs and ends, a numeric option from the command line, the median.
import { readFileSync } from 'node:fs';
import { useOwnCodeCache } from '../test/ownCodeCache';

/** The number after `name` on the command line, or `fallback`. */
export function numberOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** An option the command line gives that a harness does not take, or not so: said with the usage. */
export class UsageError extends Error {}

/**
 * The options `parse` reads from the command line, or the exit code once it is answered: 0 after
 * the usage asked for (`parse` gives 'help'), 1 after a usage error, said with the usage.
 */
export function readOptions<Options extends object>(name: string, usage: string, argv: string[], parse: (argv: string[]) => Options | 'help'): Options | number {
  let options: Options | 'help';
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n\n${usage}\n`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  return options;
}

/** The middle value of a list of measurements (of an even count, the mean of the two middle ones); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs a harness to its exit code (1, with the error on stderr, when it fails). `cleanUp` (stop
 * the servers it started, remove its files) runs on every way out: the end, an error, Ctrl+C.
 */
export function runHarness(name: string, main: () => Promise<number | void>, cleanUp: () => void = () => undefined): void {
  // The servers and commands measured start with no compiled code kept, and keep it for the run.
  useOwnCodeCache('mktplan-bench-code-cache-');
  process.on('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      cleanUp();
      process.exit(1);
    });
  }
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: harness error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      cleanUp();
      process.exitCode = 1;
    },
  );
}

/** Wall-clock and CPU milliseconds of each run of a measurement. */
export interface Samples {
  wall: number[];
  cpu: number[];
}

/** A measurement as a report gives it: the medians, and every run to a tenth of a millisecond. */
export interface Series {
  median: number;
  cpu: number;
  runs: number[];
  cpuRuns: number[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function series({ wall, cpu }: Samples): Series {
  return { median: median(wall), cpu: median(cpu), runs: wall.map(round1), cpuRuns: cpu.map(round1) };
}

/**
 * CPU time this process's children have used once waited for, their threads included, in ms
 * (Linux: cutime and cstime of /proc/self/stat, in hundredths of a second); NaN elsewhere.
 */
export function childrenCpuMs(): number {
  try {
    // The fields after the command's name, from the state (field 3): cutime and cstime are fields 16 and 17.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}
