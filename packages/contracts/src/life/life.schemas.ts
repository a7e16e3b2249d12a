import { z } from 'zod';
import { isoDate, pageQuery, uuid } from '../common/common.schemas.ts';
import { attendanceKinds, checkInMethods, leaveRequestStatuses, meetingStatuses, meetingTypes } from './life.enums.ts';

const instant = z.iso.datetime({ offset: true, error: '时间应为带时区的 ISO 8601 格式，如 2026-12-01T14:30:00+08:00' });
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必填` })
    .trim()
    .min(1, { error: `${label}必填` })
    .max(max, { error: `${label}最多 ${max} 个字` });

/** POST /api/meetings (exact contract). */
export const createMeetingBody = z.object({
  orgId: uuid,
  type: z.enum(meetingTypes, { error: '会议类型不正确' }),
  title: text('会议名称', 100),
  startsAt: instant,
  endsAt: instant,
  place: text('会议地点', 100),
  lateEntryReason: z.string().trim().max(500, { error: '补录原因最多 500 个字' }).optional(),
});
export type CreateMeetingInput = z.infer<typeof createMeetingBody>;

export const meetingAttendeeView = z.object({
  memberId: uuid,
  name: z.string(),
  expected: z.boolean(),
  /** Why a member is not counted as expected (出国出境, 长期病休, 外出流动…). */
  notExpectedReason: z.string().nullable(),
  attendance: z.enum(attendanceKinds).nullable(),
  checkedInAt: z.string().nullable(),
  method: z.enum(checkInMethods).nullable(),
  manualReason: z.string().nullable(),
});

export const leaveRequestView = z.object({
  id: uuid,
  memberId: uuid,
  name: z.string(),
  reason: z.string(),
  status: z.enum(leaveRequestStatuses),
  decidedReason: z.string().nullable(),
  createdAt: z.string(),
});

export const meetingView = z.object({
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  type: z.enum(meetingTypes),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  status: z.enum(meetingStatuses),
  lateEntry: z.boolean(),
  lateEntryReason: z.string().nullable(),
  cancelledReason: z.string().nullable(),
  createdAt: z.string(),
  counts: z.object({ expected: z.number().int(), present: z.number().int(), online: z.number().int(), leave: z.number().int() }),
  attendees: z.array(meetingAttendeeView),
  leaveRequests: z.array(leaveRequestView),
});
export type MeetingView = z.infer<typeof meetingView>;

export const meetingListItem = meetingView.omit({ attendees: true, leaveRequests: true });
export const meetingListQuery = z.object({
  orgId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});

export const checkInTokenView = z.object({ token: z.string(), url: z.string(), expiresAt: z.string(), opensAt: z.string(), closesAt: z.string() });
/** A member scanning the venue QR sends `token`; the organiser marks someone present with `memberId` and a reason. */
export const checkInBody = z.union([
  z.object({ token: z.string().min(1).max(500) }).strict(),
  z.object({ memberId: uuid, reason: text('补签原因', 200), online: z.boolean().optional() }).strict(),
]);
export const checkInView = z.object({ memberId: uuid, attendance: z.enum(attendanceKinds), checkedInAt: z.string(), method: z.enum(checkInMethods) });
export const leaveRequestBody = z.object({ reason: text('请假原因', 200) });
export const leaveDecisionBody = z.object({ decision: z.enum(['approve', 'refuse']), reason: z.string().trim().max(200).optional() });
