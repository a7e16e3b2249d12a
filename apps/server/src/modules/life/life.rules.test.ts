import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  committeeQuorumMet,
  defaultComplianceRules,
  evaluateCompliance,
  generalMeetingVoteValid,
  meetingTypes,
  parsePeriod,
  periodsWithin,
  type ComplianceRule,
  type HeldMeeting,
  type MeetingType,
  type Period,
  type RuleEvery,
  fixedDayOf,
} from './life.rules.ts';
import { LOCAL_RULE_SOURCE, periodKindsOf, rulesFrom, type CustomMeetingType, type LocalRule } from './life.rules.ts';

/** The business date of the test clock (templates.ts TEST_NOW, 10:00 Asia/Shanghai). */
const TODAY = '2026-11-22';

const period = (key: string): Period => {
  const p = parsePeriod(key);
  assert.ok(p, key);
  return p;
};
const held = (type: string, date: string, extra: Partial<HeldMeeting> = {}): HeldMeeting => ({ type, date, counted: true, lateEntry: false, ...extra });
const themeDay: ComplianceRule = { rule: 'theme_day', every: 'month', required: 1, appliesTo: 'branch', source: '支部工作条例 第十六条' };

type EvalInput = Parameters<typeof evaluateCompliance>[0];
function evaluate(over: Partial<EvalInput>) {
  return evaluateCompliance({
    orgId: 'org-1',
    orgKind: 'branch',
    hasCommittee: true,
    period: period('2026-11'),
    today: TODAY,
    dueSoonDays: 7,
    rules: [themeDay],
    meetings: [],
    ...over,
  });
}

void describe('defaultComplianceRules are the national minimums (regulations digest §2.3)', () => {
  const expected: [MeetingType, RuleEvery, 'branch' | 'group', boolean, string][] = [
    ['branch_general_meeting', 'quarter', 'branch', false, '第十一条'],
    ['branch_committee_meeting', 'month', 'branch', true, '第十二条'],
    ['group_meeting', 'month', 'group', false, '第十三条'],
    ['party_lecture', 'year', 'branch', false, '第十五条'],
    ['theme_day', 'month', 'branch', false, '第十六条'],
    ['org_life_meeting', 'year', 'branch', false, '第十七条'],
    ['democratic_appraisal', 'year', 'branch', false, '第十八条'],
    ['heart_talk', 'year', 'branch', false, '第十九条'],
  ];
  test('one default per meeting type, in meetingTypes order', () => {
    assert.deepEqual(
      defaultComplianceRules.map((r) => r.rule),
      [...meetingTypes],
    );
  });
  for (const [type, every, appliesTo, needsCommittee, article] of expected) {
    test(`${type}: ≥ 1 per ${every}, ${appliesTo}${needsCommittee ? ', needs a committee' : ''} (${article})`, () => {
      const r = defaultComplianceRules.find((x) => x.rule === type);
      assert.ok(r);
      assert.equal(r.every, every);
      assert.equal(r.required, 1);
      assert.equal(r.appliesTo, appliesTo);
      assert.equal(r.needsCommittee ?? false, needsCommittee);
      assert.ok(r.source.startsWith(`支部工作条例 ${article}`), r.source);
    });
  }
  test('theme_day also cites 教育管理条例 第十六条', () => {
    assert.match(defaultComplianceRules.find((r) => r.rule === 'theme_day')!.source, /教育管理条例 第十六条/);
  });
});

