import { Worker, type MessagePort } from 'node:worker_threads';
import { Checker, importKey, type CheckOptions, type CheckOutcome, type CheckTask, type FromChecker, type ToChecker } from './checkRun';
import type { LoadedImport } from '../service';

/**
 * How many plans each thread is given ahead of the one it checks: enough that it never waits for
 * the next, few enough that the threads end together.
 */
const tasksAhead = 8;

/** A checking thread as the run sees it: where to send, and how many plans it was given and has not reported. */
interface Endpoint {
  post(message: ToChecker): void;
  given: number;
}

/** An imported file: lent, or being read by one thread while others wait for it. */
type Lending = { loaded: LoadedImport } | { waiting: Endpoint[] };

/**
 * Hands the plans to the checking threads and the imported files between them. Each plan is
 * checked by one thread; each imported file is read and parsed by one thread and lent to the
 * others (its first reader, or the thread that checks it, which lends it as soon as it has it).
 * A plan another thread needs before its turn is given to that thread at once. Outcomes come
 * back in any order; `onOutcome` gets them in the order of the tasks' `index`.
 */
class Dispatcher {
  private readonly lendings = new Map<string, Lending>();
  private readonly taskByKey = new Map<string, CheckTask>();
  private readonly dispatched = new Set<number>();
  private next = 0;
  private readonly outcomes = new Map<number, CheckOutcome>();
  private printed = 0;

  constructor(
    /** In the order they are handed out: the plans others import first. */
    private readonly tasks: readonly CheckTask[],
    private readonly total: number,
    private readonly onOutcome: (outcome: CheckOutcome) => Promise<void>,
    private readonly finished: (error?: Error) => void,
  ) {
    for (const task of tasks) this.taskByKey.set(importKey(task.root, task.uri), task);
  }

  start(endpoints: Endpoint[]): void {
    if (this.total === 0) return this.finished();
    for (const endpoint of endpoints) this.fill(endpoint);
  }

  private fill(endpoint: Endpoint): void {
    while (endpoint.given < tasksAhead) {
      const task = this.nextTask();
      if (!task) return;
      this.dispatch(endpoint, task);
    }
  }

  private nextTask(): CheckTask | undefined {
    while (this.next < this.tasks.length && this.dispatched.has(this.tasks[this.next].index)) this.next++;
    return this.tasks[this.next];
  }

  private dispatch(endpoint: Endpoint, task: CheckTask): void {
    this.dispatched.add(task.index);
    endpoint.given++;
    if (task.lend) {
      const key = importKey(task.root, task.uri);
      if (!this.lendings.has(key)) this.lendings.set(key, { waiting: [] });
    }
    endpoint.post({ kind: 'check', task });
  }

  receive(endpoint: Endpoint, message: FromChecker): void {
    if (message.kind === 'failed') return this.finished(new Error(message.reason));
    if (message.kind === 'done') {
      endpoint.given--;
      this.fill(endpoint);
      this.outcomes.set(message.outcome.index, message.outcome);
      void this.print();
      return;
    }
    if (message.kind === 'lent') {
      const lending = this.lendings.get(message.key);
      this.lendings.set(message.key, { loaded: message.loaded });
      if (lending && 'waiting' in lending) for (const waiting of lending.waiting) waiting.post({ kind: 'loaded', key: message.key, loaded: message.loaded });
      return;
    }
    const lending = this.lendings.get(message.key);
    if (lending && 'loaded' in lending) return endpoint.post({ kind: 'loaded', key: message.key, loaded: lending.loaded });
    if (lending) {
      lending.waiting.push(endpoint);
      return;
    }
    const task = this.taskByKey.get(message.key);
    if (task && !this.dispatched.has(task.index)) {
      // A plan to check that another imports before its turn: the thread that needs it checks it, and lends it first.
      this.lendings.set(message.key, { waiting: [endpoint] });
      this.dispatch(endpoint, { ...task, lend: true });
      return;
    }
    this.lendings.set(message.key, { waiting: [] });
    endpoint.post({ kind: 'readHere', key: message.key });
  }

  private printing = false;

  /** Reports the outcomes that are next in order, one at a time (writing may wait for the reader). */
  private async print(): Promise<void> {
    if (this.printing) return;
    this.printing = true;
    try {
      for (let outcome = this.outcomes.get(this.printed); outcome; outcome = this.outcomes.get(this.printed)) {
        this.outcomes.delete(this.printed);
        this.printed++;
        await this.onOutcome(outcome);
      }
    } catch (error) {
      return this.finished(error as Error);
    } finally {
      this.printing = false;
    }
    if (this.printed === this.total) this.finished();
  }
}

/**
 * Checks the tasks on `threads` threads, this one and worker threads, and gives their outcomes in
 * the order of their `index`, whatever order they are checked in.
 */
export async function checkTasks(tasks: readonly CheckTask[], options: CheckOptions, threads: number, onOutcome: (outcome: CheckOutcome) => Promise<void>): Promise<void> {
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const dispatcher = new Dispatcher(tasks, tasks.length, onOutcome, (error) => (error ? reject(error) : resolve()));
      // This thread checks too, between handing out plans and printing: it would otherwise mostly wait.
      const here: Endpoint = { given: 0, post: (message) => setImmediate(() => checker.receive(message)) };
      // Both sides answer on a later turn, as threads do: neither runs inside the other's handler.
      const checker = new Checker(options, (message) => setImmediate(() => dispatcher.receive(here, message)));
      const endpoints: Endpoint[] = [here];
      for (let count = 1; count < threads; count++) {
        const worker = new Worker(__filename, { workerData: { checker: options } });
        workers.push(worker);
        const endpoint: Endpoint = { given: 0, post: (message) => worker.postMessage(message) };
        worker.on('message', (message: FromChecker) => dispatcher.receive(endpoint, message));
        worker.on('error', reject);
        worker.on('exit', (code) => code !== 0 && reject(new Error(`exit ${code}`)));
        endpoints.push(endpoint);
      }
      dispatcher.start(endpoints);
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** In a worker thread: checks what the main thread gives it. */
export function serveChecks(port: MessagePort, options: CheckOptions): void {
  const checker = new Checker(options, (message) => port.postMessage(message));
  port.on('message', (message: ToChecker) => checker.receive(message));
}
