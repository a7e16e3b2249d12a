import type { BreakdownEntry } from '../labels';
import type { ChartOption } from './echarts';

/** Light (admin) and dark (big screen) looks for the same chart builders. */
export interface ChartLook {
  dark: boolean;
  palette: string[];
  text: string;
  axis: string;
  split: string;
  fontSize: number;
}

export const lightLook: ChartLook = {
  dark: false,
  palette: ['#c62828', '#ef6c00', '#f9a825', '#2e7d32', '#1565c0', '#6a1b9a', '#00838f', '#8d6e63', '#9e9e9e'],
  text: '#434343',
  axis: '#8c8c8c',
  split: '#f0f0f0',
  fontSize: 12,
};

export const darkLook: ChartLook = {
  dark: true,
  palette: ['#ff5252', '#ffd54f', '#4fc3f7', '#81c784', '#ffb74d', '#ba68c8', '#4dd0e1', '#f06292', '#90a4ae'],
  text: '#e6ecf5',
  axis: '#7f8fa6',
  split: 'rgba(255,255,255,0.08)',
  fontSize: 16,
};

export const base = (look: ChartLook): ChartOption => ({
  backgroundColor: 'transparent',
  color: look.palette,
  textStyle: { color: look.text, fontSize: look.fontSize },
  animationDuration: 400,
});

export function tooltip(look: ChartLook) {
  return {
    confine: true,
    backgroundColor: look.dark ? 'rgba(10,20,40,0.92)' : '#fff',
    borderColor: look.dark ? '#3a4a66' : '#e5e5e5',
    textStyle: { color: look.dark ? '#fff' : '#262626', fontSize: look.fontSize },
  } as const;
}

/**
 * Bars of one breakdown, one colour, the count on each bar. `horizontal` for long labels (occupations,
 * children's names); categories then read top to bottom in the API's order.
 */
export function barOption(
  entries: BreakdownEntry[],
  look: ChartLook,
  opts: { horizontal?: boolean; bottomUp?: boolean; color?: string; seriesName: string },
): ChartOption {
  // ECharts draws a vertical category axis from the bottom up; reverse so the first key is on top, unless
  // `bottomUp` (age bands: youngest at the bottom, as a pyramid reads).
  const flip = opts.horizontal && !opts.bottomUp;
  const names = entries.map((e) => e.label);
  const data = entries.map((e) => ({ value: e.value, name: e.label, full: e.full }));
  const color = opts.color ?? look.palette[0];
  const axisLabel = { color: look.text, fontSize: look.fontSize, interval: 0, lineHeight: look.fontSize + 2 };
  const category = { type: 'category' as const, data: flip ? [...names].reverse() : names, axisLabel, axisLine: { lineStyle: { color: look.axis } }, axisTick: { show: false } };
  // Fewer ticks on the big screen: its larger numerals would crowd a narrow axis.
  const value = { type: 'value' as const, minInterval: 1, splitNumber: look.dark ? 4 : 5, axisLabel: { color: look.axis, fontSize: look.fontSize, hideOverlap: true }, splitLine: { lineStyle: { color: look.split } } };
  return {
    ...base(look),
    tooltip: { ...tooltip(look), trigger: 'item', formatter: (p: unknown) => itemTip(p as TipParam) },
    grid: { left: 8, right: opts.horizontal ? 48 : 16, top: 16, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? value : category,
    yAxis: opts.horizontal ? category : value,
    series: [
      {
        type: 'bar',
        name: opts.seriesName,
        data: flip ? [...data].reverse() : data,
        itemStyle: { color, borderRadius: opts.horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0] },
        barMaxWidth: look.dark ? 36 : 28,
        label: { show: true, position: opts.horizontal ? 'right' : 'top', color: look.text, fontSize: look.fontSize },
      },
    ],
  };
}

interface TipParam {
  name: string;
  value: number;
  percent?: number;
  data?: { full?: string };
}

function itemTip(p: TipParam): string {
  const name = escapeHtml(p.data?.full ?? p.name);
  return p.percent === undefined ? `${name}：${p.value}` : `${name}：${p.value}（${p.percent}%）`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A ring of one breakdown, count and share in the legend and the labels. */
export function pieOption(entries: BreakdownEntry[], look: ChartLook, opts: { seriesName: string; colors?: string[] }): ChartOption {
  // Empty slices only clutter the ring with "0%" labels; the 表 view still lists them.
  // Each key keeps its colour (by its place in the full list) whichever slices are left out.
  const colors = opts.colors ?? look.palette;
  const shown = entries.map((e, i) => ({ ...e, color: colors[i % colors.length]! })).filter((e) => e.value > 0);
  const counts = new Map(entries.map((e) => [e.label, e.value]));
  return {
    ...base(look),
    tooltip: { ...tooltip(look), trigger: 'item', formatter: (p: unknown) => itemTip(p as TipParam) },
    // Counts in the legend, shares on the ring: short labels never run off a narrow panel.
    legend: {
      bottom: 0,
      textStyle: { color: look.text, fontSize: look.fontSize },
      itemWidth: 12,
      itemHeight: 12,
      formatter: (name: string) => `${name} ${counts.get(name) ?? 0}`,
    },
    series: [
      {
        type: 'pie',
        name: opts.seriesName,
        radius: ['42%', '66%'],
        center: ['50%', '45%'],
        avoidLabelOverlap: true,
        percentPrecision: 1,
        label: { color: look.text, fontSize: look.fontSize, formatter: '{d}%' },
        labelLine: { length: 6, length2: 8 },
        itemStyle: { borderColor: look.dark ? '#0b1a33' : '#fff', borderWidth: 2 },
        data: shown.map((e) => ({ value: e.value, name: e.label, full: e.full, itemStyle: { color: e.color } })),
      },
    ],
  };
}

export interface DuesMonthPoint {
  month: string;
  amountFen: number;
  paidFen: number;
  rateBasisPoints: number | null;
}

/**
 * 党费 month by month this year: 应交 and 实交 in 元 as bars, the collection rate as a line (second axis, no
 * fixed top: back payments can take a month past 100%).
 */
export function duesTrendOption(months: DuesMonthPoint[], look: ChartLook): ChartOption {
  const labels = months.map((m) => `${Number(m.month.slice(5, 7))}月`);
  const yuan = (fen: number) => Math.round(fen) / 100;
  return {
    ...base(look),
    tooltip: { ...tooltip(look), trigger: 'axis' },
    legend: { top: 0, textStyle: { color: look.text, fontSize: look.fontSize } },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: { color: look.text }, axisLine: { lineStyle: { color: look.axis } } },
    yAxis: [
      { type: 'value', name: '元', axisLabel: { color: look.axis }, splitLine: { lineStyle: { color: look.split } } },
      { type: 'value', name: '收缴率 %', min: 0, axisLabel: { color: look.axis }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: '应交', data: months.map((m) => yuan(m.amountFen)), itemStyle: { color: look.dark ? '#4a6fa5' : '#bfbfbf' }, barMaxWidth: 18 },
      { type: 'bar', name: '实交', data: months.map((m) => yuan(m.paidFen)), itemStyle: { color: look.palette[0] }, barMaxWidth: 18 },
      {
        type: 'line',
        name: '收缴率',
        yAxisIndex: 1,
        data: months.map((m) => (m.rateBasisPoints === null ? null : m.rateBasisPoints / 100)),
        itemStyle: { color: look.palette[2] },
        smooth: true,
      },
    ],
  };
}
