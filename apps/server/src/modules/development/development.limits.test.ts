import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepKey } from '@xianfeng/contracts/development/development.steps';
import { buildHolidayCalendar } from '../../platform/workdays.ts';
import { checkStep, isEligibleAge, probationEnd, type CaseFacts, type StepContext } from './development.rules.ts';
import { approver, ballot, before, ctxOf, factsOf, generalBranch, rowOf, type Row } from './development.rules.fixtures.ts';

/** Every limit at its edges: the day before, the day of, the day after (regulations.md §3, §10). */

const check = (facts: CaseFacts, key: StepKey, date: string, fields: Record<string, unknown> = rowOf(key)[2], ctx: StepContext = ctxOf()) => checkStep(facts, key, { date, fields }, ctx);
const refused = (r: ReturnType<typeof checkStep>) => r.refusals.map((f) => f.rule);
const warned = (r: ReturnType<typeof checkStep>) => r.warnings.map((f) => f.rule);

describe('age 18 on the application date (第五条; §10)', () => {
  const table: [string, string, boolean][] = [
    ['2008-05-10', '2026-05-09', false],
    ['2008-05-10', '2026-05-10', true],
    ['2008-05-10', '2026-05-11', true],
    ['2008-02-29', '2026-02-28', false],
    ['2008-02-29', '2026-03-01', true],
    ['2006-02-28', '2024-02-28', true],
    ['2006-03-01', '2024-02-29', false],
    ['2004-02-29', '2022-02-28', false],
    ['2004-02-29', '2022-03-01', true],
  ];
  for (const [born, applied, ok] of table) test(`born ${born}, applying ${applied} → ${ok}`, () => assert.equal(isEligibleAge(born, applied), ok));
  test('the apply step refuses an under-age application, naming the first day allowed', () => {
    const f = check(factsOf([], { birthDate: '2008-02-29', appliedOn: '2026-02-28' }), 'apply', '2026-02-28', {}).refusals[0]!;
    assert.equal(f.rule, 'age_18');
    assert.equal(f.code, 'DEVELOPMENT_PRECONDITION');
    assert.equal(f.article, '第五条');
    assert.match(f.message, /2026-03-01/);
    assert.deepEqual(refused(check(factsOf([], { birthDate: '2008-02-29', appliedOn: '2026-03-01' }), 'apply', '2026-03-01', {})), []);
  });
});

describe('talk within one month of the application (第七条)', () => {
  const table: [string, string, boolean][] = [
    ['2026-03-15', '2026-04-14', true],
    ['2026-03-15', '2026-04-15', true],
    ['2026-03-15', '2026-04-16', false],
    ['2026-01-31', '2026-02-28', true],
    ['2026-01-31', '2026-03-01', false],
    ['2024-01-31', '2024-02-29', true],
    ['2024-01-31', '2024-03-01', false],
  ];
  for (const [applied, talk, ok] of table) {
    test(`applied ${applied}, talk ${talk} → ${ok ? 'allowed' : 'refused'}`, () => {
      const r = check(factsOf([['apply', applied, {}]]), 'talk', talk);
      assert.deepEqual(refused(r), ok ? [] : ['talk_within_1_month']);
      if (!ok) {
        assert.equal(r.refusals[0]!.code, 'DEVELOPMENT_TIME_LIMIT');
        assert.equal(r.refusals[0]!.article, '第七条');
        assert.match(r.refusals[0]!.message, /谈话日期应在收到入党申请书后一个月内/);
      }
    });
  }
});

describe('activist: local minimum months after application (setting, default none)', () => {
  const facts = factsOf([['apply', '2026-01-31', {}], ['talk', '2026-02-10', rowOf('talk')[2]]]);
  const ctx = ctxOf({ settings: { activistMinMonthsAfterApplication: 3, approvalSpecialMonths: 6 } });
  test('default 0: any date after the talk', () => assert.deepEqual(refused(check(facts, 'activist_decision', '2026-02-10')), []));
  test('3 months: 2026-04-29 refused, 2026-04-30 allowed (month-end clamp)', () => {
    assert.deepEqual(refused(check(facts, 'activist_decision', '2026-04-29', rowOf('activist_decision')[2], ctx)), ['activist_min_months']);
    assert.deepEqual(refused(check(facts, 'activist_decision', '2026-04-30', rowOf('activist_decision')[2], ctx)), []);
  });
});

