import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { settingsCatalogue } from '@xianfeng/contracts/settings/settings.catalogue';
import {
  attendanceKind,
  meetingPointsEvents,
  meetingPointsPlan,
  orderBranchMembers,
  parsePeriod,
  yearPeriod,
  type MeetingRecord,
  type MemberTotals,
  type PointsRules,
} from './points.rules.ts';

const DEFAULTS: PointsRules = settingsCatalogue['points.rules'].default;

const record = (over: Partial<MeetingRecord> = {}): MeetingRecord => ({
  type: 'theme_day',
  title: '11 月主题党日',
  date: '2026-11-22',
  status: 'confirmed',
  hostMemberId: 'host',
  recorderMemberId: 'rec',
  attendees: [],
  ...over,
});

describe('points rules: attendance kinds', () => {
  const cases: [string, { expected: boolean; attendance: string | null }, string | null][] = [
    ['expected and present → attended', { expected: true, attendance: 'present' }, 'attended'],
    ['expected and online → attendedOnline', { expected: true, attendance: 'online' }, 'attendedOnline'],
    ['expected and on approved leave → onLeave', { expected: true, attendance: 'leave' }, 'onLeave'],
    ['expected and recorded absent → absentWithoutLeave', { expected: true, attendance: 'absent' }, 'absentWithoutLeave'],
    ['expected, never checked in, no leave → absentWithoutLeave', { expected: true, attendance: null }, 'absentWithoutLeave'],
    ['not expected (出国出境) → nothing', { expected: false, attendance: null }, null],
    ['not expected but came → nothing', { expected: false, attendance: 'present' }, null],
  ];
  for (const [name, a, kind] of cases) test(name, () => assert.equal(attendanceKind(a), kind));
});

