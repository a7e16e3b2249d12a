import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';
import { member } from '../member/member.schema.ts';

/**
 * 组织关系转接 (党员教育管理工作条例 第二十五条): the member stays with the sending organisation until the
 * receiving one takes them in; every step is a row, kept after a return (a resubmission starts a new round).
 */
export const transfer = pgTable(
  'transfer',
  {
    id: idColumn(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    fromOrgId: uuid('from_org_id')
      .notNull()
      .references(() => org.id),
    toOrgId: uuid('to_org_id').references(() => org.id),
    /** `{ name, address?, contact? }` for a receiving organisation outside the platform. */
    externalOrg: jsonb('external_org'),
    reason: text('reason').notNull(),
    remarks: text('remarks'),
    /** 党费交至 when the transfer started (YYYY-MM), from the dues ledger. */
    paidUntil: text('paid_until'),
    status: text('status').notNull(),
    round: integer('round').notNull().default(1),
    letterRequested: boolean('letter_requested').notNull().default(false),
    initiatedByAccountId: uuid('initiated_by_account_id'),
    initiatedByName: text('initiated_by_name'),
    initiatedBySelf: boolean('initiated_by_self').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('transfer_member_idx').on(t.memberId),
    index('transfer_from_org_idx').on(t.fromOrgId, t.status),
    // One open transfer per member: the database refuses a second even under a race.
    uniqueIndex('transfer_one_open_per_member').on(t.memberId).where(sql`status IN ('pending', 'returned', 'awaiting_receipt')`),
  ],
);

export const transferStep = pgTable(
  'transfer_step',
  {
    id: idColumn(),
    transferId: uuid('transfer_id')
      .notNull()
      .references(() => transfer.id),
    round: integer('round').notNull(),
    seq: integer('seq').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    role: text('role').notNull(),
    status: text('status').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }),
    actorAccountId: uuid('actor_account_id'),
    actorName: text('actor_name'),
    actingForOrgId: uuid('acting_for_org_id'),
    comment: text('comment'),
    actedAt: timestamp('acted_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('transfer_step_round_seq').on(t.transferId, t.round, t.seq), index('transfer_step_pending_idx').on(t.status, t.orgId)],
);

export const transferLetterSeq = pgSequence('transfer_letter_seq');

/** The paper 介绍信 (存根 / 介绍信 / 回执) and its returned receipt. */
export const transferLetter = pgTable('transfer_letter', {
  transferId: uuid('transfer_id')
    .primaryKey()
    .references(() => transfer.id),
  letterNo: text('letter_no').notNull().unique(),
  issuedOn: date('issued_on', { mode: 'string' }).notNull(),
  validUntil: date('valid_until', { mode: 'string' }).notNull(),
  receiptDueOn: date('receipt_due_on', { mode: 'string' }).notNull(),
  issuedByOrgId: uuid('issued_by_org_id')
    .notNull()
    .references(() => org.id),
  receivedOn: date('received_on', { mode: 'string' }),
  receivingOrgName: text('receiving_org_name'),
  receiptNote: text('receipt_note'),
  receiptByName: text('receipt_by_name'),
  createdAt: createdAt(),
});
