import type { StatsOverview } from '@xianfeng/contracts/stats/stats.schemas';
import type { Ctx } from '../../platform/context.ts';
import { childStatisticsOf, loadStatsOrg, memberFiguresWithPyramidOf, orgStatisticsOf, resolveAsOf, type StatsOrg } from './stats.figures.ts';
import { moduleFiguresOf } from './stats.modules.ts';
import { warningsOf } from './stats.warnings.ts';

/** The whole dashboard of one org's subtree as of a date, without a permission check (the caller scopes). */
export async function overviewOf(ctx: Ctx, input: { org: StatsOrg; asOf: string }): Promise<StatsOverview> {
  const { org, asOf } = input;
  const { members, agePyramid } = await memberFiguresWithPyramidOf(ctx, input);
  const orgs = await orgStatisticsOf(ctx, input);
  const children = await childStatisticsOf(ctx, input);
  const modules = await moduleFiguresOf(ctx, input);
  // Warnings are about now: a past date shows none.
  const warnings = asOf >= ctx.clock.today() ? await warningsOf(ctx, { org, modules }) : [];
  const sum = (k: 'total' | 'full' | 'probationary') => children.reduce((a, c) => a + c[k], 0);
  return {
    org: { id: org.id, name: org.name, kind: org.kind },
    asOf,
    members,
    orgs,
    // Members the org holds itself (a general branch may): what its children do not account for.
    direct: {
      total: Math.max(0, members.total - sum('total')),
      full: Math.max(0, members.byStatus.full - sum('full')),
      probationary: Math.max(0, members.byStatus.probationary - sum('probationary')),
    },
    children,
    warnings,
    modules,
    agePyramid,
  };
}

/** GET /api/stats/orgs/:id/overview?asOf= — the dashboard's one call, scoped to the caller's `stats.read` subtrees. */
export async function getStatsOverview(ctx: Ctx, input: { orgId: string; asOf?: string | undefined }): Promise<StatsOverview> {
  const org = await loadStatsOrg(ctx, input.orgId);
  return overviewOf(ctx, { org, asOf: resolveAsOf(ctx, input.asOf) });
}
