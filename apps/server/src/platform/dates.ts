/** Calendar-day arithmetic on 'YYYY-MM-DD' strings (no time zones involved). */

function parts(d: string): [number, number, number] {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return [y, m, day];
}

function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * "Within N months of D" (regulations digest §10, C): the same day-of-month N months on; if that day does
 * not exist, the last day of that month (Jan 31 + 1 month → Feb 28/29).
 */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return fmt(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** The date `n` calendar days on (negative: before). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = parts(date);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

export function addYears(date: string, n: number): string {
  return addMonths(date, n * 12);
}

/**
 * The N-th anniversary for "at least N years after D" and "aged N" (regulations digest §10, C): the same
 * date N years on; Feb 29 → Mar 1 in a non-leap year (unlike addYears, which keeps the month).
 */
export function anniversary(date: string, years: number): string {
  const [y, m, d] = parts(date);
  const ny = y + years;
  if (m === 2 && d === 29 && daysInMonth(ny, 2) === 28) return fmt(ny, 3, 1);
  return fmt(ny, m, d);
}

/** Whole years from `from` to `on` (age, party standing): the anniversary day itself counts. */
export function wholeYears(from: string, on: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(on);
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years -= 1;
  return years;
}

/** Whole months from `from` to `to` by the same day-of-month convention (0 when less than a month). */
export function wholeMonthsBetween(from: string, to: string): number {
  let m = 0;
  while (addMonths(from, m + 1) <= to) m += 1;
  return m;
}

export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = parts(s);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** key '2026-11' | '2026-Q4' | '2026'; start/end are inclusive business dates. */
export type Period = { kind: 'month' | 'quarter' | 'year'; key: string; start: string; end: string };

const pad2 = (n: number) => String(n).padStart(2, '0');
const monthSpan = (y: number, from: number, to: number) => ({ start: `${y}-${pad2(from)}-01`, end: `${y}-${pad2(to)}-${pad2(daysInMonth(y, to))}` });

/**
 * Parses a statistics period (CONVENTIONS: periods): `2026-11`, `2026-Q4` or `2026`, years 2000–2100 (the
 * records this platform keeps; year 0 would reach the database as an invalid date). Null for anything else.
 */
export function parsePeriod(key: string): Period | null {
  const m = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 2000 || y > 2100) return null;
  if (m[2]) return { kind: 'month', key, ...monthSpan(y, Number(m[2]), Number(m[2])) };
  if (m[3]) return { kind: 'quarter', key, ...monthSpan(y, Number(m[3]) * 3 - 2, Number(m[3]) * 3) };
  return { kind: 'year', key, ...monthSpan(y, 1, 12) };
}
