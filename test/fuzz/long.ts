// The long run of the engine's robustness property (see mutations.ts).
//
//   npx tsx test/fuzz/long.ts [--runs N] [--seconds T] [--seed S] [--path P] [--hang-seconds H]
//   npx tsx test/fuzz/long.ts --case '<JSON recipe>'      checks one case, printed by an earlier failure
//
// Runs up to N cases (default 20,000) or T seconds (default 600), whichever comes first, from a
// random seed printed at the start. The property runs in a worker thread watched by this one: a
// case that never returns (an endless loop) or exhausts memory is reported with its text, as is
// a case that returns but breaks an invariant. Exit code 0 when every run passed, 1 otherwise.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { checkText, describedCase, FuzzFailure, materialize, plainCase, runCase, timeLimitMs, type FuzzCase, type Materialized } from './mutations';

interface Options {
  runs: number;
  seconds: number;
  seed: number;
  path?: string;
  hangSeconds: number;
  case?: FuzzCase;
}

type FromWorker =
  | { type: 'start'; index: number; fuzz: FuzzCase; shrinking: boolean }
  | { type: 'progress'; runs: number }
  | {
      type: 'done';
      failed: boolean;
      interrupted: boolean;
      numRuns: number;
      numShrinks: number;
      seed: number;
      path: string | null;
      counterexample: FuzzCase | null;
      error: string | null;
    };

const command = 'npx tsx test/fuzz/long.ts';

