import { sql } from 'drizzle-orm';
import type { Grade, PostKind, Rater, ServiceStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import type { Scope } from './report-in.repository.ts';

/** 双报到 queries: the community's menu, claims, service logs, 五评议 and the figures. No rules here. */

const inScope = (s: Scope) => sql`(r.unit_id = ANY(${sql.param(s.unitIds)}::uuid[]) OR ${inSubtrees(sql`co.path`, s.paths)})`;

// ---- posts ----

export interface PostRow {
  id: string;
  communityOrgId: string;
  communityName: string;
  communityPath: string;
  kind: PostKind;
  title: string;
  description: string | null;
  capacity: number | null;
  claimed: number;
  closedOn: string | null;
  createdAt: Date;
}
const postCols = sql.raw(`p.id, p.community_org_id AS "communityOrgId", co.name AS "communityName", co.path AS "communityPath", p.kind, p.title, p.description, p.capacity,
  (SELECT count(*)::int FROM report_claim c WHERE c.post_id = p.id AND c.released_at IS NULL) AS claimed, p.closed_on::text AS "closedOn", p.created_at AS "createdAt"`);

export function findPost(db: Db, id: string, forUpdate = false): Promise<PostRow | undefined> {
  // Locking the post serialises claims on it, so capacity holds under concurrent claims.
  return one(db, sql`SELECT ${postCols} FROM report_post p JOIN org co ON co.id = p.community_org_id WHERE p.id = ${id} ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`);
}

export function findPosts(db: Db, communityOrgId: string, includeClosed: boolean): Promise<PostRow[]> {
  return rows(
    db,
    sql`SELECT ${postCols} FROM report_post p JOIN org co ON co.id = p.community_org_id
        WHERE p.community_org_id = ${communityOrgId} ${includeClosed ? sql`` : sql`AND p.closed_on IS NULL`} ORDER BY p.closed_on NULLS FIRST, p.kind, p.created_at`,
  );
}

export async function insertPost(db: Db, v: { communityOrgId: string; kind: PostKind; title: string; description: string | null; capacity: number | null; at: Date }): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO report_post (community_org_id, kind, title, description, capacity, created_at) VALUES (${v.communityOrgId}, ${v.kind}, ${v.title}, ${v.description}, ${v.capacity}, ${v.at}) RETURNING id`,
  );
  return r!.id;
}

export async function updatePost(db: Db, id: string, v: { title: string; description: string | null; capacity: number | null; closedOn: string | null }): Promise<void> {
  await db.execute(sql`UPDATE report_post SET title = ${v.title}, description = ${v.description}, capacity = ${v.capacity}, closed_on = ${v.closedOn} WHERE id = ${id}`);
}

// ---- claims ----

export interface ClaimRow {
  id: string;
  reportInId: string;
  postId: string;
  postTitle: string;
  postKind: PostKind;
  claimedAt: Date;
  releasedAt: Date | null;
}
const claimCols = sql.raw(`c.id, c.report_in_id AS "reportInId", c.post_id AS "postId", p.title AS "postTitle", p.kind AS "postKind", c.claimed_at AS "claimedAt", c.released_at AS "releasedAt"`);

export function findClaims(db: Db, reportInId: string): Promise<ClaimRow[]> {
  return rows(db, sql`SELECT ${claimCols} FROM report_claim c JOIN report_post p ON p.id = c.post_id WHERE c.report_in_id = ${reportInId} ORDER BY c.released_at NULLS FIRST, c.claimed_at DESC`);
}

export function findClaim(db: Db, id: string): Promise<ClaimRow | undefined> {
  return one(db, sql`SELECT ${claimCols} FROM report_claim c JOIN report_post p ON p.id = c.post_id WHERE c.id = ${id}`);
}

/**
 * Active claims of a post. Read in its own statement after the post is locked: under READ COMMITTED a statement
 * that waited for the lock still counts with its older snapshot, so the count must come after the lock.
 */
export async function countActiveClaims(db: Db, postId: string): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM report_claim WHERE post_id = ${postId} AND released_at IS NULL`))!.n;
}

