// Reviewing a change: `mktplan diff` of two large plans against `mktplan check` of the newer one,
// `npm run bench:diff` (after a production build).
//
//   tsx bench/diff.ts [--sizes 5000,20000] [--runs 7] [--warmup n] [--seed 1]
//
// For each size, bench/generate.ts writes the old plan and `revise` derives the new one from it:
// changes throughout, as a review meets them (amounts, campaign dates, KPI targets, owners, names,
// campaigns added, removed and renamed, a KPI and a channel renamed, lists reordered). Like with like:
//   cold        `node dist/cli.js diff old new --format json` against `node dist/cli.js check new
//               --format json`, a fresh process each, taken in turns after one untimed run of each;
//   in process  `comparePlanVersions(old, new)` (what `mktplan diff` calls) against `Engine.check`
//               of the new file (what `mktplan check` calls), a fresh Engine each run so that
//               nothing is cached, in turns after warm-up runs (by default 50,000 / lines, at
//               least 4); and, apart, `comparePlans` alone on the two versions already checked.
// The target: diff < 2× check, each way. Medians of the runs. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import { DiskWorkspace } from '../server/src/hosts/disk';
import { comparePlans, comparePlanVersions, Engine, fileUri, type PlanDiff } from '../server/src/service';
import { countLines, generatePlan, random } from './generate';
import { childrenCpuMs, median, numberOption, runHarness, series, type Samples, type Series } from './harness';

const repository = nodePath.join(__dirname, '..');
const cli = nodePath.join(repository, 'dist/cli.js');
const resultsDir = nodePath.join(__dirname, 'results');
const sizesIndex = process.argv.indexOf('--sizes');
const sizes = sizesIndex >= 0 ? process.argv[sizesIndex + 1].split(',').map(Number) : [5000, 20_000];
const runs = numberOption('--runs', 7);
const warmupOption = numberOption('--warmup', NaN);
/** Untimed runs before the timed ones in process: V8 compiles a function hot only after many calls, and a small plan makes few. */
const warmupFor = (lines: number) => (Number.isNaN(warmupOption) ? Math.max(4, Math.round(50_000 / lines)) : warmupOption);
const seed = numberOption('--seed', 1);
const settings = { locale: 'en' };
const targetRatio = 2;

const log = (message: string) => process.stderr.write(`${message}\n`);

// ------------------------------------------------------------------------------------------
// The new version of a plan.

/** How many of each kind of change `revise` made. */
type Revisions = Record<string, number>;

const dayMs = 86_400_000;
const yearStart = Date.UTC(2027, 0, 1);

/** A 2027 date moved by some days, kept inside 2027 (the plan's period). */
function moveDate(written: string, days: number): string {
  const moved = Math.min(364, Math.max(0, Math.round((Date.parse(written) - yearStart) / dayMs) + days));
  return new Date(yearStart + moved * dayMs).toISOString().slice(0, 10);
}

/** The lines of a section of the plan: from the line after its key to the blank line that ends it. */
function sectionBounds(lines: readonly string[], key: string): { from: number; to: number } {
  const at = lines.indexOf(key);
  if (at < 0) throw new Error(`the generated plan has no ${JSON.stringify(key)}`);
  const end = lines.indexOf('', at);
  return { from: at + 1, to: end < 0 ? lines.length : end };
}

/** The campaigns' list cut into items, each with the comment line written above it. */
function campaignBlocks(lines: readonly string[]): string[][] {
  const blocks: string[][] = [];
  for (const [index, line] of lines.entries()) {
    const startsItem = line.startsWith('    # ') || (line.startsWith('    - ') && !lines[index - 1]?.startsWith('    # '));
    if (startsItem || blocks.length === 0) blocks.push([]);
    blocks[blocks.length - 1].push(line);
  }
  return blocks;
}

const idOf = (block: readonly string[]): string => /^ {4}- id: (\S+)$/m.exec(block.join('\n'))![1];

