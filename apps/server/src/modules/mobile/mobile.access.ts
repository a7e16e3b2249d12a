import type { Permission } from '@xianfeng/contracts/account/account.permissions';
import type { Ctx } from '../../platform/context.ts';
import { can, coveredPaths, coveringGrant, requireActor, requirePermission } from '../../platform/access/access.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findOrg } from '../org/org.service.ts';
import { getEffectiveSetting, settingsResolverForSubtree } from '../settings/settings.service.ts';
import type { AlertSettings } from './mobile.rules.ts';
import * as repo from './mobile.repository.ts';

/**
 * Who sees what (no new permission strings): the registries belong to the member's branch, so staff holding
 * member.read over it read them and member.write keeps them; the member reads their own registration and
 * 活动证. Anyone else gets 404 — the registration's existence is not disclosed.
 */

export const who = (ctx: Ctx) => ({ accountId: ctx.actor?.accountId ?? null, name: ctx.actor ? (ctx.actor.displayName ?? ctx.actor.username) : null });

/** The org the actor acted for (an ancestor's grant acting on a branch's registry is recorded as such). */
export const actingFor = (ctx: Ctx, permission: Permission, path: string) => coveringGrant(ctx.actor, permission, path)?.orgId ?? null;

export async function loadOutflow(ctx: Ctx, id: string, opts: { write?: boolean; forUpdate?: boolean } = {}): Promise<repo.OutflowRow> {
  const actor = requireActor(ctx);
  const row = await repo.findOutflow(ctx.db, id, opts.forUpdate ?? false);
  if (!row) throw notFound();
  const self = !opts.write && actor.memberId === row.memberId;
  if (!self && !can(actor, opts.write ? 'member.write' : 'member.read', row.orgPath)) throw notFound();
  return row;
}

/**
 * The subtrees a list covers: the picked org (404 when missing or out of scope), else everything the caller
 * holds the permission over (403 when nowhere).
 */
export async function scopePaths(ctx: Ctx, orgId: string | undefined, permission: Permission = 'member.read'): Promise<{ paths: string[]; rootPath: string | null }> {
  const actor = requirePermission(ctx, permission);
  if (!orgId) return { paths: coveredPaths(actor, permission), rootPath: null };
  const org = await findOrg(ctx, orgId);
  if (!org || !can(actor, permission, org.path)) throw notFound();
  return { paths: [org.path], rootPath: org.path };
}

/** The alert thresholds in force at an org (nearest ancestor's setting, else the regulation's value). */
export async function alertSettingsAt(ctx: Ctx, orgPath: string): Promise<AlertSettings> {
  const [fixedPlaceTransferMonths, lostContactMonths, reportIntervalMonths] = await Promise.all([
    getEffectiveSetting(ctx, orgPath, 'mobile.fixedPlaceTransferMonths'),
    getEffectiveSetting(ctx, orgPath, 'mobile.lostContactMonths'),
    getEffectiveSetting(ctx, orgPath, 'mobile.reportIntervalMonths'),
  ]);
  return { fixedPlaceTransferMonths, lostContactMonths, reportIntervalMonths };
}

const KEYS = ['mobile.fixedPlaceTransferMonths', 'mobile.lostContactMonths', 'mobile.reportIntervalMonths'] as const;

/** The deepest org path covering all of `paths` ('/1/5/7/' and '/1/5/9/' → '/1/5/'); null when they share no root. */
export function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let segs = paths[0]!.split('/').filter(Boolean);
  for (const p of paths.slice(1)) {
    const other = p.split('/').filter(Boolean);
    let n = 0;
    while (n < segs.length && segs[n] === other[n]) n += 1;
    segs = segs.slice(0, n);
  }
  return segs.length ? `/${segs.join('/')}/` : null;
}

/**
 * Settings per org path (lists and the scan), set-based: one `settingsResolverForSubtree` query per top-level
 * tree the paths lie in (normally one), not three lookups per distinct path.
 */
export async function alertSettingsFor(ctx: Ctx, paths: string[]): Promise<Map<string, AlertSettings>> {
  const distinct = [...new Set(paths)];
  const byTree = new Map<string, string[]>();
  for (const p of distinct) {
    const top = p.slice(0, p.indexOf('/', 1) + 1);
    byTree.set(top, [...(byTree.get(top) ?? []), p]);
  }
  const out = new Map<string, AlertSettings>();
  for (const group of byTree.values()) {
    const resolve = await settingsResolverForSubtree(ctx, commonPath(group)!, KEYS);
    for (const p of group) {
      const v = resolve(p);
      out.set(p, { fixedPlaceTransferMonths: v['mobile.fixedPlaceTransferMonths'], lostContactMonths: v['mobile.lostContactMonths'], reportIntervalMonths: v['mobile.reportIntervalMonths'] });
    }
  }
  return out;
}
