import type { CollectionFigures, CollectionTrendView, CollectionView } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import { loadDuesOrg } from './dues.access.ts';
import { monthsBetween } from './dues.rules.ts';
import * as standing from './dues.standing.repository.ts';

/**
 * 收缴率: collection figures from the subtree totals (`dues_org_month.subtree_*`), which every bill and
 * allocation write keeps current for the org and all its ancestors — a city's month is a row, not its bills.
 */

type Totals = { bills: number; settledBills: number; amountFen: number; paidFen: number };
const zero = (): Totals => ({ bills: 0, settledBills: 0, amountFen: 0, paidFen: 0 });
const pick = (r: Totals): Totals => ({ bills: Number(r.bills), settledBills: Number(r.settledBills), amountFen: Number(r.amountFen), paidFen: Number(r.paidFen) });
/** paid / billed in basis points, rounded down (a rate never shows 100% while anything is owed). */
export const rateOf = (t: Totals): number | null => (t.amountFen > 0 ? Math.floor((t.paidFen * 10_000) / t.amountFen) : null);

function figures(org: { id: string; name: string; kind: string }, t: Totals): CollectionFigures {
  return { orgId: org.id, orgName: org.name, orgKind: org.kind, ...t, rateBasisPoints: rateOf(t) };
}

/** GET /api/dues/collection — the subtree's month, and each child's for drill-down. */
export async function collectionForMonth(ctx: Ctx, input: { orgId: string; month: string }): Promise<CollectionView> {
  const org = await loadDuesOrg(ctx, input.orgId, 'dues.read');
  const [self, ...children] = await standing.findCollectionRows(ctx.db, { orgId: org.id, month: input.month });
  const total = pick(self ?? zero());
  // The rows add up to the total: what no child holds is the org's own members, shown as （本级）; a
  // dissolved child shows only with bills.
  const own = { ...total };
  for (const c of children) {
    own.bills -= Number(c.bills);
    own.settledBills -= Number(c.settledBills);
    own.amountFen -= Number(c.amountFen);
    own.paidFen -= Number(c.paidFen);
  }
  const rows = children.filter((c) => !c.dissolved || Number(c.bills) > 0).map((c) => figures(c, pick(c)));
  if (own.bills > 0) rows.unshift(figures({ ...org, name: `${org.name}（本级）` }, own));
  return { ...figures(org, total), month: input.month, children: rows };
}

/** GET /api/dues/collection/trend — the subtree month by month for a year. */
export async function collectionTrend(ctx: Ctx, input: { orgId: string; year: number }): Promise<CollectionTrendView> {
  const org = await loadDuesOrg(ctx, input.orgId, 'dues.read');
  const months = monthsBetween(`${input.year}-01`, `${input.year}-12`);
  const found = await standing.findSubtreeMonths(ctx.db, { orgPath: org.path, months });
  return { orgId: org.id, orgName: org.name, year: input.year, months: months.map((m) => ({ ...figures(org, pick(found.find((r) => r.month === m) ?? zero())), month: m })) };
}

/**
 * For the statistics module: a subtree's collection figures for some months. No permission check — the
 * statistics module scopes its callers (as with life's compliance counts).
 */
export async function duesCollectionForStatistics(ctx: Ctx, input: { path: string; months: string[] }): Promise<{ month: string; bills: number; settledBills: number; amountFen: number; paidFen: number; rateBasisPoints: number | null }[]> {
  const found = await standing.findSubtreeMonths(ctx.db, { orgPath: input.path, months: input.months });
  return input.months.map((m) => {
    const t = pick(found.find((r) => r.month === m) ?? zero());
    return { month: m, ...t, rateBasisPoints: rateOf(t) };
  });
}
