import type { StatsTrend, StatsTrendPoint } from '@xianfeng/contracts/stats/stats.schemas';
import type { Ctx } from '../../platform/context.ts';
import { businessDays } from '../../platform/clock.ts';
import { addDays, addMonths } from '../../platform/dates.ts';
import { loadStatsOrg, type StatsOrg } from './stats.figures.ts';
import { pastMemberRows, pastRegion } from './stats.history.ts';
import type { KeyCount } from './stats.rules.ts';
import * as repo from './stats.repository.ts';

/**
 * Trends (docs/stats.md "Trends"): active members at each month-end, then today. A month-end is read from
 * `stats_month_snapshot` — taken from the rollups by the hourly job `stats.month_snapshot` at its first run after the
 * month's turn, or, for a month before the job kept one, computed from history when first asked and stored. Either
 * way a month, once stored, is frozen: the trend shows what was counted then, as a reported figure stays reported.
 */

/** A month: 'YYYY-MM' and its last day. */
interface MonthEnd {
  month: string;
  lastDay: string;
}

/** The `n` month-ends before `today` (strictly: on the last day of a month, that month is not over yet), oldest first. */
export function monthEndsBefore(today: string, n: number): MonthEnd[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: n }, (_, i) => {
    const start = addMonths(first, i - n);
    return { month: start.slice(0, 7), lastDay: addDays(addMonths(start, 1), -1) };
  });
}

/** total / full / probationary from rows of the `total` and `status` dimensions (negative counts read as 0). */
function countsOf(rows: KeyCount[]): { total: number; full: number; probationary: number } {
  const get = (dim: string, key: string) => Math.max(0, rows.filter((r) => r.dim === dim && r.key === key).reduce((a, r) => a + r.n, 0));
  return { total: get('total', ''), full: get('status', 'full'), probationary: get('status', 'probationary') };
}

/** One month-end of the subtree from history (past-date rules: where the subtree and each member stood then). */
async function monthFromHistory(ctx: Ctx, org: StatsOrg, m: MonthEnd): Promise<repo.MonthSnapshot> {
  const rules = await pastRegion(ctx, { path: org.path, asOf: m.lastDay });
  const rows = await pastMemberRows(ctx, { rules, asOf: m.lastDay, dims: ['total', 'status'] });
  return { month: m.month, ...countsOf(rows), source: 'history' };
}

/** The trend of one org's subtree (no permission check: the caller scopes). */
export async function trendOf(ctx: Ctx, input: { org: StatsOrg; months: number }): Promise<StatsTrend> {
  const { org } = input;
  const today = ctx.clock.today();
  const ends = monthEndsBefore(today, input.months);
  // Every stored month of the org in one read; the missing ones one by one (each an O(members) history read).
  const stored = new Map((await repo.findMonthSnapshots(ctx.db, org.id, ends[0]!.month)).map((s) => [s.month, s]));
  const points: StatsTrendPoint[] = [];
  for (const m of ends) {
    const s = stored.get(m.month) ?? (await repo.insertMonthSnapshot(ctx.db, org.id, await monthFromHistory(ctx, org, m), ctx.clock.now()));
    points.push({ month: m.month, asOf: m.lastDay, total: s.total, full: s.full, probationary: s.probationary, source: s.source });
  }
  const live = countsOf(await repo.findRollupDims(ctx.db, [org.id], ['total', 'status']));
  points.push({ month: today.slice(0, 7), asOf: today, ...live, source: 'live' });
  return { orgId: org.id, points };
}

/** GET /api/stats/orgs/:id/trend?months= — scoped like the overview (`stats.read`; out of scope → 404). */
export async function getStatsTrend(ctx: Ctx, input: { orgId: string; months: number }): Promise<StatsTrend> {
  const org = await loadStatsOrg(ctx, input.orgId);
  return trendOf(ctx, { org, months: input.months });
}

/**
 * The hourly job `stats.month_snapshot`: the month that ended last (the previous calendar month, Asia/Shanghai),
 * from the rollups, for every org live then that has no snapshot of it yet — one set-based statement. The first run
 * after the month's turn takes it (the figures of that moment, within the hour after midnight); later runs of the
 * month find nothing to do but orgs created since, which are left out (they did not exist at the month's end).
 */
export async function takeMonthSnapshots(ctx: Ctx): Promise<number> {
  const today = ctx.clock.today();
  const first = `${today.slice(0, 7)}-01`;
  return repo.insertRollupSnapshots(ctx.db, {
    month: addMonths(first, -1).slice(0, 7),
    lastDay: addDays(first, -1),
    monthEnd: businessDays(first).from,
    takenAt: ctx.clock.now(),
  });
}
