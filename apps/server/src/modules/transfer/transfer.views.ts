import type { TransferSummary, TransferView } from '@xianfeng/contracts/transfer/transfer.schemas';
import type { Ctx } from '../../platform/context.ts';
import { businessDate } from '../../platform/clock.ts';
import { actionsFor, loadTransfer, roundSteps, type Loaded } from './transfer.access.ts';
import { letterToken, letterVerifyPath } from './transfer.token.ts';
import { currentStep, stepTiming } from './transfer.rules.ts';
import type * as repo from './transfer.repository.ts';

export const letterPdfPath = (id: string) => `/api/transfers/${id}/letter.pdf`;

function stepView(s: repo.StepRow, now: Date) {
  return {
    seq: s.seq,
    orgId: s.orgId,
    orgName: s.orgName,
    role: s.role,
    status: s.status,
    actor: s.actorName,
    at: s.actedAt ? new Date(s.actedAt).toISOString() : null,
    comment: s.comment,
    dueAt: s.dueAt ? new Date(s.dueAt).toISOString() : null,
    overdue: s.status === 'pending' && stepTiming(s.dueAt ? new Date(s.dueAt) : null, now, 0).overdue,
    actingForOrgName: s.actingForOrgName,
  };
}

/** A transfer as the caller may see it, with its letter's signed verify link. */
export async function viewTransfer(ctx: Ctx, id: string): Promise<TransferView> {
  const l = await loadTransfer(ctx, id);
  return toTransferView(ctx, l, l.letter ? letterVerifyPath(await letterToken(ctx, l.t.id, l.letter.letterNo)) : '');
}

function toTransferView(ctx: Ctx, l: Loaded, verifyPath = ''): TransferView {
  const { t, letter } = l;
  const now = ctx.clock.now();
  const today = businessDate(now);
  return {
    id: t.id,
    memberId: t.memberId,
    memberName: t.memberName,
    fromOrgId: t.fromOrgId,
    fromOrgName: t.fromOrgName,
    toOrgId: t.toOrgId,
    toOrgName: t.toOrgName ?? t.externalOrg?.name ?? null,
    externalOrg: t.externalOrg,
    reason: t.reason,
    remarks: t.remarks,
    paidUntil: t.paidUntil,
    status: t.status,
    round: t.round,
    steps: roundSteps(l).map((s) => stepView(s, now)),
    history: l.steps.filter((s) => s.round < t.round).map((s) => ({ ...stepView(s, now), round: s.round })),
    initiatedBy: t.initiatedByName,
    initiatedBySelf: t.initiatedBySelf,
    createdAt: new Date(t.createdAt).toISOString(),
    completedAt: t.completedAt ? new Date(t.completedAt).toISOString() : null,
    letter: letter
      ? {
          letterNo: letter.letterNo,
          issuedOn: letter.issuedOn,
          validUntil: letter.validUntil,
          expired: letter.receivedOn === null && today > letter.validUntil,
          receiptOverdue: t.status === 'awaiting_receipt' && letter.receivedOn === null && today > letter.receiptDueOn,
          receivedOn: letter.receivedOn,
          receivingOrgName: letter.receivingOrgName,
          pdfUrl: letterPdfPath(t.id),
          verifyPath,
        }
      : null,
    actions: actionsFor(ctx.actor, l),
    version: t.version,
  };
}

export function toSummary(t: repo.TransferRow, steps: repo.StepRow[], now: Date): TransferSummary {
  const step = currentStep(steps.filter((s) => s.transferId === t.id && s.round === t.round));
  return {
    id: t.id,
    memberId: t.memberId,
    memberName: t.memberName,
    fromOrgName: t.fromOrgName,
    toOrgName: t.toOrgName ?? t.externalOrg?.name ?? null,
    status: t.status,
    createdAt: new Date(t.createdAt).toISOString(),
    currentStep: step ? stepView(step, now) : null,
  };
}
