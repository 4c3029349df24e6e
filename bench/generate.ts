// Generates a large, valid, realistic marketing plan for the benchmark.
//
//   tsx bench/generate.ts 20000 [seed] > /tmp/p.mktplan.yaml
//
// The plan has an organization, a team, a strategy (objectives, segments, SWOT,
// competition, brand) and a one-year plan (budget allocations, milestones, channels,
// content, many campaigns, KPIs, reporting, sales alignment). Campaigns make up most
// of the file; each is 12–25 lines and mixes block style, flow style and comments.
// Every id is unique, every reference resolves, every channel, segment and KPI is
// used, allocations add up exactly to the total, and every date lies in the plan
// period, so the checker should report nothing for it. Values are written in
// Vietnamese, Chinese, Russian and English.

type Lang = 'vi' | 'zh' | 'ru' | 'en';
const langs: readonly Lang[] = ['vi', 'zh', 'ru', 'en'];

/** A small deterministic PRNG (mulberry32), so that a seed always gives the same plan. */
/** A seeded pseudo-random generator (mulberry32): the same plans for the same seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type PerLang<T> = Record<Lang, readonly T[]>;

const words: {
  [K in 'campaign' | 'place' | 'message' | 'format' | 'comment' | 'segment' | 'need' | 'objective' | 'milestone' | 'person']: PerLang<string>;
} & { kpi: PerLang<readonly [name: string, metric: string, unit: string]> } = {
  campaign: {
    vi: ['Tết không xếp hàng', 'Mùa hè rực rỡ', 'Cà phê cho cả văn phòng', 'Khai trương cửa hàng mới', 'Tuần lễ khách hàng thân thiết', 'Trung thu sum vầy', 'Quà tặng cuối năm', 'Buổi sáng hai phút'],
    zh: ['春节不排队', '夏日清凉季', '办公室咖啡计划', '新店开业周', '会员感恩月', '中秋团圆礼', '年终好礼', '两分钟早餐'],
    ru: ['Новый год без очередей', 'Летний сезон', 'Кофе для всего офиса', 'Открытие нового магазина', 'Неделя постоянных клиентов', 'Осенняя дегустация', 'Подарки к концу года', 'Утро за две минуты'],
    en: ['Skip the queue', 'Summer cold brew', 'Coffee for the whole office', 'New store opening', 'Loyalty week', 'Autumn tasting tour', 'Year-end gifts', 'Two-minute mornings'],
  },
  place: {
    vi: ['Quận 1', 'Quận 3', 'Thủ Đức', 'Hà Nội', 'Đà Nẵng', 'Cần Thơ'],
    zh: ['胡志明市', '河内', '岘港', '第一郡', '第三郡', '芹苴'],
    ru: ['Хошимин', 'Ханой', 'Дананг', 'первый район', 'третий район', 'Кантхо'],
    en: ['District 1', 'District 3', 'Thu Duc', 'Hanoi', 'Da Nang', 'Can Tho'],
  },
  message: {
    vi: ['Đặt trước, lấy trong hai phút', 'Cà phê rang mỗi sáng tại xưởng của chúng tôi', 'Mua hai ly, ly thứ ba miễn phí', 'Giao tận văn phòng trong 30 phút', 'Thử hương vị mới của mùa này'],
    zh: ['提前下单，两分钟取餐', '每天早上在自家烘焙坊新鲜烘焙', '买两杯送一杯', '30分钟内送到办公室', '尝尝本季新口味'],
    ru: ['Закажите заранее и заберите за две минуты', 'Обжариваем кофе каждое утро в своей обжарочной', 'Две чашки, третья в подарок', 'Доставка в офис за 30 минут', 'Попробуйте вкус нового сезона'],
    en: ['Order ahead and pick up in two minutes', 'Roasted every morning in our own roastery', 'Buy two cups and the third is on us', 'Delivered to your office in 30 minutes', 'Taste the flavour of the season'],
  },
  format: {
    vi: ['video ngắn', 'bài viết', 'ảnh', 'bản tin', 'sự kiện'],
    zh: ['短视频', '图文', '海报', '新闻稿', '直播'],
    ru: ['короткое видео', 'статья', 'плакат', 'рассылка', 'прямой эфир'],
    en: ['short video', 'blog post', 'poster', 'newsletter', 'live stream'],
  },
  comment: {
    vi: ['Chiến dịch theo mùa, ưu tiên khách văn phòng', 'Ngân sách đã được CMO duyệt', 'Đo kết quả hằng tuần'],
    zh: ['季节性活动，重点是上班族', '预算已由市场总监批准', '每周跟踪结果'],
    ru: ['Сезонная кампания для офисных сотрудников', 'Бюджет утверждён директором по маркетингу', 'Результаты смотрим еженедельно'],
    en: ['Seasonal campaign aimed at office workers', 'Budget approved by the CMO', 'Results reviewed every week'],
  },
  kpi: {
    vi: [['Đơn đặt trước', 'số đơn đặt trước mỗi tháng', 'đơn'], ['Khách hàng mới', 'số khách hàng mới', 'khách'], ['Thời gian chờ', 'thời gian chờ trung bình', 'phút']],
    zh: [['预订订单', '每月预订订单数', '单'], ['新客户', '新客户数量', '位'], ['转化率', '广告转化率', '%']],
    ru: [['Предзаказы', 'число предзаказов в месяц', 'заказов'], ['Новые клиенты', 'число новых клиентов', 'клиентов'], ['Узнаваемость', 'доля узнавших бренд', '%']],
    en: [['Pre-orders', 'pre-orders per month', 'orders'], ['New customers', 'new customers acquired', 'customers'], ['Click-through rate', 'ad click-through rate', '%']],
  },
  segment: {
    vi: ['Dân văn phòng', 'Sinh viên', 'Gia đình trẻ', 'Văn phòng doanh nghiệp'],
    zh: ['上班族', '大学生', '年轻家庭', '企业客户'],
    ru: ['Офисные сотрудники', 'Студенты', 'Молодые семьи', 'Корпоративные клиенты'],
    en: ['Office workers', 'Students', 'Young families', 'Corporate accounts'],
  },
  need: {
    vi: ['lấy nhanh trước giờ làm', 'giá hợp lý', 'hóa đơn VAT'],
    zh: ['上班前快速取餐', '价格实惠', '开具发票'],
    ru: ['быстро забрать до работы', 'разумная цена', 'счёт для бухгалтерии'],
    en: ['fast pickup before work', 'fair prices', 'proper invoices'],
  },
  objective: {
    vi: ['Dẫn đầu cà phê đặc sản tại', 'Tăng gấp đôi khách quen tại', 'Mở rộng kênh giao hàng tại'],
    zh: ['成为精品咖啡第一品牌：', '老顾客翻倍：', '扩大外卖渠道：'],
    ru: ['Стать лидером спешелти-кофе:', 'Удвоить число постоянных гостей:', 'Расширить доставку:'],
    en: ['Lead specialty coffee in', 'Double regular customers in', 'Grow delivery orders in'],
  },
  milestone: {
    vi: ['Ra mắt ứng dụng đặt trước', 'Khai trương cửa hàng', 'Tổng kết quý'],
    zh: ['预订应用上线', '新店开业', '季度总结'],
    ru: ['Запуск приложения', 'Открытие магазина', 'Итоги квартала'],
    en: ['Pre-order app launch', 'Store opening', 'Quarterly review'],
  },
  person: {
    vi: ['Trần Linh', 'Lê Minh', 'Nguyễn Thu', 'Phạm Hoa', 'Võ An', 'Đặng Quang'],
    zh: ['王芳', '李伟', '张敏', '刘洋', '陈静', '杨磊'],
    ru: ['Анна Смирнова', 'Игорь Петров', 'Мария Иванова', 'Олег Соколов', 'Елена Попова', 'Дмитрий Волков'],
    en: ['Alice Carter', 'Ben Hughes', 'Chloe Martin', 'Daniel Reed', 'Emma Brooks', 'Frank Wilson'],
  },
};

const channelTypes = ['social', 'search', 'display', 'email', 'content', 'seo', 'events', 'influencer', 'pr', 'partnership', 'print', 'ooh', 'radio', 'direct-sales'] as const;
const frequencies = ['daily', 'weekly', 'monthly', 'quarterly'] as const;

/** A YAML scalar: plain where that is safe in block and flow context, double-quoted otherwise. */
function s(value: string): string {
  const plainSafe = /^[\p{L}\p{N}][\p{L}\p{N} .()\-–—/+%：，。]*$/u.test(value) && !/ $/.test(value);
  const looksTyped = /^(?:[-+]?[\d.]+(?:e[-+]?\d+)?|true|false|null|yes|no|on|off|~|0x[\da-f]+|0o[0-7]+|\.inf|\.nan|\d{4}-\d\d-\d\d)$/i.test(value);
  return plainSafe && !looksTyped ? value : JSON.stringify(value);
}

