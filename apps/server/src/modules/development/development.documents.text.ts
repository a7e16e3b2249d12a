import { educationCodes, ethnicityCodes } from '@xianfeng/contracts/member/member.enums';

/**
 * How the generated documents put dates and step records into words. Pure: the documents' data builder hands in
 * the names it looked up (members named on the case, orgs named in a step).
 */

/** 2026-11-23 → 2026年11月23日 */
export function zhDate(d: string | null | undefined): string {
  if (!d) return '';
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${day}日`;
}

/** 1995-03-08 → 1995年3月 (the notice gives the birth month, never the day or the ID number). */
export function zhMonth(d: string): string {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}

export const genderText = (g: string) => (g === 'female' ? '女' : '男');
export const ethnicityText = (code: string) => ethnicityCodes[code] ?? code;
/** Education is stored as the GB/T 4658 code or as free text; both print as words ('20' → 大学本科, as forms write it). */
export const educationText = (e: string | null) => (e ? (educationCodes[e] ?? e).replace(/教育$/, '') : '');

/** The overridable rules (development.rules.ts `overridableRules`) in words, for the record and the boards. */
const ruleWords: Record<string, string> = {
  talk_within_1_month: '收到入党申请书后一个月内派人谈话',
  activist_min_months: '递交入党申请书满规定月数后确定入党积极分子（本地规定）',
  assessment_every_6_months: '党支部每半年对入党积极分子进行一次考察',
  candidate_after_1_year: '确定为入党积极分子满一年后确定为发展对象',
  notice_5_working_days: '公示期不少于五个工作日',
  notice_calendar_missing: '按节假日安排核算公示工作日',
  listed_after_notice: '公示结束后列为发展对象',
  training_duration: '集中培训一般不少于三天或二十四个学时',
  branch_vote_within_1_month: '预审合格后一个月内提交支部党员大会讨论',
  approval_within_3_months: '支部大会通过后三个月内审批',
  approval_within_6_months: '特殊情况审批最长不超过六个月',
  oath_within_1_month: '批准后一般一个月内入党宣誓',
  oath_collective: '集中宣誓须由县级以上党委组织',
  regularisation_after_probation: '预备期满后讨论转正',
  regularisation_approval_within_3_months: '支部大会通过转正决议后三个月内审批',
  date_after_predecessor: '日期不早于前一环节',
  consent_after_decision: '上级党委同意在支部委员会研究之后',
  notice_after_consent: '公示在上级党委同意之后',
  training_missing: '未经集中培训的不能发展入党',
};
export const ruleText = (rule: string) => ruleWords[rule] ?? rule;

const meeting: Record<string, string> = { branch_committee: '支部委员会会议', general_meeting: '支部党员大会' };
const nomination: Record<string, string> = { member_recommendation: '党员推荐', mass_org_recommendation: '群团组织推优' };
const assessment: Record<string, string> = { good: '好', fair: '一般', poor: '较差' };
const passFail: Record<string, string> = { pass: '合格（通过）', fail: '不合格（不通过）' };
const noticeResult: Record<string, string> = { no_objection: '无异议', objection_cleared: '有反映，经核实不影响发展', objection_barring: '有反映，经核实不能发展' };
const talkerRole: Record<string, string> = { committee_member: '党委委员', organiser: '组织员' };
const archivedTo: Record<string, string> = { personnel_file: '本人人事档案', committee: '基层党委', org_department: '县级党委组织部门' };
const notCountedReason: Record<string, string> = { abroad: '出国出境', long_sick_leave: '长期病休', mobile_approved: '经批准外出流动' };
const outcome = (f: Record<string, unknown>) =>
  f.outcome === 'extend' ? `延长预备期 ${String(f.extensionMonths ?? '')} 个月` : f.outcome === 'cancel' ? '取消预备党员资格' : '按期转为正式党员';

type F = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** A ballot in words: who should attend, who did, the votes and the written opinions (细则 第十九、二十条). */
function ballot(f: F): string {
  const notCounted = Array.isArray(f.notCounted) ? (f.notCounted as { name: string; reason: string }[]) : [];
  return [
    `应到会有表决权的正式党员 ${str(f.votingShouldAttend)} 人，实到 ${str(f.votingPresent)} 人`,
    `赞成 ${str(f.yes)} 票、反对 ${str(f.no)} 票、弃权 ${str(f.abstain)} 票`,
    Number(f.writtenYes ?? 0) + Number(f.writtenNo ?? 0) > 0 ? `未到会党员书面意见：赞成 ${str(f.writtenYes)}、反对 ${str(f.writtenNo)}` : '',
    notCounted.length ? `不计入应到会人数：${notCounted.map((n) => `${n.name}（${notCountedReason[n.reason] ?? n.reason}）`).join('、')}` : '',
  ]
    .filter(Boolean)
    .join('；');
}

export interface Names {
  member: (id: string) => string;
  org: (id: string) => string;
}

/** A step's own fields in words, for the record sheets and the case file. */
export function stepDetails(key: string, f: F, names: Names): string {
  const members = (ids: unknown) => list(ids).map(names.member).join('、');
  switch (key) {
    case 'talk':
      return `谈话人：${list(f.talkers).join('、')}；谈话情况：${str(f.summary)}`;
    case 'activist_decision':
      return `推荐方式：${nomination[str(f.nomination)] ?? ''}；决定会议：${meeting[str(f.meeting)] ?? ''}`;
    case 'activist_filing':
      return `备案党委：${names.org(str(f.filedWithOrgId))}`;
    case 'mentors':
      return `培养联系人：${members(f.mentorMemberIds)}`;
    case 'assessment':
      return `考察结论：${assessment[str(f.conclusion)] ?? ''}；考察情况：${str(f.summary)}`;
    case 'candidate_decision':
      return `决定会议：${meeting[str(f.meeting)] ?? ''}；已听取党小组、培养联系人、党员和群众意见`;
    case 'candidate_consent_notice':
      return `上级党委同意：${names.org(str(f.consentOrgId))}（${zhDate(str(f.consentOn))}）；公示：${zhDate(str(f.noticeFrom))}至${zhDate(str(f.noticeTo))}，范围：${str(f.noticePlace)}；公示结果：${noticeResult[str(f.noticeResult)] ?? ''}`;
    case 'sponsors':
      return `入党介绍人：${members(f.sponsorMemberIds)}`;
    case 'political_review':
      return `政审结论：${passFail[str(f.conclusion)] ?? ''}（${str(f.reviewOrg)}）；${str(f.summary)}`;
    case 'training':
      return `集中培训 ${str(f.days ?? 0)} 天、${str(f.hours ?? 0)} 学时，${str(f.provider)}${f.online ? '，线上' : ''}${f.certificateNo ? `，结业证书编号 ${str(f.certificateNo)}` : ''}`;
    case 'committee_review':
      return `审查结论：${passFail[str(f.conclusion)] ?? ''}；到会支委 ${str(f.committeePresent)} 人（共 ${str(f.committeeSize)} 人）`;
    case 'pre_review':
      return `预审结论：${passFail[str(f.conclusion)] ?? ''}${f.leavingWithin3Months ? '；3 个月内将离开工作、学习单位' : ''}`;
    case 'application_form':
      return `入党志愿书编号：${str(f.formNo)}`;
    case 'branch_vote':
      return `${ballot(f)}；决议：${str(f.resolution)}`;
    case 'committee_talk':
      return `谈话人：${str(f.talker)}（${talkerRole[str(f.talkerRole)] ?? ''}）；谈话情况：${str(f.summary)}`;
    case 'approval':
      return `审批结论：${f.conclusion === 'approve' ? '同意接收为中共预备党员' : '不同意接收'}${f.specialCaseReason ? `；特殊情况：${str(f.specialCaseReason)}` : ''}`;
    case 'approval_filing':
      return `备案单位：${str(f.filedWith)}`;
    case 'assign_group':
      return f.groupId ? `编入党小组：${names.org(str(f.groupId))}` : '编入党支部';
    case 'oath':
      return `宣誓地点：${str(f.place)}${f.collective ? '（集体宣誓）' : ''}`;
    case 'continued_education':
      return `教育考察情况：${str(f.summary)}`;
    case 'regularisation_vote':
      return `表决事项：${outcome(f)}；${ballot(f)}；决议：${str(f.resolution)}`;
    case 'regularisation_approval':
      return `审批结论：${f.conclusion === 'approve' ? '同意' : '不同意'}`;
    case 'archive':
      return `归档去向：${archivedTo[str(f.archivedTo)] ?? ''}${f.location ? `，存放位置：${str(f.location)}` : ''}`;
    default:
      return '';
  }
}

/** The member ids and org ids a step's fields name, so the builder can look their names up in one go. */
export function namedIds(steps: { fields: F }[]): { members: string[]; orgs: string[] } {
  const members = new Set<string>();
  const orgs = new Set<string>();
  for (const { fields: f } of steps) {
    for (const id of [...list(f.mentorMemberIds), ...list(f.sponsorMemberIds)]) members.add(id);
    for (const k of ['filedWithOrgId', 'consentOrgId', 'groupId']) if (typeof f[k] === 'string') orgs.add(f[k]);
  }
  return { members: [...members], orgs: [...orgs] };
}
