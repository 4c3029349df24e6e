// Generates a whole workspace for bench/workspace.ts: strategy files, and many plan files
// that import them, in one of four shapes of imports.
//
//   tsx bench/generateWorkspace.ts <folder> [--shape strategies|star|chain|diamond] [--plans 1000]
//                                  [--strategies 10] [--seed 1] [--unwrapped]
//
// The group behind it has several business units; each unit keeps its three-year strategy in
// strategies/<unit>.mktplan.yaml (leadership and managers, objectives, segments, SWOT,
// competition, brand), and every region keeps short plans (a quarter, a half or a year) for
// every unit in plans/<region>/<unit>-<n>.mktplan.yaml. A plan imports its unit's strategy
// and references its team members, objectives and segments: its owner is one of the unit's
// managers, it implements the unit's core objective, its campaigns aim at the unit's segments
// and its results go to the unit's CMO. Each plan has a few channels, a budget whose
// allocations add up to the total, milestones, campaigns with content and KPIs, reporting and
// sales alignment. Every id is unique, every reference resolves, every date lies inside the
// period and horizon, and the checker reports nothing for any file. The same seed always gives
// the same files.
//
// Shapes of imports:
//   strategies  `plans` plans over `strategies` strategies, plan i importing strategy i mod strategies;
//   star        `plans` plans importing one strategy;
//   chain       `plans` files in a line, each importing the next: strategies and small plans in
//               turn, a strategy last, each plan referencing the strategy it imports;
//   diamond     one root strategy, two unit strategies that both import it, and `plans` plans
//               that import both unit strategies.
//
// Long texts (messages, notes, hand-offs, visions, statements, descriptions, SWOT items,
// positioning) are written as people write them: wrapped at about 80 columns into multi-line
// plain scalars, each continuation line indented two more than its key (or aligned with the
// text of a list item), the way editors' word wrap and Prettier's proseWrap leave them. With
// `wrap: false` (`--unwrapped`) each stays on one line: the same values, so the same findings.
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
/** Short messages, for content items written in flow style (`{channel: …, message: …}`). */
const messages = ['Order ahead and pick up in two minutes', 'Cà phê rang mỗi sáng tại xưởng', '提前下单，两分钟取餐', 'Две чашки, третья в подарок', 'Delivered to your office in 30 minutes', 'Thử hương vị mới của mùa này'];
// Long texts, each a plain scalar in block context: no ": " or " #", every word starting with a letter or a digit.
const longMessages = [
  'Order ahead in the app before you leave home, skip the morning queue and pick up your coffee at the counter in two minutes, hot and made the way you like it',
  'Cà phê được rang mỗi sáng tại xưởng của chúng tôi và pha bởi những barista được chứng nhận, để mỗi ly đến tay khách vẫn giữ trọn hương vị của hạt',
  'Закажите кофе в приложении по дороге на работу и заберите его без очереди через две минуты, а каждая третья чашка за наш счёт до конца месяца',
  'Delivered to your office in thirty minutes, with enough cups for the whole team and a tasting box of the new seasonal beans with every first order',
  'Thử hương vị mới của mùa này tại mọi cửa hàng trong thành phố, mỗi tuần một loại hạt khác nhau từ các vùng trồng cà phê ở Tây Nguyên',
  'Bring your own cup on weekdays before nine and the second coffee is on us, because the morning rush should cost less time and less plastic',
];
const allocationNotes = [
  'Approved by the CMO for the whole period, to be reviewed at the monthly meeting whenever the cost per order rises above its target',
  'Includes the production of the creative work and the fees of the agency; whatever is left at the end of the quarter goes back to the reserve',
  'Ngân sách đã được giám đốc marketing duyệt cho cả kỳ và sẽ được xem lại trong cuộc họp hằng tháng nếu chi phí mỗi đơn hàng vượt mục tiêu',
  'Бюджет утверждён директором по маркетингу на весь период и пересматривается на ежемесячной встрече, если стоимость заказа растёт',
];
const handoffs = [
  'Leads from office tastings go to the sales team within 24 hours, with the name of the office manager, the number of staff and the coffee they liked best',
  'Khách hàng doanh nghiệp đăng ký qua buổi thử cà phê được chuyển cho đội bán hàng trong vòng 24 giờ, kèm số lượng nhân viên và loại cà phê họ thích',
  'Заявки с дегустаций в офисах передаются отделу продаж в течение суток вместе с числом сотрудников и любимым напитком команды',
];
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

