import { z } from 'zod';
import { isoDate, uuid } from '../common/common.schemas.ts';

/**
 * The 5 stages and 25 steps of 发展党员 (中组部 flowchart; articles of the 2026 《中国共产党发展党员工作细则》,
 * regulations.md §3) as data. A revised chart that renumbers or inserts steps is a change here: keys are
 * stable, numbers are the chart's. Time limits and preconditions are evaluated by the server's
 * `development.rules.ts`, keyed by these step keys; the per-step fields below are what each step must record
 * (a missing one is 400), and the web builds each step's form from them.
 */
export const developmentStages = [
  { stage: 1, zh: '申请入党', en: 'Application' },
  { stage: 2, zh: '入党积极分子的确定和培养教育', en: 'Activist' },
  { stage: 3, zh: '发展对象的确定和考察', en: 'Development candidate' },
  { stage: 4, zh: '预备党员的接收', en: 'Acceptance' },
  { stage: 5, zh: '预备党员的教育考察和转正', en: 'Probation and regularisation' },
] as const;
export type DevelopmentStage = 1 | 2 | 3 | 4 | 5;

/** Who takes the step: the branch, its committee, the higher committee (needs `development.approve` and an
 * org with can_approve_members), the organisation department above it, or the applicant. */
export const stepActors = ['applicant', 'branch', 'branch_committee', 'general_meeting', 'committee', 'org_department'] as const;
export type StepActor = (typeof stepActors)[number];

const text = (label: string, max: number) => z.string({ error: `${label}必填` }).trim().min(1, { error: `${label}必填` }).max(max, { error: `${label}最多 ${max} 字` });
const optionalText = (label: string, max: number) => z.string().trim().max(max, { error: `${label}最多 ${max} 字` }).optional();
const count = (label: string) => z.number({ error: `${label}必须是整数` }).int({ error: `${label}必须是整数` }).min(0, { error: `${label}不能为负数` }).max(100000, { error: `${label}过大` });

/** A general-meeting ballot (细则 第十九、二十条; regulations §2.5, §10). */
export const voteFields = {
  /** 应到会有表决权的正式党员 (all voting full members, minus those not counted — each with a reason). */
  votingShouldAttend: count('应到会有表决权党员数'),
  votingPresent: count('实到会有表决权党员数'),
  yes: count('赞成票'),
  no: count('反对票'),
  abstain: count('弃权票'),
  /** Written opinions of absent voting members handed in before the meeting: counted as votes, not presence. */
  writtenYes: count('书面赞成意见').default(0),
  writtenNo: count('书面反对意见').default(0),
  notCounted: z.array(z.strictObject({ name: text('不计入应到人数的党员', 20), reason: z.enum(['abroad', 'long_sick_leave', 'mobile_approved'], { error: '不计入应到人数的原因无效' }) })).max(500).default([]),
};
export const voteBody = z.strictObject(voteFields);
export type Vote = z.infer<typeof voteBody>;

export const regularisationOutcomes = ['regularise', 'extend', 'cancel'] as const;

