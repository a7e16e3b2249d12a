import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';

export interface NewNotification {
  accountId: string | null;
  memberId: string | null;
  template: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  dedupeKey: string | null;
  onBehalfOf: string | null;
  orgId: string | null;
  at: Date;
}

/** Which of these dedupe keys some recipient already has (a sender can skip work for them). */
export async function findUsedDedupeKeys(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const found = await rows<{ key: string }>(db, sql`SELECT DISTINCT dedupe_key AS key FROM notification WHERE dedupe_key = ANY(${sql.param(keys)}::text[])`);
  return new Set(found.map((r) => r.key));
}

/** Inserts unless the recipient already has this dedupe key; returns the new id or undefined. */
export async function insertNotification(db: Db, n: NewNotification): Promise<string | undefined> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO notification (account_id, member_id, template, category, title, body, link, data, dedupe_key, on_behalf_of, org_id, created_at)
        VALUES (${n.accountId}, ${n.memberId}, ${n.template}, ${n.category}, ${n.title}, ${n.body}, ${n.link}, ${JSON.stringify(n.data)}::jsonb,
                ${n.dedupeKey}, ${n.onBehalfOf}, ${n.orgId}, ${n.at})
        ON CONFLICT DO NOTHING RETURNING id`,
  );
  return r?.id;
}

export async function insertDelivery(db: Db, d: { notificationId: string; channel: string; targetEnc: string | null; notBefore: Date; at: Date }) {
  return one<{ id: string }>(
    db,
    sql`INSERT INTO notification_delivery (notification_id, channel, target_enc, not_before, created_at)
        VALUES (${d.notificationId}, ${d.channel}, ${d.targetEnc}, ${d.notBefore}, ${d.at})
        ON CONFLICT (notification_id, channel) DO NOTHING RETURNING id`,
  );
}

export interface NotificationRow {
  id: string;
  template: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
  onBehalfOf: string | null;
}

function inboxWhere(accountId: string, f: { unread?: boolean; category?: string }): SQL {
  const parts = [sql`account_id = ${accountId}`];
  if (f.unread === true) parts.push(sql`read_at IS NULL`);
  if (f.unread === false) parts.push(sql`read_at IS NOT NULL`);
  if (f.category) parts.push(sql`category = ${f.category}`);
  return sql.join(parts, sql` AND `);
}

export function findInbox(db: Db, accountId: string, f: { unread?: boolean; category?: string }, limit: number, offset: number) {
  return rows<NotificationRow>(
    db,
    sql`SELECT id, template, category, title, body, link, created_at AS "createdAt", read_at AS "readAt", on_behalf_of AS "onBehalfOf"
        FROM notification WHERE ${inboxWhere(accountId, f)} ORDER BY created_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
  );
}

