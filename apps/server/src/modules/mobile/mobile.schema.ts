import { boolean, date, index, integer, pgSequence, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';
import { member } from '../member/member.schema.ts';

/**
 * 流动党员 (党员教育管理工作条例 第三十二条; regulations.md §6): the outflow registry kept by the member's own
 * branch, and the inflow registry of members from elsewhere taking part here (hosted, not moved).
 */
export const mobileOutflow = pgTable(
  'mobile_outflow',
  {
    id: idColumn(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    /** The outflow branch when registered (the member's org then). */
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    destination: text('destination').notNull(),
    /** The inflow party organisation, when known (on or off the platform). */
    inflowOrgName: text('inflow_org_name'),
    inflowOrgId: uuid('inflow_org_id').references(() => org.id),
    reason: text('reason').notNull(),
    /** SM4 ciphertext of the contact phone while away (never plaintext). */
    contactPhoneEnc: text('contact_phone_enc'),
    contactNote: text('contact_note'),
    leftOn: date('left_on', { mode: 'string' }).notNull(),
    expectedReturnOn: date('expected_return_on', { mode: 'string' }),
    /** At a relatively fixed place: six months there without a transfer is an alert (第二十五条). */
    fixedPlace: boolean('fixed_place').notNull().default(false),
    status: text('status').notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    lastContactOn: date('last_contact_on', { mode: 'string' }),
    lostContactSince: date('lost_contact_since', { mode: 'string' }),
    /** 流动党员活动证 number, once issued. */
    certificateNo: text('certificate_no').unique(),
    createdByAccountId: uuid('created_by_account_id'),
    createdByName: text('created_by_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('mobile_outflow_org_idx').on(t.orgId, t.status), index('mobile_outflow_member_idx').on(t.memberId)],
);

export const mobileCertificateSeq = pgSequence('mobile_certificate_seq');

/** Contact and activity reports of an outflow member (at least yearly). */
export const mobileReport = pgTable(
  'mobile_report',
  {
    id: idColumn(),
    outflowId: uuid('outflow_id')
      .notNull()
      .references(() => mobileOutflow.id),
    kind: text('kind').notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    recordedByAccountId: uuid('recorded_by_account_id'),
    recordedByName: text('recorded_by_name'),
    createdAt: createdAt(),
  },
  (t) => [index('mobile_report_outflow_idx').on(t.outflowId, t.reportedOn)],
);

/** Members from elsewhere taking part in this org's activities (流入党员), with their 活动证. */
export const mobileInflow = pgTable(
  'mobile_inflow',
  {
    id: idColumn(),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references(() => org.id),
    /** Set when the member's file is on the platform (their outflow registration here or elsewhere). */
    memberId: uuid('member_id').references(() => member.id),
    outflowId: uuid('outflow_id').references(() => mobileOutflow.id),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc'),
    idNumberIdx: text('id_number_idx'),
    phoneEnc: text('phone_enc'),
    homeOrgName: text('home_org_name').notNull(),
    homeOrgContact: text('home_org_contact'),
    certificateNo: text('certificate_no'),
    arrivedOn: date('arrived_on', { mode: 'string' }).notNull(),
    expectedLeaveOn: date('expected_leave_on', { mode: 'string' }),
    status: text('status').notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
    lastAlertAt: timestamp('last_alert_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('mobile_inflow_host_idx').on(t.hostOrgId, t.status), index('mobile_inflow_id_idx').on(t.idNumberIdx)],
);
