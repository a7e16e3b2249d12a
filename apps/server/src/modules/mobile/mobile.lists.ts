import type { z } from 'zod';
import type { MobileCounts, MobileSummaryView, outflowListQuery } from '@xianfeng/contracts/mobile/mobile.schemas';
import type { Ctx } from '../../platform/context.ts';
import { coveredPaths, requirePermission } from '../../platform/access/access.ts';
import { notFound } from '../../platform/http/errors.ts';
import { listSubtreeOrgs } from '../org/org.service.ts';
import { alertSettingsAt, scopePaths } from './mobile.access.ts';
import { countsByBucket, type CountsRow } from './mobile.summary.repository.ts';
import * as repo from './mobile.repository.ts';
import { toOutflowViews } from './mobile.views.ts';

/** Registries per branch and roll-ups upward (any level sees its subtree, one row per child). */

/** GET /api/mobile/outflows — scoped, filtered, paginated. The alert filter uses the thresholds at the picked org. */
export async function listOutflows(ctx: Ctx, q: z.infer<typeof outflowListQuery>) {
  const { paths, rootPath } = await scopePaths(ctx, q.orgId);
  const settingsPath = rootPath ?? paths[0];
  const filter: repo.OutflowFilter = {
    paths,
    status: q.status,
    nameLike: q.q || undefined,
    alert: q.alert && settingsPath ? { kind: q.alert, settings: await alertSettingsAt(ctx, settingsPath), today: ctx.clock.today() } : undefined,
  };
  const [rows, total] = await Promise.all([repo.findOutflows(ctx.db, filter, q.pageSize, (q.page - 1) * q.pageSize), repo.countOutflows(ctx.db, filter)]);
  return { items: await toOutflowViews(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

const zero = (): MobileCounts => ({ away: 0, lostContact: 0, returned: 0, transferred: 0, transferDue: 0, reportDue: 0, certificates: 0, inflowHosted: 0 });
const countsOf = (r: CountsRow | undefined): MobileCounts => {
  const c = zero();
  if (r) for (const k of Object.keys(c) as (keyof MobileCounts)[]) c[k] = Number(r[k]);
  return c;
};
const add = (a: MobileCounts, b: MobileCounts): MobileCounts => {
  const c = { ...a };
  for (const k of Object.keys(c) as (keyof MobileCounts)[]) c[k] += b[k];
  return c;
};

/**
 * GET /api/mobile/summary?orgId= — the picked org's subtree: totals, one row per child org (its whole subtree)
 * and what sits on the org itself. Without orgId, the caller's own (first) org.
 */
export async function summarizeMobile(ctx: Ctx, input: { orgId?: string | undefined }): Promise<MobileSummaryView> {
  const actor = requirePermission(ctx, 'member.read');
  const orgId = input.orgId ?? actor.grants.find((g) => g.orgPath === coveredPaths(actor, 'member.read')[0])?.orgId;
  if (!orgId) throw notFound();
  const { rootPath } = await scopePaths(ctx, orgId);
  const subtree = await listSubtreeOrgs(ctx, rootPath!);
  const root = subtree.find((o) => o.path === rootPath);
  if (!root) throw notFound();
  const settings = await alertSettingsAt(ctx, root.path);
  const buckets = await countsByBucket(ctx.db, { rootPath: root.path, childrenOf: root.id, settings, today: ctx.clock.today() });
  const byBucket = new Map(buckets.map((b) => [b.bucket, countsOf(b)]));
  const children = subtree
    .filter((o) => o.parentId === root.id && o.kind !== 'group')
    .map((o) => ({ orgId: o.id, orgName: o.name, kind: o.kind, counts: byBucket.get(o.id) ?? zero() }));
  // A dissolved child left out of the live tree still has its rows counted in the totals: show it if it has any.
  for (const b of buckets) if (b.bucket && !children.some((c) => c.orgId === b.bucket)) children.push({ orgId: b.bucket, orgName: '（已撤销的党组织）', kind: 'branch', counts: countsOf(b) });
  const direct = byBucket.get(null) ?? zero();
  return {
    orgId: root.id,
    orgName: root.name,
    totals: children.reduce((acc, c) => add(acc, c.counts), direct),
    direct,
    children,
    settings,
  };
}

/**
 * For the statistics module: a subtree's registries now — outflow by status, hosted inflow members, lost
 * contact, open 活动证s. No permission check: the statistics module scopes its callers.
 */
export async function mobileFiguresForStatistics(ctx: Ctx, input: { path: string }) {
  const settings = await alertSettingsAt(ctx, input.path);
  const [r] = await countsByBucket(ctx.db, { rootPath: input.path, childrenOf: null, settings, today: ctx.clock.today() });
  const c = countsOf(r);
  return {
    outflowByStatus: { away: c.away, lost_contact: c.lostContact, returned: c.returned, transferred: c.transferred },
    outflowOpen: c.away + c.lostContact,
    inflowHosted: c.inflowHosted,
    lostContact: c.lostContact,
    transferDue: c.transferDue,
    certificates: c.certificates,
  };
}
