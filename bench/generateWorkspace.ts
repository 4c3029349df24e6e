// Generates a whole workspace for bench/workspace.ts: strategy files, and many plan files
// that each import one of them.
//
//   tsx bench/generateWorkspace.ts <folder> [plans=1000] [strategies=10] [seed=1]
//
// The group behind it has several business units; each unit keeps its three-year strategy in
// strategies/<unit>.mktplan.yaml (leadership and managers, objectives, segments, SWOT,
// competition, brand), and every region keeps short plans (a quarter, a half or a year) for
// every unit in plans/<region>/<unit>-<n>.mktplan.yaml. A plan imports its unit's strategy
// (`imports: [../../strategies/<unit>.mktplan.yaml]`) and references its team members,
// objectives and segments: its owner is one of the unit's managers, it implements the unit's
// core objective, its campaigns aim at the unit's segments and its results go to the unit's
// CMO. Each plan has a few channels, a budget whose allocations add up to the total,
// milestones, campaigns with content and KPIs, reporting and sales alignment. Every id is
// unique, every reference resolves, every date lies inside the period and horizon, and the
// checker reports nothing for any file. The same seed always gives the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { random } from './generate';

const units = [
  { key: 'cafe', name: 'Saigon Bean Cà Phê', industry: 'Cà phê đặc sản', currency: 'VND', scale: 1_000_000 },
  { key: 'tea', name: 'Qingshan Tea 青山茶饮', industry: '新式茶饮', currency: 'CNY', scale: 1_000 },
  { key: 'bakery', name: 'Bánh Mì Nhà Làm', industry: 'Bánh mì và bánh ngọt', currency: 'VND', scale: 1_000_000 },
  { key: 'delivery', name: 'Giao Nhanh', industry: 'Giao đồ ăn', currency: 'VND', scale: 1_000_000 },
  { key: 'roastery', name: 'Обжарка Восток', industry: 'Обжарка кофе для кафе', currency: 'RUB', scale: 10_000 },
  { key: 'retail', name: 'Bean Store', industry: 'Coffee beans and equipment retail', currency: 'USD', scale: 100 },
  { key: 'academy', name: 'Barista Academy', industry: 'Barista training', currency: 'USD', scale: 100 },
  { key: 'catering', name: 'Office Catering Co.', industry: 'Office catering', currency: 'EUR', scale: 100 },
  { key: 'juice', name: 'Nước Ép Xanh', industry: 'Nước ép trái cây', currency: 'VND', scale: 1_000_000 },
  { key: 'kiosk', name: 'Киоск у метро', industry: 'Кофе с собой', currency: 'RUB', scale: 10_000 },
  { key: 'app', name: 'Bean App', industry: 'Loyalty app', currency: 'USD', scale: 100 },
  { key: 'merch', name: 'Bean Merch', industry: 'Branded merchandise', currency: 'EUR', scale: 100 },
] as const;

const regions = [
  'hcm-q1', 'hcm-q3', 'thu-duc', 'ha-noi', 'da-nang', 'can-tho', 'hai-phong', 'nha-trang', 'hue', 'vung-tau',
  'moskva', 'spb', 'kazan', 'shanghai', 'shenzhen', 'chengdu', 'singapore', 'bangkok', 'berlin', 'london',
];

