import { boolean, index, integer, pgTable, text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, idColumn } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';

export const account = pgTable('account', {
  id: idColumn(),
  username: text('username').notNull().unique(),
  kind: text('kind').notNull(),
  displayName: text('display_name'),
  passwordHash: text('password_hash').notNull(),
  memberId: uuid('member_id').unique(),
  phoneIdx: text('phone_idx'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  disabled: boolean('disabled').notNull().default(false),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  createdAt: createdAt(),
});

export const grant = pgTable(
  'grant',
  {
    id: idColumn(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => account.id),
    role: text('role').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    grantedBy: uuid('granted_by'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('grant_active_uq').on(t.accountId, t.role, t.orgId).where(sql`revoked_at IS NULL`),
    index('grant_account_idx').on(t.accountId),
  ],
);

/** Server-side sessions: the cookie holds a random token; only its SM3 hash is stored. */
export const session = pgTable(
  'session',
  {
    id: text('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => account.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    ip: text('ip'),
  },
  (t) => [index('session_account_idx').on(t.accountId)],
);

/**
 * Failed logins for usernames that have no account, keyed by a keyed hash of the typed name (people type
 * ID numbers there), so an unknown name locks exactly like a real one and lockout reveals nothing.
 */
export const loginProbe = pgTable('login_probe', {
  usernameIdx: text('username_idx').primaryKey(),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
