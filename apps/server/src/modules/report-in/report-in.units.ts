import type { z } from 'zod';
import type { CommunityEntry, UnitView, createUnitBody, unitAdminBody } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { coveredPaths, coveringGrant, holdsAnywhere, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { createAccount } from '../account/account.service.ts';
import { temporaryPassword } from '../account/account.admin.service.ts';
import { findOrg } from '../org/org.service.ts';
import { scopeOf, unitIdsOf } from './report-in.access.ts';
import * as repo from './report-in.repository.ts';
import { isValidCreditCode } from './report-in.rules.ts';

/**
 * 报到单位 and their admin accounts. An org admin (account.write) registers a unit with its first admin account of
 * kind `work_unit_admin`: no grant, no org scope — the account acts only for the units linked to it. The password
 * is answered once, as for any account the account module creates.
 */

/** The admin account, its password and the link; username clashes are reported on `admin.username`. */
async function createAdmin(tx: Ctx, v: { unitId: string; username: string; displayName: string; password: string }): Promise<string> {
  let accountId: string;
  try {
    accountId = (await createAccount(tx, { username: v.username, kind: 'work_unit_admin', password: v.password, displayName: v.displayName })).id;
  } catch (err) {
    if (err instanceof AppError && err.code === 'ACCOUNT_USERNAME_TAKEN') throw fieldError('ACCOUNT_USERNAME_TAKEN', 'admin.username');
    throw err;
  }
  await repo.insertUnitAdmin(tx.db, { accountId, unitId: v.unitId });
  return accountId;
}

/** Where the creating admin acted: the nearest org of their account.write grants (audit's acting-for level). */
function anchorOf(ctx: Ctx) {
  const path = coveredPaths(ctx.actor, 'account.write')[0] ?? null;
  return { targetOrgPath: path, actingForOrgId: path ? (coveringGrant(ctx.actor, 'account.write', path)?.orgId ?? null) : null };
}

/** The unit and its admin with a given password: the endpoint passes a fresh temporary one, the demo seed its known one. */
export async function createUnitWithAdmin(ctx: Ctx, input: z.infer<typeof createUnitBody>, password: string): Promise<{ unitId: string; accountId: string }> {
  requirePermission(ctx, 'account.write');
  const creditCode = input.creditCode || null;
  if (creditCode && !isValidCreditCode(creditCode)) throw fieldError('REPORT_IN_UNIT_CREDIT_CODE_INVALID', 'creditCode');
  return inTransaction(ctx, async (tx) => {
    if (input.orgId) {
      const org = await findOrg(tx, input.orgId);
      if (!org || org.dissolvedOn) throw fieldError('NOT_FOUND', 'orgId', '单位党组织不存在或已撤销');
    }
    if (creditCode && (await repo.findUnitByCreditCode(tx.db, creditCode))) throw fieldError('REPORT_IN_UNIT_CREDIT_CODE_TAKEN', 'creditCode');
    const unitId = await repo.insertUnit(tx.db, { name: input.name, creditCode, orgId: input.orgId ?? null, at: tx.clock.now() });
    const accountId = await createAdmin(tx, { unitId, username: input.admin.username, displayName: input.admin.displayName, password });
    await writeAudit(tx, { action: 'report_in.unit.create', targetType: 'report_unit', targetId: unitId, ...anchorOf(tx), details: { name: input.name, admin: input.admin.username } });
    return { unitId, accountId };
  });
}

/** POST /api/report-in/units */
export async function createUnit(ctx: Ctx, input: z.infer<typeof createUnitBody>) {
  const password = temporaryPassword(input.admin.username);
  const { unitId, accountId } = await createUnitWithAdmin(ctx, input, password);
  return { unit: await getUnit(ctx, { id: unitId }), admin: { accountId, username: input.admin.username, temporaryPassword: password } };
}

/** POST /api/report-in/units/:id/admins — another admin account for a unit (e.g. a successor). */
export async function addUnitAdmin(ctx: Ctx, input: { unitId: string } & z.infer<typeof unitAdminBody>) {
  requirePermission(ctx, 'account.write');
  const password = temporaryPassword(input.username);
  const accountId = await inTransaction(ctx, async (tx) => {
    if (!(await repo.findUnit(tx.db, input.unitId))) throw notFound();
    const id = await createAdmin(tx, { unitId: input.unitId, username: input.username, displayName: input.displayName, password });
    await writeAudit(tx, { action: 'report_in.unit.admin', targetType: 'report_unit', targetId: input.unitId, ...anchorOf(tx), details: { admin: input.username } });
    return id;
  });
  return { unit: await getUnit(ctx, { id: input.unitId }), admin: { accountId, username: input.username, temporaryPassword: password } };
}

/** Staff (member.read or account.write anywhere) see every unit, like the org directory; unit admins their own. */
async function visibleUnitIds(ctx: Ctx): Promise<string[] | null> {
  const actor = requireActor(ctx);
  if (holdsAnywhere(actor, 'member.read') || holdsAnywhere(actor, 'account.write')) return null;
  const own = await unitIdsOf(ctx);
  if (own.length === 0) throw forbidden();
  return own;
}

async function toViews(ctx: Ctx, units: repo.UnitRow[]): Promise<UnitView[]> {
  const ids = units.map((u) => u.id);
  const counts = new Map((await repo.unitCounts(ctx.db, ids, await scopeOf(ctx))).map((c) => [c.unitId, c]));
  const own = new Set(await unitIdsOf(ctx));
  const admins = await repo.adminsOfUnits(ctx.db, ids);
  const showAdmins = (unitId: string) => own.has(unitId) || holdsAnywhere(ctx.actor, 'account.write');
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    creditCode: u.creditCode,
    orgId: u.orgId,
    orgName: u.orgName,
    createdAt: new Date(u.createdAt).toISOString(),
    admins: showAdmins(u.id) ? admins.filter((a) => a.unitId === u.id).map((a) => ({ accountId: a.accountId, username: a.username, displayName: a.displayName })) : [],
    figures: { registered: counts.get(u.id)?.registered ?? 0, confirmed: counts.get(u.id)?.confirmed ?? 0, pending: counts.get(u.id)?.pending ?? 0 },
  }));
}

