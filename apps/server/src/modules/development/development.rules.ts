import { developmentSteps, type DevelopmentStage, type StepKey } from '@xianfeng/contracts/development/development.steps';
import { addMonths, anniversary } from '../../platform/dates.ts';
import { nthWorkingDay } from '../../platform/workdays.ts';
import { runStepChecks, timeLimitRules } from './development.checks.ts';
import { deadlineOf } from './development.limits.ts';
import { frontier, predecessorsDate, stepRequires } from './development.order.ts';
import { caseBlock, lastOf, probationOf, stepDef, stepName, stepPassed, takenOf, type CaseFacts, type RuleFinding, type StepContext } from './development.progress.ts';

/**
 * 发展党员 rules, pure (《中国共产党发展党员工作细则》2026; regulations.md §3, §2.5, §10): what a step needs
 * before it is recorded (`checkStep`), what may come next with its dates (`nextSteps`), the open deadlines
 * for reminders (`caseDeadlines`). The order of the steps is `stepRequires` (development.order.ts); the limits
 * are in development.limits.ts and development.checks.ts; votes in development.votes.ts.
 */

export type { ActingOrg, CaseFacts, DevelopmentRuleSettings, PersonFacts, RuleFinding, StepContext, TakenStep } from './development.progress.ts';
export { caseBlock, defaultDevelopmentRuleSettings, probationEnd, probationOf, stepPassed } from './development.progress.ts';
export { caseDeadlines, isEligibleAge } from './development.limits.ts';
export { generalMeetingResult } from './development.votes.ts';
export { stepRequires };

/**
 * The refusals an authorised override (`development.override`, with a reason, audited) may pass: the time
 * limits (many say 一般, "generally"), dates recorded out of order, and training (除个别特殊情况外). Everything
 * else — age, who may sponsor or approve, a failed review or vote, a closed case, the step order — the 细则
 * words as absolute, or it is a record-keeping fact, and no override passes it.
 */
export const overridableRules: ReadonlySet<string> = new Set([...timeLimitRules, 'date_after_predecessor', 'consent_after_decision', 'notice_after_consent', 'training_missing']);

const codeOf = (rule: string): RuleFinding['code'] => (timeLimitRules.has(rule) ? 'DEVELOPMENT_TIME_LIMIT' : 'DEVELOPMENT_PRECONDITION');

/**
 * Checks a step before it is recorded. `refusals` stop it (422 upstream, each with its field and article);
 * `warnings` let it through but are shown (不宜 sponsors, a late assessment, a result that ends the case).
 * Common rules first: the case is open, a non-repeatable step is not taken twice, nothing after a result
 * that ended the case, the date is not after today nor before the application nor before the steps it
 * follows, and those steps are taken; then the step's own rules.
 */
export function checkStep(facts: CaseFacts, key: StepKey, input: { date: string; fields: Record<string, unknown> }, ctx: StepContext): { refusals: RuleFinding[]; warnings: RuleFinding[] } {
  const refusals: RuleFinding[] = [];
  const warnings: RuleFinding[] = [];
  const refuse = (f: Omit<RuleFinding, 'code'>) => refusals.push({ code: codeOf(f.rule), ...f });
  const warn = (f: Omit<RuleFinding, 'code'>) => warnings.push({ code: codeOf(f.rule), ...f });
  const def = stepDef(key);
  if (facts.status !== 'open') {
    refuse({ rule: 'case_open', path: 'step', message: '该发展党员档案已归档或终止，不能再办理环节', article: '' });
    return { refusals, warnings };
  }
  if (!def.repeatable && takenOf(facts, key).length > 0) {
    refuse({ rule: 'step_not_repeatable', path: 'step', message: `${stepName(key)}已办理，不能重复办理`, article: '' });
    return { refusals, warnings };
  }
  const block = caseBlock(facts);
  if (block && def.number > block.afterNumber) {
    refusals.push(block.finding);
    return { refusals, warnings };
  }
  if (input.date > ctx.today) refuse({ rule: 'date_not_future', path: 'date', message: `日期不能晚于今天（${ctx.today}）`, article: '' });
  if (input.date < facts.appliedOn) refuse({ rule: 'date_before_application', path: 'date', message: `日期不能早于递交入党申请书的日期（${facts.appliedOn}）`, article: '第五条、第六条' });
  for (const p of stepRequires[key]) {
    const taken = lastOf(facts, p);
    if (!taken) {
      if (p === 'political_review') refuse({ rule: 'political_review_missing', path: 'step', message: '未经政治审查的，不能发展入党：须先办理第10步「进行政治审查」', article: '第十六条' });
      else if (p === 'training') refuse({ rule: 'training_missing', path: 'step', message: '须先办理第11步「开展集中培训」：除个别特殊情况外，未经培训的，不能发展入党', article: '第十七条' });
      else refuse({ rule: 'step_order', path: 'step', message: `须先办理${stepName(p)}`, article: def.article });
    } else if (input.date < taken.date) {
      refuse({ rule: 'date_after_predecessor', path: 'date', message: `日期不能早于${stepName(p)}的日期（${taken.date}）`, article: def.article });
    }
  }
  runStepChecks(key, { facts, date: input.date, fields: input.fields, ctx, refuse, warn });
  return { refusals, warnings };
}

