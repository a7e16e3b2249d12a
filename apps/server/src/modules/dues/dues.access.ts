import type { Permission } from '@xianfeng/contracts/account/account.permissions';
import type { DuesPolicy } from './dues.rules.ts';
import type { Ctx } from '../../platform/context.ts';
import { can, requireActor, requirePermission } from '../../platform/access/access.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { findOrgForActor } from '../org/org.service.ts';
import { getEffectiveSetting, settingsResolverForSubtree } from '../settings/settings.service.ts';
import * as repo from './dues.repository.ts';

/** Scope checks and settings shared by the dues use cases: 403 without the permission anywhere, 404 outside the caller's subtree. */

/** A member the caller may act on for dues: covered by `permission`, or the caller's own file when `self` is allowed. */
export async function loadDuesMember(ctx: Ctx, memberId: string, permission: Permission, opts: { self?: boolean } = {}): Promise<repo.DuesMemberRow & { isSelf: boolean }> {
  const actor = requireActor(ctx);
  const isSelf = !!opts.self && actor.memberId === memberId;
  if (!isSelf) requirePermission(ctx, permission);
  const m = await repo.findDuesMember(ctx.db, memberId);
  if (!m) throw notFound();
  if (isSelf || can(actor, permission, m.orgPath)) return { ...m, isSelf };
  throw notFound();
}

/** An org the caller covers with `permission`; 党小组 hold no dues of their own (members pay to the branch, 2008 第九条). */
export async function loadDuesOrg(ctx: Ctx, orgId: string, permission: Permission) {
  requirePermission(ctx, permission);
  const org = await findOrgForActor(ctx, orgId, permission);
  if (org.kind === 'group') throw new AppError('DUES_ORG_KIND_INVALID');
  return org;
}

export const policyKeys = ['dues.farmerMonthlyFen', 'dues.capEnabled', 'dues.capFen', 'dues.baseRule', 'dues.backPaymentMonths', 'dues.reminderMonths'] as const;

export interface DuesSettings extends DuesPolicy {
  baseRule: '2008' | '2017';
  backPaymentMonths: number;
  reminderMonths: number;
}

function toSettings(v: { [K in (typeof policyKeys)[number]]: unknown }): DuesSettings {
  return {
    farmerMonthlyFen: v['dues.farmerMonthlyFen'] as number,
    capFen: v['dues.capEnabled'] ? (v['dues.capFen'] as number) : null,
    baseRule: v['dues.baseRule'] as '2008' | '2017',
    backPaymentMonths: v['dues.backPaymentMonths'] as number,
    reminderMonths: v['dues.reminderMonths'] as number,
  };
}

/** The dues settings effective at one org. */
export async function duesSettingsAt(ctx: Ctx, orgPath: string): Promise<DuesSettings> {
  const entries = await Promise.all(policyKeys.map(async (k) => [k, await getEffectiveSetting(ctx, orgPath, k)] as const));
  return toSettings(Object.fromEntries(entries) as { [K in (typeof policyKeys)[number]]: unknown });
}

/** The dues settings of every org of a subtree, resolved with one query. */
export async function duesSettingsForSubtree(ctx: Ctx, rootPath: string): Promise<(orgPath: string) => DuesSettings> {
  const resolve = await settingsResolverForSubtree(ctx, rootPath, policyKeys);
  const cache = new Map<string, DuesSettings>();
  return (orgPath) => {
    let s = cache.get(orgPath);
    if (!s) cache.set(orgPath, (s = toSettings(resolve(orgPath))));
    return s;
  };
}

/** Who did it, as stored with ledger rows. */
export function recorder(ctx: Ctx): { accountId: string | null; name: string | null } {
  const a = ctx.actor;
  return { accountId: a?.accountId ?? null, name: a ? (a.displayName ?? a.username) : null };
}
