import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { InflowView, inflowListQuery, leaveInflowBody, RegisterInflowInput, updateInflowBody } from '@xianfeng/contracts/mobile/mobile.schemas';
import { registerInflowBody } from '@xianfeng/contracts/mobile/mobile.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { endHosting, startHosting } from '../member/member.service.ts';
import { findOrg } from '../org/org.service.ts';
import { actingFor, alertSettingsAt, scopePaths } from './mobile.access.ts';
import { isOpen, normaliseIdNumber, withinOutflow } from './mobile.rules.ts';
import * as inRepo from './mobile.inflow.repository.ts';
import * as repo from './mobile.repository.ts';
import { aad, toInflowView, toInflowViews } from './mobile.views.ts';

/**
 * The inflow registry: members whose relation stays elsewhere take part in a branch here with their
 * 流动党员活动证 — organisational life and dues (中组发〔2008〕3号 第九条), no vote or election rights here.
 * Registering starts the hosted-member relation (the host's limited, audited view); leaving ends it.
 */

async function loadInflow(ctx: Ctx, id: string, opts: { write?: boolean; forUpdate?: boolean } = {}): Promise<inRepo.InflowRow> {
  const actor = requireActor(ctx);
  const r = await inRepo.findInflow(ctx.db, id, opts.forUpdate ?? false);
  if (!r || !can(actor, opts.write ? 'member.write' : 'member.read', r.hostOrgPath)) throw notFound();
  return r;
}

async function view(ctx: Ctx, id: string): Promise<InflowView> {
  const r = await loadInflow(ctx, id);
  return toInflowView(ctx, r, (await alertSettingsAt(ctx, r.hostOrgPath)).fixedPlaceTransferMonths);
}

/** A 活动证 issued on the platform links the registration to the member's file; it must be open and name this person. */
async function linkCertificate(tx: Ctx, input: { certificateNo?: string | null | undefined; name: string; hostOrgId: string }) {
  if (!input.certificateNo) return null;
  const out = await repo.findOutflowByCertificateNo(tx.db, input.certificateNo);
  if (!out) return null; // a paper 活动证 from off the platform
  if (!isOpen(out.status) || out.memberName !== input.name) throw fieldError('MOBILE_CERTIFICATE_MISMATCH', 'certificateNo');
  if (out.orgId === input.hostOrgId) throw fieldError('MOBILE_HOST_ORG_INVALID', 'hostOrgId', '该党员的组织关系就在本支部，无需登记为流入党员');
  return out;
}

/** POST /api/mobile/inflows — by staff of the host branch. */
export async function registerInflow(ctx: Ctx, raw: RegisterInflowInput): Promise<InflowView> {
  requirePermission(ctx, 'member.write');
  const input = registerInflowBody.parse(raw);
  const today = ctx.clock.today();
  const idNumber = input.idNumber ? normaliseIdNumber(input.idNumber, today) : null;
  if (input.idNumber && !idNumber) throw fieldError('MOBILE_ID_NUMBER_INVALID', 'idNumber');
  if (input.arrivedOn > today) throw fieldError('MOBILE_DATES_INVALID', 'arrivedOn', '到达日期不能晚于今天');
  if (input.expectedLeaveOn && input.expectedLeaveOn <= input.arrivedOn) throw fieldError('MOBILE_DATES_INVALID', 'expectedLeaveOn', '预计离开日期应晚于到达日期');
  const id = randomUUID();
  await inTransaction(ctx, async (tx) => {
    const host = await findOrg(tx, input.hostOrgId);
    if (!host || !can(tx.actor, 'member.write', host.path)) throw notFound();
    if (host.dissolvedOn || !memberHoldingKinds.includes(host.kind)) throw fieldError('MOBILE_HOST_ORG_INVALID', 'hostOrgId');
    const out = await linkCertificate(tx, { certificateNo: input.certificateNo, name: input.name, hostOrgId: host.id });
    const idNumberIdx = idNumber ? tx.crypto.blindIndex('idNumber', idNumber) : null;
    if (await inRepo.findHostedDuplicate(tx.db, { hostOrgId: host.id, idNumberIdx, outflowId: out?.id ?? null })) throw new AppError('MOBILE_INFLOW_DUPLICATE');
    const now = tx.clock.now();
    await inRepo.insertInflow(tx.db, {
      id,
      hostOrgId: host.id,
      memberId: out?.memberId ?? null,
      outflowId: out?.id ?? null,
      name: input.name,
      idNumberEnc: idNumber ? tx.crypto.encryptField(idNumber, aad.inflowIdNumber(id)) : null,
      idNumberIdx,
      phoneEnc: input.phone ? tx.crypto.encryptField(input.phone, aad.inflowPhone(id)) : null,
      homeOrgName: input.homeOrgName,
      homeOrgContact: input.homeOrgContact ?? null,
      certificateNo: input.certificateNo || null,
      arrivedOn: input.arrivedOn,
      expectedLeaveOn: input.expectedLeaveOn ?? null,
      at: now,
    });
    await startHosting(tx, { hostOrgId: host.id, memberId: out?.memberId ?? null, kind: 'mobile_inflow', sourceId: id, name: input.name, homeOrgName: input.homeOrgName, startedOn: input.arrivedOn });
    // The outflow side learns where its member takes part, when it did not know.
    if (out && !out.inflowOrgId) await repo.updateOutflow(tx.db, out.id, { inflow_org_id: host.id, inflow_org_name: host.name }, now);
    await writeAudit(tx, {
      action: 'mobile.inflow.register',
      targetType: 'mobile_inflow',
      targetId: id,
      targetOrgPath: host.path,
      actingForOrgId: actingFor(tx, 'member.write', host.path),
      details: { outflowId: out?.id ?? null, idNumber: !!idNumber, phone: !!input.phone, arrivedOn: input.arrivedOn },
    });
  });
  return view(ctx, id);
}

