import { developmentSteps, type StepDef, type StepKey } from '@xianfeng/contracts/development/development.steps';
import type { HolidayCalendar } from '../../platform/workdays.ts';
import { anniversary, addMonths } from '../../platform/dates.ts';
import { generalMeetingResult, voteOf } from './development.votes.ts';

/** What the 发展党员 rules read (pure: the service loads these, the rules never touch the database). */

export interface TakenStep {
  key: StepKey;
  seq: number;
  date: string;
  fields: Record<string, unknown>;
}

export interface CaseFacts {
  birthDate: string;
  appliedOn: string;
  status: 'open' | 'archived' | 'stopped';
  steps: TakenStep[];
}

export interface PersonFacts {
  memberId: string;
  name: string;
  status: 'full' | 'probationary';
  state: 'active' | 'suspended' | 'left';
  disciplines: { kind: string; decidedOn: string; endsOn: string | null; rightsRestoredOn: string | null }[];
}

export interface ActingOrg {
  id: string;
  kind: string;
  canApproveMembers: boolean;
}

export interface DevelopmentRuleSettings {
  /** Local practice only (regulations §3 "not national"): months between application and activist; 0 = none. */
  activistMinMonthsAfterApplication: number;
  /** The longest approval time in special cases (细则 第二十五条: 不得超过六个月). */
  approvalSpecialMonths: number;
}

export const defaultDevelopmentRuleSettings: DevelopmentRuleSettings = { activistMinMonthsAfterApplication: 0, approvalSpecialMonths: 6 };

export interface StepContext {
  today: string;
  calendar: HolidayCalendar;
  /** The members named in the step (mentors, sponsors), by member id. */
  people: Map<string, PersonFacts>;
  /** The org taking the step, for the steps only a committee with approval power may take. */
  actingOrg?: ActingOrg;
  settings: DevelopmentRuleSettings;
}

export interface RuleFinding {
  code: 'DEVELOPMENT_TIME_LIMIT' | 'DEVELOPMENT_PRECONDITION';
  /** Stable id, e.g. 'talk_within_1_month'. */
  rule: string;
  /** The body field, e.g. 'date', 'mentorMemberIds.1' ('step' when the step itself cannot be taken). */
  path: string;
  /** Chinese; names the field and the limit. */
  message: string;
  /** 细则 (2026) article, e.g. '第七条'; '' for record-keeping rules no article states. */
  article: string;
}

const defs = new Map<StepKey, StepDef>(developmentSteps.map((d) => [d.key, d]));
export const stepDef = (key: StepKey): StepDef => defs.get(key)!;
/** '第7步「确定发展对象」' — how messages name a step. */
export const stepName = (key: StepKey) => `第${stepDef(key).number}步「${stepDef(key).zh}」`;

export const str = (f: Record<string, unknown>, k: string): string | undefined => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
export const num = (f: Record<string, unknown>, k: string): number | undefined => (typeof f[k] === 'number' ? (f[k] as number) : undefined);
export const ids = (f: Record<string, unknown>, k: string): string[] => (Array.isArray(f[k]) ? (f[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []);

/** Steps in the order they happened: by date, then the chart's number, then seq. */
export function ordered(steps: readonly TakenStep[]): TakenStep[] {
  return [...steps].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : stepDef(a.key).number - stepDef(b.key).number || a.seq - b.seq));
}
export const takenOf = (facts: CaseFacts, key: StepKey) => ordered(facts.steps.filter((s) => s.key === key));
export const lastOf = (facts: CaseFacts, key: StepKey): TakenStep | undefined => takenOf(facts, key).at(-1);

const passedBy: Partial<Record<StepKey, (f: Record<string, unknown>) => boolean>> = {
  candidate_consent_notice: (f) => str(f, 'noticeResult') !== 'objection_barring',
  political_review: (f) => str(f, 'conclusion') === 'pass',
  committee_review: (f) => str(f, 'conclusion') === 'pass',
  pre_review: (f) => str(f, 'conclusion') === 'pass',
  approval: (f) => str(f, 'conclusion') === 'approve',
  branch_vote: (f) => generalMeetingResult(voteOf(f)).passed,
};

/** Whether a taken step ended in its favourable result (steps without a result always do). */
export function stepPassed(s: TakenStep): boolean {
  return passedBy[s.key]?.(s.fields) ?? true;
}

/** 预备期 (第三十一条): one year from the day the branch meeting accepted the member (anniversary, §10),
 * plus an extension of 6–12 months counted on from that end. */
export function probationEnd(acceptedOn: string, extensionMonths?: number): string {
  const end = anniversary(acceptedOn, 1);
  return extensionMonths ? addMonths(end, extensionMonths) : end;
}

