import type { NotifyTemplateKey } from '@xianfeng/contracts/notify/notify.templates';
import type { Ctx } from '../../platform/context.ts';
import { sendNotification, sentDedupeKeys, type Recipients } from '../notify/notify.service.ts';
import { alertSettingsFor } from './mobile.access.ts';
import { contactAnchor, inflowTransferDue, outflowTiming, reportAnchor, type AlertSettings } from './mobile.rules.ts';
import * as inRepo from './mobile.inflow.repository.ts';
import * as repo from './mobile.repository.ts';

/**
 * Job `mobile.alert_scan` (hourly). For each open outflow registration, with its branch's settings:
 * - at a fixed place for `mobile.fixedPlaceTransferMonths` without a transfer (第二十五条) → the branch's
 *   secretary and admins, and the admins one level up; once per registration;
 * - no contact for `mobile.lostContactMonths` (第二十四条: after six months and a search, 停止党籍) → the branch
 *   and one level up; once per silence (a new contact starts a new one);
 * - no report of their own for `mobile.reportIntervalMonths` (at least yearly) → the branch; once per gap.
 * Hosted inflow members here that long are reminded to the host branch once (they should transfer here).
 */

const OWNERS = ['org_admin', 'secretary'] as const;
/** Candidates are read a page at a time (keyset on the scan order) until none are left, so every one is seen each run. */
const BATCH = 5000;

interface Alert {
  key: string;
  template: NotifyTemplateKey;
  to: Recipients;
  orgId: string;
  data: Record<string, unknown>;
}

const branchAndUp = (orgId: string): Recipients => ({ orgRoles: [{ orgId, roles: [...OWNERS] }, { orgId, roles: ['org_admin'], levelsUp: 1 }] });
const branch = (orgId: string): Recipients => ({ orgRoles: [{ orgId, roles: [...OWNERS] }] });

function outflowAlerts(rows: repo.OutflowRow[], settings: Map<string, AlertSettings>, today: string): Alert[] {
  const out: Alert[] = [];
  for (const r of rows) {
    const s = settings.get(r.orgPath)!;
    const t = outflowTiming(r, s, today);
    const base = { memberName: r.memberName, orgName: r.orgName, destination: r.destination, outflowId: r.id };
    if (t.alerts.transferDue) {
      out.push({ key: `mobile-transfer-due:${r.id}`, template: 'mobile.transfer_due', to: branchAndUp(r.orgId), orgId: r.orgId, data: { ...base, leftOn: r.leftOn, months: s.fixedPlaceTransferMonths } });
    }
    if (t.lostContactOn && t.lostContactOn <= today) {
      const since = contactAnchor(r);
      out.push({ key: `mobile-lost-contact:${r.id}:${since}`, template: 'mobile.lost_contact', to: branchAndUp(r.orgId), orgId: r.orgId, data: { ...base, since, months: s.lostContactMonths } });
    }
    if (t.alerts.reportDue) {
      const since = reportAnchor(r);
      out.push({ key: `mobile-report-due:${r.id}:${since}`, template: 'mobile.report_due', to: branch(r.orgId), orgId: r.orgId, data: { ...base, since, months: s.reportIntervalMonths } });
    }
  }
  return out;
}

function inflowAlerts(rows: inRepo.InflowRow[], settings: Map<string, AlertSettings>, today: string): Alert[] {
  const out: Alert[] = [];
  for (const r of rows) {
    const months = settings.get(r.hostOrgPath)!.fixedPlaceTransferMonths;
    if (!inflowTransferDue(r.arrivedOn, months, today)) continue;
    out.push({
      key: `mobile-inflow-transfer:${r.id}`,
      template: 'mobile.inflow_transfer_due',
      to: branch(r.hostOrgId),
      orgId: r.hostOrgId,
      data: { name: r.name, homeOrgName: r.homeOrgName, arrivedOn: r.arrivedOn, orgName: r.hostOrgName, months, inflowId: r.id },
    });
  }
  return out;
}

const counter: Partial<Record<NotifyTemplateKey, 'transferDue' | 'lostContact' | 'reportDue' | 'inflowTransferDue'>> = {
  'mobile.transfer_due': 'transferDue',
  'mobile.lost_contact': 'lostContact',
  'mobile.report_due': 'reportDue',
  'mobile.inflow_transfer_due': 'inflowTransferDue',
};

export async function scanMobileAlerts(ctx: Ctx, opts: { batch?: number } = {}): Promise<{ transferDue: number; lostContact: number; reportDue: number; inflowTransferDue: number }> {
  const today = ctx.clock.today();
  const batch = opts.batch ?? BATCH;
  const counts = { transferDue: 0, lostContact: 0, reportDue: 0, inflowTransferDue: 0 };
  const send = async (alerts: Alert[]) => {
    const sent = await sentDedupeKeys(
      ctx,
      alerts.map((a) => a.key),
    );
    const inflowsAlerted: string[] = [];
    for (const a of alerts) {
      if (sent.has(a.key)) continue;
      const r = await sendNotification(ctx, { to: a.to, template: a.template, data: a.data, dedupeKey: a.key, orgId: a.orgId });
      if (a.template === 'mobile.inflow_transfer_due') inflowsAlerted.push(String(a.data.inflowId));
      if (r.created > 0) counts[counter[a.template]!] += 1;
    }
    await inRepo.markInflowsAlerted(ctx.db, inflowsAlerted, ctx.clock.now());
  };
  for (let after: { leftOn: string; id: string } | undefined; ; ) {
    const rows = await repo.findAlertCandidates(ctx.db, today, batch, after);
    if (rows.length === 0) break;
    await send(outflowAlerts(rows, await alertSettingsFor(ctx, rows.map((r) => r.orgPath)), today));
    if (rows.length < batch) break;
    const last = rows.at(-1)!;
    after = { leftOn: last.leftOn, id: last.id };
  }
  for (let after: { arrivedOn: string; id: string } | undefined; ; ) {
    const rows = await inRepo.findInflowCandidates(ctx.db, today, batch, after);
    if (rows.length === 0) break;
    await send(inflowAlerts(rows, await alertSettingsFor(ctx, rows.map((r) => r.hostOrgPath)), today));
    if (rows.length < batch) break;
    const last = rows.at(-1)!;
    after = { arrivedOn: last.arrivedOn, id: last.id };
  }
  return counts;
}
