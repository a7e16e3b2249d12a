import type { z } from 'zod';
import type { loginBody, MeView } from '@xianfeng/contracts/account/account.schemas';
import type { Permission } from '@xianfeng/contracts/account/account.permissions';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export type LoginInput = z.input<typeof loginBody>;

export const login = (input: LoginInput) => http.post<MeView>('/api/auth/login', input, { skipAuthRedirect: true });
export const logout = () => http.post<{ ok: true }>('/api/auth/logout', {}, { skipAuthRedirect: true });
export const getMe = () => http.get<MeView>('/api/auth/me');

export const meKey = ['auth', 'me'] as const;

/** The logged-in account; a 401 sends the shell to its login page (lib/http). */
export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: getMe, retry: false, staleTime: 5 * 60_000 });
}

export function hasPermission(me: MeView | undefined, p: Permission): boolean {
  return !!me?.permissions.includes(p);
}

/** Accounts of the seeded demo district (README, demo mode only). */
export const demoAccounts: readonly { username: string; zh: string }[] = [
  { username: 'admin', zh: '系统管理员' },
  { username: 'secadmin', zh: '安全管理员' },
  { username: 'auditor', zh: '审计管理员' },
  { username: 'district', zh: '区委组织部' },
  { username: 'street1', zh: '东城街道党工委' },
  { username: 'street2', zh: '西城街道党工委' },
  { username: 'community1', zh: '春晖社区党委' },
  { username: 'community2', zh: '和平社区党委' },
  { username: 'branch1', zh: '支部书记' },
  { username: 'branch2', zh: '支部书记' },
  { username: 'recorder1', zh: '组织委员' },
  { username: 'member1', zh: '党员' },
  { username: 'unit1', zh: '双报到单位管理员' },
  { username: 'reporter1', zh: '在职党员（双报到）' },
];
export const DEMO_PASSWORD = 'Demo@2026';

/** Whether the login page lists the demo accounts: the server says so before anyone logs in. */
export function useDemoHint(): boolean {
  const info = useQuery({
    queryKey: ['platform-info'],
    queryFn: () => http.get<{ name: string; demo: boolean }>('/api/platform/info'),
    retry: false,
    staleTime: Infinity,
  });
  return info.data?.demo === true;
}
