import type { z } from 'zod';
import { developmentStages, developmentSteps, type StepDef, type StepKey, type stepFields } from '@xianfeng/contracts/development/development.steps';
import { developmentFieldLabels, type CaseStatus } from '@xianfeng/contracts/development/development.schemas';

/**
 * Words for 发展党员 on screen. The steps, stages, fields and their names come from the contracts; what a shared
 * field means at one step (the contracts reuse `summary`, `conclusion`) and the words for each choice live here.
 */

/** Every field name any step records (the union over the contracts' `stepFields`). */
export type StepFieldName = { [K in StepKey]: keyof z.input<(typeof stepFields)[K]> & string }[StepKey];

/** Where one field means something particular at one step (the contracts reuse `summary`, `conclusion`). */
const stepFieldLabels: Partial<Record<StepKey, Partial<Record<StepFieldName, string>>>> = {
  talk: { summary: '谈话情况' },
  regularisation_vote: { extensionMonths: '延长预备期（月，6–12）' },
  approval: { conclusion: '审批结论', specialCaseReason: '特殊情况说明（审批超过 3 个月时填写）' },
  assessment: { summary: '考察情况', conclusion: '考察结论' },
  political_review: { summary: '书面结论', conclusion: '政审结论' },
  committee_review: { conclusion: '审查结论' },
  pre_review: { conclusion: '预审结论' },
  continued_education: { summary: '教育考察情况' },
  regularisation_approval: { conclusion: '审批结论' },
};

/** The columns of a row field (`notCounted`: who, and why they are not counted). */
const rowLabels: Record<string, string> = { name: '姓名', reason: '原因' };

/** A field's label: what it means at this step, else the contracts' name for it (the server's 400s use the same). */
export function labelOf(step: StepKey, field: string): string {
  return stepFieldLabels[step]?.[field as StepFieldName] ?? rowLabels[field] ?? developmentFieldLabels[field] ?? field;
}

/** Labels of the choices, by field then value. */
export const choiceLabels: Record<string, Record<string, string>> = {
  nomination: { member_recommendation: '党员推荐', mass_org_recommendation: '群团组织推优' },
  meeting: { branch_committee: '支部委员会会议', general_meeting: '支部党员大会' },
  conclusion: { good: '好', fair: '较好', poor: '一般', pass: '通过', fail: '不通过', approve: '批准', refuse: '不批准' },
  noticeResult: { no_objection: '无异议', objection_cleared: '有反映，经核实不影响发展', objection_barring: '有反映，影响发展' },
  talkerRole: { committee_member: '党委委员', organiser: '组织员' },
  outcome: { regularise: '按期转正', extend: '延长预备期', cancel: '取消预备党员资格' },
  archivedTo: { personnel_file: '本人人事档案', committee: '基层党委保管', org_department: '县级党委组织部门保管' },
  reason: { abroad: '出国出境', long_sick_leave: '长期病休', mobile_approved: '经支部同意外出流动' },
};

export const choiceLabel = (field: string, value: string) => choiceLabels[field]?.[value] ?? value;

export const stageLabel = (stage: number) => developmentStages.find((s) => s.stage === stage)?.zh ?? `第 ${stage} 阶段`;
/** Short stage names for tabs and columns. */
export const stageShort: Record<number, string> = { 1: '申请入党', 2: '入党积极分子', 3: '发展对象', 4: '预备党员接收', 5: '预备期' };

export const caseStatusLabels: Record<CaseStatus, string> = { open: '办理中', archived: '已归档', stopped: '已终止' };
export const caseStatusColors: Record<CaseStatus, string> = { open: 'processing', archived: 'success', stopped: 'default' };

export const stepDef = (key: string): StepDef | undefined => developmentSteps.find((s) => s.key === key);
export const stepByNumber = (n: number): StepDef | undefined => developmentSteps.find((s) => s.number === n);

/** Who takes a step, as the rules name them. */
export const actorLabels: Record<StepDef['actor'], string> = {
  applicant: '申请人',
  branch: '党支部',
  branch_committee: '支部委员会',
  general_meeting: '支部党员大会',
  committee: '上级党委',
  org_department: '上级党委组织部门',
};

/** Within this many days a deadline reads as 即将到期, until the board says the org's setting (`dueSoonDays`). */
export const DUE_SOON_DAYS = 7;

const DAY = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00+08:00`);

/** Whole days from `today` to `day` (negative when past). */
export const daysUntil = (day: string, today: string) => Math.round((dayMs(day) - dayMs(today)) / DAY);

export type DueState = 'overdue' | 'soon' | 'ok';
export function dueState(dueBy: string | null, overdue: boolean, today: string, soonDays = DUE_SOON_DAYS): DueState | null {
  if (!dueBy) return null;
  if (overdue) return 'overdue';
  const left = daysUntil(dueBy, today);
  if (left < 0) return 'overdue';
  return left <= soonDays ? 'soon' : 'ok';
}

/** Today as 'YYYY-MM-DD' in Beijing time (the browser runs on the server's clock in tests). */
export function todayInBeijing(now = Date.now()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(now));
}

/** An overridden rule as the record keeps it (`{ code, rule, article }`): the kind of rule and its article. */
export const overriddenText = (r: { code: string; article: string }) =>
  `${r.code === 'DEVELOPMENT_TIME_LIMIT' ? '时限' : '前置条件'}（依据：${r.article || '细则'}）`;