describe('candidate at least one year after the activist decision (第十三条; anniversary)', () => {
  const at = (activist: string, date: string) => {
    // one assessment, dated before both anniversaries tried
    const rows = before('candidate_decision')
      .steps.filter((s) => !(s.key === 'assessment' && s.seq === 2))
      .map((s): Row => [s.key, s.key === 'activist_decision' ? activist : s.date, s.fields]);
    return refused(check(factsOf(rows), 'candidate_decision', date));
  };
  test('the day before is refused, the day of and after allowed', () => {
    assert.deepEqual(at('2024-03-15', '2025-03-14'), ['candidate_after_1_year']);
    assert.deepEqual(at('2024-03-15', '2025-03-15'), []);
    assert.deepEqual(at('2024-03-15', '2025-03-16'), []);
  });
  test('activist on Feb 29 → Mar 1 of the next year', () => {
    assert.deepEqual(at('2024-02-29', '2025-02-28'), ['candidate_after_1_year']);
    assert.deepEqual(at('2024-02-29', '2025-03-01'), []);
  });
});

describe('consent and public notice of ≥ 5 working days (第十三条)', () => {
  const facts = before('candidate_consent_notice');
  const notice = (over: Record<string, unknown>, date = '2025-12-31', ctx = ctxOf()) => check(facts, 'candidate_consent_notice', date, { ...rowOf('candidate_consent_notice')[2], ...over }, ctx);
  const table: [string, string, string, boolean][] = [
    ['a plain week', '2025-03-24', '2025-03-28', true],
    ['one day short', '2025-03-24', '2025-03-27', false],
    ['starting the Friday before 国庆 2025: the make-up Sunday counts, the holiday does not', '2025-09-26', '2025-10-09', true],
    ['…ending on the last holiday is one short', '2025-09-26', '2025-10-08', false],
    ['make-up Sunday 2026-09-20 counts', '2026-09-18', '2026-09-23', true],
    ['…without it one short', '2026-09-18', '2026-09-22', false],
    ['across 春节 2026', '2026-02-13', '2026-02-26', true],
  ];
  for (const [why, from, to, ok] of table) {
    test(`${from} → ${to}: ${why}`, () => {
      const r = notice({ consentOn: '2025-03-20', noticeFrom: from, noticeTo: to }, to > '2025-12-31' ? to : '2025-12-31');
      assert.deepEqual(refused(r), ok ? [] : ['notice_5_working_days']);
      if (!ok) assert.equal(r.refusals[0]!.path, 'noticeTo');
    });
  }
  test('a year missing from the calendar refuses with a clear message (never guessed)', () => {
    const only2025 = buildHolidayCalendar({ '2025': { holidays: [], workdays: [], source: 'test' } });
    const r = notice({ noticeFrom: '2025-12-29', noticeTo: '2026-01-05' }, '2026-01-06', ctxOf({ calendar: only2025 }));
    assert.deepEqual(refused(r), ['notice_calendar_missing']);
    assert.equal(r.refusals[0]!.code, 'DEVELOPMENT_TIME_LIMIT');
    assert.match(r.refusals[0]!.message, /2026 年/);
  });
  test('consent after the decision, notice after the consent, the end after the start, listing after the end', () => {
    assert.deepEqual(refused(notice({ consentOn: '2025-03-14' })), ['consent_after_decision']);
    assert.deepEqual(refused(notice({ consentOn: '2025-03-20', noticeFrom: '2025-03-19', noticeTo: '2025-03-28' })), ['notice_after_consent']);
    assert.deepEqual(refused(notice({ noticeFrom: '2025-03-28', noticeTo: '2025-03-24' })), ['notice_to_after_from']);
    const r = notice({}, '2025-03-27');
    assert.deepEqual(refused(r), ['listed_after_notice']);
    assert.equal(r.refusals[0]!.path, 'date');
    assert.deepEqual(refused(notice({}, '2025-03-28')), [], 'listed on the last day of the notice');
  });
});

