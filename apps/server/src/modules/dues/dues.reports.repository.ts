import { sql } from 'drizzle-orm';
import type { DuesCategory, PaymentMethod } from '@xianfeng/contracts/dues/dues.enums';
import type { OrgDomain, OrgKind } from '@xianfeng/contracts/org/org.enums';
import type { Db } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import { toUuidArray } from './dues.repository.ts';

/** Queries of the generated 党费 documents (docs/dues-ledger.md). Money is integer fen; no rules here. */

export interface SheetBillRow {
  id: string;
  memberId: string;
  memberName: string;
  duesCategory: DuesCategory;
  rateBp: number | null;
  amountFen: number;
  paidFen: number;
  capped: boolean;
  reductionId: string | null;
  /** The branch the bill belongs to: the bill's org, or its parent when the bill sits on a 党小组. */
  branchId: string;
  branchName: string;
  branchPath: string;
}

/** Every bill of a month inside a subtree, by branch, then member name. */
export function findSheetBills(db: Db, input: { path: string; month: string }): Promise<SheetBillRow[]> {
  return rows<SheetBillRow>(
    db,
    sql`SELECT b.id, b.member_id AS "memberId", m.name AS "memberName", b.dues_category AS "duesCategory", b.rate_bp AS "rateBp",
          b.amount_fen AS "amountFen", b.paid_fen AS "paidFen", b.capped, b.reduction_id AS "reductionId",
          br.id AS "branchId", br.name AS "branchName", br.path AS "branchPath"
        FROM dues_bill b JOIN member m ON m.id = b.member_id JOIN org o ON o.id = b.org_id
          JOIN org br ON br.id = CASE WHEN o.kind = 'group' AND o.parent_id IS NOT NULL THEN o.parent_id ELSE o.id END
        WHERE b.month = ${input.month} AND ${inSubtrees(sql`o.path`, [input.path])}
        ORDER BY br.path, m.name, m.id`,
  );
}

export interface BillEntryRow {
  billId: string;
  paymentId: string;
  receiptNo: string;
  kind: 'payment' | 'reversal';
  paidOn: string;
  method: PaymentMethod;
  payerName: string | null;
  /** What this ledger entry put on (or, negative, took off) the bill. */
  amountFen: number;
}

/** The ledger entries that touched the given bills (payments and their reversals), in the order recorded. */
export function findBillEntries(db: Db, billIds: string[]): Promise<BillEntryRow[]> {
  if (billIds.length === 0) return Promise.resolve([]);
  return rows<BillEntryRow>(
    db,
    sql`SELECT a.bill_id AS "billId", p.id AS "paymentId", p.receipt_no AS "receiptNo", p.kind, p.paid_on::text AS "paidOn", p.method,
          pm.name AS "payerName", a.amount_fen AS "amountFen"
        FROM dues_allocation a JOIN dues_payment p ON p.id = a.payment_id LEFT JOIN member pm ON pm.id = p.payer_member_id
        WHERE a.bill_id = ANY(${toUuidArray(billIds)})
        ORDER BY p.created_at, p.receipt_no, a.created_at`,
  );
}

export interface ReportOrgRow {
  id: string;
  name: string;
  code: string;
  kind: OrgKind;
  domain: OrgDomain;
  path: string;
  parentId: string | null;
  dissolvedOn: string | null;
}

/** Every org of a subtree, dissolved ones included (their collected dues stay in the year's figures). */
export function findReportOrgs(db: Db, path: string): Promise<ReportOrgRow[]> {
  return rows<ReportOrgRow>(
    db,
    sql`SELECT o.id, o.name, o.code, o.kind, o.domain, o.path, o.parent_id AS "parentId", o.dissolved_on::text AS "dissolvedOn"
        FROM org o WHERE ${inSubtrees(sql`o.path`, [path])} ORDER BY o.code, o.id`,
  );
}
