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

/** Two bars a row: what is planned and what was spent, with where an even pace would be marked across them. */
export interface BarPair {
  label: string;
  planned: { value: number; text: string };
  spent: { value: number; text: string; color: keyof typeof chartColors };
  /** What an even pace would have spent by now. */
  pace?: number;
}

/** A line across dates: its points at instants counted in days since 1970-01-01 (a day's end is its number + 1). */
export interface LineSeries {
  points: ReadonlyArray<{ day: number; value: number }>;
  color: keyof typeof chartColors;
  dashed?: boolean;
  /** A running total: each value holds until the next point, where the line steps to it. */
  steps?: boolean;
  /** A dot on each point: measured values, rather than a line drawn through its corners. */
  dots?: boolean;
  /** Written after the line's last point. */
  label?: string;
}

const rowHeight = 30;

/** The width charts are drawn at when the page's is not known: a report's column. */
export const defaultChartWidth = 900;
/** Narrower than this, a chart is drawn at this width and the page scrolls it. */
export const narrowestChart = 360;
/** The least share of a chart of planned and spent bars that the bars themselves are given. */
const minBarShare = 0.3;

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
 * A time axis over whole days, its month ticks chosen here rather than by ECharts, whose own,
 * measured without a browser, hid all but one label at a side-by-side width.
 */
function timeAxis(range: { start: number; end: number }, width: number, locale: string) {
  const ticks = monthTicks(range, width, locale);
  const labels = new Map(ticks.map((tick) => [tick.time, tick.label]));
  return {
    type: 'time' as const,
    min: range.start * dayMs,
    max: (range.end + 1) * dayMs,
    splitLine: { show: true, lineStyle: { color: chartColors.grid } },
    axisTick: { customValues: ticks.map((tick) => tick.time) },
    axisLabel: { color: chartColors.axis, customValues: ticks.map((tick) => tick.time), formatter: (value: number) => labels.get(value) ?? '' },
  };
}

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