/** The column long texts are wrapped at. */
const wrapColumn = 80;

/**
 * A long text after `lead` (`key: ` or `- `) at `indent`, as lines. Written plain, and with
 * `wrap` broken between words before column 80, the continuation lines indented two more than
 * the key (aligned with the text of a list item); one double-quoted line where plain would not
 * read back the same.
 */
function textLines(indent: number, lead: string, value: string, wrap: boolean): string[] {
  const pad = ' '.repeat(indent);
  const words = value.split(' ');
  // Every word starts with a letter or a digit, so none can start a comment, a sequence entry or a key on a line of its own.
  const plain = !/: |:$| #|\s\s|[\t\n]/.test(value) && words.every((word) => /^[\p{L}\p{N}]/u.test(word));
  if (!plain) return [`${pad}${lead}${JSON.stringify(value)}`];
  if (!wrap) return [`${pad}${lead}${value}`];
  const continuation = ' '.repeat(indent + 2);
  const lines: string[] = [];
  let current = `${pad}${lead}${words[0]}`;
  for (const word of words.slice(1)) {
    if ([...current].length + 1 + [...word].length > wrapColumn) {
      lines.push(current);
      current = continuation + word;
    } else current += ` ${word}`;
  }
  lines.push(current);
  return lines;
}

const dayMs = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / dayMs;
const fromDay = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

export type Shape = 'strategies' | 'star' | 'chain' | 'diamond';
export const shapes: readonly Shape[] = ['strategies', 'star', 'chain', 'diamond'];

export interface StrategyInfo {
  /** Absolute path. */
  file: string;
  unit: string;
  /** The objective every plan importing this strategy implements and aims a campaign at: renaming it breaks every importer. */
  coreObjective: string;
  /** Absolute paths of the files that import it directly. */
  importers: string[];
}

export interface GeneratedWorkspace {
  root: string;
  shape: Shape;
  /** Long texts wrapped over several lines (plain scalars), or each on one line. */
  wrap: boolean;
  /** The strategy files: for `diamond`, the root first, then the two that import it. */
  strategies: StrategyInfo[];
  /** Absolute paths of every plan file (not the strategies). */
  plans: string[];
  /** Every file: strategies, then plans. */
  files: string[];
  lines: number;
  bytes: number;
}

export interface WorkspaceOptions {
  shape?: Shape;
  /** Plan files; for `chain`, the files of the chain, strategies included. */
  plans?: number;
  /** Strategy files of the `strategies` shape. */
  strategies?: number;
  seed?: number;
  /** Long texts wrapped over several lines (the default), or each on one line. */
  wrap?: boolean;
}

// The ids a strategy defines start with its key: its unit's, or its link's in a chain.
function teamOf(key: string): { cmo: string; ceo: string; cso: string; managers: string[]; specialists: string[] } {
  return { cmo: `${key}-cmo`, ceo: `${key}-ceo`, cso: `${key}-cso`, managers: [1, 2, 3].map((n) => `${key}-mgr-${n}`), specialists: [1, 2].map((n) => `${key}-spec-${n}`) };
}

/** A unit's objectives, the core one first: its id is long enough that typing it takes a couple of seconds. */
function objectivesOf(key: string): string[] {
  return [`${key}-share-of-our-cities`, `${key}-loyalty`, `${key}-offices`, `${key}-delivery`];
}

function segmentsOf(key: string): string[] {
  return ['office', 'students', 'families', 'corporate'].map((name) => `${key}-${name}`);
}

