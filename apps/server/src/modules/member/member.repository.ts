import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

export interface MemberRow {
  id: string;
  orgId: string;
  orgPath: string;
  orgName: string;
  groupId: string | null;
  groupName: string | null;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  idNumberEnc: string;
  phoneEnc: string | null;
  addressEnc: string | null;
  education: string | null;
  occupation: string | null;
  joinedOn: string;
  fullMemberOn: string | null;
  status: 'full' | 'probationary';
  state: 'active' | 'suspended' | 'left';
  category: 'resident' | 'in_service' | 'mobile' | 'retired';
  workUnit: string | null;
  gridId: string | null;
  householdHub: boolean;
  lostContact: boolean;
  notes: string | null;
  leftOn: string | null;
  leftReason: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const memberColumns = sql.raw(`m.id, m.org_id AS "orgId", o.path AS "orgPath", o.name AS "orgName", m.group_id AS "groupId",
  g.name AS "groupName", m.name, m.gender, m.ethnicity, m.birth_date AS "birthDate", m.id_number_enc AS "idNumberEnc",
  m.phone_enc AS "phoneEnc", m.address_enc AS "addressEnc", m.education, m.occupation, m.joined_on AS "joinedOn",
  m.full_member_on AS "fullMemberOn", m.status, m.state, m.category, m.work_unit AS "workUnit", m.grid_id AS "gridId",
  m.household_hub AS "householdHub", m.lost_contact AS "lostContact", m.notes, m.left_on AS "leftOn",
  m.left_reason AS "leftReason", m.created_at AS "createdAt", m.updated_at AS "updatedAt", m.version`);

const memberFrom = sql.raw(`member m JOIN org o ON o.id = m.org_id LEFT JOIN org g ON g.id = m.group_id`);

export function findMemberById(db: Db, id: string): Promise<MemberRow | undefined> {
  return one<MemberRow>(db, sql`SELECT ${memberColumns} FROM ${memberFrom} WHERE m.id = ${id}`);
}

export function findMemberIdByIdNumberIdx(db: Db, idx: string): Promise<{ id: string } | undefined> {
  return one<{ id: string }>(db, sql`SELECT id FROM member WHERE id_number_idx = ${idx}`);
}

export interface MemberFilter {
  paths: string[];
  state: string;
  status?: string | undefined;
  category?: string | undefined;
  gender?: string | undefined;
  education?: string | undefined;
  birthFrom?: string | null;
  birthTo?: string | null;
  nameLike?: string | undefined;
  idNumberIdx?: string | undefined;
  phoneIdx?: string | undefined;
}

function where(f: MemberFilter): SQL {
  const parts: SQL[] = [inSubtrees(sql`o.path`, f.paths), sql`m.state = ${f.state}`];
  if (f.status) parts.push(sql`m.status = ${f.status}`);
  if (f.category) parts.push(sql`m.category = ${f.category}`);
  if (f.gender) parts.push(sql`m.gender = ${f.gender}`);
  if (f.education) parts.push(sql`m.education = ${f.education}`);
  if (f.birthFrom) parts.push(sql`m.birth_date >= ${f.birthFrom}`);
  if (f.birthTo) parts.push(sql`m.birth_date <= ${f.birthTo}`);
  if (f.nameLike) parts.push(sql`m.name LIKE ${`%${f.nameLike.replace(/[\\%_]/g, (c) => '\\' + c)}%`}`);
  if (f.idNumberIdx) parts.push(sql`m.id_number_idx = ${f.idNumberIdx}`);
  if (f.phoneIdx) parts.push(sql`m.phone_idx = ${f.phoneIdx}`);
  return sql.join(parts, sql` AND `);
}

/**
 * A page of the list in two steps: the page's ids are chosen by sorting only (org code, name, id), which
 * the member (org_id, state, name, id) index supplies without reading the wide rows; then only those rows
 * are read. Sorting whole rows of a 10,000-member street to keep 20 cost more than everything else.
 */
export function findMembers(db: Db, f: MemberFilter, limit: number, offset: number): Promise<MemberRow[]> {
  return rows<MemberRow>(
    db,
    sql`WITH page AS (
          SELECT m.id, o.code, m.name FROM member m JOIN org o ON o.id = m.org_id
          WHERE ${where(f)} ORDER BY o.code, m.name, m.id LIMIT ${limit} OFFSET ${offset})
        SELECT ${memberColumns} FROM page JOIN member m ON m.id = page.id JOIN org o ON o.id = m.org_id LEFT JOIN org g ON g.id = m.group_id
        ORDER BY page.code, page.name, page.id`,
  );
}

export async function countMembers(db: Db, f: MemberFilter): Promise<number> {
  const r = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE ${where(f)}`);
  return r?.n ?? 0;
}

export interface MemberCounts {
  members: number;
  fullMembers: number;
  probationary: number;
}

export async function countsByOrg(db: Db, orgIds: string[]): Promise<Map<string, MemberCounts>> {
  if (orgIds.length === 0) return new Map();
  const r = await rows<{ org_id: string } & MemberCounts>(
    db,
    sql`SELECT org_id, count(*)::int AS members, (count(*) FILTER (WHERE status = 'full'))::int AS "fullMembers",
               (count(*) FILTER (WHERE status = 'probationary'))::int AS probationary
        FROM member WHERE state = 'active' AND org_id IN (${sql.join(
          orgIds.map((i) => sql`${i}`),
          sql`, `,
        )}) GROUP BY org_id`,
  );
  return new Map(r.map((x) => [x.org_id, { members: x.members, fullMembers: x.fullMembers, probationary: x.probationary }]));
}

export async function countsInSubtree(db: Db, path: string): Promise<MemberCounts> {
  const r = await one<MemberCounts>(
    db,
    sql`SELECT count(*)::int AS members, (count(*) FILTER (WHERE m.status = 'full'))::int AS "fullMembers",
               (count(*) FILTER (WHERE m.status = 'probationary'))::int AS probationary
        FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active' AND ${inSubtrees(sql`o.path`, [path])}`,
  );
  return r ?? { members: 0, fullMembers: 0, probationary: 0 };
}