/** PATCH /api/mobile/inflows/:id — contact facts and the expected leaving date. */
export async function updateInflow(ctx: Ctx, input: { id: string; patch: z.infer<typeof updateInflowBody> }): Promise<InflowView> {
  requirePermission(ctx, 'member.write');
  const p = input.patch;
  await inTransaction(ctx, async (tx) => {
    const r = await loadInflow(tx, input.id, { write: true, forUpdate: true });
    if (r.status !== 'hosted') throw new AppError('MOBILE_NOT_ACTIONABLE');
    if (p.version !== undefined && p.version !== r.version) throw new AppError('CONFLICT');
    if (p.expectedLeaveOn && p.expectedLeaveOn <= r.arrivedOn) throw fieldError('MOBILE_DATES_INVALID', 'expectedLeaveOn', '预计离开日期应晚于到达日期');
    const patch: Record<string, unknown> = {};
    if (p.phone !== undefined) patch.phone_enc = p.phone ? tx.crypto.encryptField(p.phone, aad.inflowPhone(r.id)) : null;
    if (p.homeOrgContact !== undefined) patch.home_org_contact = p.homeOrgContact || null;
    if (p.expectedLeaveOn !== undefined) patch.expected_leave_on = p.expectedLeaveOn;
    if (Object.keys(patch).length === 0) return;
    await inRepo.updateInflow(tx.db, r.id, patch, tx.clock.now());
    await writeAudit(tx, {
      action: 'mobile.inflow.update',
      targetType: 'mobile_inflow',
      targetId: r.id,
      targetOrgPath: r.hostOrgPath,
      actingForOrgId: actingFor(tx, 'member.write', r.hostOrgPath),
      details: { fields: Object.keys(patch) },
    });
  });
  return view(ctx, input.id);
}

/** POST /api/mobile/inflows/:id/leave — the member left; the hosted relation ends that day. */
export async function leaveInflow(ctx: Ctx, input: { id: string } & z.infer<typeof leaveInflowBody>): Promise<InflowView> {
  requirePermission(ctx, 'member.write');
  await inTransaction(ctx, async (tx) => {
    const r = await loadInflow(tx, input.id, { write: true, forUpdate: true });
    if (r.status !== 'hosted') throw new AppError('MOBILE_NOT_ACTIONABLE');
    if (!withinOutflow(input.leftOn, r.arrivedOn, tx.clock.today())) throw fieldError('MOBILE_DATES_INVALID', 'leftOn', '离开日期应在到达日期之后、今天之前');
    await inRepo.updateInflow(tx.db, r.id, { status: 'left', left_on: input.leftOn }, tx.clock.now());
    await endHosting(tx, { sourceId: r.id, endedOn: input.leftOn });
    await writeAudit(tx, {
      action: 'mobile.inflow.leave',
      targetType: 'mobile_inflow',
      targetId: r.id,
      targetOrgPath: r.hostOrgPath,
      actingForOrgId: actingFor(tx, 'member.write', r.hostOrgPath),
      details: { leftOn: input.leftOn },
    });
  });
  return view(ctx, input.id);
}

export const getInflow = (ctx: Ctx, input: { id: string }) => view(ctx, input.id);

/** GET /api/mobile/inflows — the host branches' registries in scope (or under the picked org). */
export async function listInflows(ctx: Ctx, q: z.infer<typeof inflowListQuery>) {
  const { paths } = await scopePaths(ctx, q.orgId);
  const filter: inRepo.InflowFilter = { paths, status: q.status, nameLike: q.q || undefined };
  const [rows, total] = await Promise.all([inRepo.findInflows(ctx.db, filter, q.pageSize, (q.page - 1) * q.pageSize), inRepo.countInflows(ctx.db, filter)]);
  return { items: await toInflowViews(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}
