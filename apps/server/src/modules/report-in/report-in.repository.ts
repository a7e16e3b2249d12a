import { sql } from 'drizzle-orm';
import type { OrgDomain, OrgKind } from '@xianfeng/contracts/org/org.enums';
import type { ReportInStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

/** 双报到 queries: units, communities, registrations. No rules here. */

/** What a caller sees: registrations of the units they administer, or to communities inside their subtrees. */
export interface Scope {
  unitIds: string[];
  paths: string[];
}
const inScope = (s: Scope) => sql`(r.unit_id = ANY(${sql.param(s.unitIds)}::uuid[]) OR ${inSubtrees(sql`co.path`, s.paths)})`;

// ---- units ----

export interface UnitRow {
  id: string;
  name: string;
  creditCode: string | null;
  orgId: string | null;
  orgName: string | null;
  createdAt: Date;
}
const unitCols = sql.raw(`u.id, u.name, u.credit_code AS "creditCode", u.org_id AS "orgId", uo.name AS "orgName", u.created_at AS "createdAt"`);
const unitFrom = sql.raw(`report_unit u LEFT JOIN org uo ON uo.id = u.org_id`);

export async function insertUnit(db: Db, v: { name: string; creditCode: string | null; orgId: string | null; at: Date }): Promise<string> {
  const r = await one<{ id: string }>(db, sql`INSERT INTO report_unit (name, credit_code, org_id, created_at) VALUES (${v.name}, ${v.creditCode}, ${v.orgId}, ${v.at}) RETURNING id`);
  return r!.id;
}

export async function insertUnitAdmin(db: Db, v: { accountId: string; unitId: string }): Promise<void> {
  await db.execute(sql`INSERT INTO report_unit_admin (account_id, unit_id) VALUES (${v.accountId}, ${v.unitId}) ON CONFLICT DO NOTHING`);
}

export function findUnitByCreditCode(db: Db, creditCode: string): Promise<{ id: string } | undefined> {
  return one(db, sql`SELECT id FROM report_unit WHERE credit_code = ${creditCode}`);
}

export function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  return one<UnitRow>(db, sql`SELECT ${unitCols} FROM ${unitFrom} WHERE u.id = ${id}`);
}

/** Units by id, or every unit when `ids` is null (a directory like the org directory), by name. */
export function findUnits(db: Db, ids: string[] | null): Promise<UnitRow[]> {
  return rows<UnitRow>(db, sql`SELECT ${unitCols} FROM ${unitFrom} ${ids ? sql`WHERE u.id = ANY(${sql.param(ids)}::uuid[])` : sql``} ORDER BY u.name LIMIT 1000`);
}

export async function unitIdsOfAccount(db: Db, accountId: string): Promise<string[]> {
  return (await rows<{ unitId: string }>(db, sql`SELECT unit_id AS "unitId" FROM report_unit_admin WHERE account_id = ${accountId}`)).map((r) => r.unitId);
}

/** The units' admin accounts with their names, in one query (a unit list shows them all). */
export function adminsOfUnits(db: Db, unitIds: string[]): Promise<{ unitId: string; accountId: string; username: string; displayName: string | null }[]> {
  return rows(
    db,
    sql`SELECT x.unit_id AS "unitId", x.account_id AS "accountId", a.username, a.display_name AS "displayName"
        FROM report_unit_admin x JOIN account a ON a.id = x.account_id WHERE x.unit_id = ANY(${sql.param(unitIds)}::uuid[]) ORDER BY a.username`,
  );
}

/** Current registrations per unit, inside the scope. */
export function unitCounts(db: Db, unitIds: string[], scope: Scope): Promise<{ unitId: string; registered: number; confirmed: number; pending: number }[]> {
  return rows(
    db,
    sql`SELECT r.unit_id AS "unitId", count(*) FILTER (WHERE r.status IN ('registered', 'confirmed'))::int AS registered,
          count(*) FILTER (WHERE r.status = 'confirmed')::int AS confirmed, count(*) FILTER (WHERE r.status = 'registered')::int AS pending
        FROM report_in r JOIN org co ON co.id = r.community_org_id
        WHERE r.unit_id = ANY(${sql.param(unitIds)}::uuid[]) AND ${inScope(scope)} GROUP BY r.unit_id`,
  );
}

// ---- communities (from the org tree) ----

export interface CommunityRow {
  id: string;
  code: string;
  name: string;
  path: string;
  kind: OrgKind;
  domain: OrgDomain;
  dissolvedOn: string | null;
  parentKind: OrgKind | null;
  parentName: string | null;
}
const communityCols = sql.raw(`o.id, o.code, o.name, o.path, o.kind, o.domain, o.dissolved_on::text AS "dissolvedOn", p.kind AS "parentKind", p.name AS "parentName"`);
// The SQL form of rules.isCommunityOrg, so searches page correctly.
const isCommunity = sql.raw(`o.dissolved_on IS NULL AND o.domain IN ('community', 'village')
  AND (o.kind IN ('committee', 'general_branch') OR (o.kind = 'branch' AND p.kind IN ('working_committee', 'local_committee')))`);

