import { sql } from 'drizzle-orm';
import { date, index, integer, pgSequence, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';
import { member } from '../member/member.schema.ts';

/**
 * 在职党员双报到 (practice.md §2.4): the work unit registers its in-service members and prints their 报到证; the
 * residence community confirms with a 回执; members claim posts, pairings and teams, log service, and are
 * evaluated. Reported members are hosted by the community, never moved.
 */
export const reportUnit = pgTable('report_unit', {
  id: idColumn(),
  name: text('name').notNull(),
  creditCode: text('credit_code').unique(),
  /** The unit's own party organisation on the platform, when it has one. */
  orgId: uuid('org_id').references(() => org.id),
  createdAt: createdAt(),
});

/** Work-unit admin accounts (account kind `work_unit_admin`) and the unit each administers. */
export const reportUnitAdmin = pgTable(
  'report_unit_admin',
  {
    accountId: uuid('account_id').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => reportUnit.id),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.unitId] })],
);

export const reportInSeq = pgSequence('report_in_seq');

export const reportIn = pgTable(
  'report_in',
  {
    id: idColumn(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => reportUnit.id),
    memberId: uuid('member_id').references(() => member.id),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIdx: text('id_number_idx').notNull(),
    phoneEnc: text('phone_enc'),
    communityOrgId: uuid('community_org_id')
      .notNull()
      .references(() => org.id),
    /** registered → confirmed (回执) | declined; ended when the member stops reporting here. */
    status: text('status').notNull(),
    certificateNo: text('certificate_no').notNull().unique(),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    confirmedOn: date('confirmed_on', { mode: 'string' }),
    declineReason: text('decline_reason'),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('report_in_unit_idx').on(t.unitId, t.status),
    index('report_in_community_idx').on(t.communityOrgId, t.status),
    uniqueIndex('report_in_one_open').on(t.idNumberIdx, t.communityOrgId).where(sql`status IN ('registered', 'confirmed')`),
  ],
);

/** A community's menu: 岗位 (post), 结对 (pairing), 服务队 (team). */
export const reportPost = pgTable(
  'report_post',
  {
    id: idColumn(),
    communityOrgId: uuid('community_org_id')
      .notNull()
      .references(() => org.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    capacity: integer('capacity'),
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('report_post_community_idx').on(t.communityOrgId)],
);

export const reportClaim = pgTable(
  'report_claim',
  {
    id: idColumn(),
    reportInId: uuid('report_in_id')
      .notNull()
      .references(() => reportIn.id),
    postId: uuid('post_id')
      .notNull()
      .references(() => reportPost.id),
    claimedAt: timestamp('claimed_at', { withTimezone: true, mode: 'date' }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('report_claim_post_idx').on(t.postId), index('report_claim_report_idx').on(t.reportInId)],
);

/** Service logged by the member, approved by the community. */
export const reportService = pgTable(
  'report_service',
  {
    id: idColumn(),
    reportInId: uuid('report_in_id')
      .notNull()
      .references(() => reportIn.id),
    postId: uuid('post_id').references(() => reportPost.id),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    content: text('content').notNull(),
    status: text('status').notNull(),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
  },
  (t) => [index('report_service_report_idx').on(t.reportInId, t.servedOn)],
);

/** 五评议: self, leader, residents, community, organisation — one grade each per year. */
export const reportEvaluation = pgTable(
  'report_evaluation',
  {
    id: idColumn(),
    reportInId: uuid('report_in_id')
      .notNull()
      .references(() => reportIn.id),
    year: integer('year').notNull(),
    rater: text('rater').notNull(),
    grade: text('grade').notNull(),
    comment: text('comment'),
    recordedByName: text('recorded_by_name'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('report_evaluation_one').on(t.reportInId, t.year, t.rater)],
);
