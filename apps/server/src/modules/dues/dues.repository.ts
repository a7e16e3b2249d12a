import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import type { BillStatus, DuesCategory, PaymentMethod } from '@xianfeng/contracts/dues/dues.enums';

/** 党费 queries. Money columns are integer fen; months are `YYYY-MM` text. No rules here. */

export interface DuesMemberRow {
  id: string;
  name: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  status: 'full' | 'probationary';
  state: 'active' | 'suspended' | 'left';
  joinedOn: string;
}
const memberCols = sql.raw(`m.id, m.name, m.org_id AS "orgId", o.path AS "orgPath", o.name AS "orgName", m.status, m.state, m.joined_on::text AS "joinedOn"`);

export function findDuesMember(db: Db, id: string): Promise<DuesMemberRow | undefined> {
  return one<DuesMemberRow>(db, sql`SELECT ${memberCols} FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = ${id}`);
}

/** Active members joined by `lastDay` per org of a subtree, in tree order (how a bill run cuts its pages). */
export function countBillableMembersByOrg(db: Db, input: { path: string; lastDay: string }): Promise<{ orgId: string; orgPath: string; members: number }[]> {
  return rows(
    db,
    sql`SELECT o.id AS "orgId", o.path AS "orgPath", count(*)::int AS members FROM member m JOIN org o ON o.id = m.org_id
        WHERE ${inSubtrees(sql`o.path`, [input.path])} AND m.state = 'active' AND m.joined_on <= ${input.lastDay}
        GROUP BY o.id, o.path ORDER BY o.path`,
  );
}

export interface BaseRow {
  id: string;
  memberId: string;
  duesCategory: DuesCategory;
  baseEnc: string | null;
  rateBp: number | null;
  standardFen: number;
  effectiveMonth: string;
  declaredByName: string | null;
  createdAt: Date;
}
const baseCols = sql.raw(`id, member_id AS "memberId", dues_category AS "duesCategory", base_enc AS "baseEnc", rate_bp AS "rateBp",
  standard_fen AS "standardFen", effective_month AS "effectiveMonth", declared_by_name AS "declaredByName", created_at AS "createdAt"`);

/** Declarations in the order they were made (a later one for the same month replaces an earlier). */
export function findBases(db: Db, memberIds: string[]): Promise<BaseRow[]> {
  if (memberIds.length === 0) return Promise.resolve([]);
  return rows<BaseRow>(db, sql`SELECT ${baseCols} FROM dues_base WHERE member_id = ANY(${toUuidArray(memberIds)}) ORDER BY created_at, id`);
}

/** What a bill run prices from. */
export type BillingBaseRow = Pick<BaseRow, 'memberId' | 'duesCategory' | 'rateBp' | 'standardFen' | 'effectiveMonth'>;

export async function insertBase(
  db: Db,
  v: { id: string; memberId: string; orgId: string; duesCategory: DuesCategory; baseEnc: string | null; rateBp: number | null; standardFen: number; effectiveMonth: string; accountId: string | null; name: string | null; at: Date },
): Promise<BaseRow> {
  return (await one<BaseRow>(
    db,
    sql`INSERT INTO dues_base (id, member_id, org_id, dues_category, base_enc, rate_bp, standard_fen, effective_month, declared_by_account_id, declared_by_name, created_at)
        VALUES (${v.id}, ${v.memberId}, ${v.orgId}, ${v.duesCategory}, ${v.baseEnc}, ${v.rateBp}, ${v.standardFen}, ${v.effectiveMonth}, ${v.accountId}, ${v.name}, ${v.at})
        RETURNING ${baseCols}`,
  )) as BaseRow;
}

export interface AccountRow {
  memberId: string;
  creditFen: number;
  openingPaidUntil: string | null;
}

/** The member's dues account, created on first use and locked for this transaction (serialises money writes per member). */
export async function lockAccount(db: Db, memberId: string): Promise<AccountRow> {
  await db.execute(sql`INSERT INTO dues_account (member_id) VALUES (${memberId}) ON CONFLICT DO NOTHING`);
  return (await one<AccountRow>(
    db,
    sql`SELECT member_id AS "memberId", credit_fen AS "creditFen", opening_paid_until AS "openingPaidUntil" FROM dues_account WHERE member_id = ${memberId} FOR UPDATE`,
  )) as AccountRow;
}

