import type { z } from 'zod';
import type { ReportInMineView, reportInListQuery } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { can, coveredPaths, requireActor } from '../../platform/access/access.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { scopeOf, sidesOf, unitIdsOf } from './report-in.access.ts';
import * as menuRepo from './report-in.menu.repository.ts';
import * as repo from './report-in.repository.ts';
import { toPost, toReportInView, toSummaries } from './report-in.views.ts';
import { linkOwnRegistrations } from './report-in.workflow.ts';

/**
 * Lists: the unit sees its own registrations in every community (never another unit's); community staff see
 * registrations to the communities of their subtrees, from any unit. Filters naming something out of scope: 404.
 */
export async function listScope(ctx: Ctx, f: { unitId?: string | undefined; communityOrgId?: string | undefined }): Promise<repo.Scope> {
  requireActor(ctx);
  const scope = await scopeOf(ctx);
  if (scope.unitIds.length === 0 && scope.paths.length === 0) throw forbidden();
  if (f.unitId && !scope.unitIds.includes(f.unitId) && (scope.paths.length === 0 || !(await repo.findUnit(ctx.db, f.unitId)))) throw notFound();
  if (f.communityOrgId) {
    const c = await repo.findCommunityCandidate(ctx.db, f.communityOrgId);
    if (!c || (scope.unitIds.length === 0 && !can(ctx.actor, 'member.read', c.path))) throw notFound();
  }
  return scope;
}

/** GET /api/report-in */
export async function listReportIns(ctx: Ctx, q: z.infer<typeof reportInListQuery>) {
  const scope = await listScope(ctx, q);
  const filter: repo.ListFilter = { scope, unitId: q.unitId, communityOrgId: q.communityOrgId, status: q.status, q: q.q };
  const [items, total] = [await repo.findReportIns(ctx.db, filter, q.pageSize, (q.page - 1) * q.pageSize), await repo.countReportIns(ctx.db, filter)];
  return { items: await toSummaries(ctx, items), total, page: q.page, pageSize: q.pageSize };
}

/** GET /api/report-in/inbox — the community's badge: registrations to confirm and service logs to review. */
export async function reportInInbox(ctx: Ctx) {
  requireActor(ctx);
  return repo.inboxCounts(ctx.db, coveredPaths(ctx.actor, 'member.write'));
}

/**
 * GET /api/report-in/mine — the member's registrations (matched to their file by ID number, linked on first
 * sight) with their community's open menu.
 */
export async function myReportIns(ctx: Ctx): Promise<ReportInMineView> {
  const actor = requireActor(ctx);
  if (!actor.memberId) return { items: [] };
  await linkOwnRegistrations(ctx);
  const mine = await repo.findReportInsOfMember(ctx.db, actor.memberId);
  const unitIds = await unitIdsOf(ctx);
  const items = [];
  for (const r of mine) {
    const view = await toReportInView(ctx, { r, sides: sidesOf(ctx, r, unitIds) });
    const menu = r.status === 'confirmed' ? (await menuRepo.findPosts(ctx.db, r.communityOrgId, false)).map(toPost) : [];
    items.push({ ...view, menu });
  }
  return { items };
}
