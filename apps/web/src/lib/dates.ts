import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

export const DATE_FORMAT = 'YYYY-MM-DD';

/** 'YYYY-MM-DD' (or null) → a DatePicker value. */
export function toDayjs(s: string | null | undefined): Dayjs | null {
  return s ? dayjs(s, DATE_FORMAT) : null;
}

/** A DatePicker value → 'YYYY-MM-DD' (or null). */
export function fromDayjs(d: Dayjs | null | undefined): string | null {
  return d ? d.format(DATE_FORMAT) : null;
}

/** An ISO instant shown in Beijing time, to the minute. */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(new Date(iso))
    .replaceAll('/', '-');
}