export function findAccounts(db: Db, memberIds: string[]): Promise<AccountRow[]> {
  if (memberIds.length === 0) return Promise.resolve([]);
  return rows<AccountRow>(
    db,
    sql`SELECT member_id AS "memberId", credit_fen AS "creditFen", opening_paid_until AS "openingPaidUntil" FROM dues_account WHERE member_id = ANY(${toUuidArray(memberIds)})`,
  );
}

export async function updateAccount(db: Db, memberId: string, patch: { creditFen?: number; openingPaidUntil?: string | null }, at: Date): Promise<void> {
  const sets: SQL[] = [sql`updated_at = ${at}`];
  if (patch.creditFen !== undefined) sets.push(sql`credit_fen = ${patch.creditFen}`);
  if (patch.openingPaidUntil !== undefined) sets.push(sql`opening_paid_until = ${patch.openingPaidUntil}`);
  await db.execute(sql`UPDATE dues_account SET ${sql.join(sets, sql`, `)} WHERE member_id = ${memberId}`);
}

/** The accounts of these members that hold prepayment, locked in member order (as a payment takes one). */
export function lockAccountsWithCredit(db: Db, memberIds: string[]): Promise<AccountRow[]> {
  if (memberIds.length === 0) return Promise.resolve([]);
  return rows<AccountRow>(
    db,
    sql`SELECT member_id AS "memberId", credit_fen AS "creditFen", opening_paid_until AS "openingPaidUntil" FROM dues_account
        WHERE member_id = ANY(${toUuidArray(memberIds)}) AND credit_fen > 0 ORDER BY member_id FOR UPDATE`,
  );
}

export async function setAccountCredits(db: Db, accounts: { memberId: string; creditFen: number }[], at: Date): Promise<void> {
  if (accounts.length === 0) return;
  await db.execute(
    sql`UPDATE dues_account a SET credit_fen = u.credit_fen, updated_at = ${at}
        FROM unnest(${toUuidArray(accounts.map((a) => a.memberId))}, ${toIntArray(accounts.map((a) => a.creditFen))}) AS u(member_id, credit_fen) WHERE a.member_id = u.member_id`,
  );
}

export interface BillRow {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  month: string;
  duesCategory: DuesCategory;
  rateBp: number | null;
  standardFen: number;
  amountFen: number;
  paidFen: number;
  capped: boolean;
  reductionId: string | null;
  fromAcceptance: boolean;
}
const billCols = sql.raw(`b.id, b.member_id AS "memberId", m.name AS "memberName", b.org_id AS "orgId", o.name AS "orgName", b.month,
  b.dues_category AS "duesCategory", b.rate_bp AS "rateBp", b.standard_fen AS "standardFen", b.amount_fen AS "amountFen",
  b.paid_fen AS "paidFen", b.capped, b.reduction_id AS "reductionId", b.from_acceptance AS "fromAcceptance"`);
const billFrom = sql.raw(`dues_bill b JOIN member m ON m.id = b.member_id JOIN org o ON o.id = b.org_id`);

export function findBillsByMember(db: Db, memberId: string): Promise<BillRow[]> {
  return rows<BillRow>(db, sql`SELECT ${billCols} FROM ${billFrom} WHERE b.member_id = ${memberId} ORDER BY b.month`);
}

export function findBillsByIdsForUpdate(db: Db, ids: string[]): Promise<BillRow[]> {
  return rows<BillRow>(db, sql`SELECT ${billCols} FROM ${billFrom} WHERE b.id = ANY(${toUuidArray(ids)}) ORDER BY b.month FOR UPDATE OF b`);
}

export function findOpenBillsForUpdate(db: Db, memberId: string): Promise<BillRow[]> {
  return rows<BillRow>(db, sql`SELECT ${billCols} FROM ${billFrom} WHERE b.member_id = ${memberId} AND b.paid_fen < b.amount_fen ORDER BY b.month FOR UPDATE OF b`);
}

