import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type { caseListQuery, caseSummary, CaseView, createCaseBody, DevelopmentAttachmentView, nextStepView, recordedStepView, stepFinding, StepView } from '@xianfeng/contracts/development/development.schemas';
import type { BoardView, DeadlineItem, NoticeView, overrideItem, planView } from '@xianfeng/contracts/development/development.board.schemas';
import { ApiError, errorFromResponse, http, withQuery, type Page } from '@/lib/http';

/**
 * 发展党员 (development) API: the one place in the web app that knows the endpoints and their shapes.
 * Every shape comes from the contracts (development.schemas, development.board.schemas).
 */
export type { CaseView, StepView };
export type CaseSummary = z.infer<typeof caseSummary>;
export type NextStep = z.infer<typeof nextStepView>;
export type CreateCaseInput = z.input<typeof createCaseBody>;
export type CaseListQuery = Partial<z.output<typeof caseListQuery>>;

/** A step answered 201: the case as it now stands, with the rules' warnings that did not stop it (e.g. a missing holiday calendar). */
export type StepResult = z.infer<typeof recordedStepView>;
export type StepFinding = z.infer<typeof stepFinding>;

export const warningText = (w: StepFinding) => (w.article ? `${w.message}（依据：${w.article}）` : w.message);

export const createCase = (input: CreateCaseInput) => http.post<CaseView>('/api/development/cases', input);
export const listCases = (q: CaseListQuery) => http.get<Page<CaseSummary>>('/api/development/cases', q);
export const getCase = (id: string) => http.get<CaseView>(`/api/development/cases/${id}`);
export const recordStep = (id: string, body: Record<string, unknown>) => http.post<StepResult>(`/api/development/cases/${id}/steps`, body);
export const stopCase = (id: string, reason: string) => http.post<CaseView>(`/api/development/cases/${id}/stop`, { reason });

// ---- attachments (uploaded to the case, then listed by id in a step's `attachments`) ----

export type { DevelopmentAttachmentView };
export const attachmentUrl = (caseId: string, attachmentId: string) => `/api/development/cases/${caseId}/attachments/${attachmentId}`;

/** Uploads one file as multipart field `file` (jpg/png/pdf/docx/xlsx, ≤ 10 MB); a refusal throws an ApiError. */
export async function uploadAttachment(caseId: string, file: File): Promise<DevelopmentAttachmentView> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(`/api/development/cases/${caseId}/attachments`, { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw await errorFromResponse(res, '上传失败');
  return (await res.json()) as DevelopmentAttachmentView;
}

// ---- board (cases by stage, due soon and overdue, plan vs actual, ≤35 share, overrides) ----

export type { BoardView, DeadlineItem, NoticeView };
export type OverrideItem = z.infer<typeof overrideItem>;
export type PlanView = z.infer<typeof planView>;

/** The board of an org's subtree (the caller's widest scope when no org is given). */
export const getBoard = (orgId: string | null, year?: number) => http.get<BoardView>('/api/development/board', { orgId: orgId ?? undefined, year });
export const setPlan = (orgId: string, year: number, planned: number) => http.put<PlanView>(`/api/development/plans/${orgId}/${year}`, { planned });

// ---- documents ----

/** The complete case file (一人一档) as one PDF; the record sheets of every step taken (记录表). */
export const caseFileUrl = (id: string) => `/api/development/cases/${id}/file.pdf`;
export const recordSheetsUrl = (id: string) => `/api/development/cases/${id}/record.pdf`;
/** The 公示 as text (JSON), with its period and working days. */
export const getNotice = (id: string) => http.get<NoticeView>(`/api/development/cases/${id}/notice`);
export const noticePdfUrl = (id: string) => `/api/development/cases/${id}/notice.pdf`;
export const yearlyListUrl = (orgId: string, year: number) => withQuery('/api/development/list.xlsx', { orgId, year });

export const developmentKeys = {
  all: ['development'] as const,
  cases: (q: CaseListQuery) => ['development', 'cases', q] as const,
  detail: (id: string) => ['development', 'case', id] as const,
  board: (orgId: string | null) => ['development', 'board', orgId] as const,
  notice: (id: string) => ['development', 'notice', id] as const,
};

export function useCase(id: string) {
  return useQuery({ queryKey: developmentKeys.detail(id), queryFn: () => getCase(id), enabled: !!id });
}

export function useCases(q: CaseListQuery, enabled = true) {
  return useQuery({ queryKey: developmentKeys.cases(q), queryFn: () => listCases(q), enabled });
}

export function useBoard(orgId: string | null) {
  return useQuery({ queryKey: developmentKeys.board(orgId), queryFn: () => getBoard(orgId), enabled: !!orgId });
}
