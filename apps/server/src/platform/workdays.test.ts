import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { holidaysCn } from '@xianfeng/contracts/reference/holidays-cn';
import { addDays, isoWeekday } from './dates.ts';
import {
  addWorkingDays,
  buildHolidayCalendar,
  calendarCoverage,
  chinaHolidayCalendar as cn,
  isWorkingDay,
  nthWorkingDay,
  workingDaysBetween,
  yearsBetween,
} from './workdays.ts';

describe('the shipped calendar (国务院办公厅 notices)', () => {
  test('covers exactly the verified years, each with its notice', () => {
    assert.deepEqual([...cn.years.keys()].sort(), [2024, 2025, 2026]);
    assert.match(holidaysCn['2024']!.source, /国办发明电〔2023〕7号/);
    assert.match(holidaysCn['2025']!.source, /国办发明电〔2024〕12号/);
    assert.match(holidaysCn['2026']!.source, /国办发明电〔2025〕7号/);
  });

  test('day counts of each arrangement', () => {
    const counts = Object.fromEntries(Object.entries(holidaysCn).map(([y, d]) => [y, [d.holidays.length, d.workdays.length]]));
    // 2024: 1 + 8 + 3 + 5 + 1 + 3 + 7; 2025: 1 + 8 + 3 + 5 + 3 + 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
    assert.deepEqual(counts, { '2024': [28, 8], '2025': [28, 5], '2026': [33, 6] });
  });

  const table: [string, boolean, string][] = [
    ['2026-01-01', false, '元旦 (Thursday)'],
    ['2026-01-04', true, '元旦 make-up Sunday'],
    ['2026-02-14', true, '春节 make-up Saturday'],
    ['2026-02-16', false, '春节 (Monday)'],
    ['2026-02-23', false, 'last day of 春节 (Monday)'],
    ['2026-02-24', true, 'first working day after 春节'],
    ['2026-02-28', true, '春节 make-up Saturday'],
    ['2026-05-09', true, '劳动节 make-up Saturday'],
    ['2026-06-19', false, '端午 (Friday)'],
    ['2026-09-20', true, '国庆 make-up Sunday'],
    ['2026-09-25', false, '中秋 (Friday)'],
    ['2026-10-08', true, 'Thursday after 国庆'],
    ['2026-10-10', true, '国庆 make-up Saturday'],
    ['2026-10-11', false, 'plain Sunday'],
    ['2026-11-23', true, 'plain Monday'],
    ['2025-01-26', true, '春节 make-up Sunday 2025'],
    ['2025-10-08', false, '国庆 and 中秋 together, 8 days in 2025'],
    ['2025-10-11', true, '2025 make-up Saturday'],
    ['2024-02-09', true, '除夕 2024 is officially a working day (rest only encouraged)'],
    ['2024-06-10', false, '端午 2024'],
  ];
  for (const [d, expected, why] of table) {
    test(`${d} ${expected ? 'works' : 'is off'}: ${why}`, () => assert.equal(isWorkingDay(d, cn), expected));
  }

  test('a year not covered has no answer (never guessed)', () => {
    assert.equal(isWorkingDay('2027-03-01', cn), null);
    assert.equal(isWorkingDay('2023-12-29', cn), null);
  });
});

describe('workingDaysBetween — inclusive, the first day counts (§10)', () => {
  const table: [string, string, number | null, string][] = [
    ['2026-11-23', '2026-11-27', 5, 'a plain Monday–Friday week'],
    ['2026-11-23', '2026-11-26', 4, 'Monday–Thursday'],
    ['2026-11-21', '2026-11-27', 5, 'starting on a Saturday: the weekend does not count'],
    ['2026-11-27', '2026-11-27', 1, 'one working day'],
    ['2026-11-28', '2026-11-28', 0, 'one Saturday'],
    ['2026-11-27', '2026-11-26', 0, 'to before from'],
    ['2025-09-26', '2025-10-09', 5, 'Friday before 国庆 2025: make-up Sunday 9-28 counts, 10-1…8 do not'],
    ['2025-09-26', '2025-10-08', 4, '…so the day before is one short'],
    ['2026-09-24', '2026-10-08', 5, 'across 中秋 and 国庆 2026'],
    ['2026-09-18', '2026-09-23', 5, 'make-up Sunday 2026-09-20 counts'],
    ['2026-02-13', '2026-02-26', 5, 'across 春节 2026 with make-up Saturday 2-14'],
    ['2026-12-28', '2027-01-05', null, 'reaches 2027, not covered'],
    ['2024-12-30', '2025-01-03', 4, 'across years both covered (2025-01-01 off)'],
  ];
  for (const [from, to, n, why] of table) {
    test(`${from} → ${to} = ${String(n)}: ${why}`, () => assert.equal(workingDaysBetween(from, to, cn), n));
  }
});

