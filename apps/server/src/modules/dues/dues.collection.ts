import type { CollectionFigures, CollectionTrendView, CollectionView } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import { loadDuesOrg } from './dues.access.ts';
import { monthsBetween } from './dues.rules.ts';
import * as standing from './dues.standing.repository.ts';

/**
 * 收缴率: collection figures of a subtree from the per-org totals (`dues_org_month`), which every bill and
 * allocation write keeps current — a city's month is a few thousand rows, not its bills.
 */

type Totals = { bills: number; settledBills: number; amountFen: number; paidFen: number };
const zero = (): Totals => ({ bills: 0, settledBills: 0, amountFen: 0, paidFen: 0 });
const add = (t: Totals, r: Totals) => {
  t.bills += Number(r.bills);
  t.settledBills += Number(r.settledBills);
  t.amountFen += Number(r.amountFen);
  t.paidFen += Number(r.paidFen);
};
/** paid / billed in basis points, rounded down (a rate never shows 100% while anything is owed). */
export const rateOf = (t: Totals): number | null => (t.amountFen > 0 ? Math.floor((t.paidFen * 10_000) / t.amountFen) : null);

function figures(org: { id: string; name: string; kind: string }, t: Totals): CollectionFigures {
  return { orgId: org.id, orgName: org.name, orgKind: org.kind, ...t, rateBasisPoints: rateOf(t) };
}

/** GET /api/dues/collection — the subtree's month, and each child's for drill-down. */
export async function collectionForMonth(ctx: Ctx, input: { orgId: string; month: string }): Promise<CollectionView> {
  const org = await loadDuesOrg(ctx, input.orgId, 'dues.read');
  const [found, children] = await Promise.all([standing.findOrgMonthTotals(ctx.db, { path: org.path, months: [input.month] }), standing.findChildOrgs(ctx.db, org.id)]);
  const total = zero();
  const own = zero();
  const perChild = new Map(children.map((c) => [c.id, zero()]));
  for (const r of found) {
    add(total, r);
    const child = children.find((c) => r.orgPath.startsWith(c.path));
    add(child ? (perChild.get(child.id) as Totals) : own, r);
  }
  // The rows add up to the total: members placed on the org itself show as （本级）, a dissolved child only with bills.
  const rows = children.filter((c) => !c.dissolved || (perChild.get(c.id) as Totals).bills > 0).map((c) => figures(c, perChild.get(c.id) as Totals));
  if (own.bills > 0) rows.unshift(figures({ ...org, name: `${org.name}（本级）` }, own));
  return { ...figures(org, total), month: input.month, children: rows };
}

/** GET /api/dues/collection/trend — the subtree month by month for a year. */
export async function collectionTrend(ctx: Ctx, input: { orgId: string; year: number }): Promise<CollectionTrendView> {
  const org = await loadDuesOrg(ctx, input.orgId, 'dues.read');
  const months = monthsBetween(`${input.year}-01`, `${input.year}-12`);
  const found = await standing.findOrgMonthTotals(ctx.db, { path: org.path, months });
  const byMonth = new Map(months.map((m) => [m, zero()]));
  for (const r of found) add(byMonth.get(r.month) as Totals, r);
  return { orgId: org.id, orgName: org.name, year: input.year, months: months.map((m) => ({ ...figures(org, byMonth.get(m) as Totals), month: m })) };
}

/**
 * For the statistics module: a subtree's collection figures for some months. No permission check — the
 * statistics module scopes its callers (as with life's compliance counts).
 */
export async function duesCollectionForStatistics(ctx: Ctx, input: { path: string; months: string[] }): Promise<{ month: string; bills: number; settledBills: number; amountFen: number; paidFen: number; rateBasisPoints: number | null }[]> {
  const found = await standing.findOrgMonthTotals(ctx.db, { path: input.path, months: input.months });
  return input.months.map((m) => {
    const t = zero();
    for (const r of found) if (r.month === m) add(t, r);
    return { month: m, ...t, rateBasisPoints: rateOf(t) };
  });
}
