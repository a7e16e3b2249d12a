import { daysInMonth } from '../../platform/dates.ts';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has no daylight saving time.

/** Minutes since midnight in Asia/Shanghai for an instant. */
export function shanghaiMinutes(at: Date): number {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether an instant falls in a quiet window (which may cross midnight, e.g. 21:30–08:00). */
export function inQuietHours(at: Date, quietStart: string, quietEnd: string): boolean {
  const m = shanghaiMinutes(at);
  const s = toMinutes(quietStart);
  const e = toMinutes(quietEnd);
  if (s === e) return false;
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/**
 * The earliest instant ≥ `at` outside the quiet window: external channels (SMS, WeChat) wait until the
 * window ends; the in-app inbox never waits (it makes no sound).
 */
export function nextAllowedInstant(at: Date, quietStart: string, quietEnd: string): Date {
  if (!inQuietHours(at, quietStart, quietEnd)) return at;
  const m = shanghaiMinutes(at);
  const e = toMinutes(quietEnd);
  const wait = (e - m + 24 * 60) % (24 * 60);
  const d = new Date(at.getTime() + wait * 60_000);
  d.setUTCSeconds(0, 0);
  return d;
}

/** The instant of HH:00 Asia/Shanghai on a business date (YYYY-MM-DD). */
export function shanghaiInstant(date: string, hour: number): Date {
  return new Date(Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`));
}

/**
 * The month-day a date's anniversary falls on in a year: Feb 29 is celebrated on Feb 28 in non-leap years
 * (a greeting on a day that exists, not skipped for three years).
 */
export function anniversaryMonthDay(date: string, year: number): string {
  const md = date.slice(5);
  if (md === '02-29' && daysInMonth(year, 2) === 28) return '02-28';
  return md;
}

/** Month-days whose anniversaries fall on `today`: itself, plus 02-29 on Feb 28 of a non-leap year. */
export function monthDaysCelebratedOn(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const md = today.slice(5);
  return md === '02-28' && daysInMonth(year, 2) === 28 ? ['02-28', '02-29'] : [md];
}

/** Whole years on an anniversary day (the greeting's "N 周年"): the difference of the years. */
export function anniversaryYears(date: string, today: string): number {
  return Number(today.slice(0, 4)) - Number(date.slice(0, 4));
}

/**
 * Which election reminder is due (regulations digest §2.2; 基层组织选举工作条例 第三条: elections when the term
 * ends): the latest stage reached — of `months` before `termEnd` — while the term has not ended yet. A
 * stage missed while the server was down is caught up; an earlier stage is superseded by a later one.
 */
export function electionReminderStage(termEnd: string, today: string, months: readonly number[], addMonths: (d: string, n: number) => string): number | null {
  if (termEnd <= today) return null;
  const reached = months.filter((m) => addMonths(termEnd, -m) <= today);
  return reached.length ? Math.min(...reached) : null;
}
