import type { z } from 'zod';
import type {
  endOutflowBody,
  InflowView,
  MobileCertificateVerifyView,
  MobileCertificateView,
  MobileSummaryView,
  MyMobileView,
  OutflowDetailView,
  OutflowView,
  RegisterInflowInput,
  RegisterOutflowInput,
  reportBody,
  UpdateOutflowInput,
} from '@xianfeng/contracts/mobile/mobile.schemas';
import type { InflowStatus, MobileAlert, OutflowStatus } from '@xianfeng/contracts/mobile/mobile.enums';
import { http, type Page } from '@/lib/http';

export type { InflowView, MobileCertificateVerifyView, MobileCertificateView, MobileSummaryView, MyMobileView, OutflowDetailView, OutflowView, RegisterInflowInput, RegisterOutflowInput, UpdateOutflowInput };
export type ReportInput = z.input<typeof reportBody>;
export type EndInput = z.input<typeof endOutflowBody>;

export interface OutflowQuery {
  orgId: string;
  status?: OutflowStatus | 'open' | undefined;
  alert?: MobileAlert | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}
export interface InflowQuery {
  orgId: string;
  status?: InflowStatus | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

// ---- outflow ----
export const listOutflows = (q: OutflowQuery) => http.get<Page<OutflowView>>('/api/mobile/outflows', { ...q });
export const getOutflow = (id: string) => http.get<OutflowDetailView>(`/api/mobile/outflows/${id}`);
export const registerOutflow = (input: RegisterOutflowInput) => http.post<OutflowDetailView>('/api/mobile/outflows', input);
export const updateOutflow = (id: string, patch: UpdateOutflowInput) => http.patch<OutflowDetailView>(`/api/mobile/outflows/${id}`, patch);
export const recordReport = (id: string, input: ReportInput) => http.post<OutflowDetailView>(`/api/mobile/outflows/${id}/reports`, input);
export const markLostContact = (id: string, input: { since: string; note?: string | null }) => http.post<OutflowDetailView>(`/api/mobile/outflows/${id}/lost-contact`, input);
export const endOutflow = (id: string, input: EndInput) => http.post<OutflowDetailView>(`/api/mobile/outflows/${id}/end`, input);
export const issueCertificate = (id: string) => http.post<MobileCertificateView>(`/api/mobile/outflows/${id}/certificate`);

// ---- inflow ----
export const listInflows = (q: InflowQuery) => http.get<Page<InflowView>>('/api/mobile/inflows', { ...q });
export const registerInflow = (input: RegisterInflowInput) => http.post<InflowView>('/api/mobile/inflows', input);
export const leaveInflow = (id: string, leftOn: string) => http.post<InflowView>(`/api/mobile/inflows/${id}/leave`, { leftOn });

// ---- roll-ups, the member's own card ----
export const getSummary = (orgId: string) => http.get<MobileSummaryView>('/api/mobile/summary', { orgId });
export const getMyMobile = () => http.get<MyMobileView>('/api/mobile/my');

export const mobileKeys = {
  all: ['mobile'] as const,
  outflows: (q: OutflowQuery) => ['mobile', 'outflows', q] as const,
  outflow: (id: string) => ['mobile', 'outflow', id] as const,
  inflows: (q: InflowQuery) => ['mobile', 'inflows', q] as const,
  summary: (orgId: string) => ['mobile', 'summary', orgId] as const,
  my: ['mobile', 'my'] as const,
};
