import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepKey } from '@xianfeng/contracts/development/development.steps';
import { developmentSteps } from '@xianfeng/contracts/development/development.steps';
import { caseDeadlines, caseMilestones, checkStep, nextSteps, overridableRules, stageOf, stepRequires, type CaseFacts, type StepContext } from './development.rules.ts';
import { TODAY, before, ctxOf, factsOf, happyPath, rowOf, type Row } from './development.rules.fixtures.ts';

const check = (facts: CaseFacts, key: StepKey, date: string, fields: Record<string, unknown> = rowOf(key)[2], ctx: StepContext = ctxOf()) => checkStep(facts, key, { date, fields }, ctx);
const refused = (r: ReturnType<typeof checkStep>) => r.refusals.map((f) => f.rule);
const next = (facts: CaseFacts, today = TODAY) => nextSteps(facts, { today, calendar: ctxOf().calendar, settings: ctxOf().settings });

describe('happy path through all 25 steps', () => {
  test('each step passes its checks and is offered by nextSteps before it is taken', () => {
    const taken: Row[] = [];
    for (const row of happyPath) {
      const [key, date, fields] = row;
      const facts = factsOf(taken);
      if (taken.length > 0) {
        const offered = next(facts, date).find((n) => n.key === key);
        assert.ok(offered, `${key} offered after ${taken.at(-1)![0]}: ${next(facts, date).map((n) => n.key).join(',')}`);
        assert.deepEqual(offered.blockedBy, [], key);
        assert.ok(offered.earliest === null || offered.earliest <= date, `${key} earliest ${offered.earliest} ≤ ${date}`);
        assert.equal(offered.overdue, false, `${key} not overdue on ${date}`);
      }
      const r = check(facts, key, date, fields);
      assert.deepEqual(r.refusals, [], `${key} on ${date}`);
      assert.deepEqual(r.warnings, [], `${key} on ${date}`);
      taken.push(row);
    }
    const done = factsOf(taken);
    assert.deepEqual(next(done), [], 'nothing left once archived');
    assert.deepEqual(caseDeadlines(done, TODAY), []);
    assert.equal(stageOf(done), 5);
    assert.deepEqual(caseMilestones(done), {
      activistOn: '2024-03-15',
      candidateOn: '2025-03-31',
      acceptedOn: '2025-06-10',
      approvedOn: '2025-07-20',
      probationEndsOn: '2026-06-10',
      fullMemberOn: '2026-06-10',
    });
  });

  test('nextSteps moves along: what is open at a few points of the way', () => {
    const keys = (f: CaseFacts, today?: string) => next(f, today).map((n) => n.key);
    assert.deepEqual(keys(factsOf([rowOf('apply')])), ['talk']);
    assert.deepEqual(keys(before('activist_filing')), ['activist_filing', 'mentors', 'assessment']);
    assert.deepEqual(keys(before('candidate_decision')), ['assessment', 'candidate_decision']);
    assert.deepEqual(keys(before('sponsors')), ['sponsors', 'political_review', 'training']);
    assert.deepEqual(keys(before('approval_filing')), ['approval_filing', 'assign_group', 'oath', 'continued_education', 'regularisation_application']);
    assert.deepEqual(keys(before('regularisation_vote')), ['continued_education', 'regularisation_vote']);
    assert.deepEqual(keys(before('archive')), ['archive']);
  });

  test('stage follows the furthest step', () => {
    assert.equal(stageOf(factsOf([])), 1);
    assert.equal(stageOf(before('activist_decision')), 1);
    assert.equal(stageOf(before('candidate_decision')), 2);
    assert.equal(stageOf(before('committee_review')), 3);
    assert.equal(stageOf(before('assign_group')), 4);
    assert.equal(stageOf(before('regularisation_vote')), 5);
  });
});