/** Probation as the regularisation votes and approvals so far leave it. */
export interface Probation {
  acceptedOn: string;
  endsOn: string;
  extensionMonths: number | null;
  /** An adopted branch resolution waiting for the committee (第三十二、三十三条). */
  pending: { outcome: 'regularise' | 'extend' | 'cancel'; extensionMonths: number | null; date: string } | null;
  regularisedOn: string | null;
  cancelled: boolean;
  /** Written applications needed so far: one, and one more after an approved extension. */
  applicationsNeeded: number;
  applications: number;
}

/**
 * Replays the regularisation cycle: an adopted vote (quorum and > half yes) waits for the committee; its
 * approval regularises (党龄 from the end of probation, 第三十三条), extends once (a new application and
 * vote follow) or cancels; a refusal sends it back to the branch. A vote not adopted changes nothing.
 */
export function probationOf(facts: CaseFacts): Probation | null {
  const accepted = lastOf(facts, 'branch_vote');
  const approval = lastOf(facts, 'approval');
  if (!accepted || !stepPassed(accepted) || !approval || !stepPassed(approval)) return null;
  const p: Probation = {
    acceptedOn: accepted.date,
    endsOn: probationEnd(accepted.date),
    extensionMonths: null,
    pending: null,
    regularisedOn: null,
    cancelled: false,
    applicationsNeeded: 1,
    applications: takenOf(facts, 'regularisation_application').length,
  };
  const cycle = ordered(facts.steps.filter((s) => s.key === 'regularisation_vote' || s.key === 'regularisation_approval'));
  for (const s of cycle) {
    if (s.key === 'regularisation_vote') {
      const outcome = str(s.fields, 'outcome');
      if ((outcome === 'regularise' || outcome === 'extend' || outcome === 'cancel') && generalMeetingResult(voteOf(s.fields)).passed) {
        p.pending = { outcome, extensionMonths: num(s.fields, 'extensionMonths') ?? null, date: s.date };
      }
      continue;
    }
    if (!p.pending) continue;
    if (str(s.fields, 'conclusion') === 'approve') {
      if (p.pending.outcome === 'regularise') p.regularisedOn = p.endsOn;
      else if (p.pending.outcome === 'cancel') p.cancelled = true;
      else {
        p.extensionMonths = p.pending.extensionMonths;
        p.endsOn = probationEnd(p.acceptedOn, p.extensionMonths ?? undefined);
        p.applicationsNeeded += 1;
      }
    }
    p.pending = null;
  }
  return p;
}

/** A result that ends the case: steps numbered above `afterNumber` can no longer be taken. */
export interface CaseBlock {
  afterNumber: number;
  finding: RuleFinding;
}

const block = (afterNumber: number, rule: string, message: string, article: string): CaseBlock => ({
  afterNumber,
  finding: { code: 'DEVELOPMENT_PRECONDITION', rule, path: 'step', message, article },
});

/**
 * The earliest result that stops the case going on (the service stops the case; these findings explain why
 * any later step is refused): a barring public notice (第十三条), a failed political review — only the
 * acceptance steps are closed, training may still be recorded (第十六条), a failed committee review or
 * pre-review (第十八条), a branch meeting that did not adopt the resolution (第二十条), a refused approval
 * (第二十四条), a cancelled probation (第三十一条).
 */
export function caseBlock(facts: CaseFacts): CaseBlock | null {
  const found: CaseBlock[] = [];
  const failed = (key: StepKey) => {
    const s = lastOf(facts, key);
    return s !== undefined && !stepPassed(s);
  };
  if (failed('candidate_consent_notice')) found.push(block(8, 'notice_barring', '公示结果影响发展入党，不能列为发展对象，后续环节不能办理', '第十三条'));
  if (failed('political_review')) found.push(block(11, 'political_review_failed', '政治审查不合格，不能发展入党', '第十六条'));
  if (failed('committee_review')) found.push(block(12, 'committee_review_failed', '支部委员会审查未通过，不能报上级党委预审', '第十八条'));
  if (failed('pre_review')) found.push(block(13, 'pre_review_failed', '上级党委预审不合格，不能发放入党志愿书和提交支部大会讨论', '第十八条'));
  if (failed('branch_vote')) found.push(block(15, 'branch_vote_failed', '支部党员大会未通过接收预备党员的决议，不能报上级党委审批', '第二十条'));
  if (failed('approval')) found.push(block(17, 'approval_refused', '上级党委未批准接收为预备党员，后续环节不能办理', '第二十四条'));
  if (probationOf(facts)?.cancelled) found.push(block(18, 'probation_cancelled', '已取消预备党员资格，后续环节不能办理', '第三十一条'));
  return found.sort((a, b) => a.afterNumber - b.afterNumber)[0] ?? null;
}
