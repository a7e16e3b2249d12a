import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionDateProblem, eventDate, leftReasonText, needsDecisionRef, restoreFromLeftProblem } from './member.standing.rules.ts';

describe('member standing rules', () => {
  test('removal and expulsion need a 文号; death, withdrawal and other do not', () => {
    for (const [kind, needs] of [
      ['removal', true],
      ['expulsion', true],
      ['death', false],
      ['withdrawal', false],
      ['other', false],
    ] as const) {
      assert.equal(needsDecisionRef(kind), needs, kind);
    }
  });

  test('left_reason keeps the plain reason without a decision and names the decision with one', () => {
    for (const [input, want] of [
      [{ kind: 'withdrawal', reason: '本人申请退党' }, '本人申请退党'],
      [{ kind: 'expulsion', reason: '严重违纪', decisionRef: '明纪发〔2026〕3号' }, '开除党籍（明纪发〔2026〕3号）：严重违纪'],
      [{ kind: 'expulsion', reason: '严重违纪', decisionRef: '明纪发〔2026〕3号', decidedBy: '明德区纪委' }, '开除党籍（明德区纪委 明纪发〔2026〕3号）：严重违纪'],
      [{ kind: 'death', reason: '因病去世', decidedBy: '春晖社区第一网格党支部' }, '去世（春晖社区第一网格党支部）：因病去世'],
    ] as const) {
      assert.equal(leftReasonText(input), want);
    }
  });

  test('an event date is decidedOn, else leftOn or on (older events), else null', () => {
    assert.equal(eventDate({ kind: 'suspended', details: { decidedOn: '2026-10-01' } }), '2026-10-01');
    assert.equal(eventDate({ kind: 'left', details: { leftOn: '2026-09-30', kind: 'death' } }), '2026-09-30');
    assert.equal(eventDate({ kind: 'transferred_out', details: { on: '2026-08-01' } }), '2026-08-01');
    assert.equal(eventDate({ kind: 'left', details: {} }), null);
    assert.equal(eventDate(undefined), null);
  });

  test('a decision date is not in the future, not before joining, not before the previous act', () => {
    const base = { label: '决定日期', today: '2026-11-22', joinedOn: '2010-07-01', previous: '2026-10-15' };
    for (const [on, want] of [
      ['2026-11-22', null],
      ['2026-10-15', null],
      ['2026-11-23', '决定日期：不能晚于今天'],
      ['2010-06-30', '决定日期：不能早于入党日期（2010-07-01）'],
      ['2026-10-14', '决定日期：不能早于上一次党籍变动的日期（2026-10-15）'],
    ] as const) {
      assert.equal(decisionDateProblem({ ...base, on }), want, on);
    }
    assert.equal(decisionDateProblem({ ...base, previous: null, on: '2011-01-01' }), null);
  });

  test('only a removal or expulsion is undone by restoration from left', () => {
    assert.equal(restoreFromLeftProblem({ kind: 'left', details: { kind: 'expulsion' } }), null);
    assert.equal(restoreFromLeftProblem({ kind: 'left', details: { kind: 'removal' } }), null);
    assert.match(restoreFromLeftProblem({ kind: 'left', details: { kind: 'death' } })!, /去世/);
    assert.match(restoreFromLeftProblem({ kind: 'left', details: { kind: 'withdrawal' } })!, /重新履行入党手续/);
    assert.match(restoreFromLeftProblem({ kind: 'transferred_out', details: {} })!, /转出/);
    assert.match(restoreFromLeftProblem(undefined)!, /找不到/);
  });
});
