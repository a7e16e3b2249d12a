import { z } from 'zod';
import { isoDate, pageOf, pageQuery, uuid } from '../common/common.schemas.ts';
import { grades, postKinds, raters, reportInActions, reportInStatuses, serviceStatuses } from './report-in.enums.ts';

const text = (label: string, max: number) => z.string({ error: `${label}必填` }).trim().min(1, { error: `${label}必填` }).max(max, { error: `${label}最多 ${max} 字` });
const optionalText = (label: string, max: number) => z.string().trim().max(max, { error: `${label}最多 ${max} 字` }).optional();
const personName = z
  .string({ error: '姓名必填' })
  .trim()
  .min(2, { error: '姓名至少 2 个字' })
  .max(30, { error: '姓名最多 30 个字' })
  .regex(/^[\p{Script=Han}A-Za-z·．.\s]+$/u, { error: '姓名只能包含汉字、字母和间隔号' });
const phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: '手机号码应为 11 位，以 1 开头' });
const year = z.coerce.number({ error: '年度应为 2000–2100 之间的整数' }).int({ error: '年度应为 2000–2100 之间的整数' }).min(2000, { error: '年度应为 2000–2100 之间的整数' }).max(2100, { error: '年度应为 2000–2100 之间的整数' });
const username = z
  .string({ error: '请输入用户名' })
  .trim()
  .min(3, { error: '用户名至少 3 个字符' })
  .max(64, { error: '用户名最多 64 个字符' })
  .regex(/^[A-Za-z0-9_.@-]+$/, { error: '用户名只能包含字母、数字和 _ . @ -' });

// ---- work units and their admin accounts ----

export const unitAdminBody = z.strictObject({ username, displayName: text('管理员姓名', 64) });

/** POST /api/report-in/units — by an org admin (account.write): the unit and its first admin account. */
export const createUnitBody = z.strictObject({
  name: text('单位名称', 100),
  creditCode: z.string().trim().toUpperCase().optional(),
  /** The unit's own party organisation on the platform, if any. */
  orgId: uuid.optional(),
  admin: unitAdminBody,
});

export const unitFigures = z.object({ registered: z.number().int(), confirmed: z.number().int(), pending: z.number().int() });
export const unitView = z.object({
  id: uuid,
  name: z.string(),
  creditCode: z.string().nullable(),
  orgId: uuid.nullable(),
  orgName: z.string().nullable(),
  createdAt: z.string(),
  /** Listed to account administrators and to the unit's own admins only. */
  admins: z.array(z.object({ accountId: uuid, username: z.string(), displayName: z.string().nullable() })),
  /** Within the caller's scope (a community sees only registrations to communities it covers). */
  figures: unitFigures,
});
export type UnitView = z.infer<typeof unitView>;
export const createdUnitView = z.object({ unit: unitView, admin: z.object({ accountId: uuid, username: z.string(), temporaryPassword: z.string() }) });

/** A residence community one may report to (the unit admin picks it; staff see their own). */
export const communityEntry = z.object({ id: uuid, code: z.string(), name: z.string(), parentName: z.string().nullable() });
export type CommunityEntry = z.infer<typeof communityEntry>;
export const communityQuery = z.object({ q: z.string().trim().max(50, { error: '最多 50 字' }).default(''), mine: z.enum(['true', 'false']).optional() });

// ---- registrations ----

/** POST /api/report-in — the unit registers one in-service member (the import does the same row by row). */
export const registerBody = z.strictObject({
  unitId: uuid,
  name: personName,
  idNumber: z.string({ error: '身份证号码必填' }).trim().min(1, { error: '身份证号码必填' }).max(32, { error: '身份证号码应为 18 位' }),
  phone: phone.optional(),
  communityOrgId: uuid,
});
export type RegisterBody = z.infer<typeof registerBody>;

export const declineBody = z.strictObject({ reason: text('退回原因', 200) });
export const endBody = z.strictObject({ reason: text('结束原因', 200) });

