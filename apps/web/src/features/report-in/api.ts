import type { z } from 'zod';
import type {
  CommunityEntry,
  EvaluationView,
  PostView,
  RegisterBody,
  ReportInImportResult,
  ReportInMineView,
  ReportInStatsView,
  ReportInSummary,
  ReportInView,
  ServiceView,
  UnitView,
  createPostBody,
  createUnitBody,
  updatePostBody,
} from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Grade, Rater, ReportInStatus, ServiceStatus } from '@xianfeng/contracts/report-in/report-in.enums';
import { ApiError, errorFromResponse, http, withQuery, type Page } from '@/lib/http';

export type { CommunityEntry, EvaluationView, PostView, ReportInImportResult, ReportInMineView, ReportInStatsView, ReportInSummary, ReportInView, ServiceView, UnitView };
export type CreatedUnit = { unit: UnitView; admin: { accountId: string; username: string; temporaryPassword: string } };

// ---- units and communities ----

export const listUnits = () => http.get<UnitView[]>('/api/report-in/units');
export const createUnit = (input: z.input<typeof createUnitBody>) => http.post<CreatedUnit>('/api/report-in/units', input);
export const addUnitAdmin = (unitId: string, admin: { username: string; displayName: string }) => http.post<CreatedUnit>(`/api/report-in/units/${unitId}/admins`, admin);
export const listCommunities = (q: string, mine: boolean) => http.get<CommunityEntry[]>('/api/report-in/communities', { q, mine: mine ? 'true' : undefined });

// ---- registrations ----

export interface ReportInQuery {
  unitId?: string | undefined;
  communityOrgId?: string | undefined;
  status?: ReportInStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}
export const listReportIns = (q: ReportInQuery) => http.get<Page<ReportInSummary>>('/api/report-in', { ...q });
export const getReportIn = (id: string) => http.get<ReportInView>(`/api/report-in/${id}`);
export const registerReportIn = (input: RegisterBody) => http.post<ReportInView>('/api/report-in', input);
export const confirmReportIn = (id: string) => http.post<ReportInView>(`/api/report-in/${id}/confirm`);
export const declineReportIn = (id: string, reason: string) => http.post<ReportInView>(`/api/report-in/${id}/decline`, { reason });
export const endReportIn = (id: string, reason: string) => http.post<ReportInView>(`/api/report-in/${id}/end`, { reason });
export const getInbox = () => http.get<{ toConfirm: number; pendingServices: number }>('/api/report-in/inbox');
export const templateUrl = '/api/report-in/template';
export const batchCertificatesUrl = (unitId: string, ids?: string[]) => withQuery('/api/report-in/certificates.pdf', { unitId, ids: ids?.length ? ids : undefined });

/** Uploads the sheet as multipart field `file`; row errors come back in the result, a refused file throws. */
export async function importReportIns(file: File, unitId: string): Promise<ReportInImportResult> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(withQuery('/api/report-in/import', { unitId }), { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw await errorFromResponse(res, '导入失败');
  return (await res.json()) as ReportInImportResult;
}

// ---- the menu, claims, service, evaluations ----

export const listPosts = (communityOrgId: string, includeClosed = false) => http.get<PostView[]>('/api/report-in/posts', { communityOrgId, includeClosed: includeClosed ? 'true' : undefined });
export const createPost = (input: z.input<typeof createPostBody>) => http.post<PostView>('/api/report-in/posts', input);
export const updatePost = (id: string, patch: z.input<typeof updatePostBody>) => http.patch<PostView>(`/api/report-in/posts/${id}`, patch);
export const claimPost = (reportInId: string, postId: string) => http.post<ReportInView>(`/api/report-in/${reportInId}/claims`, { postId });
export const releaseClaim = (claimId: string) => http.post<ReportInView>(`/api/report-in/claims/${claimId}/release`);
export const logService = (reportInId: string, input: { servedOn: string; minutes: number; content: string; postId?: string | undefined }) =>
  http.post<ReportInView>(`/api/report-in/${reportInId}/services`, input);
export const listServices = (q: { communityOrgId?: string | undefined; unitId?: string | undefined; status?: ServiceStatus | undefined; page: number; pageSize: number }) =>
  http.get<Page<ServiceView>>('/api/report-in/services', { ...q });
export const decideService = (id: string, approve: boolean, note?: string) => http.post<ServiceView>(`/api/report-in/services/${id}/decide`, { approve, ...(note ? { note } : {}) });
export const recordEvaluation = (reportInId: string, input: { year: number; rater: Rater; grade: Grade; comment?: string | undefined }) =>
  http.post<ReportInView>(`/api/report-in/${reportInId}/evaluations`, input);

// ---- figures and the member's page ----

export const getStats = (q: { orgId?: string | undefined; from: string; to: string }) => http.get<ReportInStatsView>('/api/report-in/stats', { ...q });
export const getMine = () => http.get<ReportInMineView>('/api/report-in/mine');

export const reportInKeys = {
  all: ['report-in'] as const,
  units: ['report-in', 'units'] as const,
  communities: (q: string, mine: boolean) => ['report-in', 'communities', q, mine] as const,
  list: (q: ReportInQuery) => ['report-in', 'list', q] as const,
  one: (id: string) => ['report-in', 'one', id] as const,
  inbox: ['report-in', 'inbox'] as const,
  posts: (communityOrgId: string, includeClosed: boolean) => ['report-in', 'posts', communityOrgId, includeClosed] as const,
  services: (q: object) => ['report-in', 'services', q] as const,
  stats: (q: object) => ['report-in', 'stats', q] as const,
  mine: ['report-in', 'mine'] as const,
};