export function findActiveInSubtree(db: Db, path: string, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return rows<{ id: string; name: string }>(
    db,
    sql`SELECT m.id, m.name FROM member m JOIN org o ON o.id = m.org_id
        WHERE m.state = 'active' AND ${inSubtrees(sql`o.path`, [path])} AND m.id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
  );
}

export interface DisciplineRow {
  id: string;
  kind: 'warning' | 'serious_warning' | 'removal_from_post' | 'probation' | 'expulsion';
  decidedOn: string;
  endsOn: string | null;
  rightsRestoredOn: string | null;
  reason: string;
}

export function findDiscipline(db: Db, memberId: string): Promise<DisciplineRow[]> {
  return rows<DisciplineRow>(
    db,
    sql`SELECT id, kind, decided_on AS "decidedOn", ends_on AS "endsOn", rights_restored_on AS "rightsRestoredOn", reason
        FROM member_discipline WHERE member_id = ${memberId} ORDER BY decided_on`,
  );
}

export async function insertDiscipline(db: Db, memberId: string, d: Omit<DisciplineRow, 'id' | 'rightsRestoredOn'>): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO member_discipline (member_id, kind, decided_on, ends_on, reason)
        VALUES (${memberId}, ${d.kind}, ${d.decidedOn}, ${d.endsOn}, ${d.reason}) RETURNING id`,
  );
  return r!.id;
}

export async function insertMemberEvent(
  db: Db,
  e: { memberId: string; kind: string; actorAccountId: string | null; actorName: string | null; details: Record<string, unknown>; at: Date },
): Promise<void> {
  await db.execute(
    sql`INSERT INTO member_event (member_id, kind, actor_account_id, actor_name, details, occurred_at)
        VALUES (${e.memberId}, ${e.kind}, ${e.actorAccountId}, ${e.actorName}, ${JSON.stringify(e.details)}::jsonb, ${e.at})`,
  );
}

export function findMemberEvents(db: Db, memberId: string): Promise<{ id: string; kind: string; occurredAt: string; actor: string | null; details: Record<string, unknown> }[]> {
  return rows(
    db,
    sql`SELECT id, kind, occurred_at AS "occurredAt", actor_name AS actor, details FROM member_event
        WHERE member_id = ${memberId} ORDER BY occurred_at DESC, id LIMIT 200`,
  );
}

export function findRoster(db: Db, input: { orgId?: string; groupId?: string }): Promise<{ id: string; name: string; status: 'full' | 'probationary'; category: string }[]> {
  const by = input.groupId ? sql`group_id = ${input.groupId}` : sql`org_id = ${input.orgId ?? null}`;
  return rows(db, sql`SELECT id, name, status, category FROM member WHERE ${by} AND state = 'active' ORDER BY name, id`);
}

/** A member's placement, row-locked (transfers move it). */
export function lockPlacement(db: Db, id: string): Promise<{ id: string; name: string; orgId: string; orgPath: string; orgName: string; state: string; status: string } | undefined> {
  return one(
    db,
    sql`SELECT m.id, m.name, m.org_id AS "orgId", o.path AS "orgPath", o.name AS "orgName", m.state, m.status FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = ${id} FOR UPDATE OF m`,
  );
}
