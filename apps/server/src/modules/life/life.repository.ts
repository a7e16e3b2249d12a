import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

export interface MeetingRow {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  type: string;
  typeLabel: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  onlineUrl: string | null;
  status: string;
  lateEntry: boolean;
  lateEntryReason: string | null;
  cancelledReason: string | null;
  createdAt: Date;
  version: number;
}

const meetingColumns = sql.raw(`mt.id, mt.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath", mt.type, mt.type_label AS "typeLabel", mt.title,
  mt.starts_at AS "startsAt", mt.ends_at AS "endsAt", mt.place, mt.online_url AS "onlineUrl", mt.status, mt.late_entry AS "lateEntry",
  mt.late_entry_reason AS "lateEntryReason", mt.cancelled_reason AS "cancelledReason", mt.created_at AS "createdAt", mt.version`);

export function findMeeting(db: Db, id: string): Promise<MeetingRow | undefined> {
  return one<MeetingRow>(db, sql`SELECT ${meetingColumns} FROM meeting mt JOIN org o ON o.id = mt.org_id WHERE mt.id = ${id}`);
}

export async function insertMeeting(
  db: Db,
  m: { id: string; orgId: string; type: string; typeLabel: string; title: string; startsAt: Date; endsAt: Date; place: string; onlineUrl: string | null; lateEntry: boolean; lateEntryReason: string | null; createdBy: string | null; at: Date },
): Promise<void> {
  await db.execute(sql`INSERT INTO meeting (id, org_id, type, type_label, title, starts_at, ends_at, place, online_url, late_entry, late_entry_reason, created_by, created_at, updated_at)
    VALUES (${m.id}, ${m.orgId}, ${m.type}, ${m.typeLabel}, ${m.title}, ${m.startsAt}, ${m.endsAt}, ${m.place}, ${m.onlineUrl}, ${m.lateEntry}, ${m.lateEntryReason}, ${m.createdBy}, ${m.at}, ${m.at})`);
}

export async function insertAttendees(db: Db, meetingId: string, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await db.execute(sql`INSERT INTO meeting_attendee (meeting_id, member_id) SELECT ${meetingId}, unnest(${sql.param(memberIds)}::uuid[])`);
}

export interface AttendeeRow {
  memberId: string;
  name: string;
  expected: boolean;
  notExpectedReason: string | null;
  attendance: 'present' | 'online' | 'leave' | 'absent' | null;
  checkedInAt: Date | null;
  method: 'qr' | 'manual' | null;
  manualReason: string | null;
}

export function findAttendees(db: Db, meetingId: string): Promise<AttendeeRow[]> {
  return rows<AttendeeRow>(
    db,
    sql`SELECT a.member_id AS "memberId", m.name, a.expected, a.not_expected_reason AS "notExpectedReason", a.attendance,
          a.checked_in_at AS "checkedInAt", a.method, a.manual_reason AS "manualReason"
        FROM meeting_attendee a JOIN member m ON m.id = a.member_id WHERE a.meeting_id = ${meetingId} ORDER BY m.name, m.id`,
  );
}

/** Whether a member is on the meeting's list (a plain read: the member's own view and leave request). */
export async function isOnList(db: Db, meetingId: string, memberId: string): Promise<boolean> {
  return !!(await one(db, sql`SELECT 1 FROM meeting_attendee WHERE meeting_id = ${meetingId} AND member_id = ${memberId}`));
}

/** The attendee row locked for the check-in transaction (two scans at once record one time). */
export function findAttendee(db: Db, meetingId: string, memberId: string): Promise<AttendeeRow | undefined> {
  return one<AttendeeRow>(
    db,
    sql`SELECT a.member_id AS "memberId", m.name, a.expected, a.not_expected_reason AS "notExpectedReason", a.attendance,
          a.checked_in_at AS "checkedInAt", a.method, a.manual_reason AS "manualReason"
        FROM meeting_attendee a JOIN member m ON m.id = a.member_id WHERE a.meeting_id = ${meetingId} AND a.member_id = ${memberId} FOR UPDATE OF a`,
  );
}

/** Records attendance once: a second scan keeps the first time (a replayed code changes nothing). */
export async function markAttendance(
  db: Db,
  a: { meetingId: string; memberId: string; attendance: string; method: string; reason: string | null; by: string | null; at: Date },
): Promise<void> {
  await db.execute(sql`UPDATE meeting_attendee SET attendance = ${a.attendance}, method = ${a.method}, manual_reason = ${a.reason},
      marked_by = ${a.by},
      checked_in_at = CASE WHEN ${a.attendance} IN ('present', 'online') THEN COALESCE(checked_in_at, ${a.at}::timestamptz) ELSE checked_in_at END
    WHERE meeting_id = ${a.meetingId} AND member_id = ${a.memberId}`);
}