export function findCommunityCandidate(db: Db, id: string): Promise<CommunityRow | undefined> {
  return one<CommunityRow>(db, sql`SELECT ${communityCols} FROM org o LEFT JOIN org p ON p.id = o.parent_id WHERE o.id = ${id}`);
}

/** Communities by name or code prefix; inside `paths` when given. */
export function searchCommunities(db: Db, q: string, paths: string[] | null, limit: number): Promise<CommunityRow[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return rows<CommunityRow>(
    db,
    sql`SELECT ${communityCols} FROM org o LEFT JOIN org p ON p.id = o.parent_id
        WHERE ${isCommunity} AND (${q} = '' OR o.name LIKE ${like} OR o.code LIKE ${q + '%'}) ${paths ? sql`AND ${inSubtrees(sql`o.path`, paths)}` : sql``}
        ORDER BY o.code LIMIT ${limit}`,
  );
}

// ---- registrations ----

export interface ReportInRow {
  id: string;
  unitId: string;
  unitName: string;
  memberId: string | null;
  name: string;
  idNumberEnc: string;
  idNumberIdx: string;
  phoneEnc: string | null;
  communityOrgId: string;
  communityName: string;
  communityPath: string;
  status: ReportInStatus;
  certificateNo: string;
  registeredOn: string;
  confirmedOn: string | null;
  declineReason: string | null;
  endedOn: string | null;
  version: number;
}
export interface ReportInListRow extends ReportInRow {
  activeClaims: number;
  approvedMinutes: number;
  pendingServices: number;
}
const cols = sql.raw(`r.id, r.unit_id AS "unitId", u.name AS "unitName", r.member_id AS "memberId", r.name, r.id_number_enc AS "idNumberEnc", r.id_number_idx AS "idNumberIdx",
  r.phone_enc AS "phoneEnc", r.community_org_id AS "communityOrgId", co.name AS "communityName", co.path AS "communityPath", r.status, r.certificate_no AS "certificateNo",
  r.registered_on::text AS "registeredOn", r.confirmed_on::text AS "confirmedOn", r.decline_reason AS "declineReason", r.ended_on::text AS "endedOn", r.version`);
const from = sql.raw(`report_in r JOIN report_unit u ON u.id = r.unit_id JOIN org co ON co.id = r.community_org_id`);
const extras = sql.raw(`(SELECT count(*)::int FROM report_claim c WHERE c.report_in_id = r.id AND c.released_at IS NULL) AS "activeClaims",
  (SELECT coalesce(sum(s.minutes), 0)::int FROM report_service s WHERE s.report_in_id = r.id AND s.status = 'approved') AS "approvedMinutes",
  (SELECT count(*)::int FROM report_service s WHERE s.report_in_id = r.id AND s.status = 'pending') AS "pendingServices"`);

export function findReportIn(db: Db, id: string, forUpdate = false): Promise<ReportInListRow | undefined> {
  return one(db, sql`SELECT ${cols}, ${extras} FROM ${from} WHERE r.id = ${id} ${forUpdate ? sql`FOR UPDATE OF r` : sql``}`);
}

/**
 * Serialises registrations of one person (by blind index) for the rest of the transaction: the unique index only
 * covers one community, and "one open registration anywhere" must hold when two units register the same person.
 */