function usage(message: string): never {
  console.error(`${message}\nusage: ${command} [--runs N] [--seconds T] [--seed S] [--path P] [--hang-seconds H] | --case JSON`);
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  const options: Options = { runs: 20_000, seconds: 600, seed: (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0, hangSeconds: 60 };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = argv[++index];
    if (value === undefined) usage(`${flag} needs a value`);
    const integer = () => {
      const number = Number(value);
      if (!Number.isInteger(number)) usage(`${flag} needs an integer, not ${JSON.stringify(value)}`);
      return number;
    };
    switch (flag) {
      case '--runs':
        options.runs = integer();
        break;
      case '--seconds':
        options.seconds = integer();
        break;
      case '--seed':
        options.seed = integer();
        break;
      case '--path':
        options.path = value;
        break;
      case '--hang-seconds':
        options.hangSeconds = integer();
        break;
      case '--case':
        try {
          options.case = plainCase(JSON.parse(value) as FuzzCase);
        } catch (error) {
          usage(`--case needs a JSON recipe: ${(error as Error).message}`);
        }
        break;
      default:
        usage(`unknown option ${flag}`);
    }
  }
  if (options.runs < 1 || options.seconds < 1 || options.hangSeconds < 1) usage('--runs, --seconds and --hang-seconds must be positive');
  return options;
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

/** What kind of failure a message describes, without the details that change with the text. */
function failureKind(message: string): string {
  const firstLine = message.split('\n')[0];
  const threw = /^(\w+)[^:]*? threw: (.*)$/.exec(firstLine);
  if (threw) return `${threw[1]} threw: ${threw[2].replace(/\d+/g, 'N')}`;
  const feature = /^(\w+)/.exec(firstLine)?.[1] ?? '';
  const tail = firstLine.split(': ').pop() ?? '';
  return `${feature}: ${tail.replace(/\d+/g, 'N')}`;
}

async function failureOf({ file, text, positions, settings }: Materialized): Promise<string | undefined> {
  try {
    await checkText(file, text, positions, settings);
    return undefined;
  } catch (error) {
    return error instanceof FuzzFailure ? error.message : String(error);
  }
}

/**
 * Cuts a failing text down further than fast-check's shrinking of the recipe can: whole lines
 * first, then single characters of short texts, as long as the same kind of failure remains.
 */
async function reduce(material: Materialized, kind: string, budgetMs = 60_000): Promise<Materialized> {
  const started = performance.now();
  let text = material.text;
  const stillFails = async (candidate: string) => {
    const message = await failureOf({ ...material, text: candidate });
    return message !== undefined && failureKind(message) === kind;
  };
  const pieces = async (split: (text: string) => string[], join: string) => {
    let parts = split(text);
    for (let size = Math.max(1, parts.length >> 1); size >= 1; size >>= 1) {
      for (let start = 0; start < parts.length && performance.now() - started < budgetMs; ) {
        const candidate = [...parts.slice(0, start), ...parts.slice(start + size)];
        if (await stillFails(candidate.join(join))) parts = candidate;
        else start += size;
      }
    }
    text = parts.join(join);
  };
  await pieces((current) => current.split('\n'), '\n');
  if (text.length <= 2000) await pieces((current) => current.split(''), '');
  return { ...material, text };
}

async function printFailure(done: Extract<FromWorker, { type: 'done' }>): Promise<void> {
  const fuzz = done.counterexample!;
  const material = materialize(fuzz);
  console.log(`\nFAILED after ${done.numRuns} runs (shrunk ${done.numShrinks} times)`);
  console.log(`seed: ${done.seed}`);
  console.log(`path: ${done.path}`);
  console.log(`error: ${done.error}`);
  console.log(`recipe: ${JSON.stringify(fuzz)}`);
  console.log(`file: ${material.file}`);
  console.log(`positions (hover and completion): ${JSON.stringify(material.positions)}`);
  console.log(`settings: ${JSON.stringify(material.settings)}`);
  console.log(`text (${material.text.length} UTF-16 units, JSON-escaped):\n${JSON.stringify(material.text)}`);
  if (done.error && !done.error.includes('took')) {
    const reduced = await reduce(material, failureKind(done.error));
    if (reduced.text !== material.text) {
      console.log(`reduced text, same kind of failure (${reduced.text.length} UTF-16 units, JSON-escaped):\n${JSON.stringify(reduced.text)}`);
      console.log(`reduced error: ${await failureOf(reduced)}`);
    }
  }
  console.log(`\nreplay: ${command} --seed ${done.seed} --path ${done.path}`);
  console.log(`    or: ${command} --case '${JSON.stringify(fuzz).replace(/'/g, "'\\''")}'`);
}

// ---------------------------------------------------------------------------------------------
// The watcher (main thread) and the runner (worker thread)
// ---------------------------------------------------------------------------------------------

async function checkOneCase(fuzz: FuzzCase): Promise<void> {
  const material = materialize(fuzz);
  console.log(`file: ${material.file}\npositions: ${JSON.stringify(material.positions)}\nsettings: ${JSON.stringify(material.settings)}\ntext: ${JSON.stringify(material.text)}`);
  const started = performance.now();
  const message = await failureOf(material);
  console.log(`${Math.round(performance.now() - started)} ms`);
  if (message === undefined) {
    console.log('1 passed, 0 failed');
  } else {
    console.log(`error: ${message}\n0 passed, 1 failed`);
    process.exitCode = 1;
  }
}

function watch(options: Options): void {
  const replayHint = options.path ? ` --path ${options.path}` : '';
  console.log(
    `mktplan fuzz: seed ${options.seed}, up to ${options.runs} runs or ${options.seconds} s; a case over ${timeLimitMs / 1000} s fails, ` +
      `one silent for ${options.hangSeconds} s is a hang (replay: ${command} --seed ${options.seed}${replayHint})`,
  );
  const started = performance.now();
  let last: { index: number; fuzz: FuzzCase; shrinking: boolean; at: number } | undefined;
  let finished = false;

  const worker = new Worker(__filename, {
    workerData: options,
    // The worker loads this TypeScript file the way tsx loaded it here.
    execArgv: ['--require', require.resolve('tsx/cjs')],
    resourceLimits: { maxOldGenerationSizeMb: 2048 },
  });

  const reportStuck = (why: string) => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    console.log(`\nFAILED: ${why}`);
    console.log(`seed: ${options.seed}`);
    if (last) {
      const material = materialize(last.fuzz);
      // The index of a run is its path, unless the run started from a path or was shrinking a failure.
      const path = !last.shrinking && !options.path ? String(last.index) : undefined;
      console.log(path ? `path: ${path}` : 'path: unknown (replayed from a path, or shrinking an earlier failure): use the recipe');
      console.log(`recipe: ${JSON.stringify(last.fuzz)}`);
      console.log(`file: ${material.file}`);
      console.log(`positions (hover and completion): ${JSON.stringify(material.positions)}`);
      console.log(`settings: ${JSON.stringify(material.settings)}`);
      console.log(`text (${material.text.length} UTF-16 units, JSON-escaped):\n${JSON.stringify(material.text)}`);
      if (path) console.log(`\nreplay: ${command} --seed ${options.seed} --path ${path}`);
      console.log(`    or: ${command} --case '${JSON.stringify(last.fuzz).replace(/'/g, "'\\''")}'`);
    }
    process.exitCode = 1;
    void worker.terminate();
  };

  const timer = setInterval(() => {
    if (last && performance.now() - last.at > options.hangSeconds * 1000) reportStuck(`a case has not returned for ${options.hangSeconds} s (a hang)`);
  }, 1000);

  worker.on('message', (message: FromWorker) => {
    if (message.type === 'start') {
      last = { ...message, at: performance.now() };
    } else if (message.type === 'progress') {
      const seconds = (performance.now() - started) / 1000;
      console.log(`${message.runs} runs, ${seconds.toFixed(1)} s, ${((seconds * 1000) / message.runs).toFixed(1)} ms/run`);
    } else {
      finished = true;
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      void (async () => {
        if (message.failed && message.counterexample) {
          await printFailure(message);
          console.log(`\n${Math.max(0, message.numRuns - 1)} passed, 1 failed (${seconds.toFixed(1)} s)`);
          process.exitCode = 1;
        } else if (message.failed) {
          console.log(`\nFAILED: ${message.error ?? 'fast-check reported a failure without a counterexample'}`);
          process.exitCode = 1;
        } else {
          const why = message.interrupted ? `, stopped by the ${options.seconds} s limit` : '';
          console.log(
            `\n${message.numRuns} passed, 0 failed (seed ${message.seed}, ${seconds.toFixed(1)} s, ${((seconds * 1000) / Math.max(1, message.numRuns)).toFixed(1)} ms/run${why})`,
          );
        }
        await worker.terminate();
      })();
    }
  });
  worker.on('error', (error) => reportStuck(`the worker died: ${error.stack ?? error.message}`));
  worker.on('exit', (code) => {
    if (!finished) reportStuck(`the worker exited with code ${code} before finishing`);
  });
}

