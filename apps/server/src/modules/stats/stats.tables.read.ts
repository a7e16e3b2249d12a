import { sql, type SQL } from 'drizzle-orm';
import type { OrgDomain, OrgKind } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import { businessDays } from '../../platform/clock.ts';
import { wholeYears } from '../../platform/dates.ts';
import { toMemberView } from '../member/member.service.ts';
import { bandOfAge, type RegionRule } from './stats.rules.ts';
// The past-region predicate is stats.history.ts's own, so lists and figures can never read a region differently.
import { inRegionSql } from './stats.history.ts';
import type { HistoryEvent, MemberHistory, OrgMove } from './stats.tables.changes.ts';
import type { MemberFacts, OrgFacts } from './stats.tables.sheets.ts';

/**
 * Read-only SQL behind the named lists of the 党内统计 tables, over the member and org tables and the statistics
 * history (stats_member_move, stats_org_move, the stats_standing_event view) — ARCHITECTURE §2: "stats may read
 * across modules through read-only views". The figures themselves come from stats.figures.ts; a list must name
 * exactly the members a figure counts, so these queries apply the same rules:
 *
 * - today (asOf ≥ today): the rollups' rule — active members placed in the region now, their attributes now;
 * - a past date: stats.history.ts's rule — joined by then, the last standing act effective by then (or the file's
 *   state when it has none), placed where the transfers completed by then had put them, full only from
 *   `full_member_on`; the region is the subtree as it stood then (rules over today's paths).
 *
 * Keys use the rollups' SQL functions (stats_education_key, stats_occupation_key, stats_join_period) and the age
 * band the figures use (`bandOfAge(wholeYears(…))`).
 */

/** A table row's orgs on a date: in `include`, and in none of `exclude` (本级 = the org minus its children's subtrees). */
export interface RowRegion {
  include: RegionRule[];
  exclude: RegionRule[][];
}

function inRowSql(col: SQL, region: RowRegion): SQL {
  const parts = [inRegionSql(col, region.include), ...region.exclude.map((r) => sql`NOT ${inRegionSql(col, r)}`)];
  return sql.join(parts, sql` AND `);
}

/** Members counted on `on` whose org then lies in the row, with the attributes the figures key them by. */
function countedMembers(input: { on: string; today: boolean; region: RowRegion }): SQL {
  if (input.today) {
    return sql`SELECT m.*, m.org_id AS org_at, m.status AS status_at FROM member m JOIN org o ON o.id = m.org_id
               WHERE m.state = 'active' AND ${inRowSql(sql`o.path`, input.region)}`;
  }
  const after = businessDays(input.on).to;
  return sql`
    WITH moved AS (
      SELECT DISTINCT ON (mv.member_id) mv.member_id, mv.from_org_id FROM stats_member_move mv
      WHERE mv.moved_at >= ${after} ORDER BY mv.member_id, mv.moved_at, mv.id
    ), orgs AS (
      SELECT o.id FROM org o WHERE ${inRowSql(sql`o.path`, input.region)}
    ), placed AS (
      SELECT m.id, m.org_id AS org_at FROM member m JOIN orgs ON orgs.id = m.org_id WHERE m.joined_on <= ${input.on} AND m.id NOT IN (SELECT member_id FROM moved)
      UNION ALL
      SELECT mv.member_id, mv.from_org_id FROM moved mv JOIN orgs ON orgs.id = mv.from_org_id
    ), standing AS (
      SELECT e.member_id,
             (array_agg(e.state_after ORDER BY e.effective_on DESC, e.occurred_at DESC, e.id DESC) FILTER (WHERE e.effective_on <= ${input.on}))[1] AS state_at
      FROM stats_standing_event e WHERE e.member_id IN (SELECT id FROM placed) GROUP BY e.member_id
    )
    SELECT m.*, p.org_at, CASE WHEN m.status = 'full' AND m.full_member_on > ${input.on} THEN 'probationary' ELSE m.status END AS status_at
    FROM placed p JOIN member m ON m.id = p.id LEFT JOIN standing s ON s.member_id = m.id
    WHERE m.joined_on <= ${input.on}
      AND CASE WHEN s.member_id IS NOT NULL THEN coalesce(s.state_at, 'active') = 'active'
               WHEN m.state = 'active' THEN TRUE
               WHEN m.state = 'left' THEN m.left_on > ${input.on}
               ELSE FALSE END`;
}

interface FactRow {
  id: string;
  name: string;
  orgName: string;
  idNumberEnc: string;
  createdAt: string;
  updatedAt: string;
  ethnicity: string;
  education: string | null;
  occupation: string | null;
  joinedOn: string;
  birthDate: string | null;
  kGender: string;
  kEthnicity: string;
  kStatus: string;
  kEducation: string;
  kJoin: string;
  kCategory: string;
  kOccupation: string;
}