export function findActiveClaim(db: Db, reportInId: string, postId: string): Promise<{ id: string } | undefined> {
  return one(db, sql`SELECT id FROM report_claim WHERE report_in_id = ${reportInId} AND post_id = ${postId} AND released_at IS NULL`);
}

export async function insertClaim(db: Db, v: { reportInId: string; postId: string; at: Date }): Promise<string> {
  return (await one<{ id: string }>(db, sql`INSERT INTO report_claim (report_in_id, post_id, claimed_at) VALUES (${v.reportInId}, ${v.postId}, ${v.at}) RETURNING id`))!.id;
}

export async function releaseClaims(db: Db, v: { reportInId: string; claimId?: string; at: Date }): Promise<number> {
  const r = await rows(
    db,
    sql`UPDATE report_claim SET released_at = ${v.at} WHERE report_in_id = ${v.reportInId} AND released_at IS NULL ${v.claimId ? sql`AND id = ${v.claimId}` : sql``} RETURNING id`,
  );
  return r.length;
}

// ---- service logs ----

export interface ServiceRow {
  id: string;
  reportInId: string;
  name: string;
  memberId: string | null;
  unitName: string;
  communityName: string;
  communityPath: string;
  postId: string | null;
  postTitle: string | null;
  servedOn: string;
  minutes: number;
  content: string;
  status: ServiceStatus;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  createdAt: Date;
}
const serviceCols = sql.raw(`s.id, s.report_in_id AS "reportInId", r.name, r.member_id AS "memberId", u.name AS "unitName", co.name AS "communityName", co.path AS "communityPath",
  s.post_id AS "postId", p.title AS "postTitle", s.served_on::text AS "servedOn", s.minutes, s.content, s.status, s.decided_by_name AS "decidedByName", s.decided_at AS "decidedAt",
  s.decision_note AS "decisionNote", s.created_at AS "createdAt"`);
const serviceFrom = sql.raw(`report_service s JOIN report_in r ON r.id = s.report_in_id JOIN report_unit u ON u.id = r.unit_id JOIN org co ON co.id = r.community_org_id
  LEFT JOIN report_post p ON p.id = s.post_id`);

export function findService(db: Db, id: string, forUpdate = false): Promise<ServiceRow | undefined> {
  return one(db, sql`SELECT ${serviceCols} FROM ${serviceFrom} WHERE s.id = ${id} ${forUpdate ? sql`FOR UPDATE OF s` : sql``}`);
}

export function findServicesOf(db: Db, reportInId: string, limit: number): Promise<ServiceRow[]> {
  return rows(db, sql`SELECT ${serviceCols} FROM ${serviceFrom} WHERE s.report_in_id = ${reportInId} ORDER BY s.served_on DESC, s.created_at DESC LIMIT ${limit}`);
}

export interface ServiceFilter {
  scope: Scope;
  communityOrgId?: string | undefined;
  unitId?: string | undefined;
  status?: ServiceStatus | undefined;
}
const serviceWhere = (f: ServiceFilter) =>
  sql`${inScope(f.scope)} ${f.communityOrgId ? sql`AND r.community_org_id = ${f.communityOrgId}` : sql``} ${f.unitId ? sql`AND r.unit_id = ${f.unitId}` : sql``}
      ${f.status ? sql`AND s.status = ${f.status}` : sql``}`;

export function findServices(db: Db, f: ServiceFilter, limit: number, offset: number): Promise<ServiceRow[]> {
  return rows(db, sql`SELECT ${serviceCols} FROM ${serviceFrom} WHERE ${serviceWhere(f)} ORDER BY s.created_at, s.id LIMIT ${limit} OFFSET ${offset}`);
}

export async function countServices(db: Db, f: ServiceFilter): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${serviceFrom} WHERE ${serviceWhere(f)}`))!.n;
}

export async function insertService(db: Db, v: { reportInId: string; postId: string | null; servedOn: string; minutes: number; content: string; at: Date }): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO report_service (report_in_id, post_id, served_on, minutes, content, status, created_at)
        VALUES (${v.reportInId}, ${v.postId}, ${v.servedOn}, ${v.minutes}, ${v.content}, 'pending', ${v.at}) RETURNING id`,
  );
  return r!.id;
}