/** The open bills of some members, locked, per member oldest first (the fields allocation needs). */
export function findOpenBillsOfMembersForUpdate(db: Db, memberIds: string[]): Promise<{ id: string; memberId: string; orgId: string; month: string; amountFen: number; paidFen: number }[]> {
  return rows(
    db,
    sql`SELECT id, member_id AS "memberId", org_id AS "orgId", month, amount_fen AS "amountFen", paid_fen AS "paidFen" FROM dues_bill
        WHERE member_id = ANY(${toUuidArray(memberIds)}) AND paid_fen < amount_fen ORDER BY member_id, month FOR UPDATE`,
  );
}

export interface BillFilter {
  path: string;
  month?: string | undefined;
  memberId?: string | undefined;
  status?: BillStatus | undefined;
}
function billWhere(f: BillFilter): SQL {
  const parts: SQL[] = [inSubtrees(sql`o.path`, [f.path])];
  if (f.month) parts.push(sql`b.month = ${f.month}`);
  if (f.memberId) parts.push(sql`b.member_id = ${f.memberId}`);
  if (f.status === 'waived') parts.push(sql`b.amount_fen = 0`);
  if (f.status === 'paid') parts.push(sql`b.amount_fen > 0 AND b.paid_fen >= b.amount_fen`);
  if (f.status === 'partial') parts.push(sql`b.paid_fen > 0 AND b.paid_fen < b.amount_fen`);
  if (f.status === 'unpaid') parts.push(sql`b.paid_fen = 0 AND b.amount_fen > 0`);
  return sql.join(parts, sql` AND `);
}

export async function listBills(db: Db, f: BillFilter, page: { limit: number; offset: number }) {
  const where = billWhere(f);
  const [items, totals] = await Promise.all([
    rows<BillRow>(db, sql`SELECT ${billCols} FROM ${billFrom} WHERE ${where} ORDER BY b.month DESC, o.path, m.name, b.id LIMIT ${page.limit} OFFSET ${page.offset}`),
    one<{ total: number; amountFen: number; paidFen: number }>(
      db,
      sql`SELECT count(*)::int AS total, coalesce(sum(b.amount_fen), 0)::bigint AS "amountFen", coalesce(sum(b.paid_fen), 0)::bigint AS "paidFen"
          FROM ${billFrom} WHERE ${where}`,
    ),
  ]);
  return { items, total: Number(totals?.total ?? 0), amountFen: Number(totals?.amountFen ?? 0), paidFen: Number(totals?.paidFen ?? 0) };
}

/** Months already billed per member within [from, to]. */
export interface NewBill {
  memberId: string;
  orgId: string;
  month: string;
  duesCategory: DuesCategory;
  rateBp: number | null;
  standardFen: number;
  amountFen: number;
  capped: boolean;
  reductionId: string | null;
  fromAcceptance: boolean;
}

/** Inserts bills set-wise; an existing (member, month) is skipped. Returns the bills actually created. */
export async function insertBills(db: Db, bills: NewBill[], at: Date): Promise<{ id: string; memberId: string; orgId: string; month: string; amountFen: number }[]> {
  if (bills.length === 0) return [];
  const col = <K extends keyof NewBill>(k: K) => bills.map((b) => b[k]);
  return rows(
    db,
    sql`INSERT INTO dues_bill (member_id, org_id, month, dues_category, rate_bp, standard_fen, amount_fen, capped, reduction_id, from_acceptance, created_at, updated_at)
        SELECT u.member_id, u.org_id, u.month, u.dues_category, u.rate_bp, u.standard_fen, u.amount_fen, u.capped, u.reduction_id, u.from_acceptance, ${at}, ${at}
        FROM unnest(${toUuidArray(col('memberId'))}, ${toUuidArray(col('orgId'))}, ${toTextArray(col('month'))}, ${toTextArray(col('duesCategory'))},
                    ${toIntArray(col('rateBp'))}, ${toIntArray(col('standardFen'))}, ${toIntArray(col('amountFen'))}, ${toBoolArray(col('capped'))},
                    ${toUuidArray(col('reductionId'))}, ${toBoolArray(col('fromAcceptance'))})
             AS u(member_id, org_id, month, dues_category, rate_bp, standard_fen, amount_fen, capped, reduction_id, from_acceptance)
        ON CONFLICT (member_id, month) DO NOTHING
        RETURNING id, member_id AS "memberId", org_id AS "orgId", month, amount_fen AS "amountFen"`,
  );
}

