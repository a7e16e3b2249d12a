import { sql, type SQL } from 'drizzle-orm';
import type { CaseStatus } from '@xianfeng/contracts/development/development.schemas';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

/** 发展党员 queries: cases (一人一档), the steps taken (一事一记) and the members named on a case. No rules here. */

export interface CaseRow {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  idNumberEnc: string;
  idNumberIdx: string;
  phoneEnc: string | null;
  education: string | null;
  occupation: string | null;
  workUnit: string | null;
  category: 'resident' | 'in_service' | 'mobile' | 'retired';
  appliedOn: string;
  stage: 1 | 2 | 3 | 4 | 5;
  status: CaseStatus;
  stoppedReason: string | null;
  activistOn: string | null;
  candidateOn: string | null;
  acceptedOn: string | null;
  approvedOn: string | null;
  probationEndsOn: string | null;
  fullMemberOn: string | null;
  memberId: string | null;
  applicantAccountId: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const caseCols = sql.raw(`c.id, c.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath", c.name, c.gender, c.ethnicity, c.birth_date AS "birthDate",
  c.id_number_enc AS "idNumberEnc", c.id_number_idx AS "idNumberIdx", c.phone_enc AS "phoneEnc", c.education, c.occupation, c.work_unit AS "workUnit",
  c.category, c.applied_on AS "appliedOn", c.stage, c.status, c.stopped_reason AS "stoppedReason", c.activist_on AS "activistOn", c.candidate_on AS "candidateOn",
  c.accepted_on AS "acceptedOn", c.approved_on AS "approvedOn", c.probation_ends_on AS "probationEndsOn", c.full_member_on AS "fullMemberOn",
  c.member_id AS "memberId", c.applicant_account_id AS "applicantAccountId", c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.version`);
const caseFrom = sql.raw(`development_case c JOIN org o ON o.id = c.org_id`);

/** A case with its branch's name and path; `forUpdate` row-locks it so steps on one case are taken one at a time. */
export function findCase(db: Db, id: string, forUpdate = false): Promise<CaseRow | undefined> {
  return one<CaseRow>(db, sql`SELECT ${caseCols} FROM ${caseFrom} WHERE c.id = ${id} ${forUpdate ? sql`FOR UPDATE OF c` : sql``}`);
}

export function findOpenCaseByIdNumberIdx(db: Db, idx: string): Promise<{ id: string } | undefined> {
  return one(db, sql`SELECT id FROM development_case WHERE id_number_idx = ${idx} AND status = 'open'`);
}

/** Cases an applicant account started on the H5, newest first. */
export function findCasesOfApplicant(db: Db, accountId: string): Promise<CaseRow[]> {
  return rows<CaseRow>(db, sql`SELECT ${caseCols} FROM ${caseFrom} WHERE c.applicant_account_id = ${accountId} ORDER BY c.created_at DESC LIMIT 20`);
}

export interface NewCase {
  id: string;
  orgId: string;
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  idNumberEnc: string;
  idNumberIdx: string;
  phoneEnc: string | null;
  phoneIdx: string | null;
  education: string | null;
  occupation: string | null;
  workUnit: string | null;
  category: string;
  appliedOn: string;
  applicantAccountId: string | null;
  at: Date;
}

export async function insertCase(db: Db, v: NewCase): Promise<void> {
  await db.execute(
    sql`INSERT INTO development_case (id, org_id, name, gender, ethnicity, birth_date, id_number_enc, id_number_idx, phone_enc, phone_idx, education, occupation, work_unit,
          category, applied_on, stage, status, applicant_account_id, created_at, updated_at)
        VALUES (${v.id}, ${v.orgId}, ${v.name}, ${v.gender}, ${v.ethnicity}, ${v.birthDate}, ${v.idNumberEnc}, ${v.idNumberIdx}, ${v.phoneEnc}, ${v.phoneIdx}, ${v.education},
          ${v.occupation}, ${v.workUnit}, ${v.category}, ${v.appliedOn}, 1, 'open', ${v.applicantAccountId}, ${v.at}, ${v.at})`,
  );
}

/** The columns a step may change on its case (key dates, stage, status, the member file). */
export interface CasePatch {
  stage?: number;
  status?: CaseStatus;
  stoppedReason?: string | null;
  activistOn?: string | null;
  candidateOn?: string | null;
  acceptedOn?: string | null;
  approvedOn?: string | null;
  probationEndsOn?: string | null;
  fullMemberOn?: string | null;
  memberId?: string | null;
}

const patchColumns: Record<keyof CasePatch, string> = {
  stage: 'stage',
  status: 'status',
  stoppedReason: 'stopped_reason',
  activistOn: 'activist_on',
  candidateOn: 'candidate_on',
  acceptedOn: 'accepted_on',
  approvedOn: 'approved_on',
  probationEndsOn: 'probation_ends_on',
  fullMemberOn: 'full_member_on',
  memberId: 'member_id',
};

/** Applies a patch and bumps the version (every step changes the case, so readers see a new version). */
export async function updateCase(db: Db, id: string, patch: CasePatch, at: Date): Promise<void> {
  const sets: SQL[] = [sql`updated_at = ${at}`, sql`version = version + 1`];
  for (const [k, col] of Object.entries(patchColumns) as [keyof CasePatch, string][]) {
    if (patch[k] !== undefined) sets.push(sql`${sql.identifier(col)} = ${patch[k]}`);
  }
  await db.execute(sql`UPDATE development_case SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`);
}

export interface StepRow {
  id: string;
  caseId: string;
  stepKey: string;
  stepNo: number;
  seq: number;
  doneOn: string;
  orgId: string | null;
  orgName: string | null;
  responsible: string[];
  decision: string | null;
  fields: Record<string, unknown>;
  attachments: string[];
  overrideReason: string | null;
  overridden: { code: string; rule: string; article: string }[] | null;
  actorAccountId: string | null;
  actorName: string | null;
  createdAt: Date;
}

const stepCols = sql.raw(`s.id, s.case_id AS "caseId", s.step_key AS "stepKey", s.step_no AS "stepNo", s.seq, s.done_on AS "doneOn", s.org_id AS "orgId", so.name AS "orgName",
  s.responsible, s.decision, s.fields, s.attachments, s.override_reason AS "overrideReason", s.overridden, s.actor_account_id AS "actorAccountId", s.actor_name AS "actorName",
  s.created_at AS "createdAt"`);

/** Every step of some cases, in the order they were taken (date, then when recorded). */
export function findSteps(db: Db, caseIds: string[]): Promise<StepRow[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return rows<StepRow>(
    db,
    sql`SELECT ${stepCols} FROM development_step s LEFT JOIN org so ON so.id = s.org_id
        WHERE s.case_id = ANY(${sql.param(caseIds)}::uuid[]) ORDER BY s.case_id, s.done_on, s.created_at, s.step_no, s.seq`,
  );
}

export interface NewStep {
  caseId: string;
  stepKey: string;
  stepNo: number;
  seq: number;
  doneOn: string;
  orgId: string | null;
  responsible: string[];
  decision: string | null;
  fields: Record<string, unknown>;
  attachments: string[];
  overrideReason: string | null;
  overridden: { code: string; rule: string; article: string }[] | null;
  actorAccountId: string | null;
  actorName: string | null;
  at: Date;
}

/** Inserts a step; the unique (case, key, seq) index refuses a second copy of a step taken concurrently. */
export async function insertStep(db: Db, v: NewStep): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    sql`INSERT INTO development_step (case_id, step_key, step_no, seq, done_on, org_id, responsible, decision, fields, attachments, override_reason, overridden,
          actor_account_id, actor_name, created_at)
        VALUES (${v.caseId}, ${v.stepKey}, ${v.stepNo}, ${v.seq}, ${v.doneOn}, ${v.orgId}, ${JSON.stringify(v.responsible)}::jsonb, ${v.decision},
          ${JSON.stringify(v.fields)}::jsonb, ${JSON.stringify(v.attachments)}::jsonb, ${v.overrideReason},
          ${v.overridden ? JSON.stringify(v.overridden) : null}::jsonb, ${v.actorAccountId}, ${v.actorName}, ${v.at})
        RETURNING id`,
  );
  return r!.id;
}

