import type { PointsKind } from '@xianfeng/contracts/points/points.enums';
import type { SettingValue } from '@xianfeng/contracts/settings/settings.catalogue';
import { parsePeriod, type Period } from '../../platform/dates.ts';

/**
 * 党员积分 rules: which events a confirmed meeting gives, how a branch's list is ordered and ranked, and
 * the periods of the no-participation list. Pure: the service loads the record and the configured rule
 * values (`points.rules`, set per org and inherited down the tree).
 */

export type PointsRules = SettingValue<'points.rules'>;

/** The confirmed attendance of a meeting, as the life module hands it over. */
export interface MeetingRecord {
  type: string;
  title: string;
  /** Business date (Beijing) of the meeting. */
  date: string;
  status: string;
  hostMemberId: string | null;
  recorderMemberId: string | null;
  attendees: { memberId: string; expected: boolean; attendance: string | null }[];
}

export interface PlannedEvent {
  memberId: string;
  kind: PointsKind;
  points: number;
  occurredOn: string;
  note: string;
}

/**
 * What the points job does with a meeting: replace its events with these, or leave them alone.
 * - confirmed / approved / returned: the recorder and the host have signed this attendance → replace.
 * - cancelled: the meeting never counts → replace with nothing.
 * - planned / in progress / a draft being corrected: not final; the next confirmation sends a new job.
 */
export type MeetingPointsPlan = { action: 'replace'; events: PlannedEvent[] } | { action: 'keep' };

const SIGNED = new Set(['confirmed', 'approved', 'returned']);

const noteFor: Record<PointsKind, (title: string) => string> = {
  attended: (t) => `参加「${t}」`,
  attendedOnline: (t) => `线上参加「${t}」`,
  onLeave: (t) => `请假「${t}」`,
  absentWithoutLeave: (t) => `无故缺席「${t}」`,
  gaveLecture: (t) => `讲党课「${t}」`,
  hosted: (t) => `主持「${t}」`,
  recorded: (t) => `记录「${t}」`,
};

/**
 * The attendance kind of one attendee: present → 参加, online → 线上参加, approved leave → 请假; expected and
 * absent, or never checked in without leave → 无故缺席. Someone not expected (出国出境, 长期病休 … recorded in
 * the minutes) earns and loses nothing.
 */
export function attendanceKind(a: { expected: boolean; attendance: string | null }): PointsKind | null {
  if (!a.expected) return null;
  if (a.attendance === 'present') return 'attended';
  if (a.attendance === 'online') return 'attendedOnline';
  if (a.attendance === 'leave') return 'onLeave';
  // 'absent' or null: not checked in and no approved leave.
  return 'absentWithoutLeave';
}

/**
 * The events a meeting gives under a rule set. A rule worth 0 emits no event (请假 is 0 by default: leave
 * neither earns nor costs). The host of a 党课 gave the lecture (支部工作条例 第十五条: secretaries lecture
 * at least once a year), so earns `gaveLecture` instead of `hosted`; the recorder earns `recorded`.
 */
export function meetingPointsEvents(record: MeetingRecord, rules: PointsRules): PlannedEvent[] {
  const out: PlannedEvent[] = [];
  const seen = new Set<string>();
  const add = (memberId: string | null, kind: PointsKind | null) => {
    if (!memberId || !kind) return;
    const points = rules[kind];
    const key = `${memberId}:${kind}`;
    if (points === 0 || seen.has(key)) return;
    seen.add(key);
    out.push({ memberId, kind, points, occurredOn: record.date, note: noteFor[kind](record.title) });
  };
  for (const a of record.attendees) add(a.memberId, attendanceKind(a));
  add(record.hostMemberId, record.type === 'party_lecture' ? 'gaveLecture' : 'hosted');
  add(record.recorderMemberId, 'recorded');
  return out;
}

/** The job's decision for a meeting in its current status (see MeetingPointsPlan). */
export function meetingPointsPlan(record: MeetingRecord, rules: PointsRules): MeetingPointsPlan {
  if (record.status === 'cancelled') return { action: 'replace', events: [] };
  if (!SIGNED.has(record.status)) return { action: 'keep' };
  return { action: 'replace', events: meetingPointsEvents(record, rules) };
}

export interface MemberTotals {
  memberId: string;
  name: string;
  total: number;
  attended: number;
  absentWithoutLeave: number;
}

const collator = new Intl.Collator('zh-CN');

/** Name order as members expect it (pinyin, by the zh-CN collation), the same on every database engine. */
export function compareByName(a: { name: string; memberId: string }, b: { name: string; memberId: string }): number {
  return collator.compare(a.name, b.name) || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);
}

/**
 * A branch's list. Ranking off (the default — 2023 guidance against forced check-in and ranking): by name in
 * pinyin order, no rank. Ranking on: by total, highest first; equal totals share a rank and the next rank
 * skips (1, 2, 2, 4); equal totals list by name.
 */
export function orderBranchMembers(members: MemberTotals[], rankingEnabled: boolean): (MemberTotals & { rank: number | null })[] {
  if (!rankingEnabled) return [...members].sort(compareByName).map((m) => ({ ...m, rank: null }));
  const sorted = [...members].sort((a, b) => b.total - a.total || compareByName(a, b));
  let rank = 0;
  return sorted.map((m, i) => {
    if (i === 0 || m.total !== sorted[i - 1]!.total) rank = i + 1;
    return { ...m, rank };
  });
}

// Periods are the platform's: the same keys and the same limits as the compliance board.
export { parsePeriod, type Period } from '../../platform/dates.ts';

/** The calendar year as a period. */
export function yearPeriod(year: number): Period {
  return parsePeriod(String(year))!;
}
