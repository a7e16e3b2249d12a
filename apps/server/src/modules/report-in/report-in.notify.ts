import type { Ctx } from '../../platform/context.ts';
import { sendNotification } from '../notify/notify.service.ts';
import type { ReportInRow } from './report-in.repository.ts';
import * as repo from './report-in.repository.ts';
import { receiptNoOf } from './report-in.rules.ts';

/** Who hears about a registration: the community's admins (to confirm), the member and the unit (outcomes). */

const unitAdmins = async (tx: Ctx, unitId: string) => (await repo.adminsOfUnits(tx.db, [unitId])).map((a) => a.accountId);

/** New registrations wait for the community: one notice per registration, or per community for an import. */
export async function notifyCommunity(tx: Ctx, v: { communityOrgId: string; communityName: string; unitName: string; count: number; dedupeKey: string }): Promise<void> {
  await sendNotification(tx, {
    to: { orgRoles: [{ orgId: v.communityOrgId, roles: ['org_admin'] }] },
    template: 'report_in.pending_confirm',
    data: { unitName: v.unitName, communityName: v.communityName, count: v.count },
    dedupeKey: v.dedupeKey,
    orgId: v.communityOrgId,
  });
}

/** The member (to their H5 page) and the unit's admins (to their console) hear of the 回执. */
export async function notifyConfirmed(tx: Ctx, r: ReportInRow): Promise<void> {
  const data = { name: r.name, communityName: r.communityName, receiptNo: receiptNoOf(r.certificateNo) };
  if (r.memberId) await sendNotification(tx, { to: { memberIds: [r.memberId] }, template: 'report_in.confirmed', data, dedupeKey: `report-in-confirmed:${r.id}`, orgId: r.communityOrgId });
  await sendNotification(tx, { to: { accountIds: await unitAdmins(tx, r.unitId) }, template: 'report_in.unit_confirmed', data, dedupeKey: `report-in-unit-confirmed:${r.id}`, orgId: r.communityOrgId });
}

export async function notifyDeclined(tx: Ctx, r: ReportInRow, reason: string): Promise<void> {
  await sendNotification(tx, {
    to: { accountIds: await unitAdmins(tx, r.unitId) },
    template: 'report_in.declined',
    data: { name: r.name, communityName: r.communityName, reason },
    dedupeKey: `report-in-declined:${r.id}`,
    orgId: r.communityOrgId,
  });
}

/** The member hears the community's decision on their service log (a member without an account: nobody). */
export async function notifyServiceDecided(tx: Ctx, s: { id: string; memberId: string | null; communityName: string; servedOn: string; minutes: number; approved: boolean; note: string | null }): Promise<void> {
  if (!s.memberId) return;
  await sendNotification(tx, {
    to: { memberIds: [s.memberId] },
    template: 'report_in.service_decided',
    data: { outcome: s.approved ? '已认定' : '未认定', servedOn: s.servedOn, minutes: s.minutes, note: s.note ? `意见：${s.note}` : '', communityName: s.communityName },
    dedupeKey: `report-in-service:${s.id}`,
  });
}
