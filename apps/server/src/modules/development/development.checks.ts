import type { StepKey } from '@xianfeng/contracts/development/development.steps';
import { addDays, addMonths, anniversary } from '../../platform/dates.ts';
import { calendarCoverage, nthWorkingDay, workingDaysBetween, yearsBetween } from '../../platform/workdays.ts';
import { eligibleFrom, influencePeriodsOn, isEligibleAge, rightsSuspendedOn } from './development.limits.ts';
import { ids, lastOf, num, probationOf, str, type CaseFacts, type RuleFinding, type StepContext } from './development.progress.ts';
import { committeeQuorumMet, generalMeetingResult, voteOf } from './development.votes.ts';

/** The step-specific rules of checkStep (development.rules.ts runs the common ones first). */

export interface Check {
  facts: CaseFacts;
  date: string;
  fields: Record<string, unknown>;
  ctx: StepContext;
  /** The code follows the rule (`timeLimitRules`); findings carrying their own code (votes) keep it. */
  refuse(f: Omit<RuleFinding, 'code'>): void;
  warn(f: Omit<RuleFinding, 'code'>): void;
}

/** Rules about dates and durations answer DEVELOPMENT_TIME_LIMIT; all others DEVELOPMENT_PRECONDITION. */
export const timeLimitRules: ReadonlySet<string> = new Set([
  'talk_within_1_month',
  'activist_min_months',
  'assessment_every_6_months',
  'candidate_after_1_year',
  'notice_5_working_days',
  'notice_calendar_missing',
  'listed_after_notice',
  'training_duration',
  'branch_vote_within_1_month',
  'approval_within_3_months',
  'approval_within_6_months',
  'oath_within_1_month',
  'oath_collective',
  'regularisation_after_probation',
  'regularisation_approval_within_3_months',
]);

const limit = (rule: string, path: string, message: string, article: string) => ({ rule, path, message, article });
const disciplineZh: Record<string, string> = { warning: '警告', serious_warning: '严重警告', removal_from_post: '撤销党内职务' };

/** Mentors (第九条) and sponsors (第十四条) must be full members on the rolls; sponsors also not under 留党察看. */
function checkPeople(c: Check, field: 'mentorMemberIds' | 'sponsorMemberIds') {
  const role = field === 'mentorMemberIds' ? '培养联系人' : '入党介绍人';
  const article = field === 'mentorMemberIds' ? '第九条' : '第十四条';
  const list = ids(c.fields, field);
  const [min, max] = field === 'mentorMemberIds' ? [1, 2] : [2, 2];
  if (list.length < min || list.length > max) {
    c.refuse(limit(`${field === 'mentorMemberIds' ? 'mentor' : 'sponsor'}_count`, field, min === max ? `${role}须为 ${min} 名正式党员` : `${role}为 ${min} 至 ${max} 名正式党员`, article));
  }
  const seen = new Set<string>();
  list.forEach((id, i) => {
    const path = `${field}.${i}`;
    const prefix = field === 'mentorMemberIds' ? 'mentor' : 'sponsor';
    if (seen.has(id)) return c.refuse(limit(`${prefix}_distinct`, path, `第 ${i + 1} 名${role}与前面重复`, article));
    seen.add(id);
    const p = c.ctx.people.get(id);
    if (!p) return c.refuse(limit(`${prefix}_unknown`, path, `第 ${i + 1} 名${role}不是在册党员`, article));
    if (p.state !== 'active') return c.refuse(limit(`${prefix}_active`, path, `${role}${p.name}已停止党籍或不在册，不能担任${role}`, article));
    if (p.status !== 'full') return c.refuse(limit(`${prefix}_full_member`, path, `${role}${p.name}是预备党员，${role}应由正式党员担任`, article));
    if (field === 'mentorMemberIds') return;
    if (rightsSuspendedOn(p, c.date)) {
      return c.refuse(limit('sponsor_probation_discipline', path, `入党介绍人${p.name}受留党察看处分、尚未恢复党员权利，不能作入党介绍人`, article));
    }
    for (const d of influencePeriodsOn(p, c.date)) {
      c.warn(limit('sponsor_influence_period', path, `入党介绍人${p.name}受${disciplineZh[d.kind] ?? d.kind}处分，影响期至 ${addDays(d.until, -1)}，不宜作入党介绍人`, article));
    }
  });
}

