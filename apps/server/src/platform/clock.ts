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