const people = ['Trần Linh', 'Lê Minh', 'Nguyễn Thu', 'Phạm Hoa', 'Võ An', 'Đặng Quang', '王芳', '李伟', '张敏', 'Анна Смирнова', 'Игорь Петров', 'Мария Иванова', 'Alice Carter', 'Ben Hughes', 'Chloe Martin', 'Daniel Reed'];
const channelTypes = ['social', 'search', 'display', 'email', 'content', 'seo', 'events', 'influencer', 'pr', 'partnership', 'print', 'ooh', 'radio'] as const;
const channelNames: Record<(typeof channelTypes)[number], string[]> = {
  social: ['Facebook và Zalo', 'TikTok', 'ВКонтакте', '小红书', 'Instagram'],
  search: ['Google Ads', 'Яндекс Директ', '百度推广'],
  display: ['Banner network', 'Quảng cáo hiển thị'],
  email: ['Newsletter', 'Bản tin khách hàng thân thiết'],
  content: ['Blog', 'Bài viết chuyên sâu'],
  seo: ['Organic search', 'Tối ưu tìm kiếm'],
  events: ['Tasting days', 'Дегустации', 'Sự kiện tại cửa hàng'],
  influencer: ['Food bloggers', 'Блогеры о еде', '美食博主'],
  pr: ['Local press', 'Báo chí địa phương'],
  partnership: ['Delivery apps', 'Яндекс Еда', 'GrabFood và ShopeeFood'],
  print: ['Flyers', 'Tờ rơi'],
  ooh: ['Metro posters', 'Biển quảng cáo'],
  radio: ['City radio', 'Радио в такси'],
};
const messages = ['Order ahead and pick up in two minutes', 'Cà phê rang mỗi sáng tại xưởng', '提前下单，两分钟取餐', 'Две чашки, третья в подарок', 'Delivered to your office in 30 minutes', 'Thử hương vị mới của mùa này'];
const formats = ['short video', 'video ngắn', 'poster', 'newsletter', 'статья', '直播'];
const campaignNames = ['Tết không xếp hàng', 'Summer cold brew', 'Coffee for the whole office', 'Khai trương cửa hàng mới', 'Loyalty week', 'Осенняя дегустация', '年终好礼', 'Back to school', 'Morning rush', 'Trung thu sum vầy'];
const kpiKinds = [
  ['Pre-orders', 'pre-orders per month', 'orders'],
  ['New customers', 'new customers acquired', 'customers'],
  ['Đơn giao hàng', 'số đơn giao mỗi tuần', 'đơn'],
  ['Узнаваемость', 'доля узнавших бренд', '%'],
  ['转化率', '广告转化率', '%'],
  ['Sign-ups', 'loyalty sign-ups', 'members'],
] as const;
const frequencies = ['weekly', 'monthly', 'quarterly'] as const;
const periods = [
  // [start, end] as day numbers from 2027-01-01; each at most a year, inside the 2027–2029 horizon.
  ['2027-01-01', '2027-03-31'], ['2027-04-01', '2027-06-30'], ['2027-07-01', '2027-09-30'], ['2027-10-01', '2027-12-31'],
  ['2027-01-01', '2027-06-30'], ['2027-07-01', '2027-12-31'], ['2027-01-01', '2027-12-31'],
  ['2028-01-01', '2028-03-31'], ['2028-04-01', '2028-06-30'], ['2028-01-01', '2028-12-31'],
] as const;

/** A YAML scalar: plain where safe, double-quoted otherwise. */
function s(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .\-–—/]*$/u.test(value) && !/ $/.test(value) && !/^\d/.test(value) ? value : JSON.stringify(value);
}

const dayMs = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / dayMs;
const fromDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

export interface StrategyInfo {
  /** Absolute path. */
  file: string;
  unit: string;
  /** The objective every plan importing this strategy implements and aims a campaign at: renaming it breaks every importer. */
  coreObjective: string;
  /** Absolute paths of the plans that import it. */
  importers: string[];
}

export interface GeneratedWorkspace {
  root: string;
  strategies: StrategyInfo[];
  /** Absolute paths of every plan file (not the strategies). */
  plans: string[];
  /** Every file: strategies, then plans. */
  files: string[];
  lines: number;
  bytes: number;
}

function teamOf(unitIndex: number): { cmo: string; ceo: string; cso: string; managers: string[]; specialists: string[] } {
  const key = units[unitIndex].key;
  return { cmo: `${key}-cmo`, ceo: `${key}-ceo`, cso: `${key}-cso`, managers: [1, 2, 3].map((n) => `${key}-mgr-${n}`), specialists: [1, 2].map((n) => `${key}-spec-${n}`) };
}