/**
 * The minutes' lists onto the attendee rows: members not counted as expected (with the reason) and
 * absences (only where no attendance was recorded — a scan is never overwritten by the minutes).
 */
export async function applyExpectations(
  db: Db,
  meetingId: string,
  x: { notExpected: { memberId: string; reason: string }[]; absences: { memberId: string; reason: string }[]; by: string },
): Promise<void> {
  await db.execute(sql`UPDATE meeting_attendee SET expected = true, not_expected_reason = NULL WHERE meeting_id = ${meetingId}`);
  if (x.notExpected.length) {
    await db.execute(sql`UPDATE meeting_attendee a SET expected = false, not_expected_reason = n.reason
      FROM unnest(${sql.param(x.notExpected.map((n) => n.memberId))}::uuid[], ${sql.param(x.notExpected.map((n) => n.reason))}::text[]) AS n(member_id, reason)
      WHERE a.meeting_id = ${meetingId} AND a.member_id = n.member_id`);
  }
  if (x.absences.length === 0) return;
  await db.execute(sql`UPDATE meeting_attendee a SET attendance = 'absent', method = 'manual', manual_reason = ab.reason, marked_by = ${x.by}
    FROM unnest(${sql.param(x.absences.map((a) => a.memberId))}::uuid[], ${sql.param(x.absences.map((a) => a.reason))}::text[]) AS ab(member_id, reason)
    WHERE a.meeting_id = ${meetingId} AND a.member_id = ab.member_id AND (a.attendance IS NULL OR a.attendance = 'absent')`);
}

export async function cancel(db: Db, id: string, reason: string, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`UPDATE meeting SET status = 'cancelled', cancelled_reason = ${reason}, updated_at = ${at}, version = version + 1
        WHERE id = ${id} AND status IN ('planned', 'in_progress') RETURNING id`,
  );
  return r.length > 0;
}

export async function setStatus(db: Db, id: string, from: string[], to: string, at: Date): Promise<boolean> {
  const r = await rows<{ id: string }>(
    db,
    sql`UPDATE meeting SET status = ${to}, updated_at = ${at}, version = version + 1 WHERE id = ${id} AND status IN (${sql.join(
      from.map((s) => sql`${s}`),
      sql`, `,
    )}) RETURNING id`,
  );
  return r.length > 0;
}

export interface LeaveRow {
  id: string;
  memberId: string;
  name: string;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  decidedReason: string | null;
  createdAt: Date;
}

export function findLeaveRequests(db: Db, meetingId: string): Promise<LeaveRow[]> {
  return rows<LeaveRow>(
    db,
    sql`SELECT l.id, l.member_id AS "memberId", m.name, l.reason, l.status, l.decided_reason AS "decidedReason", l.created_at AS "createdAt"
        FROM meeting_leave_request l JOIN member m ON m.id = l.member_id WHERE l.meeting_id = ${meetingId} ORDER BY l.created_at, l.id`,
  );
}

export async function insertLeaveRequest(db: Db, r: { meetingId: string; memberId: string; reason: string; at: Date }): Promise<string | null> {
  const got = await rows<{ id: string }>(
    db,
    sql`INSERT INTO meeting_leave_request (meeting_id, member_id, reason, created_at) VALUES (${r.meetingId}, ${r.memberId}, ${r.reason}, ${r.at})
        ON CONFLICT (meeting_id, member_id) DO NOTHING RETURNING id`,
  );
  return got[0]?.id ?? null;
}

export async function decideLeaveRequest(db: Db, d: { id: string; status: string; reason: string | null; by: string }): Promise<boolean> {
  const r = await rows(
    db,
    sql`UPDATE meeting_leave_request SET status = ${d.status}, decided_reason = ${d.reason}, decided_by = ${d.by} WHERE id = ${d.id} AND status = 'pending' RETURNING id`,
  );
  return r.length > 0;
}

export function findMeetingsIn(db: Db, f: { paths: string[]; orgId?: string | undefined; from?: Date | undefined; to?: Date | undefined; limit: number; offset: number }): Promise<MeetingRow[]> {
  return rows<MeetingRow>(
    db,
    sql`SELECT ${meetingColumns} FROM meeting mt JOIN org o ON o.id = mt.org_id
        WHERE ${inSubtrees(sql`o.path`, f.paths)} ${f.orgId ? sql`AND mt.org_id = ${f.orgId}` : sql``}
          ${f.from ? sql`AND mt.starts_at >= ${f.from}` : sql``} ${f.to ? sql`AND mt.starts_at < ${f.to}` : sql``}
        ORDER BY mt.starts_at DESC, mt.id LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
}

export async function countMeetingsIn(db: Db, f: { paths: string[]; orgId?: string | undefined; from?: Date | undefined; to?: Date | undefined }): Promise<number> {
  const r = await one<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM meeting mt JOIN org o ON o.id = mt.org_id
        WHERE ${inSubtrees(sql`o.path`, f.paths)} ${f.orgId ? sql`AND mt.org_id = ${f.orgId}` : sql``}
          ${f.from ? sql`AND mt.starts_at >= ${f.from}` : sql``} ${f.to ? sql`AND mt.starts_at < ${f.to}` : sql``}`,
  );
  return Number(r?.n ?? 0);
}