describe('points rules: events of a confirmed meeting', () => {
  const attendees = [
    { memberId: 'host', expected: true, attendance: 'present' },
    { memberId: 'rec', expected: true, attendance: 'present' },
    { memberId: 'a', expected: true, attendance: 'present' },
    { memberId: 'b', expected: true, attendance: 'online' },
    { memberId: 'c', expected: true, attendance: 'leave' },
    { memberId: 'd', expected: true, attendance: 'absent' },
    { memberId: 'e', expected: true, attendance: null },
    { memberId: 'f', expected: false, attendance: null },
  ];

  test('default rules: each attendee once, host and recorder on top; 请假 is 0 and emits nothing', () => {
    const events = meetingPointsEvents(record({ attendees }), DEFAULTS);
    const got = events.map((e) => `${e.memberId}:${e.kind}:${e.points}`).sort();
    assert.deepEqual(
      got,
      ['a:attended:2', 'b:attendedOnline:2', 'd:absentWithoutLeave:-2', 'e:absentWithoutLeave:-2', 'host:attended:2', 'host:hosted:1', 'rec:attended:2', 'rec:recorded:1'].sort(),
    );
    assert.ok(events.every((e) => e.occurredOn === '2026-11-22'));
  });

  test('notes name the meeting in Chinese', () => {
    const events = meetingPointsEvents(record({ attendees }), { ...DEFAULTS, onLeave: 1 });
    const note = (m: string, k: string) => events.find((e) => e.memberId === m && e.kind === k)?.note;
    assert.equal(note('a', 'attended'), '参加「11 月主题党日」');
    assert.equal(note('b', 'attendedOnline'), '线上参加「11 月主题党日」');
    assert.equal(note('c', 'onLeave'), '请假「11 月主题党日」');
    assert.equal(note('d', 'absentWithoutLeave'), '无故缺席「11 月主题党日」');
    assert.equal(note('host', 'hosted'), '主持「11 月主题党日」');
    assert.equal(note('rec', 'recorded'), '记录「11 月主题党日」');
  });

  test('the host of a 党课 gave the lecture instead of hosting', () => {
    const events = meetingPointsEvents(record({ type: 'party_lecture', title: '学习二十届四中全会精神', attendees: attendees.slice(0, 2) }), DEFAULTS);
    const host = events.filter((e) => e.memberId === 'host').map((e) => [e.kind, e.points, e.note]);
    assert.deepEqual(host, [
      ['attended', 2, '参加「学习二十届四中全会精神」'],
      ['gaveLecture', 5, '讲党课「学习二十届四中全会精神」'],
    ]);
    assert.ok(!events.some((e) => e.kind === 'hosted'));
  });

  test('one person both hosting and recording (a branch without a committee) earns both', () => {
    const events = meetingPointsEvents(record({ hostMemberId: 'host', recorderMemberId: 'host', attendees: attendees.slice(0, 1) }), DEFAULTS);
    assert.deepEqual(events.map((e) => e.kind).sort(), ['attended', 'hosted', 'recorded']);
  });

  test('a rule worth 0 emits nothing; a local rule set changes the values', () => {
    const local: PointsRules = { attended: 3, attendedOnline: 1, onLeave: 0, absentWithoutLeave: 0, gaveLecture: 10, hosted: 0, recorded: 0 };
    const events = meetingPointsEvents(record({ attendees }), local);
    assert.deepEqual(events.map((e) => `${e.memberId}:${e.kind}:${e.points}`).sort(), ['a:attended:3', 'b:attendedOnline:1', 'host:attended:3', 'rec:attended:3'].sort());
  });

  test('no host or recorder on record: attendance only', () => {
    const events = meetingPointsEvents(record({ hostMemberId: null, recorderMemberId: null, attendees: attendees.slice(2, 3) }), DEFAULTS);
    assert.deepEqual(events.map((e) => e.kind), ['attended']);
  });

  test('property: at most one event per member and kind, and never a 0-point event', () => {
    const att = fc.record({ memberId: fc.constantFrom('m1', 'm2', 'm3', 'host', 'rec'), expected: fc.boolean(), attendance: fc.constantFrom('present', 'online', 'leave', 'absent', null) });
    const rules = fc.record({
      attended: fc.integer({ min: -3, max: 3 }),
      attendedOnline: fc.integer({ min: -3, max: 3 }),
      onLeave: fc.integer({ min: -3, max: 3 }),
      absentWithoutLeave: fc.integer({ min: -3, max: 3 }),
      gaveLecture: fc.integer({ min: -3, max: 3 }),
      hosted: fc.integer({ min: -3, max: 3 }),
      recorded: fc.integer({ min: -3, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(att, { maxLength: 8 }), rules, fc.constantFrom('theme_day', 'party_lecture'), (list, r, type) => {
        const events = meetingPointsEvents(record({ type, attendees: list }), r);
        const keys = events.map((e) => `${e.memberId}:${e.kind}`);
        assert.equal(new Set(keys).size, keys.length);
        assert.ok(events.every((e) => e.points !== 0 && e.points === r[e.kind]));
      }),
    );
  });
});

describe('points rules: what the job does by meeting status', () => {
  const attendees = [{ memberId: 'a', expected: true, attendance: 'present' }];
  const cases: [string, 'replace' | 'keep', number][] = [
    ['confirmed', 'replace', 3],
    ['approved', 'replace', 3],
    ['returned', 'replace', 3],
    ['cancelled', 'replace', 0],
    ['minutes_draft', 'keep', 0],
    ['in_progress', 'keep', 0],
    ['planned', 'keep', 0],
  ];
  for (const [status, action, n] of cases) {
    test(`${status} → ${action}${action === 'replace' ? ` with ${n} events` : ''}`, () => {
      const plan = meetingPointsPlan(record({ status, attendees }), DEFAULTS);
      assert.equal(plan.action, action);
      if (plan.action === 'replace') assert.equal(plan.events.length, n);
    });
  }
});

describe('points rules: branch list order and ranks', () => {
  const m = (name: string, total: number, id = name): MemberTotals => ({ memberId: id, name, total, attended: 0, absentWithoutLeave: 0 });
  const members = [m('王芳', 4), m('张伟', 9), m('李娜', 4), m('赵强', 0), m('陈静', 9), m('刘洋', 1)];

  test('ranking off: by name in pinyin order, no rank', () => {
    const out = orderBranchMembers(members, false);
    assert.deepEqual(out.map((x) => x.name), ['陈静', '李娜', '刘洋', '王芳', '张伟', '赵强']);
    assert.ok(out.every((x) => x.rank === null));
  });

  test('ranking on: by total, ties share a rank and the next rank skips; ties by name', () => {
    const out = orderBranchMembers(members, true);
    assert.deepEqual(
      out.map((x) => [x.name, x.total, x.rank]),
      [
        ['陈静', 9, 1],
        ['张伟', 9, 1],
        ['李娜', 4, 3],
        ['王芳', 4, 3],
        ['刘洋', 1, 5],
        ['赵强', 0, 6],
      ],
    );
  });

  test('same name: ordered by id, still one rank for the tie', () => {
    const out = orderBranchMembers([m('王芳', 2, 'b'), m('王芳', 2, 'a')], true);
    assert.deepEqual(out.map((x) => [x.memberId, x.rank]), [['a', 1], ['b', 1]]);
  });

  test('empty list', () => assert.deepEqual(orderBranchMembers([], true), []));

  test('property: ranks start at 1, never decrease, and equal totals share a rank', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 12 }), (totals) => {
        const out = orderBranchMembers(totals.map((t, i) => m(`党员${i}`, t, `id${i}`)), true);
        out.forEach((x, i) => {
          if (i === 0) return assert.equal(x.rank, 1);
          const prev = out[i - 1]!;
          assert.ok(prev.total >= x.total);
          assert.equal(x.rank, prev.total === x.total ? prev.rank : i + 1);
        });
      }),
    );
  });
});

describe('points rules: periods', () => {
  const cases: [string, [string, string] | null][] = [
    ['2026', ['2026-01-01', '2026-12-31']],
    ['2026-02', ['2026-02-01', '2026-02-28']],
    ['2028-02', ['2028-02-01', '2028-02-29']],
    ['2026-Q4', ['2026-10-01', '2026-12-31']],
    ['2026-Q1', ['2026-01-01', '2026-03-31']],
    ['2026-Q5', null],
    ['2026-13', null],
    ['2026-1', null],
    ['26', null],
    ['2026-q4', null],
    ['', null],
    ['2026-11-01', null],
  ];
  for (const [key, span] of cases) {
    test(`${JSON.stringify(key)} → ${span ? span.join('..') : 'invalid'}`, () => {
      const p = parsePeriod(key);
      assert.deepEqual(p ? [p.start, p.end] : null, span);
    });
  }
  test('a year as a period', () => assert.deepEqual(yearPeriod(2026), { kind: 'year', key: '2026', start: '2026-01-01', end: '2026-12-31' }));
  // Year 0 would reach PostgreSQL as an invalid date (22008): refused as a period, like any year outside 2000–2100.
  test('years outside 2000–2100 are not periods', () => {
    for (const key of ['0000', '0000-01', '1999-Q4', '2101', '9999-12']) assert.equal(parsePeriod(key), null, key);
    assert.ok(parsePeriod('2000-Q1') && parsePeriod('2100-12'));
  });
});
