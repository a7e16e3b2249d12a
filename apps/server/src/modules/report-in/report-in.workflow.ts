import { randomUUID } from 'node:crypto';
import type { RegisterBody, ReportInView } from '@xianfeng/contracts/report-in/report-in.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/http/errors.ts';
import { endHosting, findMemberBrief, startHosting } from '../member/member.service.ts';
import { loadOwnUnit, loadReportIn, type Loaded } from './report-in.access.ts';
import * as menuRepo from './report-in.menu.repository.ts';
import { notifyCommunity, notifyConfirmed, notifyDeclined } from './report-in.notify.ts';
import * as repo from './report-in.repository.ts';
import { checkIdNumber, isCommunityOrg } from './report-in.rules.ts';
import { encryptPii, viewReportIn } from './report-in.views.ts';

/**
 * 双报到 workflow (practice.md §2.4): the unit registers, the community confirms with a 回执 (the member becomes a
 * hosted member of the community, never moved) or declines with a reason; the unit or the community ends it.
 * Every act is one transaction with its audit event.
 */

export type RegisterInput = Omit<RegisterBody, 'unitId'>;

/**
 * One registration inside the caller's transaction; the single endpoint and the import share it. The person is
 * matched to their platform file by the ID number's blind index; the name must agree with the file.
 */
export async function registerOne(tx: Ctx, unit: repo.UnitRow, input: RegisterInput, opts: { audit: boolean }): Promise<{ id: string; community: repo.CommunityRow }> {
  const today = tx.clock.today();
  const checked = checkIdNumber(input.idNumber, today);
  if ('problem' in checked) throw fieldError('REPORT_IN_ID_NUMBER_INVALID', 'idNumber', checked.problem);
  const community = await repo.findCommunityCandidate(tx.db, input.communityOrgId);
  if (!community) throw fieldError('NOT_FOUND', 'communityOrgId', '报到社区不存在');
  if (!isCommunityOrg(community)) throw fieldError('REPORT_IN_COMMUNITY_INVALID', 'communityOrgId');
  const idx = tx.crypto.blindIndex('idNumber', checked.idNumber);
  await repo.lockPerson(tx.db, idx);
  if (await repo.findOpenByIdx(tx.db, idx)) throw fieldError('REPORT_IN_DUPLICATE', 'idNumber');
  const member = await repo.findMemberByIdx(tx.db, idx);
  // The file's name is not echoed: the unit proves it knows the person, it does not learn who is on the platform.
  if (member && member.name !== input.name) throw fieldError('REPORT_IN_NAME_MISMATCH', 'name');
  if (member && member.state !== 'active') throw fieldError('REPORT_IN_ID_NUMBER_INVALID', 'idNumber', '平台档案显示该党员不在册（已出党或停止党籍），不能报到');
  const id = randomUUID();
  await repo.insertReportIn(tx.db, { id, unitId: unit.id, memberId: member?.id ?? null, name: input.name, ...encryptPii(tx, id, { idNumber: checked.idNumber, phone: input.phone ?? null }), communityOrgId: community.id, registeredOn: today, at: tx.clock.now() });
  if (opts.audit) {
    await writeAudit(tx, { action: 'report_in.register', targetType: 'report_in', targetId: id, targetOrgPath: community.path, details: { unitId: unit.id, communityOrgId: community.id, onPlatform: !!member } });
  }
  return { id, community };
}

/** POST /api/report-in — by the unit's admin. */
export async function registerReportIn(ctx: Ctx, input: RegisterBody): Promise<ReportInView> {
  const { unitId, ...row } = input;
  try {
    const id = await inTransaction(ctx, async (tx) => {
      const unit = await loadOwnUnit(tx, unitId);
      const r = await registerOne(tx, unit, row, { audit: true });
      await notifyCommunity(tx, { communityOrgId: r.community.id, communityName: r.community.name, unitName: unit.name, count: 1, dedupeKey: `report-in-pending:${r.id}` });
      return r.id;
    });
    return viewReportIn(ctx, id);
  } catch (err) {
    // Two registrations of one person at once: the partial unique index lets one through.
    if (isUniqueViolation(err)) throw fieldError('REPORT_IN_DUPLICATE', 'idNumber');
    throw err;
  }
}

/** The community's act: staff with member.write over the community; anyone else who sees it gets 403. */
async function loadForCommunity(tx: Ctx, id: string): Promise<Loaded> {
  const l = await loadReportIn(tx, id, true);
  if (!l.sides.communityWrite) throw forbidden();
  return l;
}

const actingFor = (tx: Ctx, l: Loaded) => (l.sides.communityWrite ? (coveringGrant(tx.actor, 'member.write', l.r.communityPath)?.orgId ?? null) : null);