export interface CountRow {
  meetingId: string;
  expected: number;
  present: number;
  online: number;
  leave: number;
}

export function attendanceCounts(db: Db, meetingIds: string[]): Promise<CountRow[]> {
  if (meetingIds.length === 0) return Promise.resolve([]);
  return rows<CountRow>(
    db,
    sql`SELECT meeting_id AS "meetingId", (count(*) FILTER (WHERE expected))::int AS expected,
          (count(*) FILTER (WHERE attendance = 'present'))::int AS present, (count(*) FILTER (WHERE attendance = 'online'))::int AS online,
          (count(*) FILTER (WHERE attendance = 'leave'))::int AS leave
        FROM meeting_attendee WHERE meeting_id = ANY(${sql.param(meetingIds)}::uuid[]) GROUP BY meeting_id`,
  );
}

/** Meetings of one org that count for compliance in [from, to): type, start, counted and late flags. */
export function findHeldMeetings(db: Db, orgId: string, from: Date, to: Date): Promise<{ type: string; startsAt: Date; status: string; lateEntry: boolean }[]> {
  return rows(
    db,
    sql`SELECT type, starts_at AS "startsAt", status, late_entry AS "lateEntry" FROM meeting
        WHERE org_id = ${orgId} AND starts_at >= ${from} AND starts_at < ${to} AND status <> 'cancelled'`,
  );
}

/** Meetings that ended in [from, to) whose minutes are not confirmed yet (and not cancelled). */
export function findUnconfirmedEndedBetween(db: Db, from: Date, to: Date): Promise<(MeetingRow & { endedAt: Date })[]> {
  return rows(
    db,
    sql`SELECT ${meetingColumns}, mt.ends_at AS "endedAt" FROM meeting mt JOIN org o ON o.id = mt.org_id
        WHERE mt.ends_at >= ${from} AND mt.ends_at < ${to} AND mt.status IN ('planned', 'in_progress', 'minutes_draft', 'returned')
        ORDER BY mt.ends_at`,
  );
}

export interface MyMeetingRow extends MeetingRow {
  myExpected: boolean;
  myAttendance: string | null;
  myLeaveStatus: string | null;
}

/** The meetings a member is on the list of, newest first (the member's own view, no staff scope). */
export function findMeetingsOfMember(db: Db, memberId: string, f: { from?: Date | undefined; to?: Date | undefined; limit: number; offset: number }): Promise<MyMeetingRow[]> {
  return rows<MyMeetingRow>(
    db,
    sql`SELECT ${meetingColumns}, a.expected AS "myExpected", a.attendance AS "myAttendance", lr.status AS "myLeaveStatus"
        FROM meeting_attendee a JOIN meeting mt ON mt.id = a.meeting_id JOIN org o ON o.id = mt.org_id
        LEFT JOIN meeting_leave_request lr ON lr.meeting_id = mt.id AND lr.member_id = a.member_id
        WHERE a.member_id = ${memberId} ${f.from ? sql`AND mt.starts_at >= ${f.from}` : sql``} ${f.to ? sql`AND mt.starts_at < ${f.to}` : sql``}
        ORDER BY mt.starts_at DESC, mt.id LIMIT ${f.limit} OFFSET ${f.offset}`,
  );
}

