import type { BranchPointsView, NoParticipationView } from '@xianfeng/contracts/points/points.schemas';
import { http } from '@/lib/http';

/** The admin side of 党员积分: one branch's members and who took part in nothing in a period. */
export type { BranchPointsView, NoParticipationView };

export const getBranchPoints = (orgId: string, year: number) => http.get<BranchPointsView>(`/api/orgs/${orgId}/points`, { year });
export const getNoParticipation = (orgId: string, period: string) => http.get<NoParticipationView>(`/api/orgs/${orgId}/points/no-participation`, { period });

export const pointsAdminKeys = {
  branch: (orgId: string, year: number) => ['points', 'branch', orgId, year] as const,
  noParticipation: (orgId: string, period: string) => ['points', 'no-participation', orgId, period] as const,
};
