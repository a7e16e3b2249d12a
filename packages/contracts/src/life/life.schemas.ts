import { z } from 'zod';
import { isoDate, pageQuery, uuid } from '../common/common.schemas.ts';
import { attendanceKinds, checkInMethods, leaveRequestStatuses, meetingStatuses } from './life.enums.ts';

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
  /** A built-in type (meetingTypes) or a custom type id from the `life.customTypes` setting (`custom_…`). */
  type: z.string({ error: '会议类型必填' }).regex(/^[a-z][a-z0-9_]{1,39}$/, { error: '会议类型不正确' }),
  title: text('会议名称', 100),
  startsAt: instant,
  endsAt: instant,
  place: text('会议地点', 100),
  lateEntryReason: z.string().trim().max(500, { error: '补录原因最多 500 个字' }).optional(),
  /** Where members who cannot come (流动党员) attend online: a video-meeting link. */
  onlineUrl: z.url({ protocol: /^https$/, error: '线上参会链接应为 https:// 开头的网址' }).max(500, { error: '线上参会链接最多 500 个字符' }).optional(),
  /** 谈心谈话 only: the two parties (member ids of the branch). */
  parties: z.array(uuid).max(2).optional(),
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

/** A file attached to the record (签到表照片, 课件, 决议扫描件): type and size checked on upload. */
export const attachmentView = z.object({ id: uuid, fileName: z.string(), mediaType: z.string(), size: z.number().int(), sm3: z.string(), createdAt: z.string() });
/** A correction appended to an approved (locked) record — the record itself never changes. */
export const appendedCorrectionView = z.object({ id: uuid, reason: z.string(), content: z.string(), by: z.string(), at: z.string() });
export const appendCorrectionBody = z.object({ reason: text('更正原因', 500), content: text('更正内容', 2000) });
/** POST /api/meetings/:id/attendees — invite more members (e.g. an upper-level leader, a 双报到 member). */
export const addAttendeesBody = z.object({ memberIds: z.array(uuid).min(1, { error: '请选择要增加的党员' }).max(200) });

export const meetingView = z.object({
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  type: z.string(),
  /** The type's Chinese name (built-in, or the custom type's label when the meeting was planned). */
  typeLabel: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  onlineUrl: z.string().nullable(),
  status: z.enum(meetingStatuses),
  lateEntry: z.boolean(),
  lateEntryReason: z.string().nullable(),
  cancelledReason: z.string().nullable(),
  createdAt: z.string(),
  counts: z.object({ expected: z.number().int(), present: z.number().int(), online: z.number().int(), leave: z.number().int() }),
  attendees: z.array(meetingAttendeeView),
  leaveRequests: z.array(leaveRequestView),
  attachments: z.array(attachmentView),
  appendedCorrections: z.array(appendedCorrectionView),
});
export type MeetingView = z.infer<typeof meetingView>;

/** GET /api/orgs/:id/meeting-types — what this org may plan: the built-in types for its kind and its custom ones. */
export const meetingTypeOptionView = z.object({ type: z.string(), label: z.string(), builtIn: z.boolean() });
export const meetingTypeOptionsView = z.object({ items: z.array(meetingTypeOptionView) });

export const meetingListItem = meetingView.omit({ attendees: true, leaveRequests: true, attachments: true, appendedCorrections: true });
/** GET /api/meetings/mine — a member's own meetings with their own attendance and leave request. */
export const myMeetingItem = meetingListItem.extend({
  myExpected: z.boolean(),
  myAttendance: z.enum(attendanceKinds).nullable(),
  myLeaveStatus: z.enum(leaveRequestStatuses).nullable(),
});
export const myMeetingsQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), ...pageQuery });
export const meetingListQuery = z.object({
  orgId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});

/** The venue screen's code: `url` is relative; `qrDataUrl` is a PNG of the absolute URL a phone camera opens. */
export const checkInTokenView = z.object({ token: z.string(), url: z.string(), qrDataUrl: z.string(), expiresAt: z.string(), opensAt: z.string(), closesAt: z.string() });
/** A member scanning the venue QR sends `token`; the organiser marks someone present with `memberId` and a reason. */
export const checkInBody = z.union([
  z.object({ token: z.string().min(1).max(500) }).strict(),
  /** A 流动党员 attending through the meeting's online link checks themself in as online. */
  z.object({ online: z.literal(true) }).strict(),
  z.object({ memberId: uuid, reason: text('补签原因', 200), online: z.boolean().optional() }).strict(),
]);
export const checkInView = z.object({ memberId: uuid, attendance: z.enum(attendanceKinds), checkedInAt: z.string(), method: z.enum(checkInMethods) });
export const leaveRequestBody = z.object({ reason: text('请假原因', 200) });
export const leaveDecisionBody = z.object({ decision: z.enum(['approve', 'refuse']), reason: z.string().trim().max(200).optional() });

