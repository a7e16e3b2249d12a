import { sql } from 'drizzle-orm';
import type { PointsKind } from '@xianfeng/contracts/points/points.enums';
import type { Db } from '../../platform/db/db.ts';
import { rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

export interface PointsEventRow {
  id: string;
  occurredOn: string;
  kind: PointsKind;
  points: number;
  note: string;
  sourceType: 'meeting';
  sourceId: string;
}

export interface NewPointsEvent {
  memberId: string;
  orgId: string;
  sourceType: 'meeting';
  sourceId: string;
  kind: PointsKind;
  points: number;
  occurredOn: string;
  note: string;
}

/** Removes every event of one source (a meeting) — the first half of a replace; returns how many. */
export async function deleteEventsBySource(db: Db, input: { sourceType: string; sourceId: string }): Promise<number> {
  const r = await rows<{ id: string }>(db, sql`DELETE FROM points_event WHERE source_type = ${input.sourceType} AND source_id = ${input.sourceId} RETURNING id`);
  return r.length;
}

/**
 * Inserts events in one statement. A concurrent replace of the same source (two runners) may have inserted
 * the same key after our delete: the later write wins instead of failing the job.
 */
export async function insertEvents(db: Db, events: NewPointsEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  const values = events.map(
    (e) => sql`(gen_random_uuid(), ${e.memberId}::uuid, ${e.orgId}::uuid, ${e.sourceType}, ${e.sourceId}::uuid, ${e.kind}, ${e.points}, ${e.occurredOn}::date, ${e.note}, ${at})`,
  );
  await db.execute(sql`INSERT INTO points_event (id, member_id, org_id, source_type, source_id, kind, points, occurred_on, note, created_at)
    VALUES ${sql.join(values, sql`, `)}
    ON CONFLICT (member_id, source_type, source_id, kind)
    DO UPDATE SET org_id = EXCLUDED.org_id, points = EXCLUDED.points, occurred_on = EXCLUDED.occurred_on, note = EXCLUDED.note, created_at = EXCLUDED.created_at`);
}

/** One member's events between two dates (inclusive), newest first. */
export function findEventsByMemberAndDates(db: Db, input: { memberId: string; from: string; to: string }): Promise<PointsEventRow[]> {
  return rows<PointsEventRow>(
    db,
    sql`SELECT id, to_char(occurred_on, 'YYYY-MM-DD') AS "occurredOn", kind, points, note, source_type AS "sourceType", source_id AS "sourceId"
        FROM points_event
        WHERE member_id = ${input.memberId} AND occurred_on BETWEEN ${input.from}::date AND ${input.to}::date
        ORDER BY occurred_on DESC, created_at DESC, kind, id`,
  );
}

export interface MemberTotalsRow {
  memberId: string;
  total: number;
  attended: number;
  absentWithoutLeave: number;
}

/**
 * Per-member sums for some members, counting only events that happened in one subtree (the branch and its
 * 党小组) between two dates — points earned in a former branch stay with that branch's view.
 */
export function sumEventsByMembersInSubtree(db: Db, input: { memberIds: string[]; path: string; from: string; to: string }): Promise<MemberTotalsRow[]> {
  if (input.memberIds.length === 0) return Promise.resolve([]);
  return rows<MemberTotalsRow>(
    db,
    sql`SELECT e.member_id AS "memberId",
               COALESCE(sum(e.points), 0)::int AS total,
               (count(*) FILTER (WHERE e.kind IN ('attended', 'attendedOnline')))::int AS attended,
               (count(*) FILTER (WHERE e.kind = 'absentWithoutLeave'))::int AS "absentWithoutLeave"
        FROM points_event e JOIN org o ON o.id = e.org_id
        WHERE e.member_id = ANY(${sql.param(input.memberIds)}::uuid[])
          AND e.occurred_on BETWEEN ${input.from}::date AND ${input.to}::date
          AND ${inSubtrees(sql`o.path`, [input.path])}
        GROUP BY e.member_id`,
  );
}

/** Of some members, those with at least one 参加 (in person or online) event in a subtree between two dates. */
export async function findMembersWhoAttended(db: Db, input: { memberIds: string[]; path: string; from: string; to: string }): Promise<Set<string>> {
  if (input.memberIds.length === 0) return new Set();
  const r = await rows<{ memberId: string }>(
    db,
    sql`SELECT DISTINCT e.member_id AS "memberId"
        FROM points_event e JOIN org o ON o.id = e.org_id
        WHERE e.member_id = ANY(${sql.param(input.memberIds)}::uuid[])
          AND e.kind IN ('attended', 'attendedOnline')
          AND e.occurred_on BETWEEN ${input.from}::date AND ${input.to}::date
          AND ${inSubtrees(sql`o.path`, [input.path])}`,
  );
  return new Set(r.map((x) => x.memberId));
}
