import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { account } from '../account/account.schema.ts';

/**
 * One entry per recipient: an account's inbox entry, or — for a member with no account whose family
 * receives by SMS — a record that carries the external deliveries. The same dedupe key is used once per
 * recipient: the same reminder never twice.
 */
export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').references(() => account.id),
    memberId: uuid('member_id'),
    template: text('template').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    data: jsonb('data').notNull().default({}),
    dedupeKey: text('dedupe_key'),
    /** The member this was meant for, when the account receives on their behalf (family, grid worker). */
    onBehalfOf: text('on_behalf_of'),
    orgId: uuid('org_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('notification_dedupe_uq').on(t.accountId, t.dedupeKey),
    uniqueIndex('notification_member_dedupe_uq').on(t.memberId, t.dedupeKey).where(sql`account_id IS NULL`),
    index('notification_inbox_idx').on(t.accountId, t.createdAt),
  ],
);

/**
 * One row per (notification, external channel): the unique pair is what makes "never sent twice to the
 * same channel" hold even when a delivery job is retried after a crash.
 */
export const notificationDelivery = pgTable(
  'notification_delivery',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notification.id),
    channel: text('channel').notNull(),
    /** Encrypted destination (phone / openid) — never plaintext. */
    targetEnc: text('target_enc'),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    notBefore: timestamp('not_before', { withTimezone: true, mode: 'date' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    receiptAt: timestamp('receipt_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('notification_delivery_uq').on(t.notificationId, t.channel)],
);

/** An account's own delivery choices. */
export const notifyPreference = pgTable('notify_preference', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => account.id),
  channels: jsonb('channels').notNull().default([]),
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  language: text('language').notNull().default('zh'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Care settings of a member (关怀): 两个生日 opt-in and who receives on their behalf. Keyed by member, so a
 * secretary can set them for an elderly member who has no account or phone of their own.
 */
export const memberCare = pgTable('member_care', {
  memberId: uuid('member_id').primaryKey(),
  birthdayGreetings: boolean('birthday_greetings').notNull().default(false),
  deliverTo: text('deliver_to').notNull().default('self'),
  familyName: text('family_name'),
  familyPhoneEnc: text('family_phone_enc'),
  gridWorkerAccountId: uuid('grid_worker_account_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
