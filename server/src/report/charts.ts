import { resolveLocale, type Translator } from '../service';
import { formatFor } from '../service/i18n/format';

type ECharts = typeof import('./echarts.mjs', { with: { 'resolution-mode': 'import' } });
type ChartOption = Parameters<ReturnType<ECharts['init']>['setOption']>[0];

let loading: Promise<ECharts> | undefined;

/**
 * Apache ECharts, with only the parts the report draws: it renders SVG as text in Node, with
 * no browser and no canvas, so the same markup goes into the preview and into the exported
 * report. It is read on the first chart, not when a door starts.
 */
export function loadCharts(width?: number): Promise<Charts> {
  loading ??= import('./echarts.mjs').then((echarts) => {
    echarts.use([echarts.BarChart, echarts.CustomChart, echarts.GridComponent, echarts.MarkAreaComponent, echarts.MarkLineComponent, echarts.SVGRenderer]);
    return echarts;
  });
  return loading.then((echarts) => new Charts(echarts, width));
}

/**
 * The colours the charts are drawn in. Each is a real colour, so that an SVG read on its own
 * looks right; the report's style sheet repaints each by its value (`[fill="#1f6feb"]`) in the
 * theme's colours, so the charts follow light, dark and high-contrast themes.
 */
export const chartColors = {
  text: '#3b3b3b',
  axis: '#767676',
  grid: '#d0d0d0',
  bar: '#1f6feb',
  second: '#8250df',
  over: '#cf222e',
  milestone: '#bf8700',
  today: '#1a7f37',
  period: '#0969da',
} as const;

export interface Bar {
  label: string;
  value: number;
  /** The figure written at the bar's end. */
  text: string;
  color?: keyof typeof chartColors;
}

const rowHeight = 30;

/** The width charts are drawn at when the page's is not known: a report's column. */
export const defaultChartWidth = 900;
/** Narrower than this, a chart is drawn at this width and the page scrolls it. */
export const narrowestChart = 360;

/**
 * The width of a text, as ECharts measures it without a browser: Latin letters at about 7 px,
 * every other character (Cyrillic, Vietnamese with its marks, Han) at the font size.
 */
function textWidth(text: string): number {
  return Array.from(text).reduce((sum, character) => sum + (character.charCodeAt(0) < 0x80 ? 7 : 12), 0);
}

/** Room for the longest row label. */
function labelRoom(labels: readonly string[], width: number): number {
  const widest = labels.reduce((most, label) => Math.max(most, textWidth(label)), 0);
  // A little more than measured (ECharts cuts a label that only just fits), and never most of the chart.
  return Math.min(360, Math.round(width * 0.4), Math.max(80, widest + 24));
}

/**
 * The SVG as the report's pages take it: no `<style>` element or `style` attribute (the
 * preview's Content Security Policy allows neither; the report's style sheet sets the font),
 * no hover states or ECharts' bookkeeping attributes, and hidden from screen readers, since
 * a table beside each chart gives its figures as text.
 */
function cleanSvg(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="[^"]*"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/<svg /, '<svg aria-hidden="true" focusable="false" class="chart-svg" preserveAspectRatio="xMinYMin meet" ')
    .replace(/ width="\d+" height="\d+"/, '')
    .replace(/\n/g, '');
}

export interface GanttRow {
  label: string;
  /** Day numbers (days since 1970-01-01), both included. */
  start: number;
  end: number;
  color: keyof typeof chartColors;
  /** A single day: drawn as a diamond rather than a bar. */
  point?: boolean;
}

const dayMs = 86_400_000;

/** Months between two ticks of a date axis, from the densest: a step of a year or more falls on Januaries. */
const monthSteps = [1, 2, 3, 6, 12, 24, 60, 120];

/**
 * The date axis's ticks: the first days of months in `range`, as many as their labels leave room
 * for across `plotWidth`. A tick in January is labelled by its year, every other by its month's
 * short name, both in the reader's language, so that a narrow chart keeps a label on each tick.
 */
