import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { endOutflowBody, lostContactBody, OutflowDetailView, RegisterOutflowInput, reportBody, UpdateOutflowInput } from '@xianfeng/contracts/mobile/mobile.schemas';
import { registerOutflowBody } from '@xianfeng/contracts/mobile/mobile.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { endHosting, findMemberBrief, lockMemberPlacement, updateMember } from '../member/member.service.ts';
import { findOrg } from '../org/org.service.ts';
import { actingFor, loadOutflow, who } from './mobile.access.ts';
import { isOpen, outflowDateProblem, withinOutflow } from './mobile.rules.ts';
import * as inRepo from './mobile.inflow.repository.ts';
import * as repo from './mobile.repository.ts';
import { aad, viewOutflow } from './mobile.views.ts';

/**
 * The outflow registry (党员教育管理工作条例 第三十二条): the member's branch registers a member going away, keeps
 * in touch and records their reports, marks lost contact, and ends the registration when they return or
 * their relation is transferred. Each act is one transaction with its audit event.
 */

/** The inflow org on the platform, if named: live, and not the member's own branch. */
async function checkInflowOrg(tx: Ctx, inflowOrgId: string | null | undefined, memberOrgId: string) {
  if (!inflowOrgId) return null;
  const org = await findOrg(tx, inflowOrgId);
  if (!org || org.dissolvedOn || org.kind === 'group' || org.id === memberOrgId) throw fieldError('MOBILE_INFLOW_ORG_INVALID', 'inflowOrgId');
  return org;
}

function checkDates(tx: Ctx, v: { leftOn: string; expectedReturnOn?: string | null | undefined }) {
  const bad = outflowDateProblem(v, tx.clock.today());
  if (bad === 'leftOn') throw fieldError('MOBILE_DATES_INVALID', 'leftOn', '外出日期不能晚于今天');
  if (bad === 'expectedReturnOn') throw fieldError('MOBILE_DATES_INVALID', 'expectedReturnOn', '预计返回日期应晚于外出日期');
}

/**
 * The member's lost-contact flag follows the registration, written through the member module (its own audit
 * and history). Skipped when the member has since moved out of the caller's scope: the registry stays right.
 */
async function setMemberLostContact(tx: Ctx, memberId: string, lostContact: boolean) {
  const m = await findMemberBrief(tx, memberId);
  if (m && m.state !== 'left' && can(tx.actor, 'member.write', m.orgPath)) await updateMember(tx, { id: memberId, patch: { lostContact } });
}

/** POST /api/mobile/outflows — the member must be active and in the caller's scope; one open registration each. */
export async function registerOutflow(ctx: Ctx, raw: RegisterOutflowInput): Promise<OutflowDetailView> {
  requirePermission(ctx, 'member.write');
  const input = registerOutflowBody.parse(raw);
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    // Locking the member row serialises two registrations of one member (no unique index says "one open").
    const m = await lockMemberPlacement(tx, input.memberId);
    if (!m || !can(tx.actor, 'member.write', m.orgPath)) throw notFound();
    if (m.state !== 'active') throw fieldError('MOBILE_MEMBER_NOT_ACTIVE', 'memberId');
    checkDates(tx, input);
    const inflowOrg = await checkInflowOrg(tx, input.inflowOrgId, m.orgId);
    if (await repo.findOpenOutflowOfMember(tx.db, m.id)) throw new AppError('MOBILE_OUTFLOW_EXISTS');
    const by = who(tx);
    await repo.insertOutflow(tx.db, {
      id,
      memberId: m.id,
      orgId: m.orgId,
      destination: input.destination,
      inflowOrgName: input.inflowOrgName || inflowOrg?.name || null,
      inflowOrgId: inflowOrg?.id ?? null,
      reason: input.reason,
      contactPhoneEnc: input.contactPhone ? tx.crypto.encryptField(input.contactPhone, aad.outflowPhone(id)) : null,
      contactNote: input.contactNote ?? null,
      leftOn: input.leftOn,
      expectedReturnOn: input.expectedReturnOn ?? null,
      fixedPlace: input.fixedPlace,
      accountId: by.accountId,
      name: by.name,
      at: tx.clock.now(),
    });
    await writeAudit(tx, {
      action: 'mobile.outflow.register',
      targetType: 'mobile_outflow',
      targetId: id,
      targetOrgPath: m.orgPath,
      actingForOrgId: actingFor(tx, 'member.write', m.orgPath),
      // Never the phone itself: only that one was given.
      details: { memberId: m.id, leftOn: input.leftOn, fixedPlace: input.fixedPlace, contactPhone: !!input.contactPhone, inflowOrgId: inflowOrg?.id ?? null },
    });
  });
  return viewOutflow(ctx, id);
}

