import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';
import { inSubtrees } from '../../platform/access/access.ts';

/**
 * Queries behind the 发展党员 boards, the yearly plan, the figures for statistics and the yearly list. Each is
 * scoped to one subtree in SQL (the caller has checked the root); counts are grouped by the root's direct child so
 * one query serves the board's own figures and its per-child breakdown. No rules here.
 */

/** The direct child segment of `rootPath` an org path lies under ('' for the root itself). */
const childSegment = (rootPath: string) => sql`split_part(substr(o.path, ${rootPath.length + 1}), '/', 1)`;

export interface ChildOrg {
  id: string;
  name: string;
  kind: string;
  path: string;
}

/** The live direct children of an org that can hold cases in their subtree (not 党小组), in code order. */
export function findChildOrgs(db: Db, parentId: string): Promise<ChildOrg[]> {
  return rows<ChildOrg>(db, sql`SELECT id, name, kind, path FROM org WHERE parent_id = ${parentId} AND dissolved_on IS NULL AND kind <> 'group' ORDER BY code`);
}

/** Open cases by (direct child segment, stage). */
export function countOpenByChildAndStage(db: Db, rootPath: string): Promise<{ seg: string; stage: number; n: number }[]> {
  return rows(
    db,
    sql`SELECT ${childSegment(rootPath)} AS seg, c.stage, count(*)::int AS n
        FROM development_case c JOIN org o ON o.id = c.org_id
        WHERE c.status = 'open' AND ${inSubtrees(sql`o.path`, [rootPath])}
        GROUP BY 1, 2`,
  );
}

/** The open pipeline for statistics: by stage, with acceptance (stage 4 before approval) apart from probation (approved, not yet full). */
export async function countPipeline(db: Db, rootPath: string): Promise<{ applicants: number; activists: number; candidates: number; inAcceptance: number; probationary: number }> {
  const r = await one<{ applicants: number; activists: number; candidates: number; inAcceptance: number; probationary: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE c.stage = 1)::int AS applicants, count(*) FILTER (WHERE c.stage = 2)::int AS activists,
          count(*) FILTER (WHERE c.stage = 3)::int AS candidates, count(*) FILTER (WHERE c.stage >= 4 AND c.approved_on IS NULL)::int AS "inAcceptance",
          count(*) FILTER (WHERE c.approved_on IS NOT NULL AND c.full_member_on IS NULL)::int AS probationary
        FROM development_case c JOIN org o ON o.id = c.org_id
        WHERE c.status = 'open' AND ${inSubtrees(sql`o.path`, [rootPath])}`,
  );
  return r ?? { applicants: 0, activists: 0, candidates: 0, inAcceptance: 0, probationary: 0 };
}

/** Approvals (step 17 approved: the case's `approved_on`) dated in [from, to], by direct child segment. */
export function countApprovedByChild(db: Db, rootPath: string, from: string, to: string): Promise<{ seg: string; n: number }[]> {
  return rows(
    db,
    sql`SELECT ${childSegment(rootPath)} AS seg, count(*)::int AS n
        FROM development_case c JOIN org o ON o.id = c.org_id
        WHERE c.approved_on BETWEEN ${from}::date AND ${to}::date AND ${inSubtrees(sql`o.path`, [rootPath])}
        GROUP BY 1`,
  );
}

/** Birth and approval dates of the year's approvals (the age rule is a date rule, applied by the caller). */
export function findApprovedAges(db: Db, rootPath: string, from: string, to: string): Promise<{ birthDate: string; approvedOn: string }[]> {
  return rows(
    db,
    sql`SELECT c.birth_date AS "birthDate", c.approved_on AS "approvedOn"
        FROM development_case c JOIN org o ON o.id = c.org_id
        WHERE c.approved_on BETWEEN ${from}::date AND ${to}::date AND ${inSubtrees(sql`o.path`, [rootPath])}`,
  );
}

// ---- open cases, page by page (for the limits: the rules run over each case and its steps) ----

export interface OpenCaseRow {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  stage: number;
  birthDate: string;
  appliedOn: string;
  status: 'open';
}

/** A page of open cases in the subtrees (or everywhere with `paths` null, for the reminder job), by id. */
export function findOpenCasesPage(db: Db, paths: string[] | null, after: string | null, limit: number): Promise<OpenCaseRow[]> {
  return rows<OpenCaseRow>(
    db,
    sql`SELECT c.id, c.name, c.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath", c.stage, c.birth_date AS "birthDate", c.applied_on AS "appliedOn", c.status
        FROM development_case c JOIN org o ON o.id = c.org_id
        WHERE c.status = 'open' ${paths ? sql`AND ${inSubtrees(sql`o.path`, paths)}` : sql``} ${after ? sql`AND c.id > ${after}` : sql``}
        ORDER BY c.id LIMIT ${limit}`,
  );
}

// ---- the yearly plan ----

export interface PlanRow {
  orgId: string;
  year: number;
  planned: number;
  updatedAt: Date;
}

export function findPlans(db: Db, orgIds: string[], year: number): Promise<PlanRow[]> {
  if (orgIds.length === 0) return Promise.resolve([]);
  return rows<PlanRow>(
    db,
    sql`SELECT org_id AS "orgId", year, planned, updated_at AS "updatedAt" FROM development_plan WHERE year = ${year} AND org_id = ANY(${sql.param(orgIds)}::uuid[])`,
  );
}

/** Sets the plan, returning the previous figure (null when there was none). */
export async function upsertPlan(db: Db, v: { orgId: string; year: number; planned: number; at: Date }): Promise<number | null> {
  const before = await one<{ planned: number }>(db, sql`SELECT planned FROM development_plan WHERE org_id = ${v.orgId} AND year = ${v.year} FOR UPDATE`);
  await db.execute(
    sql`INSERT INTO development_plan (org_id, year, planned, updated_at) VALUES (${v.orgId}, ${v.year}, ${v.planned}, ${v.at})
        ON CONFLICT (org_id, year) DO UPDATE SET planned = EXCLUDED.planned, updated_at = EXCLUDED.updated_at`,
  );
  return before ? before.planned : null;
}

// ---- overrides (shown to upper levels) ----

export interface OverrideRow {
  stepId: string;
  caseId: string;
  name: string;
  orgId: string;
  orgName: string;
  stepKey: string;
  stepNumber: number;
  date: string;
  reason: string;
  overridden: { code: string; rule: string; article: string }[] | null;
  actor: string | null;
  recordedAt: Date;
}

const overrideFrom = (paths: string[]) =>
  sql`development_step s JOIN development_case c ON c.id = s.case_id JOIN org o ON o.id = c.org_id
      WHERE s.override_reason IS NOT NULL AND ${inSubtrees(sql`o.path`, paths)}`;

export async function countOverrides(db: Db, paths: string[]): Promise<number> {
  return (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM ${overrideFrom(paths)}`))?.n ?? 0;
}

