import type { ApplicantCaseView } from '@xianfeng/contracts/development/development.h5.schemas';
import type { CaseView } from '@xianfeng/contracts/development/development.schemas';
import { developmentStages, findStep } from '@xianfeng/contracts/development/development.steps';

/**
 * The applicant's own view of their case: the stage, the steps done (key, number, name, date) and what comes
 * next in plain words. Built from the staff view by keeping only these fields, so the branch's decisions, vote
 * counts, responsible people, attachments, the acting org and the reasons of an override or a stop never reach
 * the applicant (一人一档 is the branch's record; the applicant sees their progress).
 */

/** `2026年12月20日`: dates as people write them. */
export function zhDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/** What the applicant is told for the steps they meet in person or take themselves. */
const phrases: Partial<Record<string, string>> = {
  talk: '党组织派人与您谈话',
  activist_decision: '党支部研究确定您为入党积极分子',
  activist_filing: '党支部报上级党委备案',
  mentors: '党组织为您指定培养联系人',
  assessment: '党支部对您进行培养教育考察',
  candidate_decision: '党支部研究确定您为发展对象',
  candidate_consent_notice: '报上级党委同意，并对您进行公示',
  sponsors: '党组织为您确定两名入党介绍人',
  political_review: '党组织对您进行政治审查',
  training: '参加集中培训',
  committee_review: '支部委员会审查您的材料',
  pre_review: '上级党委进行预审',
  application_form: '在入党介绍人指导下填写入党志愿书',
  branch_vote: '支部党员大会讨论您的入党问题',
  committee_talk: '上级党委派人与您谈话',
  approval: '上级党委审批',
  oath: '面向党旗进行入党宣誓',
  continued_education: '党组织对您继续进行教育考察',
  regularisation_application: '您向党组织提出书面转正申请',
  regularisation_vote: '支部党员大会讨论您能否按期转正',
  regularisation_approval: '上级党委审批您的转正',
};

/** One next step in plain words: who does what, from when and by when. */
export function nextStepText(n: Pick<CaseView['next'][number], 'key' | 'zh' | 'earliest' | 'dueBy' | 'overdue'>, today: string): string {
  const what = phrases[n.key] ?? n.zh;
  const parts = [what];
  if (n.earliest && n.earliest > today) parts.push(`最早在${zhDate(n.earliest)}起办理`);
  if (n.dueBy) parts.push(n.overdue ? `应在${zhDate(n.dueBy)}前完成，已超过期限，请联系党支部` : `应在${zhDate(n.dueBy)}前完成`);
  return parts.join('，');
}

export function toApplicantCaseView(c: CaseView, today: string): ApplicantCaseView {
  const open = c.next.filter((n) => n.blockedBy.length === 0);
  // Steps waiting on an earlier one are noise to the applicant; show them only when nothing else is possible.
  const next = (open.length ? open : c.next).slice(0, 3);
  return {
    id: c.id,
    orgName: c.orgName,
    name: c.name,
    idNumber: c.idNumber,
    phone: c.phone,
    appliedOn: c.appliedOn,
    stage: c.stage,
    status: c.status,
    stages: developmentStages.map((s) => ({
      stage: s.stage,
      zh: s.zh,
      state: c.status === 'archived' || s.stage < c.stage ? ('done' as const) : s.stage === c.stage ? ('current' as const) : ('todo' as const),
    })),
    steps: c.steps.map((s) => ({ key: s.key, number: s.number, stage: findStep(s.key)?.stage ?? s.stage, zh: findStep(s.key)?.zh ?? s.key, date: s.date })),
    next: next.map((n) => ({ key: n.key, number: n.number, zh: n.zh, earliest: n.earliest, dueBy: n.dueBy, overdue: n.overdue, text: nextStepText(n, today) })),
  };
}