/** POST /api/report-in/:id/confirm — the 回执: the member becomes a hosted member of the community. */
export async function confirmReportIn(ctx: Ctx, input: { id: string }): Promise<ReportInView> {
  await inTransaction(ctx, async (tx) => {
    const l = await loadForCommunity(tx, input.id);
    if (l.r.status !== 'registered') throw new AppError('REPORT_IN_NOT_ACTIONABLE');
    const today = tx.clock.today();
    await repo.updateReportIn(tx.db, l.r.id, { status: 'confirmed', confirmedOn: today }, tx.clock.now());
    const home = l.r.memberId ? await findMemberBrief(tx, l.r.memberId) : undefined;
    await startHosting(tx, { hostOrgId: l.r.communityOrgId, memberId: l.r.memberId, kind: 'report_in', sourceId: l.r.id, name: l.r.name, homeOrgName: home?.orgName ?? l.r.unitName, startedOn: today });
    await writeAudit(tx, { action: 'report_in.confirm', targetType: 'report_in', targetId: l.r.id, targetOrgPath: l.r.communityPath, actingForOrgId: actingFor(tx, l), details: { unitId: l.r.unitId } });
    await notifyConfirmed(tx, l.r);
  });
  return viewReportIn(ctx, input.id);
}

/** POST /api/report-in/:id/decline — not living here, or not this community's: the unit may register again elsewhere. */
export async function declineReportIn(ctx: Ctx, input: { id: string; reason: string }): Promise<ReportInView> {
  await inTransaction(ctx, async (tx) => {
    const l = await loadForCommunity(tx, input.id);
    if (l.r.status !== 'registered') throw new AppError('REPORT_IN_NOT_ACTIONABLE');
    await repo.updateReportIn(tx.db, l.r.id, { status: 'declined', declineReason: input.reason }, tx.clock.now());
    await writeAudit(tx, { action: 'report_in.decline', targetType: 'report_in', targetId: l.r.id, targetOrgPath: l.r.communityPath, actingForOrgId: actingFor(tx, l), details: { reason: input.reason } });
    await notifyDeclined(tx, l.r, input.reason);
  });
  return viewReportIn(ctx, input.id);
}

/**
 * POST /api/report-in/:id/end — the member moved, changed job or retired (the unit or the community), or the unit
 * withdraws a registration not yet confirmed. Hosting ends and open claims are released in the same transaction.
 */
export async function endReportIn(ctx: Ctx, input: { id: string; reason: string }): Promise<ReportInView> {
  await inTransaction(ctx, async (tx) => {
    const l = await loadReportIn(tx, input.id, true);
    const allowed = l.r.status === 'confirmed' ? l.sides.unit || l.sides.communityWrite : l.r.status === 'registered' && l.sides.unit;
    if (!allowed) throw l.r.status === 'confirmed' || l.r.status === 'registered' ? forbidden() : new AppError('REPORT_IN_NOT_ACTIONABLE');
    const today = tx.clock.today();
    const now = tx.clock.now();
    await repo.updateReportIn(tx.db, l.r.id, { status: 'ended', endedOn: today }, now);
    await endHosting(tx, { sourceId: l.r.id, endedOn: today });
    const released = await menuRepo.releaseClaims(tx.db, { reportInId: l.r.id, at: now });
    await writeAudit(tx, {
      action: 'report_in.end',
      targetType: 'report_in',
      targetId: l.r.id,
      targetOrgPath: l.r.communityPath,
      actingForOrgId: l.sides.unit ? null : actingFor(tx, l),
      details: { reason: input.reason, from: l.r.status, releasedClaims: released },
    });
  });
  return viewReportIn(ctx, input.id);
}

/** GET /api/report-in/:id */
export function getReportIn(ctx: Ctx, input: { id: string }): Promise<ReportInView> {
  requireActor(ctx);
  return viewReportIn(ctx, input.id);
}

/** Links the member's registrations made before their file reached the platform (matched by the blind index). */
export async function linkOwnRegistrations(ctx: Ctx): Promise<void> {
  const memberId = ctx.actor?.memberId;
  if (!memberId) throw notFound();
  const idx = await repo.memberIdxOf(ctx.db, memberId);
  const unlinked = idx ? await repo.findUnlinkedByIdx(ctx.db, idx) : [];
  if (unlinked.length === 0) return;
  await inTransaction(ctx, async (tx) => {
    await repo.linkMember(tx.db, unlinked.map((u) => u.id), memberId);
    await writeAudit(tx, { action: 'report_in.link_member', targetType: 'member', targetId: memberId, details: { registrations: unlinked.length } });
  });
}
