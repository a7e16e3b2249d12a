import { sql, type SQL } from 'drizzle-orm';
import type { MobileAlert, OutflowStatus, ReportKind } from '@xianfeng/contracts/mobile/mobile.enums';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';
import type { AlertSettings } from './mobile.rules.ts';

/** 流动党员 outflow queries. No rules here (the alert filters mirror mobile.rules.ts `outflowTiming` in SQL). */

export interface OutflowRow {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  destination: string;
  inflowOrgName: string | null;
  inflowOrgId: string | null;
  reason: string;
  contactPhoneEnc: string | null;
  contactNote: string | null;
  leftOn: string;
  expectedReturnOn: string | null;
  fixedPlace: boolean;
  status: OutflowStatus;
  endedOn: string | null;
  lastContactOn: string | null;
  lastReportOn: string | null;
  lostContactSince: string | null;
  certificateNo: string | null;
  createdByName: string | null;
  createdAt: Date;
  version: number;
}

/** The member's own reports (activity, thought) — what the yearly report rule counts; a contact by the branch is not one. */
const lastReport = sql.raw(`(SELECT max(r.reported_on) FROM mobile_report r WHERE r.outflow_id = f.id AND r.kind <> 'contact')`);
const cols = sql`${sql.raw(`f.id, f.member_id AS "memberId", m.name AS "memberName", f.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath",
  f.destination, coalesce(f.inflow_org_name, io.name) AS "inflowOrgName", f.inflow_org_id AS "inflowOrgId", f.reason,
  f.contact_phone_enc AS "contactPhoneEnc", f.contact_note AS "contactNote", f.left_on::text AS "leftOn", f.expected_return_on::text AS "expectedReturnOn",
  f.fixed_place AS "fixedPlace", f.status, f.ended_on::text AS "endedOn", f.last_contact_on::text AS "lastContactOn",`)}
  ${lastReport}::text AS "lastReportOn", ${sql.raw(`f.lost_contact_since::text AS "lostContactSince", f.certificate_no AS "certificateNo", f.created_by_name AS "createdByName", f.created_at AS "createdAt", f.version`)}`;
const from = sql.raw(`mobile_outflow f JOIN member m ON m.id = f.member_id JOIN org o ON o.id = f.org_id LEFT JOIN org io ON io.id = f.inflow_org_id`);
const OPEN = sql.raw(`f.status IN ('away', 'lost_contact')`);

export function findOutflow(db: Db, id: string, forUpdate = false): Promise<OutflowRow | undefined> {
  return one<OutflowRow>(db, sql`SELECT ${cols} FROM ${from} WHERE f.id = ${id} ${forUpdate ? sql`FOR UPDATE OF f` : sql``}`);
}

export function findOpenOutflowOfMember(db: Db, memberId: string): Promise<OutflowRow | undefined> {
  return one<OutflowRow>(db, sql`SELECT ${cols} FROM ${from} WHERE f.member_id = ${memberId} AND ${OPEN} ORDER BY f.left_on DESC LIMIT 1`);
}

export function findOutflowByCertificateNo(db: Db, certificateNo: string): Promise<OutflowRow | undefined> {
  return one<OutflowRow>(db, sql`SELECT ${cols} FROM ${from} WHERE f.certificate_no = ${certificateNo}`);
}

export interface OutflowInsert {
  id: string;
  memberId: string;
  orgId: string;
  destination: string;
  inflowOrgName: string | null;
  inflowOrgId: string | null;
  reason: string;
  contactPhoneEnc: string | null;
  contactNote: string | null;
  leftOn: string;
  expectedReturnOn: string | null;
  fixedPlace: boolean;
  accountId: string | null;
  name: string | null;
  at: Date;
}

export async function insertOutflow(db: Db, v: OutflowInsert): Promise<void> {
  await db.execute(
    sql`INSERT INTO mobile_outflow (id, member_id, org_id, destination, inflow_org_name, inflow_org_id, reason, contact_phone_enc, contact_note, left_on, expected_return_on,
          fixed_place, status, created_by_account_id, created_by_name, created_at, updated_at)
        VALUES (${v.id}, ${v.memberId}, ${v.orgId}, ${v.destination}, ${v.inflowOrgName}, ${v.inflowOrgId}, ${v.reason}, ${v.contactPhoneEnc}, ${v.contactNote}, ${v.leftOn},
          ${v.expectedReturnOn}, ${v.fixedPlace}, 'away', ${v.accountId}, ${v.name}, ${v.at}, ${v.at})`,
  );
}

