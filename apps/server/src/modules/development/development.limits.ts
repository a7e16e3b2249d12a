import type { StepKey } from '@xianfeng/contracts/development/development.steps';
import { addMonths, anniversary } from '../../platform/dates.ts';
import { frontier } from './development.order.ts';
import { lastOf, probationOf, type CaseFacts, type PersonFacts } from './development.progress.ts';

/**
 * The time limits of 发展党员 (细则 2026, regulations.md §3) with the date conventions of §10: "within N
 * months of D" is `addMonths` (same day N months on, clamped to the month's end, the day itself allowed);
 * "at least one year after D" and "aged 18" are `anniversary` (Feb 29 → Mar 1 in a non-leap year).
 */

/** 年满十八岁 (细则 第五条; §10): eligible on the 18th birthday itself; born Feb 29 → Mar 1 in a non-leap year. */
export function isEligibleAge(birthDate: string, appliedOn: string): boolean {
  return appliedOn >= anniversary(birthDate, 18);
}

/** The day an applicant born on `birthDate` may first apply. */
export const eligibleFrom = (birthDate: string) => anniversary(birthDate, 18);

/**
 * 处分影响期 of 《中国共产党纪律处分条例》: after 警告 one year, 严重警告 a year and a half, 撤销党内职务 two
 * years, unless the record sets its own end (`endsOn`). Members inside it "不宜" sponsor (细则 第十四条).
 */
export const influenceMonths: Readonly<Record<string, number>> = { warning: 12, serious_warning: 18, removal_from_post: 24 };

/** The member module's kind for 留党察看. */
export const PROBATION_IN_PARTY = 'probation';

/** Under 留党察看 on `on` without rights restored (第十四条: "不能作入党介绍人"); the same reading as member.rules' hasVotingRights. */
export function rightsSuspendedOn(p: PersonFacts, on: string): boolean {
  return p.disciplines.some((d) => {
    if (d.kind !== PROBATION_IN_PARTY || d.decidedOn > on) return false;
    const restored = d.rightsRestoredOn ?? d.endsOn;
    return restored === null || restored > on;
  });
}

/** The 警告/严重警告/撤销党内职务 records whose influence period covers `on` (period ends on its last day exclusive). */
export function influencePeriodsOn(p: PersonFacts, on: string): { kind: string; until: string }[] {
  const out: { kind: string; until: string }[] = [];
  for (const d of p.disciplines) {
    const months = influenceMonths[d.kind];
    if (months === undefined || d.decidedOn > on) continue;
    const until = d.endsOn ?? addMonths(d.decidedOn, months);
    if (on < until) out.push({ kind: d.kind, until });
  }
  return out;
}

export interface Deadline {
  rule: string;
  key: StepKey;
  dueOn: string;
  article: string;
  zh: string;
}

/**
 * The deadline of a step that is open now, if it has one:
 * - talk: one month after the application was received (第七条);
 * - assessment: six months after the activist decision or the previous assessment (第十一条, 党支部每半年考察一次);
 * - branch meeting: one month after the pre-review (第十九条);
 * - approval: three months after the branch meeting (第二十五条; up to six in special cases, which the step records);
 * - oath: generally one month after the approval (第二十九条);
 * - regularisation (the application, then the vote): when probation ends, the branch "应当及时讨论" (第三十一条);
 * - regularisation approval: three months after the branch resolution (第三十三条).
 */
export function deadlineOf(facts: CaseFacts, key: StepKey): Deadline | null {
  return deadlines[key]?.(facts, (rule, dueOn, article, zh) => ({ rule, key, dueOn, article, zh })) ?? null;
}

/** 预备期满，党支部应当及时讨论 (第三十一条): due at the end of probation, on the application until there is one. */
function regularisationDue(facts: CaseFacts, d: MakeDeadline): Deadline | null {
  const p = probationOf(facts);
  return p ? d('regularisation_due', p.endsOn, '第三十一条', '预备期满，党支部应及时讨论能否转为正式党员') : null;
}

type MakeDeadline = (rule: string, dueOn: string, article: string, zh: string) => Deadline;
const deadlines: Partial<Record<StepKey, (facts: CaseFacts, d: MakeDeadline) => Deadline | null>> = {
  talk: (facts, d) => d('talk_within_1_month', addMonths(facts.appliedOn, 1), '第七条', '收到入党申请书后一个月内派人谈话'),
  assessment(facts, d) {
    const base = lastOf(facts, 'assessment') ?? lastOf(facts, 'activist_decision');
    return base ? d('assessment_every_6_months', addMonths(base.date, 6), '第十一条', '党支部每半年对入党积极分子进行一次考察') : null;
  },
  branch_vote(facts, d) {
    const pre = lastOf(facts, 'pre_review');
    return pre ? d('branch_vote_within_1_month', addMonths(pre.date, 1), '第十九条', '预审合格后一个月内提交支部党员大会讨论') : null;
  },
  approval(facts, d) {
    const vote = lastOf(facts, 'branch_vote');
    return vote ? d('approval_within_3_months', addMonths(vote.date, 3), '第二十五条', '支部大会通过后三个月内审批（特殊情况最长不超过六个月）') : null;
  },
  oath(facts, d) {
    const approval = lastOf(facts, 'approval');
    return approval ? d('oath_within_1_month', addMonths(approval.date, 1), '第二十九条', '批准后一般一个月内组织入党宣誓') : null;
  },
  regularisation_application: (facts, d) => regularisationDue(facts, d),
  regularisation_vote: (facts, d) => regularisationDue(facts, d),
  regularisation_approval(facts, d) {
    const pending = probationOf(facts)?.pending;
    return pending ? d('regularisation_approval_within_3_months', addMonths(pending.date, 3), '第三十三条', '支部大会通过转正决议后三个月内审批') : null;
  },
};

/**
 * The open deadlines of a case, for reminders and boards: one per step open now and not blocked (a case
 * that cannot go on has none). Compare `dueOn` with `today` for "due soon" and "overdue"; `today` is not
 * needed to find them (the steps on record are all the rules read).
 */
export function caseDeadlines(facts: CaseFacts, _today: string): Deadline[] {
  return frontier(facts)
    .filter((f) => f.blockedBy.length === 0)
    .map((f) => deadlineOf(facts, f.key))
    .filter((x): x is Deadline => x !== null);
}