/** Steps recorded with an override, newest first. */
export function findOverrides(db: Db, paths: string[], limit: number, offset: number): Promise<OverrideRow[]> {
  return rows<OverrideRow>(
    db,
    sql`SELECT s.id AS "stepId", c.id AS "caseId", c.name, c.org_id AS "orgId", o.name AS "orgName", s.step_key AS "stepKey", s.step_no AS "stepNumber",
          s.done_on AS "date", s.override_reason AS reason, s.overridden, s.actor_name AS actor, s.created_at AS "recordedAt"
        FROM ${overrideFrom(paths)}
        ORDER BY s.created_at DESC, s.id LIMIT ${limit} OFFSET ${offset}`,
  );
}

// ---- the yearly list ----

export interface ListCaseRow {
  id: string;
  orgName: string;
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  education: string | null;
  occupation: string | null;
  workUnit: string | null;
  category: string;
  appliedOn: string;
  activistOn: string | null;
  candidateOn: string | null;
  acceptedOn: string | null;
  approvedOn: string | null;
  probationEndsOn: string | null;
  fullMemberOn: string | null;
  status: string;
  stoppedReason: string | null;
  stage: number;
  /** The org that approved (step 17), by name. */
  approvedBy: string | null;
  sponsors: string[];
  overrides: number;
}

/** Every case accepted by its branch meeting (step 15) or approved (step 17) in [from, to] in the subtree, in tree order. */
export function findListCases(db: Db, rootPath: string, from: string, to: string): Promise<ListCaseRow[]> {
  return rows<ListCaseRow>(
    db,
    sql`SELECT c.id, o.name AS "orgName", c.name, c.gender, c.ethnicity, c.birth_date AS "birthDate", c.education, c.occupation, c.work_unit AS "workUnit",
          c.category, c.applied_on AS "appliedOn", c.activist_on AS "activistOn", c.candidate_on AS "candidateOn", c.accepted_on AS "acceptedOn",
          c.approved_on AS "approvedOn", c.probation_ends_on AS "probationEndsOn", c.full_member_on AS "fullMemberOn", c.status, c.stopped_reason AS "stoppedReason", c.stage,
          (SELECT ao.name FROM development_step s JOIN org ao ON ao.id = s.org_id WHERE s.case_id = c.id AND s.step_key = 'approval' ORDER BY s.seq DESC LIMIT 1) AS "approvedBy",
          coalesce((SELECT array_agg(m.name ORDER BY p.since, m.name) FROM development_case_person p JOIN member m ON m.id = p.member_id
                    WHERE p.case_id = c.id AND p.role = 'sponsor' AND p.until IS NULL), ARRAY[]::text[]) AS sponsors,
          (SELECT count(*)::int FROM development_step s WHERE s.case_id = c.id AND s.override_reason IS NOT NULL) AS overrides
        FROM development_case c JOIN org o ON o.id = c.org_id
        WHERE ((c.accepted_on BETWEEN ${from}::date AND ${to}::date) OR (c.approved_on BETWEEN ${from}::date AND ${to}::date))
          AND ${inSubtrees(sql`o.path`, [rootPath])}
        ORDER BY o.code, coalesce(c.approved_on, c.accepted_on), c.name, c.id`,
  );
}

/** Names of members named on a case (mentors, sponsors), current ones and earlier ones, for the documents. */
export function findCasePeopleNames(db: Db, caseId: string): Promise<{ memberId: string; name: string; role: string; since: string; until: string | null }[]> {
  return rows(
    db,
    sql`SELECT p.member_id AS "memberId", m.name, p.role, p.since, p.until FROM development_case_person p JOIN member m ON m.id = p.member_id
        WHERE p.case_id = ${caseId} ORDER BY p.role, p.since, m.name`,
  );
}

/** Assessment notes written by mentors (培养考察), oldest first. */
export function findNotes(db: Db, caseId: string): Promise<{ authorName: string; writtenOn: string; text: string }[]> {
  return rows(db, sql`SELECT author_name AS "authorName", written_on AS "writtenOn", text FROM development_note WHERE case_id = ${caseId} ORDER BY written_on, created_at`);
}
