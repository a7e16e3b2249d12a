/** One injectable clock (ARCHITECTURE §8). A fake start still ticks; tests may advance it. */
export interface Clock {
  now(): Date;
  /** Business date in Asia/Shanghai, YYYY-MM-DD. */
  today(): string;
  advance(ms: number): void;
}

const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function businessDate(d: Date): string {
  return shanghaiDate.format(d);
}

// Asia/Shanghai has no daylight saving time: a business day is [date 00:00 +08:00, next date 00:00 +08:00).
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instants of business dates `from` … `to` (both inclusive): `[start of from, start of the day after to)`. */
export function businessDays(from: string, to: string = from): { from: Date; to: Date } {
  return { from: new Date(`${from}T00:00:00+08:00`), to: new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000) };
}

/** `2026-12-01 14:30`: an instant as Beijing wall-clock time, for notices, ledgers and messages. */
export function businessMinute(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function createClock(fakeNow?: string | null): Clock {
  let offset = 0;
  if (fakeNow) {
    const start = Date.parse(fakeNow);
    if (Number.isNaN(start)) throw new Error(`XIANFENG_FAKE_NOW is not an ISO instant: ${fakeNow}`);
    offset = start - Date.now();
  }
  return {
    now: () => new Date(Date.now() + offset),
    today() {
      return businessDate(this.now());
    },
    advance(ms: number) {
      offset += ms;
    },
  };
}
