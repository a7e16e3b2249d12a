import type { z } from 'zod';
import type {
  MemberImportError,
  MemberImportResult,
  memberEventView,
  memberFileView,
  memberListQuery,
  MemberListItem,
  MemberView,
  UpdateMemberInput,
  leaveBody,
  restoreBody,
  suspendBody,
} from '@xianfeng/contracts/member/member.schemas';
import { ApiError, errorFromResponse, http, withQuery, type Page } from '@/lib/http';

export type MemberFile = z.infer<typeof memberFileView>;
export type MemberEvent = z.infer<typeof memberEventView>;
export type MemberListQuery = Partial<z.output<typeof memberListQuery>>;
export type PiiField = 'idNumber' | 'phone' | 'address';
export type { MemberImportError, MemberImportResult, MemberListItem, MemberView, UpdateMemberInput };

export const listMembers = (q: MemberListQuery) => http.get<Page<MemberListItem>>('/api/members', q);

/** The file is masked unless `unmask` names fields and a reason is given (audited server-side). */
export const getMemberFile = (id: string, unmask?: { fields: PiiField[]; reason: string }) =>
  http.get<MemberFile>(`/api/members/${id}`, unmask ? { unmask: unmask.fields, reason: unmask.reason } : undefined);

/** The Excel export of the list with these filters (masked; the server audits every export). */
export const memberExportUrl = (q: Omit<MemberListQuery, 'page' | 'pageSize'>) => withQuery('/api/members/export.xlsx', { ...q });

/**
 * The unmasked export (needs member.pii.unmask and a reason): fetched first so a refusal shows as a message
 * in the reason dialog, then saved as a file.
 */
export async function downloadUnmaskedExport(q: Omit<MemberListQuery, 'page' | 'pageSize'>, reason: string): Promise<void> {
  const res = await fetch(withQuery('/api/members/export.xlsx', { ...q, unmask: 'true', reason }), { credentials: 'same-origin' });
  if (!res.ok) throw await errorFromResponse(res, '导出失败');
  const match = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '');
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = match ? decodeURIComponent(match[1]!) : '党员名单.xlsx';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const updateMember = (id: string, patch: UpdateMemberInput) => http.patch<MemberView>(`/api/members/${id}`, patch);
export const getMemberHistory = (id: string) => http.get<MemberEvent[]>(`/api/members/${id}/history`);

/** 党籍变动: 出党, 停止党籍, 恢复党籍 — each answers the member as it now is. */
export type LeaveInput = z.input<typeof leaveBody>;
export type SuspendInput = z.input<typeof suspendBody>;
export type RestoreInput = z.input<typeof restoreBody>;
export const leaveMember = (id: string, body: LeaveInput) => http.post<MemberView>(`/api/members/${id}/leave`, body);
export const suspendMember = (id: string, body: SuspendInput) => http.post<MemberView>(`/api/members/${id}/suspend`, body);
export const restoreMember = (id: string, body: RestoreInput) => http.post<MemberView>(`/api/members/${id}/restore`, body);

export const memberKeys = {
  all: ['member'] as const,
  list: (q: MemberListQuery) => ['member', 'list', q] as const,
  file: (id: string, unmaskReason: string | null) => ['member', 'file', id, unmaskReason] as const,
  history: (id: string) => ['member', 'history', id] as const,
};

export type ImportMode = 'all' | 'valid_only';

export const importTemplateUrl = (orgId: string | null) => withQuery('/api/members/import-template', { orgId: orgId ?? undefined });

/** Uploads the sheet as multipart field `file`; a refused file (not xlsx, too large) throws an ApiError. */
export async function importMembers(file: File, orgId: string, mode: ImportMode): Promise<MemberImportResult> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(withQuery('/api/members/import', { orgId, mode }), { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw await errorFromResponse(res, '导入失败');
  return (await res.json()) as MemberImportResult;
}