const columns: Partial<Record<keyof UpdateOutflowInput, string>> = {
  destination: 'destination',
  inflowOrgName: 'inflow_org_name',
  reason: 'reason',
  contactNote: 'contact_note',
  leftOn: 'left_on',
  expectedReturnOn: 'expected_return_on',
  fixedPlace: 'fixed_place',
};

/** PATCH /api/mobile/outflows/:id — the facts of an open registration. */
export async function updateOutflow(ctx: Ctx, input: { id: string; patch: UpdateOutflowInput }): Promise<OutflowDetailView> {
  requirePermission(ctx, 'member.write');
  const p = input.patch;
  await inTransaction(ctx, async (tx) => {
    const r = await loadOutflow(tx, input.id, { write: true, forUpdate: true });
    if (!isOpen(r.status)) throw new AppError('MOBILE_NOT_ACTIONABLE');
    if (p.version !== undefined && p.version !== r.version) throw new AppError('CONFLICT');
    const leftOn = p.leftOn ?? r.leftOn;
    checkDates(tx, { leftOn, expectedReturnOn: p.expectedReturnOn === undefined ? r.expectedReturnOn : p.expectedReturnOn });
    if (r.lastContactOn && leftOn > r.lastContactOn) throw fieldError('MOBILE_DATES_INVALID', 'leftOn', '外出日期不能晚于已登记的联系或汇报日期');
    const patch: Record<string, unknown> = {};
    for (const [field, col] of Object.entries(columns)) {
      const v = p[field as keyof UpdateOutflowInput];
      if (v !== undefined && col) patch[col] = v === '' ? null : v;
    }
    if (p.inflowOrgId !== undefined) {
      const org = await checkInflowOrg(tx, p.inflowOrgId, r.orgId);
      patch.inflow_org_id = org?.id ?? null;
      if (org && !p.inflowOrgName) patch.inflow_org_name = org.name;
    }
    if (p.contactPhone !== undefined) patch.contact_phone_enc = p.contactPhone ? tx.crypto.encryptField(p.contactPhone, aad.outflowPhone(r.id)) : null;
    if (Object.keys(patch).length === 0) return;
    await repo.updateOutflow(tx.db, r.id, patch, tx.clock.now());
    await writeAudit(tx, {
      action: 'mobile.outflow.update',
      targetType: 'mobile_outflow',
      targetId: r.id,
      targetOrgPath: r.orgPath,
      actingForOrgId: actingFor(tx, 'member.write', r.orgPath),
      details: { fields: Object.keys(patch) },
    });
  });
  return viewOutflow(ctx, input.id);
}

/**
 * POST /api/mobile/outflows/:id/end — back home, or the relation moved (the transfer itself is the transfer
 * module's). Hosting started from this registration elsewhere on the platform ends the same day.
 */
export async function endOutflow(ctx: Ctx, input: { id: string } & z.infer<typeof endOutflowBody>): Promise<OutflowDetailView> {
  requirePermission(ctx, 'member.write');
  await inTransaction(ctx, async (tx) => {
    const r = await loadOutflow(tx, input.id, { write: true, forUpdate: true });
    if (!isOpen(r.status)) throw new AppError('MOBILE_NOT_ACTIONABLE');
    if (!withinOutflow(input.endedOn, r.leftOn, tx.clock.today())) throw fieldError('MOBILE_DATES_INVALID', 'endedOn', '结束日期应在外出日期之后、今天之前');
    const now = tx.clock.now();
    await repo.updateOutflow(tx.db, r.id, { status: input.outcome, ended_on: input.endedOn, lost_contact_since: null }, now);
    if (r.status === 'lost_contact') await setMemberLostContact(tx, r.memberId, false);
    for (const h of await inRepo.findHostedOfOutflow(tx.db, r.id)) {
      await inRepo.updateInflow(tx.db, h.id, { status: 'left', left_on: input.endedOn }, now);
      await endHosting(tx, { sourceId: h.id, endedOn: input.endedOn });
    }
    await writeAudit(tx, {
      action: `mobile.outflow.${input.outcome}`,
      targetType: 'mobile_outflow',
      targetId: r.id,
      targetOrgPath: r.orgPath,
      actingForOrgId: actingFor(tx, 'member.write', r.orgPath),
      details: { endedOn: input.endedOn, note: input.note ?? null },
    });
  });
  return viewOutflow(ctx, input.id);
}

