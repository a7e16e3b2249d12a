import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addMonths, addYears, anniversary, daysInMonth, isValidDate, wholeYears } from './dates.ts';

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAY = 86_400_000;
const validDate = fc.integer({ min: Date.UTC(1900, 0, 1) / DAY, max: Date.UTC(2199, 11, 31) / DAY }).map((n) => new Date(n * DAY).toISOString().slice(0, 10));
/** §10 "at least N years after D": on or after the same date N years later; 29 Feb → 1 Mar in a non-leap year. */
const oracleAnniversary = (d: string, n: number) => {
  const y = Number(d.slice(0, 4)) + n;
  const md = d.slice(5);
  return md === '02-29' && !isLeap(y) ? `${y}-03-01` : `${y}-${md}`;
};
/** Month ends and leap days are where the conventions bite: generate them often. */
const awkwardDate = fc.oneof(
  validDate,
  fc.tuple(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}-${String(daysInMonth(y, m)).padStart(2, '0')}`),
  fc.integer({ min: 475, max: 549 }).map((q) => `${q * 4}-02-29`).filter((d) => isLeap(Number(d.slice(0, 4)))),
);

describe('addMonths — “within N months of D” (regulations digest §10)', () => {
  const table: [string, number, string, string][] = [
    ['2026-01-15', 1, '2026-02-15', 'the same day next month'],
    ['2026-01-31', 1, '2026-02-28', 'Jan 31 → last day of February (non-leap)'],
    ['2024-01-31', 1, '2024-02-29', 'Jan 31 → Feb 29 in a leap year'],
    ['2000-01-31', 1, '2000-02-29', '2000 is a leap year (divisible by 400)'],
    ['1900-01-31', 1, '1900-02-28', '1900 is not (divisible by 100)'],
    ['2100-01-31', 1, '2100-02-28', '2100 is not'],
    ['2026-01-29', 1, '2026-02-28', 'Jan 29 in a non-leap year'],
    ['2026-01-28', 1, '2026-02-28', 'Jan 28 exists in February'],
    ['2026-03-31', 1, '2026-04-30', '31 → 30-day month'],
    ['2026-05-31', 1, '2026-06-30', ''],
    ['2026-08-31', 1, '2026-09-30', ''],
    ['2026-10-31', 1, '2026-11-30', ''],
    ['2026-12-15', 1, '2027-01-15', 'year rollover'],
    ['2026-12-31', 2, '2027-02-28', 'rollover to a short month'],
    ['2026-11-22', 6, '2027-05-22', '6 months (election warning)'],
    ['2026-08-31', 6, '2027-02-28', ''],
    ['2027-08-31', 6, '2028-02-29', ''],
    ['2026-01-31', 2, '2026-03-31', 'computed from D directly, not month by month'],
    ['2026-01-31', 12, '2027-01-31', ''],
    ['2026-11-22', 0, '2026-11-22', 'zero months'],
    ['2026-03-31', -1, '2026-02-28', 'backwards clamps too'],
    ['2024-03-31', -1, '2024-02-29', ''],
    ['2026-01-15', -1, '2025-12-15', 'backwards over a year'],
    ['2026-11-22', -24, '2024-11-22', ''],
    ['2026-05-31', -3, '2026-02-28', ''],
  ];
  for (const [d, n, want, why] of table) {
    test(`${d} ${n >= 0 ? '+' : ''}${n} months → ${want}${why ? ` (${why})` : ''}`, () => assert.equal(addMonths(d, n), want));
  }

  test('month by month is not the same as N months at once (the rule counts from D)', () => {
    assert.equal(addMonths(addMonths('2026-01-31', 1), 1), '2026-03-28');
    assert.equal(addMonths('2026-01-31', 2), '2026-03-31');
  });

  test('property: the result is a real date N months on with day = min(day, days in that month)', () => {
    fc.assert(
      fc.property(awkwardDate, fc.integer({ min: -1200, max: 1200 }), (d, n) => {
        const r = addMonths(d, n);
        assert.ok(isValidDate(r), r);
        const [y, m, day] = d.split('-').map(Number) as [number, number, number];
        const [ry, rm, rd] = r.split('-').map(Number) as [number, number, number];
        assert.equal(ry * 12 + rm - (y * 12 + m), n);
        assert.equal(rd, Math.min(day, daysInMonth(ry, rm)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('addYears', () => {
  const table: [string, number, string][] = [
    ['2024-02-29', 1, '2025-02-28'], // no 29 Feb: last day of February
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', -1, '2023-02-28'],
    ['2024-02-29', -4, '2020-02-29'],
    ['2000-02-29', 100, '2100-02-28'], // 2100 is not a leap year
    ['2000-02-29', 400, '2400-02-29'],
    ['2023-02-28', 1, '2024-02-28'],
    ['2023-03-01', 1, '2024-03-01'],
    ['2026-11-22', 5, '2031-11-22'],
    ['2026-11-22', -30, '1996-11-22'],
  ];
  for (const [d, n, want] of table) {
    test(`${d} ${n >= 0 ? '+' : ''}${n} years → ${want}`, () => assert.equal(addYears(d, n), want));
  }

  test('property: addYears(d, n) = addMonths(d, 12n)', () => {
    fc.assert(fc.property(awkwardDate, fc.integer({ min: -150, max: 150 }), (d, n) => assert.equal(addYears(d, n), addMonths(d, 12 * n))));
  });
});

describe('wholeYears — age and party standing: the anniversary itself counts (§10)', () => {
  const table: [string, string, number][] = [
    ['2000-11-22', '2018-11-22', 18], // 18th birthday itself: eligible
    ['2000-11-22', '2018-11-21', 17],
    ['2000-11-22', '2018-11-23', 18],
    ['2000-12-31', '2018-12-31', 18],
    ['2000-01-01', '2018-12-31', 18],
    ['2000-01-01', '2000-01-01', 0],
    ['2000-01-02', '2001-01-01', 0],
    // Born 29 Feb: the anniversary is 1 Mar in a non-leap year.
    ['2000-02-29', '2018-02-28', 17],
    ['2000-02-29', '2018-03-01', 18],
    ['2000-02-29', '2020-02-28', 19],
    ['2000-02-29', '2020-02-29', 20],
    ['2024-02-29', '2025-02-28', 0],
    ['2024-02-29', '2025-03-01', 1],
    ['1950-01-01', '2026-11-22', 76],
  ];
  for (const [from, on, want] of table) {
    test(`${from} → ${on}: ${want} whole years`, () => assert.equal(wholeYears(from, on), want));
  }

  test('property: wholeYears(D, x) ≥ n exactly when x is on or after the n-th anniversary', () => {
    fc.assert(
      fc.property(awkwardDate, awkwardDate, fc.integer({ min: 0, max: 120 }), (d, x, n) => {
        assert.equal(wholeYears(d, x) >= n, x >= oracleAnniversary(d, n), `${d} → ${x}, n = ${n}`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('anniversary — “at least N years after D” and “aged N” (regulations digest §10)', () => {
  const table: [string, number, string][] = [
    ['2000-02-29', 18, '2018-03-01'], // born 29 Feb: 18 on 1 Mar in a non-leap year
    ['2000-02-29', 20, '2020-02-29'],
    ['2024-02-29', 1, '2025-03-01'], // "at least 1 year after 29 Feb"
    ['2000-02-29', 100, '2100-03-01'],
    ['2000-02-29', 400, '2400-02-29'],
    ['2023-02-28', 1, '2024-02-28'],
    ['2026-11-22', 1, '2027-11-22'],
    ['2026-12-31', 18, '2044-12-31'],
    ['2026-11-22', 0, '2026-11-22'],
  ];
  for (const [d, n, want] of table) {
    test(`${d} + ${n} years (at least) → ${want}`, () => assert.equal(anniversary(d, n), want));
  }

  test('differs from addYears (“within N years”) only for 29 Feb in a non-leap target year', () => {
    assert.equal(addYears('2000-02-29', 18), '2018-02-28');
    assert.equal(anniversary('2000-02-29', 18), '2018-03-01');
    fc.assert(
      fc.property(awkwardDate, fc.integer({ min: 0, max: 150 }), (d, n) => {
        const y = Number(d.slice(0, 4)) + n;
        const leapDayLost = d.endsWith('-02-29') && !isLeap(y);
        assert.equal(anniversary(d, n), leapDayLost ? `${y}-03-01` : addYears(d, n));
      }),
    );
  });

  test('property: the anniversary is exactly the first day on which wholeYears reaches N', () => {
    fc.assert(
      fc.property(awkwardDate, fc.integer({ min: 0, max: 120 }), (d, n) => {
        const a = anniversary(d, n);
        assert.equal(a, oracleAnniversary(d, n));
        assert.equal(wholeYears(d, a), n);
        const dayBefore = new Date(Date.parse(`${a}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
        if (n > 0) assert.equal(wholeYears(d, dayBefore), n - 1);
      }),
    );
  });
});

describe('isValidDate and daysInMonth', () => {
  const table: [string, boolean][] = [
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2026-02-28', true],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-12-32', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-1', false],
    ['20260101', false],
    ['2026-01-01T00:00', false],
    [' 2026-01-01', false],
    ['', false],
    ['abcd-ef-gh', false],
  ];
  for (const [s, ok] of table) test(`${JSON.stringify(s)} → ${ok}`, () => assert.equal(isValidDate(s), ok));

  test('days in each month, leap and not', () => {
    assert.deepEqual(
      Array.from({ length: 12 }, (_, i) => daysInMonth(2026, i + 1)),
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31],
    );
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(1900, 2), 28);
    assert.equal(daysInMonth(2000, 2), 29);
  });

  test('property: isValidDate agrees with the calendar for every YYYY-MM-DD with day 1…31', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        assert.equal(isValidDate(s), real, s);
      }),
      { numRuns: 2000 },
    );
  });
});