describe('the dependency graph', () => {
  test('covers every step and only earlier steps', () => {
    for (const d of developmentSteps) {
      for (const p of stepRequires[d.key]) assert.ok(developmentSteps.find((x) => x.key === p)!.number < d.number, `${p} before ${d.key}`);
    }
    assert.equal(Object.keys(stepRequires).length, 25);
  });

  const missing: [StepKey, StepKey, string][] = [
    ['talk', 'apply', 'step_order'],
    ['activist_decision', 'talk', 'step_order'],
    ['candidate_decision', 'assessment', 'step_order'],
    ['candidate_decision', 'activist_filing', 'step_order'],
    ['sponsors', 'candidate_consent_notice', 'step_order'],
    ['committee_review', 'political_review', 'political_review_missing'],
    ['committee_review', 'training', 'training_missing'],
    ['committee_review', 'sponsors', 'step_order'],
    ['branch_vote', 'application_form', 'step_order'],
    ['approval', 'committee_talk', 'step_order'],
    ['regularisation_vote', 'oath', 'step_order'],
    ['archive', 'approval_filing', 'step_order'],
  ];
  for (const [key, without, rule] of missing) {
    test(`${key} without ${without} → ${rule}`, () => {
      const rows = happyPath.slice(0, happyPath.findIndex(([k]) => k === key)).filter(([k]) => k !== without);
      const r = check(factsOf(rows), key, rowOf(key)[1]);
      const f = r.refusals.find((x) => x.rule === rule);
      assert.ok(f, JSON.stringify(r.refusals));
      assert.equal(f.code, 'DEVELOPMENT_PRECONDITION');
      assert.equal(f.path, 'step');
    });
  }
  test('only training and dates out of order may be overridden, never the order itself', () => {
    assert.ok(overridableRules.has('training_missing'));
    assert.ok(!overridableRules.has('political_review_missing'));
    assert.ok(!overridableRules.has('step_order'));
    assert.ok(overridableRules.has('talk_within_1_month'));
  });
});

describe('common rules', () => {
  test('a case not open refuses everything', () => {
    assert.deepEqual(refused(check(before('talk'), 'talk', '2024-02-05')), []);
    for (const status of ['archived', 'stopped'] as const) {
      assert.deepEqual(refused(check({ ...before('talk'), status }, 'talk', '2024-02-05')), ['case_open']);
    }
    assert.deepEqual(next({ ...before('talk'), status: 'stopped' }), []);
  });
  test('a non-repeatable step is not taken twice; repeatable ones are', () => {
    assert.deepEqual(refused(check(before('activist_decision'), 'talk', '2024-02-06')), ['step_not_repeatable']);
    assert.deepEqual(refused(check(before('candidate_decision'), 'mentors', '2025-01-10', { mentorMemberIds: ['m2'] })), []);
    assert.deepEqual(refused(check(before('candidate_decision'), 'assessment', '2025-03-10')), []);
  });
  test('the date is not after today, nor before the application, nor before the step it follows', () => {
    const r = check(before('talk'), 'talk', '2026-11-23', rowOf('talk')[2], ctxOf({ today: '2026-11-22' }));
    assert.ok(refused(r).includes('date_not_future'));
    assert.deepEqual(refused(check(before('talk'), 'talk', '2024-01-09')), ['date_before_application', 'date_after_predecessor']);
    const f = check(before('activist_filing'), 'activist_filing', '2024-03-14').refusals[0]!;
    assert.equal(f.rule, 'date_after_predecessor');
    assert.equal(f.path, 'date');
    assert.match(f.message, /第3步「推荐和确定入党积极分子」.*2024-03-15/);
    assert.deepEqual(refused(check(before('activist_filing'), 'activist_filing', '2024-03-15')), [], 'the same day is fine');
  });
});

