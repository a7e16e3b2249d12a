import type { StepStatus, TransferStatus } from '@xianfeng/contracts/transfer/transfer.enums';
import { formatInstant } from '@/lib/dates';

/** The contracts label transfers and roles; a step's own state is only worded here. */
export const stepStatusLabels: Record<StepStatus, string> = {
  waiting: '待办理',
  pending: '办理中',
  approved: '已同意',
  returned: '已退回修改',
  rejected: '不同意',
  cancelled: '已取消',
};

export const transferStatusColors: Record<TransferStatus, string> = {
  pending: 'processing',
  returned: 'warning',
  rejected: 'error',
  cancelled: 'default',
  awaiting_receipt: 'gold',
  completed: 'success',
};

/** Still open: at most one per member (the server refuses a second). */
export const isOpenStatus = (s: TransferStatus) => s === 'pending' || s === 'returned' || s === 'awaiting_receipt';

/** The reasons given most often, as quick picks; 其他 leaves the text to be typed. */
export const commonReasons = ['工作调动', '居住地变更', '升学', '毕业', '其他'] as const;

const DAY = 86_400_000;
/** Within this many days a step reads as 即将超时 (the server's default `transfer.dueSoonDays`). */
export const DUE_SOON_DAYS = 2;

export type Deadline = { kind: 'overdue' | 'soon' | 'ok'; text: string };

/**
 * A step's time limit as people say it: "已超 3 天", "剩 1 天", with the deadline itself. Whether it is
 * overdue comes from the server (its clock decides); the days are counted on this device's clock.
 */
export function deadlineOf(dueAt: string | null, overdue: boolean, now = Date.now()): Deadline | null {
  if (!dueAt) return null;
  const left = new Date(dueAt).getTime() - now;
  const at = formatInstant(dueAt).slice(5);
  // Whole days, rounded down (a fresh 7-day step reads 剩 7 天, not 8); under a day is said so.
  if (overdue || left < 0) {
    const late = Math.floor(-left / DAY);
    return { kind: 'overdue', text: `${late < 1 ? '已到期' : `已超 ${late} 天`}（${at} 到期）` };
  }
  const days = Math.floor(left / DAY);
  return { kind: left <= DUE_SOON_DAYS * DAY ? 'soon' : 'ok', text: `${days < 1 ? '不足 1 天' : `剩 ${days} 天`}（${at} 前）` };
}

/** 'YYYY-MM-DD' → '2026年3月5日'. */
export function dayText(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant as a Beijing calendar day, in words. */
export const instantDayText = (iso: string) => dayText(formatInstant(iso).slice(0, 10));

/** 党费交至 'YYYY-MM' → '2026年3月'; no record at all is said plainly. */
export function paidUntilText(paidUntil: string | null): string {
  if (!paidUntil) return '暂无交纳记录';
  const [y, m] = paidUntil.split('-');
  return `${y}年${Number(m)}月`;
}
