import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';
import { member } from '../member/member.schema.ts';

/**
 * 党费. Money is integer 分. Payments and allocations are an append-only ledger (a trigger refuses UPDATE
 * and DELETE; a correction is a reversing entry); bills carry the derived paid amount, and `dues_org_month`
 * the per-org collection totals, both written in the same transaction as the ledger rows they follow.
 */

/** 计算基数申报, append-only. The base itself is sensitive (income): SM4 ciphertext only. */
export const duesBase = pgTable(
  'dues_base',
  {
    id: idColumn(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    duesCategory: text('dues_category').notNull(),
    baseEnc: text('base_enc'),
    rateBp: integer('rate_bp'),
    /** Whole-amount dues before the cap, rounded once (dues.rules.ts); fixed categories repriced at billing. */
    standardFen: integer('standard_fen').notNull(),
    effectiveMonth: text('effective_month').notNull(),
    declaredByAccountId: uuid('declared_by_account_id'),
    declaredByName: text('declared_by_name'),
    createdAt: createdAt(),
  },
  (t) => [index('dues_base_member_idx').on(t.memberId, t.effectiveMonth), check('dues_base_standard_nonneg', sql`${t.standardFen} >= 0`)],
);

/** Per member: prepayment (预交) and the 党费交至 brought on paper. */
export const duesAccount = pgTable(
  'dues_account',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => member.id),
    creditFen: integer('credit_fen').notNull().default(0),
    openingPaidUntil: text('opening_paid_until'),
    updatedAt: updatedAt(),
  },
  (t) => [check('dues_account_credit_nonneg', sql`${t.creditFen} >= 0`)],
);

/** One member's dues for one month; `(member, month)` unique so a bill run never doubles. */
export const duesBill = pgTable(
  'dues_bill',
  {
    id: idColumn(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    month: text('month').notNull(),
    duesCategory: text('dues_category').notNull(),
    rateBp: integer('rate_bp'),
    standardFen: integer('standard_fen').notNull(),
    amountFen: integer('amount_fen').notNull(),
    paidFen: integer('paid_fen').notNull().default(0),
    capped: boolean('capped').notNull().default(false),
    reductionId: uuid('reduction_id'),
    fromAcceptance: boolean('from_acceptance').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('dues_bill_member_month_uq').on(t.memberId, t.month),
    index('dues_bill_org_month_idx').on(t.orgId, t.month),
    check('dues_bill_amounts', sql`${t.amountFen} >= 0 AND ${t.paidFen} >= 0 AND ${t.paidFen} <= ${t.amountFen}`),
  ],
);

/** Receipt numbers come from a sequence: never reused, even after a rolled-back payment (gaps allowed). */
export const duesReceiptSeq = pgSequence('dues_receipt_seq', { startWith: 1, increment: 1 });

/** The ledger: a payment (amount > 0) or the reversal of one (amount < 0, with a reason). Append-only. */
export const duesPayment = pgTable(
  'dues_payment',
  {
    id: idColumn(),
    receiptNo: text('receipt_no').notNull().unique(),
    kind: text('kind').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    payerMemberId: uuid('payer_member_id').references(() => member.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    amountFen: integer('amount_fen').notNull(),
    method: text('method').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    reversesPaymentId: uuid('reverses_payment_id').unique(),
    reason: text('reason'),
    provider: text('provider'),
    providerRef: text('provider_ref'),
    moneyMoved: boolean('money_moved').notNull().default(true),
    creditAfterFen: integer('credit_after_fen').notNull(),
    recordedByAccountId: uuid('recorded_by_account_id'),
    recordedByName: text('recorded_by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('dues_payment_member_idx').on(t.memberId, t.createdAt),
    index('dues_payment_org_paid_idx').on(t.orgId, t.paidOn),
    check(
      'dues_payment_sign',
      sql`(${t.kind} = 'payment' AND ${t.amountFen} > 0 AND ${t.reversesPaymentId} IS NULL) OR (${t.kind} = 'reversal' AND ${t.amountFen} < 0 AND ${t.reversesPaymentId} IS NOT NULL AND ${t.reason} IS NOT NULL)`,
    ),
  ],
);

/** What part of a ledger entry went to which bill (negative for a reversal). Append-only. */
export const duesAllocation = pgTable(
  'dues_allocation',
  {
    id: idColumn(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => duesPayment.id),
    billId: uuid('bill_id')
      .notNull()
      .references(() => duesBill.id),
    amountFen: integer('amount_fen').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('dues_allocation_payment_idx').on(t.paymentId), index('dues_allocation_bill_idx').on(t.billId), check('dues_allocation_nonzero', sql`${t.amountFen} <> 0`)],
);

/** 少交 / 免交 (2008 第七条): requested by the branch, decided by the higher committee, time-bounded. */
export const duesReduction = pgTable(
  'dues_reduction',
  {
    id: idColumn(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    kind: text('kind').notNull(),
    monthlyFen: integer('monthly_fen').notNull(),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    requestedByAccountId: uuid('requested_by_account_id'),
    requestedByName: text('requested_by_name'),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull(),
    decidedByAccountId: uuid('decided_by_account_id'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
    billsRepriced: integer('bills_repriced').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('dues_reduction_member_idx').on(t.memberId, t.fromMonth), index('dues_reduction_org_idx').on(t.orgId, t.status)],
);

/** A valid reason recorded by the branch for months not paid: those months do not count toward 自行脱党. */
export const duesArrearsReason = pgTable(
  'dues_arrears_reason',
  {
    id: idColumn(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    reason: text('reason').notNull(),
    recordedByAccountId: uuid('recorded_by_account_id'),
    recordedByName: text('recorded_by_name'),
    createdAt: createdAt(),
  },
  (t) => [index('dues_arrears_reason_member_idx').on(t.memberId)],
);

/**
 * Collection totals per org and month, kept with every bill and allocation write: the org's own bills, and
 * its whole subtree's (`subtree_*`, the org's own included), so a subtree's rate and each child's read one
 * row each. A subtree move carries its totals from the old ancestors to the new (trigger in the
 * `dues-subtree-totals` migration).
 */
export const duesOrgMonth = pgTable(
  'dues_org_month',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    month: text('month').notNull(),
    bills: integer('bills').notNull().default(0),
    settledBills: integer('settled_bills').notNull().default(0),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull().default(0),
    paidFen: bigint('paid_fen', { mode: 'number' }).notNull().default(0),
    subtreeBills: integer('subtree_bills').notNull().default(0),
    subtreeSettledBills: integer('subtree_settled_bills').notNull().default(0),
    subtreeAmountFen: bigint('subtree_amount_fen', { mode: 'number' }).notNull().default(0),
    subtreePaidFen: bigint('subtree_paid_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month] }), index('dues_org_month_month_idx').on(t.month, t.orgId)],
);