function renderStrategy(unitIndex: number, rnd: () => number): { text: string; coreObjective: string } {
  const unit = units[unitIndex];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const team = teamOf(unitIndex);
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const coreObjective = `${unit.key}-share`;
  line(`# The three-year marketing strategy of ${unit.name}. Every regional plan of this unit imports`);
  line('# this file and references its team members, objectives and segments.');
  line('mktplan: "1"');
  line(`title: ${s(`${unit.name} — marketing strategy 2027–2029`)}`);
  line();
  line('organization:');
  line(`  name: ${s(unit.name)}`);
  line('  stage: enterprise');
  line(`  industry: ${s(unit.industry)}`);
  line('  market: Việt Nam, Россия, 中国');
  line();
  line('team:');
  const member = (id: string, role: string, responsibility?: string) => {
    if (responsibility === undefined) return line(`  - {id: ${id}, role: ${role}, name: ${s(pick(people))}}`);
    line(`  - id: ${id}`);
    line(`    role: ${role}`);
    line(`    name: ${s(pick(people))}`);
    line('    responsibilities:');
    line(`      - ${s(responsibility)}`);
  };
  member(team.ceo, 'ceo');
  member(team.cmo, 'cmo', 'Marketing strategy and the yearly budget');
  member(team.cso, 'cso', 'Corporate accounts and franchise sales');
  team.managers.forEach((id, i) => member(id, 'marketing-manager', i === 0 ? 'Regional plans in Vietnam' : undefined));
  team.specialists.forEach((id) => member(id, 'marketing-specialist'));
  line();
  line('strategy:');
  line(`  owner: ${team.cmo}`);
  line('  horizon:');
  line('    start: 2027-01-01');
  line('    end: 2029-12-31');
  line('  vision: Every commuter gets a great cup in two minutes');
  line('  objectives:');
  const objectives = [coreObjective, `${unit.key}-loyalty`, `${unit.key}-offices`, `${unit.key}-delivery`];
  objectives.forEach((id, i) => {
    if (i % 2 === 1) line(`    - {id: ${id}, statement: ${s(`Objective ${i + 1} of ${unit.name}`)}, metric: market share, target: ${5 + Math.floor(rnd() * 30)}, unit: "%", due: 2029-12-31}`);
    else {
      line(`    - id: ${id}`);
      line(`      statement: ${s(i === 0 ? `Lead ${unit.industry.toLowerCase()} in our cities` : `Serve more offices with ${unit.name}`)}`);
      line('      metric: share of the market in our cities');
      line(`      target: ${10 + Math.floor(rnd() * 40)}`);
      line('      unit: "%"');
      line(`      due: 202${8 + Math.floor(rnd() * 2)}-12-31`);
    }
  });
  line('  audience:');
  line('    segments:');
  segmentsOf(unitIndex).forEach((id, i) => {
    line(`      - id: ${id}`);
    line(`        name: ${s(['Office workers', 'Sinh viên', 'Молодые семьи', '企业客户'][i])}`);
    line('        needs: [fast pickup before work, fair prices]');
    if (i % 2 === 0) line('        painPoints: [long queues]');
    line(`        size: ${(2 + Math.floor(rnd() * 400)) * 1000}`);
  });
  line('  valueProposition:');
  line('    statement: Single-origin coffee roasted on site, ready in two minutes');
  line('    usp: 自家烘焙坊，30分钟送到办公室');
  line('  swot:');
  line('    strengths: [own roastery, certified baristas]');
  line('    weaknesses: [мало магазинов, new brand]');
  line('    opportunities: [外卖平台, offices returning to work]');
  line('    threats: [chuỗi lớn giảm giá, rising bean prices]');
  line('  competition:');
  line('    approach: differentiation');
  line('    advantage: Specialty quality at the speed of a big chain');
  line('    competitors:');
  line('      - name: Chuỗi Cà Phê Lớn');
  line('        strengths: [many stores, low prices]');
  line('        weaknesses: [pre-brewed coffee]');
  line('      - {name: Большая сеть, strengths: [низкие цены], weaknesses: [долгое ожидание]}');
  line('  brand:');
  line('    positioning: Real coffee, the fastest in town');
  line('    personality: 快速、友好、懂咖啡');
  line('    promise: Две минуты, одна отличная чашка');
  return { text: out.join('\n') + '\n', coreObjective };
}