export async function countMeetingsOfMember(db: Db, memberId: string, f: { from?: Date | undefined; to?: Date | undefined }): Promise<number> {
  const r = await one<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM meeting_attendee a JOIN meeting mt ON mt.id = a.meeting_id
        WHERE a.member_id = ${memberId} ${f.from ? sql`AND mt.starts_at >= ${f.from}` : sql``} ${f.to ? sql`AND mt.starts_at < ${f.to}` : sql``}`,
  );
  return Number(r?.n ?? 0);
}

export function findMinutesPeople(db: Db, meetingId: string): Promise<{ hostMemberId: string | null; recorderMemberId: string | null } | undefined> {
  return one(db, sql`SELECT minutes->>'hostMemberId' AS "hostMemberId", minutes->>'recorderMemberId' AS "recorderMemberId" FROM meeting WHERE id = ${meetingId}`);
}

export interface AttachmentRow {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sm3: string;
  createdAt: Date;
}

export function findAttachments(db: Db, meetingId: string): Promise<AttachmentRow[]> {
  return rows<AttachmentRow>(
    db,
    sql`SELECT id, file_name AS "fileName", media_type AS "mediaType", size, sm3, created_at AS "createdAt"
        FROM meeting_attachment WHERE meeting_id = ${meetingId} ORDER BY created_at, id`,
  );
}

export async function insertAttachment(db: Db, a: Omit<AttachmentRow, 'createdAt'> & { meetingId: string; content: Buffer; by: string; at: Date }): Promise<void> {
  await db.execute(sql`INSERT INTO meeting_attachment (id, meeting_id, file_name, media_type, size, sm3, content, uploaded_by, created_at)
    VALUES (${a.id}, ${a.meetingId}, ${a.fileName}, ${a.mediaType}, ${a.size}, ${a.sm3}, ${a.content}, ${a.by}, ${a.at})`);
}

export function findAttachmentContent(db: Db, meetingId: string, id: string): Promise<(AttachmentRow & { content: Uint8Array }) | undefined> {
  return one(
    db,
    sql`SELECT id, file_name AS "fileName", media_type AS "mediaType", size, sm3, created_at AS "createdAt", content
        FROM meeting_attachment WHERE meeting_id = ${meetingId} AND id = ${id}`,
  );
}

export interface CorrectionRow {
  id: string;
  reason: string;
  content: string;
  by: string;
  at: Date;
}

export function findAppendedCorrections(db: Db, meetingId: string): Promise<CorrectionRow[]> {
  return rows<CorrectionRow>(
    db,
    sql`SELECT id, reason, content, by_name AS "by", created_at AS "at" FROM meeting_correction WHERE meeting_id = ${meetingId} ORDER BY created_at, id`,
  );
}

export async function insertCorrection(db: Db, c: { meetingId: string; reason: string; content: string; byName: string; byAccount: string; at: Date }): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO meeting_correction (meeting_id, reason, content, by_name, by_account, created_at)
        VALUES (${c.meetingId}, ${c.reason}, ${c.content}, ${c.byName}, ${c.byAccount}, ${c.at}) RETURNING id`,
  );
  return r!.id;
}

/** Adds members to a meeting's list (already listed ones are left as they are); returns how many were new. */
export async function addAttendees(db: Db, meetingId: string, memberIds: string[]): Promise<number> {
  const r = await rows<{ member_id: string }>(
    db,
    sql`INSERT INTO meeting_attendee (meeting_id, member_id) SELECT ${meetingId}, unnest(${sql.param(memberIds)}::uuid[])
        ON CONFLICT (meeting_id, member_id) DO NOTHING RETURNING member_id`,
  );
  return r.length;
}

/** Removes a member who has not attended or asked for leave; false when there is nothing to remove. */
export async function removeAttendee(db: Db, meetingId: string, memberId: string): Promise<boolean> {
  const r = await rows(
    db,
    sql`DELETE FROM meeting_attendee a WHERE a.meeting_id = ${meetingId} AND a.member_id = ${memberId} AND a.attendance IS NULL
          AND NOT EXISTS (SELECT 1 FROM meeting_leave_request lr WHERE lr.meeting_id = a.meeting_id AND lr.member_id = a.member_id)
        RETURNING a.member_id`,
  );
  return r.length > 0;
}

/**
 * Locks the meeting row for the rest of the transaction and returns its current status: every step that
 * changes the record (minutes, confirmation, review, leave decisions, attachments) re-checks the status
 * under this lock, so two requests at once cannot both pass a check made before either wrote.
 */
export async function lockMeeting(db: Db, id: string): Promise<string | undefined> {
  return (await one<{ status: string }>(db, sql`SELECT status FROM meeting WHERE id = ${id} FOR UPDATE`))?.status;
}

/** Serialises approvals within one org, so each approved record chains onto the one approved before it. */
export async function lockOrgChain(db: Db, orgId: string): Promise<void> {
  await db.execute(sql`SELECT 1 FROM org WHERE id = ${orgId} FOR UPDATE`);
}

/** Approved leave, unless the member already came (a scan, or an online check-in, is never overwritten). */
export async function markOnLeave(db: Db, a: { meetingId: string; memberId: string; by: string }): Promise<void> {
  await db.execute(sql`UPDATE meeting_attendee SET attendance = 'leave', method = 'manual', manual_reason = NULL, marked_by = ${a.by}
    WHERE meeting_id = ${a.meetingId} AND member_id = ${a.memberId} AND (attendance IS NULL OR attendance = 'absent')`);
}
