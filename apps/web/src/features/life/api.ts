import type { z } from 'zod';
import type { checkInTokenView, checkInView, meetingView } from '@xianfeng/contracts/life/life.schemas';
import { http } from '@/lib/http';

export type MeetingView = z.infer<typeof meetingView>;
export type CheckInToken = z.infer<typeof checkInTokenView>;
export type CheckIn = z.infer<typeof checkInView>;

export const getMeeting = (id: string) => http.get<MeetingView>(`/api/meetings/${id}`);
export const getCheckInToken = (id: string) => http.get<CheckInToken>(`/api/meetings/${id}/check-in-token`);
export const checkInWithToken = (meetingId: string, token: string) => http.post<CheckIn>(`/api/meetings/${meetingId}/check-ins`, { token });

/** The meeting a venue token names (its first part is the meeting id, base64url); null if it is not one. */
export function meetingOfToken(token: string): string | null {
  const first = token.split('.')[0] ?? '';
  try {
    const id = atob(first.replace(/-/g, '+').replace(/_/g, '/'));
    return /^[0-9a-f-]{36}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

export const lifeKeys = {
  meeting: (id: string) => ['life', 'meeting', id] as const,
  token: (id: string) => ['life', 'check-in-token', id] as const,
};