export function monthTicks(range: { start: number; end: number }, plotWidth: number, locale: string): Array<{ time: number; label: string }> {
  // The shorter of a month's two short names (Vietnamese "thg 10" beside a year, "Tháng 10" alone), and the year in January.
  const format = formatFor(resolveLocale(locale));
  const first = new Date(range.start * dayMs);
  const months: Date[] = [];
  for (let month = first.getUTCDate() === 1 ? 0 : 1; ; month++) {
    const date = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + month, 1));
    if (date.getTime() > range.end * dayMs) break;
    months.push(date);
  }
  const ticksEvery = (step: number) =>
    months
      .filter((date) => (date.getUTCFullYear() * 12 + date.getUTCMonth()) % step === 0)
      .map((date) => ({ time: date.getTime(), label: date.getUTCMonth() === 0 ? format.axisYear(date) : format.axisMonth(date) }));
  for (const step of monthSteps) {
    const ticks = ticksEvery(step);
    // Each label with a gap after it, over the ticks' share of the plot.
    const room = ticks.reduce((most, tick) => Math.max(most, textWidth(tick.label)), 0) + 16;
    if (ticks.length * room <= plotWidth) return ticks;
  }
  // Not even a tick every ten years fits: the sparsest all the same.
  return ticksEvery(monthSteps[monthSteps.length - 1]);
}

/** What a custom series' `renderItem` is given to read its data and place it on the axes. */
interface CustomApi {
  value(dimension: number): number;
  coord(point: [number, number]): [number, number];
  size(dataSize: [number, number]): [number, number];
}

/** The axis of a horizontal chart's rows: one label a row, top to bottom, cut to its room. */
function rowAxis(labels: string[], labelWidth: number) {
  return {
    type: 'category',
    inverse: true,
    data: labels,
    axisLine: { lineStyle: { color: chartColors.axis } },
    axisTick: { show: false },
    axisLabel: { color: chartColors.text, width: labelWidth, overflow: 'truncate' },
  } as const;
}

/** Draws the report's charts as SVG markup, `width` pixels wide: text at 12 px where the page is as wide. */
export class Charts {
  readonly width: number;

  constructor(
    private readonly echarts: ECharts,
    width = defaultChartWidth,
  ) {
    this.width = Math.round(Math.min(defaultChartWidth, Math.max(narrowestChart, width)));
  }

  private render(option: ChartOption, height: number): string {
    const chart = this.echarts.init(null, null, {
      renderer: 'svg',
      ssr: true,
      width: this.width,
      height,
    });
    try {
      chart.setOption({
        animation: false,
        textStyle: {
          fontFamily: 'sans-serif',
          fontSize: 12,
          color: chartColors.text,
        },
        ...option,
      });
      return cleanSvg(chart.renderToSVGString());
    } finally {
      chart.dispose();
    }
  }

