import type { z } from 'zod';
import type { leaveRequestView, meetingView, minutesView, myMeetingItem } from '@xianfeng/contracts/life/life.schemas';
import { http, type Page } from '@/lib/http';

/** The member's side of 三会一课 on the H5 (/m/meetings): own meetings, a meeting's notice and minutes, leave. */
export type MyMeeting = z.infer<typeof myMeetingItem>;
export type MeetingDetail = z.infer<typeof meetingView>;
export type MeetingMinutes = z.infer<typeof minutesView>;
export type LeaveRequest = z.infer<typeof leaveRequestView>;

export interface MyMeetingsQuery {
  /** Calendar days in Beijing time (YYYY-MM-DD), both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export const listMyMeetings = (q: MyMeetingsQuery) => http.get<Page<MyMeeting>>('/api/meetings/mine', { ...q });
export const getMyMeeting = (id: string) => http.get<MeetingDetail>(`/api/meetings/${id}`);
/** null until the recorder has written the minutes. */
export const getMeetingMinutes = (id: string) => http.get<MeetingMinutes | null>(`/api/meetings/${id}/minutes`);
export const requestLeave = (id: string, reason: string) => http.post<LeaveRequest>(`/api/meetings/${id}/leave-requests`, { reason });
/** A plain link: the browser downloads (or opens) the file with the session cookie. */
export const attachmentUrl = (meetingId: string, attachmentId: string) => `/api/meetings/${meetingId}/attachments/${attachmentId}`;

export const myLifeKeys = {
  all: ['life', 'mine'] as const,
  list: (q: MyMeetingsQuery | { part: string }) => ['life', 'mine', 'list', q] as const,
  meeting: (id: string) => ['life', 'mine', 'meeting', id] as const,
  minutes: (id: string) => ['life', 'mine', 'minutes', id] as const,
};
/** A 流动党员 attending through the meeting's online link records it (inside the check-in window). */
export const checkInOnline = (id: string) => http.post<{ attendance: string }>(`/api/meetings/${id}/check-ins`, { online: true });
