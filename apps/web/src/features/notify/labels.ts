import type { NotificationCategory, NotificationView, ReadFilter } from './api';

export const categoryLabels: Record<NotificationCategory, string> = { greeting: '问候', reminder: '提醒', notice: '通知' };
export const categoryColors: Record<NotificationCategory, string> = { greeting: 'magenta', reminder: 'orange', notice: 'blue' };
export const readFilterLabels: Record<ReadFilter, string> = { all: '全部', unread: '未读', read: '已读' };

export const categoryText = (c: string) => categoryLabels[c as NotificationCategory] ?? c;
export const isCategory = (c: string | null): c is NotificationCategory => c === 'greeting' || c === 'reminder' || c === 'notice';
export const isReadFilter = (r: string | null): r is ReadFilter => r === 'all' || r === 'unread' || r === 'read';

/** Only in-app pages: a notification never sends anyone off-site. */
export function inAppLink(n: NotificationView): string | null {
  return n.link && /^\/(admin|m)(\/|\?|$)/.test(n.link) ? n.link : null;
}

/** The title as shown; a proxy copy's "代 X 接收" is a separate tag (onBehalfText), not part of the title. */
export function shownTitle(n: NotificationView): string {
  return n.title;
}

export const onBehalfText = (n: NotificationView) => (n.onBehalfOf ? `代 ${n.onBehalfOf} 接收` : null);

export const channelLabels = { sms: '短信', wechat: '微信模板消息' } as const;
export const languageLabels = { zh: '中文', en: 'English' } as const;
