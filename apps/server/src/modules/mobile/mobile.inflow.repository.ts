import { sql, type SQL } from 'drizzle-orm';
import type { InflowStatus } from '@xianfeng/contracts/mobile/mobile.enums';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

/** 流入党员 queries. No rules here. */

export interface InflowRow {
  id: string;
  hostOrgId: string;
  hostOrgName: string;
  hostOrgPath: string;
  memberId: string | null;
  outflowId: string | null;
  name: string;
  idNumberEnc: string | null;
  phoneEnc: string | null;
  homeOrgName: string;
  homeOrgContact: string | null;
  certificateNo: string | null;
  arrivedOn: string;
  expectedLeaveOn: string | null;
  status: InflowStatus;
  leftOn: string | null;
  createdAt: Date;
  version: number;
}

const cols = sql.raw(`i.id, i.host_org_id AS "hostOrgId", o.name AS "hostOrgName", o.path AS "hostOrgPath", i.member_id AS "memberId", i.outflow_id AS "outflowId",
  i.name, i.id_number_enc AS "idNumberEnc", i.phone_enc AS "phoneEnc", i.home_org_name AS "homeOrgName", i.home_org_contact AS "homeOrgContact",
  i.certificate_no AS "certificateNo", i.arrived_on::text AS "arrivedOn", i.expected_leave_on::text AS "expectedLeaveOn", i.status, i.left_on::text AS "leftOn",
  i.created_at AS "createdAt", i.version`);
const from = sql.raw(`mobile_inflow i JOIN org o ON o.id = i.host_org_id`);

export function findInflow(db: Db, id: string, forUpdate = false): Promise<InflowRow | undefined> {
  return one<InflowRow>(db, sql`SELECT ${cols} FROM ${from} WHERE i.id = ${id} ${forUpdate ? sql`FOR UPDATE OF i` : sql``}`);
}

/** The same person already hosted here (by ID number's blind index, or by the 活动证 registration). */
export function findHostedDuplicate(db: Db, v: { hostOrgId: string; idNumberIdx: string | null; outflowId: string | null }): Promise<{ id: string } | undefined> {
  const same: SQL[] = [];
  if (v.idNumberIdx) same.push(sql`id_number_idx = ${v.idNumberIdx}`);
  if (v.outflowId) same.push(sql`outflow_id = ${v.outflowId}`);
  if (same.length === 0) return Promise.resolve(undefined);
  return one(db, sql`SELECT id FROM mobile_inflow WHERE host_org_id = ${v.hostOrgId} AND status = 'hosted' AND (${sql.join(same, sql` OR `)}) LIMIT 1`);
}

export interface InflowInsert {
  id: string;
  hostOrgId: string;
  memberId: string | null;
  outflowId: string | null;
  name: string;
  idNumberEnc: string | null;
  idNumberIdx: string | null;
  phoneEnc: string | null;
  homeOrgName: string;
  homeOrgContact: string | null;
  certificateNo: string | null;
  arrivedOn: string;
  expectedLeaveOn: string | null;
  at: Date;
}

export async function insertInflow(db: Db, v: InflowInsert): Promise<void> {
  await db.execute(
    sql`INSERT INTO mobile_inflow (id, host_org_id, member_id, outflow_id, name, id_number_enc, id_number_idx, phone_enc, home_org_name, home_org_contact, certificate_no,
          arrived_on, expected_leave_on, status, created_at, updated_at)
        VALUES (${v.id}, ${v.hostOrgId}, ${v.memberId}, ${v.outflowId}, ${v.name}, ${v.idNumberEnc}, ${v.idNumberIdx}, ${v.phoneEnc}, ${v.homeOrgName}, ${v.homeOrgContact},
          ${v.certificateNo}, ${v.arrivedOn}, ${v.expectedLeaveOn}, 'hosted', ${v.at}, ${v.at})`,
  );
}

export async function updateInflow(db: Db, id: string, patch: Record<string, unknown>, at: Date): Promise<void> {
  const sets: SQL[] = [sql`updated_at = ${at}`, sql`version = version + 1`, ...Object.entries(patch).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`)];
  await db.execute(sql`UPDATE mobile_inflow SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

/** Hosted registrations started from an outflow registration (its member returned or transferred: they leave here too). */
export function findHostedOfOutflow(db: Db, outflowId: string): Promise<{ id: string }[]> {
  return rows(db, sql`SELECT id FROM mobile_inflow WHERE outflow_id = ${outflowId} AND status = 'hosted'`);
}

export interface InflowFilter {
  paths: string[];
  status?: InflowStatus | undefined;
  nameLike?: string | undefined;
}

function where(f: InflowFilter): SQL {
  const parts: SQL[] = [inSubtrees(sql`o.path`, f.paths)];
  if (f.status) parts.push(sql`i.status = ${f.status}`);
  if (f.nameLike) parts.push(sql`i.name LIKE ${`%${f.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return sql.join(parts, sql` AND `);
}

export function findInflows(db: Db, f: InflowFilter, limit: number, offset: number): Promise<InflowRow[]> {
  return rows<InflowRow>(db, sql`SELECT ${cols} FROM ${from} WHERE ${where(f)} ORDER BY (i.status = 'hosted') DESC, i.arrived_on DESC, i.name, i.id LIMIT ${limit} OFFSET ${offset}`);
}

export async function countInflows(db: Db, f: InflowFilter): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where(f)}`))!.n;
}

/** Hosted inflow members here at least a month, not alerted yet (the hourly scan), a page at a time in (arrived_on, id) order after `after`. */
export function findInflowCandidates(db: Db, today: string, limit: number, after?: { arrivedOn: string; id: string }): Promise<InflowRow[]> {
  const next = after ? sql`AND (i.arrived_on, i.id) > (${after.arrivedOn}::date, ${after.id}::uuid)` : sql``;
  return rows<InflowRow>(
    db,
    sql`SELECT ${cols} FROM ${from} WHERE i.status = 'hosted' AND i.last_alert_at IS NULL AND i.arrived_on <= (${today}::date - interval '1 month')::date ${next}
        ORDER BY i.arrived_on, i.id LIMIT ${limit}`,
  );
}

export async function markInflowsAlerted(db: Db, ids: string[], at: Date): Promise<void> {
  if (ids.length) await db.execute(sql`UPDATE mobile_inflow SET last_alert_at = ${at} WHERE id = ANY(${sql.param(ids)}::uuid[])`);
}
