import { formatCount } from '../labels';
import type { PyramidFigures } from '../pyramid';
import type { ChartOption } from './echarts';
import { base, escapeHtml, tooltip, type ChartLook } from './options';

/** Men blue, women rose — the colours of the 性别 ring, so both charts read alike. */
export const pyramidColors = {
  light: { male: '#1565c0', female: '#d81b60' },
  dark: { male: '#4fc3f7', female: '#f06292' },
} as const;

/** The next round number at or above n (1, 2, 2.5, 5 × a power of ten): a symmetric axis with even ticks. */
function roundUp(n: number): number {
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 2.5, 5, 10].find((s) => s * p >= n) ?? 10) * p;
}

interface AxisTipParam {
  dataIndex: number;
}

/**
 * The age pyramid: one row per band, youngest at the bottom; men to the left (drawn as negative values, every
 * label and tip showing the count), women to the right, on an axis symmetric about zero so the sides compare.
 * Members of unknown gender or without a birth date are not drawn — the page says so under the chart.
 */
export function pyramidOption(f: PyramidFigures, look: ChartLook): ChartOption {
  const colors = look.dark ? pyramidColors.dark : pyramidColors.light;
  const rows = f.bands;
  // Room beyond the longest bar for its label.
  const edge = roundUp(Math.max(1, ...rows.flatMap((r) => [r.male, r.female])) * 1.3);
  const count = (v: number) => (v === 0 ? '' : formatCount(Math.abs(v)));
  const label = { show: true, color: look.text, fontSize: look.fontSize, formatter: (p: { value?: unknown }) => count(Number(p.value)) };
  const bar = { type: 'bar' as const, stack: 'pyramid', stackStrategy: 'samesign' as const, barCategoryGap: '28%', barMaxWidth: look.dark ? 30 : 24 };
  return {
    ...base(look),
    tooltip: {
      ...tooltip(look),
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: unknown) => {
        const r = rows[(ps as AxisTipParam[])[0]?.dataIndex ?? -1];
        if (!r) return '';
        const lines = [`<b>${escapeHtml(r.label)}</b>`, `男：${formatCount(r.male)}`, `女：${formatCount(r.female)}`];
        if (r.unknown > 0) lines.push(`性别未填写：${formatCount(r.unknown)}`);
        lines.push(`合计：${formatCount(r.total)}`);
        return lines.join('<br/>');
      },
    },
    legend: { top: 0, data: ['男', '女'], textStyle: { color: look.text, fontSize: look.fontSize }, itemWidth: 14, itemHeight: 12 },
    grid: { left: 8, right: 20, top: look.fontSize + 20, bottom: 4, containLabel: true },
    xAxis: {
      type: 'value',
      min: -edge,
      max: edge,
      interval: edge / 2,
      // The big screen has no row to spare for the scale: every bar carries its count.
      axisLabel: { show: !look.dark, color: look.axis, fontSize: look.fontSize, formatter: (v: number) => formatCount(Math.abs(v)) },
      splitLine: { lineStyle: { color: look.split } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.label),
      axisTick: { show: false },
      axisLine: { onZero: false, lineStyle: { color: look.axis } },
      axisLabel: { color: look.text, fontSize: look.fontSize, interval: 0 },
    },
    series: [
      { ...bar, name: '男', data: rows.map((r) => -r.male), itemStyle: { color: colors.male, borderRadius: [4, 0, 0, 4] }, label: { ...label, position: 'left' } },
      { ...bar, name: '女', data: rows.map((r) => r.female), itemStyle: { color: colors.female, borderRadius: [0, 4, 4, 0] }, label: { ...label, position: 'right' } },
    ],
  };
}