const line = (label: string, max = 500) => z.string().trim().min(1, { error: `${label}不能为空` }).max(max, { error: `${label}最多 ${max} 个字` });

/** PUT /api/meetings/:id/minutes — the record of what happened (会议记录). */
export const minutesBody = z.object({
  hostMemberId: uuid,
  recorderMemberId: uuid,
  topics: z.array(line('议题', 200)).min(1, { error: '至少一个议题' }).max(20),
  keyPoints: line('主要内容', 5000),
  differingOpinions: z.string().trim().max(2000).optional(),
  decisions: z.array(line('决定事项', 500)).max(20).default([]),
  votes: z
    .array(z.object({ item: line('表决事项', 200), yes: z.number().int().min(0), no: z.number().int().min(0), abstain: z.number().int().min(0) }))
    .max(20)
    .default([]),
  followUps: z.array(z.object({ task: line('落实事项', 200), ownerName: line('负责人', 30), deadline: isoDate })).max(20).default([]),
  /** Why each absent member was absent (病假, 出差 …). */
  absences: z.array(z.object({ memberId: uuid, reason: line('缺席原因', 200) })).max(500).default([]),
  /** Members not counted as expected at this meeting, each with a reason (出国出境, 长期病休, 外出流动). */
  notExpected: z.array(z.object({ memberId: uuid, reason: line('不计入应到的原因', 200) })).max(500).default([]),
  /** Required once the upper level returned the record, or to correct a confirmed one: why it changes. */
  correctionReason: z.string().trim().max(500).optional(),
});
export type MinutesInput = z.infer<typeof minutesBody>;
export const minutesView = minutesBody.omit({ correctionReason: true }).extend({
  confirmedByRecorderAt: z.string().nullable(),
  confirmedByHostAt: z.string().nullable(),
  sameHostAndRecorder: z.boolean(),
  quorum: z.object({ rule: z.string(), shouldAttend: z.number().int(), present: z.number().int(), met: z.boolean() }).nullable(),
  review: z.object({ decision: z.enum(['approve', 'return']), comment: z.string().nullable(), by: z.string(), at: z.string() }).nullable(),
  corrections: z.array(z.object({ reason: z.string(), by: z.string(), at: z.string() })),
  hash: z.string().nullable(),
});
export type MinutesView = z.infer<typeof minutesView>;
export const reviewBody = z.object({ decision: z.enum(['approve', 'return']), comment: z.string().trim().max(1000).optional() });

export const cancelMeetingBody = z.object({ reason: text('取消原因', 200) });

export const complianceStatuses = ['met', 'due_soon', 'not_due', 'overdue', 'not_applicable'] as const;
const complianceStatus = z.enum(complianceStatuses);
/** One rule in one of its periods (GET /api/orgs/:id/compliance). */
export const complianceItemView = z.object({
  orgId: uuid,
  rule: z.string(),
  period: z.string(),
  required: z.number().int(),
  held: z.number().int(),
  lateEntries: z.number().int(),
  status: complianceStatus,
  source: z.string(),
});
const statusCounts = z.object({ met: z.number().int(), due_soon: z.number().int(), not_due: z.number().int(), overdue: z.number().int(), not_applicable: z.number().int() });
export const complianceQuery = z.object({ period: z.string().max(10) });
export const complianceBranchesQuery = z.object({ period: z.string().max(10), status: complianceStatus.optional(), ...pageQuery });
/** For upper levels: branches of the subtree by their worst item's status. */
export const complianceSummaryView = z.object({ orgId: uuid, period: z.string(), branches: z.number().int(), byWorst: statusCounts });
export const branchComplianceView = z.object({ orgId: uuid, code: z.string(), name: z.string(), worst: complianceStatus, counts: statusCounts });

export const lifePlanQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份应为 2026-12 的形式' }) });
/** GET /api/orgs/:id/life-plan?month= — the month's fixed day and the meetings still required. */
export const lifePlanView = z.object({
  orgId: uuid,
  month: z.string(),
  fixedDay: isoDate,
  proposals: z.array(z.object({ type: z.string(), period: z.string(), required: z.number().int(), held: z.number().int(), suggestedDate: isoDate, status: complianceStatus, source: z.string() })),
});