/** GET /api/report-in/units */
export async function listUnits(ctx: Ctx): Promise<UnitView[]> {
  return toViews(ctx, await repo.findUnits(ctx.db, await visibleUnitIds(ctx)));
}

/** GET /api/report-in/units/:id — another unit's admin gets 404. */
export async function getUnit(ctx: Ctx, input: { id: string }): Promise<UnitView> {
  const visible = await visibleUnitIds(ctx);
  const unit = !visible || visible.includes(input.id) ? await repo.findUnit(ctx.db, input.id) : undefined;
  if (!unit) throw notFound();
  return (await toViews(ctx, [unit]))[0]!;
}

/**
 * GET /api/report-in/communities — residence communities to report to: any, for unit admins and staff (the org
 * directory's audience); with `mine`, those inside the caller's member.read subtrees (the community screens).
 */
export async function listCommunities(ctx: Ctx, input: { q: string; mine?: 'true' | 'false' | undefined }): Promise<CommunityEntry[]> {
  const actor = requireActor(ctx);
  const mine = input.mine === 'true';
  if (mine ? !holdsAnywhere(actor, 'member.read') : !holdsAnywhere(actor, 'org.directory.read') && (await unitIdsOf(ctx)).length === 0) throw forbidden();
  const found = await repo.searchCommunities(ctx.db, input.q, mine ? coveredPaths(actor, 'member.read') : null, 50);
  return found.map((c) => ({ id: c.id, code: c.code, name: c.name, parentName: c.parentName }));
}