  /** Horizontal bars, one a row, the figure written beside each. */
  bar(bars: readonly Bar[], translator: Translator, marker?: { value: number; label: string }): string {
    const labelWidth = labelRoom(
      bars.map((bar) => bar.label),
      this.width,
    );
    // Room at the right for the figure written after the longest bar.
    const right = Math.min(170, bars.reduce((most, bar) => Math.max(most, Array.from(bar.text).length * 7 + 12), 90));
    const plotWidth = this.width - labelWidth - 12 - right;
    return this.render(
      {
        grid: {
          left: labelWidth + 12,
          right,
          top: marker ? 28 : 12,
          bottom: 28,
        },
        xAxis: {
          type: 'value',
          // About one figure per 70 px, so that narrow charts' figures do not collide.
          splitNumber: Math.max(1, Math.floor(plotWidth / 70)),
          splitLine: { lineStyle: { color: chartColors.grid } },
          axisLabel: {
            color: chartColors.axis,
            formatter: (value: number) => translator.format('compact', value),
          },
        },
        yAxis: rowAxis(bars.map((bar) => bar.label), labelWidth),
        series: [
          {
            type: 'bar',
            barMaxWidth: 18,
            data: bars.map((bar) => ({
              value: bar.value,
              itemStyle: { color: chartColors[bar.color ?? 'bar'] },
            })),
            label: {
              show: true,
              position: 'right',
              color: chartColors.text,
              formatter: (params: { dataIndex: number }) => bars[params.dataIndex].text,
            },
            markLine: marker
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: {
                    color: chartColors.over,
                    type: 'dashed',
                    width: 1.5,
                  },
                  label: {
                    formatter: marker.label,
                    color: chartColors.over,
                    position: 'start',
                  },
                  data: [{ xAxis: marker.value }],
                }
              : undefined,
          },
        ],
      },
      bars.length * rowHeight + (marker ? 64 : 48),
    );
  }

  /** A Gantt chart: one row a campaign or milestone, across `range`, with the plan period shaded and today marked. */
  gantt(
    rows: readonly GanttRow[],
    range: { start: number; end: number },
    translator: Translator,
    marks: {
      today?: { day: number; label: string };
      period?: { start: number; end: number };
    },
  ): string {
    const labelWidth = labelRoom(
      rows.map((row) => row.label),
      this.width,
    );
    const ticks = monthTicks(range, this.width - labelWidth - 36, translator.locale);
    const labels = new Map(ticks.map((tick) => [tick.time, tick.label]));
    return this.render(
      {
        grid: {
          left: labelWidth + 12,
          right: 24,
          top: marks.today ? 28 : 12,
          bottom: 28,
        },
        xAxis: {
          type: 'time',
          min: range.start * dayMs,
          max: (range.end + 1) * dayMs,
          splitLine: { show: true, lineStyle: { color: chartColors.grid } },
          // Ticks chosen here rather than by ECharts, whose own, measured without a browser, hid all but one label at a side-by-side width.
          axisTick: { customValues: ticks.map((tick) => tick.time) },
          axisLabel: {
            color: chartColors.axis,
            customValues: ticks.map((tick) => tick.time),
            formatter: (value: number) => labels.get(value) ?? '',
          },
        },
        yAxis: rowAxis(rows.map((row) => row.label), labelWidth),
        series: [
          {
            type: 'custom',
            renderItem: (_params: unknown, api: CustomApi) => {
              const row = rows[api.value(0)];
              const [x0, y] = api.coord([api.value(1), api.value(0)]);
              const [x1] = api.coord([api.value(2), api.value(0)]);
              const height = Math.min(16, api.size([0, 1])[1] * 0.6);
              if (row.point) {
                const half = height / 2 + 1;
                return {
                  type: 'polygon',
                  shape: {
                    points: [
                      [x0, y - half],
                      [x0 + half, y],
                      [x0, y + half],
                      [x0 - half, y],
                    ],
                  },
                  style: { fill: chartColors[row.color] },
                };
              }
              return {
                type: 'rect',
                shape: {
                  x: x0,
                  y: y - height / 2,
                  width: Math.max(x1 - x0, 2),
                  height,
                  r: 3,
                },
                style: { fill: chartColors[row.color] },
              };
            },
            encode: { x: [1, 2], y: 0 },
            data: rows.map((row, index) =>
              row.point
                ? [index, (row.start + 0.5) * dayMs, (row.start + 0.5) * dayMs]
                : [index, Math.max(row.start, range.start) * dayMs, (Math.min(row.end, range.end) + 1) * dayMs],
            ),
            markArea: marks.period
              ? {
                  silent: true,
                  itemStyle: { color: chartColors.period, opacity: 0.08 },
                  data: [[{ xAxis: marks.period.start * dayMs }, { xAxis: (marks.period.end + 1) * dayMs }]],
                }
              : undefined,
            markLine: marks.today
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: {
                    color: chartColors.today,
                    width: 1.5,
                    type: 'solid',
                  },
                  label: {
                    formatter: marks.today.label,
                    color: chartColors.today,
                    position: 'start',
                  },
                  data: [{ xAxis: (marks.today.day + 0.5) * dayMs }],
                }
              : undefined,
          },
        ],
      },
      rows.length * rowHeight + 60,
    );
  }
}
