import { stepRoleLabels } from '@xianfeng/contracts/transfer/transfer.enums';
import type { Ctx } from '../../platform/context.ts';
import { businessDate } from '../../platform/clock.ts';
import { sendNotification, sentDedupeKeys } from '../notify/notify.service.ts';
import * as repo from './transfer.repository.ts';

/** Who hears about a transfer: the step's owners (admins and secretaries of its org), one level up when overdue, the initiator. */

const OWNERS = ['org_admin', 'secretary'] as const;

export async function notifyStepOwners(tx: Ctx, input: { transferId: string; orgId: string; memberName: string }): Promise<void> {
  const step = (await repo.findSteps(tx.db, [input.transferId])).filter((s) => s.orgId === input.orgId && s.status === 'pending').at(-1);
  if (!step) return;
  await sendNotification(tx, {
    to: { orgRoles: [{ orgId: step.orgId, roles: [...OWNERS] }] },
    template: 'transfer.step_pending',
    data: { memberName: input.memberName, orgName: step.orgName, stepLabel: stepRoleLabels[step.role], dueOn: step.dueAt ? businessDate(new Date(step.dueAt)) : '', transferId: input.transferId },
    dedupeKey: `transfer-step:${step.id}`,
    orgId: step.orgId,
  });
}

const outcomeLabels: Record<string, string> = { returned: '被退回修改', rejected: '未获同意', completed: '已办结' };

/** The member (always: it is their relation) and the staff who started it. */
export async function notifyInitiator(tx: Ctx, input: { t: repo.TransferRow; outcome: 'returned' | 'rejected' | 'completed'; comment: string }): Promise<void> {
  const { t } = input;
  await sendNotification(tx, {
    to: { memberIds: [t.memberId], accountIds: t.initiatedByAccountId && !t.initiatedBySelf ? [t.initiatedByAccountId] : [] },
    template: 'transfer.outcome',
    data: { memberName: t.memberName, toOrgName: t.toOrgName ?? t.externalOrg?.name ?? '', outcome: outcomeLabels[input.outcome], comment: input.comment ? `意见：${input.comment}` : '', transferId: t.id },
    dedupeKey: `transfer-outcome:${t.id}:${t.round}:${input.outcome}`,
    orgId: t.fromOrgId,
  });
}

/**
 * Job `transfer.overdue_scan` (hourly): a step past `transfer.stepDays` alerts its owners and the admins one
 * level up, once per step; a 回执 past `transfer.receiptOverdueMonths` alerts the sending committee, once.
 */
export async function scanOverdueTransfers(ctx: Ctx): Promise<{ steps: number; receipts: number }> {
  const now = ctx.clock.now();
  const steps = await repo.findOverdueSteps(ctx.db, now, 500);
  const sentSteps = await sentDedupeKeys(ctx, steps.map((s) => `transfer-overdue:${s.stepId}`));
  let stepAlerts = 0;
  for (const s of steps) {
    if (sentSteps.has(`transfer-overdue:${s.stepId}`)) continue;
    const r = await sendNotification(ctx, {
      to: { orgRoles: [{ orgId: s.orgId, roles: [...OWNERS] }, { orgId: s.orgId, roles: ['org_admin'], levelsUp: 1 }] },
      template: 'transfer.step_overdue',
      data: { memberName: s.memberName, orgName: s.orgName, stepLabel: stepRoleLabels[s.role], dueOn: businessDate(new Date(s.dueAt)), transferId: s.transferId },
      dedupeKey: `transfer-overdue:${s.stepId}`,
      orgId: s.orgId,
    });
    stepAlerts += r.created > 0 ? 1 : 0;
  }
  const receipts = await repo.findOverdueReceipts(ctx.db, businessDate(now), 500);
  const sentReceipts = await sentDedupeKeys(ctx, receipts.map((r) => `transfer-receipt:${r.transferId}`));
  let receiptAlerts = 0;
  for (const r of receipts) {
    if (sentReceipts.has(`transfer-receipt:${r.transferId}`)) continue;
    const sent = await sendNotification(ctx, {
      to: { orgRoles: [{ orgId: r.orgId, roles: ['org_admin'] }] },
      template: 'transfer.receipt_overdue',
      data: { memberName: r.memberName, letterNo: r.letterNo, dueOn: r.receiptDueOn, transferId: r.transferId },
      dedupeKey: `transfer-receipt:${r.transferId}`,
      orgId: r.orgId,
    });
    receiptAlerts += sent.created > 0 ? 1 : 0;
  }
  return { steps: stepAlerts, receipts: receiptAlerts };
}