/** A plan's next version: a few hundred changes spread through it, every reference still resolving. */
export function revise(old: string, seedValue: number): { text: string; revisions: Revisions } {
  const rnd = random(seedValue);
  const chance = (p: number) => rnd() < p;
  const int = (low: number, high: number) => low + Math.floor(rnd() * (high - low + 1));
  const revisions: Revisions = {};
  const count = (kind: string) => (revisions[kind] = (revisions[kind] ?? 0) + 1);
  const lines = old.split('\n');
  const managers = [...new Set(lines.flatMap((line) => /^ {2}- (?:\{)?id: (m-\d+)/.exec(line)?.[1] ?? []))];
  const otherManager = (id: string) => managers.filter((manager) => manager !== id)[int(0, managers.length - 2)];
  const renames = new Map<string, string>();

  // Campaigns: their fields, then whole items added, removed, renamed and moved.
  const campaigns = sectionBounds(lines, '  campaigns:');
  const newBudgets = new Map<string, number>();
  const blocks: string[][] = [];
  let added = 0;
  for (const block of campaignBlocks(lines.slice(campaigns.from, campaigns.to))) {
    const id = idOf(block);
    // Every fourth campaign has an allocation of its own (bench/generate.ts): removing one would leave it dangling.
    const allocated = Number(/^cmp-(\d+)/.exec(id)![1]) % 4 === 1;
    if (!allocated && chance(0.012)) {
      count('campaign removed');
      continue;
    }
    if (chance(0.012)) {
      // Only the id changes, so that the comparison can tell it is the same campaign.
      renames.set(id, `${id}-r`);
      count('campaign renamed');
      blocks.push(block);
      continue;
    }
    const revised = block.map((line) => line);
    const field = (key: string) => revised.findIndex((line) => line.startsWith(`      ${key}:`));
    if (chance(0.1)) {
      const at = field('budget');
      revised[at] = revised[at].replace(/\d+/, (amount) => {
        const next = Math.max(1, Number(amount) / 1_000_000 + [-5, -2, 2, 5, 10][int(0, 4)]) * 1_000_000;
        newBudgets.set(id, next);
        return String(next);
      });
      count('campaign budget');
    }
    if (chance(0.1)) {
      const [start, end] = [field('start'), field('end')];
      const moved = int(1, 14) * (chance(0.5) ? 1 : -1);
      const longer = chance(0.3) ? int(1, 10) : 0;
      revised[start] = revised[start].replace(/2027-\d\d-\d\d/, (date) => moveDate(date, moved));
      revised[end] = revised[end].replace(/2027-\d\d-\d\d/, (date) => moveDate(date, moved + longer));
      count('campaign dates');
    }
    if (chance(0.05)) {
      const at = field('owner');
      revised[at] = revised[at].replace(/m-\d+/, otherManager);
      count('campaign owner');
    }
    if (chance(0.03)) {
      const at = field('name');
      const written = revised[at].slice('      name: '.length);
      revised[at] = `      name: ${JSON.stringify(`${written.startsWith('"') ? (JSON.parse(written) as string) : written} (2027)`)}`;
      count('campaign name');
    }
    if (chance(0.05)) {
      // The same channels in another order: the comparison reads the list as a set.
      const at = field('channels');
      const flow = /\[(.*)\]/.exec(revised[at]);
      if (flow) revised[at] = revised[at].replace(flow[0], `[${flow[1].split(', ').reverse().join(', ')}]`);
      else {
        let end = at + 1;
        while (revised[end]?.startsWith('        - ch-')) end++;
        revised.splice(at + 1, end - at - 1, ...revised.slice(at + 1, end).reverse());
      }
      count('campaign channels reordered');
    }
    blocks.push(revised);
    if (!allocated && chance(0.012)) {
      // A new campaign modelled on this one, with its own id and name.
      const newId = `cmp-${String(90_000 + ++added)}-new`;
      blocks.push(block.map((line) => line.replace(id, newId).replace(/^ {6}name: .*/, `      name: New campaign ${added}`)));
      count('campaign added');
    }
  }
  // A few campaigns moved one place down: the order changes, nothing else.
  for (let index = 0; index + 1 < blocks.length; index++) {
    if (!chance(0.02)) continue;
    [blocks[index], blocks[index + 1]] = [blocks[index + 1], blocks[index]];
    index++;
    count('campaigns swapped');
  }
  lines.splice(campaigns.from, campaigns.to - campaigns.from, ...blocks.flat());

  // KPIs: targets and owners; a few renamed wherever they are named.
  const kpis = sectionBounds(lines, '  kpis:');
  for (let index = kpis.from; index < kpis.to; index++) {
    if (/target: \d+/.test(lines[index]) && chance(0.15)) {
      lines[index] = lines[index].replace(/target: (\d+)/, (_, target: string) => `target: ${Math.max(1, Math.round(Number(target) * [0.8, 0.9, 1.1, 1.25][int(0, 3)]))}`);
      count('KPI target');
    }
    if (/owner: m-\d+/.test(lines[index]) && chance(0.03)) {
      lines[index] = lines[index].replace(/m-\d+/, otherManager);
      count('KPI owner');
    }
  }
  const kpiIds = lines.slice(kpis.from, kpis.to).flatMap((line) => /^ {4}- (?:\{)?id: (kpi-\d+)/.exec(line)?.[1] ?? []);
  const kpiRenames = Math.max(1, Math.round(kpiIds.length / 150));
  for (let renamed = 0; renamed < kpiRenames; renamed++) {
    // Spread through the list, each a different KPI.
    renames.set(kpiIds[Math.floor(((renamed + 0.5) * kpiIds.length) / kpiRenames)], `kpi-renamed-${renamed + 1}`);
    count('KPI renamed');
  }

  // Milestones on one day moved; channel allocations changed.
  const timeline = sectionBounds(lines, '  timeline:');
  for (let index = timeline.from; index < timeline.to; index++) {
    if (!/date: 2027/.test(lines[index]) || !chance(0.2)) continue;
    lines[index] = lines[index].replace(/2027-\d\d-\d\d/, (date) => moveDate(date, int(1, 21)));
    count('milestone date');
  }
  const allocations = sectionBounds(lines, '    allocations:');
  for (let index = allocations.from; index < allocations.to; index++) {
    const campaign = /\{campaign: (\S+), amount: \d+\}/.exec(lines[index]);
    // An allocation follows its campaign's new budget, as the author would.
    if (campaign && newBudgets.has(campaign[1])) lines[index] = lines[index].replace(/amount: \d+/, `amount: ${newBudgets.get(campaign[1])}`);
    else if (/channel: ch-/.test(lines[index]) && chance(0.2)) {
      const at = /amount: \d+/.test(lines[index]) ? index : index + 1;
      lines[at] = lines[at].replace(/amount: (\d+)/, (_, amount: string) => `amount: ${Number(amount) + int(-3, 6) * 1_000_000}`);
      count('channel allocation');
    }
  }
  // The total follows the allocations, which still add up to it.
  const allocated = lines.slice(allocations.from, allocations.to).reduce((sum, line) => sum + Number(/amount: (\d+)/.exec(line)?.[1] ?? 0), 0);
  const total = lines.findIndex((line) => line.startsWith('    total: '));
  lines[total] = `    total: ${allocated}`;

  // One channel renamed, with its allocation, its campaigns and its content.
  const channel = /^ {4}- \{id: (ch-[a-z-]+-01),/m.exec(old)![1];
  renames.set(channel, channel.replace(/-01$/, '-main'));
  count('channel renamed');

  let text = lines.join('\n');
  for (const [from, to] of renames) text = text.replace(new RegExp(`(?<![\\w-])${from}(?![\\w-])`, 'g'), to);
  return { text, revisions };
}

// ------------------------------------------------------------------------------------------
// Measuring.


/** One `mktplan` command line in a fresh process: its wall-clock and CPU time, and its output (exit code 0 or 1: it ran). */
function runCli(folder: string, args: readonly string[]): { ms: number; cpu: number; stdout: string } {
  const [started, cpu0] = [performance.now(), childrenCpuMs()];
  const result = spawnSync(process.execPath, [cli, ...args, '--format', 'json', '--locale', 'en'], { cwd: folder, encoding: 'utf8', maxBuffer: 1 << 30 });
  const [ms, cpu] = [performance.now() - started, childrenCpuMs() - cpu0];
  if (result.status !== 0 && result.status !== 1) throw new Error(`mktplan ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return { ms, cpu, stdout: result.stdout };
}

/** Each work in turn, `warmupRuns` times untimed and then `runs` times: wall-clock and CPU milliseconds of each. */
async function inTurns(works: ReadonlyArray<() => Promise<unknown>>, warmupRuns: number): Promise<Samples[]> {
  const samples = works.map((): Samples => ({ wall: [], cpu: [] }));
  for (let run = 1 - warmupRuns; run <= runs; run++) {
    for (const [index, work] of works.entries()) {
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      await work();
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpu0);
      if (run > 0) {
        samples[index].wall.push(wall);
        samples[index].cpu.push((cpu.user + cpu.system) / 1000);
      }
    }
  }
  return samples;
}

interface SizeResult {
  size: number;
  oldLines: number;
  newLines: number;
  revisions: Revisions;
  diff: { status: string; changes: number; introduced: number; resolved: number; unserved: number };
  checkFindings: number;
  cold: { check: Series; diff: Series };
  inProcess: { check: Series; diff: Series; comparePlans: Series };
  warmup: number;
  loadAverage: { before: number; after: number };
}

async function measureSize(size: number, folder: string): Promise<SizeResult> {
  const loadBefore = os.loadavg()[0];
  const oldText = generatePlan(size, seed);
  const { text: newText, revisions } = revise(oldText, seed);
  const [oldPath, newPath] = [nodePath.join(folder, `old-${size}.mktplan.yaml`), nodePath.join(folder, `new-${size}.mktplan.yaml`)];
  await fs.writeFile(oldPath, oldText);
  await fs.writeFile(newPath, newText);
  const [oldFile, newFile] = [fileUri(oldPath), fileUri(newPath)];
  log(`\n[${size.toLocaleString('en')} lines] old ${countLines(oldText).toLocaleString('en')} lines, new ${countLines(newText).toLocaleString('en')} lines; load average ${loadBefore.toFixed(2)}`);

  const checkNew = () => new Engine(new DiskWorkspace(folder)).check(newFile, newText, settings);
  const compareVersions = async (): Promise<PlanDiff> => {
    // One engine for both versions, as `mktplan diff` has for two files in one folder.
    const engine = new Engine(new DiskWorkspace(folder));
    const compared = await comparePlanVersions({ engine, file: oldFile, text: oldText }, { engine, file: newFile, text: newText }, settings);
    if ('unparsed' in compared) throw new Error(`the ${compared.unparsed.join(' and ')} version does not parse`);
    return compared;
  };

  // What is compared: the numbers the report gives, and the same from the command line (its untimed run).
  const diff = await compareVersions();
  const checkFindings = (await checkNew()).length;
  const summary = { status: diff.status, changes: diff.changes.length, introduced: diff.findings.introduced.length, resolved: diff.findings.resolved.length, unserved: diff.unserved.length };
  const commands = { check: ['check', nodePath.basename(newPath)], diff: ['diff', nodePath.basename(oldPath), nodePath.basename(newPath)] } as const;
  const fromCli = JSON.parse(runCli(folder, commands.diff).stdout) as { summary: { changes: number } };
  if (fromCli.summary.changes !== summary.changes) throw new Error(`mktplan diff reports ${fromCli.summary.changes} changes, the engine ${summary.changes}: is dist/cli.js built from this tree?`);
  if (summary.changes === 0) throw new Error('the revised plan differs in nothing');
  log(`  ${summary.changes} changes, ${summary.introduced} findings introduced, ${summary.resolved} resolved; the new version has ${checkFindings} findings`);

  log('  cold: node dist/cli.js check new / diff old new');
  runCli(folder, commands.check);
  const cold: { check: Samples; diff: Samples } = { check: { wall: [], cpu: [] }, diff: { wall: [], cpu: [] } };
  for (let run = 1; run <= runs; run++) {
    for (const kind of ['check', 'diff'] as const) {
      const { ms, cpu } = runCli(folder, commands[kind]);
      cold[kind].wall.push(ms);
      cold[kind].cpu.push(cpu);
    }
    log(`    run ${run}/${runs}: check ${cold.check.wall.at(-1)!.toFixed(0)} ms, diff ${cold.diff.wall.at(-1)!.toFixed(0)} ms`);
  }

  log('  in process: Engine.check(new) / comparePlanVersions(old, new)');
  const warmup = warmupFor(size);
  const [check, compare] = await inTurns([checkNew, compareVersions], warmup);
  log(`    check ${median(check.wall).toFixed(1)} ms, diff ${median(compare.wall).toFixed(1)} ms (medians)`);

  // The comparison alone, on the two versions as the engine read and checked them.
  const engine = new Engine(new DiskWorkspace(folder));
  const [oldSide, newSide] = [await engine.diffSide(oldFile, oldText, settings), await engine.diffSide(newFile, newText, settings)];
  const [alone] = await inTurns([async () => comparePlans(oldSide, newSide)], warmup);

  return {
    size,
    oldLines: countLines(oldText),
    newLines: countLines(newText),
    revisions,
    diff: summary,
    checkFindings,
    cold: { check: series(cold.check), diff: series(cold.diff) },
    inProcess: { check: series(check), diff: series(compare), comparePlans: series(alone) },
    warmup,
    loadAverage: { before: loadBefore, after: os.loadavg()[0] },
  };
}

// ------------------------------------------------------------------------------------------
// Report.

const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1));
const times = (ratio: number) => (Number.isNaN(ratio) ? '—' : `${ratio.toFixed(2)}×`);

/** A row of the table: check and diff, wall-clock and CPU, with their ratios; the target on wall-clock time. */
function row(plan: string, measure: string, check: Series, diff: Series, target: boolean): string {
  const [wall, cpu] = [diff.median / check.median, diff.cpu / check.cpu];
  const met = target ? (wall < targetRatio ? '✔' : '✘') : '—';
  return `| ${plan} | ${measure} | ${ms(check.median)} | ${ms(diff.median)} | ${times(wall)} | ${met} | ${ms(check.cpu)} | ${ms(diff.cpu)} | ${times(cpu)} |`;
}

function report(results: readonly SizeResult[], startedAt: Date): string {
  const rows = results.flatMap((result) => {
    const plan = `${result.size.toLocaleString('en')} (${result.newLines.toLocaleString('en')} lines)`;
    const { cold, inProcess } = result;
    return [
      row(plan, 'cold: `node dist/cli.js`, a fresh process', cold.check, cold.diff, true),
      row(plan, 'in process, warm', inProcess.check, inProcess.diff, true),
      row(plan, 'of which `comparePlans` alone', inProcess.check, inProcess.comparePlans, false),
    ];
  });
  const what = results.map((result) => {
    const revisions = Object.entries(result.revisions).map(([kind, count]) => `${count} ${kind}`).join(', ');
    return `- ${result.size.toLocaleString('en')}: ${result.oldLines.toLocaleString('en')} → ${result.newLines.toLocaleString('en')} lines; revised: ${revisions}. The diff reports ${result.diff.changes} changes, ${result.diff.introduced} findings introduced and ${result.diff.resolved} resolved (the new version has ${result.checkFindings} findings). Load average ${result.loadAverage.before.toFixed(2)} before, ${result.loadAverage.after.toFixed(2)} after.`;
  });
  return [
    `## mktplan diff against mktplan check — ${startedAt.toISOString()}`,
    '',
    `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}; ${runs} timed runs (in process after ${results.map((result) => result.warmup).join('/')} warm-up runs, by size), medians; target: diff < ${targetRatio}× check.`,
    '',
    '| size | measure | check new (ms) | diff old new (ms) | diff ÷ check | < 2× | CPU: check (ms) | CPU: diff (ms) | CPU: diff ÷ check |',
    '|---|---|--:|--:|--:|:-:|--:|--:|--:|',
    ...rows,
    '',
    "CPU time is the working process's, its threads included (the collector's, the compiler's): cold, the command line's; in process, the harness's. The target is on wall-clock time; CPU time moves less when other programs share the cores.",
    '',
    ...what,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  await fs.access(cli).catch(() => {
    throw new Error(`${cli} is missing (run npm run bench:diff, which builds first)`);
  });
  const startedAt = new Date();
  const started = performance.now();
  const results: SizeResult[] = [];
  folder = mkdtempSync(nodePath.join(os.tmpdir(), 'mktplan-bench-diff-'));
  for (const size of sizes) results.push(await measureSize(size, folder));
  const markdown = report(results, startedAt) + `\nTotal run time: ${((performance.now() - started) / 1000).toFixed(0)} s.\n`;
  process.stdout.write(markdown);
  await fs.mkdir(resultsDir, { recursive: true });
  await fs.writeFile(nodePath.join(resultsDir, 'diff.json'), JSON.stringify({ startedAt: startedAt.toISOString(), options: { sizes, runs, warmup: Number.isNaN(warmupOption) ? 'auto' : warmupOption, seed }, results }, null, 2) + '\n');
  await fs.writeFile(nodePath.join(resultsDir, 'diff.md'), markdown);
}

/** The plans' folder, outside the repository: a plan's imports may not leave the repository that holds it. */
let folder: string | undefined;

if (require.main === module) {
  runHarness('bench/diff', main, () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
}
