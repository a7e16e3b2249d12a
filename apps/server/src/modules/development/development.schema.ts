import { sql } from 'drizzle-orm';
import { customType, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';
import { member } from '../member/member.schema.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * 发展党员 (《中国共产党发展党员工作细则》2026): one case per applicant (一人一档), one row per step taken
 * (一事一记). The applicant is not yet a member, so the ID number and phone are stored only as SM4 ciphertext
 * plus keyed blind indexes, exactly like the member file (ARCHITECTURE §7).
 */
export const developmentCase = pgTable(
  'development_case',
  {
    id: idColumn(),
    /** The branch handling the case (the applicant's work, study or residence organisation, 第六条). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity').notNull().default('01'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIdx: text('id_number_idx').notNull(),
    phoneEnc: text('phone_enc'),
    phoneIdx: text('phone_idx'),
    education: text('education'),
    occupation: text('occupation'),
    workUnit: text('work_unit'),
    /** The member category the file gets on approval (resident, in_service, …). */
    category: text('category').notNull().default('resident'),
    appliedOn: date('applied_on', { mode: 'string' }).notNull(),
    /** 1–5: 申请入党 / 入党积极分子 / 发展对象 / 预备党员接收 / 预备期 (the stage of the last step taken). */
    stage: integer('stage').notNull().default(1),
    /** `open` | `archived` (step 25 done) | `stopped` (not admitted: refused, withdrawn, probation cancelled). */
    status: text('status').notNull().default('open'),
    stoppedReason: text('stopped_reason'),
    /** Key dates copied from the steps so boards and limits read one row. */
    activistOn: date('activist_on', { mode: 'string' }),
    candidateOn: date('candidate_on', { mode: 'string' }),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    approvedOn: date('approved_on', { mode: 'string' }),
    probationEndsOn: date('probation_ends_on', { mode: 'string' }),
    fullMemberOn: date('full_member_on', { mode: 'string' }),
    /** The member file created on approval (step 17). */
    memberId: uuid('member_id').references(() => member.id),
    /** The applicant's own H5 account (kind `applicant`), when they applied online. */
    applicantAccountId: uuid('applicant_account_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('development_case_org_idx').on(t.orgId, t.status, t.stage),
    index('development_case_id_number_idx').on(t.idNumberIdx),
    // One open case per person: the database refuses a second even under a race.
    uniqueIndex('development_case_one_open').on(t.idNumberIdx).where(sql`status = 'open'`),
  ],
);

/**
 * A step taken (一步一审): its date, the org that acted, responsible people, decision, the step's own fields
 * (see the contracts' step table) and attachments. Repeatable steps (assessments, continued education)
 * have seq 1, 2, …; an authorised override of a refused limit keeps its reason and the rules it overrode.
 */
export const developmentStep = pgTable(
  'development_step',
  {
    id: idColumn(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => developmentCase.id),
    stepKey: text('step_key').notNull(),
    /** The step's number in the rules in force when it was recorded (the chart may renumber). */
    stepNo: integer('step_no').notNull(),
    seq: integer('seq').notNull().default(1),
    doneOn: date('done_on', { mode: 'string' }).notNull(),
    orgId: uuid('org_id').references(() => org.id),
    responsible: jsonb('responsible').notNull().default([]),
    decision: text('decision'),
    fields: jsonb('fields').notNull().default({}),
    attachments: jsonb('attachments').notNull().default([]),
    overrideReason: text('override_reason'),
    /** `[{ code, rule, article }]` of the limits overridden; shown to upper levels. */
    overridden: jsonb('overridden'),
    actorAccountId: uuid('actor_account_id'),
    actorName: text('actor_name'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('development_step_case_key_seq').on(t.caseId, t.stepKey, t.seq), index('development_step_override_idx').on(t.caseId).where(sql`override_reason IS NOT NULL`)],
);

/**
 * A file uploaded to a case (the application scan, minutes, the 入党志愿书 …) that its steps list among their
 * attachments (一事一记; 材料归档, 细则 第三十六条). Like the meeting attachments: type and size checked on upload from
 * the bytes, the SM3 digest kept so a reader can check the file is the one uploaded, and the bytes in the row —
 * app instances stay stateless and the file commits or rolls back with its row.
 */
export const developmentAttachment = pgTable(
  'development_attachment',
  {
    id: idColumn(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => developmentCase.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sm3: text('sm3').notNull(),
    content: bytea('content').notNull(),
    uploadedByAccountId: uuid('uploaded_by_account_id'),
    uploadedByName: text('uploaded_by_name'),
    createdAt: createdAt(),
  },
  (t) => [index('development_attachment_case_idx').on(t.caseId)],
);

/** Members named on a case (mentors 培养联系人, sponsors 入党介绍人): the mentor's H5 finds their cases here. */
export const developmentCasePerson = pgTable(
  'development_case_person',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => developmentCase.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    role: text('role').notNull(),
    since: date('since', { mode: 'string' }).notNull(),
    until: date('until', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.memberId, t.role] }), index('development_case_person_member_idx').on(t.memberId)],
);

/** Assessment notes (培养考察) written by mentors between the branch's six-monthly assessments. */
export const developmentNote = pgTable(
  'development_note',
  {
    id: idColumn(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => developmentCase.id),
    authorMemberId: uuid('author_member_id').references(() => member.id),
    authorName: text('author_name').notNull(),
    writtenOn: date('written_on', { mode: 'string' }).notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('development_note_case_idx').on(t.caseId, t.writtenOn)],
);

/** The yearly plan (发展计划) an org sets for its subtree; actual comes from approvals (step 17). */
export const developmentPlan = pgTable(
  'development_plan',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    year: integer('year').notNull(),
    planned: integer('planned').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] })],
);
