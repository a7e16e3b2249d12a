import type { z } from 'zod';
import type {
  memberEventView,
  memberFileView,
  memberListQuery,
  MemberListItem,
  MemberView,
  UpdateMemberInput,
} from '@xianfeng/contracts/member/member.schemas';
import { http, type Page } from '@/lib/http';

export type MemberFile = z.infer<typeof memberFileView>;
export type MemberEvent = z.infer<typeof memberEventView>;
export type MemberListQuery = Partial<z.output<typeof memberListQuery>>;
export type PiiField = 'idNumber' | 'phone' | 'address';
export type { MemberListItem, MemberView, UpdateMemberInput };

export const listMembers = (q: MemberListQuery) => http.get<Page<MemberListItem>>('/api/members', q);

/** The file is masked unless `unmask` names fields and a reason is given (audited server-side). */
export const getMemberFile = (id: string, unmask?: { fields: PiiField[]; reason: string }) =>
  http.get<MemberFile>(`/api/members/${id}`, unmask ? { unmask: unmask.fields, reason: unmask.reason } : undefined);

export const updateMember = (id: string, patch: UpdateMemberInput) => http.patch<MemberView>(`/api/members/${id}`, patch);
export const getMemberHistory = (id: string) => http.get<MemberEvent[]>(`/api/members/${id}/history`);

export const memberKeys = {
  all: ['member'] as const,
  list: (q: MemberListQuery) => ['member', 'list', q] as const,
  file: (id: string, unmaskReason: string | null) => ['member', 'file', id, unmaskReason] as const,
  history: (id: string) => ['member', 'history', id] as const,
};