export interface OrgMonthDelta {
  orgId: string;
  month: string;
  bills: number;
  settledBills: number;
  amountFen: number;
  paidFen: number;
}

/**
 * Adds to the collection totals: the org's own row and the subtree totals of the org and every ancestor
 * (walked up `parent_id`), in one statement whose rows are locked in (org, month) order — call it once per
 * transaction, after the ledger writes, so that concurrent writers meet these rows in the same order.
 */
export async function addOrgMonthTotals(db: Db, deltas: OrgMonthDelta[]): Promise<void> {
  const merged = new Map<string, OrgMonthDelta>();
  for (const d of deltas) {
    const k = `${d.orgId}|${d.month}`;
    const m = merged.get(k);
    if (m) {
      m.bills += d.bills;
      m.settledBills += d.settledBills;
      m.amountFen += d.amountFen;
      m.paidFen += d.paidFen;
    } else merged.set(k, { ...d });
  }
  const list = [...merged.values()].filter((d) => d.bills || d.settledBills || d.amountFen || d.paidFen);
  if (list.length === 0) return;
  const col = <K extends keyof OrgMonthDelta>(k: K) => list.map((d) => d[k]);
  await db.execute(
    sql`WITH RECURSIVE d(org_id, month, bills, settled_bills, amount_fen, paid_fen) AS (
          SELECT * FROM unnest(${toUuidArray(col('orgId') as string[])}, ${toTextArray(col('month') as string[])}, ${toIntArray(col('bills') as number[])},
                               ${toIntArray(col('settledBills') as number[])}, ${toBigArray(col('amountFen') as number[])}, ${toBigArray(col('paidFen') as number[])})),
        up(org_id, month, bills, settled_bills, amount_fen, paid_fen) AS (
          SELECT o.parent_id, d.month, d.bills, d.settled_bills, d.amount_fen, d.paid_fen FROM d JOIN org o ON o.id = d.org_id WHERE o.parent_id IS NOT NULL
          UNION ALL
          SELECT o.parent_id, up.month, up.bills, up.settled_bills, up.amount_fen, up.paid_fen FROM up JOIN org o ON o.id = up.org_id WHERE o.parent_id IS NOT NULL),
        x(org_id, month, bills, settled_bills, amount_fen, paid_fen, s_bills, s_settled_bills, s_amount_fen, s_paid_fen) AS (
          SELECT org_id, month, bills, settled_bills, amount_fen, paid_fen, bills, settled_bills, amount_fen, paid_fen FROM d
          UNION ALL
          SELECT org_id, month, 0, 0, 0, 0, bills, settled_bills, amount_fen, paid_fen FROM up)
        INSERT INTO dues_org_month (org_id, month, bills, settled_bills, amount_fen, paid_fen, subtree_bills, subtree_settled_bills, subtree_amount_fen, subtree_paid_fen)
        SELECT org_id, month, sum(bills), sum(settled_bills), sum(amount_fen), sum(paid_fen), sum(s_bills), sum(s_settled_bills), sum(s_amount_fen), sum(s_paid_fen)
        FROM x GROUP BY org_id, month ORDER BY org_id, month
        ON CONFLICT (org_id, month) DO UPDATE SET bills = dues_org_month.bills + EXCLUDED.bills, settled_bills = dues_org_month.settled_bills + EXCLUDED.settled_bills,
          amount_fen = dues_org_month.amount_fen + EXCLUDED.amount_fen, paid_fen = dues_org_month.paid_fen + EXCLUDED.paid_fen,
          subtree_bills = dues_org_month.subtree_bills + EXCLUDED.subtree_bills, subtree_settled_bills = dues_org_month.subtree_settled_bills + EXCLUDED.subtree_settled_bills,
          subtree_amount_fen = dues_org_month.subtree_amount_fen + EXCLUDED.subtree_amount_fen, subtree_paid_fen = dues_org_month.subtree_paid_fen + EXCLUDED.subtree_paid_fen`,
  );
}

