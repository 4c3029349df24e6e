// Checking actuals at scale: `npm run bench:actuals` (after a production build).
//
//   tsx bench/actuals.ts [--runs 7] [--warmup 4] [--edits 9] [--seed 1]
//
// It writes, deterministically for a seed, a plan of 700 campaigns (10 channels, 20 KPIs), an
// actuals file that imports it with 20,000 `spend` lines and 400 `results` lines, and a CSV
// source of 50,000 rows as a Russian or Vietnamese spreadsheet saves them (`;`, DD.MM.YYYY,
// a decimal comma, `"1 250,50"`). Like with like:
//   cold         `node dist/cli.js check <actuals file>` against a fresh `node` that reads the
//                three files and parses them (`yaml`'s `parseDocument` of both YAML files with the
//                engine's options; TextDecoder and papaparse for the CSV, as model/csv.ts does),
//                each a whole process, in turns after one untimed run of each;
//   warm         in process, a fresh `Engine` (with `DiskWorkspace`) reading and checking the
//                actuals file, against the same reading and parsing in process, in turns after
//                warm-up runs;
//   incremental  one engine that has checked the file; one spend line's amount changed (a text
//                edit, a different line each time) and the file checked again, against that first
//                check.
// Targets (reported, never asserted): cold and warm < 2× their floor; an edit much cheaper than a
// full check (the editor's target for an edit on a 20,000-line plan is tens of milliseconds).
import { spawnSync } from 'node:child_process';
import { promises as fs, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { parseDocument } from 'yaml';
import { DiskWorkspace } from '../server/src/hosts/disk';
import { yamlOptions } from '../server/src/service/document/options';
import { Engine, fileUri } from '../server/src/service';
import { random } from './generate';
import { numberOption, runHarness, series, type Samples, type Series } from './harness';

const repository = nodePath.join(__dirname, '..');
const cli = nodePath.join(repository, 'dist/cli.js');
const resultsDir = nodePath.join(__dirname, 'results');
const runs = numberOption('--runs', 7);
const warmup = numberOption('--warmup', 4);
const editCount = numberOption('--edits', 9);
const seed = numberOption('--seed', 1);
const settings = { locale: 'en' };
const targetRatio = 2;

const counts = { campaigns: 700, channels: 10, kpis: 20, spendLines: 20_000, resultLines: 400, csvRows: 50_000 };
const asOf = '2027-11-30';
const files = { plan: 'plan-2027.mktplan.yaml', actuals: '2027.actuals.mktplan.yaml', csv: 'exports/chi-phi-2027.csv' };

const log = (message: string) => process.stderr.write(`${message}\n`);

// ------------------------------------------------------------------------------------------
// The files.

const dayMs = 86_400_000;
const yearStart = Date.UTC(2027, 0, 1);
const asOfDay = (Date.parse(asOf) - yearStart) / dayMs;
const isoDate = (dayOfYear: number) => new Date(yearStart + dayOfYear * dayMs).toISOString().slice(0, 10);
const dottedDate = (dayOfYear: number) => isoDate(dayOfYear).split('-').reverse().join('.');
/** Two decimals with a comma, thousands apart by spaces: `1 250,50`. */
const commaAmount = (amount: number) => {
  const [whole, cents] = Math.abs(amount).toFixed(2).split('.');
  return `${amount < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+$)/g, ' ')},${cents}`;
};

const channelTypes = ['social', 'search', 'display', 'email', 'content', 'events', 'influencer', 'pr', 'ooh', 'radio'] as const;
const campaignWords = ['tet', 'he', 'vp', 'moi', 'vip', 'thu', 'qua', 'sang'] as const;
const notes = ['Quảng cáo video tuần', 'In ấn tờ rơi', 'Реклама в соцсетях', '直播推广费用', 'Agency fee', 'Thử cà phê tại văn phòng', 'Дегустация в офисе', '户外广告'];

interface Item {
  kind: 'campaign' | 'channel';
  id: string;
  /** What the plan gives it. */
  planned: number;
  /** The days its money is spent on, as days of 2027. */
  start: number;
  end: number;
  /** How far ahead of (above 1) or behind an even pace its spending runs. */
  pace: number;
}

/** One spend line before its amount is known: the item, the day, where it is written. */
interface Intent {
  item: Item;
  day: number;
  inCsv: boolean;
  amount?: number;
}

interface Generated {
  plan: string;
  actuals: string;
  csv: string;
}

/** The plan, its actuals and their CSV source: the same texts for the same seed. */
export function generateActuals(seedValue: number): Generated {
  const rnd = random(seedValue);
  const int = (low: number, high: number) => low + Math.floor(rnd() * (high - low + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const pad = (value: number, width: number) => String(value).padStart(width, '0');

  const managers = ['m-binh', 'm-chi', 'm-dung', 'm-giang'];
  const channels: Item[] = channelTypes.map((type) => ({ kind: 'channel', id: `ch-${type}`, planned: int(40, 120) * 10_000_000, start: 0, end: 364, pace: 0.85 + rnd() * 0.3 }));
  const kpis = Array.from({ length: counts.kpis }, (_, index) => `kpi-${pad(index + 1, 2)}`);
  const campaigns: Array<Item & { channels: string[]; kpis: string[]; hasBudget: boolean }> = [];
  for (let index = 0; index < counts.campaigns; index++) {
    const start = int(0, 340);
    const ownChannels = [...new Set([channels[index % channels.length].id, pick(channels).id])];
    campaigns.push({
      kind: 'campaign',
      id: `cmp-${pad(index + 1, 4)}-${campaignWords[index % campaignWords.length]}`,
      planned: int(20, 400) * 1_000_000,
      start,
      end: Math.min(364, start + int(7, 90)),
      pace: 0.75 + rnd() * 0.3,
      channels: ownChannels,
      kpis: [...new Set([kpis[index % kpis.length], pick(kpis)])],
      // One campaign in ten is given its money by its allocation alone.
      hasBudget: index % 10 !== 0,
    });
  }
  const total = [...channels, ...campaigns].reduce((sum, item) => sum + item.planned, 0);

  const plan: string[] = [
    `# A year of ${counts.campaigns} campaigns: the plan that ${files.actuals} measures (bench/actuals.ts).`,
    'mktplan: "1"',
    'title: Saigon Bean — Kế hoạch Marketing 2027',
    '',
    'organization: {name: Saigon Bean, stage: sme, industry: Cà phê đặc sản, market: Việt Nam}',
    '',
    'team:',
    '  - {id: cmo-an, role: cmo, name: Nguyễn An}',
    ...managers.map((id, index) => `  - {id: ${id}, role: ${index === 0 ? 'marketing-manager' : 'marketing-specialist'}, name: ${id.slice(2)}}`),
    '',
    'plan:',
    `  owner: ${managers[0]}`,
    '  period: {start: 2027-01-01, end: 2027-12-31}',
    '  budget:',
    `    total: ${total}`,
    '    currency: VND',
    '    allocations:',
    ...channels.map((channel) => `      - {channel: ${channel.id}, amount: ${channel.planned}}`),
    ...campaigns.map((campaign) => `      - {campaign: ${campaign.id}, amount: ${campaign.planned}}`),
    '  channels:',
    ...channels.map((channel) => `    - {id: ${channel.id}, type: ${channel.id.slice(3)}, name: ${channel.id.slice(3)} — Hồ Chí Minh}`),
    '  content:',
    ...channels.slice(0, 3).map((channel) => `    - {channel: ${channel.id}, message: Cà phê rang mỗi sáng, cadence: weekly}`),
    '  campaigns:',
  ];
  campaigns.forEach((campaign, index) => {
    plan.push(`    - id: ${campaign.id}`, `      name: Chiến dịch ${index + 1}`, `      channels: [${campaign.channels.join(', ')}]`);
    plan.push(`      start: ${isoDate(campaign.start)}`, `      end: ${isoDate(campaign.end)}`);
    if (campaign.hasBudget) plan.push(`      budget: ${campaign.planned}`);
    plan.push(`      owner: ${managers[index % managers.length]}`, `      kpis: [${campaign.kpis.join(', ')}]`);
  });
  plan.push('  kpis:');
  kpis.forEach((id, index) => {
    const owner = managers[index % managers.length];
    if (index % 2 === 0) plan.push(`    - {id: ${id}, name: Đơn đặt trước ${index + 1}, target: ${int(50, 500) * 100}, unit: đơn, frequency: monthly, owner: ${owner}}`);
    else plan.push(`    - {id: ${id}, name: Khách hàng mới ${index + 1}, target: ${int(50, 500) * 100}, baseline: 1000, unit: khách, due: 2027-12-31, owner: ${owner}}`);
  });
  plan.push('  reporting: {cadence: monthly, to: cmo-an}', '  salesAlignment: {owner: m-binh, sharedGoals: [60 hợp đồng văn phòng mới]}', '');

  // Spend: lines spread over the days each item has spent on so far, the amounts set once each item's count is known.
  const started = campaigns.filter((campaign) => campaign.start <= asOfDay);
  const intents: Intent[] = [];
  const intentFor = (inCsv: boolean): Intent => {
    // Four lines in five are on a campaign, the rest on a channel's always-on work.
    const item = rnd() < 0.8 ? pick(started) : pick(channels);
    return { item, day: int(item.start, Math.min(item.end, asOfDay)), inCsv };
  };
  for (let line = 0; line < counts.spendLines; line++) intents.push(intentFor(false));
  for (let row = 0; row < counts.csvRows; row++) intents.push(intentFor(true));
  const linesOf = new Map<Item, number>();
  for (const intent of intents) linesOf.set(intent.item, (linesOf.get(intent.item) ?? 0) + 1);
  for (const intent of intents) {
    const { item } = intent;
    const elapsed = (Math.min(item.end, asOfDay) - item.start + 1) / (item.end - item.start + 1);
    const share = (item.planned * elapsed * item.pace) / linesOf.get(item)!;
    // One line in fifty is a refund of part of an earlier payment.
    const amount = rnd() < 0.02 ? -share * (0.1 + rnd() * 0.4) : share * (0.5 + rnd());
    intent.amount = Math.round(amount * 100) / 100;
  }
  const byDay = (a: Intent, b: Intent) => a.day - b.day;
  const yamlLines = intents.filter((intent) => !intent.inCsv).sort(byDay);
  const csvRows = intents.filter((intent) => intent.inCsv).sort(byDay);

  // Names an ads account gives some campaigns, mapped to the plan's ids in the source's `ids`.
  const accountNames = new Map(campaigns.filter((_, index) => index % 7 === 3).map((campaign, index) => [campaign.id, `Saigon Bean - ${campaign.id.slice(9)} ${index + 1}`]));

  const actuals: string[] = [
    `# What 2027 has cost and achieved so far, against ${files.plan} (bench/actuals.ts).`,
    'mktplan: "1"',
    `imports: [${files.plan}]`,
    '',
    'actuals:',
    `  asOf: ${asOf}`,
    '  spend:',
  ];
  let month = -1;
  yamlLines.forEach((intent, index) => {
    const date = isoDate(intent.day);
    if (Number(date.slice(5, 7)) !== month) {
      month = Number(date.slice(5, 7));
      actuals.push(`    # ${date.slice(0, 7)}`);
    }
    const amount = intent.amount!.toFixed(2);
    const note = index % 3 === 0 ? `, note: ${pick(notes)} ${index % 53}` : '';
    if (index % 5 === 4) actuals.push(`    - date: ${date}`, `      ${intent.item.kind}: ${intent.item.id}`, `      amount: ${amount}`);
    else actuals.push(`    - {date: ${date}, ${intent.item.kind}: ${intent.item.id}, amount: ${amount}${note}}`);
  });
  // A few lines typed ahead of `asOf`: they count for nothing yet.
  for (let index = 0; index < 5; index++) actuals.push(`    - {date: ${isoDate(asOfDay + 1 + index * 5)}, channel: ${channels[index].id}, amount: 1500000.00, note: Đặt trước tháng 12}`);
  actuals.push('  results:');
  for (let index = 0; index < counts.resultLines; index++) {
    const kpi = kpis[index % kpis.length];
    const day = Math.round(((Math.floor(index / kpis.length) + 1) * asOfDay) / (counts.resultLines / kpis.length));
    actuals.push(`    - {date: ${isoDate(day)}, kpi: ${kpi}, value: ${int(10, 500) * 100}}`);
  }
  actuals.push(
    '  sources:',
    `    - file: ${files.csv}`,
    '      kind: spend',
    '      dateFormat: DD.MM.YYYY',
    '      decimal: ","',
    '      delimiter: ";"',
    '      columns: {date: Ngày, campaign: Chiến dịch, channel: Kênh, amount: Chi phí (VND), note: Ghi chú}',
    '      ids:',
    ...[...accountNames].map(([id, name]) => `        "${name}": ${id}`),
    '',
  );

  const csv = ['Ngày;Chiến dịch;Kênh;Chi phí (VND);Ghi chú'];
  csvRows.forEach((intent, index) => {
    const name = intent.item.kind === 'campaign' ? (accountNames.get(intent.item.id) ?? intent.item.id) : '';
    const written = commaAmount(intent.amount!);
    // Exports quote a number that holds a separator; some write it bare.
    const amount = index % 4 === 0 ? written.replace(/ /g, '') : `"${written}"`;
    csv.push(`${dottedDate(intent.day)};${name};${intent.item.kind === 'channel' ? intent.item.id : ''};${amount};${index % 4 === 1 ? pick(notes) : ''}`);
  });
  return { plan: plan.join('\n'), actuals: actuals.join('\n'), csv: csv.join('\r\n') + '\r\n' };
}

// ------------------------------------------------------------------------------------------
// Measuring.


/** Times one piece of work in the harness's process: wall-clock and CPU milliseconds. */
async function timed(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await work();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * The floor's program, run as a process of its own: read the three files and parse them, as the
 * engine must before it checks anything (the YAML with the engine's options, the CSV decoded and
 * split as model/csv.ts does), and nothing else.
 */
const floorProgram = `
const { readFileSync } = require('node:fs');
const { parseDocument } = require(${JSON.stringify(require.resolve('yaml'))});
const Papa = require(${JSON.stringify(require.resolve('papaparse'))});
const [actuals, plan, csv, options] = process.argv.slice(1);
for (const file of [actuals, plan]) if (parseDocument(readFileSync(file, 'utf8'), JSON.parse(options)).errors.length > 0) process.exit(2);
const rows = Papa.parse(new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(csv)), { delimiter: ';', quoteChar: '"', skipEmptyLines: false }).data;
process.stdout.write(String(rows.length));
`;

/** The same reading and parsing in the harness's process. */
async function readAndParse(paths: { actuals: string; plan: string; csv: string }): Promise<number> {
  for (const file of [paths.actuals, paths.plan]) if (parseDocument(await fs.readFile(file, 'utf8'), yamlOptions).errors.length > 0) throw new Error(`${file} does not parse`);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(await fs.readFile(paths.csv));
  return Papa.parse<string[]>(text, { delimiter: ';', quoteChar: '"', skipEmptyLines: false }).data.length;
}

/** A fresh process: its wall-clock milliseconds and its output (exit code 0 or 1: it ran). */
function runProcess(args: readonly string[], cwd: string): { wall: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args[0]} exited with ${result.status}: ${result.stderr}`);
  return { wall, stdout: result.stdout };
}

/** The actuals text with the amount of its `spend` line `index` (counted from 0) raised by one unit of the currency. */
function editAmount(text: string, index: number): { text: string; line: number } {
  const spendStart = text.indexOf('\n  spend:\n');
  const amounts = /amount: (-?\d+\.\d\d)/g;
  amounts.lastIndex = spendStart;
  let match: RegExpExecArray | null = null;
  for (let seen = 0; seen <= index; seen++) match = amounts.exec(text);
  if (!match) throw new Error(`the actuals have no spend line ${index}`);
  const raised = (Number(match[1]) + 1).toFixed(2);
  const at = match.index + 'amount: '.length;
  return { text: text.slice(0, at) + raised + text.slice(at + match[1].length), line: text.slice(0, at).split('\n').length };
}

/** Findings by rule, as `rule: count`. */
function findingCounts(codes: ReadonlyArray<string | number | undefined>): Record<string, number> {
  const byRule: Record<string, number> = {};
  for (const code of codes) byRule[String(code)] = (byRule[String(code)] ?? 0) + 1;
  return byRule;
}

interface Result {
  files: Record<keyof typeof files, { lines: number; bytes: number }>;
  findings: Record<string, number>;
  cold: { check: Series; floor: Series };
  warm: { check: Series; floor: Series };
  incremental: { first: Series; edit: Series; spliced: number; edits: number; lines: number[] };
  loadAverage: { before: number; after: number };
}

async function measure(folder: string): Promise<Result> {
  const loadBefore = os.loadavg()[0];
  const generated = generateActuals(seed);
  const paths = { plan: nodePath.join(folder, files.plan), actuals: nodePath.join(folder, files.actuals), csv: nodePath.join(folder, files.csv) };
  mkdirSync(nodePath.dirname(paths.csv), { recursive: true });
  writeFileSync(paths.plan, generated.plan);
  writeFileSync(paths.actuals, generated.actuals);
  writeFileSync(paths.csv, generated.csv);
  const sizes = Object.fromEntries(
    (Object.keys(files) as Array<keyof typeof files>).map((key) => [key, { lines: generated[key].split('\n').length, bytes: Buffer.byteLength(generated[key]) }]),
  ) as Result['files'];
  log(`files in ${folder}: ${Object.entries(sizes).map(([key, size]) => `${key} ${size.lines.toLocaleString('en')} lines, ${(size.bytes / 1e6).toFixed(1)} MB`).join('; ')}; load average ${loadBefore.toFixed(2)}`);
  const file = fileUri(paths.actuals);
  const checkFresh = async () => new Engine(new DiskWorkspace(folder)).check(file, await fs.readFile(paths.actuals, 'utf8'), settings);

  // What is checked, and the same from the command line (its untimed run): a dist/cli.js built from other code says other things.
  const findings = findingCounts((await checkFresh()).map((diagnostic) => diagnostic.code));
  const cliArgs = [cli, 'check', files.actuals, '--format', 'json', '--locale', 'en'];
  const fromCli = JSON.parse(runProcess(cliArgs, folder).stdout) as Array<{ diagnostics: Array<{ code?: string }> }>;
  const cliFindings = findingCounts(fromCli.flatMap((entry) => entry.diagnostics.map((diagnostic) => diagnostic.code)));
  if (JSON.stringify(cliFindings) !== JSON.stringify(findings)) throw new Error(`mktplan check finds ${JSON.stringify(cliFindings)}, the engine ${JSON.stringify(findings)}: is dist/cli.js built from this tree?`);
  log(`  findings: ${JSON.stringify(findings)}`);

  log('  cold: node dist/cli.js check / a node that reads and parses the three files');
  const floorArgs = ['-e', floorProgram, paths.actuals, paths.plan, paths.csv, JSON.stringify(yamlOptions)];
  const rows = Number(runProcess(floorArgs, folder).stdout);
  if (rows !== counts.csvRows + 2) throw new Error(`the floor read ${rows} CSV records, not ${counts.csvRows + 2}`);
  const cold = { check: { wall: [], cpu: [] } as Samples, floor: { wall: [], cpu: [] } as Samples };
  for (let run = 1; run <= runs; run++) {
    cold.check.wall.push(runProcess(cliArgs, folder).wall);
    cold.floor.wall.push(runProcess(floorArgs, folder).wall);
    log(`    run ${run}/${runs}: check ${cold.check.wall.at(-1)!.toFixed(0)} ms, floor ${cold.floor.wall.at(-1)!.toFixed(0)} ms`);
  }

  log(`  warm, in process: a fresh Engine reading and checking the actuals / reading and parsing the three files (${warmup} warm-up runs)`);
  const warm = { check: { wall: [], cpu: [] } as Samples, floor: { wall: [], cpu: [] } as Samples };
  for (let run = 1 - warmup; run <= runs; run++) {
    const check = await timed(checkFresh);
    const floor = await timed(() => readAndParse(paths));
    if (run <= 0) continue;
    for (const [samples, time] of [[warm.check, check], [warm.floor, floor]] as const) {
      samples.wall.push(time.wall);
      samples.cpu.push(time.cpu);
    }
    log(`    run ${run}/${runs}: check ${check.wall.toFixed(0)} ms, floor ${floor.wall.toFixed(0)} ms`);
  }

  log(`  incremental: one engine, one spend line's amount changed at a time (${editCount} timed edits after 3 untimed)`);
  const engine = new Engine(new DiskWorkspace(folder));
  let text = generated.actuals;
  const first = await timed(() => engine.check(file, text, settings));
  const edit: Samples = { wall: [], cpu: [] };
  const editedLines: number[] = [];
  const splicedBefore = engine.cache.counts.incremental;
  const spread = counts.spendLines / (editCount + 3);
  for (let index = 0; index < editCount + 3; index++) {
    const edited = editAmount(text, Math.floor((index + 0.5) * spread));
    text = edited.text;
    const time = await timed(() => engine.check(file, text, settings));
    if (index < 3) continue;
    edit.wall.push(time.wall);
    edit.cpu.push(time.cpu);
    editedLines.push(edited.line);
  }
  const spliced = engine.cache.counts.incremental - splicedBefore;
  log(`    first check ${first.wall.toFixed(0)} ms; edits ${edit.wall.map((ms) => ms.toFixed(0)).join(', ')} ms; ${spliced} of ${editCount + 3} parses spliced`);

  return {
    files: sizes,
    findings,
    cold: { check: series(cold.check), floor: series(cold.floor) },
    warm: { check: series(warm.check), floor: series(warm.floor) },
    incremental: { first: series({ wall: [first.wall], cpu: [first.cpu] }), edit: series(edit), spliced, edits: editCount + 3, lines: editedLines },
    loadAverage: { before: loadBefore, after: os.loadavg()[0] },
  };
}

// ------------------------------------------------------------------------------------------
// Report.

const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1));
const times = (ratio: number) => (Number.isNaN(ratio) ? '—' : `${ratio.toFixed(2)}×`);

function report(result: Result, startedAt: Date): string {
  const { cold, warm, incremental } = result;
  const met = (ratio: number) => (ratio < targetRatio ? '✔' : '✘');
  const [coldRatio, warmRatio] = [cold.check.median / cold.floor.median, warm.check.median / warm.floor.median];
  const sizes = Object.entries(result.files).map(([key, size]) => `${key} ${size.lines.toLocaleString('en')} lines (${(size.bytes / 1e6).toFixed(2)} MB)`);
  const findings = Object.entries(result.findings).map(([rule, count]) => `${count} \`${rule}\``);
  return [
    `## Checking actuals at scale — ${startedAt.toISOString()}`,
    '',
    `${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}; ${runs} timed runs of each (in process after ${warmup} warm-up runs), medians; load average ${result.loadAverage.before.toFixed(2)} before, ${result.loadAverage.after.toFixed(2)} after.`,
    '',
    `A plan of ${counts.campaigns} campaigns, ${counts.channels} channels and ${counts.kpis} KPIs; actuals importing it with ${counts.spendLines.toLocaleString('en')} spend lines, ${counts.resultLines} results and a CSV source of ${counts.csvRows.toLocaleString('en')} rows: ${sizes.join(', ')}. The check finds ${findings.join(', ')}.`,
    '',
    '| measure | check (ms) | floor: read + parse (ms) | check ÷ floor | target | met | CPU: check (ms) | CPU: floor (ms) |',
    '|---|--:|--:|--:|--:|:-:|--:|--:|',
    `| cold: \`node dist/cli.js check\` / a fresh \`node\` that reads and parses | ${ms(cold.check.median)} | ${ms(cold.floor.median)} | ${times(coldRatio)} | < ${targetRatio}× | ${met(coldRatio)} | — | — |`,
    `| warm, in process: a fresh \`Engine\` / the same reading and parsing | ${ms(warm.check.median)} | ${ms(warm.floor.median)} | ${times(warmRatio)} | < ${targetRatio}× | ${met(warmRatio)} | ${ms(warm.check.cpu)} | ${ms(warm.floor.cpu)} |`,
    '',
    '| incremental, one engine | ms | CPU (ms) | ÷ its first check | ÷ warm check |',
    '|---|--:|--:|--:|--:|',
    `| first check of the actuals | ${ms(incremental.first.median)} | ${ms(incremental.first.cpu)} | — | ${times(incremental.first.median / warm.check.median)} |`,
    `| one spend line's amount changed, checked again (median of ${incremental.lines.length}) | ${ms(incremental.edit.median)} | ${ms(incremental.edit.cpu)} | ${times(incremental.edit.median / incremental.first.median)} | ${times(incremental.edit.median / warm.check.median)} |`,
    '',
    `Edits on lines ${incremental.lines.join(', ')}; ${incremental.spliced} of ${incremental.edits} parses spliced (the first 3 edits untimed). The editor's target for an edit on a 20,000-line plan is tens of milliseconds.`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  await fs.access(cli).catch(() => {
    throw new Error(`${cli} is missing (run npm run build first)`);
  });
  const startedAt = new Date();
  const started = performance.now();
  folder = mkdtempSync(nodePath.join(os.tmpdir(), 'mktplan-bench-actuals-'));
  const result = await measure(folder);
  const markdown = report(result, startedAt) + `\nTotal run time: ${((performance.now() - started) / 1000).toFixed(0)} s.\n`;
  process.stdout.write(markdown);
  await fs.mkdir(resultsDir, { recursive: true });
  await fs.writeFile(nodePath.join(resultsDir, 'actuals.json'), JSON.stringify({ startedAt: startedAt.toISOString(), options: { runs, warmup, edits: editCount, seed }, ...result }, null, 2) + '\n');
  await fs.writeFile(nodePath.join(resultsDir, 'actuals.md'), markdown);
}

/** The files' folder, outside the repository: a plan's imports may not leave the repository that holds it. */
let folder: string | undefined;

if (require.main === module) {
  runHarness('bench/actuals', main, () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
}
