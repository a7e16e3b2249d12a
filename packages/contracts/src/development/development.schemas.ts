import { z } from 'zod';
import { isoDate, pageQuery, uuid } from '../common/common.schemas.ts';
import { stepFields, type StepKey } from './development.steps.ts';

const text = (label: string, max: number) => z.string({ error: `${label}必填` }).trim().min(1, { error: `${label}必填` }).max(max, { error: `${label}最多 ${max} 字` });
const optionalText = (label: string, max: number) => z.string().trim().max(max, { error: `${label}最多 ${max} 字` }).optional();

export const caseStatuses = ['open', 'archived', 'stopped'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** POST /api/development/cases (exact contract: orgId, name, idNumber, appliedOn; the rest optional). */
export const createCaseBody = z.strictObject({
  orgId: uuid,
  name: text('姓名', 50),
  idNumber: text('身份证号', 18),
  appliedOn: isoDate,
  phone: optionalText('手机号', 20),
  ethnicity: z.string().regex(/^\d{2}$/, { error: '民族代码应为两位数字（GB/T 3304）' }).optional(),
  education: optionalText('学历', 10),
  occupation: optionalText('职业', 40),
  workUnit: optionalText('工作单位', 100),
  category: z.enum(['resident', 'in_service', 'mobile', 'retired'], { error: '党员类别无效' }).optional(),
});
export type CreateCaseBody = z.infer<typeof createCaseBody>;

/** The applicant's own application on the H5 (their account is kind `applicant`; the org is chosen from the directory). */
export const applyBody = createCaseBody.omit({ name: true, idNumber: true }).extend({ name: text('姓名', 50), idNumber: text('身份证号', 18) });

/** Fields every step records beside its own (一事一记): who was responsible, the decision, attachments. */
export const commonStepFields = {
  date: isoDate,
  responsible: z.array(text('责任人', 20)).max(10).default([]),
  decision: optionalText('意见或决定', 2000),
  /** Ids of files uploaded to this case (`POST /api/development/cases/:id/attachments`): scans, minutes, the 入党志愿书 …. */
  attachments: z.array(uuid).max(20).default([]),
  /** An authorised override of a refused time limit or precondition (`development.override`); always audited. */
  override: z.strictObject({ reason: text('越过规定办理的理由', 500) }).optional(),
};

/** POST /api/development/cases/:id/steps: `step` (number or key) first; the rest is checked against that step's fields. */
export const addStepEnvelope = z.looseObject({ step: z.union([z.number().int(), z.string().min(1)], { error: '请指定环节（编号或标识）' }) });

export function stepBodySchema(key: StepKey) {
  return stepFields[key].extend({ step: z.union([z.number().int(), z.string()]), ...commonStepFields });
}

export const caseListQuery = z.strictObject({
  orgId: uuid.optional(),
  stage: z.coerce.number().int().min(1).max(5).optional(),
  status: z.enum(caseStatuses).optional(),
  q: optionalText('搜索', 50),
  ...pageQuery,
});

export const overriddenRule = z.object({ code: z.string(), rule: z.string(), article: z.string() });

export const stepView = z.object({
  id: z.uuid(),
  key: z.string(),
  number: z.number().int(),
  stage: z.number().int(),
  seq: z.number().int(),
  date: z.string(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  responsible: z.array(z.string()),
  decision: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
  attachments: z.array(z.uuid()),
  /** The attachments' names, for links (`GET /api/development/cases/:id/attachments/:attachmentId`). */
  attachmentFiles: z.array(z.object({ id: z.uuid(), fileName: z.string() })).optional(),
  overrideReason: z.string().nullable(),
  overridden: z.array(overriddenRule).nullable(),
  actor: z.string().nullable(),
  recordedAt: z.string(),
});
export type StepView = z.infer<typeof stepView>;

/** POST /api/development/cases/:id/attachments — a file uploaded to a case, to be listed by a step's `attachments`. */
export const developmentAttachmentView = z.object({ id: z.uuid(), fileName: z.string(), mediaType: z.string(), size: z.number().int(), sm3: z.string(), uploadedAt: z.string() });
export type DevelopmentAttachmentView = z.infer<typeof developmentAttachmentView>;

/** What comes next: a step that may be taken now, or is blocked, with its deadline and the rules it must meet. */
export const nextStepView = z.object({
  key: z.string(),
  number: z.number().int(),
  zh: z.string(),
  earliest: z.string().nullable(),
  dueBy: z.string().nullable(),
  overdue: z.boolean(),
  blockedBy: z.array(z.object({ code: z.string(), message: z.string(), article: z.string() })),
});

export const caseView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  name: z.string(),
  gender: z.string(),
  birthDate: z.string(),
  /** Masked (ARCHITECTURE §7). */
  idNumber: z.string(),
  phone: z.string().nullable(),
  appliedOn: z.string(),
  stage: z.number().int().min(1).max(5),
  status: z.enum(caseStatuses),
  stoppedReason: z.string().nullable(),
  activistOn: z.string().nullable(),
  candidateOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  approvedOn: z.string().nullable(),
  probationEndsOn: z.string().nullable(),
  fullMemberOn: z.string().nullable(),
  memberId: z.uuid().nullable(),
  steps: z.array(stepView),
  next: z.array(nextStepView),
  version: z.number().int(),
});
export type CaseView = z.infer<typeof caseView>;