function renderStrategy(unitIndex: number, rnd: () => number, wrap: boolean, imports: string[] = [], key: string = units[unitIndex].key): string {
  const unit = units[unitIndex];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const team = teamOf(key);
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const text = (indent: number, lead: string, value: string) => out.push(...textLines(indent, lead, value, wrap));
  line(`# The three-year marketing strategy of ${unit.name}. Every regional plan of this unit imports`);
  line('# this file and references its team members, objectives and segments.');
  line('mktplan: "1"');
  line(`title: ${s(`${unit.name} — marketing strategy 2027–2029`)}`);
  if (imports.length > 0) {
    line('imports:');
    for (const path of imports) line(`  - ${path}`);
  }
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
    text(6, '- ', responsibility);
  };
  member(team.ceo, 'ceo');
  member(team.cmo, 'cmo', 'Marketing strategy and the yearly budget, agreed with the board every December and reviewed with the unit managers every quarter');
  member(team.cso, 'cso', 'Corporate accounts and franchise sales');
  team.managers.forEach((id, i) => member(id, 'marketing-manager', i === 0 ? 'Regional plans in Vietnam' : undefined));
  team.specialists.forEach((id) => member(id, 'marketing-specialist'));
  line();
  line('strategy:');
  line(`  owner: ${team.cmo}`);
  line('  horizon:');
  line('    start: 2027-01-01');
  line('    end: 2029-12-31');
  text(2, 'vision: ', `Every commuter in our cities gets a great cup of ${unit.industry.toLowerCase()} in two minutes, from a team that knows their name and their usual order`);
  line('  objectives:');
  objectivesOf(key).forEach((id, i) => {
    if (i % 2 === 1) line(`    - {id: ${id}, statement: ${s(`Objective ${i + 1} of ${unit.name}`)}, metric: market share, target: ${5 + Math.floor(rnd() * 30)}, unit: "%", due: 2029-12-31}`);
    else {
      line(`    - id: ${id}`);
      text(6, 'statement: ', i === 0 ? `Lead ${unit.industry.toLowerCase()} in our cities by the end of the horizon, ahead of the big chains in every district where we open a store` : `Serve more offices with ${unit.name}, through tastings, corporate accounts and deliveries before nine`);
      line('      metric: share of the market in our cities');
      line(`      target: ${10 + Math.floor(rnd() * 40)}`);
      line('      unit: "%"');
      line(`      due: 202${8 + Math.floor(rnd() * 2)}-12-31`);
    }
  });
  line('  audience:');
  line('    segments:');
  segmentsOf(key).forEach((id, i) => {
    line(`      - id: ${id}`);
    line(`        name: ${s(['Office workers', 'Sinh viên', 'Молодые семьи', '企业客户'][i])}`);
    if (i % 2 === 0) text(8, 'description: ', ['People who work in offices in the city centre, buy a coffee on the way to work and again after lunch, and order for colleagues on Fridays', 'Молодые семьи из спальных районов, которые заказывают кофе и выпечку на выходные и ценят быструю доставку'][i / 2]);
    line('        needs: [fast pickup before work, fair prices]');
    if (i % 2 === 0) line('        painPoints: [long queues]');
    line(`        size: ${(2 + Math.floor(rnd() * 400)) * 1000}`);
  });
  line('  valueProposition:');
  text(4, 'statement: ', 'Single-origin coffee roasted on site every morning, ready in two minutes at the counter or delivered to the office in thirty');
  line('    usp: 自家烘焙坊，30分钟送到办公室');
  line('  swot:');
  line('    strengths:');
  text(6, '- ', 'Our own roastery in the city, which lets us roast every morning and sell the freshest beans in town at the price of the big chains');
  text(6, '- ', 'Certified baristas in every store');
  line('    weaknesses: [мало магазинов, new brand]');
  line('    opportunities:');
  text(6, '- ', '外卖平台');
  text(6, '- ', 'Offices returning to work five days a week, with teams that order coffee together and look for a supplier for their meeting rooms');
  line('    threats: [chuỗi lớn giảm giá, rising bean prices]');
  line('  competition:');
  line('    approach: differentiation');
  text(4, 'advantage: ', 'Specialty quality at the speed of a big chain, because every store keeps its own grinder and the beans are never older than a week');
  line('    competitors:');
  line('      - name: Chuỗi Cà Phê Lớn');
  line('        strengths:');
  text(10, '- ', 'Many stores in every district, open from six in the morning until late at night, with seats for working and meeting');
  text(10, '- ', 'Low prices');
  line('        weaknesses: [pre-brewed coffee]');
  line('      - {name: Большая сеть, strengths: [низкие цены], weaknesses: [долгое ожидание]}');
  line('  brand:');
  text(4, 'positioning: ', 'Real coffee, the fastest in town, for people who care about the taste of their cup and cannot spare ten minutes in a queue');
  line('    personality: 快速、友好、懂咖啡');
  text(4, 'promise: ', 'Две минуты, одна отличная чашка, и бариста помнит ваш заказ');
  return out.join('\n') + '\n';
}

