import { z } from 'zod';
import { isoDate, pageQuery, uuid } from '../common/common.schemas.ts';
import { orgKinds } from '../org/org.enums.ts';
import { inflowStatuses, mobileAlerts, outflowOutcomes, outflowStatuses, reportKinds } from './mobile.enums.ts';

const text = (label: string, max: number) => z.string({ error: `${label}必填` }).trim().min(1, { error: `${label}必填` }).max(max, { error: `${label}最多 ${max} 字` });
const optionalText = (label: string, max: number) => z.string().trim().max(max, { error: `${label}最多 ${max} 字` }).nullable().optional();
const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: '手机号码应为 11 位，以 1 开头' });
const personName = z
  .string({ error: '姓名必填' })
  .trim()
  .min(2, { error: '姓名至少 2 个字' })
  .max(30, { error: '姓名最多 30 个字' })
  .regex(/^[\p{Script=Han}A-Za-z·．.\s]+$/u, { error: '姓名只能包含汉字、字母和间隔号' });

// ---- outflow (流出党员) ----

const outflowFields = {
  destination: text('外出地点', 100),
  /** The inflow party organisation by name (on or off the platform). */
  inflowOrgName: optionalText('流入党组织', 100),
  /** The inflow organisation when it is on the platform. */
  inflowOrgId: uuid.nullable().optional(),
  reason: text('外出原因', 100),
  contactPhone: phone.nullable().optional(),
  contactNote: optionalText('联系方式备注', 200),
  leftOn: isoDate,
  expectedReturnOn: isoDate.nullable().optional(),
  /** At a relatively fixed place (six months there without a transfer is an alert, 第二十五条). */
  fixedPlace: z.boolean().default(false),
};

/** POST /api/mobile/outflows */
export const registerOutflowBody = z.strictObject({ memberId: uuid, ...outflowFields });
export type RegisterOutflowInput = z.input<typeof registerOutflowBody>;

/** PATCH /api/mobile/outflows/:id — the facts of an open registration (the member and status are not edited here). */
export const updateOutflowBody = z.strictObject({
  destination: outflowFields.destination.optional(),
  inflowOrgName: outflowFields.inflowOrgName,
  inflowOrgId: outflowFields.inflowOrgId,
  reason: outflowFields.reason.optional(),
  contactPhone: outflowFields.contactPhone,
  contactNote: outflowFields.contactNote,
  leftOn: isoDate.optional(),
  expectedReturnOn: outflowFields.expectedReturnOn,
  fixedPlace: z.boolean().optional(),
  version: z.number().int().optional(),
});
export type UpdateOutflowInput = z.infer<typeof updateOutflowBody>;

/** POST /api/mobile/outflows/:id/end — back home, or the relation was transferred. */
export const endOutflowBody = z.strictObject({ outcome: z.enum(outflowOutcomes, { error: '结束方式应为 returned 或 transferred' }), endedOn: isoDate, note: optionalText('备注', 200) });

/** POST /api/mobile/outflows/:id/reports */
export const reportBody = z.strictObject({
  kind: z.enum(reportKinds, { error: '汇报类型应为 contact、activity 或 thought' }),
  reportedOn: isoDate,
  content: text('汇报内容', 1000),
});

/** POST /api/mobile/outflows/:id/lost-contact — from when nobody could reach the member. */
export const lostContactBody = z.strictObject({ since: isoDate, note: optionalText('备注', 200) });

export const outflowListQuery = z.object({
  orgId: uuid.optional(),
  status: z.enum([...outflowStatuses, 'open'], { error: '状态无效' }).optional(),
  alert: z.enum(mobileAlerts, { error: '提醒类型无效' }).optional(),
  q: z.string().trim().max(30).optional(),
  ...pageQuery,
});

export const alertFlags = z.object({
  transferDue: z.boolean(),
  lostContact: z.boolean(),
  reportDue: z.boolean(),
});