/**
 * POST /api/mobile/outflows/:id/reports — a contact or the member's report; either is contact, so a member
 * marked lost is found again (status back to away, the member's flag cleared).
 */
export async function recordReport(ctx: Ctx, input: { id: string } & z.infer<typeof reportBody>): Promise<OutflowDetailView> {
  requirePermission(ctx, 'member.write');
  await inTransaction(ctx, async (tx) => {
    const r = await loadOutflow(tx, input.id, { write: true, forUpdate: true });
    if (!isOpen(r.status)) throw new AppError('MOBILE_NOT_ACTIONABLE');
    if (!withinOutflow(input.reportedOn, r.leftOn, tx.clock.today())) throw fieldError('MOBILE_DATES_INVALID', 'reportedOn', '汇报日期应在外出日期之后、今天之前');
    const by = who(tx);
    const now = tx.clock.now();
    const reportId = await repo.insertReport(tx.db, { outflowId: r.id, kind: input.kind, reportedOn: input.reportedOn, content: input.content, accountId: by.accountId, name: by.name, at: now });
    const patch: Record<string, unknown> = {};
    if (!r.lastContactOn || input.reportedOn > r.lastContactOn) patch.last_contact_on = input.reportedOn;
    const found = r.status === 'lost_contact' && (!r.lostContactSince || input.reportedOn >= r.lostContactSince);
    if (found) Object.assign(patch, { status: 'away', lost_contact_since: null });
    if (Object.keys(patch).length) await repo.updateOutflow(tx.db, r.id, patch, now);
    if (found) await setMemberLostContact(tx, r.memberId, false);
    await writeAudit(tx, {
      action: 'mobile.report.record',
      targetType: 'mobile_outflow',
      targetId: r.id,
      targetOrgPath: r.orgPath,
      actingForOrgId: actingFor(tx, 'member.write', r.orgPath),
      details: { reportId, kind: input.kind, reportedOn: input.reportedOn, contactRestored: found },
    });
  });
  return viewOutflow(ctx, input.id);
}

/**
 * POST /api/mobile/outflows/:id/lost-contact — nobody could reach the member since `since`. After six months
 * of that, and a search without result, the branch considers 停止党籍 (第二十四条); the alert scan reminds it.
 */
export async function markLostContact(ctx: Ctx, input: { id: string } & z.infer<typeof lostContactBody>): Promise<OutflowDetailView> {
  requirePermission(ctx, 'member.write');
  await inTransaction(ctx, async (tx) => {
    const r = await loadOutflow(tx, input.id, { write: true, forUpdate: true });
    if (r.status !== 'away') throw new AppError('MOBILE_NOT_ACTIONABLE');
    if (!withinOutflow(input.since, r.leftOn, tx.clock.today()) || (r.lastContactOn && input.since < r.lastContactOn)) {
      throw fieldError('MOBILE_DATES_INVALID', 'since', '失联日期应在外出日期和最近一次联系之后、今天之前');
    }
    await repo.updateOutflow(tx.db, r.id, { status: 'lost_contact', lost_contact_since: input.since }, tx.clock.now());
    await setMemberLostContact(tx, r.memberId, true);
    await writeAudit(tx, {
      action: 'mobile.outflow.lost_contact',
      targetType: 'mobile_outflow',
      targetId: r.id,
      targetOrgPath: r.orgPath,
      actingForOrgId: actingFor(tx, 'member.write', r.orgPath),
      details: { since: input.since, note: input.note ?? null },
    });
  });
  return viewOutflow(ctx, input.id);
}
