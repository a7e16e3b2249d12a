import type {
  ArrearsView,
  BaseInput,
  BaseView,
  BillView,
  CollectionTrendView,
  CollectionView,
  GenerateView,
  MemberDuesView,
  PaymentInput,
  PaymentView,
  QuoteView,
  ReductionView,
} from '@xianfeng/contracts/dues/dues.schemas';
import type { ArrearsLevel, BillStatus, DuesCategory, ReductionKind, ReductionStatus } from '@xianfeng/contracts/dues/dues.enums';
import { ApiError, errorFromResponse, http, withQuery, type Page } from '@/lib/http';

export type { ArrearsView, BaseInput, BaseView, BillView, CollectionTrendView, CollectionView, GenerateView, MemberDuesView, PaymentInput, PaymentView, QuoteView, ReductionView };
export type BillPage = Page<BillView> & { totals: { amountFen: number; paidFen: number } };
export type CollectionFigures = CollectionView['children'][number];
export type BaseImportResult = { imported: number; errors: { row: number; column: string; message: string }[] };
export type DocFormat = 'xlsx' | 'pdf';

// ---- amounts and bases ----

export const quoteDues = (category: DuesCategory, baseFen?: number) => http.post<QuoteView>('/api/dues/quote', { category, ...(baseFen === undefined ? {} : { baseFen }) });
export const declareBase = (memberId: string, input: BaseInput) => http.post<BaseView>(`/api/members/${memberId}/dues/base`, input);
export const registerOpening = (memberId: string, paidUntil: string) => http.post<unknown>(`/api/members/${memberId}/dues/opening`, { paidUntil });
export const registerArrearsReason = (memberId: string, input: { fromMonth: string; toMonth: string; reason: string }) =>
  http.post<unknown>(`/api/members/${memberId}/dues/arrears-reason`, input);
export const baseTemplateUrl = '/api/dues/bases/template';

/** Uploads the bases sheet as multipart field `file`; row errors come back in the result, a refused file throws. */
export async function importBases(file: File, orgId: string): Promise<BaseImportResult> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(withQuery('/api/dues/bases/import', { orgId }), { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw await errorFromResponse(res, '导入失败');
  return (await res.json()) as BaseImportResult;
}

// ---- bills and payments ----

export interface BillsQuery {
  orgId: string;
  month?: string | undefined;
  memberId?: string | undefined;
  status?: BillStatus | undefined;
  page: number;
  pageSize: number;
}
export const generateBills = (orgId: string, month: string) => http.post<GenerateView>('/api/dues/bills/generate', { orgId, month });
export const listBills = (q: BillsQuery) => http.get<BillPage>('/api/dues/bills', { ...q });

export interface PaymentsQuery {
  orgId: string;
  month?: string | undefined;
  memberId?: string | undefined;
  page: number;
  pageSize: number;
}
export const listPayments = (q: PaymentsQuery) => http.get<Page<PaymentView>>('/api/dues/payments', { ...q });
export const recordPayment = (input: PaymentInput, key: string) => http.post<PaymentView>('/api/dues/payments', input, { idempotencyKey: key });
export const reversePayment = (id: string, reason: string, key: string) => http.post<PaymentView>(`/api/dues/payments/${id}/reverse`, { reason }, { idempotencyKey: key });

export const getMemberDues = (memberId: string, year: number) => http.get<MemberDuesView>(`/api/members/${memberId}/dues`, { year });
export const getMyDues = (year: number) => http.get<MemberDuesView>('/api/dues/me', { year });

// ---- arrears and reductions ----

export const listArrears = (q: { orgId: string; level?: ArrearsLevel | undefined; page: number; pageSize: number }) => http.get<Page<ArrearsView>>('/api/dues/arrears', { ...q });

export interface ReductionRequest {
  memberId: string;
  kind: ReductionKind;
  monthlyFen?: number;
  fromMonth: string;
  toMonth: string;
  reason: string;
}
export const requestReduction = (input: ReductionRequest) => http.post<ReductionView>('/api/dues/reductions', input);
export const listReductions = (q: { orgId: string; status?: ReductionStatus | undefined; page: number; pageSize: number }) => http.get<Page<ReductionView>>('/api/dues/reductions', { ...q });
export const decideReduction = (id: string, approve: boolean, note?: string) =>
  http.post<ReductionView>(`/api/dues/reductions/${id}/decision`, { approve, ...(note ? { note } : {}) });

// ---- collection and reports ----

export const getCollection = (orgId: string, month: string) => http.get<CollectionView>('/api/dues/collection', { orgId, month });
export const getCollectionTrend = (orgId: string, year: number) => http.get<CollectionTrendView>('/api/dues/collection/trend', { orgId, year });

export const memberLedgerUrl = (memberId: string, year: number, format: DocFormat) => withQuery('/api/dues/reports/member-ledger', { memberId, year, format });
export const collectionSheetUrl = (orgId: string, month: string, format: DocFormat) => withQuery('/api/dues/reports/collection-sheet', { orgId, month, format });
export const yearlyReportUrl = (orgId: string, year: number, format: DocFormat) => withQuery('/api/dues/reports/yearly', { orgId, year, format });

export const duesKeys = {
  all: ['dues'] as const,
  bills: (q: BillsQuery) => ['dues', 'bills', q] as const,
  payments: (q: PaymentsQuery) => ['dues', 'payments', q] as const,
  member: (memberId: string, year: number) => ['dues', 'member', memberId, year] as const,
  mine: (year: number) => ['dues', 'me', year] as const,
  arrears: (q: object) => ['dues', 'arrears', q] as const,
  reductions: (q: object) => ['dues', 'reductions', q] as const,
  collection: (orgId: string, month: string) => ['dues', 'collection', orgId, month] as const,
  trend: (orgId: string, year: number) => ['dues', 'trend', orgId, year] as const,
  quote: (category: DuesCategory, baseFen: number | null) => ['dues', 'quote', category, baseFen] as const,
};
