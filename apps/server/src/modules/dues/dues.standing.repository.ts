import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import { toTextArray, toUuidArray } from './dues.repository.ts';

/** Queries for reductions, arrears and collection totals (the supervision side of 党费). */

export interface ReductionRow {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  kind: 'reduce' | 'exempt';
  monthlyFen: number;
  fromMonth: string;
  toMonth: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedByAccountId: string | null;
  requestedByName: string | null;
  requestedAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  billsRepriced: number;
  version: number;
}
const reductionCols = sql.raw(`r.id, r.member_id AS "memberId", m.name AS "memberName", r.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath", r.kind,
  r.monthly_fen AS "monthlyFen", r.from_month AS "fromMonth", r.to_month AS "toMonth", r.reason, r.status, r.requested_by_account_id AS "requestedByAccountId",
  r.requested_by_name AS "requestedByName", r.requested_at AS "requestedAt", r.decided_by_name AS "decidedByName", r.decided_at AS "decidedAt",
  r.decision_note AS "decisionNote", r.bills_repriced AS "billsRepriced", r.version`);
const reductionFrom = sql.raw(`dues_reduction r JOIN member m ON m.id = r.member_id JOIN org o ON o.id = r.org_id`);

export function findReduction(db: Db, id: string, forUpdate = false): Promise<ReductionRow | undefined> {
  return one<ReductionRow>(db, sql`SELECT ${reductionCols} FROM ${reductionFrom} WHERE r.id = ${id} ${forUpdate ? sql`FOR UPDATE OF r` : sql``}`);
}

/** Pending or approved reductions of a member overlapping [from, to]. */
export function findLiveReductions(db: Db, memberIds: string[], from: string, to: string): Promise<ReductionRow[]> {
  if (memberIds.length === 0) return Promise.resolve([]);
  return rows<ReductionRow>(
    db,
    sql`SELECT ${reductionCols} FROM ${reductionFrom} WHERE r.member_id = ANY(${toUuidArray(memberIds)}) AND r.status IN ('pending', 'approved')
          AND r.from_month <= ${to} AND r.to_month >= ${from} ORDER BY r.requested_at`,
  );
}

export async function insertReduction(
  db: Db,
  v: { memberId: string; orgId: string; kind: 'reduce' | 'exempt'; monthlyFen: number; fromMonth: string; toMonth: string; reason: string; accountId: string | null; name: string | null; at: Date },
): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO dues_reduction (member_id, org_id, kind, monthly_fen, from_month, to_month, reason, requested_by_account_id, requested_by_name, requested_at)
        VALUES (${v.memberId}, ${v.orgId}, ${v.kind}, ${v.monthlyFen}, ${v.fromMonth}, ${v.toMonth}, ${v.reason}, ${v.accountId}, ${v.name}, ${v.at}) RETURNING id`,
  );
  return (r as { id: string }).id;
}

export async function decideReduction(
  db: Db,
  v: { id: string; version: number; status: 'approved' | 'rejected'; accountId: string | null; name: string | null; note: string | null; billsRepriced: number; at: Date },
): Promise<boolean> {
  const r = await one(
    db,
    sql`UPDATE dues_reduction SET status = ${v.status}, decided_by_account_id = ${v.accountId}, decided_by_name = ${v.name}, decided_at = ${v.at},
          decision_note = ${v.note}, bills_repriced = ${v.billsRepriced}, version = version + 1
        WHERE id = ${v.id} AND status = 'pending' AND version = ${v.version} RETURNING id`,
  );
  return !!r;
}

export async function listReductions(db: Db, f: { path: string; status?: string | undefined }, page: { limit: number; offset: number }) {
  const where = sql.join([inSubtrees(sql`o.path`, [f.path]), ...(f.status ? [sql`r.status = ${f.status}`] : [])], sql` AND `);
  const [items, total] = await Promise.all([
    rows<ReductionRow>(db, sql`SELECT ${reductionCols} FROM ${reductionFrom} WHERE ${where} ORDER BY r.requested_at DESC, r.id LIMIT ${page.limit} OFFSET ${page.offset}`),
    one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${reductionFrom} WHERE ${where}`),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

export function findArrearsReasons(db: Db, memberIds: string[]): Promise<{ memberId: string; fromMonth: string; toMonth: string; reason: string }[]> {
  if (memberIds.length === 0) return Promise.resolve([]);
  return rows(
    db,
    sql`SELECT member_id AS "memberId", from_month AS "fromMonth", to_month AS "toMonth", reason FROM dues_arrears_reason
        WHERE member_id = ANY(${toUuidArray(memberIds)}) ORDER BY created_at`,
  );
}

