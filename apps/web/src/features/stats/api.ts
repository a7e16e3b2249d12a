import { useQuery } from '@tanstack/react-query';
import type { MemberStatistics, StatsChildRow, StatsModules, StatsOverview, StatsTrend, StatsTrendPoint, StatsWarning } from '@xianfeng/contracts/stats/stats.schemas';
import { http } from '@/lib/http';

export type { MemberStatistics, StatsChildRow, StatsModules, StatsOverview, StatsTrend, StatsTrendPoint, StatsWarning };

/** GET /api/stats/orgs/:id/members?asOf= — the exact member figures of the org's subtree (404 out of scope). */
export const getMemberStatistics = (orgId: string, asOf?: string | null) => http.get<MemberStatistics>(`/api/stats/orgs/${orgId}/members`, { asOf });
/** GET /api/stats/orgs/:id/overview?asOf= — everything the dashboard and the big screen show, in one call. */
export const getStatsOverview = (orgId: string, asOf?: string | null) => http.get<StatsOverview>(`/api/stats/orgs/${orgId}/overview`, { asOf });
/** GET /api/stats/orgs/:id/trend?months= — members at the last `months` month-ends, oldest first, then today. */
export const getStatsTrend = (orgId: string, months: number) => http.get<StatsTrend>(`/api/stats/orgs/${orgId}/trend`, { months });

export const statsKeys = {
  all: ['stats'] as const,
  overview: (orgId: string, asOf: string | null) => ['stats', 'overview', orgId, asOf] as const,
  trend: (orgId: string, months: number) => ['stats', 'trend', orgId, months] as const,
};

/**
 * The dashboard's figures. Kept while the next org or date loads (no blank flash on drill-down); `refetchInterval`
 * is the fallback while the change socket is down.
 */
export function useStatsOverview(orgId: string | null, asOf: string | null, opts: { refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: statsKeys.overview(orgId ?? '', asOf),
    queryFn: () => getStatsOverview(orgId!, asOf),
    enabled: !!orgId,
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === orgId ? prev : undefined),
    refetchInterval: opts.refetchInterval ?? false,
  });
}

/**
 * The member trend: always ends today, whatever date the page shows (month-ends do not depend on `asOf`). Under
 * `statsKeys.all`, so the change socket refetches it with the overview; kept while the next org loads.
 */
export function useStatsTrend(orgId: string | null, months: number, opts: { refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: statsKeys.trend(orgId ?? '', months),
    queryFn: () => getStatsTrend(orgId!, months),
    enabled: !!orgId,
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[2] === orgId ? prev : undefined),
    refetchInterval: opts.refetchInterval ?? false,
  });
}
