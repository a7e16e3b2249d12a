import type { StatsTrendPoint } from '@xianfeng/contracts/stats/stats.schemas';

/** How many month-ends the dashboard and the big screen show before today (the API's default). */
export const TREND_MONTHS = 12;

const month = (p: StatsTrendPoint) => Number(p.month.slice(5, 7));
const year = (p: StatsTrendPoint) => p.month.slice(0, 4);

/**
 * Axis label of a point: 今日 for today's, else the month — with its year on a second line for the first point and
 * each January, so twelve labels stay short and the year is never in doubt.
 */
export function trendAxisLabel(p: StatsTrendPoint, i: number): string {
  if (p.source === 'live') return '今日';
  return i === 0 || month(p) === 1 ? `${month(p)}月\n${year(p)}` : `${month(p)}月`;
}

/** The point in words: 2026年10月末, or 今日. */
export function trendMonthLabel(p: StatsTrendPoint): string {
  return p.source === 'live' ? '今日' : `${year(p)}年${month(p)}月末`;
}

/** The same with the exact date (tooltip, accessible name): 2026年10月末（2026-10-31）. */
export function trendFullLabel(p: StatsTrendPoint): string {
  return `${trendMonthLabel(p)}（${p.asOf}）`;
}

/** Month-end figures computed from history when first asked (before snapshots were kept) — said so wherever shown. */
export const HISTORY_NOTE = '按历史记录计算';
