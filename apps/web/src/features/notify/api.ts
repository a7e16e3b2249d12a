import type { z } from 'zod';
import type { MemberCareView, NotificationView, PreferencesView, updateCareBody, updatePreferencesBody } from '@xianfeng/contracts/notify/notify.schemas';
import { useQuery } from '@tanstack/react-query';
import { http, type Page } from '@/lib/http';

export type { MemberCareView, NotificationView, PreferencesView };
export type UpdateCareInput = z.input<typeof updateCareBody>;
export type UpdatePreferencesInput = z.input<typeof updatePreferencesBody>;
export type NotificationCategory = 'greeting' | 'reminder' | 'notice';
export type ReadFilter = 'all' | 'unread' | 'read';

export interface InboxQuery {
  read: ReadFilter;
  category: NotificationCategory | null;
  page: number;
  pageSize: number;
}

/** The caller's own inbox (every account has one). */
export const listNotifications = (q: InboxQuery) =>
  http.get<Page<NotificationView>>('/api/notifications', {
    unread: q.read === 'all' ? undefined : q.read === 'unread' ? 'true' : 'false',
    category: q.category,
    page: q.page,
    pageSize: q.pageSize,
  });
export const getUnreadCount = () => http.get<{ count: number }>('/api/notifications/unread-count');
/** Both answer the unread count left afterwards. */
export const markRead = (id: string) => http.post<{ count: number }>(`/api/notifications/${id}/read`);
export const markAllRead = () => http.post<{ count: number }>('/api/notifications/read-all');

export const getPreferences = () => http.get<PreferencesView>('/api/notifications/preferences');
export const updatePreferences = (body: UpdatePreferencesInput) => http.put<PreferencesView>('/api/notifications/preferences', body);

/** 关怀设置 of a member (两个生日, 代收): the member themself or staff in scope. */
export const getMemberCare = (memberId: string) => http.get<MemberCareView>(`/api/members/${memberId}/care`);
export const updateMemberCare = (memberId: string, body: UpdateCareInput) => http.put<MemberCareView>(`/api/members/${memberId}/care`, body);

export const notifyKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  lists: ['notifications', 'list'] as const,
  list: (q: unknown) => ['notifications', 'list', q] as const,
  preferences: ['notifications', 'preferences'] as const,
  care: (memberId: string) => ['notifications', 'care', memberId] as const,
};

/** The unread count the header badge and the H5 tab show; the realtime hook keeps it current. */
export function useUnreadCount(enabled = true): number {
  const q = useQuery({ queryKey: notifyKeys.unread, queryFn: getUnreadCount, enabled, staleTime: 60_000 });
  return q.data?.count ?? 0;
}
