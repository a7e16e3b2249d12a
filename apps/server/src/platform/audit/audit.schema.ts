import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgPathText } from '../db/columns.ts';

/**
 * Append-only audit trail (ARCHITECTURE §7). Rows are inserted in the business transaction; a sealer
 * later numbers them (`seal_no`) and chains `hash = HMAC-SM3(k_audit, prev_hash ‖ canonical(row))`. Triggers in the
 * migration forbid DELETE, TRUNCATE and any UPDATE other than sealing an unsealed row.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorAccountId: uuid('actor_account_id'),
    actorUsername: text('actor_username'),
    actorRoles: text('actor_roles'),
    actingForOrgId: uuid('acting_for_org_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** Byte-ordered like org.path, so the auditor's subtree filter is the same range scan. */
    targetOrgPath: orgPathText('target_org_path'),
    result: text('result').notNull(),
    ip: text('ip'),
    details: jsonb('details').notNull().default({}),
    sealNo: bigint('seal_no', { mode: 'number' }).unique(),
    hash: text('hash'),
  },
  (t) => [index('audit_event_at_idx').on(t.at), index('audit_event_target_idx').on(t.targetType, t.targetId)],
);

export const systemState = pgTable('system_state', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