function pad(n: number, width = 4): string {
  return String(n).padStart(width, '0');
}

/** A date in 2027 from a day number (0 = 1 January). */
function day2027(dayOfYear: number): string {
  const date = new Date(Date.UTC(2027, 0, 1 + Math.max(0, Math.min(364, Math.round(dayOfYear)))));
  return date.toISOString().slice(0, 10);
}

interface Shape {
  campaigns: number;
}

function render(shape: Shape, seed: number): string {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const int = (low: number, high: number) => low + Math.floor(rnd() * (high - low + 1));
  const lang = (index: number): Lang => langs[index % langs.length];

  const nCampaigns = shape.campaigns;
  const nChannels = Math.max(6, Math.min(channelTypes.length * 4, 6 + Math.floor(nCampaigns / 25)));
  const nSegments = 4 + Math.floor(nCampaigns / 60);
  const nObjectives = 3 + Math.floor(nCampaigns / 150);
  const nKpis = Math.max(4, Math.ceil(nCampaigns / 3));
  const nMilestones = 4 + Math.floor(nCampaigns / 20);
  const nMembers = 6 + Math.floor(nCampaigns / 100);

  const out: string[] = [];
  const line = (text = '') => out.push(text);

  // Team: fixed leadership, then management members who own campaigns and KPIs.
  const leadership = [
    { id: 'cmo-linh', role: 'cmo', name: 'Trần Linh' },
    { id: 'cso-hoa', role: 'cso', name: 'Phạm Hoa' },
    { id: 'ceo-wang', role: 'ceo', name: '王芳' },
  ];
  const managers: Array<{ id: string; role: string; name: string; lang: Lang }> = [];
  for (let i = 0; i < nMembers; i++) {
    const l = lang(i);
    const role = i === 0 ? 'marketing-manager' : i % 5 === 4 ? 'agency' : i % 2 === 0 ? 'marketing-manager' : 'marketing-specialist';
    managers.push({ id: `m-${pad(i + 1, 3)}`, role, name: pick(words.person[l]), lang: l });
  }

  line('# Benchmark plan generated by bench/generate.ts: a coffee chain across Vietnam,');
  line('# with a three-year strategy and a one-year plan of many campaigns.');
  line('mktplan: "1"');
  line('title: Saigon Bean — Kế hoạch Marketing 2027 / 2027年营销计划 / Маркетинговый план');
  line();
  line('organization:');
  line('  name: Saigon Bean');
  line('  stage: enterprise');
  line('  industry: Cà phê đặc sản (specialty coffee)');
  line('  market: Việt Nam');
  line();
  line('# Leadership owns the strategy; management owns the plan and its campaigns.');
  line('team:');
  for (const member of leadership) {
    line(`  - id: ${member.id}`);
    line(`    role: ${member.role}`);
    line(`    name: ${s(member.name)}`);
  }
  managers.forEach((member, i) => {
    if (i % 3 === 2) {
      line(`  - {id: ${member.id}, role: ${member.role}, name: ${s(member.name)}}`);
    } else {
      line(`  - id: ${member.id}`);
      line(`    role: ${member.role}`);
      line(`    name: ${s(member.name)}`);
      line('    responsibilities:');
      line(`      - ${s(pick(words.format[member.lang]))}`);
      line(`      - ${s(pick(words.place[member.lang]))}`);
    }
  });
  line();

  // ---- strategy ----
  line('# ---------------------------------------------------------------------------');
  line('# Strategy: three years, owned by the CMO.');
  line('# ---------------------------------------------------------------------------');
  line('strategy:');
  line('  owner: cmo-linh');
  line('  horizon:');
  line('    start: 2027-01-01');
  line('    end: 2029-12-31');
  line('  basedOn: Chiến lược phát triển công ty 2027–2029');
  line('  vision: Every commuter in Vietnam gets a great cup of coffee in two minutes');
  line('  objectives:');
  const objectives: string[] = [];
  for (let i = 0; i < nObjectives; i++) {
    const l = lang(i);
    const id = `obj-${pad(i + 1, 3)}`;
    objectives.push(id);
    const statement = `${pick(words.objective[l])} ${pick(words.place[l])}`;
    if (i % 2 === 1) {
      line(`    - {id: ${id}, statement: ${s(statement)}, metric: market share, target: ${int(5, 40)}, unit: "%", due: 2029-12-31}`);
    } else {
      line(`    - id: ${id}`);
      line(`      statement: ${s(statement)}`);
      line(`      metric: ${s(pick(words.kpi[l])[1])}`);
      line(`      target: ${int(10, 500)}`);
      line(`      unit: ${s(pick(words.kpi[l])[2])}`);
      line(`      due: 202${int(8, 9)}-12-31`);
    }
  }
  line('  audience:');
  line('    segments:');
  const segments: string[] = [];
  for (let i = 0; i < nSegments; i++) {
    const l = lang(i);
    const id = `seg-${pad(i + 1, 3)}`;
    segments.push(id);
    line(`      - id: ${id}`);
    line(`        name: ${s(`${pick(words.segment[l])} — ${pick(words.place[l])}`)}`);
    line(`        needs: [${s(pick(words.need[l]))}, ${s(pick(words.need[l]))}]`);
    if (i % 2 === 0) line(`        painPoints: [${s(pick(words.need[l]))}]`);
    line(`        size: ${int(2, 400) * 1000}`);
  }
  line('  valueProposition:');
  line('    statement: Cà phê đơn nguồn rang tại chỗ, sẵn sàng trong hai phút');
  line('    usp: 自家烘焙坊，30分钟送到办公室');
  line('  swot:');
  line('    strengths: [xưởng rang riêng, đội pha chế có chứng chỉ]');
  line('    weaknesses: [мало магазинов, новый бренд]');
  line('    opportunities: [外卖平台, offices returning to work]');
  line('    threats: [chuỗi lớn giảm giá, giá cà phê nhân tăng]');
  line('  competition:');
  line('    approach: differentiation');
  line('    advantage: Specialty quality at the speed of a big chain');
  line('    competitors:');
  line('      - name: Chuỗi Cà Phê Lớn');
  line('        strengths: [nhiều cửa hàng, giá rẻ]');
  line('        weaknesses: [cà phê pha sẵn]');
  line('      - {name: Большая сеть, strengths: [низкие цены], weaknesses: [долгое ожидание]}');
  line('  brand:');
  line('    positioning: Cà phê thật, nhanh nhất thành phố');
  line('    personality: 快速、友好、懂咖啡');
  line('    promise: Две минуты, одна отличная чашка, каждый день');
  line();

  // ---- plan ----
  // Decide campaigns first: allocations and KPIs depend on them.
  interface Campaign {
    id: string;
    lang: Lang;
    budget: number;
    start: number;
    end: number;
    channels: string[];
    kpis: string[];
    variant: number;
  }
  const channels: Array<{ id: string; type: string; lang: Lang }> = [];
  for (let i = 0; i < nChannels; i++) {
    const type = channelTypes[i % channelTypes.length];
    channels.push({ id: `ch-${type}-${pad(Math.floor(i / channelTypes.length) + 1, 2)}`, type, lang: lang(i) });
  }
  const kpiIds: string[] = [];
  for (let i = 0; i < nKpis; i++) kpiIds.push(`kpi-${pad(i + 1, 5)}`);
  const campaigns: Campaign[] = [];
  for (let i = 0; i < nCampaigns; i++) {
    const start = int(0, 330);
    const ownChannels = new Set([channels[i % nChannels].id, channels[int(0, nChannels - 1)].id]);
    if (rnd() < 0.3) ownChannels.add(channels[int(0, nChannels - 1)].id);
    const kpis = new Set([kpiIds[i % nKpis]]);
    if (rnd() < 0.5) kpis.add(kpiIds[int(0, nKpis - 1)]);
    campaigns.push({
      id: `cmp-${pad(i + 1, 5)}-${['tet', 'he', 'vp', 'moi', 'vip', 'thu', 'qua', 'sang'][i % 8]}`,
      lang: lang(i),
      budget: int(5, 80) * 1_000_000,
      start,
      end: Math.min(364, start + int(7, 60)),
      channels: [...ownChannels],
      kpis: [...kpis],
      variant: i % 3,
    });
  }
  // Allocations: every channel, plus every fourth campaign. Channel amounts cover the
  // campaigns without an allocation of their own, so campaign budgets never exceed the
  // total and the allocations add up exactly to it.
  const allocatedCampaigns = campaigns.filter((_, i) => i % 4 === 0);
  const unallocated = campaigns.filter((_, i) => i % 4 !== 0).reduce((sum, c) => sum + c.budget, 0);
  const channelAmounts = channels.map(() => 0);
  let remaining = unallocated + nChannels * 10_000_000;
  for (let i = 0; i < nChannels; i++) {
    const amount = i === nChannels - 1 ? remaining : Math.round(remaining / (nChannels - i) / 1_000_000) * 1_000_000;
    channelAmounts[i] = amount;
    remaining -= amount;
  }
  const total = channelAmounts.reduce((a, b) => a + b, 0) + allocatedCampaigns.reduce((sum, c) => sum + c.budget, 0);

  line('# ---------------------------------------------------------------------------');
  line('# Plan for 2027: owned by the marketing manager, reports to the CMO.');
  line('# ---------------------------------------------------------------------------');
  line('plan:');
  line(`  owner: ${managers[0].id}`);
  line('  period: {start: 2027-01-01, end: 2027-12-31}');
  line(`  implements: [${objectives.join(', ')}]`);
  line();
  line('  budget:');
  line(`    total: ${total}`);
  line('    currency: VND');
  line('    allocations:');
  channels.forEach((channel, i) => {
    if (i % 2 === 0) line(`      - {channel: ${channel.id}, amount: ${channelAmounts[i]}}`);
    else {
      line(`      - channel: ${channel.id}`);
      line(`        amount: ${channelAmounts[i]}`);
      line(`        note: ${s(pick(words.comment[channel.lang]))}`);
    }
  });
  for (const campaign of allocatedCampaigns) line(`      - {campaign: ${campaign.id}, amount: ${campaign.budget}}`);
  line();
  line('  timeline:');
  for (let i = 0; i < nMilestones; i++) {
    const l = lang(i);
    const id = `ms-${pad(i + 1, 4)}`;
    const name = s(`${pick(words.milestone[l])} ${pick(words.place[l])}`);
    const at = int(0, 350);
    if (i % 3 === 0) line(`    - {id: ${id}, name: ${name}, date: ${day2027(at)}}`);
    else {
      line(`    - id: ${id}`);
      line(`      name: ${name}`);
      line(`      start: ${day2027(at)}`);
      line(`      end: ${day2027(at + int(0, 14))}`);
    }
  }
  line();
  line('  channels:');
  channels.forEach((channel, i) => {
    const name = s(`${channel.type} — ${pick(words.place[channel.lang])}`);
    if (i % 2 === 0) line(`    - {id: ${channel.id}, type: ${channel.type}, name: ${name}}`);
    else {
      line(`    - id: ${channel.id}`);
      line(`      type: ${channel.type}`);
      line(`      name: ${name}`);
    }
  });
  line();
  line('  # Content that runs all year.');
  line('  content:');
  for (let i = 0; i < 4; i++) {
    const l = lang(i);
    line(`    - channel: ${channels[i].id}`);
    line(`      message: ${s(pick(words.message[l]))}`);
    line(`      format: ${s(pick(words.format[l]))}`);
    line(`      cadence: ${frequencies[i % frequencies.length]}`);
  }
  line();
  line('  # Campaigns: the promotion plan.');
  line('  campaigns:');
  campaigns.forEach((campaign, i) => {
    const l = campaign.lang;
    const name = s(`${pick(words.campaign[l])} — ${pick(words.place[l])}`);
    const owner = managers[i % managers.length].id;
    const objective = objectives[i % nObjectives];
    const audience = segments[i % nSegments];
    const content = (channel: string) => ({ channel, message: s(pick(words.message[l])), format: s(pick(words.format[l])), cadence: pick(frequencies) });
    if (campaign.variant === 0) {
      // Block style with a block content list: 18–21 lines.
      line(`    # ${pick(words.comment[l])}`);
      line(`    - id: ${campaign.id}`);
      line(`      name: ${name}`);
      line(`      objective: ${objective}`);
      line(`      audience: ${audience}`);
      line(`      channels: [${campaign.channels.join(', ')}]`);
      line(`      start: ${day2027(campaign.start)}`);
      line(`      end: ${day2027(campaign.end)}`);
      line(`      budget: ${campaign.budget} # VND`);
      line(`      owner: ${owner}`);
      line('      content:');
      for (const channel of campaign.channels) {
        const item = content(channel);
        line(`        - channel: ${item.channel}`);
        line(`          message: ${item.message}`);
        line(`          format: ${item.format}`);
        line(`          cadence: ${item.cadence}`);
      }
      line(`      kpis: [${campaign.kpis.join(', ')}]`);
    } else if (campaign.variant === 1) {
      // Mostly flow style: 12–14 lines.
      line(`    - id: ${campaign.id}`);
      line(`      name: ${name}`);
      line(`      objective: ${objective}`);
      line(`      audience: ${audience}`);
      line('      channels:');
      for (const channel of campaign.channels) line(`        - ${channel}`);
      line(`      start: ${day2027(campaign.start)}`);
      line(`      end: ${day2027(campaign.end)}`);
      line(`      budget: ${campaign.budget}`);
      line(`      owner: ${owner}`);
      const item = content(campaign.channels[0]);
      line(`      content: [{channel: ${item.channel}, message: ${item.message}, cadence: ${item.cadence}}]`);
      line(`      kpis: [${campaign.kpis.join(', ')}] # ${pick(words.comment[l])}`);
    } else {
      // Block style with comments and a mixed content list: 16–22 lines.
      line(`    - id: ${campaign.id}`);
      line(`      # ${pick(words.comment[l])}`);
      line(`      name: ${name}`);
      line(`      objective: ${objective}`);
      line(`      audience: ${audience}`);
      line('      channels:');
      for (const channel of campaign.channels) line(`        - ${channel}`);
      line(`      start: ${day2027(campaign.start)}`);
      line(`      end: ${day2027(campaign.end)}`);
      line(`      budget: ${campaign.budget}`);
      line(`      owner: ${owner}`);
      line('      content:');
      campaign.channels.forEach((channel, k) => {
        const item = content(channel);
        if (k % 2 === 1) line(`        - {channel: ${item.channel}, message: ${item.message}, format: ${item.format}}`);
        else {
          line(`        - channel: ${item.channel}`);
          line(`          message: ${item.message}`);
          line(`          cadence: ${item.cadence}`);
        }
      });
      line('      kpis:');
      for (const kpi of campaign.kpis) line(`        - ${kpi}`);
    }
  });
  line();
  line('  # KPIs: each has a numeric target, a unit and a due date or a frequency.');
  line('  kpis:');
  kpiIds.forEach((id, i) => {
    const l = lang(i);
    const [name, metric, unit] = pick(words.kpi[l]);
    const owner = managers[i % managers.length].id;
    if (i % 2 === 0) {
      line(`    - {id: ${id}, name: ${s(name)}, metric: ${s(metric)}, target: ${int(10, 90000)}, unit: ${s(unit)}, frequency: ${pick(frequencies)}, owner: ${owner}}`);
    } else {
      line(`    - id: ${id}`);
      line(`      name: ${s(name)}`);
      line(`      metric: ${s(metric)}`);
      line(`      target: ${int(10, 90000)}`);
      line(`      unit: ${s(unit)}`);
      line(`      baseline: ${int(0, 9)}`);
      line(`      direction: ${rnd() < 0.8 ? 'increase' : 'decrease'}`);
      line(`      due: ${day2027(int(180, 364))}`);
      line(`      owner: ${owner}`);
    }
  });
  line();
  line('  reporting: {cadence: monthly, to: cmo-linh}');
  line('  salesAlignment:');
  line('    owner: cso-hoa');
  line('    sharedGoals: [60 hợp đồng văn phòng mới, 共享潜在客户名单, общий план продаж]');
  line('    handoff: Leads from office tastings go to sales within 24 hours');
  return out.join('\n') + '\n';
}

