import type { InflowView, OutflowDetailView, OutflowView } from '@xianfeng/contracts/mobile/mobile.schemas';
import type { Ctx } from '../../platform/context.ts';
import { maskIdNumber, maskPhone } from '../member/member.service.ts';
import { alertSettingsFor, loadOutflow } from './mobile.access.ts';
import { inflowTransferDue, monthsAway, outflowTiming, type AlertSettings } from './mobile.rules.ts';
import type * as inRepo from './mobile.inflow.repository.ts';
import * as repo from './mobile.repository.ts';

/** Response shapes: PII decrypted only to be masked here; nothing else leaves the server. */

/** AADs bind each ciphertext to its row and field, so a value copied to another row does not decrypt. */
export const aad = {
  outflowPhone: (id: string) => `mobile_outflow|contactPhone|${id}`,
  inflowIdNumber: (id: string) => `mobile_inflow|idNumber|${id}`,
  inflowPhone: (id: string) => `mobile_inflow|phone|${id}`,
};

const iso = (d: Date | string) => new Date(d).toISOString();

export function toOutflowView(ctx: Ctx, r: repo.OutflowRow, s: AlertSettings): OutflowView {
  const today = ctx.clock.today();
  const timing = outflowTiming(r, s, today);
  const phone = r.contactPhoneEnc ? ctx.crypto.decryptField(r.contactPhoneEnc, aad.outflowPhone(r.id)) : null;
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    orgId: r.orgId,
    orgName: r.orgName,
    destination: r.destination,
    inflowOrgName: r.inflowOrgName,
    inflowOrgId: r.inflowOrgId,
    reason: r.reason,
    contactPhone: phone === null ? null : maskPhone(phone),
    contactNote: r.contactNote,
    leftOn: r.leftOn,
    expectedReturnOn: r.expectedReturnOn,
    fixedPlace: r.fixedPlace,
    status: r.status,
    endedOn: r.endedOn,
    lastContactOn: r.lastContactOn,
    lastReportOn: r.lastReportOn,
    lostContactSince: r.lostContactSince,
    certificateNo: r.certificateNo,
    monthsAway: monthsAway(r.leftOn, r.endedOn ?? today),
    transferDueOn: timing.transferDueOn,
    reportDueOn: timing.reportDueOn,
    alerts: timing.alerts,
    createdBy: r.createdByName,
    createdAt: iso(r.createdAt),
    version: r.version,
  };
}

/** Rows of a list, each with the thresholds of its own org. */
export async function toOutflowViews(ctx: Ctx, rows: repo.OutflowRow[]): Promise<OutflowView[]> {
  const settings = await alertSettingsFor(ctx, rows.map((r) => r.orgPath));
  return rows.map((r) => toOutflowView(ctx, r, settings.get(r.orgPath)!));
}

/** GET /api/mobile/outflows/:id — with its reports. */
export async function viewOutflow(ctx: Ctx, id: string): Promise<OutflowDetailView> {
  const r = await loadOutflow(ctx, id);
  const [view] = await toOutflowViews(ctx, [r]);
  const reports = await repo.findReports(ctx.db, r.id);
  return {
    ...view!,
    reports: reports.map((x) => ({ id: x.id, kind: x.kind, reportedOn: x.reportedOn, content: x.content, recordedBy: x.recordedByName, createdAt: iso(x.createdAt) })),
  };
}

export function toInflowView(ctx: Ctx, r: inRepo.InflowRow, transferMonths: number): InflowView {
  const today = ctx.clock.today();
  const idNumber = r.idNumberEnc ? ctx.crypto.decryptField(r.idNumberEnc, aad.inflowIdNumber(r.id)) : null;
  const phone = r.phoneEnc ? ctx.crypto.decryptField(r.phoneEnc, aad.inflowPhone(r.id)) : null;
  return {
    id: r.id,
    hostOrgId: r.hostOrgId,
    hostOrgName: r.hostOrgName,
    name: r.name,
    idNumber: idNumber === null ? null : maskIdNumber(idNumber),
    phone: phone === null ? null : maskPhone(phone),
    homeOrgName: r.homeOrgName,
    homeOrgContact: r.homeOrgContact,
    certificateNo: r.certificateNo,
    arrivedOn: r.arrivedOn,
    expectedLeaveOn: r.expectedLeaveOn,
    status: r.status,
    leftOn: r.leftOn,
    onPlatform: r.memberId !== null,
    monthsHere: monthsAway(r.arrivedOn, r.leftOn ?? today),
    transferDue: r.status === 'hosted' && inflowTransferDue(r.arrivedOn, transferMonths, today),
    createdAt: iso(r.createdAt),
    version: r.version,
  };
}

export async function toInflowViews(ctx: Ctx, rows: inRepo.InflowRow[]): Promise<InflowView[]> {
  const settings = await alertSettingsFor(ctx, rows.map((r) => r.hostOrgPath));
  return rows.map((r) => toInflowView(ctx, r, settings.get(r.hostOrgPath)!.fixedPlaceTransferMonths));
}