/** A general-meeting ballot: inconsistent counts or no quorum refuse; a vote not adopted is recorded with a warning. */
function checkVote(c: Check, notAdopted: string) {
  const r = generalMeetingResult(voteOf(c.fields));
  for (const f of r.findings) {
    if (f.rule === 'vote_passed') c.warn({ ...f, message: `${f.message}；${notAdopted}` });
    else c.refuse(f);
  }
}

function requireApprover(c: Check, article: string, what: string) {
  const org = c.ctx.actingOrg;
  if (!org?.canApproveMembers) {
    c.refuse(limit('approver_power', 'step', `${what}须由有审批预备党员权限的党委办理（党总支、党组、临时党组织和乡镇街道党委所属的基层党委不能审批）`, article));
  }
}

const checks: Partial<Record<StepKey, (c: Check) => void>> = {
  apply(c) {
    if (!isEligibleAge(c.facts.birthDate, c.date)) {
      c.refuse(limit('age_18', 'date', `申请入党须年满十八岁：出生日期 ${c.facts.birthDate}，${eligibleFrom(c.facts.birthDate)} 起才能递交入党申请书`, '第五条'));
    }
  },
  talk(c) {
    const due = addMonths(c.facts.appliedOn, 1);
    if (c.date > due) c.refuse(limit('talk_within_1_month', 'date', `谈话日期应在收到入党申请书后一个月内（不晚于 ${due}）`, '第七条'));
  },
  activist_decision(c) {
    const months = c.ctx.settings.activistMinMonthsAfterApplication;
    const earliest = addMonths(c.facts.appliedOn, months);
    if (months > 0 && c.date < earliest) {
      c.refuse(limit('activist_min_months', 'date', `确定入党积极分子的日期应在递交入党申请书满 ${months} 个月后（不早于 ${earliest}，本地规定）`, '第八条（本地规定）'));
    }
  },
  mentors: (c) => checkPeople(c, 'mentorMemberIds'),
  assessment(c) {
    const base = lastOf(c.facts, 'assessment') ?? lastOf(c.facts, 'activist_decision');
    const due = base ? addMonths(base.date, 6) : null;
    if (due && c.date > due) c.warn(limit('assessment_every_6_months', 'date', `考察日期晚于应考察日期 ${due}：党支部每半年对入党积极分子进行一次考察`, '第十一条'));
  },
  candidate_decision(c) {
    const activist = lastOf(c.facts, 'activist_decision');
    const earliest = activist ? anniversary(activist.date, 1) : null;
    if (earliest && c.date < earliest) {
      c.refuse(limit('candidate_after_1_year', 'date', `确定发展对象的日期应在确定为入党积极分子满一年后（不早于 ${earliest}）`, '第十三条'));
    }
  },
  candidate_consent_notice(c) {
    const decision = lastOf(c.facts, 'candidate_decision');
    const consentOn = str(c.fields, 'consentOn');
    const from = str(c.fields, 'noticeFrom');
    const to = str(c.fields, 'noticeTo');
    if (!consentOn || !from || !to) return; // the schema requires them (400)
    const pre = (rule: string, path: string, message: string) => c.refuse(limit(rule, path, message, '第十三条'));
    if (decision && consentOn < decision.date) pre('consent_after_decision', 'consentOn', `上级党委同意日期不能早于支部委员会研究确定发展对象的日期（${decision.date}）`);
    if (from < consentOn) pre('notice_after_consent', 'noticeFrom', `公示应在上级党委同意后进行：公示开始日期不能早于 ${consentOn}`);
    if (to < from) return pre('notice_to_after_from', 'noticeTo', `公示结束日期不能早于公示开始日期（${from}）`);
    const days = workingDaysBetween(from, to, c.ctx.calendar);
    if (days === null) {
      // A missing year is never guessed (§10): counting Monday–Friday across an unknown 春节 or 国庆 could
      // accept a notice shorter than the five working days 第十三条 requires. Refusing shows it; an
      // authorised override (with its reason, audited) lets an urgent case through until the data is added.
      const missing = calendarCoverage(yearsBetween(from, to), c.ctx.calendar).join('、');
      c.refuse(limit('notice_calendar_missing', 'noticeTo', `系统尚未载入 ${missing} 年国务院办公厅节假日安排，无法核算公示期是否满五个工作日；请补充节假日数据，或经授权越过规定办理`, '第十三条'));
    } else if (days < 5) {
      const end = nthWorkingDay(from, 5, c.ctx.calendar);
      c.refuse(limit('notice_5_working_days', 'noticeTo', `公示期不少于五个工作日：${from} 至 ${to} 只有 ${days} 个工作日${end ? `（最早 ${end} 结束）` : ''}`, '第十三条'));
    }
    if (c.date < to) c.refuse(limit('listed_after_notice', 'date', `公示结束后才能列为发展对象：日期不能早于公示结束日期 ${to}`, '第十三条'));
    if (str(c.fields, 'noticeResult') === 'objection_barring') {
      c.warn(limit('notice_barring', 'noticeResult', '公示结果影响发展入党，不能列为发展对象；记录后，后续环节将不能办理', '第十三条'));
    }
  },
  sponsors: (c) => checkPeople(c, 'sponsorMemberIds'),
  political_review(c) {
    if (str(c.fields, 'conclusion') === 'fail') {
      c.warn(limit('political_review_failed', 'conclusion', '政治审查不合格的，不能发展入党；记录后，接收预备党员的环节将不能办理', '第十六条'));
    }
  },
  training(c) {
    const days = num(c.fields, 'days') ?? 0;
    const hours = num(c.fields, 'hours') ?? 0;
    if (days < 3 && hours < 24) c.refuse(limit('training_duration', 'days', `集中培训时间一般不少于三天或二十四个学时（本次 ${days} 天、${hours} 学时）`, '第十七条'));
  },
  committee_review(c) {
    const size = num(c.fields, 'committeeSize') ?? 0;
    const present = num(c.fields, 'committeePresent') ?? 0;
    const art = '支部工作条例第十二条';
    if (present > size) c.refuse(limit('committee_counts', 'committeePresent', `到会支委人数（${present}）不能多于支委会委员人数（${size}）`, art));
    // No committee (size 0): fewer than 7 full members, the general meeting acts for it (细则 第八条).
    else if (size > 0 && !committeeQuorumMet(size, present)) {
      c.refuse(limit('committee_quorum', 'committeePresent', `到会支委 ${present} 人，未达到支委会委员 ${size} 人的半数，不能集体讨论审查`, art));
    }
    if (str(c.fields, 'conclusion') === 'fail') {
      c.warn(limit('committee_review_failed', 'conclusion', '支部委员会审查未通过；记录后，不能报上级党委预审', '第十八条'));
    }
  },
  pre_review(c) {
    requireApprover(c, '第十八条', '预审');
    if (c.fields.leavingWithin3Months === true) {
      c.warn(limit('pre_review_leaving', 'leavingWithin3Months', '发展对象未来三个月内将离开工作、学习单位的，一般不办理接收预备党员的手续', '第十八条'));
    }
    if (str(c.fields, 'conclusion') === 'fail') c.warn(limit('pre_review_failed', 'conclusion', '预审不合格；记录后，不能发放入党志愿书和提交支部大会讨论', '第十八条'));
  },
  branch_vote(c) {
    const pre = lastOf(c.facts, 'pre_review');
    const due = pre ? addMonths(pre.date, 1) : null;
    if (due && c.date > due) c.refuse(limit('branch_vote_within_1_month', 'date', `预审合格后应在一个月内提交支部党员大会讨论（不晚于 ${due}）`, '第十九条'));
    checkVote(c, '记录为未通过，不能接收为预备党员');
  },
  approval(c) {
    requireApprover(c, '第二十二条', '审批预备党员');
    const vote = lastOf(c.facts, 'branch_vote');
    if (!vote) return;
    const due = addMonths(vote.date, 3);
    const special = addMonths(vote.date, c.ctx.settings.approvalSpecialMonths);
    const reason = str(c.fields, 'specialCaseReason')?.trim();
    if (c.date > special) {
      c.refuse(limit('approval_within_6_months', 'date', `党委审批预备党员遇特殊情况也不得超过 ${c.ctx.settings.approvalSpecialMonths} 个月（不晚于 ${special}）`, '第二十五条'));
    } else if (c.date > due && !reason) {
      c.refuse(limit('approval_within_3_months', 'date', `党委应在支部大会通过后三个月内审批（不晚于 ${due}）；遇特殊情况须填写特殊情况说明，最迟 ${special}`, '第二十五条'));
    }
    if (str(c.fields, 'conclusion') === 'refuse') c.warn(limit('approval_refused', 'conclusion', '未批准为预备党员；记录后，后续环节不能办理', '第二十四条'));
  },
  oath(c) {
    const approval = lastOf(c.facts, 'approval');
    if (!approval) return;
    const due = addMonths(approval.date, 1);
    if (c.date <= due) return;
    // 县级以上党委可以在"七一"、国庆等重大纪念日组织集中宣誓 (第二十九条): the first such day after the approval.
    const y = Number(approval.date.slice(0, 4));
    const nextDay = [`${y}-07-01`, `${y}-10-01`, `${y + 1}-07-01`].find((d) => d >= approval.date);
    if (c.fields.collective === true && c.date === nextDay) {
      c.warn(limit('oath_collective', 'date', `批准后超过一个月，在 ${nextDay} 集中宣誓（须由县级以上党委组织）`, '第二十九条'));
    } else {
      c.refuse(limit('oath_within_1_month', 'date', `入党宣誓一般在批准后一个月内进行（不晚于 ${due}）${nextDay ? `；县级以上党委可在 ${nextDay} 组织集中宣誓` : ''}`, '第二十九条'));
    }
  },
  continued_education(c) {
    if (probationOf(c.facts)?.regularisedOn) c.refuse(limit('probation_over', 'step', '已转为正式党员，不再进行预备党员的继续教育考察', '第三十条'));
  },
  regularisation_application(c) {
    const p = probationOf(c.facts);
    if (!p) return;
    const pre = (rule: string, message: string) => c.refuse(limit(rule, 'step', message, '第三十二条'));
    if (p.regularisedOn) pre('regularised_already', '已转为正式党员');
    else if (p.pending) pre('regularisation_resolution_pending', '支部大会决议尚待上级党委审批');
    else if (p.applications >= p.applicationsNeeded) pre('regularisation_application_exists', '已提出转正申请，支部尚未讨论');
  },
  regularisation_vote(c) {
    const p = probationOf(c.facts);
    if (!p) return;
    const pre = (rule: string, path: string, message: string, article = '第三十二条') => c.refuse(limit(rule, path, message, article));
    if (p.regularisedOn) return pre('regularised_already', 'step', '已转为正式党员');
    if (p.pending) return pre('regularisation_resolution_pending', 'step', `支部大会 ${p.pending.date} 的决议尚待上级党委审批`);
    const outcome = str(c.fields, 'outcome');
    const application = lastOf(c.facts, 'regularisation_application');
    if (outcome === 'regularise' && p.applications < p.applicationsNeeded) {
      pre('regularisation_application_missing', 'outcome', p.applicationsNeeded > 1 ? '延长预备期后，须本人重新提出书面转正申请' : '须先由本人提出书面转正申请');
    } else if (outcome === 'regularise' && application && c.date < application.date) {
      pre('date_after_predecessor', 'date', `日期不能早于提出转正申请的日期（${application.date}）`);
    }
    const months = num(c.fields, 'extensionMonths');
    // Only regularising waits for the end of probation; extending or cancelling for a breach of discipline
    // may be decided during it (第三十一条第三款).
    if (outcome === 'regularise' && c.date < p.endsOn) {
      c.refuse(limit('regularisation_after_probation', 'date', `预备期满后才能讨论按期转正（预备期至 ${p.endsOn}）`, '第三十一条'));
    }
    if (outcome === 'extend' && p.extensionMonths !== null) pre('extension_once', 'outcome', '预备期只能延长一次', '第三十一条');
    if (outcome === 'extend' && months === undefined) pre('extension_months', 'extensionMonths', '延长预备期须填写延长时间（6 至 12 个月）', '第三十一条');
    if (outcome !== 'extend' && months !== undefined) pre('extension_months', 'extensionMonths', '仅在延长预备期时填写延长时间', '第三十一条');
    checkVote(c, '决议未通过，须重新讨论');
  },
  regularisation_approval(c) {
    requireApprover(c, '第三十三条', '审批预备党员转正');
    const pending = probationOf(c.facts)?.pending;
    if (!pending) return c.refuse(limit('regularisation_no_resolution', 'step', '没有待审批的支部大会转正决议', '第三十三条'));
    const due = addMonths(pending.date, 3);
    if (c.date > due) c.refuse(limit('regularisation_approval_within_3_months', 'date', `党委应在支部大会通过转正决议后三个月内审批（不晚于 ${due}）`, '第三十三条'));
  },
  archive(c) {
    if (!probationOf(c.facts)?.regularisedOn) c.refuse(limit('archive_after_regularisation', 'step', '预备党员转正后才能归档入党材料', '第三十六条'));
  },
};

export function runStepChecks(key: StepKey, c: Check): void {
  checks[key]?.(c);
}
