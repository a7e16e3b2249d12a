import { z } from 'zod';
import { isoDate, uuid, pageQuery } from '../common/common.schemas.ts';
import {
  ageBands,
  disciplineKinds,
  educationCodes,
  ethnicityCodes,
  genders,
  leaveKinds,
  memberCategories,
  suspensionBases,
  memberStates,
  memberStatuses,
} from './member.enums.ts';

/** Chinese labels of member fields, used to name the field in error messages. */
export const memberFieldLabels: Record<string, string> = {
  orgId: '所在党组织',
  groupId: '党小组',
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '身份证号码',
  phone: '手机号码',
  address: '住址',
  education: '学历',
  occupation: '职业',
  joinedOn: '入党日期',
  fullMemberOn: '转正日期',
  status: '党员类型',
  category: '管理类别',
  workUnit: '工作单位',
  gridId: '网格',
  householdHub: '党员中心户',
  lostContact: '失联党员',
  notes: '备注',
  reason: '事由',
  leftOn: '出党日期',
  decidedOn: '决定日期',
  decisionRef: '决定文号',
  decidedBy: '决定机关',
  basis: '停止党籍依据',
};

const ethnicity = z.string().refine((c) => c in ethnicityCodes, { error: '民族代码不在 GB/T 3304 中' });
const education = z.string().refine((c) => c in educationCodes, { error: '学历代码不在 GB/T 4658 中' });
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

const editable = {
  groupId: uuid.nullable().optional(),
  ethnicity: ethnicity.optional(),
  phone: phone.nullable().optional(),
  address: z.string().trim().max(200, { error: '住址最多 200 个字' }).nullable().optional(),
  education: education.nullable().optional(),
  occupation: z.string().trim().max(50).nullable().optional(),
  fullMemberOn: isoDate.nullable().optional(),
  category: z.enum(memberCategories, { error: '管理类别应为 resident / in_service / mobile / retired' }).optional(),
  workUnit: z.string().trim().max(100).nullable().optional(),
  gridId: uuid.nullable().optional(),
  householdHub: z.boolean().optional(),
  lostContact: z.boolean().optional(),
  notes: z.string().max(2000).nullable().optional(),
};

export const createMemberBody = z.object({
  orgId: uuid,
  name: personName,
  idNumber: z.string({ error: '身份证号码必填' }).trim().min(1, { error: '身份证号码必填' }).max(32),
  gender: z.enum(genders, { error: '性别应为 male 或 female' }),
  birthDate: isoDate,
  joinedOn: isoDate,
  status: z.enum(memberStatuses, { error: '党员类型应为 full 或 probationary' }),
  ...editable,
  category: z.enum(memberCategories, { error: '管理类别应为 resident / in_service / mobile / retired' }),
});
export type CreateMemberInput = z.infer<typeof createMemberBody>;

/** PATCH never changes orgId, status or state: transfers, development and leaving do (ARCHITECTURE §5). */
export const updateMemberBody = z
  .object({
    name: personName.optional(),
    gender: z.enum(genders).optional(),
    birthDate: isoDate.optional(),
    idNumber: z.string().trim().min(1).max(32).optional(),
    joinedOn: isoDate.optional(),
    version: z.number().int().optional(),
    ...editable,
  })
  .strict();
export type UpdateMemberInput = z.infer<typeof updateMemberBody>;