describe('mentors (第九条) and sponsors (第十四条)', () => {
  const mentors = (ids: string[]) => check(before('activist_filing'), 'mentors', '2024-03-20', { mentorMemberIds: ids });
  const sponsors = (ids: string[], date = '2025-04-01') => check(before('sponsors'), 'sponsors', date, { sponsorMemberIds: ids });
  test('mentors: 1–2 full members on the rolls', () => {
    assert.deepEqual(refused(mentors(['m1'])), []);
    assert.deepEqual(refused(mentors(['m1', 'm2', 'm6'])), ['mentor_count']);
    assert.deepEqual(refused(mentors(['m1', 'm3'])), ['mentor_full_member']);
    assert.equal(mentors(['m1', 'm3']).refusals[0]!.path, 'mentorMemberIds.1');
    assert.deepEqual(refused(mentors(['m4'])), ['mentor_active']);
    assert.deepEqual(refused(mentors(['m1', 'm1'])), ['mentor_distinct']);
    assert.deepEqual(refused(mentors(['nobody'])), ['mentor_unknown']);
  });
  test('sponsors: exactly two full members', () => {
    assert.deepEqual(refused(sponsors(['m1'])), ['sponsor_count']);
    assert.deepEqual(refused(sponsors(['m1', 'm3'])), ['sponsor_full_member']);
    assert.deepEqual(refused(sponsors(['m4', 'm1'])), ['sponsor_active']);
  });
  test('under 留党察看 without rights restored: cannot; restored: can', () => {
    const r = sponsors(['m1', 'm5']);
    assert.deepEqual(refused(r), ['sponsor_probation_discipline']);
    assert.equal(r.refusals[0]!.path, 'sponsorMemberIds.1');
    assert.equal(r.refusals[0]!.article, '第十四条');
    assert.deepEqual(refused(sponsors(['m1', 'm6'])), []);
  });
  test('inside the influence period of 警告 (1 y), 严重警告 (1.5 y), 撤销党内职务 (2 y): a warning (不宜), not a refusal', () => {
    // m7 警告 2025-01-10 → until 2026-01-10; m8 严重警告 2024-01-10 → 2025-07-10; m9 撤职 2023-06-30 → 2025-06-30
    const w = (id: string, date: string) => {
      const r = check(before('sponsors'), 'sponsors', date, { sponsorMemberIds: ['m1', id] }, ctxOf({ today: '2026-12-31' }));
      assert.deepEqual(refused(r), []);
      return warned(r);
    };
    assert.deepEqual(w('m7', '2026-01-09'), ['sponsor_influence_period']);
    assert.match(check(before('sponsors'), 'sponsors', '2026-01-09', { sponsorMemberIds: ['m1', 'm7'] }, ctxOf({ today: '2026-12-31' })).warnings[0]!.message, /影响期至 2026-01-09/);
    assert.deepEqual(w('m7', '2026-01-10'), []);
    assert.deepEqual(w('m8', '2025-07-09'), ['sponsor_influence_period']);
    assert.deepEqual(w('m8', '2025-07-10'), []);
    assert.deepEqual(w('m9', '2025-06-29'), ['sponsor_influence_period']);
    assert.deepEqual(w('m9', '2025-06-30'), []);
    assert.deepEqual(w('m10', '2025-04-01'), [], 'endsOn set on the record ends it early');
  });
});

describe('political review, training, committee review, pre-review', () => {
  test('training ≥ 3 days or ≥ 24 hours (第十七条)', () => {
    const t = (days: number, hours: number) => refused(check(before('training'), 'training', '2025-04-15', { ...rowOf('training')[2], days, hours }));
    assert.deepEqual(t(2, 23), ['training_duration']);
    assert.deepEqual(t(3, 0), []);
    assert.deepEqual(t(0, 24), []);
  });
  test('committee review needs its quorum', () => {
    const c = (size: number, present: number) => refused(check(before('committee_review'), 'committee_review', '2025-05-06', { conclusion: 'pass', committeeSize: size, committeePresent: present }));
    assert.deepEqual(c(5, 2), ['committee_quorum']);
    assert.deepEqual(c(5, 3), []);
    assert.deepEqual(c(4, 2), []);
    assert.deepEqual(c(3, 4), ['committee_counts']);
    assert.deepEqual(c(0, 0), [], 'no committee: the general meeting acts for it');
  });
  test('pre-review by a committee with approval power; leaving within 3 months is a warning', () => {
    const pr = (ctx: StepContext, fields = rowOf('pre_review')[2]) => check(before('pre_review'), 'pre_review', '2025-05-12', fields, ctx);
    assert.deepEqual(refused(pr(ctxOf({ actingOrg: generalBranch }))), ['approver_power']);
    assert.deepEqual(refused(pr(ctxOf({ actingOrg: undefined }))), ['approver_power']);
    const r = pr(ctxOf(), { conclusion: 'pass', leavingWithin3Months: true });
    assert.deepEqual([refused(r), warned(r)], [[], ['pre_review_leaving']]);
  });
});