function countLines(text: string): number {
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

/** A valid plan of about `lines` lines (within 5% for 1,000 lines and more). */
export function generatePlan(lines: number, seed = 1): string {
  if (!Number.isFinite(lines) || lines < 1) throw new Error(`generatePlan: lines must be a positive number, got ${lines}`);
  const base = countLines(render({ campaigns: 1 }, seed));
  let campaigns = Math.max(1, Math.round((lines - base) / 24));
  let current = render({ campaigns }, seed);
  let best = current;
  // A few corrections from the measured lines per campaign; the count converges quickly.
  for (let attempt = 0; attempt < 6; attempt++) {
    const got = countLines(current);
    if (Math.abs(got - lines) <= lines * 0.01) break;
    const perCampaign = Math.max(1, (got - base) / Math.max(1, campaigns - 1));
    const next = Math.max(1, campaigns + Math.round((lines - got) / perCampaign));
    if (next === campaigns) break;
    campaigns = next;
    current = render({ campaigns }, seed);
    if (Math.abs(countLines(current) - lines) < Math.abs(countLines(best) - lines)) best = current;
  }
  return best;
}

export { countLines };

if (require.main === module) {
  const [linesArg, seedArg] = process.argv.slice(2);
  const lines = Number(linesArg ?? 1000);
  const seed = seedArg === undefined ? 1 : Number(seedArg);
  if (!Number.isInteger(lines) || lines < 1 || !Number.isInteger(seed)) {
    process.stderr.write('Usage: tsx bench/generate.ts <lines> [seed] > plan.mktplan.yaml\n');
    process.exit(2);
  }
  process.stdout.write(generatePlan(lines, seed));
}