export async function countInbox(db: Db, accountId: string, f: { unread?: boolean; category?: string }): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM notification WHERE ${inboxWhere(accountId, f)}`))?.n ?? 0;
}

export async function markRead(db: Db, accountId: string, id: string, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`UPDATE notification SET read_at = COALESCE(read_at, ${at}) WHERE id = ${id} AND account_id = ${accountId} RETURNING id`,
  );
  return r.length > 0;
}

export async function markAllRead(db: Db, accountId: string, at: Date): Promise<number> {
  return (await rows<{ id: string }>(db, sql`UPDATE notification SET read_at = ${at} WHERE account_id = ${accountId} AND read_at IS NULL RETURNING id`)).length;
}

export interface DeliveryRow {
  id: string;
  notificationId: string;
  channel: 'sms' | 'wechat' | 'log';
  targetEnc: string | null;
  status: string;
  attempts: number;
  title: string;
  body: string;
  template: string;
}

export function findDeliveryForUpdate(db: Db, id: string) {
  return one<DeliveryRow>(
    db,
    sql`SELECT d.id, d.notification_id AS "notificationId", d.channel, d.target_enc AS "targetEnc", d.status, d.attempts,
               n.title, n.body, n.template
        FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE d.id = ${id} FOR UPDATE OF d`,
  );
}

export async function setDeliveryStatus(db: Db, id: string, set: { status: string; providerMessageId?: string | null; lastError?: string | null; sentAt?: Date; receiptAt?: Date; bumpAttempts?: boolean }) {
  await db.execute(
    sql`UPDATE notification_delivery SET status = ${set.status},
          provider_message_id = COALESCE(${set.providerMessageId ?? null}, provider_message_id),
          last_error = ${set.lastError ?? null},
          sent_at = COALESCE(${set.sentAt ?? null}::timestamptz, sent_at),
          receipt_at = COALESCE(${set.receiptAt ?? null}::timestamptz, receipt_at),
          attempts = attempts + ${set.bumpAttempts ? 1 : 0}
        WHERE id = ${id}`,
  );
}

export interface PreferenceRow {
  channels: ('sms' | 'wechat')[];
  quietStart: string | null;
  quietEnd: string | null;
  language: 'zh' | 'en';
}

export function findPreferences(db: Db, accountIds: string[]) {
  if (accountIds.length === 0) return Promise.resolve([] as (PreferenceRow & { accountId: string })[]);
  return rows<PreferenceRow & { accountId: string }>(
    db,
    sql`SELECT account_id AS "accountId", channels, quiet_start AS "quietStart", quiet_end AS "quietEnd", language
        FROM notify_preference WHERE account_id IN (${sql.join(
          accountIds.map((a) => sql`${a}`),
          sql`, `,
        )})`,
  );
}

export async function upsertPreferences(db: Db, accountId: string, p: PreferenceRow, at: Date) {
  await db.execute(
    sql`INSERT INTO notify_preference (account_id, channels, quiet_start, quiet_end, language, updated_at)
        VALUES (${accountId}, ${JSON.stringify(p.channels)}::jsonb, ${p.quietStart}, ${p.quietEnd}, ${p.language}, ${at})
        ON CONFLICT (account_id) DO UPDATE SET channels = EXCLUDED.channels, quiet_start = EXCLUDED.quiet_start,
          quiet_end = EXCLUDED.quiet_end, language = EXCLUDED.language, updated_at = EXCLUDED.updated_at`,
  );
}

export interface CareRow {
  memberId: string;
  birthdayGreetings: boolean;
  deliverTo: 'self' | 'family' | 'grid_worker';
  familyName: string | null;
  familyPhoneEnc: string | null;
  gridWorkerAccountId: string | null;
}

export function findCare(db: Db, memberIds: string[]) {
  if (memberIds.length === 0) return Promise.resolve([] as CareRow[]);
  return rows<CareRow>(
    db,
    sql`SELECT member_id AS "memberId", birthday_greetings AS "birthdayGreetings", deliver_to AS "deliverTo", family_name AS "familyName",
               family_phone_enc AS "familyPhoneEnc", grid_worker_account_id AS "gridWorkerAccountId"
        FROM member_care WHERE member_id IN (${sql.join(
          memberIds.map((m) => sql`${m}`),
          sql`, `,
        )})`,
  );
}

export function findOptedInMemberIds(db: Db) {
  return rows<{ memberId: string }>(db, sql`SELECT member_id AS "memberId" FROM member_care WHERE birthday_greetings`);
}

export async function upsertCare(db: Db, c: CareRow, at: Date) {
  await db.execute(
    sql`INSERT INTO member_care (member_id, birthday_greetings, deliver_to, family_name, family_phone_enc, grid_worker_account_id, updated_at)
        VALUES (${c.memberId}, ${c.birthdayGreetings}, ${c.deliverTo}, ${c.familyName}, ${c.familyPhoneEnc}, ${c.gridWorkerAccountId}, ${at})
        ON CONFLICT (member_id) DO UPDATE SET birthday_greetings = EXCLUDED.birthday_greetings, deliver_to = EXCLUDED.deliver_to,
          family_name = EXCLUDED.family_name, family_phone_enc = EXCLUDED.family_phone_enc,
          grid_worker_account_id = EXCLUDED.grid_worker_account_id, updated_at = EXCLUDED.updated_at`,
  );
}
