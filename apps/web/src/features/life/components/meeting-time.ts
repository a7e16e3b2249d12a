import dayjs, { type Dayjs } from 'dayjs';

/**
 * Meetings happen in Beijing time whatever the browser's zone: pickers show wall-clock Beijing time and
 * the API gets an instant with +08:00.
 */
const parts = (iso: string) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;

/** 'YYYY-MM-DD' of an instant in Beijing. */
export function beijingDay(iso: string): string {
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 'HH:mm' of an instant in Beijing. */
export function beijingHm(iso: string): string {
  const p = parts(iso);
  return `${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

/** A picker value (Beijing wall-clock time) → an ISO instant with +08:00. */
export function toBeijingIso(d: Dayjs): string {
  return `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** Today in Beijing, as a picker value. */
export function beijingToday(): Dayjs {
  return dayjs(beijingDay(new Date().toISOString()));
}

/** '2026-12-01 14:30–16:00' (the end's date only when it differs). */
export function meetingTimeRange(startsAt: string, endsAt: string): string {
  const d1 = beijingDay(startsAt);
  const d2 = beijingDay(endsAt);
  return `${d1} ${beijingHm(startsAt)}–${d2 === d1 ? '' : `${d2} `}${beijingHm(endsAt)}`;
}