export async function lockPerson(db: Db, idx: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`report_in:${idx}`}, 0))`);
}

/** The person's open registration anywhere (at most one: checked before each insert). */
export function findOpenByIdx(db: Db, idx: string): Promise<{ id: string } | undefined> {
  return one(db, sql`SELECT id FROM report_in WHERE id_number_idx = ${idx} AND status IN ('registered', 'confirmed') LIMIT 1`);
}

export async function insertReportIn(
  db: Db,
  v: { id: string; unitId: string; memberId: string | null; name: string; idNumberEnc: string; idNumberIdx: string; phoneEnc: string | null; communityOrgId: string; registeredOn: string; at: Date },
): Promise<void> {
  await db.execute(
    sql`INSERT INTO report_in (id, unit_id, member_id, name, id_number_enc, id_number_idx, phone_enc, community_org_id, status, certificate_no, registered_on, created_at, updated_at)
        VALUES (${v.id}, ${v.unitId}, ${v.memberId}, ${v.name}, ${v.idNumberEnc}, ${v.idNumberIdx}, ${v.phoneEnc}, ${v.communityOrgId}, 'registered',
                'BD' || ${v.registeredOn.slice(0, 4)} || lpad(nextval('report_in_seq')::text, 6, '0'), ${v.registeredOn}, ${v.at}, ${v.at})`,
  );
}

export async function updateReportIn(
  db: Db,
  id: string,
  patch: { status: ReportInStatus; confirmedOn?: string; declineReason?: string; endedOn?: string },
  at: Date,
): Promise<void> {
  await db.execute(
    sql`UPDATE report_in SET status = ${patch.status}, updated_at = ${at}, version = version + 1
          ${patch.confirmedOn ? sql`, confirmed_on = ${patch.confirmedOn}` : sql``}
          ${patch.declineReason ? sql`, decline_reason = ${patch.declineReason}` : sql``}
          ${patch.endedOn ? sql`, ended_on = ${patch.endedOn}` : sql``}
        WHERE id = ${id}`,
  );
}

export interface ListFilter {
  scope: Scope;
  unitId?: string | undefined;
  communityOrgId?: string | undefined;
  status?: ReportInStatus | undefined;
  q?: string | undefined;
  ids?: string[] | undefined;
}
function where(f: ListFilter) {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => '\\' + c)}%` : null;
  return sql`${inScope(f.scope)}
    ${f.unitId ? sql`AND r.unit_id = ${f.unitId}` : sql``}
    ${f.communityOrgId ? sql`AND r.community_org_id = ${f.communityOrgId}` : sql``}
    ${f.status ? sql`AND r.status = ${f.status}` : sql``}
    ${like ? sql`AND (r.name LIKE ${like} OR r.certificate_no LIKE ${like})` : sql``}
    ${f.ids ? sql`AND r.id = ANY(${sql.param(f.ids)}::uuid[])` : sql``}`;
}

export function findReportIns(db: Db, f: ListFilter, limit: number, offset: number): Promise<ReportInListRow[]> {
  return rows(db, sql`SELECT ${cols}, ${extras} FROM ${from} WHERE ${where(f)} ORDER BY r.registered_on DESC, r.certificate_no DESC LIMIT ${limit} OFFSET ${offset}`);
}

export async function countReportIns(db: Db, f: ListFilter): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where(f)}`))!.n;
}

/** A member's own registrations, newest first. */
export function findReportInsOfMember(db: Db, memberId: string): Promise<ReportInListRow[]> {
  return rows(db, sql`SELECT ${cols}, ${extras} FROM ${from} WHERE r.member_id = ${memberId} ORDER BY r.registered_on DESC, r.certificate_no DESC LIMIT 20`);
}

/** Registrations of one person (by the ID number's blind index) not yet linked to their platform file. */
export function findUnlinkedByIdx(db: Db, idx: string): Promise<{ id: string }[]> {
  return rows(db, sql`SELECT id FROM report_in WHERE id_number_idx = ${idx} AND member_id IS NULL`);
}

export async function linkMember(db: Db, ids: string[], memberId: string): Promise<void> {
  await db.execute(sql`UPDATE report_in SET member_id = ${memberId}, version = version + 1 WHERE id = ANY(${sql.param(ids)}::uuid[]) AND member_id IS NULL`);
}

// ---- the platform's member file, matched by the ID number's blind index (the same lookup as the dues import) ----

export function findMemberByIdx(db: Db, idx: string): Promise<{ id: string; name: string; state: string } | undefined> {
  return one(db, sql`SELECT id, name, state FROM member WHERE id_number_idx = ${idx}`);
}

export async function memberIdxOf(db: Db, memberId: string): Promise<string | null> {
  return (await one<{ idx: string }>(db, sql`SELECT id_number_idx AS idx FROM member WHERE id = ${memberId}`))?.idx ?? null;
}

/** Whether the caller's units or the member have a confirmed registration with the community (they may read its menu). */
export async function hasConfirmedWith(db: Db, v: { communityOrgId: string; unitIds: string[]; memberId: string | null }): Promise<boolean> {
  const r = await one<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM report_in WHERE community_org_id = ${v.communityOrgId} AND status = 'confirmed'
          AND (unit_id = ANY(${sql.param(v.unitIds)}::uuid[]) OR member_id = ${v.memberId})`,
  );
  return r!.n > 0;
}

/** Counts for the community's badge: registrations to confirm, service logs to review. */
export async function inboxCounts(db: Db, paths: string[]): Promise<{ toConfirm: number; pendingServices: number }> {
  const r = await one<{ toConfirm: number; pendingServices: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM report_in r JOIN org co ON co.id = r.community_org_id WHERE r.status = 'registered' AND ${inSubtrees(sql`co.path`, paths)}) AS "toConfirm",
          (SELECT count(*)::int FROM report_service s JOIN report_in r ON r.id = s.report_in_id JOIN org co ON co.id = r.community_org_id
             WHERE s.status = 'pending' AND ${inSubtrees(sql`co.path`, paths)}) AS "pendingServices"`,
  );
  return r!;
}