describe('branch meeting, approval, oath', () => {
  test('branch meeting within one month of the pre-review (第十九条), month end', () => {
    const rows = before('branch_vote').steps.map((s): Row => [s.key, s.key === 'pre_review' ? '2025-01-31' : s.key === 'application_form' ? '2025-02-01' : s.date, s.fields]);
    assert.deepEqual(refused(check(factsOf(rows), 'branch_vote', '2025-02-28')), []);
    assert.deepEqual(refused(check(factsOf(rows), 'branch_vote', '2025-03-01')), ['branch_vote_within_1_month']);
  });
  test('approval within 3 months, up to 6 with a special-case reason (第二十五条)', () => {
    const a = (date: string, fields: Record<string, unknown> = { conclusion: 'approve' }, ctx = ctxOf()) => refused(check(before('approval'), 'approval', date, fields, ctx));
    assert.deepEqual(a('2025-09-10'), []);
    assert.deepEqual(a('2025-09-11'), ['approval_within_3_months']);
    assert.deepEqual(a('2025-09-11', { conclusion: 'approve', specialCaseReason: '审批期间发现需核实的问题' }), []);
    assert.deepEqual(a('2025-12-10', { conclusion: 'approve', specialCaseReason: '需核实' }), []);
    assert.deepEqual(a('2025-12-11', { conclusion: 'approve', specialCaseReason: '需核实' }), ['approval_within_6_months']);
    const four = ctxOf({ settings: { activistMinMonthsAfterApplication: 0, approvalSpecialMonths: 4 } });
    assert.deepEqual(a('2025-10-10', { conclusion: 'approve', specialCaseReason: '需核实' }, four), []);
    assert.deepEqual(a('2025-10-11', { conclusion: 'approve', specialCaseReason: '需核实' }, four), ['approval_within_6_months']);
  });
  test('only a committee with approval power approves (第二十二条)', () => {
    const r = check(before('approval'), 'approval', '2025-07-20', { conclusion: 'approve' }, ctxOf({ actingOrg: generalBranch }));
    assert.deepEqual(refused(r), ['approver_power']);
    assert.equal(r.refusals[0]!.article, '第二十二条');
    assert.deepEqual(refused(check(before('approval'), 'approval', '2025-07-20', { conclusion: 'approve' }, ctxOf({ actingOrg: approver }))), []);
  });
  test('oath generally within one month (第二十九条); a collective oath on the next 七一 or 国庆 is a warning', () => {
    const o = (date: string, collective = false) => check(before('oath'), 'oath', date, { place: '党群服务中心', collective });
    assert.deepEqual(refused(o('2025-08-20')), []);
    assert.deepEqual(refused(o('2025-08-21')), ['oath_within_1_month']);
    const r = o('2025-10-01', true);
    assert.deepEqual([refused(r), warned(r)], [[], ['oath_collective']]);
    assert.deepEqual(refused(o('2025-10-01', false)), ['oath_within_1_month']);
    assert.deepEqual(refused(o('2025-10-02', true)), ['oath_within_1_month']);
  });
});