/** How big a plan is: `full` as a region writes it (3–5 channels and campaigns), `small` as a link of the chain (one campaign). */
type PlanSize = 'full' | 'small';

/** A plan of a unit, referencing the ids of the strategy whose key is `strategyKey`. */
function renderPlan(unitIndex: number, region: string, n: number, imports: string[], rnd: () => number, wrap: boolean, size: PlanSize = 'full', strategyKey: string = units[unitIndex].key): string {
  const unit = units[unitIndex];
  const team = teamOf(strategyKey);
  const segments = segmentsOf(strategyKey);
  const objectives = objectivesOf(strategyKey);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (low: number, high: number) => low + Math.floor(rnd() * (high - low + 1));
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const text = (indent: number, lead: string, value: string) => out.push(...textLines(indent, lead, value, wrap));
  const prefix = `${region}-${unit.key}-${n}`;
  const [periodStart, periodEnd] = pick(periods);
  const [first, last] = [toDay(periodStart), toDay(periodEnd)];
  const owner = team.managers[int(0, team.managers.length - 1)];
  const agency = rnd() < 0.3 ? `${prefix}-agency` : undefined;
  const workers = [...team.managers, ...team.specialists, ...(agency ? [agency] : [])];

  const nChannels = size === 'small' ? 2 : int(3, 5);
  const types = [...channelTypes].sort(() => rnd() - 0.5).slice(0, nChannels);
  const channels = types.map((type) => ({ id: `${prefix}-${type}`, type, name: pick(channelNames[type]) }));
  const nCampaigns = size === 'small' ? 1 : int(3, 5);
  const nKpis = size === 'small' ? 1 : int(2, 4);
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
  for (const path of imports) line(`  - ${path}`);
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
      text(8, 'note: ', pick(allocationNotes));
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
  text(6, 'message: ', pick(longMessages));
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
      text(10, 'message: ', pick(longMessages));
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
  text(4, 'handoff: ', pick(handoffs));
  return out.join('\n') + '\n';
}

