import { z } from 'zod';
import { isoDate, uuid } from '../common/common.schemas.ts';

/**
 * The applicant's and the mentor's side of 发展党员 on the H5 (/m/apply, /m/mentoring). These views are narrower
 * than the staff's case view on purpose: an applicant sees where their own application stands and what comes
 * next, never the branch's decisions, vote counts, responsible people or the mentors' notes; a mentor sees
 * their mentees' names and stages, never their ID numbers.
 */

const text = (label: string, max: number) => z.string({ error: `${label}必填` }).trim().min(1, { error: `${label}必填` }).max(max, { error: `${label}最多 ${max} 字` });
const optionalText = (label: string, max: number) => z.string().trim().max(max, { error: `${label}最多 ${max} 字` }).optional();

export const phoneNumber = z
  .string({ error: '手机号必填' })
  .trim()
  .regex(/^1\d{10}$/, { error: '手机号应为 11 位数字，以 1 开头' });

/** POST /api/development/register — public self-registration of an applicant account (kind `applicant`). */
export const registerApplicantBody = z.strictObject({
  name: text('姓名', 50),
  idNumber: text('身份证号', 18),
  phone: phoneNumber,
  password: z.string({ error: '密码必填' }).min(1, { error: '密码必填' }).max(128, { error: '密码最多 128 位' }),
});
export type RegisterApplicantBody = z.infer<typeof registerApplicantBody>;

/**
 * POST /api/development/apply — the applicant's written application (step 1) to a branch chosen from the
 * directory. The ID number is entered again and must be the one registered: the account keeps only a keyed
 * hash of it, and the case is where it is kept encrypted (docs/development.md, "Applicant and mentor H5").
 */
export const applicantApplyBody = z.strictObject({
  orgId: uuid,
  idNumber: text('身份证号', 18),
  /** Default today (Asia/Shanghai); never in the future. */
  appliedOn: isoDate.optional(),
  phone: phoneNumber.optional(),
  education: optionalText('学历', 10),
  occupation: optionalText('职业', 40),
  workUnit: optionalText('工作单位', 100),
});
export type ApplicantApplyBody = z.infer<typeof applicantApplyBody>;

export const branchSearchQuery = z.strictObject({ q: z.string().trim().max(50, { error: '查找内容最多 50 字' }).default('') });

export const applicantStepView = z.object({
  key: z.string(),
  number: z.number().int(),
  stage: z.number().int(),
  zh: z.string(),
  date: z.string(),
});

/** What comes next, in plain words: the step, from when and by when (from the rules' next steps). */
export const applicantNextView = z.object({
  key: z.string(),
  number: z.number().int(),
  zh: z.string(),
  earliest: z.string().nullable(),
  dueBy: z.string().nullable(),
  overdue: z.boolean(),
  /** e.g. "党组织将在 2026-12-20 前派人与您谈话". */
  text: z.string(),
});

export const applicantStageView = z.object({ stage: z.number().int(), zh: z.string(), state: z.enum(['done', 'current', 'todo']) });

export const applicantCaseView = z.object({
  id: uuid,
  orgName: z.string(),
  name: z.string(),
  /** Masked (ARCHITECTURE §7). */
  idNumber: z.string(),
  phone: z.string().nullable(),
  appliedOn: z.string(),
  stage: z.number().int().min(1).max(5),
  status: z.enum(['open', 'archived', 'stopped']),
  stages: z.array(applicantStageView),
  steps: z.array(applicantStepView),
  next: z.array(applicantNextView),
});
export type ApplicantCaseView = z.infer<typeof applicantCaseView>;

/** GET /api/development/my-case: the account's name and their case (null until they apply). */
export const myCaseView = z.object({ name: z.string(), case: applicantCaseView.nullable() });
export type MyCaseView = z.infer<typeof myCaseView>;

/** GET /api/development/mentoring: the activists and candidates the caller (a member) currently mentors. */
export const menteeView = z.object({
  caseId: uuid,
  name: z.string(),
  orgName: z.string(),
  stage: z.number().int().min(1).max(5),
  status: z.enum(['open', 'archived', 'stopped']),
  appliedOn: z.string(),
  activistOn: z.string().nullable(),
  mentorSince: z.string(),
  /** The branch's last 培养教育考察 (step 6), if any. */
  lastAssessmentOn: z.string().nullable(),
  /** Six months after the last assessment or the activist decision (细则 第十一条), while an assessment is open. */
  nextAssessmentDueBy: z.string().nullable(),
  lastNoteOn: z.string().nullable(),
});
export type MenteeView = z.infer<typeof menteeView>;

/** POST /api/development/cases/:id/notes — a mentor's assessment note (培养考察记录). */
export const createNoteBody = z.strictObject({
  writtenOn: isoDate,
  text: text('考察记录', 2000),
});

export const noteView = z.object({
  id: uuid,
  caseId: uuid,
  writtenOn: z.string(),
  text: z.string(),
  authorName: z.string(),
  /** Written by the caller (as member or account). */
  mine: z.boolean(),
  createdAt: z.string(),
});
export type NoteView = z.infer<typeof noteView>;

/** GET /api/development/cases/:id/notes — the mentee (name and stage only) with the notes, newest first. */
export const caseNotesView = z.object({
  caseId: uuid,
  name: z.string(),
  orgName: z.string(),
  stage: z.number().int().min(1).max(5),
  status: z.enum(['open', 'archived', 'stopped']),
  /** Whether the caller may add a note (a current mentor, or staff with development.write over the branch). */
  canWrite: z.boolean(),
  notes: z.array(noteView),
});
export type CaseNotesView = z.infer<typeof caseNotesView>;
