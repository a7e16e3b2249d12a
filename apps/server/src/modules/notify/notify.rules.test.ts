import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addMonths, daysInMonth } from '../../platform/dates.ts';
import { businessDate } from '../../platform/clock.ts';
import {
  anniversaryMonthDay,
  anniversaryYears,
  electionReminderStage,
  inQuietHours,
  monthDaysCelebratedOn,
  nextAllowedInstant,
  shanghaiInstant,
  shanghaiMinutes,
} from './notify.rules.ts';

const MIN = 60_000;
const DAY = 86_400_000;
/** An instant given as Asia/Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const dateOf = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

const minuteOfDay = fc.integer({ min: 0, max: 24 * 60 - 1 });
/** Instants over several years, at any millisecond (seconds matter for the rounding). */
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 0, 1) }).map((t) => new Date(t));
const dayNumber = fc.integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2110, 11, 31) / DAY });
const anyDate = dayNumber.map(dateOf);

describe('quiet hours (Asia/Shanghai, minutes)', () => {
  const night: [string, boolean][] = [
    ['2026-11-22T12:00:00', false],
    ['2026-11-22T21:29:59', false],
    ['2026-11-22T21:30:00', true],
    ['2026-11-22T22:00:00', true],
    ['2026-11-22T23:59:59', true],
    ['2026-11-23T00:00:00', true],
    ['2026-11-23T07:59:59', true],
    ['2026-11-23T08:00:00', false],
    ['2026-11-23T08:00:01', false],
  ];
  for (const [local, quiet] of night) {
    test(`21:30–08:00 (crosses midnight): ${local} → ${quiet ? 'quiet' : 'allowed'}`, () => assert.equal(inQuietHours(at(local), '21:30', '08:00'), quiet));
  }

  const noon: [string, boolean][] = [
    ['2026-11-22T11:59:59', false],
    ['2026-11-22T12:00:00', true],
    ['2026-11-22T13:59:00', true],
    ['2026-11-22T14:00:00', false],
    ['2026-11-22T23:00:00', false],
    ['2026-11-22T03:00:00', false],
  ];
  for (const [local, quiet] of noon) {
    test(`12:00–14:00 (same day): ${local} → ${quiet ? 'quiet' : 'allowed'}`, () => assert.equal(inQuietHours(at(local), '12:00', '14:00'), quiet));
  }

  test('the window is read in Asia/Shanghai whatever the process time zone: 13:30 UTC is 21:30 in Shanghai', () => {
    assert.equal(inQuietHours(new Date('2026-11-22T13:30:00Z'), '21:30', '08:00'), true);
    assert.equal(inQuietHours(new Date('2026-11-22T13:29:00Z'), '21:30', '08:00'), false);
    assert.equal(shanghaiMinutes(new Date('2026-11-22T16:00:00Z')), 0);
  });

  test('start = end is no quiet window at all (never quiet), at every minute of the day', () => {
    fc.assert(
      fc.property(instant, minuteOfDay, (t, s) => {
        assert.equal(inQuietHours(t, hhmm(s), hhmm(s)), false);
        assert.equal(nextAllowedInstant(t, hhmm(s), hhmm(s)).getTime(), t.getTime());
      }),
    );
  });

  test('property: a crossing window is the complement of the same-day window with the ends swapped', () => {
    fc.assert(
      fc.property(instant, minuteOfDay, minuteOfDay, (t, a, b) => {
        fc.pre(a !== b);
        assert.equal(inQuietHours(t, hhmm(a), hhmm(b)), !inQuietHours(t, hhmm(b), hhmm(a)));
      }),
    );
  });

  test('property: quiet exactly when the Shanghai minute is in [start, end) on the 24-hour circle', () => {
    fc.assert(
      fc.property(instant, minuteOfDay, minuteOfDay, (t, s, e) => {
        fc.pre(s !== e);
        const m = (Math.floor((t.getTime() + 8 * 3_600_000) / MIN) % 1440 + 1440) % 1440;
        const len = (e - s + 1440) % 1440;
        const offset = (m - s + 1440) % 1440;
        assert.equal(inQuietHours(t, hhmm(s), hhmm(e)), offset < len);
      }),
    );
  });
});

