import type { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import type { createTransferBody, ExternalOrg, receiptBody, resubmitBody, TransferInboxView, TransferSummary, TransferView } from '@xianfeng/contracts/transfer/transfer.schemas';
import { http } from '@/lib/http';
import type { DirectoryEntry } from '@/features/org/api';

export type { ExternalOrg, TransferInboxView, TransferSummary, TransferView };
export type TransferStep = TransferView['steps'][number];
export type CreateTransferInput = z.input<typeof createTransferBody>;
export type ResubmitInput = NonNullable<z.input<typeof resubmitBody>>;
export type ReceiptInput = z.input<typeof receiptBody>;
export type Decision = 'approve' | 'return' | 'reject';

/** The public check of a 介绍信 (GET /api/transfers/letters/verify): never an error, `invalid` for junk. */
export interface LetterCheck {
  valid: boolean;
  state: 'valid' | 'expired' | 'used' | 'void' | 'invalid';
  letterNo: string | null;
  memberName: string | null;
  fromOrgName: string | null;
  toOrgName: string | null;
  issuedOn: string | null;
  validUntil: string | null;
}

/** Receiving branches (GET /api/transfers/targets): open to a member applying for themself, unlike the staff directory. */
export const searchTransferTargets = (q: string) => http.get<DirectoryEntry[]>('/api/transfers/targets', { q });
export const getTransferInbox = () => http.get<TransferInboxView>('/api/transfers/inbox');
export const getTransfer = (id: string) => http.get<TransferView>(`/api/transfers/${id}`);
export const listMemberTransfers = (memberId: string) => http.get<TransferSummary[]>('/api/transfers', { memberId });

export const createTransfer = (input: CreateTransferInput) => http.post<TransferView>('/api/transfers', input);
export const decideStep = (id: string, decision: Decision, comment?: string) => http.post<TransferView>(`/api/transfers/${id}/${decision}`, comment ? { comment } : {});
export const resubmitTransfer = (id: string, input: ResubmitInput) => http.post<TransferView>(`/api/transfers/${id}/resubmit`, input);
export const cancelTransfer = (id: string) => http.post<TransferView>(`/api/transfers/${id}/cancel`);
export const registerReceipt = (id: string, input: ReceiptInput) => http.post<TransferView>(`/api/transfers/${id}/receipt`, input);

export const transferKeys = {
  all: ['transfer'] as const,
  inbox: ['transfer', 'inbox'] as const,
  detail: (id: string) => ['transfer', 'detail', id] as const,
  ofMember: (memberId: string) => ['transfer', 'member', memberId] as const,
  targets: (q: string) => ['transfer', 'targets', q] as const,
};

/**
 * 转接工作台 figures and lists. Shared by the workbench and the header badge; refreshed every minute so a
 * step that has just come due shows without a reload.
 */
export function useTransferInbox(enabled = true) {
  return useQuery({ queryKey: transferKeys.inbox, queryFn: getTransferInbox, enabled, staleTime: 60_000, refetchInterval: 60_000 });
}

export function useTransfer(id: string) {
  return useQuery({ queryKey: transferKeys.detail(id), queryFn: () => getTransfer(id), enabled: !!id });
}

export function useMemberTransfers(memberId: string | null | undefined) {
  return useQuery({ queryKey: transferKeys.ofMember(memberId ?? ''), queryFn: () => listMemberTransfers(memberId!), enabled: !!memberId });
}