describe('probation and regularisation (第三十一—三十三条)', () => {
  test('probationEnd: one year from the branch meeting, extension counted on from that end', () => {
    assert.equal(probationEnd('2025-06-10'), '2026-06-10');
    assert.equal(probationEnd('2024-02-29'), '2025-03-01');
    assert.equal(probationEnd('2025-06-10', 6), '2026-12-10');
    assert.equal(probationEnd('2025-06-10', 12), '2027-06-10');
    assert.equal(probationEnd('2024-02-29', 6), '2025-09-01');
    assert.equal(probationEnd('2025-08-31', 6), '2027-02-28');
  });
  const vote = (outcome: string, extra: Record<string, unknown> = {}) => ({ ...ballot(), outcome, resolution: '决议', ...extra });
  const rv = (facts: CaseFacts, date: string, fields: Record<string, unknown>) => check(facts, 'regularisation_vote', date, fields, ctxOf({ today: '2027-12-31' }));
  test('regularising waits for the end of probation: the day before refused, the day of allowed', () => {
    assert.deepEqual(refused(rv(before('regularisation_vote'), '2026-06-09', vote('regularise'))), ['regularisation_after_probation']);
    assert.deepEqual(refused(rv(before('regularisation_vote'), '2026-06-10', vote('regularise'))), []);
  });
  test('extend once, 6–12 months; a new application and a vote on or after the extended end; no second extension', () => {
    assert.deepEqual(refused(rv(before('regularisation_vote'), '2026-06-10', vote('extend'))), ['extension_months']);
    assert.deepEqual(refused(rv(before('regularisation_vote'), '2026-06-10', vote('regularise', { extensionMonths: 6 }))), ['extension_months']);
    const extended = before('regularisation_vote', [
      ['regularisation_vote', '2026-06-10', vote('extend', { extensionMonths: 6 })],
      ['regularisation_approval', '2026-07-01', { conclusion: 'approve' }],
    ]);
    const nextOf = (f: CaseFacts) => checkStep(f, 'regularisation_vote', { date: '2026-12-10', fields: vote('regularise') }, ctxOf({ today: '2027-12-31' }));
    assert.deepEqual(refused(nextOf(extended)), ['regularisation_application_missing'], 'a new application first');
    assert.match(nextOf(extended).refusals[0]!.message, /延长预备期后/);
    const applied = factsOf([...extended.steps.map((s): Row => [s.key, s.date, s.fields]), ['regularisation_application', '2026-12-01', {}]]);
    assert.deepEqual(refused(rv(applied, '2026-12-09', vote('regularise'))), ['regularisation_after_probation']);
    assert.deepEqual(refused(rv(applied, '2026-12-10', vote('regularise'))), []);
    const again = rv(applied, '2026-12-10', vote('extend', { extensionMonths: 6 }));
    assert.deepEqual(refused(again), ['extension_once']);
    assert.equal(again.refusals[0]!.path, 'outcome');
    assert.deepEqual(refused(check(applied, 'archive', '2026-12-20', { archivedTo: 'personnel_file' }, ctxOf({ today: '2027-12-31' }))), ['archive_after_regularisation']);
  });
  test('extending or cancelling for a breach may be decided during probation, with no application (第三十一条第三款)', () => {
    const during = before('regularisation_application');
    assert.deepEqual(refused(rv(during, '2026-03-01', vote('cancel'))), []);
    assert.deepEqual(refused(rv(during, '2026-03-01', vote('extend', { extensionMonths: 12 }))), []);
    assert.deepEqual(refused(rv(during, '2026-06-10', vote('regularise'))), ['regularisation_application_missing']);
  });
  test('cancellation approved ends the case', () => {
    const cancelled = before('regularisation_vote', [
      ['regularisation_vote', '2026-06-10', vote('cancel')],
      ['regularisation_approval', '2026-07-01', { conclusion: 'approve' }],
    ]);
    assert.deepEqual(refused(check(cancelled, 'continued_education', '2026-07-02', { summary: 'x' })), ['probation_cancelled']);
  });
  test('a resolution waits for approval; approval within three months of it; a refusal sends it back', () => {
    const voted = before('regularisation_approval');
    assert.deepEqual(refused(rv(voted, '2026-06-20', vote('regularise'))), ['regularisation_resolution_pending']);
    const ra = (date: string, ctx = ctxOf()) => refused(check(voted, 'regularisation_approval', date, { conclusion: 'approve' }, ctx));
    assert.deepEqual(ra('2026-09-10'), []);
    assert.deepEqual(ra('2026-09-11'), ['regularisation_approval_within_3_months']);
    assert.deepEqual(ra('2026-07-01', ctxOf({ actingOrg: generalBranch })), ['approver_power']);
    const refusedOnce = before('regularisation_approval', [['regularisation_approval', '2026-07-01', { conclusion: 'refuse' }]]);
    assert.deepEqual(refused(rv(refusedOnce, '2026-07-10', vote('regularise'))), []);
    assert.deepEqual(refused(check(refusedOnce, 'regularisation_approval', '2026-07-10', { conclusion: 'approve' })), ['regularisation_no_resolution']);
  });
  test('a regularisation vote not adopted is recorded; the branch votes again', () => {
    const lost = vote('regularise', { yes: 9, no: 6, writtenYes: 0 });
    const r = rv(before('regularisation_vote'), '2026-06-10', lost);
    assert.deepEqual([refused(r), warned(r)], [[], ['vote_passed']]);
    const again = before('regularisation_vote', [['regularisation_vote', '2026-06-10', lost]]);
    assert.deepEqual(refused(rv(again, '2026-06-20', vote('regularise'))), []);
  });
});