export const reportInListQuery = z.object({
  unitId: uuid.optional(),
  communityOrgId: uuid.optional(),
  status: z.enum(reportInStatuses, { error: '状态无效' }).optional(),
  q: z.string().trim().max(30, { error: '最多 30 字' }).optional(),
  ...pageQuery,
});

export const reportInSummary = z.object({
  id: uuid,
  unitId: uuid,
  unitName: z.string(),
  name: z.string(),
  /** Always masked (ARCHITECTURE §7). */
  idNumber: z.string(),
  onPlatform: z.boolean(),
  communityOrgId: uuid,
  communityName: z.string(),
  status: z.enum(reportInStatuses),
  certificateNo: z.string(),
  registeredOn: z.string(),
  confirmedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  activeClaims: z.number().int(),
  approvedMinutes: z.number().int(),
  pendingServices: z.number().int(),
  /** 五评议 grades so far (every year), for the evaluation grid. */
  grades: z.array(z.object({ year: z.number().int(), rater: z.enum(raters), grade: z.enum(grades) })),
});
export type ReportInSummary = z.infer<typeof reportInSummary>;
export const reportInPage = pageOf(reportInSummary);

export const claimView = z.object({ id: uuid, postId: uuid, postTitle: z.string(), postKind: z.enum(postKinds), claimedAt: z.string(), releasedAt: z.string().nullable() });
export const serviceView = z.object({
  id: uuid,
  reportInId: uuid,
  name: z.string(),
  unitName: z.string(),
  communityName: z.string(),
  postId: uuid.nullable(),
  postTitle: z.string().nullable(),
  servedOn: z.string(),
  minutes: z.number().int(),
  content: z.string(),
  status: z.enum(serviceStatuses),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type ServiceView = z.infer<typeof serviceView>;
export const evaluationView = z.object({
  id: uuid,
  year: z.number().int(),
  rater: z.enum(raters),
  grade: z.enum(grades),
  comment: z.string().nullable(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type EvaluationView = z.infer<typeof evaluationView>;

export const reportInView = reportInSummary.extend({
  memberId: uuid.nullable(),
  phone: z.string().nullable(),
  declineReason: z.string().nullable(),
  receiptNo: z.string().nullable(),
  claims: z.array(claimView),
  services: z.array(serviceView),
  evaluations: z.array(evaluationView),
  certificatePdfUrl: z.string(),
  /** The page the 报到证's QR opens (signed token): the member can also show it on the phone at the community. */
  verifyPath: z.string(),
  receiptPdfUrl: z.string().nullable(),
  /** What the caller may do now, and which 五评议 grades they record. */
  actions: z.array(z.enum(reportInActions)),
  raters: z.array(z.enum(raters)),
  version: z.number().int(),
});
export type ReportInView = z.infer<typeof reportInView>;

export const importResult = z.object({ imported: z.number().int(), errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })) });
export type ReportInImportResult = z.infer<typeof importResult>;

export const certificateBatchQuery = z.object({
  unitId: uuid,
  status: z.enum(reportInStatuses, { error: '状态无效' }).optional(),
  ids: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').filter(Boolean) : undefined))
    .pipe(z.array(uuid).max(200, { error: '一次最多打印 200 份' }).optional()),
});

export const certificateVerifyView = z.object({
  valid: z.boolean(),
  state: z.enum(['pending', 'confirmed', 'void', 'invalid']),
  certificateNo: z.string().nullable(),
  name: z.string().nullable(),
  unitName: z.string().nullable(),
  communityName: z.string().nullable(),
  registeredOn: z.string().nullable(),
  confirmedOn: z.string().nullable(),
});

export const inboxView = z.object({ toConfirm: z.number().int(), pendingServices: z.number().int() });

// ---- the community's menu, claims and service logs ----

const capacity = z.number({ error: '名额应为 1–500 的整数' }).int({ error: '名额应为 1–500 的整数' }).min(1, { error: '名额应为 1–500 的整数' }).max(500, { error: '名额应为 1–500 的整数' });
export const createPostBody = z.strictObject({
  communityOrgId: uuid,
  kind: z.enum(postKinds, { error: '请选择类型（岗位、结对或服务队）' }),
  title: text('名称', 60),
  description: optionalText('说明', 500),
  /** Omitted: no limit. */
  capacity: capacity.optional(),
});
export const updatePostBody = z.strictObject({
  title: text('名称', 60).optional(),
  description: optionalText('说明', 500),
  capacity: capacity.nullable().optional(),
  closed: z.boolean().optional(),
});
export const postView = z.object({
  id: uuid,
  communityOrgId: uuid,
  communityName: z.string(),
  kind: z.enum(postKinds),
  title: z.string(),
  description: z.string().nullable(),
  capacity: z.number().int().nullable(),
  claimed: z.number().int(),
  closedOn: z.string().nullable(),
  createdAt: z.string(),
});
export type PostView = z.infer<typeof postView>;
export const postListQuery = z.object({ communityOrgId: uuid, includeClosed: z.enum(['true', 'false']).optional() });

export const claimBody = z.strictObject({ postId: uuid });

export const serviceBody = z.strictObject({
  servedOn: isoDate,
  minutes: z.number({ error: '服务时长应为 1–600 分钟' }).int({ error: '服务时长应为整数分钟' }).min(1, { error: '服务时长应为 1–600 分钟' }).max(600, { error: '服务时长应为 1–600 分钟' }),
  content: z.string({ error: '服务内容必填' }).trim().min(4, { error: '请写清服务内容（至少 4 个字）' }).max(500, { error: '服务内容最多 500 字' }),
  postId: uuid.optional(),
});
export const serviceDecisionBody = z.strictObject({ approve: z.boolean({ error: '请选择认定或不认定' }), note: optionalText('审核意见', 200) });
export const serviceListQuery = z.object({
  communityOrgId: uuid.optional(),
  unitId: uuid.optional(),
  status: z.enum(serviceStatuses, { error: '状态无效' }).optional(),
  ...pageQuery,
});
export const servicePage = pageOf(serviceView);

export const evaluationBody = z.strictObject({
  year,
  rater: z.enum(raters, { error: '评议项无效' }),
  grade: z.enum(grades, { error: '请选择等次（优秀、良好、一般、较差）' }),
  comment: optionalText('评语', 300),
});

// ---- statistics ----

export const statsQuery = z.object({ orgId: uuid.optional(), from: isoDate, to: isoDate });
export const figures = z.object({
  /** Registrations open at some time in the period (not declined). */
  registered: z.number().int(),
  /** Of those, confirmed by the community by the period's end. */
  confirmed: z.number().int(),
  /** Of those, still waiting for the community. */
  pending: z.number().int(),
  /** Members with at least one approved service in the period. */
  active: z.number().int(),
  /** Approved service in the period, in minutes. */
  serviceMinutes: z.number().int(),
});
export type ReportInFigures = z.infer<typeof figures>;
export const statsView = z.object({
  from: z.string(),
  to: z.string(),
  totals: figures,
  /** Staff: the chosen organisation's children, each rolled up over its subtree. */
  byOrg: z.array(figures.extend({ orgId: uuid, orgName: z.string() })),
  byCommunity: z.array(figures.extend({ orgId: uuid, orgName: z.string() })),
  byUnit: z.array(figures.extend({ unitId: uuid, unitName: z.string() })),
});
export type ReportInStatsView = z.infer<typeof statsView>;

/** GET /api/report-in/mine — the member's own registrations with their community's open menu. */
export const mineView = z.object({ items: z.array(reportInView.extend({ menu: z.array(postView) })) });
export type ReportInMineView = z.infer<typeof mineView>;