describe('nextAllowedInstant', () => {
  test('22:00 in 21:30–08:00 waits until 08:00 the next day', () => {
    assert.equal(iso(nextAllowedInstant(at('2026-11-22T22:00:00'), '21:30', '08:00')), iso(at('2026-11-23T08:00:00')));
  });
  test('seconds and milliseconds are dropped: 22:00:45.123 → 08:00:00.000', () => {
    assert.equal(iso(nextAllowedInstant(at('2026-11-22T22:00:45.123'), '21:30', '08:00')), iso(at('2026-11-23T08:00:00')));
  });
  test('after midnight the same morning: 00:10 and 07:59:30 → 08:00 that day', () => {
    assert.equal(iso(nextAllowedInstant(at('2026-11-23T00:10:00'), '21:30', '08:00')), iso(at('2026-11-23T08:00:00')));
    assert.equal(iso(nextAllowedInstant(at('2026-11-23T07:59:30'), '21:30', '08:00')), iso(at('2026-11-23T08:00:00')));
  });
  test('outside the window the instant itself (to the millisecond)', () => {
    const t = at('2026-11-22T10:01:13.456');
    assert.equal(nextAllowedInstant(t, '21:30', '08:00').getTime(), t.getTime());
    assert.equal(nextAllowedInstant(at('2026-11-23T08:00:00'), '21:30', '08:00').getTime(), at('2026-11-23T08:00:00').getTime());
  });
  test('a same-day window ends the same day; a window ending at midnight ends on the next date', () => {
    assert.equal(iso(nextAllowedInstant(at('2026-11-22T13:00:00'), '12:00', '14:00')), iso(at('2026-11-22T14:00:00')));
    assert.equal(iso(nextAllowedInstant(at('2026-11-22T23:30:00'), '23:00', '00:00')), iso(at('2026-11-23T00:00:00')));
  });
  test('across the year end: 23:00 on 31 Dec → 08:00 on 1 Jan', () => {
    assert.equal(iso(nextAllowedInstant(at('2026-12-31T23:00:00'), '21:30', '08:00')), iso(at('2027-01-01T08:00:00')));
  });

  test('property: the earliest allowed instant at or after `at`, less than a day away', () => {
    fc.assert(
      fc.property(instant, minuteOfDay, minuteOfDay, (t, s, e) => {
        const [qs, qe] = [hhmm(s), hhmm(e)];
        const r = nextAllowedInstant(t, qs, qe);
        assert.ok(r.getTime() >= t.getTime(), 'never earlier than asked');
        assert.ok(r.getTime() - t.getTime() < DAY, 'within a day');
        assert.equal(inQuietHours(r, qs, qe), false, 'outside the window');
        if (!inQuietHours(t, qs, qe)) {
          assert.equal(r.getTime(), t.getTime());
          return;
        }
        assert.equal(r.getTime() % MIN, 0, 'on a whole minute');
        assert.equal(shanghaiMinutes(r), e, 'when the window ends');
        // Nothing earlier would do: every minute from `at` up to the result is quiet.
        for (let m = Math.floor(t.getTime() / MIN) * MIN; m < r.getTime(); m += MIN) assert.equal(inQuietHours(new Date(m), qs, qe), true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('shanghaiInstant', () => {
  test('HH:00 Asia/Shanghai on a business date', () => {
    assert.equal(iso(shanghaiInstant('2026-11-22', 9)), '2026-11-22T01:00:00.000Z');
    assert.equal(iso(shanghaiInstant('2026-11-22', 0)), '2026-11-21T16:00:00.000Z');
    assert.equal(iso(shanghaiInstant('2026-11-22', 23)), '2026-11-22T15:00:00.000Z');
    assert.equal(iso(shanghaiInstant('2028-02-29', 8)), '2028-02-29T00:00:00.000Z');
    assert.equal(iso(shanghaiInstant('2027-01-01', 7)), '2026-12-31T23:00:00.000Z');
  });
  test('property: the instant lies on that business date at that hour', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 23 }), (d, h) => {
        const t = shanghaiInstant(d, h);
        assert.equal(businessDate(t), d);
        assert.equal(shanghaiMinutes(t), h * 60);
      }),
    );
  });
});

describe('anniversaries (两个生日)', () => {
  const table: [string, number, string][] = [
    ['1948-02-29', 2027, '02-28'],
    ['1948-02-29', 2028, '02-29'],
    ['1948-02-29', 2100, '02-28'],
    ['1948-02-29', 2000, '02-29'],
    ['1990-02-28', 2027, '02-28'],
    ['1990-03-01', 2027, '03-01'],
    ['1945-11-22', 2026, '11-22'],
    ['1970-12-31', 2026, '12-31'],
  ];
  for (const [d, y, want] of table) {
    test(`anniversaryMonthDay(${d}, ${y}) = ${want}`, () => assert.equal(anniversaryMonthDay(d, y), want));
  }

  const celebrated: [string, string[]][] = [
    ['2027-02-28', ['02-28', '02-29']],
    ['2100-02-28', ['02-28', '02-29']],
    ['2028-02-28', ['02-28']],
    ['2000-02-28', ['02-28']],
    ['2028-02-29', ['02-29']],
    ['2027-03-01', ['03-01']],
    ['2026-11-22', ['11-22']],
  ];
  for (const [day, want] of celebrated) {
    test(`monthDaysCelebratedOn(${day}) = ${want.join(', ')}`, () => assert.deepEqual([...monthDaysCelebratedOn(day)].sort(), want));
  }

  test('property: in every year each date is celebrated on exactly one day — the one anniversaryMonthDay names', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1990, max: 2110 }), fc.constantFrom('02-28', '02-29', '03-01', '12-31', '01-01'), fc.boolean(), (d0, year, md, awkward) => {
        // Leap days and their neighbours are where it bites: use them half the time.
        const birth = awkward && isLeap(Number(d0.slice(0, 4))) ? `${d0.slice(0, 4)}-${md}` : d0;
        const start = Date.UTC(year, 0, 1) / DAY;
        const days = isLeap(year) ? 366 : 365;
        const on: string[] = [];
        for (let i = 0; i < days; i++) {
          const today = dateOf(start + i);
          if (monthDaysCelebratedOn(today).includes(birth.slice(5))) on.push(today);
        }
        const md2 = anniversaryMonthDay(birth, year);
        assert.ok(Number(md2.slice(3)) <= daysInMonth(year, Number(md2.slice(0, 2))), `${year}-${md2} exists`);
        assert.deepEqual(on, [`${year}-${md2}`], `${birth} in ${year}`);
      }),
      { numRuns: 150 },
    );
  });

  test('anniversaryYears counts whole years on the day (political birthday "N 周年")', () => {
    assert.equal(anniversaryYears('1986-11-22', '2026-11-22'), 40);
    assert.equal(anniversaryYears('1948-02-29', '2027-02-28'), 79);
    assert.equal(anniversaryYears('2025-11-22', '2026-11-22'), 1);
  });
});