/** The bills' paid amounts after allocations, one statement. */
export async function setBillsPaid(db: Db, bills: { id: string; paidFen: number }[], at: Date): Promise<void> {
  if (bills.length === 0) return;
  await db.execute(
    sql`UPDATE dues_bill b SET paid_fen = u.paid_fen, updated_at = ${at}
        FROM unnest(${toUuidArray(bills.map((b) => b.id))}, ${toIntArray(bills.map((b) => b.paidFen))}) AS u(id, paid_fen) WHERE b.id = u.id`,
  );
}

export async function repriceBill(db: Db, billId: string, v: { amountFen: number; reductionId: string }, at: Date): Promise<void> {
  await db.execute(sql`UPDATE dues_bill SET amount_fen = ${v.amountFen}, reduction_id = ${v.reductionId}, updated_at = ${at} WHERE id = ${billId}`);
}

export async function nextReceiptSeq(db: Db): Promise<number> {
  const r = await one<{ n: string | number }>(db, sql`SELECT nextval('dues_receipt_seq') AS n`);
  return Number(r?.n);
}

export interface PaymentRow {
  id: string;
  receiptNo: string;
  kind: 'payment' | 'reversal';
  memberId: string;
  memberName: string;
  payerMemberId: string | null;
  payerName: string | null;
  orgId: string;
  amountFen: number;
  method: PaymentMethod;
  paidOn: string;
  reversesPaymentId: string | null;
  reason: string | null;
  provider: string | null;
  moneyMoved: boolean;
  creditAfterFen: number;
  recordedByName: string | null;
  createdAt: Date;
  reversedBy: string | null;
}
const paymentCols = sql.raw(`p.id, p.receipt_no AS "receiptNo", p.kind, p.member_id AS "memberId", m.name AS "memberName", p.payer_member_id AS "payerMemberId",
  pm.name AS "payerName", p.org_id AS "orgId", p.amount_fen AS "amountFen", p.method, p.paid_on::text AS "paidOn", p.reverses_payment_id AS "reversesPaymentId",
  p.reason, p.provider, p.money_moved AS "moneyMoved", p.credit_after_fen AS "creditAfterFen", p.recorded_by_name AS "recordedByName", p.created_at AS "createdAt",
  (SELECT r.id FROM dues_payment r WHERE r.reverses_payment_id = p.id) AS "reversedBy"`);
const paymentFrom = sql.raw(`dues_payment p JOIN member m ON m.id = p.member_id JOIN org o ON o.id = p.org_id LEFT JOIN member pm ON pm.id = p.payer_member_id`);