export const caseSummary = caseView.omit({ steps: true, next: true }).extend({ lastStep: z.number().int().nullable(), nextDueBy: z.string().nullable(), overdue: z.boolean() });

/** A rule's finding as a step answers it: a warning that did not stop the step (e.g. a holiday year not in the calendar). */
export const stepFinding = z.object({ code: z.string(), rule: z.string(), path: z.string(), message: z.string(), article: z.string() });

/** 201 of POST /api/development/cases/:id/steps: the case as it now is, plus the warnings the rules gave. */
export const recordedStepView = caseView.extend({ warnings: z.array(stepFinding) });

/** POST /api/development/cases/:id/stop — withdrawn or not admitted, with the reason (audited). */
export const stopCaseBody = z.strictObject({ reason: text('终止原因', 500) });

/** Chinese names of the step fields, so a 400 names the field the user sees (web forms use the same). */
export const developmentFieldLabels: Record<string, string> = {
  step: '环节',
  date: '办理日期',
  responsible: '责任人',
  decision: '意见或决定',
  attachments: '附件',
  override: '越过规定办理',
  reason: '理由',
  talkers: '谈话人',
  summary: '情况',
  nomination: '推荐方式',
  meeting: '决定会议',
  filedWithOrgId: '备案的上级党委',
  mentorMemberIds: '培养联系人',
  conclusion: '结论',
  opinionsHeard: '听取意见',
  consentOrgId: '同意的上级党委',
  consentOn: '上级党委同意日期',
  noticeFrom: '公示开始日期',
  noticeTo: '公示结束日期',
  noticePlace: '公示范围',
  noticeResult: '公示结果',
  sponsorMemberIds: '入党介绍人',
  reviewOrg: '政审单位',
  days: '培训天数',
  hours: '培训学时',
  provider: '培训组织单位',
  online: '线上培训',
  certificateNo: '结业证书编号',
  committeePresent: '到会支委人数',
  committeeSize: '支委会委员人数',
  leavingWithin3Months: '三个月内将离开工作学习单位',
  formNo: '入党志愿书编号',
  votingShouldAttend: '应到会有表决权党员数',
  votingPresent: '实到会有表决权党员数',
  yes: '赞成票',
  no: '反对票',
  abstain: '弃权票',
  writtenYes: '书面赞成意见',
  writtenNo: '书面反对意见',
  notCounted: '不计入应到人数的党员',
  resolution: '支部大会决议',
  talker: '谈话人',
  talkerRole: '谈话人身份',
  specialCaseReason: '特殊情况说明',
  filedWith: '备案单位',
  groupId: '党小组',
  place: '宣誓地点',
  collective: '集体宣誓',
  outcome: '表决事项',
  extensionMonths: '延长预备期月数',
  archivedTo: '归档去向',
  location: '存放位置',
};