describe('results that end the case', () => {
  const blockedBy = (facts: CaseFacts, key: StepKey, date: string) => {
    const r = check(facts, key, date);
    assert.equal(r.refusals.length, 1, JSON.stringify(r.refusals));
    return r.refusals[0]!.rule;
  };
  test('a barring public notice: recorded with a warning, then nothing goes on', () => {
    const barring = { ...rowOf('candidate_consent_notice')[2], noticeResult: 'objection_barring' };
    const r = check(before('candidate_consent_notice'), 'candidate_consent_notice', '2025-03-31', barring);
    assert.deepEqual(refused(r), []);
    assert.deepEqual(r.warnings.map((w) => w.rule), ['notice_barring']);
    const facts = before('sponsors', []);
    facts.steps = facts.steps.map((s) => (s.key === 'candidate_consent_notice' ? { ...s, fields: barring } : s));
    assert.equal(blockedBy(facts, 'sponsors', '2025-04-01'), 'notice_barring');
    assert.equal(blockedBy(facts, 'training', '2025-04-15'), 'notice_barring');
    const n = next(facts);
    assert.ok(n.length > 0 && n.every((x) => x.blockedBy[0]?.rule === 'notice_barring' && x.dueBy === null));
    assert.deepEqual(caseDeadlines(facts, TODAY), []);
  });
  test('a failed political review closes acceptance; training may still be recorded', () => {
    const fail = { ...rowOf('political_review')[2], conclusion: 'fail' };
    const r = check(before('political_review'), 'political_review', '2025-04-10', fail);
    assert.deepEqual(r.warnings.map((w) => w.rule), ['political_review_failed']);
    const failedBefore = (key: StepKey) => factsOf(happyPath.slice(0, happyPath.findIndex(([k]) => k === key)).map(([k, d, f]): Row => [k, d, k === 'political_review' ? fail : f]));
    assert.deepEqual(refused(check(failedBefore('training'), 'training', '2025-04-15')), []);
    const facts = failedBefore('committee_review');
    assert.equal(blockedBy(facts, 'committee_review', '2025-05-06'), 'political_review_failed');
  });
  test('a vote not adopted is recorded, then the committee steps are closed', () => {
    const lost = { ...rowOf('branch_vote')[2], yes: 8, no: 7, writtenYes: 2 };
    const r = check(before('branch_vote'), 'branch_vote', '2025-06-10', lost);
    assert.deepEqual(refused(r), []);
    assert.deepEqual(r.warnings.map((w) => w.rule), ['vote_passed']);
    const facts = before('committee_talk', []);
    facts.steps = facts.steps.map((s) => (s.key === 'branch_vote' ? { ...s, fields: lost } : s));
    assert.equal(blockedBy(facts, 'committee_talk', '2025-06-20'), 'branch_vote_failed');
    assert.equal(caseMilestones(facts).acceptedOn, null);
  });
  test('a meeting without quorum cannot decide: refused, so it can be held again', () => {
    const r = check(before('branch_vote'), 'branch_vote', '2025-06-10', { ...rowOf('branch_vote')[2], votingPresent: 10, yes: 10, no: 0, writtenYes: 0 });
    assert.deepEqual(refused(r), ['vote_quorum']);
  });
  test('a refused approval closes the case', () => {
    const facts = before('approval_filing', []);
    facts.steps = facts.steps.map((s) => (s.key === 'approval' ? { ...s, fields: { conclusion: 'refuse' } } : s));
    assert.equal(blockedBy(facts, 'oath', '2025-08-15'), 'approval_refused');
  });
});

describe('deadlines for reminders (caseDeadlines) and nextSteps due dates', () => {
  test('talk due a month after the application; overdue the day after', () => {
    const f = factsOf([['apply', '2026-01-31', {}]]);
    assert.deepEqual(caseDeadlines(f, TODAY), [{ rule: 'talk_within_1_month', key: 'talk', dueOn: '2026-02-28', article: '第七条', zh: '收到入党申请书后一个月内派人谈话' }]);
    assert.equal(next(f, '2026-02-28')[0]!.overdue, false);
    assert.equal(next(f, '2026-03-01')[0]!.overdue, true);
  });
  test('assessment every six months from the activist decision, then from the previous assessment', () => {
    const due = (f: CaseFacts) => caseDeadlines(f, TODAY).find((d) => d.key === 'assessment')?.dueOn;
    assert.equal(due(before('activist_filing')), '2024-09-15');
    assert.equal(due(before('assessment', [['assessment', '2024-09-10', {}]])), '2025-03-10');
    assert.equal(due(before('sponsors')), undefined, 'no assessments once a candidate');
    assert.equal(next(before('activist_filing'), '2024-09-16').find((n) => n.key === 'assessment')!.overdue, true);
  });
  test('branch meeting, approval, oath, regularisation', () => {
    const dl = (key: StepKey) => caseDeadlines(before(key), TODAY).find((d) => d.key === key);
    assert.equal(dl('branch_vote')?.dueOn, '2025-06-12');
    assert.equal(dl('approval')?.dueOn, '2025-09-10');
    assert.equal(dl('oath')?.dueOn, '2025-08-20');
    assert.equal(dl('regularisation_vote')?.dueOn, '2026-06-10');
    assert.equal(dl('regularisation_vote')?.rule, 'regularisation_due');
    assert.equal(dl('regularisation_application')?.dueOn, '2026-06-10', 'reminded on the application until there is one');
    assert.equal(dl('regularisation_approval')?.dueOn, '2026-09-10');
  });
  test('earliest dates: candidate a year after the activist decision; listing after five working days of notice', () => {
    assert.equal(next(before('candidate_decision')).find((n) => n.key === 'candidate_decision')!.earliest, '2025-03-15');
    // decision 2025-03-15 (Saturday): Mon 17 … Fri 21 are the first five working days
    assert.equal(next(before('candidate_consent_notice'))[0]!.earliest, '2025-03-21');
    assert.equal(next(before('regularisation_vote')).find((n) => n.key === 'regularisation_vote')!.earliest, '2026-06-10');
  });
  test('the local minimum before activist shows in earliest', () => {
    const n = nextSteps(before('activist_decision'), { today: TODAY, calendar: ctxOf().calendar, settings: { activistMinMonthsAfterApplication: 3, approvalSpecialMonths: 6 } });
    assert.equal(n[0]!.earliest, '2024-04-10');
  });
});