async function run(options: Options): Promise<void> {
  const port = parentPort!;
  const send = (message: FromWorker) => port.postMessage(message);
  let index = 0;
  let failedOnce = false;
  let passed = 0;
  // The same property as in npm test, with each case announced to the watcher before it runs.
  const property: fc.IAsyncProperty<[FuzzCase]> = fc.asyncProperty(describedCase, async (fuzz) => {
    send({ type: 'start', index: index++, fuzz: plainCase(fuzz), shrinking: failedOnce });
    try {
      await runCase(fuzz);
    } catch (error) {
      failedOnce = true;
      throw error;
    }
    if (!failedOnce && ++passed % 1000 === 0) send({ type: 'progress', runs: passed });
  });
  const details = await fc.check<[FuzzCase]>(property, {
    seed: options.seed,
    numRuns: options.runs,
    path: options.path,
    // The plugin is typed for any property; it is one for this one.
    plugins: [fc.interruptAfterTimeLimit(options.seconds * 1000) as unknown as fc.Plugin<[FuzzCase]>],
  });
  const error = details.errorInstance;
  send({
    type: 'done',
    failed: details.failed,
    interrupted: details.interrupted,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    seed: details.seed,
    path: details.counterexamplePath,
    counterexample: details.counterexample ? plainCase(details.counterexample[0]) : null,
    error: error === null || error === undefined ? (details.failed ? (fc.defaultReportMessage(details) ?? null) : null) : error instanceof Error ? error.message : String(error),
  });
}

if (isMainThread) {
  const options = parseOptions(process.argv.slice(2));
  if (options.case) void checkOneCase(options.case);
  else watch(options);
} else {
  void run(workerData as Options);
}
