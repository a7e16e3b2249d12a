import type { StatsTrendPoint } from '@xianfeng/contracts/stats/stats.schemas';
import { formatCount } from '../labels';
import { HISTORY_NOTE, trendAxisLabel, trendFullLabel } from '../trend';
import type { ChartOption } from './echarts';
import { base, escapeHtml, tooltip, type ChartLook } from './options';

interface AxisTipParam {
  dataIndex: number;
  marker?: string;
  seriesName: string;
  value: number | { value: number };
}

const seriesColors = (look: ChartLook) => (look.dark ? { total: '#ffd54f', full: '#4fc3f7', probationary: '#ff8a80' } : { total: '#c62828', full: '#1565c0', probationary: '#f9a825' });

/**
 * Members at each month-end and today, in two panes on one time axis: 党员总数 and 正式党员 above, 预备党员 — a
 * much smaller number — below on its own scale, so neither lies flat along the bottom and no line crosses
 * another's axis. Each pane's axis starts near its data (`scale`), so a month's change is visible; the exact figures
 * are in the tip and the 表 view. A point computed from history has a hollow marker and says so in the tip; the
 * last point is today's, its total written above it. `height` is the chart's height in pixels (the panes share it).
 */
export function trendOption(points: StatsTrendPoint[], look: ChartLook, height: number): ChartOption {
  const c = seriesColors(look);
  const last = points.length - 1;
  const fs = look.fontSize;
  const symbol = (p: StatsTrendPoint) => (p.source === 'history' ? 'emptyCircle' : 'circle');
  const line = (name: string, key: 'total' | 'full' | 'probationary', color: string, width: number, pane: 0 | 1) => ({
    type: 'line' as const,
    name,
    xAxisIndex: pane,
    yAxisIndex: pane,
    symbolSize: look.dark ? 9 : 7,
    itemStyle: { color },
    lineStyle: { color, width },
    areaStyle: pane === 1 ? { color, opacity: 0.12 } : undefined,
    data: points.map((p, i) => ({
      value: p[key],
      symbol: symbol(p),
      label: key === 'total' && i === last ? { show: true, position: 'top' as const, color, fontSize: fs, fontWeight: 'bold' as const, formatter: formatCount(p.total) } : undefined,
    })),
  });

  // Panes in pixels: legend, the upper pane (about two thirds), a gap, the lower pane, two-line month labels.
  const legend = fs + 14;
  const labels = 2 * (fs + 2) + 10;
  // Room between the panes for the upper pane's lowest and the lower pane's highest axis label.
  const gap = Math.round(fs * 2.4);
  const plot = Math.max(60, height - legend - labels - gap - 6);
  const upper = Math.round(plot * 0.64);
  // A fixed left margin, the same for both panes, so their points line up (containLabel would size each alone).
  const widest = formatCount(Math.max(1, ...points.map((p) => p.total))).length;
  const left = Math.round(widest * fs * 0.62) + 14;
  const grid = (top: number, h: number) => ({ left, right: fs * 2, top, height: h });
  const months = points.map(trendAxisLabel);
  const xAxis = (pane: 0 | 1) => ({
    type: 'category' as const,
    gridIndex: pane,
    data: months,
    axisLabel: { show: pane === 1, color: look.text, fontSize: fs, interval: 0, lineHeight: fs + 2, hideOverlap: true },
    axisLine: { lineStyle: { color: look.axis } },
    axisTick: { show: false },
  });
  const yAxis = (pane: 0 | 1) => ({
    type: 'value' as const,
    gridIndex: pane,
    scale: true,
    minInterval: 1,
    splitNumber: pane === 0 ? (look.dark ? 2 : 3) : 1,
    axisLabel: { color: look.axis, fontSize: fs, hideOverlap: true },
    splitLine: { lineStyle: { color: look.split } },
  });

  return {
    ...base(look),
    tooltip: {
      ...tooltip(look),
      trigger: 'axis',
      formatter: (ps: unknown) => {
        const list = ps as AxisTipParam[];
        const p = points[list[0]?.dataIndex ?? -1];
        if (!p) return '';
        const lines = [`<b>${escapeHtml(trendFullLabel(p))}</b>`];
        for (const s of list) {
          const v = typeof s.value === 'number' ? s.value : s.value.value;
          lines.push(`${s.marker ?? ''}${escapeHtml(s.seriesName)}：${formatCount(v)}`);
        }
        if (p.source === 'history') lines.push(HISTORY_NOTE);
        return lines.join('<br/>');
      },
    },
    // One pointer over both panes, so the tip lists all three figures of the month.
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    legend: { top: 0, textStyle: { color: look.text, fontSize: fs }, itemWidth: 16, itemHeight: 10 },
    grid: [grid(legend + 6, upper), grid(legend + 6 + upper + gap, plot - upper)],
    xAxis: [xAxis(0), xAxis(1)],
    yAxis: [yAxis(0), yAxis(1)],
    series: [line('党员总数', 'total', c.total, look.dark ? 4 : 3, 0), line('正式党员', 'full', c.full, 2, 0), line('预备党员', 'probationary', c.probationary, 2, 1)],
  };
}