export async function insertPayment(
  db: Db,
  v: {
    receiptNo: string;
    kind: 'payment' | 'reversal';
    memberId: string;
    payerMemberId: string | null;
    orgId: string;
    amountFen: number;
    method: PaymentMethod;
    paidOn: string;
    reversesPaymentId: string | null;
    reason: string | null;
    provider: string | null;
    providerRef: string | null;
    moneyMoved: boolean;
    creditAfterFen: number;
    accountId: string | null;
    name: string | null;
    at: Date;
  },
): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO dues_payment (receipt_no, kind, member_id, payer_member_id, org_id, amount_fen, method, paid_on, reverses_payment_id, reason, provider, provider_ref,
          money_moved, credit_after_fen, recorded_by_account_id, recorded_by_name, created_at)
        VALUES (${v.receiptNo}, ${v.kind}, ${v.memberId}, ${v.payerMemberId}, ${v.orgId}, ${v.amountFen}, ${v.method}, ${v.paidOn}, ${v.reversesPaymentId}, ${v.reason},
          ${v.provider}, ${v.providerRef}, ${v.moneyMoved}, ${v.creditAfterFen}, ${v.accountId}, ${v.name}, ${v.at})
        RETURNING id`,
  );
  return (r as { id: string }).id;
}

export async function insertAllocations(db: Db, allocations: { paymentId: string; billId: string; amountFen: number }[], at: Date): Promise<void> {
  if (allocations.length === 0) return;
  await db.execute(
    sql`INSERT INTO dues_allocation (payment_id, bill_id, amount_fen, created_at)
        SELECT u.payment_id, u.bill_id, u.amount_fen, ${at}
        FROM unnest(${toUuidArray(allocations.map((a) => a.paymentId))}, ${toUuidArray(allocations.map((a) => a.billId))}, ${toIntArray(allocations.map((a) => a.amountFen))})
             AS u(payment_id, bill_id, amount_fen)`,
  );
}

export function findPayment(db: Db, id: string, forUpdate = false): Promise<(PaymentRow & { orgPath: string }) | undefined> {
  return one(db, sql`SELECT ${paymentCols}, o.path AS "orgPath" FROM ${paymentFrom} WHERE p.id = ${id} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`);
}

export function findPaymentsByMember(db: Db, memberId: string): Promise<PaymentRow[]> {
  return rows<PaymentRow>(db, sql`SELECT ${paymentCols} FROM ${paymentFrom} WHERE p.member_id = ${memberId} ORDER BY p.created_at DESC, p.receipt_no DESC`);
}

export async function listPayments(db: Db, f: { path: string; month?: string | undefined; memberId?: string | undefined }, page: { limit: number; offset: number }) {
  const parts: SQL[] = [inSubtrees(sql`o.path`, [f.path])];
  if (f.month) parts.push(sql`to_char(p.paid_on, 'YYYY-MM') = ${f.month}`);
  if (f.memberId) parts.push(sql`p.member_id = ${f.memberId}`);
  const where = sql.join(parts, sql` AND `);
  const [items, total] = await Promise.all([
    rows<PaymentRow>(db, sql`SELECT ${paymentCols} FROM ${paymentFrom} WHERE ${where} ORDER BY p.created_at DESC, p.receipt_no DESC LIMIT ${page.limit} OFFSET ${page.offset}`),
    one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${paymentFrom} WHERE ${where}`),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** Allocations of the given ledger entries with their bills' months. */
export function findAllocations(db: Db, paymentIds: string[]): Promise<{ paymentId: string; billId: string; month: string; amountFen: number }[]> {
  if (paymentIds.length === 0) return Promise.resolve([]);
  return rows(
    db,
    sql`SELECT a.payment_id AS "paymentId", a.bill_id AS "billId", b.month, a.amount_fen AS "amountFen"
        FROM dues_allocation a JOIN dues_bill b ON b.id = a.bill_id WHERE a.payment_id = ANY(${toUuidArray(paymentIds)}) ORDER BY b.month, a.created_at`,
  );
}

/** The members' payments that still hold unallocated money (预交), per member oldest first. */
export function findPaymentsWithCredit(db: Db, memberIds: string[]): Promise<{ id: string; memberId: string; remainderFen: number }[]> {
  return rows(
    db,
    sql`SELECT p.id, p.member_id AS "memberId", (p.amount_fen - coalesce(al.fen, 0))::int AS "remainderFen"
        FROM dues_payment p LEFT JOIN LATERAL (SELECT sum(a.amount_fen) AS fen FROM dues_allocation a WHERE a.payment_id = p.id) al ON TRUE
        WHERE p.member_id = ANY(${toUuidArray(memberIds)}) AND p.kind = 'payment' AND p.amount_fen > coalesce(al.fen, 0)
          AND NOT EXISTS (SELECT 1 FROM dues_payment r WHERE r.reverses_payment_id = p.id)
        ORDER BY p.member_id, p.created_at, p.id`,
  );
}

// ---- array parameters: each column travels as one array parameter (as member.bulk.ts does) ----
export const toUuidArray = (v: readonly (string | null)[]) => sql`${sql.param(v)}::uuid[]`;
export const toTextArray = (v: readonly (string | null)[]) => sql`${sql.param(v)}::text[]`;
export const toIntArray = (v: readonly (number | null)[]) => sql`${sql.param(v)}::int[]`;
export const toBigArray = (v: readonly number[]) => sql`${sql.param(v)}::bigint[]`;
export const toBoolArray = (v: readonly boolean[]) => sql`${sql.param(v)}::boolean[]`;
