import { sql, type SQL } from 'drizzle-orm';
import { meetingTypeLabels, type MeetingType } from '@xianfeng/contracts/life/life.enums';
import type { Ctx } from '../platform/context.ts';
import { rows } from '../platform/db/db.ts';
import { approvalHashInput } from '../modules/life/life.rules.ts';
import type { materialise, MeetingRow, Stored } from './demo-life.records.ts';

/** Writes the demo year set-based (a few multi-row inserts) and chains the approved records' hashes. */

/**
 * The hash `reviewMinutes` gives an approved record (life.minutes.ts): SM3 over the previous approved record's
 * hash in the same org, the meeting, the minutes as read back with the review as written, and the attendees as
 * the app lists them (`approvalHashInput`). Read back set-based (jsonb key order comes out exactly as the
 * review step sees it), chained per org in review order, written back in one update.
 */
export async function chainHashes(ctx: Ctx, meetings: MeetingRow[]) {
  const approved = meetings.filter((m) => m.status === 'approved').sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || (a.id < b.id ? -1 : 1));
  if (approved.length === 0) return;
  const ids = sql.param(approved.map((m) => m.id));
  const [stored, listed] = await Promise.all([
    rows<{ id: string; orgId: string; type: string; startsAt: unknown; lateEntry: boolean; minutes: Stored }>(
      ctx.db,
      sql`SELECT id, org_id AS "orgId", type, starts_at AS "startsAt", late_entry AS "lateEntry", minutes FROM meeting WHERE id = ANY(${ids}::uuid[])`,
    ),
    // findAttendees' columns and order, for all of them at once.
    rows<{ meetingId: string } & Record<string, unknown>>(
      ctx.db,
      sql`SELECT a.meeting_id AS "meetingId", a.member_id AS "memberId", m.name, a.expected, a.not_expected_reason AS "notExpectedReason", a.attendance,
            a.checked_in_at AS "checkedInAt", a.method, a.manual_reason AS "manualReason"
          FROM meeting_attendee a JOIN member m ON m.id = a.member_id WHERE a.meeting_id = ANY(${ids}::uuid[]) ORDER BY a.meeting_id, m.name, m.id`,
    ),
  ]);
  const byId = new Map(stored.map((m) => [m.id, m]));
  const attendeesOf = new Map<string, Record<string, unknown>[]>();
  for (const { meetingId, ...a } of listed) (attendeesOf.get(meetingId) ?? attendeesOf.set(meetingId, []).get(meetingId)!).push(a);
  const prev = new Map<string, string>();
  const hashes: string[] = [];
  for (const { id } of approved) {
    const m = byId.get(id)!;
    const { decision, comment, by, at: reviewedAt } = m.minutes.review!;
    const minutes = { ...m.minutes, review: { decision, comment, by, at: reviewedAt }, hash: null };
    const hash = ctx.crypto.sm3(approvalHashInput({ prev: prev.get(m.orgId) ?? null, meeting: m, minutes, attendees: (attendeesOf.get(id) ?? []) as { checkedInAt: unknown }[] }));
    prev.set(m.orgId, hash);
    hashes.push(hash);
  }
  await ctx.db.execute(sql`UPDATE meeting mt SET minutes = jsonb_set(mt.minutes, '{hash}', to_jsonb(h.hash)) FROM unnest(${ids}::uuid[], ${sql.param(hashes)}::text[]) AS h(id, hash) WHERE mt.id = h.id`);
}

const CHUNK = 20_000;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const arr = <T>(xs: T[]) => sql.param(xs);

async function insertChunked<T>(ctx: Ctx, items: T[], insert: (chunk: T[]) => SQL) {
  for (let i = 0; i < items.length; i += CHUNK) await ctx.db.execute(insert(items.slice(i, i + CHUNK)));
}

export async function insertAll(ctx: Ctx, out: ReturnType<typeof materialise>) {
  await insertChunked(
    ctx,
    out.meetings,
    (c) => sql`INSERT INTO meeting (id, org_id, type, type_label, title, starts_at, ends_at, place, status, late_entry, late_entry_reason, cancelled_reason, minutes, created_by, created_at, updated_at, version)
      SELECT id, org_id, type, type_label, title, starts_at, ends_at, place, status, late_entry, late_entry_reason, cancelled_reason, minutes::jsonb, created_by, created_at, updated_at, version
      FROM unnest(${arr(c.map((m) => m.id))}::uuid[], ${arr(c.map((m) => m.orgId))}::uuid[], ${arr(c.map((m) => m.type))}::text[], ${arr(c.map((m) => meetingTypeLabels[m.type as MeetingType]))}::text[],
        ${arr(c.map((m) => m.title))}::text[], ${arr(c.map((m) => iso(m.startsAt)))}::timestamptz[], ${arr(c.map((m) => iso(m.endsAt)))}::timestamptz[], ${arr(c.map((m) => m.place))}::text[],
        ${arr(c.map((m) => m.status))}::text[], ${arr(c.map((m) => m.lateEntry))}::boolean[], ${arr(c.map((m) => m.lateEntryReason))}::text[], ${arr(c.map((m) => m.cancelledReason))}::text[],
        ${arr(c.map((m) => (m.minutes ? JSON.stringify(m.minutes) : null)))}::text[], ${arr(c.map((m) => m.createdBy))}::uuid[], ${arr(c.map((m) => iso(m.createdAt)))}::timestamptz[],
        ${arr(c.map((m) => iso(m.updatedAt)))}::timestamptz[], ${arr(c.map((m) => m.version))}::int[])
        AS t(id, org_id, type, type_label, title, starts_at, ends_at, place, status, late_entry, late_entry_reason, cancelled_reason, minutes, created_by, created_at, updated_at, version)`,
  );
  await insertChunked(
    ctx,
    out.attendees,
    (c) => sql`INSERT INTO meeting_attendee (meeting_id, member_id, expected, not_expected_reason, attendance, checked_in_at, method, manual_reason, marked_by)
      SELECT * FROM unnest(${arr(c.map((a) => a.meetingId))}::uuid[], ${arr(c.map((a) => a.person.id))}::uuid[], ${arr(c.map((a) => a.expected))}::boolean[], ${arr(c.map((a) => a.notExpectedReason))}::text[],
        ${arr(c.map((a) => a.attendance))}::text[], ${arr(c.map((a) => iso(a.checkedInAt)))}::timestamptz[], ${arr(c.map((a) => a.method))}::text[], ${arr(c.map((a) => a.manualReason))}::text[],
        ${arr(c.map((a) => a.markedBy))}::uuid[])`,
  );
  await insertChunked(
    ctx,
    out.leaves,
    (c) => sql`INSERT INTO meeting_leave_request (meeting_id, member_id, reason, status, decided_by, created_at)
      SELECT meeting_id, member_id, reason, 'approved', decided_by, created_at
      FROM unnest(${arr(c.map((l) => l.meetingId))}::uuid[], ${arr(c.map((l) => l.memberId))}::uuid[], ${arr(c.map((l) => l.reason))}::text[], ${arr(c.map((l) => l.decidedBy))}::uuid[],
        ${arr(c.map((l) => iso(l.createdAt)))}::timestamptz[]) AS t(meeting_id, member_id, reason, decided_by, created_at)`,
  );
}