/** The fields each step records beside the common ones (date, responsible, decision, attachments). */
export const stepFields = {
  apply: z.strictObject({}),
  talk: z.strictObject({ talkers: z.array(text('谈话人', 20)).min(1, { error: '谈话人必填' }).max(3), summary: text('谈话情况', 2000) }),
  activist_decision: z.strictObject({
    nomination: z.enum(['member_recommendation', 'mass_org_recommendation'], { error: '推荐方式必填：党员推荐或群团组织推优' }),
    meeting: z.enum(['branch_committee', 'general_meeting'], { error: '决定会议必填' }),
  }),
  activist_filing: z.strictObject({ filedWithOrgId: uuid }),
  mentors: z.strictObject({ mentorMemberIds: z.array(uuid).min(1, { error: '培养联系人为 1 至 2 名正式党员' }).max(2, { error: '培养联系人为 1 至 2 名正式党员' }) }),
  assessment: z.strictObject({ summary: text('考察情况', 2000), conclusion: z.enum(['good', 'fair', 'poor'], { error: '考察结论必填' }) }),
  candidate_decision: z.strictObject({
    meeting: z.enum(['branch_committee', 'general_meeting'], { error: '决定会议必填' }),
    /** 听取党小组、培养联系人、党员和群众意见 (第十三条). */
    opinionsHeard: z.literal(true, { error: '须听取党小组、培养联系人、党员和群众意见' }),
  }),
  candidate_consent_notice: z.strictObject({
    consentOrgId: uuid,
    consentOn: isoDate,
    noticeFrom: isoDate,
    noticeTo: isoDate,
    noticePlace: text('公示范围', 200),
    noticeResult: z.enum(['no_objection', 'objection_cleared', 'objection_barring'], { error: '公示结果必填' }),
  }),
  sponsors: z.strictObject({ sponsorMemberIds: z.array(uuid).length(2, { error: '入党介绍人须为 2 名正式党员' }) }),
  political_review: z.strictObject({ conclusion: z.enum(['pass', 'fail'], { error: '政审结论必填' }), reviewOrg: text('政审单位', 100), summary: text('书面结论', 2000) }),
  training: z.strictObject({
    days: z.number({ error: '培训天数必须是数字' }).min(0).max(365).default(0),
    hours: z.number({ error: '培训学时必须是数字' }).min(0).max(2000).default(0),
    provider: text('培训组织单位', 100),
    online: z.boolean().default(false),
    certificateNo: optionalText('结业证书编号', 50),
  }),
  committee_review: z.strictObject({ conclusion: z.enum(['pass', 'fail'], { error: '审查结论必填' }), committeePresent: count('到会支委人数'), committeeSize: count('支委会委员人数') }),
  pre_review: z.strictObject({ conclusion: z.enum(['pass', 'fail'], { error: '预审结论必填' }), leavingWithin3Months: z.boolean().default(false) }),
  application_form: z.strictObject({ formNo: text('入党志愿书编号', 50) }),
  branch_vote: z.strictObject({ ...voteFields, resolution: text('支部大会决议', 2000) }),
  committee_talk: z.strictObject({ talker: text('谈话人', 20), talkerRole: z.enum(['committee_member', 'organiser'], { error: '谈话人应为党委委员或组织员' }), summary: text('谈话情况', 2000) }),
  approval: z.strictObject({
    conclusion: z.enum(['approve', 'refuse'], { error: '审批结论必填' }),
    /** 特殊情况 lets approval take up to 6 months (第二十四条); the reason is recorded. */
    specialCaseReason: optionalText('特殊情况说明', 500),
  }),
  approval_filing: z.strictObject({ filedWith: text('备案单位', 100) }),
  assign_group: z.strictObject({ groupId: uuid.optional() }),
  oath: z.strictObject({ place: text('宣誓地点', 100), collective: z.boolean().default(false) }),
  continued_education: z.strictObject({ summary: text('教育考察情况', 2000) }),
  regularisation_application: z.strictObject({}),
  regularisation_vote: z.strictObject({
    ...voteFields,
    outcome: z.enum(regularisationOutcomes, { error: '表决事项必填：按期转正、延长预备期或取消预备党员资格' }),
    extensionMonths: z.number().int().min(6, { error: '延长预备期为 6 至 12 个月' }).max(12, { error: '延长预备期为 6 至 12 个月' }).optional(),
    resolution: text('支部大会决议', 2000),
  }),
  regularisation_approval: z.strictObject({ conclusion: z.enum(['approve', 'refuse'], { error: '审批结论必填' }) }),
  archive: z.strictObject({ archivedTo: z.enum(['personnel_file', 'committee', 'org_department'], { error: '归档去向必填' }), location: optionalText('存放位置', 200) }),
} as const;
export type StepKey = keyof typeof stepFields;

export interface StepDef {
  key: StepKey;
  /** The chart's number (1–25). */
  number: number;
  stage: DevelopmentStage;
  zh: string;
  actor: StepActor;
  /** Repeatable steps (assessment every six months, continued education) and steps taken again after an
   * extension of probation keep seq 1, 2, … */
  repeatable: boolean;
  /** 细则 (2026) article(s). */
  article: string;
}