// ---- members named on a case (mentors, sponsors) ----

export interface CasePersonRow {
  caseId: string;
  memberId: string;
  role: 'mentor' | 'sponsor';
  since: string;
  until: string | null;
}

export function findCasePeople(db: Db, caseIds: string[]): Promise<CasePersonRow[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return rows<CasePersonRow>(
    db,
    sql`SELECT case_id AS "caseId", member_id AS "memberId", role, since, until FROM development_case_person
        WHERE case_id = ANY(${sql.param(caseIds)}::uuid[]) ORDER BY case_id, role, since`,
  );
}

/**
 * Names the members for a role from `since`: those no longer named get `until`; a member named again keeps
 * their row (reopened). One statement each way, so a re-appointment of mentors is one step.
 */
export async function replaceCasePeople(db: Db, v: { caseId: string; role: 'mentor' | 'sponsor'; memberIds: string[]; since: string }): Promise<void> {
  await db.execute(
    sql`UPDATE development_case_person SET until = ${v.since}
        WHERE case_id = ${v.caseId} AND role = ${v.role} AND until IS NULL AND NOT (member_id = ANY(${sql.param(v.memberIds)}::uuid[]))`,
  );
  await db.execute(
    sql`INSERT INTO development_case_person (case_id, member_id, role, since)
        SELECT ${v.caseId}, u.id, ${v.role}, ${v.since} FROM unnest(${sql.param(v.memberIds)}::uuid[]) AS u(id)
        ON CONFLICT (case_id, member_id, role) DO UPDATE SET until = NULL`,
  );
}

// ---- lists ----

export interface CaseFilter {
  paths: string[];
  stage?: number | undefined;
  status?: CaseStatus | undefined;
  nameLike?: string | undefined;
  idNumberIdx?: string | undefined;
}

function where(f: CaseFilter): SQL {
  const parts: SQL[] = [inSubtrees(sql`o.path`, f.paths)];
  if (f.stage) parts.push(sql`c.stage = ${f.stage}`);
  if (f.status) parts.push(sql`c.status = ${f.status}`);
  if (f.nameLike) parts.push(sql`c.name LIKE ${`%${f.nameLike.replace(/[\\%_]/g, (ch) => '\\' + ch)}%`}`);
  if (f.idNumberIdx) parts.push(sql`c.id_number_idx = ${f.idNumberIdx}`);
  return sql.join(parts, sql` AND `);
}

/** A page of cases in scope: by branch (tree order), then application date. */
export function findCases(db: Db, f: CaseFilter, limit: number, offset: number): Promise<CaseRow[]> {
  return rows<CaseRow>(db, sql`SELECT ${caseCols} FROM ${caseFrom} WHERE ${where(f)} ORDER BY o.code, c.applied_on, c.id LIMIT ${limit} OFFSET ${offset}`);
}

export async function countCases(db: Db, f: CaseFilter): Promise<number> {
  const r = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${caseFrom} WHERE ${where(f)}`);
  return r?.n ?? 0;
}