type RulesCtx = Omit<StepContext, 'people' | 'actingOrg'>;
const later = (a: string, b: string) => (a > b ? a : b);

/** Waiting times beyond the steps a step follows. */
const waits: Partial<Record<StepKey, (facts: CaseFacts, base: string, ctx: RulesCtx) => string>> = {
  activist_decision(facts, base, ctx) {
    const months = ctx.settings.activistMinMonthsAfterApplication;
    return months > 0 ? later(base, addMonths(facts.appliedOn, months)) : base;
  },
  candidate_decision(facts, base) {
    const activist = lastOf(facts, 'activist_decision');
    return activist ? later(base, anniversary(activist.date, 1)) : base;
  },
  // Listed after a notice of ≥ 5 working days (第十三条) starting at the earliest on the decision's day;
  // without the calendar for those days the decision's day is the only sure bound.
  candidate_consent_notice: (_facts, base, ctx) => nthWorkingDay(base, 5, ctx.calendar) ?? base,
  regularisation_vote(facts, base) {
    const p = probationOf(facts);
    const application = lastOf(facts, 'regularisation_application');
    return later(application ? later(base, application.date) : base, p?.endsOn ?? base);
  },
};

/** The earliest date a step open now may carry, by the steps it follows and its own waiting time. */
function earliestOf(facts: CaseFacts, key: StepKey, ctx: RulesCtx): string {
  const base = predecessorsDate(facts, key);
  return waits[key]?.(facts, base, ctx) ?? base;
}

/**
 * The steps that may be taken now (or would be, but for a result that ended the case: `blockedBy`), in chart
 * order, each with the earliest date it may carry and its deadline (`overdue` once `today` is past it).
 */
export function nextSteps(
  facts: CaseFacts,
  ctx: RulesCtx,
): { key: StepKey; earliest: string | null; dueBy: string | null; overdue: boolean; blockedBy: RuleFinding[] }[] {
  return frontier(facts).map(({ key, blockedBy }) => {
    const dueBy = blockedBy.length > 0 ? null : (deadlineOf(facts, key)?.dueOn ?? null);
    return { key, earliest: earliestOf(facts, key, ctx), dueBy, overdue: dueBy !== null && ctx.today > dueBy, blockedBy };
  });
}

/** The stage of a case: that of the furthest step taken (1 before any). */
export function stageOf(facts: CaseFacts): DevelopmentStage {
  let stage: DevelopmentStage = 1;
  for (const s of facts.steps) {
    const st = developmentSteps.find((d) => d.key === s.key)?.stage;
    if (st && st > stage) stage = st;
  }
  return stage;
}

/**
 * The key dates of a case as the steps give them (for the case row): activist (第八条), listed as candidate
 * after the notice (第十三条), accepted by the branch meeting — probation starts (第三十一条), approved, the end
 * of probation (with an approved extension), and full membership, dated from the end of probation (第三十三条).
 */
export function caseMilestones(facts: CaseFacts): {
  activistOn: string | null;
  candidateOn: string | null;
  acceptedOn: string | null;
  approvedOn: string | null;
  probationEndsOn: string | null;
  fullMemberOn: string | null;
} {
  const passedDate = (key: StepKey) => {
    const s = lastOf(facts, key);
    return s && stepPassed(s) ? s.date : null;
  };
  const p = probationOf(facts);
  return {
    activistOn: lastOf(facts, 'activist_decision')?.date ?? null,
    candidateOn: passedDate('candidate_consent_notice'),
    acceptedOn: passedDate('branch_vote'),
    approvedOn: passedDate('approval'),
    probationEndsOn: p?.endsOn ?? null,
    fullMemberOn: p?.regularisedOn ?? null,
  };
}