/** The path of `to` as a file in `from`'s folder imports it. */
const importPath = (from: string, to: string) => {
  const relative = nodePath.relative(nodePath.dirname(from), to).split(nodePath.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
};

/**
 * Writes the workspace into `root` (which should be empty), in the shape asked for (see the
 * top of this file). For `strategies`, plan i imports strategy i mod `strategies`, so each
 * strategy has plans / strategies importers, spread over the region folders.
 */
export function generateWorkspace(root: string, options: WorkspaceOptions = {}): GeneratedWorkspace {
  const shape = options.shape ?? 'strategies';
  const nPlans = options.plans ?? 1000;
  const nStrategies = shape === 'strategies' ? (options.strategies ?? 10) : 1;
  const seed = options.seed ?? 1;
  const wrap = options.wrap ?? true;
  if (!shapes.includes(shape)) throw new Error(`generateWorkspace: the shape is one of ${shapes.join(', ')}`);
  if (!Number.isInteger(nStrategies) || nStrategies < 1 || nStrategies > units.length) throw new Error(`generateWorkspace: strategies must be between 1 and ${units.length}`);
  if (!Number.isInteger(nPlans) || nPlans < (shape === 'chain' ? 2 : 1)) throw new Error(`generateWorkspace: plans must be a whole number of at least ${shape === 'chain' ? 2 : 1}`);
  const rnd = random(seed);
  const workspace: GeneratedWorkspace = { root, shape, wrap, strategies: [], plans: [], files: [], lines: 0, bytes: 0 };
  const write = (file: string, text: string) => {
    mkdirSync(nodePath.dirname(file), { recursive: true });
    writeFileSync(file, text);
    workspace.lines += text.split('\n').length - 1;
    workspace.bytes += Buffer.byteLength(text);
  };
  const strategyFile = (unitIndex: number) => nodePath.join(root, 'strategies', `${units[unitIndex].key}.mktplan.yaml`);
  const addStrategy = (unitIndex: number, imports: StrategyInfo[] = []) => {
    const file = strategyFile(unitIndex);
    write(file, renderStrategy(unitIndex, rnd, wrap, imports.map((imported) => importPath(file, imported.file))));
    const strategy: StrategyInfo = { file, unit: units[unitIndex].key, coreObjective: objectivesOf(units[unitIndex].key)[0], importers: [] };
    for (const imported of imports) imported.importers.push(file);
    workspace.strategies.push(strategy);
    return strategy;
  };
  /** Plan i of a unit, in its region's folder, importing the given files. */
  const addPlan = (i: number, unitIndex: number, n: number, imports: StrategyInfo[]) => {
    // Plans go round the units and the regions, so that a unit's plans are spread over every folder.
    const region = regions[Math.floor(i / Math.ceil(nPlans / regions.length)) % regions.length];
    const file = nodePath.join(root, 'plans', region, `${units[unitIndex].key}-${String(n).padStart(3, '0')}.mktplan.yaml`);
    write(file, renderPlan(unitIndex, region, n, imports.map((imported) => importPath(file, imported.file)), random(seed * 100_003 + i + 1), wrap));
    for (const imported of imports) imported.importers.push(file);
    workspace.plans.push(file);
  };

  if (shape === 'strategies' || shape === 'star') {
    for (let u = 0; u < nStrategies; u++) addStrategy(u);
    for (let i = 0; i < nPlans; i++) addPlan(i, i % nStrategies, Math.floor(i / nStrategies) + 1, [workspace.strategies[i % nStrategies]]);
  } else if (shape === 'diamond') {
    // The group's strategy, and two units' strategies that import it; each plan imports both, and is one unit's.
    const rootStrategy = addStrategy(0);
    const middle = [addStrategy(1, [rootStrategy]), addStrategy(2, [rootStrategy])];
    for (let i = 0; i < nPlans; i++) addPlan(i, 1 + (i % 2), Math.floor(i / 2) + 1, middle);
  } else {
    // Link i imports link i + 1. Strategies and small plans alternate, a strategy last: a plan
    // references the ids of the strategy it imports, a strategy only its own, so that every link
    // reads what it references even where the chain behind it is longer than the checker reads.
    const links = Array.from({ length: nPlans }, (_, i) => nodePath.join(root, 'chain', `link-${String(i + 1).padStart(4, '0')}.mktplan.yaml`));
    for (let i = 0; i < nPlans; i++) {
      const imports = i + 1 < nPlans ? [importPath(links[i], links[i + 1])] : [];
      const isStrategy = (nPlans - 1 - i) % 2 === 0;
      if (isStrategy) {
        const key = `link-${i + 1}`;
        write(links[i], renderStrategy(0, rnd, wrap, imports, key));
        workspace.strategies.push({ file: links[i], unit: units[0].key, coreObjective: objectivesOf(key)[0], importers: i > 0 ? [links[i - 1]] : [] });
      } else {
        write(links[i], renderPlan(0, regions[i % regions.length], i + 1, imports, random(seed * 100_003 + i + 1), wrap, 'small', `link-${i + 2}`));
        workspace.plans.push(links[i]);
      }
    }
  }
  workspace.files = [...workspace.strategies.map((strategy) => strategy.file), ...workspace.plans];
  return workspace;
}

if (require.main === module) {
  const usage = 'Usage: tsx bench/generateWorkspace.ts <folder> [--shape strategies|star|chain|diamond] [--plans 1000] [--strategies 10] [--seed 1] [--unwrapped]\n';
  const [root, ...rest] = process.argv.slice(2);
  const options: WorkspaceOptions = {};
  for (let i = 0; i < rest.length; i++) {
    const [name, value] = [rest[i], rest[i + 1]];
    if (name === '--unwrapped') options.wrap = false;
    else if (name === '--shape' && shapes.includes(value as Shape)) [options.shape, i] = [value as Shape, i + 1];
    else if (['--plans', '--strategies', '--seed'].includes(name) && Number.isInteger(Number(value))) {
      options[name.slice(2) as 'plans' | 'strategies' | 'seed'] = Number(value);
      i++;
    } else {
      process.stderr.write(usage);
      process.exit(2);
    }
  }
  if (!root) {
    process.stderr.write(usage);
    process.exit(2);
  }
  const generated = generateWorkspace(nodePath.resolve(root), options);
  process.stderr.write(`wrote ${generated.files.length} files (${generated.lines} lines, ${(generated.bytes / 1024).toFixed(0)} KB, ${generated.shape}, ${generated.wrap ? 'wrapped' : 'unwrapped'}) into ${generated.root}\n`);
}
