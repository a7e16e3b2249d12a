import type { z } from 'zod';
import type {
  branchComplianceView,
  checkInTokenView,
  checkInView,
  complianceItemView,
  complianceStatuses,
  complianceSummaryView,
  meetingView,
} from '@xianfeng/contracts/life/life.schemas';
import { http, type Page } from '@/lib/http';

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
