import { strict as assert } from 'node:assert';
import { loadCharts, monthTicks, narrowestChart } from '../../server/src/report/charts';
import { translatorFor } from '../../server/src/service';

const day = (date: string) => Date.parse(date) / 86_400_000;
const year = { start: day('2027-01-01'), end: day('2027-12-31') };
const threeYears = { start: day('2027-01-01'), end: day('2029-12-31') };

/** The date axis's labels of a chart, left to right, with where each is centred. */
function axisLabels(svg: string): Array<{ text: string; x: number }> {
  return [...svg.matchAll(/<text [^>]*text-anchor="middle"[^>]*transform="translate\(([\d.]+) [\d.]+\)"[^>]*>([^<]*)<\/text>/g)].map((match) => ({ text: match[2], x: Number(match[1]) }));
}

describe('the Gantt and horizon charts at a narrow width', () => {
  // A preview beside its plan in a window of 1280 px or less.
  const sideBySide = 420;

  for (const locale of ['en', 'vi', 'zh-cn', 'ru']) {
    it(`labels each quarter of a year's schedule and each year of a horizon beside the plan, in ${locale}`, async () => {
      const charts = await loadCharts(sideBySide);
      const translator = translatorFor(locale);
      const schedule = axisLabels(charts.gantt([{ label: 'Opening month', start: day('2027-03-01'), end: day('2027-03-31'), color: 'bar' }], year, translator, {}));
      assert.ok(schedule.length >= 4, JSON.stringify(schedule));
      assert.equal(schedule[0].text, new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2027, 0, 1))));
      const horizon = axisLabels(charts.gantt([{ label: 'Horizon', start: threeYears.start, end: threeYears.end, color: 'second' }], threeYears, translator, {}));
      assert.deepEqual(horizon.filter((label) => /^\d{4}/.test(label.text)).map((label) => label.text.slice(0, 4)), ['2027', '2028', '2029']);
      for (const labels of [schedule, horizon]) {
        assert.deepEqual(labels.map((label) => label.x), [...labels.map((label) => label.x)].sort((a, b) => a - b), 'left to right');
        // Centred labels collide when their centres are closer than half of both widths (a Latin letter about 7 px, any other 12 px).
        const width = (text: string) => Array.from(text).reduce((sum, character) => sum + (character.charCodeAt(0) < 0x80 ? 7 : 12), 0);
        for (let index = 1; index < labels.length; index++) assert.ok(labels[index].x - labels[index - 1].x >= (width(labels[index].text) + width(labels[index - 1].text)) / 2 + 4, JSON.stringify(labels));
      }
    });
  }

  it('keeps a label for the start of each year and for another month at the narrowest width', async () => {
    const charts = await loadCharts(narrowestChart);
    for (const locale of ['en', 'vi', 'zh-cn', 'ru']) {
      const labels = axisLabels(charts.gantt([{ label: 'Opening month', start: day('2027-03-01'), end: day('2027-03-31'), color: 'bar' }], year, translatorFor(locale), {}));
      assert.ok(labels.length >= 2, `${locale}: ${JSON.stringify(labels)}`);
    }
  });

  it('chooses month ticks on calendar boundaries, the densest whose labels fit', () => {
    const labelsOf = (width: number, locale = 'en') => monthTicks(year, width, locale).map((tick) => tick.label);
    assert.deepEqual(labelsOf(2000), ['2027', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);
    assert.deepEqual(labelsOf(200), ['2027', 'Apr', 'Jul', 'Oct']);
    assert.deepEqual(labelsOf(100), ['2027', 'Jul']);
    // A range that starts within a month has its first tick on the next month's first day.
    assert.deepEqual(monthTicks({ start: day('2027-02-15'), end: day('2027-05-31') }, 2000, 'en').map((tick) => tick.label), ['Mar', 'Apr', 'May']);
    // Vietnamese's shorter name of a month, as written beside a year.
    assert.deepEqual(labelsOf(300, 'vi'), ['2027', 'thg 4', 'thg 7', 'thg 10']);
    assert.deepEqual(labelsOf(2000, 'zh-cn').slice(0, 3), ['2027年', '2月', '3月']);
  });
});

describe('the planned and spent bars beside a plan', () => {
  /** The widths of a chart's horizontal bars (ECharts draws each as `M x y l width 0 ...`). */
  const barWidths = (svg: string) => [...svg.matchAll(/<path d="M[\d.]+ [\d.]+l([\d.]+) 0l0 [\d.]+l-[\d.]+ 0Z"/g)].map((match) => Number(match[1]));
  const money = (value: number) => `₫${value.toLocaleString('en-US')}`;
  const pairs = [
    { label: 'Channel: Facebook và TikTok', planned: 420_000_000, spent: 374_100_000 },
    { label: 'Channel: Sự kiện tại cửa hàng và văn phòng', planned: 180_000_000, spent: 156_000_000 },
    { label: 'Campaign: Cà phê cho cả văn phòng', planned: 240_000_000, spent: 152_000_000 },
  ].map(({ label, planned, spent }) => ({
    label,
    planned: { value: planned, text: `planned ${money(planned)}` },
    spent: { value: spent, text: `spent ${money(spent)} · ${Math.round((spent / planned) * 1000) / 10}%`, color: 'bar' as const },
    pace: planned * 0.9,
  }));

  it('gives the bars at least a fifth of a chart as wide as a preview beside its plan, their figures beside them', async () => {
    // A preview beside its plan in a window of 1280 px or less.
    const width = 420;
    const svg = (await loadCharts(width)).barPairs(pairs, translatorFor('en'));
    const bars = barWidths(svg);
    assert.equal(bars.length, pairs.length * 2, svg.slice(0, 400));
    assert.ok(Math.max(...bars) >= width / 5, `the longest bar is ${Math.max(...bars)} px of ${width}`);
    for (const pair of pairs) assert.ok(svg.includes(pair.spent.text), pair.spent.text);
  });

  it('leaves a report as wide as a page as it was: the labels whole', async () => {
    const svg = (await loadCharts()).barPairs(pairs, translatorFor('en'));
    for (const pair of pairs) assert.ok(svg.includes(`>${pair.label}<`), pair.label);
  });
});

