import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseView } from '@xianfeng/contracts/development/development.schemas';
import { nextStepText, toApplicantCaseView, zhDate } from './development.applicant.view.ts';

/** The applicant's progress view: plain-words next steps, and only the fields an applicant may see. */

const next = (over: Partial<CaseView['next'][number]>): CaseView['next'][number] => ({
  key: 'talk',
  number: 2,
  zh: '党组织派人谈话',
  earliest: null,
  dueBy: null,
  overdue: false,
  blockedBy: [],
  ...over,
});

describe('development applicant view', () => {
  test('dates as people write them', () => {
    assert.equal(zhDate('2026-12-05'), '2026年12月5日');
    assert.equal(zhDate('2027-01-31'), '2027年1月31日');
  });

  test('next step in plain words: who does what, from when, by when, overdue', () => {
    const today = '2026-11-22';
    assert.equal(nextStepText(next({ dueBy: '2026-12-22' }), today), '党组织派人与您谈话，应在2026年12月22日前完成');
    assert.equal(
      nextStepText(next({ key: 'candidate_decision', zh: '确定发展对象', earliest: '2027-11-01' }), today),
      '党支部研究确定您为发展对象，最早在2027年11月1日起办理',
    );
    assert.match(nextStepText(next({ dueBy: '2026-11-01', overdue: true }), today), /已超过期限，请联系党支部$/);
    // An earliest date already reached says nothing; an unknown key falls back to the chart's name.
    assert.equal(nextStepText(next({ key: 'archive', zh: '材料归档', earliest: '2026-01-01' }), today), '材料归档');
  });

  test('keeps only what the applicant may see; blocked steps only when nothing else is possible', () => {
    const staff: CaseView = {
      id: '00000000-0000-4000-8000-000000000001',
      orgId: '00000000-0000-4000-8000-000000000002',
      orgName: '春晖社区第一网格党支部',
      name: '申请人',
      gender: 'male',
      birthDate: '1990-01-01',
      idNumber: '110101********1234',
      phone: '139****5678',
      appliedOn: '2026-10-01',
      stage: 2,
      status: 'open',
      stoppedReason: null,
      activistOn: '2026-11-01',
      candidateOn: null,
      acceptedOn: null,
      approvedOn: null,
      probationEndsOn: null,
      fullMemberOn: null,
      memberId: null,
      steps: [
        {
          id: '00000000-0000-4000-8000-000000000003',
          key: 'talk',
          number: 2,
          stage: 1,
          seq: 1,
          date: '2026-10-15',
          orgId: null,
          orgName: '支部',
          responsible: ['王书记'],
          decision: '内部意见',
          fields: { summary: '谈话内容' },
          attachments: [],
          overrideReason: '理由',
          overridden: null,
          actor: '王书记',
          recordedAt: '2026-10-15T00:00:00.000Z',
        },
      ],
      next: [next({ key: 'assessment', number: 6, zh: '培养教育考察', dueBy: '2027-05-01' }), next({ key: 'candidate_decision', number: 7, blockedBy: [{ code: 'x', message: '未满一年', article: '第十三条' }] })],
      version: 3,
    };
    const v = toApplicantCaseView(staff, '2026-11-22');
    assert.deepEqual(v.steps, [{ key: 'talk', number: 2, stage: 1, zh: '党组织派人谈话', date: '2026-10-15' }]);
    assert.deepEqual(v.next.map((n) => n.key), ['assessment']);
    assert.deepEqual(v.stages.map((s) => s.state), ['done', 'current', 'todo', 'todo', 'todo']);
    const text = JSON.stringify(v);
    for (const secret of ['王书记', '内部意见', '谈话内容', '理由', '未满一年', '1990-01-01']) assert.ok(!text.includes(secret), secret);
    const onlyBlocked = toApplicantCaseView({ ...staff, next: [staff.next[1]!] }, '2026-11-22');
    assert.deepEqual(onlyBlocked.next.map((n) => n.key), ['candidate_decision']);
    assert.deepEqual(toApplicantCaseView({ ...staff, status: 'archived', stage: 5 }, '2026-11-22').stages.map((s) => s.state), ['done', 'done', 'done', 'done', 'done']);
  });
});