export const developmentSteps: readonly StepDef[] = [
  { key: 'apply', number: 1, stage: 1, zh: '递交入党申请书', actor: 'applicant', repeatable: false, article: '第五条、第六条' },
  { key: 'talk', number: 2, stage: 1, zh: '党组织派人谈话', actor: 'branch', repeatable: false, article: '第七条' },
  { key: 'activist_decision', number: 3, stage: 2, zh: '推荐和确定入党积极分子', actor: 'branch_committee', repeatable: false, article: '第八条' },
  { key: 'activist_filing', number: 4, stage: 2, zh: '上级党委备案', actor: 'committee', repeatable: false, article: '第八条' },
  { key: 'mentors', number: 5, stage: 2, zh: '指定培养联系人', actor: 'branch', repeatable: true, article: '第九条' },
  { key: 'assessment', number: 6, stage: 2, zh: '培养教育考察', actor: 'branch', repeatable: true, article: '第十条至第十二条' },
  { key: 'candidate_decision', number: 7, stage: 3, zh: '确定发展对象', actor: 'branch_committee', repeatable: false, article: '第十三条' },
  { key: 'candidate_consent_notice', number: 8, stage: 3, zh: '报上级党委同意并公示', actor: 'committee', repeatable: false, article: '第十三条' },
  { key: 'sponsors', number: 9, stage: 3, zh: '确定入党介绍人', actor: 'branch', repeatable: false, article: '第十四条、第十五条' },
  { key: 'political_review', number: 10, stage: 3, zh: '进行政治审查', actor: 'branch', repeatable: false, article: '第十六条' },
  { key: 'training', number: 11, stage: 3, zh: '开展集中培训', actor: 'committee', repeatable: false, article: '第十七条' },
  { key: 'committee_review', number: 12, stage: 4, zh: '支部委员会审查', actor: 'branch_committee', repeatable: false, article: '第十八条' },
  { key: 'pre_review', number: 13, stage: 4, zh: '上级党委预审', actor: 'committee', repeatable: false, article: '第十八条' },
  { key: 'application_form', number: 14, stage: 4, zh: '填写入党志愿书', actor: 'applicant', repeatable: false, article: '第十五条、第十八条' },
  { key: 'branch_vote', number: 15, stage: 4, zh: '支部大会讨论', actor: 'general_meeting', repeatable: false, article: '第十九条至第二十一条' },
  { key: 'committee_talk', number: 16, stage: 4, zh: '上级党委派人谈话', actor: 'committee', repeatable: false, article: '第二十三条' },
  { key: 'approval', number: 17, stage: 4, zh: '上级党委审批', actor: 'committee', repeatable: false, article: '第二十二条、第二十四条、第二十五条' },
  { key: 'approval_filing', number: 18, stage: 4, zh: '再上一级党委组织部门备案', actor: 'org_department', repeatable: false, article: '第二十五条' },
  { key: 'assign_group', number: 19, stage: 5, zh: '编入党支部和党小组', actor: 'branch', repeatable: false, article: '第二十八条' },
  { key: 'oath', number: 20, stage: 5, zh: '入党宣誓', actor: 'branch', repeatable: false, article: '第二十九条' },
  { key: 'continued_education', number: 21, stage: 5, zh: '继续教育考察', actor: 'branch', repeatable: true, article: '第三十条' },
  { key: 'regularisation_application', number: 22, stage: 5, zh: '提出转正申请', actor: 'applicant', repeatable: true, article: '第三十一条、第三十二条' },
  { key: 'regularisation_vote', number: 23, stage: 5, zh: '支部大会讨论', actor: 'general_meeting', repeatable: true, article: '第三十一条、第三十二条' },
  { key: 'regularisation_approval', number: 24, stage: 5, zh: '上级党委审批', actor: 'committee', repeatable: true, article: '第三十三条' },
  { key: 'archive', number: 25, stage: 5, zh: '材料归档', actor: 'branch', repeatable: false, article: '第三十六条' },
];

/** A step by its number (1–25) or key, as `POST /api/development/cases/:id/steps` accepts it. */
export function findStep(ref: number | string): StepDef | undefined {
  return developmentSteps.find((s) => (typeof ref === 'number' ? s.number === ref : s.key === ref || String(s.number) === ref));
}
