import type { z } from 'zod';
import type { AccountView, createAccountBody } from '@xianfeng/contracts/account/account.schemas';
import { rolePermissions, roles, separatedDutyRoles, type Role } from '@xianfeng/contracts/account/account.permissions';
import type { MeView } from '@xianfeng/contracts/account/account.schemas';
import { http, type Page } from '@/lib/http';

export type { AccountView };
export type CreateAccountInput = z.input<typeof createAccountBody>;
export type CreatedAccount = AccountView & { temporaryPassword: string };

export const listAccounts = (q: { q?: string; page: number; pageSize: number }) => http.get<Page<AccountView>>('/api/accounts', q);
export const getAccount = (id: string) => http.get<AccountView>(`/api/accounts/${id}`);
export const createAccount = (input: CreateAccountInput) => http.post<CreatedAccount>('/api/accounts', input);
export const resetPassword = (id: string) => http.post<{ temporaryPassword: string }>(`/api/accounts/${id}/reset-password`);
export const lockAccount = (id: string) => http.post<AccountView>(`/api/accounts/${id}/lock`);
export const unlockAccount = (id: string) => http.post<AccountView>(`/api/accounts/${id}/unlock`);
export const grantRole = (input: { accountId: string; role: Role; orgId: string }) => http.post<{ id: string }>('/api/grants', input);
export const revokeGrant = (id: string) => http.delete<{ ok: true }>(`/api/grants/${id}`);

export const accountKeys = {
  all: ['account'] as const,
  list: (q: string, page: number, pageSize: number) => ['account', 'list', q, page, pageSize] as const,
  one: (id: string) => ['account', 'one', id] as const,
};

/**
 * Roles the caller could plausibly grant somewhere (the server decides per org): the 三员 only for a
 * 安全管理员; other roles when the caller holds account.grant and every permission of the role.
 */
export function grantableRoles(me: MeView | undefined): Role[] {
  if (!me?.permissions.includes('account.grant')) return [];
  const held = new Set(me.permissions);
  const isSecurity = me.roles.includes('security_admin');
  return roles.filter((r) => (separatedDutyRoles.includes(r) ? isSecurity : rolePermissions[r].every((p) => held.has(p))));
}