export const outflowView = z.object({
  id: uuid,
  memberId: uuid,
  memberName: z.string(),
  orgId: uuid,
  orgName: z.string(),
  destination: z.string(),
  inflowOrgName: z.string().nullable(),
  inflowOrgId: uuid.nullable(),
  reason: z.string(),
  /** Masked (138****5678). */
  contactPhone: z.string().nullable(),
  contactNote: z.string().nullable(),
  leftOn: z.string(),
  expectedReturnOn: z.string().nullable(),
  fixedPlace: z.boolean(),
  status: z.enum(outflowStatuses),
  endedOn: z.string().nullable(),
  lastContactOn: z.string().nullable(),
  lastReportOn: z.string().nullable(),
  lostContactSince: z.string().nullable(),
  certificateNo: z.string().nullable(),
  monthsAway: z.number().int(),
  /** When a transfer is due (fixed place only), the next report is due, and contact counts as lost. */
  transferDueOn: z.string().nullable(),
  reportDueOn: z.string().nullable(),
  alerts: alertFlags,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type OutflowView = z.infer<typeof outflowView>;

export const reportView = z.object({
  id: uuid,
  kind: z.enum(reportKinds),
  reportedOn: z.string(),
  content: z.string(),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ReportView = z.infer<typeof reportView>;

export const outflowDetailView = outflowView.extend({ reports: z.array(reportView) });
export type OutflowDetailView = z.infer<typeof outflowDetailView>;

/** The 流动党员活动证 of an outflow registration. */
export const mobileCertificateView = z.object({
  certificateNo: z.string(),
  issuedOn: z.string(),
  pdfUrl: z.string(),
  /** The page the QR code opens (signed token). */
  verifyPath: z.string(),
});
export type MobileCertificateView = z.infer<typeof mobileCertificateView>;

/** GET /api/mobile/certificates/verify — public; nothing but masked facts. */
export const mobileCertificateVerifyView = z.object({
  valid: z.boolean(),
  state: z.enum(['valid', 'void', 'invalid']),
  certificateNo: z.string().nullable(),
  memberName: z.string().nullable(),
  outflowOrgName: z.string().nullable(),
  destination: z.string().nullable(),
  issuedOn: z.string().nullable(),
});
export type MobileCertificateVerifyView = z.infer<typeof mobileCertificateVerifyView>;

/** GET /api/mobile/my — the member's own open registration and 活动证 (H5). */
export const myMobileView = z.object({
  outflow: outflowView.nullable(),
  certificate: mobileCertificateView.nullable(),
});
export type MyMobileView = z.infer<typeof myMobileView>;

// ---- inflow (流入党员) ----

/** POST /api/mobile/inflows */
export const registerInflowBody = z.strictObject({
  hostOrgId: uuid,
  name: personName,
  idNumber: z.string().trim().max(32).nullable().optional(),
  phone: phone.nullable().optional(),
  homeOrgName: text('原所在党组织', 100),
  homeOrgContact: optionalText('原党组织联系人及电话', 100),
  /** 流动党员活动证 number; one issued on the platform links the registration to the member's file. */
  certificateNo: z.string().trim().max(40).nullable().optional(),
  arrivedOn: isoDate,
  expectedLeaveOn: isoDate.nullable().optional(),
});
export type RegisterInflowInput = z.input<typeof registerInflowBody>;

export const updateInflowBody = z.strictObject({
  phone: phone.nullable().optional(),
  homeOrgContact: optionalText('原党组织联系人及电话', 100),
  expectedLeaveOn: isoDate.nullable().optional(),
  version: z.number().int().optional(),
});

export const leaveInflowBody = z.strictObject({ leftOn: isoDate });

export const inflowListQuery = z.object({
  orgId: uuid.optional(),
  status: z.enum(inflowStatuses, { error: '状态无效' }).optional(),
  q: z.string().trim().max(30).optional(),
  ...pageQuery,
});

export const inflowView = z.object({
  id: uuid,
  hostOrgId: uuid,
  hostOrgName: z.string(),
  name: z.string(),
  /** Masked (110101********1234). */
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  homeOrgName: z.string(),
  homeOrgContact: z.string().nullable(),
  certificateNo: z.string().nullable(),
  arrivedOn: z.string(),
  expectedLeaveOn: z.string().nullable(),
  status: z.enum(inflowStatuses),
  leftOn: z.string().nullable(),
  onPlatform: z.boolean(),
  monthsHere: z.number().int(),
  /** Here at least `mobile.fixedPlaceTransferMonths`: the relation should move here (第二十五条). */
  transferDue: z.boolean(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type InflowView = z.infer<typeof inflowView>;

// ---- roll-ups ----

export const mobileCounts = z.object({
  away: z.number().int(),
  lostContact: z.number().int(),
  returned: z.number().int(),
  transferred: z.number().int(),
  transferDue: z.number().int(),
  reportDue: z.number().int(),
  certificates: z.number().int(),
  inflowHosted: z.number().int(),
});
export type MobileCounts = z.infer<typeof mobileCounts>;

/** GET /api/mobile/summary?orgId= — the org's subtree, one row per child subtree, and what sits on the org itself. */
export const mobileSummaryView = z.object({
  orgId: uuid,
  orgName: z.string(),
  totals: mobileCounts,
  /** Registrations on the org itself (a general branch holding members directly). */
  direct: mobileCounts,
  children: z.array(z.object({ orgId: uuid, orgName: z.string(), kind: z.enum(orgKinds), counts: mobileCounts })),
  /** The thresholds used for the alert counts (the picked org's settings). */
  settings: z.object({ fixedPlaceTransferMonths: z.number().int(), lostContactMonths: z.number().int(), reportIntervalMonths: z.number().int() }),
});
export type MobileSummaryView = z.infer<typeof mobileSummaryView>;