/** Column → value patch (snake_case columns; the caller lists only what changes). */
export async function updateOutflow(db: Db, id: string, patch: Record<string, unknown>, at: Date): Promise<void> {
  const sets: SQL[] = [sql`updated_at = ${at}`, sql`version = version + 1`, ...Object.entries(patch).map(([k, v]) => sql`${sql.identifier(k)} = ${v}`)];
  await db.execute(sql`UPDATE mobile_outflow SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

/** Assigns the next 活动证 number (date + serial) unless one was issued; returns the number. */
export async function assignCertificateNo(db: Db, id: string, issuedOn: string, at: Date): Promise<string> {
  const r = await one<{ no: string }>(
    db,
    sql`UPDATE mobile_outflow SET certificate_no = ${issuedOn.replaceAll('-', '')} || lpad(nextval('mobile_certificate_seq')::text, 6, '0'), updated_at = ${at}, version = version + 1
        WHERE id = ${id} AND certificate_no IS NULL RETURNING certificate_no AS no`,
  );
  if (r) return r.no;
  return (await one<{ no: string }>(db, sql`SELECT certificate_no AS no FROM mobile_outflow WHERE id = ${id}`))!.no;
}

export interface ReportRow {
  id: string;
  kind: ReportKind;
  reportedOn: string;
  content: string;
  recordedByName: string | null;
  createdAt: Date;
}

export function findReports(db: Db, outflowId: string): Promise<ReportRow[]> {
  return rows<ReportRow>(
    db,
    sql`SELECT id, kind, reported_on::text AS "reportedOn", content, recorded_by_name AS "recordedByName", created_at AS "createdAt"
        FROM mobile_report WHERE outflow_id = ${outflowId} ORDER BY reported_on DESC, created_at DESC LIMIT 200`,
  );
}

export async function insertReport(db: Db, v: { outflowId: string; kind: ReportKind; reportedOn: string; content: string; accountId: string | null; name: string | null; at: Date }): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO mobile_report (outflow_id, kind, reported_on, content, recorded_by_account_id, recorded_by_name, created_at)
        VALUES (${v.outflowId}, ${v.kind}, ${v.reportedOn}, ${v.content}, ${v.accountId}, ${v.name}, ${v.at}) RETURNING id`,
  );
  return r!.id;
}

// ---- lists ----

export interface OutflowFilter {
  paths: string[];
  status?: OutflowStatus | 'open' | undefined;
  alert?: { kind: MobileAlert; settings: AlertSettings; today: string } | undefined;
  nameLike?: string | undefined;
}

const monthsOn = (date: SQL, months: number) => sql`(${date} + make_interval(months => ${months}::int))::date`;

/** The alert conditions of `outflowTiming`, in SQL, with one set of thresholds. */
export function alertCondition(kind: MobileAlert, s: AlertSettings, today: string): SQL {
  switch (kind) {
    case 'transfer_due':
      return sql`(${OPEN} AND f.fixed_place AND ${monthsOn(sql`f.left_on`, s.fixedPlaceTransferMonths)} <= ${today}::date)`;
    case 'lost_contact':
      return sql`(${OPEN} AND (f.status = 'lost_contact' OR ${monthsOn(sql`greatest(f.left_on, f.last_contact_on)`, s.lostContactMonths)} <= ${today}::date))`;
    case 'report_due':
      return sql`(${OPEN} AND ${monthsOn(sql`greatest(f.left_on, ${lastReport})`, s.reportIntervalMonths)} <= ${today}::date)`;
  }
}

function where(f: OutflowFilter): SQL {
  const parts: SQL[] = [inSubtrees(sql`o.path`, f.paths)];
  if (f.status === 'open') parts.push(OPEN);
  else if (f.status) parts.push(sql`f.status = ${f.status}`);
  if (f.alert) parts.push(alertCondition(f.alert.kind, f.alert.settings, f.alert.today));
  if (f.nameLike) parts.push(sql`m.name LIKE ${`%${f.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return sql.join(parts, sql` AND `);
}

export function findOutflows(db: Db, f: OutflowFilter, limit: number, offset: number): Promise<OutflowRow[]> {
  return rows<OutflowRow>(
    db,
    sql`SELECT ${cols} FROM ${from} WHERE ${where(f)}
        ORDER BY (f.status IN ('away', 'lost_contact')) DESC, f.left_on, m.name, f.id LIMIT ${limit} OFFSET ${offset}`,
  );
}

export async function countOutflows(db: Db, f: OutflowFilter): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where(f)}`))!.n;
}

/**
 * Open registrations that left at least a month ago — the only ones an alert can be due for (the hourly scan),
 * a page at a time in (left_on, id) order after `after`.
 */
export function findAlertCandidates(db: Db, today: string, limit: number, after?: { leftOn: string; id: string }): Promise<OutflowRow[]> {
  const next = after ? sql`AND (f.left_on, f.id) > (${after.leftOn}::date, ${after.id}::uuid)` : sql``;
  return rows<OutflowRow>(db, sql`SELECT ${cols} FROM ${from} WHERE ${OPEN} AND f.left_on <= (${today}::date - interval '1 month')::date ${next} ORDER BY f.left_on, f.id LIMIT ${limit}`);
}