/** The ID number as the member module masks it (its own decryption; no plaintext leaves this function). */
export function maskedIdOf(ctx: Ctx, r: { id: string; idNumberEnc: string; createdAt: string; updatedAt: string }): string {
  return toMemberView(ctx, { ...r, phoneEnc: null, addressEnc: null } as unknown as Parameters<typeof toMemberView>[1]).idNumber;
}

/** Members a row counts on `on`, by name, at most `limit`. */
export async function findRowMembers(ctx: Ctx, input: { on: string; today: boolean; region: RowRegion; limit: number }): Promise<MemberFacts[]> {
  if (input.limit <= 0) return [];
  const found = await rows<FactRow>(
    ctx.db,
    sql`SELECT c.id, c.name, o.name AS "orgName", c.id_number_enc AS "idNumberEnc", c.created_at::text AS "createdAt", c.updated_at::text AS "updatedAt",
               c.ethnicity, c.education, c.occupation, c.joined_on AS "joinedOn", c.birth_date AS "birthDate",
               CASE WHEN c.gender IN ('male', 'female') THEN c.gender ELSE 'unknown' END AS "kGender",
               CASE WHEN c.ethnicity = '01' THEN 'han' WHEN c.ethnicity ~ '^(0[2-9]|[1-4][0-9]|5[0-6])$' THEN 'minority'
                    WHEN c.ethnicity IN ('97', '98') THEN 'other' ELSE 'unknown' END AS "kEthnicity",
               CASE WHEN c.status_at IN ('full', 'probationary') THEN c.status_at ELSE 'unknown' END AS "kStatus",
               stats_education_key(c.education) AS "kEducation",
               stats_join_period(c.joined_on) AS "kJoin",
               CASE WHEN c.category IN ('resident', 'in_service', 'mobile', 'retired') THEN c.category ELSE 'unknown' END AS "kCategory",
               stats_occupation_key(c.occupation) AS "kOccupation"
        FROM (${countedMembers(input)}) c JOIN org o ON o.id = c.org_at
        ORDER BY c.name, c.id LIMIT ${input.limit}`,
  );
  return found.map((r) => ({
    id: r.id,
    name: r.name,
    orgName: r.orgName,
    maskedId: maskedIdOf(ctx, r),
    ethnicity: r.ethnicity,
    education: r.education,
    occupation: r.occupation,
    joinedOn: r.joinedOn,
    age: r.birthDate ? wholeYears(r.birthDate, input.on) : null,
    keys: {
      gender: r.kGender,
      ethnicity: r.kEthnicity,
      status: r.kStatus,
      education: r.kEducation,
      age: r.birthDate ? bandOfAge(wholeYears(r.birthDate, input.on)) : 'unknown',
      join: r.kJoin,
      category: r.kCategory,
      occupation: r.kOccupation,
    },
  }));
}

/** Orgs a row counts on `asOf` (not dissolved by then), by code, at most `limit`. */
export function findRowOrgs(ctx: Ctx, input: { asOf: string; region: RowRegion; limit: number }): Promise<OrgFacts[]> {
  if (input.limit <= 0) return Promise.resolve([]);
  return rows<OrgFacts>(
    ctx.db,
    sql`SELECT o.id, o.name, o.code, o.kind, o.domain, p.name AS "parentName" FROM org o LEFT JOIN org p ON p.id = o.parent_id
        WHERE ${inRowSql(sql`o.path`, input.region)} AND (o.dissolved_on IS NULL OR o.dissolved_on > ${input.asOf})
        ORDER BY o.code LIMIT ${input.limit}`,
  );
}

/** Org moves after a date, oldest first, with each one's Asia/Shanghai day and its org's path now. */
export async function findOrgMovesAfter(ctx: Ctx, d: string): Promise<Array<OrgMove & { orgPathNow: string }>> {
  const found = await rows<{ oldPath: string; newPath: string; ms: number; orgPathNow: string }>(
    ctx.db,
    sql`SELECT mv.old_path AS "oldPath", mv.new_path AS "newPath", (extract(epoch FROM mv.moved_at) * 1000)::float8 AS ms, o.path AS "orgPathNow"
        FROM stats_org_move mv JOIN org o ON o.id = mv.org_id WHERE mv.moved_at >= ${businessDays(d).to} ORDER BY mv.moved_at, mv.id`,
  );
  return found.map((m, i) => ({ oldPath: m.oldPath, newPath: m.newPath, on: shanghaiDay(m.ms), seq: i, orgPathNow: m.orgPathNow }));
}

/** The Asia/Shanghai calendar day of an instant (epoch ms). */
export const shanghaiDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** Paths and names now of some orgs. */
export function findOrgsByIds(ctx: Ctx, ids: string[]): Promise<{ id: string; path: string; name: string; kind: OrgKind; domain: OrgDomain }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows(ctx.db, sql`SELECT id, path, name, kind, domain FROM org WHERE id = ANY(${sql.param(ids)}::uuid[])`);
}

