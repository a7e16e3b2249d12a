import type { z } from 'zod';
import type {
  appendedCorrectionView,
  attachmentView,
  branchComplianceView,
  checkInTokenView,
  checkInView,
  complianceItemView,
  complianceStatuses,
  complianceSummaryView,
  CreateMeetingInput,
  leaveRequestView,
  lifePlanView,
  meetingAttendeeView,
  meetingListItem,
  meetingView,
  MinutesInput,
  MinutesView,
} from '@xianfeng/contracts/life/life.schemas';
import type { MeetingStatus } from '@xianfeng/contracts/life/life.enums';
import { ApiError, errorFromResponse, http, withQuery, type Page } from '@/lib/http';

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
  meetings: (orgId: string, month: string) => ['life', 'meetings', orgId, month] as const,
  minutes: (id: string) => ['life', 'minutes', id] as const,
  plan: (orgId: string, month: string) => ['life', 'plan', orgId, month] as const,
  meetingTypes: (orgId: string) => ['life', 'meeting-types', orgId] as const,
};

/** What an org may plan: its kind's built-in types and its custom ones (readable by whoever plans). */
export const getMeetingTypes = (orgId: string) => http.get<{ items: { type: string; label: string; builtIn: boolean }[] }>(`/api/orgs/${orgId}/meeting-types`);

export type ComplianceStatus = (typeof complianceStatuses)[number];
export type ComplianceItem = z.infer<typeof complianceItemView>;
export type BranchCompliance = z.infer<typeof branchComplianceView>;
export type ComplianceSummary = z.infer<typeof complianceSummaryView>;

export const complianceStatusLabels: Record<ComplianceStatus, { text: string; color: string }> = {
  overdue: { text: '逾期未完成', color: 'red' },
  due_soon: { text: '即将到期', color: 'orange' },
  not_due: { text: '未到期', color: 'blue' },
  met: { text: '已完成', color: 'green' },
  not_applicable: { text: '不适用', color: 'default' },
};

export const getComplianceSummary = (orgId: string, period: string) => http.get<ComplianceSummary>(`/api/orgs/${orgId}/compliance/summary`, { period });
export const listBranchCompliance = (orgId: string, q: { period: string; status?: ComplianceStatus | undefined; page: number; pageSize: number }) =>
  http.get<Page<BranchCompliance>>(`/api/orgs/${orgId}/compliance/branches`, q);
export const getOrgCompliance = (orgId: string, period: string) => http.get<{ items: ComplianceItem[] }>(`/api/orgs/${orgId}/compliance`, { period });

// ---- meetings: plan, attend, record, confirm, review (the admin side) ----

export type MeetingListItem = z.infer<typeof meetingListItem>;
export type MeetingAttendee = z.infer<typeof meetingAttendeeView>;
export type LeaveRequest = z.infer<typeof leaveRequestView>;
export type Attachment = z.infer<typeof attachmentView>;
export type AppendedCorrection = z.infer<typeof appendedCorrectionView>;
export type LifePlan = z.infer<typeof lifePlanView>;
export type { CreateMeetingInput, MinutesInput, MinutesView };

/** Status colours shared by the calendar, the list and the meeting page. */
export const meetingStatusColors: Record<MeetingStatus, string> = {
  planned: 'blue',
  in_progress: 'processing',
  minutes_draft: 'gold',
  confirmed: 'purple',
  approved: 'green',
  returned: 'red',
  cancelled: 'default',
};

export const listMeetings = (q: { orgId: string; from: string; to: string; page?: number; pageSize?: number }) =>
  http.get<Page<MeetingListItem>>('/api/meetings', { page: 1, pageSize: 100, ...q });
export const createMeeting = (input: CreateMeetingInput) => http.post<MeetingView>('/api/meetings', input);
export const cancelMeeting = (id: string, reason: string) => http.post<MeetingView>(`/api/meetings/${id}/cancel`, { reason });
export const markCheckIn = (id: string, body: { memberId: string; reason: string; online?: boolean }) => http.post<CheckIn>(`/api/meetings/${id}/check-ins`, body);
export const decideLeave = (id: string, requestId: string, body: { decision: 'approve' | 'refuse'; reason?: string | undefined }) =>
  http.post<LeaveRequest>(`/api/meetings/${id}/leave-requests/${requestId}/decision`, body);
export const addAttendees = (id: string, memberIds: string[]) => http.post<MeetingView>(`/api/meetings/${id}/attendees`, { memberIds });
export const removeAttendee = (id: string, memberId: string) => http.delete<MeetingView>(`/api/meetings/${id}/attendees/${memberId}`);

export const getMinutes = (id: string) => http.get<MinutesView | null>(`/api/meetings/${id}/minutes`);
export const saveMinutes = (id: string, body: MinutesInput) => http.put<MinutesView>(`/api/meetings/${id}/minutes`, body);
export const confirmMinutes = (id: string) => http.post<MinutesView>(`/api/meetings/${id}/confirm`);
export const reviewMinutes = (id: string, body: { decision: 'approve' | 'return'; comment?: string | undefined }) => http.post<MinutesView>(`/api/meetings/${id}/review`, body);
export const appendCorrection = (id: string, body: { reason: string; content: string }) => http.post<AppendedCorrection>(`/api/meetings/${id}/corrections`, body);

export const attachmentUrl = (meetingId: string, attachmentId: string) => `/api/meetings/${meetingId}/attachments/${attachmentId}`;

/** Uploads one file as multipart field `file` (jpg/png/pdf/docx/xlsx, ≤ 10 MB); a refusal throws an ApiError. */
export async function uploadAttachment(meetingId: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(`/api/meetings/${meetingId}/attachments`, { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw await errorFromResponse(res, '上传失败');
  return (await res.json()) as Attachment;
}

export const getLifePlan = (orgId: string, month: string) => http.get<LifePlan>(`/api/orgs/${orgId}/life-plan`, { month });

export type DocFormat = 'xlsx' | 'pdf';
/** 三会一课台账 of one year, generated from the records. */
export const ledgerUrl = (orgId: string, year: number, format: DocFormat) => withQuery(`/api/orgs/${orgId}/life-ledger.${format}`, { year });
/** 组织生活完成情况表 of the subtree for one period. */
export const completionUrl = (orgId: string, period: string, format: DocFormat) => withQuery(`/api/orgs/${orgId}/life-completion.${format}`, { period });

/**
 * Fetches a generated document and saves it: fetched first so a refusal (no records, out of scope) shows
 * as a message instead of a page of JSON.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw await errorFromResponse(res, '下载失败');
  const match = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '');
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = match ? decodeURIComponent(match[1]!) : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