export async function decideService(db: Db, id: string, v: { status: ServiceStatus; name: string | null; note: string | null; at: Date }): Promise<void> {
  await db.execute(sql`UPDATE report_service SET status = ${v.status}, decided_by_name = ${v.name}, decision_note = ${v.note}, decided_at = ${v.at} WHERE id = ${id}`);
}

// ---- 五评议 ----

export interface EvaluationRow {
  id: string;
  year: number;
  rater: Rater;
  grade: Grade;
  comment: string | null;
  recordedByName: string | null;
  createdAt: Date;
}

export function findEvaluations(db: Db, reportInId: string): Promise<EvaluationRow[]> {
  return rows(
    db,
    sql`SELECT id, year, rater, grade, comment, recorded_by_name AS "recordedByName", created_at AS "createdAt" FROM report_evaluation WHERE report_in_id = ${reportInId} ORDER BY year DESC, created_at`,
  );
}

/** The grades of several registrations (a list page), oldest year first. */
export function findGrades(db: Db, reportInIds: string[]): Promise<{ reportInId: string; year: number; rater: Rater; grade: Grade }[]> {
  if (reportInIds.length === 0) return Promise.resolve([]);
  return rows(db, sql`SELECT report_in_id AS "reportInId", year, rater, grade FROM report_evaluation WHERE report_in_id = ANY(${sql.param(reportInIds)}::uuid[]) ORDER BY year`);
}

export function findEvaluation(db: Db, v: { reportInId: string; year: number; rater: Rater }): Promise<{ id: string } | undefined> {
  return one(db, sql`SELECT id FROM report_evaluation WHERE report_in_id = ${v.reportInId} AND year = ${v.year} AND rater = ${v.rater}`);
}

export async function insertEvaluation(db: Db, v: { reportInId: string; year: number; rater: Rater; grade: Grade; comment: string | null; name: string | null; at: Date }): Promise<void> {
  await db.execute(
    sql`INSERT INTO report_evaluation (report_in_id, year, rater, grade, comment, recorded_by_name, created_at) VALUES (${v.reportInId}, ${v.year}, ${v.rater}, ${v.grade}, ${v.comment}, ${v.name}, ${v.at})`,
  );
}

// ---- figures ----

export interface FigureRow {
  key: string;
  label: string;
  path: string;
  registered: number;
  confirmed: number;
  pending: number;
  active: number;
  serviceMinutes: number;
}

/**
 * Figures of a period grouped by community or by unit. Counted: registrations open at some time in the period
 * (not declined, not withdrawn before confirmation); confirmed by its end; with approved service in it.
 */
export function figures(db: Db, v: { scope: Scope; from: string; to: string; by: 'community' | 'unit' }): Promise<FigureRow[]> {
  const key = v.by === 'community' ? sql.raw(`co.id AS key, co.name AS label, co.path`) : sql.raw(`u.id AS key, u.name AS label, '' AS path`);
  const group = v.by === 'community' ? sql.raw(`co.id, co.name, co.path`) : sql.raw(`u.id, u.name`);
  return rows(
    db,
    sql`SELECT ${key}, count(*)::int AS registered,
          count(*) FILTER (WHERE r.confirmed_on <= ${v.to})::int AS confirmed,
          count(*) FILTER (WHERE r.confirmed_on IS NULL OR r.confirmed_on > ${v.to})::int AS pending,
          count(s.minutes)::int AS active, coalesce(sum(s.minutes), 0)::int AS "serviceMinutes"
        FROM report_in r JOIN report_unit u ON u.id = r.unit_id JOIN org co ON co.id = r.community_org_id
        LEFT JOIN (SELECT report_in_id, sum(minutes)::int AS minutes FROM report_service
                   WHERE status = 'approved' AND served_on >= ${v.from} AND served_on <= ${v.to} GROUP BY report_in_id) s ON s.report_in_id = r.id
        WHERE ${inScope(v.scope)} AND r.registered_on <= ${v.to} AND (r.ended_on IS NULL OR r.ended_on >= ${v.from})
          AND r.status <> 'declined' AND NOT (r.status = 'ended' AND r.confirmed_on IS NULL)
        GROUP BY ${group} ORDER BY label`,
  );
}