function segmentsOf(unitIndex: number): string[] {
  const key = units[unitIndex].key;
  return ['office', 'students', 'families', 'corporate'].map((name) => `${key}-${name}`);
}

function objectivesOf(unitIndex: number): string[] {
  const key = units[unitIndex].key;
  return [`${key}-share`, `${key}-loyalty`, `${key}-offices`, `${key}-delivery`];
}

function renderPlan(unitIndex: number, region: string, n: number, strategyImport: string, rnd: () => number): string {
  const unit = units[unitIndex];
  const team = teamOf(unitIndex);
  const segments = segmentsOf(unitIndex);
  const objectives = objectivesOf(unitIndex);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (low: number, high: number) => low + Math.floor(rnd() * (high - low + 1));
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const prefix = `${region}-${unit.key}-${n}`;
  const [periodStart, periodEnd] = pick(periods);
  const [first, last] = [toDay(periodStart), toDay(periodEnd)];
  const owner = team.managers[int(0, team.managers.length - 1)];
  const agency = rnd() < 0.3 ? `${prefix}-agency` : undefined;
  const workers = [...team.managers, ...team.specialists, ...(agency ? [agency] : [])];

  const nChannels = int(3, 5);
  const types = [...channelTypes].sort(() => rnd() - 0.5).slice(0, nChannels);
  const channels = types.map((type) => ({ id: `${prefix}-${type}`, type, name: pick(channelNames[type]) }));
  const nCampaigns = int(3, 5);
  const nKpis = int(2, 4);
  const kpis = Array.from({ length: nKpis }, (_, i) => `${prefix}-kpi-${i + 1}`);
  const campaigns = Array.from({ length: nCampaigns }, (_, i) => {
    const start = first + int(0, Math.max(0, last - first - 20));
    const own = new Set([channels[i % nChannels].id, channels[int(0, nChannels - 1)].id]);
    if (i === nCampaigns - 1) for (const channel of channels) own.add(channel.id); // every channel is used
    const kpiSet = new Set([kpis[i % nKpis]]);
    if (i === nCampaigns - 1) for (const kpi of kpis) kpiSet.add(kpi); // every KPI is used
    return {
      id: `${prefix}-c${i + 1}`,
      name: `${pick(campaignNames)} — ${region}`,
      // The first campaign always serves the core objective, as the plan implements it.
      objective: i === 0 ? objectives[0] : pick(objectives),
      audience: segments[i % segments.length],
      channels: [...own],
      start,
      end: Math.min(last, start + int(7, 45)),
      budget: int(2, 20) * unit.scale * 10,
      owner: pick(workers),
      kpis: [...kpiSet],
    };
  });
  const campaignTotal = campaigns.reduce((sum, c) => sum + c.budget, 0);
  // Channel allocations add up exactly to the total, which covers the campaigns' budgets.
  const amounts = channels.map(() => int(1, 10) * unit.scale * 10);
  const spare = amounts.reduce((a, b) => a + b, 0);
  amounts[0] += campaignTotal;
  const total = spare + campaignTotal;

  line(`# ${unit.name}: plan ${n} of the ${region} region, ${periodStart} to ${periodEnd}.`);
  line('mktplan: "1"');
  line(`title: ${s(`${unit.name} — ${region} — plan ${n}`)}`);
  line('imports:');
  line(`  - ${strategyImport}`);
  if (agency) {
    line();
    line('# Team members of this file only; the others come from the strategy.');
    line('team:');
    line(`  - {id: ${agency}, role: agency, name: ${s(`Agency ${region}`)}}`);
  }
  line();
  line('plan:');
  line(`  owner: ${owner}`);
  line(`  period: {start: ${periodStart}, end: ${periodEnd}}`);
  const implemented = [...new Set([objectives[0], ...campaigns.map((c) => c.objective)])];
  line(`  implements: [${implemented.join(', ')}]`);
  line();
  line('  budget:');
  line(`    total: ${total}`);
  line(`    currency: ${unit.currency}`);
  line('    allocations:');
  channels.forEach((channel, i) => {
    if (i % 2 === 0) line(`      - {channel: ${channel.id}, amount: ${amounts[i]}}`);
    else {
      line(`      - channel: ${channel.id}`);
      line(`        amount: ${amounts[i]}`);
      line('        note: Approved by the CMO');
    }
  });
  line();
  line('  timeline:');
  line(`    - {id: ${prefix}-kickoff, name: Kick-off, date: ${periodStart}}`);
  line(`    - id: ${prefix}-review`);
  line('      name: Review with the CMO');
  line(`      start: ${fromDay(Math.max(first, last - 6))}`);
  line(`      end: ${periodEnd}`);
  line();
  line('  channels:');
  channels.forEach((channel, i) => {
    if (i % 2 === 0) line(`    - {id: ${channel.id}, type: ${channel.type}, name: ${s(channel.name)}}`);
    else {
      line(`    - id: ${channel.id}`);
      line(`      type: ${channel.type}`);
      line(`      name: ${s(channel.name)}`);
    }
  });
  line();
  line('  content:');
  line(`    - channel: ${channels[0].id}`);
  line(`      message: ${s(pick(messages))}`);
  line(`      format: ${s(pick(formats))}`);
  line(`      cadence: ${pick(frequencies)}`);
  line();
  line('  campaigns:');
  campaigns.forEach((campaign, i) => {
    if (i % 2 === 0) {
      line(`    - id: ${campaign.id}`);
      line(`      name: ${s(campaign.name)}`);
      line(`      objective: ${campaign.objective}`);
      line(`      audience: ${campaign.audience}`);
      line(`      channels: [${campaign.channels.join(', ')}]`);
      line(`      start: ${fromDay(campaign.start)}`);
      line(`      end: ${fromDay(campaign.end)}`);
      line(`      budget: ${campaign.budget}`);
      line(`      owner: ${campaign.owner}`);
      line('      content:');
      line(`        - channel: ${campaign.channels[0]}`);
      line(`          message: ${s(pick(messages))}`);
      line(`          format: ${s(pick(formats))}`);
      line(`          cadence: ${pick(frequencies)}`);
      line(`      kpis: [${campaign.kpis.join(', ')}]`);
    } else {
      line(`    - id: ${campaign.id}`);
      line(`      # ${pick(['Seasonal campaign', 'Budget approved by the CMO', 'Results reviewed every week'])}`);
      line(`      name: ${s(campaign.name)}`);
      line(`      objective: ${campaign.objective}`);
      line(`      audience: ${campaign.audience}`);
      line('      channels:');
      for (const channel of campaign.channels) line(`        - ${channel}`);
      line(`      start: ${fromDay(campaign.start)}`);
      line(`      end: ${fromDay(campaign.end)}`);
      line(`      budget: ${campaign.budget}`);
      line(`      owner: ${campaign.owner}`);
      line(`      content: [{channel: ${campaign.channels[0]}, message: ${s(pick(messages))}, cadence: ${pick(frequencies)}}]`);
      line('      kpis:');
      for (const kpi of campaign.kpis) line(`        - ${kpi}`);
    }
  });
  line();
  line('  kpis:');
  kpis.forEach((id, i) => {
    const [name, metric, unitName] = pick(kpiKinds);
    if (i % 2 === 0) line(`    - {id: ${id}, name: ${s(name)}, metric: ${s(metric)}, target: ${int(10, 90000)}, unit: ${s(unitName)}, frequency: ${pick(frequencies)}, owner: ${pick(workers)}}`);
    else {
      line(`    - id: ${id}`);
      line(`      name: ${s(name)}`);
      line(`      metric: ${s(metric)}`);
      line(`      target: ${int(10, 90000)}`);
      line(`      unit: ${s(unitName)}`);
      line(`      baseline: ${int(0, 9)}`);
      line('      direction: increase');
      line(`      due: ${periodEnd}`);
      line(`      owner: ${pick(workers)}`);
    }
  });
  line();
  line(`  reporting: {cadence: monthly, to: ${team.cmo}}`);
  line('  salesAlignment:');
  line(`    owner: ${team.cso}`);
  line('    sharedGoals: [60 new office contracts, 共享潜在客户名单]');
  line('    handoff: Leads from office tastings go to sales within 24 hours');
  return out.join('\n') + '\n';
}

