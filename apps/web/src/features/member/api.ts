import type { z } from 'zod';
import type {
  memberEventView,
  memberFileView,
  memberListQuery,
  MemberListItem,
  MemberView,
  UpdateMemberInput,
} from '@xianfeng/contracts/member/member.schemas';
import { ApiError, http, withQuery, type Page } from '@/lib/http';

export type MemberFile = z.infer<typeof memberFileView>;
export type MemberEvent = z.infer<typeof memberEventView>;
export type MemberListQuery = Partial<z.output<typeof memberListQuery>>;
export type PiiField = 'idNumber' | 'phone' | 'address';
export type { MemberListItem, MemberView, UpdateMemberInput };

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
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: ApiError['details'] } } | null;
    throw body?.error
      ? new ApiError(res.status, body.error.code, body.error.message, body.error.details ?? [])
      : new ApiError(res.status, 'HTTP_' + res.status, `导出失败（${res.status}），请稍后再试`);
  }
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

export const memberKeys = {
  all: ['member'] as const,
  list: (q: MemberListQuery) => ['member', 'list', q] as const,
  file: (id: string, unmaskReason: string | null) => ['member', 'file', id, unmaskReason] as const,
  history: (id: string) => ['member', 'history', id] as const,
};
