import { sql } from 'drizzle-orm';
import type { CaseStatus } from '@xianfeng/contracts/development/development.schemas';
import type { Db } from '../../platform/db/db.ts';
import { one, rows } from '../../platform/db/db.ts';

/** Queries of the mentor's side (培养联系人): their mentees and the assessment notes. No rules here. */

export interface MenteeRow {
  caseId: string;
  name: string;
  orgName: string;
  stage: 1 | 2 | 3 | 4 | 5;
  status: CaseStatus;
  birthDate: string;
  appliedOn: string;
  activistOn: string | null;
  candidateOn: string | null;
  mentorSince: string;
  lastAssessmentOn: string | null;
  lastNoteOn: string | null;
}

/** The open cases a member is a current mentor of (development_case_person, role mentor, no end date). */
export function findMenteesOf(db: Db, memberId: string): Promise<MenteeRow[]> {
  return rows<MenteeRow>(
    db,
    sql`SELECT c.id AS "caseId", c.name, o.name AS "orgName", c.stage, c.status, c.birth_date AS "birthDate", c.applied_on AS "appliedOn", c.activist_on AS "activistOn",
          c.candidate_on AS "candidateOn", p.since AS "mentorSince",
          (SELECT max(s.done_on) FROM development_step s WHERE s.case_id = c.id AND s.step_key = 'assessment') AS "lastAssessmentOn",
          (SELECT max(n.written_on) FROM development_note n WHERE n.case_id = c.id) AS "lastNoteOn"
        FROM development_case_person p
        JOIN development_case c ON c.id = p.case_id
        JOIN org o ON o.id = c.org_id
        WHERE p.member_id = ${memberId} AND p.role = 'mentor' AND p.until IS NULL AND c.status = 'open'
        ORDER BY c.stage, c.applied_on, c.id
        LIMIT 100`,
  );
}

export interface NoteCaseRow {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  stage: 1 | 2 | 3 | 4 | 5;
  status: CaseStatus;
  appliedOn: string;
}

/** The few facts of a case the notes page shows and checks (no PII columns are read). */
export function findNoteCase(db: Db, caseId: string): Promise<NoteCaseRow | undefined> {
  return one<NoteCaseRow>(
    db,
    sql`SELECT c.id, c.name, c.org_id AS "orgId", o.name AS "orgName", o.path AS "orgPath", c.stage, c.status, c.applied_on AS "appliedOn"
        FROM development_case c JOIN org o ON o.id = c.org_id WHERE c.id = ${caseId}`,
  );
}

/** Whether the member is a current mentor of the case. */
export async function isCurrentMentor(db: Db, caseId: string, memberId: string): Promise<boolean> {
  const r = await one<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM development_case_person WHERE case_id = ${caseId} AND member_id = ${memberId} AND role = 'mentor' AND until IS NULL`,
  );
  return (r?.n ?? 0) > 0;
}

export interface NoteRow {
  id: string;
  caseId: string;
  authorMemberId: string | null;
  authorName: string;
  writtenOn: string;
  text: string;
  createdAt: string | Date;
}

const noteCols = sql.raw(`id, case_id AS "caseId", author_member_id AS "authorMemberId", author_name AS "authorName", written_on AS "writtenOn", text, created_at AS "createdAt"`);

/** A case's notes, newest first. */
export function findNotes(db: Db, caseId: string): Promise<NoteRow[]> {
  return rows<NoteRow>(db, sql`SELECT ${noteCols} FROM development_note WHERE case_id = ${caseId} ORDER BY written_on DESC, created_at DESC LIMIT 500`);
}

export async function insertNote(db: Db, v: { caseId: string; authorMemberId: string | null; authorName: string; writtenOn: string; text: string; at: Date }): Promise<NoteRow> {
  return (await one<NoteRow>(
    db,
    sql`INSERT INTO development_note (case_id, author_member_id, author_name, written_on, text, created_at)
        VALUES (${v.caseId}, ${v.authorMemberId}, ${v.authorName}, ${v.writtenOn}, ${v.text}, ${v.at}) RETURNING ${noteCols}`,
  ))!;
}
