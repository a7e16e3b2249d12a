import { boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';
import { org } from '../org/org.schema.ts';
import { member } from '../member/member.schema.ts';

/**
 * One organisational-life meeting (三会一课, 主题党日, 组织生活会 …) of a branch or group. `late_entry` is
 * set by the server when the record was created after `starts_at` (补录) and can never be cleared.
 */
export const meeting = pgTable(
  'meeting',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    type: text('type').notNull(),
    // The type's name when planned: a custom type renamed later keeps its old meetings' name.
    typeLabel: text('type_label').notNull().default(''),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }).notNull(),
    place: text('place').notNull(),
    // For members who cannot come (流动党员): a video-meeting link now, our own video later.
    onlineUrl: text('online_url'),
    status: text('status').notNull().default('planned'),
    lateEntry: boolean('late_entry').notNull().default(false),
    lateEntryReason: text('late_entry_reason'),
    cancelledReason: text('cancelled_reason'),
    minutes: jsonb('minutes'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('meeting_org_starts_idx').on(t.orgId, t.startsAt)],
);

/** Who should attend and who did: expected attendees derived at planning, adjustable with reasons. */
export const meetingAttendee = pgTable(
  'meeting_attendee',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    expected: boolean('expected').notNull().default(true),
    notExpectedReason: text('not_expected_reason'),
    attendance: text('attendance'),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true, mode: 'date' }),
    method: text('method'),
    manualReason: text('manual_reason'),
    markedBy: uuid('marked_by'),
  },
  (t) => [uniqueIndex('meeting_attendee_pk').on(t.meetingId, t.memberId), index('meeting_attendee_member_idx').on(t.memberId)],
);

export const meetingLeaveRequest = pgTable(
  'meeting_leave_request',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => member.id),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    decidedReason: text('decided_reason'),
    decidedBy: uuid('decided_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_leave_request_one').on(t.meetingId, t.memberId)],
);

/**
 * A file attached to a meeting's record (sign-in sheet photo, slides, a scanned resolution). The bytes
 * are kept in the row; type and size were checked on upload (magic bytes, not the client's name or
 * MIME), and the SM3 digest lets a reader check the file is the one uploaded.
 */
export const meetingAttachment = pgTable(
  'meeting_attachment',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sm3: text('sm3').notNull(),
    // In the database, not on a local disk: app instances stay stateless (等保 hot redundancy), and the
    // file commits or rolls back with its row — nothing acknowledged is lost.
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_attachment_meeting_idx').on(t.meetingId)],
);

/**
 * A correction appended to an approved (locked) record: the record and its hash never change; what was
 * wrong and why is written here, in order, and shown with the record and in the ledger.
 */
export const meetingCorrection = pgTable(
  'meeting_correction',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id),
    reason: text('reason').notNull(),
    content: text('content').notNull(),
    byName: text('by_name').notNull(),
    byAccount: uuid('by_account'),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_correction_meeting_idx').on(t.meetingId)],
);