/** A custom series' shapes for one of its points. */
type Shape =
  | { type: 'polyline'; shape: { points: Array<[number, number]> }; style: Record<string, unknown> }
  | { type: 'circle'; shape: { cx: number; cy: number; r: number }; style: Record<string, unknown> }
  | { type: 'text'; style: Record<string, unknown> };

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
    return this.render(
      {
        grid: {
          left: labelWidth + 12,
          right: 24,
          top: marks.today ? 28 : 12,
          bottom: 28,
        },
        xAxis: timeAxis(range, this.width - labelWidth - 36, translator.locale),
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
  /**
   * Two horizontal bars a row, what is planned above what was spent, each with its figure beside
   * it; a short upright mark across a row where an even pace would be.
   */
  barPairs(rows: readonly BarPair[], translator: Translator): string {
    const right = Math.min(220, rows.reduce((most, row) => Math.max(most, textWidth(row.planned.text) + 12, textWidth(row.spent.text) + 12), 90));
    // The bars keep at least a share of the chart: beside a plan (420 px), the row labels and the
    // figures would otherwise leave them a few pixels. A label cut short is whole in the table below.
    const labelWidth = Math.max(
      80,
      Math.min(
        labelRoom(
          rows.map((row) => row.label),
          this.width,
        ),
        this.width - 12 - right - Math.round(this.width * minBarShare),
      ),
    );
    const plotWidth = this.width - labelWidth - 12 - right;
    const barSeries = (figures: Array<{ value: number; text: string; color: keyof typeof chartColors }>) => ({
      type: 'bar',
      barMaxWidth: 14,
      barGap: '20%',
      data: figures.map((figure) => ({ value: figure.value, itemStyle: { color: chartColors[figure.color] } })),
      label: {
        show: true,
        position: 'right',
        color: chartColors.text,
        formatter: (params: { dataIndex: number }) => figures[params.dataIndex].text,
      },
    });
    return this.render(
      {
        grid: { left: labelWidth + 12, right, top: 12, bottom: 28 },
        xAxis: {
          type: 'value',
          splitNumber: Math.max(1, Math.floor(plotWidth / 70)),
          splitLine: { lineStyle: { color: chartColors.grid } },
          axisLabel: { color: chartColors.axis, formatter: (value: number) => translator.format('compact', value) },
        },
        yAxis: rowAxis(rows.map((row) => row.label), labelWidth),
        series: [
          barSeries(rows.map((row) => ({ ...row.planned, color: 'axis' as const }))),
          barSeries(rows.map((row) => row.spent)),
          {
            type: 'custom',
            silent: true,
            encode: { x: 0, y: 1 },
            data: rows.flatMap((row, index) => (row.pace === undefined ? [] : [[row.pace, index]])),
            renderItem: (_params: unknown, api: CustomApi) => {
              const [x, y] = api.coord([api.value(0), api.value(1)]);
              const half = api.size([0, 1])[1] * 0.4;
              return { type: 'polyline', shape: { points: [[x, y - half], [x, y + half]] }, style: { stroke: chartColors.today, lineWidth: 2, fill: 'none' } };
            },
          },
        ],
      },
      rows.length * rowHeight * 1.6 + 48,
    );
  }

  /** Lines across `range` (day numbers, both included), each labelled at its end, with a day marked by an upright line. */
  lines(
    series: readonly LineSeries[],
    range: { start: number; end: number },
    translator: Translator,
    options: { height: number; fromZero: boolean; mark?: { day: number; label: string } },
  ): string {
    const values = series.flatMap((line) => line.points.map((point) => point.value));
    const widest = values.reduce((most, value) => Math.max(most, textWidth(translator.format('compact', value))), 0);
    const left = Math.max(40, widest + 20);
    const right = Math.min(200, series.reduce((most, line) => Math.max(most, line.label === undefined ? 0 : textWidth(line.label) + 16), 24));
    return this.render(
      {
        grid: { left, right, top: options.mark ? 28 : 12, bottom: 28 },
        xAxis: timeAxis(range, this.width - left - right, translator.locale),
        yAxis: {
          type: 'value',
          // Money from nothing; a KPI's results and path where they lie.
          scale: !options.fromZero,
          splitNumber: Math.max(2, Math.floor(options.height / 60)),
          splitLine: { lineStyle: { color: chartColors.grid } },
          axisLabel: { color: chartColors.axis, formatter: (value: number) => translator.format('compact', value) },
        },
        series: series.map((line, index) => ({
          type: 'custom',
          silent: true,
          encode: { x: 0, y: 1 },
          data: line.points.map((point, at) => [point.day * dayMs, point.value, at]),
          // Each point draws the stretch from the one before it, its dot, and after the last, the line's label.
          renderItem: (params: { dataIndex: number }, api: CustomApi) => {
            const at = params.dataIndex;
            const here = api.coord([api.value(0), api.value(1)]);
            const color = chartColors[line.color];
            const shapes: Shape[] = [];
            if (at > 0) {
              const before = line.points[at - 1];
              const from = api.coord([before.day * dayMs, before.value]);
              const corner: Array<[number, number]> = line.steps ? [[here[0], from[1]]] : [];
              shapes.push({ type: 'polyline', shape: { points: [from, ...corner, here] }, style: { stroke: color, lineWidth: 2, fill: 'none', ...(line.dashed ? { lineDash: [6, 4] } : {}) } });
            }
            if (line.dots) shapes.push({ type: 'circle', shape: { cx: here[0], cy: here[1], r: 3 }, style: { fill: color } });
            if (line.label !== undefined && at === line.points.length - 1)
              shapes.push({ type: 'text', style: { text: line.label, x: here[0] + 6, y: here[1], fill: color, align: 'left', verticalAlign: 'middle', font: '12px sans-serif' } });
            return { type: 'group', children: shapes };
          },
          markLine:
            index === 0 && options.mark
              ? {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: chartColors.today, width: 1.5, type: 'solid' },
                  label: { formatter: options.mark.label, color: chartColors.today, position: 'end' },
                  data: [{ xAxis: options.mark.day * dayMs }],
                }
              : undefined,
        })),
      },
      options.height,
    );
  }
}