export const memberView = z.object({
  id: uuid,
  orgId: uuid,
  groupId: uuid.nullable(),
  name: z.string(),
  gender: z.enum(genders),
  ethnicity: z.string(),
  birthDate: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  education: z.string().nullable(),
  occupation: z.string().nullable(),
  joinedOn: z.string(),
  fullMemberOn: z.string().nullable(),
  status: z.enum(memberStatuses),
  state: z.enum(memberStates),
  category: z.enum(memberCategories),
  workUnit: z.string().nullable(),
  gridId: uuid.nullable(),
  householdHub: z.boolean(),
  lostContact: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MemberView = z.infer<typeof memberView>;

/** A row of the member list: the member plus the name of their organisation. */
export const memberListItem = memberView.extend({ orgName: z.string() });
export type MemberListItem = z.infer<typeof memberListItem>;

export const disciplineView = z.object({
  id: uuid,
  kind: z.enum(disciplineKinds),
  decidedOn: z.string(),
  endsOn: z.string().nullable(),
  rightsRestoredOn: z.string().nullable(),
  reason: z.string(),
});

export const memberFileView = memberView.extend({
  orgName: z.string(),
  groupName: z.string().nullable(),
  notes: z.string().nullable(),
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  age: z.number().int(),
  partyStandingYears: z.number().int(),
  hasVotingRights: z.boolean(),
  discipline: z.array(disciplineView),
  unmasked: z.array(z.string()),
  version: z.number().int(),
});

export const memberListQuery = z.object({
  orgId: uuid.optional(),
  q: z.string().trim().max(50).optional(),
  state: z.enum(memberStates).optional(),
  status: z.enum(memberStatuses).optional(),
  category: z.enum(memberCategories).optional(),
  gender: z.enum(genders).optional(),
  education: z.string().max(4).optional(),
  ageBand: z.enum(ageBands).optional(),
  ...pageQuery,
});

/** GET /api/members/export.xlsx: the list filters (no paging) plus an audited unmask with a reason. */
export const memberExportQuery = memberListQuery.omit({ page: true, pageSize: true }).extend({
  unmask: z
    .enum(['true', 'false'], { error: 'unmask 只能是 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
  reason: z.string().trim().max(200).optional(),
});

export const memberReadQuery = z.object({
  unmask: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : []))
    .pipe(z.array(z.enum(['idNumber', 'phone', 'address'], { error: 'unmask 只能是 idNumber、phone、address' }))),
  reason: z.string().trim().max(200).optional(),
});

/** 文号 of the organisation's decision, e.g. 明纪发〔2026〕3号 (free text: numbering differs by issuer). */
const decisionRef = z.string({ error: '决定文号：请填写' }).trim().min(2, { error: '决定文号：请填写组织决定的文号' }).max(100, { error: '决定文号：最多 100 个字' });
const decidedBy = z.string().trim().max(100, { error: '决定机关：最多 100 个字' });

/**
 * 出党 (death, withdrawal, removal, expulsion, other). decisionRef and decidedBy are optional here so older
 * clients keep working; the service requires decisionRef for removal and expulsion (they are decisions).
 */
export const leaveBody = z.object({
  kind: z.enum(leaveKinds, { error: '出党类型应为 death / withdrawal / removal / expulsion / other' }),
  leftOn: isoDate,
  reason: z.string({ error: '请填写出党原因' }).trim().min(2, { error: '请填写出党原因' }).max(500),
  decisionRef: decisionRef.optional(),
  decidedBy: decidedBy.optional(),
});

/** 停止党籍 (党员教育管理工作条例 第二十四条). */
export const suspendBody = z.object({
  decidedOn: isoDate,
  basis: z.enum(suspensionBases, { error: '停止党籍依据应为 lost_contact / abroad / other' }),
  reason: z.string({ error: '事由：请填写' }).trim().min(2, { error: '事由：请填写停止党籍的事由' }).max(500),
  decisionRef,
  decidedBy: decidedBy.optional(),
});

/** 恢复党籍: contact regained after a suspension, or a removal or expulsion overturned on appeal (申诉复议). */
export const restoreBody = z.object({
  decidedOn: isoDate,
  reason: z.string({ error: '事由：请填写' }).trim().min(2, { error: '事由：请填写恢复党籍的事由' }).max(500),
  decisionRef,
  decidedBy: decidedBy.optional(),
});

export const disciplineBody = z.object({
  kind: z.enum(disciplineKinds),
  decidedOn: isoDate,
  endsOn: isoDate.optional(),
  reason: z.string().trim().min(2).max(500),
});

export const memberEventView = z.object({
  id: uuid,
  kind: z.string(),
  occurredAt: z.string(),
  actor: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** POST /api/members/import?mode=&orgId= (multipart field `file`). */
export const memberImportQuery = z.object({
  orgId: uuid,
  mode: z.enum(['all', 'valid_only'], { error: '导入方式应为 all（有错则全部不导入）或 valid_only（只导入正确的行）' }).default('all'),
});
export const memberImportTemplateQuery = z.object({ orgId: uuid.optional() });

/** One refusal, located as the user sees it in Excel: row number and column letter (null: the whole row). */
export const memberImportError = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
/** At most the first 1,000 errors are listed; `failed` counts every refused row. */
export const memberImportResult = z.object({
  imported: z.number().int(),
  failed: z.number().int(),
  errors: z.array(memberImportError),
});
export type MemberImportResult = z.infer<typeof memberImportResult>;
export type MemberImportError = z.infer<typeof memberImportError>;

/** GET /api/orgs/:id/hosted-members — the host org's limited view of 挂靠 members (双报到, 流入党员). */
export const hostedMemberView = z.object({
  id: z.uuid(),
  kind: z.enum(['report_in', 'mobile_inflow']),
  name: z.string(),
  homeOrgName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  onPlatform: z.boolean(),
});
