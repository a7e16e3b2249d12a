import { can, coveredPaths, requireActor } from '../../platform/access/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Sides } from './report-in.rules.ts';
import * as repo from './report-in.repository.ts';

/**
 * Who sees a registration: the work unit's admins (accounts linked in report_unit_admin, never by org grants),
 * staff covering the community (member.read to see, member.write to act — the permissions of the member file
 * the hosted relation belongs to), and the member themself. Everyone else gets 404.
 */

/** The units the caller administers (a work-unit admin account; any account linked to a unit). */
export async function unitIdsOf(ctx: Ctx): Promise<string[]> {
  return ctx.actor ? repo.unitIdsOfAccount(ctx.db, ctx.actor.accountId) : [];
}

/** Lists and counts: the caller's units, and communities inside the caller's member.read subtrees. */
export async function scopeOf(ctx: Ctx): Promise<repo.Scope> {
  return { unitIds: await unitIdsOf(ctx), paths: coveredPaths(ctx.actor, 'member.read') };
}

export function sidesOf(ctx: Ctx, r: repo.ReportInRow, unitIds: string[]): Sides {
  const a = ctx.actor;
  return {
    unit: unitIds.includes(r.unitId),
    communityRead: can(a, 'member.read', r.communityPath),
    communityWrite: can(a, 'member.write', r.communityPath),
    self: !!a?.memberId && a.memberId === r.memberId,
  };
}

export const seesIt = (s: Sides) => s.unit || s.communityRead || s.self;

export interface Loaded {
  r: repo.ReportInListRow;
  sides: Sides;
}

/** A registration the caller may see (locked for update when asked), or 404. */
export async function loadReportIn(ctx: Ctx, id: string, forUpdate = false): Promise<Loaded> {
  requireActor(ctx);
  const r = await repo.findReportIn(ctx.db, id, forUpdate);
  if (!r) throw notFound();
  const sides = sidesOf(ctx, r, await unitIdsOf(ctx));
  if (!seesIt(sides)) throw notFound();
  return { r, sides };
}

/** A unit the caller administers, or 404 (another unit's data does not exist for them). */
export async function loadOwnUnit(ctx: Ctx, unitId: string): Promise<repo.UnitRow> {
  requireActor(ctx);
  const unit = (await unitIdsOf(ctx)).includes(unitId) ? await repo.findUnit(ctx.db, unitId) : undefined;
  if (!unit) throw notFound();
  return unit;
}

/** The actor's name as recorded on decisions. */
export const actorName = (ctx: Ctx) => (ctx.actor ? (ctx.actor.displayName ?? ctx.actor.username) : null);
