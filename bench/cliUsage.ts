// Preloaded (`node -r`) into each command bench/cliWorkspace.ts times: at exit, it writes the CPU
// time of the whole process, its worker threads included (getrusage counts every thread, ended
// or not), its resident memory and the peak of it, as JSON, to the file MKTPLAN_BENCH_USAGE
// names. Worker threads load it too (they inherit `-r`): only the main thread writes.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.MKTPLAN_BENCH_USAGE;
if (file && isMainThread) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({ userMs: cpu.user / 1000, systemMs: cpu.system / 1000, rssMB: process.memoryUsage().rss / 1024 ** 2, peakRssMB: process.resourceUsage().maxRSS / 1024 }),
    );
  });
}