export interface HistoryMember extends MemberHistory {
  name: string;
  idNumberEnc: string;
  createdAt: string;
  updatedAt: string;
}

const leaveKindText: Record<string, string> = { death: '去世', withdrawal: '退党', removal: '除名', expulsion: '开除党籍', other: '出党' };

/**
 * Members whose counting may have changed during (start, end]: joined, left (file date), a standing act effective,
 * or a transfer completed then — or placed under one of `movedPaths` (subtrees moved then). Each with all its history.
 */
export async function findMemberHistories(ctx: Ctx, input: { start: string; end: string; movedPaths: string[] }): Promise<HistoryMember[]> {
  const window = { from: businessDays(input.start).to, to: businessDays(input.end).to };
  const underMoved = input.movedPaths.length
    ? sql`OR m.org_id IN (SELECT o.id FROM org o WHERE ${inSubtrees(sql`o.path`, input.movedPaths)})
          OR m.id IN (SELECT mv.member_id FROM stats_member_move mv JOIN org o ON o.id IN (mv.from_org_id, mv.to_org_id) WHERE ${inSubtrees(sql`o.path`, input.movedPaths)})`
    : sql``;
  const members = await rows<Omit<HistoryMember, 'events'>>(
    ctx.db,
    sql`SELECT m.id, m.name, m.joined_on AS "joinedOn", m.org_id AS "orgId", m.state, m.left_on AS "leftOn",
               m.id_number_enc AS "idNumberEnc", m.created_at::text AS "createdAt", m.updated_at::text AS "updatedAt"
        FROM member m
        WHERE (m.joined_on > ${input.start} AND m.joined_on <= ${input.end})
           OR (m.left_on > ${input.start} AND m.left_on <= ${input.end})
           OR m.id IN (SELECT member_id FROM stats_standing_event WHERE effective_on > ${input.start} AND effective_on <= ${input.end})
           OR m.id IN (SELECT member_id FROM stats_member_move WHERE moved_at >= ${window.from} AND moved_at < ${window.to})
           ${underMoved}`,
  );
  if (members.length === 0) return [];
  const ids = sql.param(members.map((m) => m.id));
  const standing = await rows<{ memberId: string; kind: string; stateAfter: 'active' | 'suspended' | 'left'; on: string; ms: number; leaveKind: string | null; to: string | null }>(
    ctx.db,
    sql`SELECT s.member_id AS "memberId", s.kind, s.state_after AS "stateAfter", s.effective_on AS "on", (extract(epoch FROM s.occurred_at) * 1000)::float8 AS ms,
               e.details->>'kind' AS "leaveKind", e.details->>'to' AS "to"
        FROM stats_standing_event s JOIN member_event e ON e.id = s.id WHERE s.member_id = ANY(${ids}::uuid[])`,
  );
  const moves = await rows<{ memberId: string; fromOrgId: string; toOrgId: string; ms: number; fromName: string | null; toName: string | null }>(
    ctx.db,
    sql`SELECT mv.member_id AS "memberId", mv.from_org_id AS "fromOrgId", mv.to_org_id AS "toOrgId", (extract(epoch FROM mv.moved_at) * 1000)::float8 AS ms,
               fo.name AS "fromName", tor.name AS "toName"
        FROM stats_member_move mv LEFT JOIN org fo ON fo.id = mv.from_org_id LEFT JOIN org tor ON tor.id = mv.to_org_id
        WHERE mv.member_id = ANY(${ids}::uuid[]) ORDER BY mv.moved_at, mv.id`,
  );
  const events = new Map<string, HistoryEvent[]>(members.map((m) => [m.id, []]));
  for (const s of standing) {
    const cause = s.kind === 'transferred_out' ? 'transferred_out' : s.kind === 'restored' ? 'restored' : s.kind === 'suspended' ? 'suspended' : s.leaveKind === 'death' ? 'died' : 'left';
    const detail =
      cause === 'transferred_out' ? `组织关系转出至${s.to ?? '系统外'}` : cause === 'restored' ? '恢复党籍' : cause === 'suspended' ? '停止党籍' : (leaveKindText[s.leaveKind ?? 'other'] ?? '出党');
    events.get(s.memberId)!.push({ kind: 'standing', on: s.on, at: s.ms, stateAfter: s.stateAfter, cause, detail });
  }
  for (const m of moves) {
    events.get(m.memberId)!.push({ kind: 'move', on: shanghaiDay(m.ms), at: m.ms, fromOrgId: m.fromOrgId, toOrgId: m.toOrgId, detail: `组织关系由${m.fromName ?? '—'}转至${m.toName ?? '—'}` });
  }
  return members.map((m) => ({ ...m, events: events.get(m.id)! }));
}