/**
 * Writes the workspace into `root` (which should be empty): `strategies` strategy files and
 * `plans` plan files, plan i importing strategy i mod `strategies`, so each strategy has
 * plans / strategies importers, spread over the region folders.
 */
export function generateWorkspace(root: string, options: { plans?: number; strategies?: number; seed?: number } = {}): GeneratedWorkspace {
  const nPlans = options.plans ?? 1000;
  const nStrategies = options.strategies ?? 10;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(nStrategies) || nStrategies < 1 || nStrategies > units.length) throw new Error(`generateWorkspace: strategies must be between 1 and ${units.length}`);
  if (!Number.isInteger(nPlans) || nPlans < 1) throw new Error('generateWorkspace: plans must be a positive whole number');
  const rnd = random(seed);
  const workspace: GeneratedWorkspace = { root, strategies: [], plans: [], files: [], lines: 0, bytes: 0 };
  const write = (file: string, text: string) => {
    mkdirSync(nodePath.dirname(file), { recursive: true });
    writeFileSync(file, text);
    workspace.lines += text.split('\n').length - 1;
    workspace.bytes += Buffer.byteLength(text);
  };
  for (let u = 0; u < nStrategies; u++) {
    const file = nodePath.join(root, 'strategies', `${units[u].key}.mktplan.yaml`);
    const { text, coreObjective } = renderStrategy(u, rnd);
    write(file, text);
    workspace.strategies.push({ file, unit: units[u].key, coreObjective, importers: [] });
  }
  // Plans go round the units and the regions, so that a unit's plans are spread over every folder.
  const perRegion = Math.ceil(nPlans / regions.length);
  for (let i = 0; i < nPlans; i++) {
    const u = i % nStrategies;
    const region = regions[Math.floor(i / perRegion) % regions.length];
    const n = Math.floor(i / nStrategies) + 1;
    const file = nodePath.join(root, 'plans', region, `${units[u].key}-${String(n).padStart(3, '0')}.mktplan.yaml`);
    write(file, renderPlan(u, region, n, `../../strategies/${units[u].key}.mktplan.yaml`, random(seed * 100_003 + i + 1)));
    workspace.plans.push(file);
    workspace.strategies[u].importers.push(file);
  }
  workspace.files = [...workspace.strategies.map((strategy) => strategy.file), ...workspace.plans];
  return workspace;
}

if (require.main === module) {
  const [root, plansArg, strategiesArg, seedArg] = process.argv.slice(2);
  const plans = Number(plansArg ?? 1000);
  const strategies = Number(strategiesArg ?? 10);
  const seed = Number(seedArg ?? 1);
  if (!root || !Number.isInteger(plans) || !Number.isInteger(strategies) || !Number.isInteger(seed)) {
    process.stderr.write('Usage: tsx bench/generateWorkspace.ts <folder> [plans=1000] [strategies=10] [seed=1]\n');
    process.exit(2);
  }
  const generated = generateWorkspace(nodePath.resolve(root), { plans, strategies, seed });
  process.stderr.write(`wrote ${generated.files.length} files (${generated.lines} lines, ${(generated.bytes / 1024).toFixed(0)} KB) into ${generated.root}\n`);
}
