import type { MyMeeting } from '../../mobile-api';

/** Dates on the members' H5, always in Beijing time and in words an older member reads at a glance. */
const TZ = 'Asia/Shanghai';
const partsFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TZ,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' });

function parts(d: Date) {
  const p: Record<string, string> = {};
  for (const x of partsFormat.formatToParts(d)) p[x.type] = x.value;
  return { year: p.year ?? '', month: p.month ?? '', day: p.day ?? '', weekday: p.weekday ?? '', time: `${p.hour ?? ''}:${p.minute ?? ''}` };
}

/** The Beijing calendar day of an instant, YYYY-MM-DD. */
export function beijingDay(d: Date): string {
  return dayFormat.format(d);
}

/** YYYY-MM-DD plus n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 今天 / 明天 / 后天 / 昨天 for an instant, else null. */
export function dayWord(iso: string, now: Date): string | null {
  const day = beijingDay(new Date(iso));
  const today = beijingDay(now);
  if (day === today) return '今天';
  if (day === addDays(today, 1)) return '明天';
  if (day === addDays(today, 2)) return '后天';
  if (day === addDays(today, -1)) return '昨天';
  return null;
}

/** "12月2日 周二 14:30"; the year is added when it is not this year. */
export function meetingWhen(iso: string, now: Date): string {
  const p = parts(new Date(iso));
  const year = p.year === parts(now).year ? '' : `${p.year}年`;
  return `${year}${p.month}月${p.day}日 ${p.weekday} ${p.time}`;
}

/** "14:30 至 16:00" (or with the end's day when the meeting runs past midnight). */
export function meetingSpan(startsAt: string, endsAt: string, now: Date): string {
  const sameDay = beijingDay(new Date(startsAt)) === beijingDay(new Date(endsAt));
  return `${meetingWhen(startsAt, now)} 至 ${sameDay ? parts(new Date(endsAt)).time : meetingWhen(endsAt, now)}`;
}

/** "2026年12月2日" for a calendar day (YYYY-MM-DD). */
export function dayText(day: string, withYear = true): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

/** "12月2日 16:10" for an instant (confirmations, corrections). */
export function shortInstant(iso: string, now: Date): string {
  const p = parts(new Date(iso));
  const year = p.year === parts(now).year ? '' : `${p.year}年`;
  return `${year}${p.month}月${p.day}日 ${p.time}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export type StatusTone = 'todo' | 'done' | 'wait' | 'leave' | 'muted' | 'bad';

/** Still ahead (or going on now) and not cancelled: the member may still need to go. */
export function isUpcoming(m: Pick<MyMeeting, 'status' | 'endsAt'>, now: Date): boolean {
  return (m.status === 'planned' || m.status === 'in_progress') && new Date(m.endsAt) > now;
}

/** Whether the member can still ask for leave (the server's rule: open meeting, not yet over, none asked yet). */
export function canAskLeave(m: Pick<MyMeeting, 'status' | 'endsAt' | 'myAttendance' | 'myLeaveStatus'>, now: Date): boolean {
  return isUpcoming(m, now) && m.myAttendance === null && m.myLeaveStatus === null;
}

/** The member's own standing for a meeting, in the words of the brief: 应参加 / 已请假待批 / 请假已批准 / 已签到 … */
export function myStatus(m: Pick<MyMeeting, 'status' | 'endsAt' | 'myExpected' | 'myAttendance' | 'myLeaveStatus'>, now: Date): { text: string; tone: StatusTone } {
  if (m.status === 'cancelled') return { text: '会议已取消', tone: 'muted' };
  switch (m.myAttendance) {
    case 'present':
      return { text: '已签到', tone: 'done' };
    case 'online':
      return { text: '线上参加', tone: 'done' };
    case 'leave':
      return { text: '请假已批准', tone: 'leave' };
    case 'absent':
      return { text: '缺席', tone: 'bad' };
    case null:
      break;
  }
  switch (m.myLeaveStatus) {
    case 'pending':
      return { text: '已请假待批', tone: 'wait' };
    case 'approved':
      return { text: '请假已批准', tone: 'leave' };
    case 'refused':
      return isUpcoming(m, now) ? { text: '请假未批准', tone: 'bad' } : { text: '请假未批准，未签到', tone: 'bad' };
    case null:
      break;
  }
  if (!m.myExpected) return { text: '本次不要求参加', tone: 'muted' };
  return isUpcoming(m, now) ? { text: '应参加', tone: 'todo' } : { text: '未签到', tone: 'muted' };
}