void describe('parsePeriod', () => {
  const valid: [string, Period['kind'], string, string][] = [
    ['2026-11', 'month', '2026-11-01', '2026-11-30'],
    ['2026-12', 'month', '2026-12-01', '2026-12-31'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28'],
    ['2028-02', 'month', '2028-02-01', '2028-02-29'],
    ['2100-02', 'month', '2100-02-01', '2100-02-28'],
    ['2000-02', 'month', '2000-02-01', '2000-02-29'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026-Q2', 'quarter', '2026-04-01', '2026-06-30'],
    ['2026-Q3', 'quarter', '2026-07-01', '2026-09-30'],
    ['2026-Q4', 'quarter', '2026-10-01', '2026-12-31'],
    ['2026', 'year', '2026-01-01', '2026-12-31'],
  ];
  for (const [key, kind, start, end] of valid) {
    test(`${key} → ${kind} ${start}…${end}`, () => {
      assert.deepEqual(parsePeriod(key), { kind, key, start, end });
    });
  }
  const invalid = ['2026-13', '2026-00', '2026-Q5', '2026-Q0', '26-Q1', '2026-q1', '2026-1', '2026-11-01', '26', ' 2026', ''];
  for (const key of invalid) {
    test(`invalid key ${JSON.stringify(key)} → null`, () => {
      assert.equal(parsePeriod(key), null);
    });
  }
});

void describe('periodsWithin: the rule’s own periods overlapping the requested one', () => {
  const cases: [string, RuleEvery, string[]][] = [
    ['2026-11', 'month', ['2026-11']],
    ['2026-11', 'quarter', ['2026-Q4']],
    ['2026-11', 'year', ['2026']],
    ['2026-Q4', 'month', ['2026-10', '2026-11', '2026-12']],
    ['2026-Q4', 'quarter', ['2026-Q4']],
    ['2026-Q4', 'year', ['2026']],
    ['2026', 'month', ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}`)],
    ['2026', 'quarter', ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']],
    ['2026', 'year', ['2026']],
  ];
  for (const [key, every, keys] of cases) {
    test(`${every} rule over ${key} → ${keys.length === 12 ? '12 months' : keys.join(', ')}`, () => {
      assert.deepEqual(
        periodsWithin(period(key), every).map((p) => p.key),
        keys,
      );
    });
  }
  test('the months of 2028-Q1 carry their own bounds (leap February)', () => {
    assert.deepEqual(periodsWithin(period('2028-Q1'), 'month')[1], period('2028-02'));
  });
});

void describe('evaluateCompliance: status boundaries (theme_day, 2026-11 ends 2026-11-30)', () => {
  const cases: [string, string, number, string][] = [
    ['exactly dueSoonDays before the end → due_soon', '2026-11-23', 7, 'due_soon'],
    ['one day more than dueSoonDays → not_due', '2026-11-22', 7, 'not_due'],
    ['last day of the period is not overdue', '2026-11-30', 7, 'due_soon'],
    ['dueSoonDays 0: the last day is due_soon', '2026-11-30', 0, 'due_soon'],
    ['dueSoonDays 0: the day before is not_due', '2026-11-29', 0, 'not_due'],
    ['first day of the period, far from the end → not_due', '2026-11-01', 7, 'not_due'],
    ['first day after the period → overdue', '2026-12-01', 7, 'overdue'],
    ['period not started yet → not_due', '2026-10-31', 7, 'not_due'],
    ['period not started, even within dueSoonDays of its end → not_due', '2026-10-31', 60, 'not_due'],
  ];
  for (const [name, today, dueSoonDays, status] of cases) {
    test(`${name} (today ${today}, dueSoonDays ${dueSoonDays})`, () => {
      const [item] = evaluate({ today, dueSoonDays });
      assert.equal(item?.status, status);
    });
  }
  test('met overrides overdue', () => {
    assert.deepEqual(evaluate({ today: '2027-01-15', meetings: [held('theme_day', '2026-11-05')] }), [
      { orgId: 'org-1', rule: 'theme_day', period: '2026-11', required: 1, held: 1, lateEntries: 0, status: 'met', source: '支部工作条例 第十六条' },
    ]);
  });
  test('met on the first day of the period', () => {
    assert.equal(evaluate({ today: '2026-11-01', meetings: [held('theme_day', '2026-11-01')] })[0]?.status, 'met');
  });
});

void describe('evaluateCompliance: applicability', () => {
  const committeeRule = defaultComplianceRules.find((r) => r.rule === 'branch_committee_meeting')!;
  test('a committee rule for a branch without a committee is not_applicable, counts still reported', () => {
    const [item] = evaluate({ hasCommittee: false, rules: [committeeRule], today: '2026-12-05', meetings: [held('branch_committee_meeting', '2026-11-10')] });
    assert.deepEqual([item?.status, item?.held, item?.required], ['not_applicable', 1, 1]);
  });
  test('the same rule with a committee is evaluated', () => {
    assert.equal(evaluate({ rules: [committeeRule], today: '2026-12-05' })[0]?.status, 'overdue');
  });
  test('a branch gets the branch rules in rule order, no group_meeting', () => {
    assert.deepEqual(
      evaluate({ rules: defaultComplianceRules }).map((i) => `${i.rule} ${i.period}`),
      [
        'branch_general_meeting 2026-Q4',
        'branch_committee_meeting 2026-11',
        'party_lecture 2026',
        'theme_day 2026-11',
        'org_life_meeting 2026',
        'democratic_appraisal 2026',
        'heart_talk 2026',
      ],
    );
  });
  test('a 党小组 gets only the group rules', () => {
    assert.deepEqual(
      evaluate({ orgKind: 'group', hasCommittee: false, rules: defaultComplianceRules }).map((i) => `${i.rule} ${i.period}`),
      ['group_meeting 2026-11'],
    );
  });
  test('ordered by rule then period (quarter request, two monthly rules)', () => {
    const other: ComplianceRule = { ...themeDay, rule: 'custom_study' };
    assert.deepEqual(
      evaluate({ period: period('2026-Q4'), rules: [other, themeDay] }).map((i) => `${i.rule} ${i.period}`),
      ['custom_study 2026-10', 'custom_study 2026-11', 'custom_study 2026-12', 'theme_day 2026-10', 'theme_day 2026-11', 'theme_day 2026-12'],
    );
  });
});

void describe('evaluateCompliance: counting meetings', () => {
  test('a monthly rule over a year → 12 items with mixed statuses', () => {
    const items = evaluate({
      period: period('2026'),
      dueSoonDays: 10,
      meetings: [held('theme_day', '2026-01-20'), held('theme_day', '2026-03-31'), held('theme_day', '2026-11-02', { counted: false })],
    });
    assert.deepEqual(
      items.map((i) => `${i.period} ${i.status}`),
      [
        '2026-01 met',
        '2026-02 overdue',
        '2026-03 met',
        ...['04', '05', '06', '07', '08', '09', '10'].map((m) => `2026-${m} overdue`),
        '2026-11 due_soon',
        '2026-12 not_due',
      ],
    );
  });
  test('late entries (补录) count towards held and are flagged; uncounted ones are not', () => {
    const [item] = evaluate({
      rules: [{ ...themeDay, required: 3 }],
      meetings: [held('theme_day', '2026-11-03'), held('theme_day', '2026-11-04', { lateEntry: true }), held('theme_day', '2026-11-05', { lateEntry: true, counted: false })],
    });
    assert.deepEqual([item?.held, item?.lateEntries, item?.status], [2, 1, 'not_due']);
  });
  test('uncounted (draft) meetings are ignored', () => {
    const [item] = evaluate({ today: '2026-12-01', meetings: [held('theme_day', '2026-11-10', { counted: false })] });
    assert.deepEqual([item?.held, item?.status], [0, 'overdue']);
  });
  test('meetings of other types are ignored', () => {
    assert.equal(evaluate({ meetings: [held('party_lecture', '2026-11-10')] })[0]?.held, 0);
  });
  test('meetings on boundary dates: both ends inclusive, the days outside excluded', () => {
    const rule: ComplianceRule = { rule: 'custom_review', every: 'quarter', required: 2, appliesTo: 'branch', source: '本地规定' };
    const meetings = ['2026-09-30', '2026-10-01', '2026-12-31', '2027-01-01'].map((d) => held('custom_review', d));
    const [item] = evaluate({ period: period('2026-Q4'), rules: [rule], meetings });
    assert.deepEqual([item?.period, item?.held, item?.status], ['2026-Q4', 2, 'met']);
  });
});

void describe('quorum conventions (regulations digest §10)', () => {
  // n → smallest passing number: committee ⌈n/2⌉ (半数以上 includes half); general meeting ⌊n/2⌋ + 1 (more than half).
  const cases: [number, number, number][] = [
    [1, 1, 1],
    [2, 1, 2],
    [3, 2, 2],
    [4, 2, 3],
    [5, 3, 3],
    [6, 3, 4],
    [7, 4, 4],
  ];
  for (const [n, committeeMin, voteMin] of cases) {
    test(`n = ${n}: committee quorum from ${committeeMin}, general-meeting vote from ${voteMin}`, () => {
      assert.equal(committeeQuorumMet(n, committeeMin), true);
      assert.equal(committeeQuorumMet(n, committeeMin - 1), false);
      assert.equal(generalMeetingVoteValid(n, voteMin), true);
      assert.equal(generalMeetingVoteValid(n, voteMin - 1), false);
      assert.equal(generalMeetingVoteValid(n, n), true);
    });
  }
  test('n = 0: neither a committee quorum nor a valid vote', () => {
    assert.equal(committeeQuorumMet(0, 0), false);
    assert.equal(generalMeetingVoteValid(0, 0), false);
  });
});

describe('fixed organisational-life day (支部工作条例 第十六条)', () => {
  const cases: [string, { week: number; weekday: number }, string][] = [
    ['2026-12', { week: 1, weekday: 2 }, '2026-12-01'],
    ['2026-11', { week: 1, weekday: 2 }, '2026-11-03'],
    ['2026-11', { week: 4, weekday: 2 }, '2026-11-24'],
    ['2028-02', { week: -1, weekday: 5 }, '2028-02-25'],
    ['2026-11', { week: -1, weekday: 1 }, '2026-11-30'],
  ];
  for (const [month, spec, expected] of cases) {
    test(`${month} week ${spec.week} weekday ${spec.weekday} → ${expected}`, () => assert.equal(fixedDayOf(month, spec), expected));
  }
});

describe('local rules and custom types (settings life.localRules, life.customTypes)', () => {
  const byId = (rules: ComplianceRule[]) => new Map(rules.map((r) => [r.rule, r]));
  const quarterlyLecture: LocalRule = { rule: 'party_lecture', every: 'quarter', required: 1, source: '某区党课制度 第三条' };
  const cases: { name: string; local: LocalRule[]; custom: CustomMeetingType[]; check: (rules: ComplianceRule[]) => void }[] = [
    {
      name: 'no settings: exactly the national defaults',
      local: [],
      custom: [],
      check: (rules) => assert.deepEqual(rules, defaultComplianceRules),
    },
    {
      name: '党课 quarterly replaces the yearly default in place, still a branch rule',
      local: [quarterlyLecture],
      custom: [],
      check: (rules) => {
        assert.equal(rules.length, defaultComplianceRules.length);
        assert.deepEqual(rules[3], { rule: 'party_lecture', every: 'quarter', required: 1, appliesTo: 'branch', source: '某区党课制度 第三条' });
        assert.deepEqual(rules.map((r) => r.rule), defaultComplianceRules.map((r) => r.rule));
      },
    },
    {
      name: 'a local committee-meeting rule keeps needsCommittee; a local group rule stays a group rule',
      local: [
        { rule: 'branch_committee_meeting', every: 'month', required: 2, source: '本地规定 支委会每月两次' },
        { rule: 'group_meeting', every: 'month', required: 2, source: '本地规定' },
      ],
      custom: [],
      check: (rules) => {
        const m = byId(rules);
        assert.equal(m.get('branch_committee_meeting')!.needsCommittee, true);
        assert.equal(m.get('branch_committee_meeting')!.required, 2);
        assert.deepEqual([m.get('group_meeting')!.appliesTo, m.get('group_meeting')!.required], ['group', 2]);
      },
    },
    {
      name: 'a custom type with a frequency becomes a rule (source defaults to 本地规定); one without does not',
      local: [],
      custom: [
        { id: 'custom_volunteer', label: '志愿服务日', appliesTo: 'branch', every: 'quarter', required: 1 },
        { id: 'custom_reading', label: '读书会', appliesTo: 'group', every: 'month', required: 1, source: '街道读书会制度' },
        { id: 'custom_tea', label: '茶话会', appliesTo: 'branch' },
        { id: 'custom_half', label: '只有频次', appliesTo: 'branch', every: 'year' },
      ],
      check: (rules) => {
        const m = byId(rules);
        assert.equal(rules.length, defaultComplianceRules.length + 2);
        assert.deepEqual(m.get('custom_volunteer'), { rule: 'custom_volunteer', every: 'quarter', required: 1, appliesTo: 'branch', source: LOCAL_RULE_SOURCE });
        assert.deepEqual(m.get('custom_reading'), { rule: 'custom_reading', every: 'month', required: 1, appliesTo: 'group', source: '街道读书会制度' });
        assert.ok(!m.has('custom_tea') && !m.has('custom_half'));
      },
    },
    {
      name: 'a local rule for a custom type gives it a frequency and keeps who holds it',
      local: [{ rule: 'custom_reading', every: 'quarter', required: 2, source: '社区读书会制度' }],
      custom: [{ id: 'custom_reading', label: '读书会', appliesTo: 'group' }],
      check: (rules) => assert.deepEqual(byId(rules).get('custom_reading'), { rule: 'custom_reading', every: 'quarter', required: 2, appliesTo: 'group', source: '社区读书会制度' }),
    },
    {
      name: 'a local rule overrides a custom type’s own frequency; the last local rule of an id wins',
      local: [
        { rule: 'custom_volunteer', every: 'year', required: 4, source: '第一稿' },
        { rule: 'custom_volunteer', every: 'month', required: 1, source: '第二稿' },
      ],
      custom: [{ id: 'custom_volunteer', label: '志愿服务日', appliesTo: 'branch', every: 'quarter', required: 1 }],
      check: (rules) => {
        assert.equal(rules.filter((r) => r.rule === 'custom_volunteer').length, 1);
        assert.deepEqual(byId(rules).get('custom_volunteer'), { rule: 'custom_volunteer', every: 'month', required: 1, appliesTo: 'branch', source: '第二稿' });
      },
    },
    {
      name: 'the first custom type of an id wins (as when a meeting is planned)',
      local: [],
      custom: [
        { id: 'custom_x', label: '甲', appliesTo: 'branch', every: 'year', required: 1 },
        { id: 'custom_x', label: '乙', appliesTo: 'group', every: 'month', required: 3 },
      ],
      check: (rules) => assert.deepEqual(byId(rules).get('custom_x'), { rule: 'custom_x', every: 'year', required: 1, appliesTo: 'branch', source: LOCAL_RULE_SOURCE }),
    },
    {
      name: 'a local rule of an unknown id is added as a branch rule',
      local: [{ rule: 'study_session', every: 'month', required: 1, source: '本地规定' }],
      custom: [],
      check: (rules) => assert.deepEqual(rules.at(-1), { rule: 'study_session', every: 'month', required: 1, appliesTo: 'branch', source: '本地规定' }),
    },
  ];
  for (const c of cases) test(c.name, () => c.check(rulesFrom(c.local, c.custom)));

  test('the defaults are never mutated', () => {
    const before = JSON.stringify(defaultComplianceRules);
    const rules = rulesFrom([quarterlyLecture], []);
    rules[0]!.required = 99;
    assert.equal(JSON.stringify(defaultComplianceRules), before);
  });

  test('党课 quarterly over a year: four items, one per quarter, with the local source', () => {
    const items = evaluate({ period: period('2026'), rules: rulesFrom([quarterlyLecture], []), meetings: [held('party_lecture', '2026-02-10'), held('party_lecture', '2026-05-10')] }).filter((i) => i.rule === 'party_lecture');
    assert.deepEqual(items.map((i) => [i.period, i.status]), [['2026-Q1', 'met'], ['2026-Q2', 'met'], ['2026-Q3', 'overdue'], ['2026-Q4', 'not_due']]);
    assert.ok(items.every((i) => i.source === '某区党课制度 第三条'));
  });

  test('period kinds of a rule set', () => {
    assert.deepEqual(periodKindsOf(defaultComplianceRules).sort(), ['month', 'quarter', 'year']);
    assert.deepEqual(periodKindsOf([themeDay]), ['month']);
  });
});

describe('local rules never loosen a national one', () => {
  test('a yearly general meeting (national: quarterly) is ignored; a quarterly 党课 (national: yearly) applies', () => {
    const rules = rulesFrom(
      [
        { rule: 'branch_general_meeting', every: 'year', required: 1, source: '某地规定' },
        { rule: 'party_lecture', every: 'quarter', required: 1, source: '某地规定' },
        { rule: 'theme_day', every: 'quarter', required: 3, source: '某地规定' },
      ],
      [],
    );
    const of = (id: string) => rules.find((r) => r.rule === id)!;
    assert.deepEqual([of('branch_general_meeting').every, of('branch_general_meeting').source], ['quarter', '支部工作条例 第十一条']);
    assert.deepEqual([of('party_lecture').every, of('party_lecture').source], ['quarter', '某地规定']);
    // Three a quarter is as strict as one a month: allowed.
    assert.deepEqual([of('theme_day').every, of('theme_day').required], ['quarter', 3]);
  });
});
