/** Business time is Asia/Shanghai: this month and today as the branch sees them. */

const parts = (d: Date, withDay: boolean) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', ...(withDay ? { day: '2-digit' } : {}) }).format(d);

/** 'YYYY-MM' in Beijing time. */
export const currentMonth = (now = new Date()): string => parts(now, false).slice(0, 7);
/** 'YYYY-MM-DD' in Beijing time. */
export const todayInBeijing = (now = new Date()): string => parts(now, true);
export const currentYear = (now = new Date()): number => Number(currentMonth(now).slice(0, 4));

export const isMonth = (s: string | null | undefined): s is string => !!s && /^(20\d\d|2100)-(0[1-9]|1[0-2])$/.test(s);

/** '2026-03' → '2026年3月'. */
export function monthText(m: string): string {
  const [y, mo] = m.split('-');
  return `${y}年${Number(mo)}月`;
}

/** '2026-03' + 2 → '2026-05'. */
export function addMonths(m: string, n: number): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  const i = y * 12 + (mo - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The first month of the quarter `m` lies in (个体经营 declares from a quarter's first month). */
export function quarterStart(m: string): string {
  const mo = Number(m.slice(5, 7));
  return `${m.slice(0, 4)}-${String(mo - ((mo - 1) % 3)).padStart(2, '0')}`;
}
