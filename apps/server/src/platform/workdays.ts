import { holidaysCn } from '@xianfeng/contracts/reference/holidays-cn';
import { addDays, isValidDate, isoWeekday } from './dates.ts';

/**
 * Working-day arithmetic (regulations digest §10 "working days"): Monday–Friday, minus the official holidays,
 * plus the official make-up working days (调休). The calendar is data for the years someone checked; a date in
 * a year the calendar does not cover has no answer here (`null`) — callers warn or refuse, nothing is guessed.
 */

/** One year of a holiday calendar as data (days off, make-up working days, where it comes from). */
export interface HolidayYear {
  holidays: readonly string[];
  workdays: readonly string[];
  source: string;
}

export interface HolidayCalendar {
  readonly years: ReadonlyMap<number, { holidays: ReadonlySet<string>; workdays: ReadonlySet<string>; source: string }>;
}

const yearOf = (d: string) => Number(d.slice(0, 4));

/**
 * Builds a calendar from data keyed by year, checking it on the way in (a broken data file fails at start-up,
 * never mid-request): valid dates inside their year, no day both off and worked, make-up days on weekends.
 */
export function buildHolidayCalendar(data: Readonly<Record<string, HolidayYear>>): HolidayCalendar {
  const years = new Map<number, { holidays: ReadonlySet<string>; workdays: ReadonlySet<string>; source: string }>();
  for (const [key, y] of Object.entries(data)) {
    if (!/^\d{4}$/.test(key)) throw new Error(`holiday calendar: bad year key ${key}`);
    const year = Number(key);
    for (const d of [...y.holidays, ...y.workdays]) {
      if (!isValidDate(d) || yearOf(d) !== year) throw new Error(`holiday calendar ${key}: ${d} is not a date of that year`);
    }
    const holidays = new Set(y.holidays);
    const workdays = new Set(y.workdays);
    for (const d of workdays) {
      if (holidays.has(d)) throw new Error(`holiday calendar ${key}: ${d} is both a holiday and a working day`);
      if (isoWeekday(d) < 6) throw new Error(`holiday calendar ${key}: make-up working day ${d} is not a weekend day`);
    }
    if (!y.source.trim()) throw new Error(`holiday calendar ${key}: source missing`);
    years.set(year, { holidays, workdays, source: y.source });
  }
  return { years };
}

/** The official Chinese calendar shipped in contracts (reference/holidays-cn.json), loaded here once. */
export const chinaHolidayCalendar: HolidayCalendar = buildHolidayCalendar(holidaysCn);

/** Whether `d` is a working day; `null` when the calendar does not cover its year. */
export function isWorkingDay(d: string, cal: HolidayCalendar): boolean | null {
  const year = cal.years.get(yearOf(d));
  if (!year) return null;
  if (year.workdays.has(d)) return true;
  if (year.holidays.has(d)) return false;
  return isoWeekday(d) <= 5;
}

/**
 * Working days from `from` to `to`, both inclusive (the first day counts when it is a working day, §10);
 * 0 when `to` is before `from`; `null` when a year in between is not covered.
 */
export function workingDaysBetween(from: string, to: string, cal: HolidayCalendar): number | null {
  if (to < from) return 0;
  if (calendarCoverage(yearsBetween(from, to), cal).length > 0) return null;
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n += 1;
  return n;
}

/**
 * The working day `n` working days after `d` (`d` itself not counted; negative `n` counts back; 0 gives `d`).
 * `null` when the walk reaches a year the calendar does not cover.
 */
export function addWorkingDays(d: string, n: number, cal: HolidayCalendar): string | null {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let day = d;
  while (left > 0) {
    day = addDays(day, step);
    const w = isWorkingDay(day, cal);
    if (w === null) return null;
    if (w) left -= 1;
  }
  return day;
}

/**
 * The `n`-th working day counting from `from` inclusive (n ≥ 1): the earliest last day of a period of `n`
 * working days starting on `from` (公示期不少于五个工作日 → `nthWorkingDay(noticeFrom, 5)`).
 */
export function nthWorkingDay(from: string, n: number, cal: HolidayCalendar): string | null {
  return addWorkingDays(addDays(from, -1), n, cal);
}

/** The calendar years `from` … `to` touch (empty when `to` is before `from`). */
export function yearsBetween(from: string, to: string): number[] {
  const out: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) out.push(y);
  return out;
}

/** The years among `years` the calendar does not cover, sorted — for callers to warn about (never guessed). */
export function calendarCoverage(years: Iterable<number>, cal: HolidayCalendar = chinaHolidayCalendar): number[] {
  return [...new Set(years)].filter((y) => !cal.years.has(y)).sort((a, b) => a - b);
}
