import { developmentSteps, type StepKey } from '@xianfeng/contracts/development/development.steps';
import { caseBlock, lastOf, probationOf, stepDef, takenOf, type CaseFacts, type RuleFinding } from './development.progress.ts';

/**
 * The order of the 25 steps: the steps each one needs taken before it (its direct predecessors; theirs are
 * needed in turn). Read from the 细则 (2026) and the 中组部 chart (regulations.md §3):
 *
 *   apply ─ talk ─ activist_decision ┬ activist_filing ───────────────┐
 *                                    ├ mentors ──────────────────────┤
 *                                    └ assessment (every 6 months) ──┴ candidate_decision ─ candidate_consent_notice
 *   candidate_consent_notice ┬ sponsors ─────────┐
 *                            ├ political_review ─┼ committee_review ─ pre_review ─ application_form ─ branch_vote
 *                            └ training ─────────┘
 *   branch_vote ─ committee_talk ─ approval ┬ approval_filing ─────────────────────────────────────┐
 *                                           ├ assign_group ─┐                                       │
 *                                           ├ oath ─────────┼ regularisation_vote ─ regularisation_approval ┴ archive
 *                                           ├ regularisation_application ┘ (needed to regularise)
 *                                           └ continued_education (repeatable, during probation)
 *
 * - 第七条: the talk follows the application; activists are chosen among applicants who were talked to (第八条).
 * - 第十三条: a candidate needs a year of education and assessment — the filing with the higher committee,
 *   mentors and at least one six-monthly assessment (第十一条) are on record first; the higher committee's
 *   consent and a notice of ≥ 5 working days come before the listing ("公示结果不影响发展入党的，可以列为发展对象").
 * - 第十四–十七条: sponsors, political review and training concern the 发展对象, so they follow the listing.
 * - 第十八条: the committee review needs steps 7–11; the 入党志愿书 is issued to those passing the pre-review.
 * - 第十九–二十三条: the branch meeting follows the form; the committee's talk precedes the approval.
 * - 第二十九、三十二条: the branch votes on a probationer who took the oath and belongs to a branch and group;
 *   regularising needs the written application (a new one after an approved extension), while extending or
 *   cancelling for a breach of discipline (第三十一条第三款) needs none (see development.checks.ts).
 * - 第三十六条: archiving follows regularisation and the filing of the approval.
 * Results that end a case (a barring notice, failed reviews, a vote not adopted, a refused approval, a
 * cancelled probation) are `caseBlock`s; the steps after them stay closed.
 */
export const stepRequires: Readonly<Record<StepKey, readonly StepKey[]>> = {
  apply: [],
  talk: ['apply'],
  activist_decision: ['talk'],
  activist_filing: ['activist_decision'],
  mentors: ['activist_decision'],
  assessment: ['activist_decision'],
  candidate_decision: ['activist_filing', 'mentors', 'assessment'],
  candidate_consent_notice: ['candidate_decision'],
  sponsors: ['candidate_consent_notice'],
  political_review: ['candidate_consent_notice'],
  training: ['candidate_consent_notice'],
  committee_review: ['sponsors', 'political_review', 'training'],
  pre_review: ['committee_review'],
  application_form: ['pre_review'],
  branch_vote: ['application_form'],
  committee_talk: ['branch_vote'],
  approval: ['committee_talk'],
  approval_filing: ['approval'],
  assign_group: ['approval'],
  oath: ['approval'],
  continued_education: ['approval'],
  regularisation_application: ['approval'],
  regularisation_vote: ['assign_group', 'oath'],
  regularisation_approval: ['regularisation_vote'],
  archive: ['regularisation_approval', 'approval_filing'],
};

/** The latest date among a step's taken predecessors (a step is never dated before what it follows). */
export function predecessorsDate(facts: CaseFacts, key: StepKey): string {
  let d = facts.appliedOn;
  for (const p of stepRequires[key]) {
    const s = lastOf(facts, p);
    if (s && s.date > d) d = s.date;
  }
  return d;
}

/**
 * Whether a step is open to be taken, beyond its predecessors: repeatable steps are offered only while they
 * make sense (mentors until appointed — later changes are still allowed; assessments until the candidate
 * decision; continued education during probation; the regularisation steps by the state of the cycle).
 */
export function offered(facts: CaseFacts, key: StepKey): boolean {
  const taken = takenOf(facts, key).length > 0;
  if (!stepDef(key).repeatable && taken) return false;
  if (!stepRequires[key].every((p) => takenOf(facts, p).length > 0)) return false;
  return offeredWhen[key]?.(facts, taken) ?? true;
}

const offeredWhen: Partial<Record<StepKey, (facts: CaseFacts, taken: boolean) => boolean>> = {
  mentors: (_facts, taken) => !taken,
  assessment: (facts) => takenOf(facts, 'candidate_decision').length === 0,
  continued_education(facts) {
    const p = probationOf(facts);
    return p !== null && p.regularisedOn === null;
  },
  regularisation_application(facts) {
    const p = probationOf(facts);
    return p !== null && p.regularisedOn === null && p.pending === null && p.applications < p.applicationsNeeded;
  },
  regularisation_vote(facts) {
    const p = probationOf(facts);
    return p !== null && p.regularisedOn === null && p.pending === null && p.applications >= p.applicationsNeeded;
  },
  regularisation_approval: (facts) => probationOf(facts)?.pending != null,
  archive: (facts) => probationOf(facts)?.regularisedOn != null,
};

/** The steps open now, in chart order, each with what blocks it (a result that ended the case). */
export function frontier(facts: CaseFacts): { key: StepKey; blockedBy: RuleFinding[] }[] {
  if (facts.status !== 'open') return [];
  const block = caseBlock(facts);
  return developmentSteps
    .filter((d) => offered(facts, d.key))
    .map((d) => ({ key: d.key, blockedBy: block && d.number > block.afterNumber ? [block.finding] : [] }));
}