export async function insertArrearsReason(db: Db, v: { memberId: string; fromMonth: string; toMonth: string; reason: string; accountId: string | null; name: string | null; at: Date }): Promise<void> {
  await db.execute(
    sql`INSERT INTO dues_arrears_reason (member_id, from_month, to_month, reason, recorded_by_account_id, recorded_by_name, created_at)
        VALUES (${v.memberId}, ${v.fromMonth}, ${v.toMonth}, ${v.reason}, ${v.accountId}, ${v.name}, ${v.at})`,
  );
}

export interface UnpaidSummaryRow {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  /** Unpaid overdue months with what each still owes. */
  unpaid: { month: string; owedFen: number }[];
  /** The latest overdue billed month (paid or not). */
  lastOverdue: string;
}

/**
 * Members with unpaid bills before `currentMonth`, inside `paths` (all members when null), with their
 * unpaid months and their latest overdue billed month.
 */
export function findMembersWithArrears(db: Db, input: { paths: string[] | null; currentMonth: string; activeOnly: boolean }): Promise<UnpaidSummaryRow[]> {
  return rows<UnpaidSummaryRow>(
    db,
    sql`WITH owing AS (
          SELECT b.member_id, jsonb_agg(jsonb_build_object('month', b.month, 'owedFen', b.amount_fen - b.paid_fen) ORDER BY b.month) AS unpaid
          FROM dues_bill b ${input.paths ? sql`JOIN org o ON o.id = b.org_id` : sql``}
          WHERE b.month < ${input.currentMonth} AND b.paid_fen < b.amount_fen ${input.paths ? sql`AND ${inSubtrees(sql`o.path`, input.paths)}` : sql``}
          GROUP BY b.member_id)
        SELECT m.id AS "memberId", m.name, m.org_id AS "orgId", mo.name AS "orgName", mo.path AS "orgPath", ow.unpaid,
          (SELECT max(b2.month) FROM dues_bill b2 WHERE b2.member_id = m.id AND b2.month < ${input.currentMonth}) AS "lastOverdue"
        FROM owing ow JOIN member m ON m.id = ow.member_id JOIN org mo ON mo.id = m.org_id
        WHERE ${input.activeOnly ? sql`m.state = 'active'` : sql`TRUE`}
          -- A member transferred out keeps old bills in this subtree but is no longer the caller's to list.
          ${input.paths ? sql`AND ${inSubtrees(sql`mo.path`, input.paths)}` : sql``}
        ORDER BY mo.path, m.name, m.id`,
  );
}

/** Collection totals of a subtree for some months: one row per org and month (the caller groups them). */
export function findOrgMonthTotals(db: Db, input: { path: string; months: string[] }): Promise<{ orgPath: string; month: string; bills: number; settledBills: number; amountFen: number; paidFen: number }[]> {
  return rows(
    db,
    sql`SELECT o.path AS "orgPath", t.month, t.bills, t.settled_bills AS "settledBills", t.amount_fen::float8 AS "amountFen", t.paid_fen::float8 AS "paidFen"
        FROM dues_org_month t JOIN org o ON o.id = t.org_id
        WHERE t.month = ANY(${toTextArray(input.months)}) AND ${inSubtrees(sql`o.path`, [input.path])}`,
  );
}

const subtreeCols = sql.raw(`coalesce(t.subtree_bills, 0) AS bills, coalesce(t.subtree_settled_bills, 0) AS "settledBills",
  coalesce(t.subtree_amount_fen, 0)::float8 AS "amountFen", coalesce(t.subtree_paid_fen, 0)::float8 AS "paidFen"`);

/**
 * A month's subtree totals of an org and its direct children (drill-down rows; dissolved ones included, as
 * they may hold past bills; 党小组 hold no dues) — one row each, the org first.
 */
export function findCollectionRows(db: Db, input: { orgId: string; month: string }): Promise<{ id: string; name: string; kind: string; dissolved: boolean; bills: number; settledBills: number; amountFen: number; paidFen: number }[]> {
  return rows(
    db,
    sql`SELECT o.id, o.name, o.kind, o.dissolved_on IS NOT NULL AS dissolved, ${subtreeCols}
        FROM org o LEFT JOIN dues_org_month t ON t.org_id = o.id AND t.month = ${input.month}
        WHERE o.id = ${input.orgId} OR (o.parent_id = ${input.orgId} AND o.kind <> 'group')
        ORDER BY o.id = ${input.orgId} DESC, o.code`,
  );
}

/** An org's subtree totals for some months (months without bills have no row). */
export function findSubtreeMonths(db: Db, input: { orgPath: string; months: string[] }): Promise<{ month: string; bills: number; settledBills: number; amountFen: number; paidFen: number }[]> {
  return rows(
    db,
    sql`SELECT t.month, ${subtreeCols} FROM dues_org_month t JOIN org o ON o.id = t.org_id
        WHERE o.path = ${input.orgPath} AND t.month = ANY(${toTextArray(input.months)})`,
  );
}