describe('electionReminderStage (6 and 1 months before the term ends)', () => {
  const stage = (termEnd: string, today: string, months: number[] = [6, 1]) => electionReminderStage(termEnd, today, months, addMonths);
  const table: [string, string, number | null, string][] = [
    ['2027-05-22', '2026-11-21', null, 'a day before the 6-month mark'],
    ['2027-05-22', '2026-11-22', 6, 'on the 6-month mark'],
    ['2027-05-22', '2027-01-10', 6, 'catch-up: the 6-month day was missed (server down)'],
    ['2027-05-22', '2027-04-21', 6, 'a day before the 1-month mark'],
    ['2027-05-22', '2027-04-22', 1, 'on the 1-month mark: the later stage supersedes'],
    ['2027-05-22', '2027-05-21', 1, 'the last day of the term'],
    ['2027-05-22', '2027-05-22', null, 'the term ends today: no reminder'],
    ['2027-05-22', '2027-08-01', null, 'term ended'],
    ['2026-12-22', '2026-11-22', 1, 'the demo seed: a branch one month from the end'],
    ['2027-03-31', '2027-02-28', 1, 'month-end: one month before 31 March is 28 February'],
    ['2027-03-31', '2027-02-27', 6, ''],
    ['2027-08-31', '2027-02-28', 6, 'six months before 31 August is 28 February'],
  ];
  for (const [termEnd, today, want, why] of table) {
    test(`term ends ${termEnd}, today ${today} → ${want ?? 'none'}${why ? ` (${why})` : ''}`, () => assert.equal(stage(termEnd, today), want));
  }

  test('configured stages: [3] alone, [12, 6, 1], order and duplicates do not matter', () => {
    assert.equal(stage('2027-05-22', '2026-11-22', [3]), null);
    assert.equal(stage('2027-05-22', '2027-02-22', [3]), 3);
    assert.equal(stage('2027-05-22', '2026-05-22', [12, 6, 1]), 12);
    assert.equal(stage('2027-05-22', '2026-11-22', [1, 6, 12]), 6);
    assert.equal(stage('2027-05-22', '2027-04-30', [1, 1, 6, 6]), 1);
  });

  test('property: the latest stage reached, only while the term runs; later days never go back to an earlier stage', () => {
    const monthsArb = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(dayNumber, fc.integer({ min: -30, max: 420 }), fc.integer({ min: 0, max: 420 }), monthsArb, (endN, before, later, months) => {
        const termEnd = dateOf(endN);
        const today = dateOf(endN - before);
        const r = stage(termEnd, today, months);
        const reached = months.filter((m) => addMonths(termEnd, -m) <= today);
        if (termEnd <= today || reached.length === 0) {
          assert.equal(r, null);
        } else {
          assert.ok(r !== null && months.includes(r));
          assert.ok(addMonths(termEnd, -r) <= today, 'the stage has been reached');
          for (const m of months) if (m < r) assert.ok(addMonths(termEnd, -m) > today, `stage ${m} is not reached yet`);
        }
        assert.equal(stage(termEnd, today, [...months].reverse()), r, 'order of the configured months');
        // Monotone: a later day (still in the term) is at the same or a later stage, never none.
        const today2 = dateOf(Math.min(endN - 1, endN - before + later));
        if (r !== null && today2 >= today) {
          const r2 = stage(termEnd, today2, months);
          assert.ok(r2 !== null && r2 <= r, `${today} → ${r}, ${today2} → ${r2}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
