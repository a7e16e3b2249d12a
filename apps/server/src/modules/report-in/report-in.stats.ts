import type { ReportInFigures, ReportInStatsView } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { coveredPaths, holdsAnywhere, requireActor } from '../../platform/access/access.ts';
import { fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { findOrg, findOrgForActor, listSubtreeOrgs } from '../org/org.service.ts';
import { unitIdsOf } from './report-in.access.ts';
import * as menuRepo from './report-in.menu.repository.ts';
import type { Scope } from './report-in.repository.ts';
import { addFigures, emptyFigures, rollUp } from './report-in.rules.ts';

/**
 * 报到统计 by unit and by community over a period: registered, confirmed, still pending, active (≥ 1 approved
 * service in the period) and approved service time. Staff see the communities of one org's subtree (theirs by
 * default) with its children rolled up; a unit sees its own members wherever they report.
 */

const pick = (r: menuRepo.FigureRow): ReportInFigures => ({ registered: r.registered, confirmed: r.confirmed, pending: r.pending, active: r.active, serviceMinutes: r.serviceMinutes });

async function staffRoot(ctx: Ctx, orgId: string | undefined) {
  if (orgId) return findOrgForActor(ctx, orgId, 'member.read');
  const first = coveredPaths(ctx.actor, 'member.read')[0]!;
  const grant = ctx.actor!.grants.find((g) => g.orgPath === first)!;
  const org = await findOrg(ctx, grant.orgId);
  if (!org) throw notFound();
  return org;
}

/** GET /api/report-in/stats?orgId=&from=&to= */
export async function reportInStats(ctx: Ctx, input: { orgId?: string | undefined; from: string; to: string }): Promise<ReportInStatsView> {
  const actor = requireActor(ctx);
  if (input.from > input.to) throw fieldError('VALIDATION_FAILED', 'to', '结束日期不能早于开始日期');
  let scope: Scope;
  let children: { id: string; name: string; path: string }[] = [];
  if (holdsAnywhere(actor, 'member.read')) {
    const root = await staffRoot(ctx, input.orgId);
    scope = { unitIds: [], paths: [root.path] };
    children = (await listSubtreeOrgs(ctx, root.path)).filter((o) => o.parentId === root.id && o.kind !== 'group');
  } else {
    const unitIds = await unitIdsOf(ctx);
    if (unitIds.length === 0) throw forbidden();
    if (input.orgId) throw notFound();
    scope = { unitIds, paths: [] };
  }
  const byCommunity = await menuRepo.figures(ctx.db, { scope, from: input.from, to: input.to, by: 'community' });
  const byUnit = await menuRepo.figures(ctx.db, { scope, from: input.from, to: input.to, by: 'unit' });
  const communityFigures = byCommunity.map((c) => ({ ...pick(c), path: c.path }));
  const byOrg = rollUp(children, communityFigures).filter((o) => o.figures.registered > 0 || o.figures.serviceMinutes > 0);
  return {
    from: input.from,
    to: input.to,
    totals: byCommunity.reduce((acc, c) => addFigures(acc, pick(c)), emptyFigures()),
    byOrg: byOrg.map((o) => ({ orgId: o.id, orgName: o.name, ...o.figures })),
    byCommunity: byCommunity.map((c) => ({ orgId: c.key, orgName: c.label, ...pick(c) })),
    byUnit: byUnit.map((u) => ({ unitId: u.key, unitName: u.label, ...pick(u) })),
  };
}

/**
 * For the statistics module: the figures of registrations to communities inside a subtree over [from, to]. No
 * permission check — the statistics module scopes its callers.
 */
export async function reportInFiguresForStatistics(ctx: Ctx, input: { path: string; from: string; to: string }): Promise<ReportInFigures & { units: number }> {
  const scope = { unitIds: [], paths: [input.path] };
  const byUnit = await menuRepo.figures(ctx.db, { scope, from: input.from, to: input.to, by: 'unit' });
  return { ...byUnit.reduce((acc, u) => addFigures(acc, pick(u)), emptyFigures()), units: byUnit.length };
}