describe('addWorkingDays / nthWorkingDay', () => {
  test('the notice of 5 working days started on the Friday before 国庆 2025 ends on 2025-10-09', () => {
    assert.equal(nthWorkingDay('2025-09-26', 5, cn), '2025-10-09');
  });
  test('a notice starting on a holiday begins counting on the next working day', () => {
    assert.equal(nthWorkingDay('2026-10-01', 5, cn), '2026-10-13', '10-08, 10-09, make-up Saturday 10-10, 10-12, 10-13');
    assert.equal(workingDaysBetween('2026-10-01', '2026-10-13', cn), 5);
  });
  test('adding and counting back', () => {
    assert.equal(addWorkingDays('2026-11-27', 1, cn), '2026-11-30');
    assert.equal(addWorkingDays('2026-11-30', -1, cn), '2026-11-27');
    assert.equal(addWorkingDays('2026-11-27', 0, cn), '2026-11-27');
    assert.equal(addWorkingDays('2026-09-30', 1, cn), '2026-10-08');
    assert.equal(addWorkingDays('2026-09-19', 1, cn), '2026-09-20', 'make-up Sunday');
  });
  test('null when the walk leaves the covered years', () => {
    assert.equal(addWorkingDays('2026-12-30', 5, cn), null);
    assert.equal(addWorkingDays('2024-01-02', -2, cn), null);
  });
  test('property: counting the result back gives n + 1 working days (from and result included)', () => {
    const day = fc.integer({ min: 0, max: 1000 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const end = nthWorkingDay(d, n, cn);
        if (end === null) return true;
        return workingDaysBetween(d, end, cn) === n && isWorkingDay(end, cn) === true && workingDaysBetween(d, addDays(end, -1), cn) === n - 1;
      }),
    );
  });
});

describe('dates.ts helpers used here', () => {
  const table: [string, number, string][] = [
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-11-22', 0, '2026-11-22'],
  ];
  for (const [d, n, expected] of table) test(`addDays(${d}, ${n}) = ${expected}`, () => assert.equal(addDays(d, n), expected));
  test('isoWeekday: 2026-11-23 is a Monday, 2026-11-22 a Sunday', () => {
    assert.equal(isoWeekday('2026-11-23'), 1);
    assert.equal(isoWeekday('2026-11-22'), 7);
  });
});

describe('calendarCoverage — missing years to warn about', () => {
  test('lists the uncovered years once, sorted', () => {
    assert.deepEqual(calendarCoverage([2027, 2026, 2023, 2027]), [2023, 2027]);
    assert.deepEqual(calendarCoverage(yearsBetween('2025-12-01', '2026-02-01')), []);
    assert.deepEqual(calendarCoverage(yearsBetween('2026-12-01', '2027-02-01'), cn), [2027]);
  });
});

describe('buildHolidayCalendar refuses broken data at load', () => {
  const ok = { holidays: ['2030-01-01'], workdays: ['2030-01-05'], source: 'test' };
  test('valid data builds', () => assert.equal(isWorkingDay('2030-01-05', buildHolidayCalendar({ '2030': ok })), true));
  const bad: [string, Record<string, { holidays: string[]; workdays: string[]; source: string }>][] = [
    ['a date of another year', { '2030': { ...ok, holidays: ['2031-01-01'] } }],
    ['an invalid date', { '2030': { ...ok, holidays: ['2030-02-30'] } }],
    ['a make-up day on a weekday', { '2030': { ...ok, workdays: ['2030-01-07'] } }],
    ['a day both off and worked', { '2030': { ...ok, holidays: ['2030-01-05'] } }],
    ['no source', { '2030': { ...ok, source: ' ' } }],
    ['a bad year key', { '30': ok }],
  ];
  for (const [why, data] of bad) test(why, () => assert.throws(() => buildHolidayCalendar(data)));
  test('isoWeekday sanity: make-up days shipped are weekends', () => {
    for (const y of Object.values(holidaysCn)) for (const d of y.workdays) assert.ok(isoWeekday(d) >= 6, d);
  });
});
