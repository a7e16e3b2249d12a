import type { z } from 'zod';
import type { ExternalOrg, TransferView, createTransferBody, resubmitBody } from '@xianfeng/contracts/transfer/transfer.schemas';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { ancestorsOf, findOrg } from '../org/org.service.ts';
import { lockMemberPlacement, placeMemberByTransfer } from '../member/member.service.ts';
import { paidUntilForMember } from '../dues/dues.service.ts';
import { getEffectiveSetting } from '../settings/settings.service.ts';
import { isInitiator, loadTransfer, roundSteps, type Loaded } from './transfer.access.ts';
import { addDays, currentStep, transferChain } from './transfer.rules.ts';
import { issueLetter } from './transfer.letter.ts';
import { notifyInitiator, notifyStepOwners } from './transfer.notify.ts';
import * as repo from './transfer.repository.ts';
import { viewTransfer } from './transfer.views.ts';

/**
 * 组织关系转接 workflow (党员教育管理工作条例 第二十五条): the sending committee approves, then the receiving
 * committee, then the receiving branch takes the member in; until then the member stays where they are and
 * the sending side stays responsible. Every act is one transaction with its audit event.
 */

const who = (ctx: Ctx) => ({ accountId: ctx.actor?.accountId ?? null, name: ctx.actor ? (ctx.actor.displayName ?? ctx.actor.username) : null });

interface Target {
  toOrgId: string | null;
  toOrgPath: string | null;
  externalOrg: ExternalOrg | null;
}

/** The target: an active org on the platform that holds members, or one outside it by name. */
async function resolveTarget(tx: Ctx, input: { toOrgId?: string | undefined; externalOrg?: ExternalOrg | undefined }, memberOrgId: string): Promise<Target> {
  if (!!input.toOrgId === !!input.externalOrg) throw fieldError('TRANSFER_TARGET_REQUIRED', 'toOrgId');
  if (input.externalOrg) return { toOrgId: null, toOrgPath: null, externalOrg: input.externalOrg };
  const target = await findOrg(tx, input.toOrgId!);
  if (!target || target.dissolvedOn || !memberHoldingKinds.includes(target.kind)) throw fieldError('TRANSFER_TARGET_INVALID', 'toOrgId');
  if (target.id === memberOrgId) throw fieldError('TRANSFER_SAME_ORG', 'toOrgId');
  return { toOrgId: target.id, toOrgPath: target.path, externalOrg: null };
}

/** Builds the round's steps and opens the first (the chain is recomputed on resubmission: the target may change). */
async function startRound(tx: Ctx, transferId: string, round: number, fromOrgId: string, target: Target) {
  const line = async (orgId: string) => {
    const self = await findOrg(tx, orgId);
    return self ? [self, ...(await ancestorsOf(tx, orgId))] : [];
  };
  const fromLine = await line(fromOrgId);
  const toLine = target.toOrgId ? await line(target.toOrgId) : null;
  const commonAncestorStep = await getEffectiveSetting(tx, fromLine[0]!.path, 'transfer.commonAncestorStep');
  const chain = transferChain({ fromLine, toLine, commonAncestorStep });
  if (!chain) throw new AppError('TRANSFER_NO_COMMITTEE');
  const first = chain[0]!.org;
  const due = addDays(tx.clock.now(), await getEffectiveSetting(tx, first.path, 'transfer.stepDays'));
  await repo.insertSteps(tx.db, transferId, round, chain.map((s) => ({ orgId: s.org.id, role: s.role })), due);
  return first;
}

/** POST /api/transfers — by the member (H5) or staff of their branch. */
export async function createTransfer(ctx: Ctx, input: z.infer<typeof createTransferBody>): Promise<TransferView> {
  const actor = requireActor(ctx);
  try {
    const id = await inTransaction(ctx, async (tx) => {
      const member = await lockMemberPlacement(tx, input.memberId);
      const self = actor.memberId === input.memberId;
      if (!member || !(self || can(actor, 'transfer.initiate', member.orgPath))) throw notFound();
      if (member.state !== 'active') throw fieldError('TRANSFER_MEMBER_NOT_ACTIVE', 'memberId');
      const target = await resolveTarget(tx, input, member.orgId);
      if (await repo.findOpenTransferOfMember(tx.db, member.id)) throw new AppError('TRANSFER_IN_PROGRESS');
      const by = who(tx);
      const transferId = await repo.insertTransfer(tx.db, {
        memberId: member.id,
        fromOrgId: member.orgId,
        toOrgId: target.toOrgId,
        externalOrg: target.externalOrg,
        reason: input.reason,
        remarks: input.remarks ?? null,
        paidUntil: await paidUntilForMember(tx, member.id),
        letterRequested: !!input.letter || !!target.externalOrg,
        accountId: by.accountId,
        name: by.name,
        self,
        at: tx.clock.now(),
      });
      const first = await startRound(tx, transferId, 1, member.orgId, target);
      await writeAudit(tx, {
        action: 'transfer.create',
        targetType: 'transfer',
        targetId: transferId,
        targetOrgPath: member.orgPath,
        actingForOrgId: self ? null : (coveringGrant(actor, 'transfer.initiate', member.orgPath)?.orgId ?? null),
        details: { memberId: member.id, toOrgId: target.toOrgId, external: !!target.externalOrg, self },
      });
      await notifyStepOwners(tx, { transferId, orgId: first.id, memberName: member.name });
      return transferId;
    });
    return viewTransfer(ctx, id);
  } catch (err) {
    // Two requests for one member at once: the partial unique index lets one through.
    if (isUniqueViolation(err)) throw new AppError('TRANSFER_IN_PROGRESS');
    throw err;
  }
}

type Decision = 'approve' | 'return' | 'reject';

/**
 * POST /api/transfers/:id/approve | return | reject — by staff covering the current step's org; an ancestor
 * acts for that level (recorded on the step and in the audit event).
 */
export async function decideStep(ctx: Ctx, input: { id: string; decision: Decision; comment?: string | undefined }): Promise<TransferView> {
  const actor = requireActor(ctx);
  const comment = input.comment?.trim() || null;
  if (input.decision !== 'approve' && !comment) throw fieldError('TRANSFER_COMMENT_REQUIRED', 'comment');
  await inTransaction(ctx, async (tx) => {
    const l = await loadTransfer(tx, input.id, true);
    if (l.t.status !== 'pending') throw new AppError('TRANSFER_NOT_ACTIONABLE');
    const steps = roundSteps(l);
    const step = currentStep(steps)!;
    const grant = coveringGrant(actor, 'transfer.approve', step.orgPath);
    if (!grant) throw new AppError('TRANSFER_NOT_YOUR_STEP');
    const now = tx.clock.now();
    const by = who(tx);
    const status = input.decision === 'approve' ? 'approved' : input.decision === 'return' ? 'returned' : 'rejected';
    await repo.decideStep(tx.db, step.id, { status, accountId: by.accountId, name: by.name, actingForOrgId: grant.orgId === step.orgId ? null : grant.orgId, comment, at: now });
    if (input.decision === 'approve') await advance(tx, l, step);
    else {
      await repo.closeOpenSteps(tx.db, l.t.id, l.t.round);
      const outcome = status === 'returned' ? 'returned' : 'rejected';
      await repo.updateTransfer(tx.db, l.t.id, { status: outcome }, now);
      await notifyInitiator(tx, { t: l.t, outcome, comment: comment ?? '' });
    }
    await writeAudit(tx, {
      action: `transfer.${input.decision}`,
      targetType: 'transfer',
      targetId: l.t.id,
      targetOrgPath: step.orgPath,
      actingForOrgId: grant.orgId,
      details: { step: step.seq, role: step.role, round: l.t.round, comment },
    });
  });
  return viewTransfer(ctx, input.id);
}

/** After an approval: open the next step; after the sending side, the 介绍信 when one is needed; after the last, completion. */
async function advance(tx: Ctx, l: Loaded, step: repo.StepRow) {
  const steps = roundSteps(l);
  const next = steps.find((s) => s.seq === step.seq + 1);
  const now = tx.clock.now();
  if (step.seq === 1 && l.t.letterRequested && !l.letter) await issueLetter(tx, { transferId: l.t.id, issuedByOrgId: step.orgId, issuedByPath: step.orgPath });
  if (next) {
    await repo.openStep(tx.db, next.id, addDays(now, await getEffectiveSetting(tx, next.orgPath, 'transfer.stepDays')));
    await notifyStepOwners(tx, { transferId: l.t.id, orgId: next.orgId, memberName: l.t.memberName });
    return;
  }
  if (!l.t.toOrgId) {
    // Off the platform: the member stays here until the 回执 comes back.
    await repo.updateTransfer(tx.db, l.t.id, { status: 'awaiting_receipt' }, now);
    return;
  }
  // 编入支部: the member, their 党费交至 (bills follow the member), e-certificate and history move in this transaction.
  const member = await lockMemberPlacement(tx, l.t.memberId);
  if (!member || member.state !== 'active' || member.orgId !== l.t.fromOrgId) throw new AppError('TRANSFER_MEMBER_NOT_ACTIVE');
  // The branch may have been dissolved while the transfer waited: return it for a new target instead.
  const target = await findOrg(tx, l.t.toOrgId);
  if (!target || target.dissolvedOn) throw fieldError('TRANSFER_TARGET_INVALID', 'toOrgId');
  await placeMemberByTransfer(tx, { memberId: member.id, toOrgId: l.t.toOrgId, transferId: l.t.id, fromOrgName: l.t.fromOrgName, toOrgName: l.t.toOrgName ?? '' });
  await repo.updateTransfer(tx.db, l.t.id, { status: 'completed', completedAt: now }, now);
  await notifyInitiator(tx, { t: l.t, outcome: 'completed', comment: '' });
}

/** POST /api/transfers/:id/resubmit — after a return, by the initiator side, with corrections; a new round. */
export async function resubmitTransfer(ctx: Ctx, input: { id: string } & z.infer<typeof resubmitBody>): Promise<TransferView> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const l = await loadTransfer(tx, input.id, true);
    if (!isInitiator(actor, l)) throw notFound();
    if (l.t.status !== 'returned') throw new AppError('TRANSFER_NOT_ACTIONABLE');
    const retarget = input.toOrgId !== undefined || input.externalOrg !== undefined;
    const target: Target = retarget
      ? await resolveTarget(tx, input, l.t.fromOrgId)
      : { toOrgId: l.t.toOrgId, toOrgPath: l.t.toOrgPath, externalOrg: l.t.externalOrg };
    const round = l.t.round + 1;
    const now = tx.clock.now();
    await repo.updateTransfer(
      tx.db,
      l.t.id,
      { status: 'pending', round, toOrgId: target.toOrgId, externalOrg: target.externalOrg, ...(input.reason ? { reason: input.reason } : {}), ...(input.remarks !== undefined ? { remarks: input.remarks } : {}) },
      now,
    );
    const first = await startRound(tx, l.t.id, round, l.t.fromOrgId, target);
    await writeAudit(tx, {
      action: 'transfer.resubmit',
      targetType: 'transfer',
      targetId: l.t.id,
      targetOrgPath: l.t.fromOrgPath,
      actingForOrgId: actor.memberId === l.t.memberId ? null : (coveringGrant(actor, 'transfer.initiate', l.t.fromOrgPath)?.orgId ?? null),
      details: { round, retarget },
    });
    await notifyStepOwners(tx, { transferId: l.t.id, orgId: first.id, memberName: l.t.memberName });
  });
  return viewTransfer(ctx, input.id);
}

/** POST /api/transfers/:id/cancel — by the initiator side, any time before completion (a letter out becomes void). */
export async function cancelTransfer(ctx: Ctx, input: { id: string }): Promise<TransferView> {
  const actor = requireActor(ctx);
  await inTransaction(ctx, async (tx) => {
    const l = await loadTransfer(tx, input.id, true);
    if (!isInitiator(actor, l)) throw notFound();
    if (!['pending', 'returned', 'awaiting_receipt'].includes(l.t.status)) throw new AppError('TRANSFER_NOT_ACTIONABLE');
    await repo.closeOpenSteps(tx.db, l.t.id, l.t.round);
    await repo.updateTransfer(tx.db, l.t.id, { status: 'cancelled' }, tx.clock.now());
    await writeAudit(tx, {
      action: 'transfer.cancel',
      targetType: 'transfer',
      targetId: l.t.id,
      targetOrgPath: l.t.fromOrgPath,
      actingForOrgId: actor.memberId === l.t.memberId ? null : (coveringGrant(actor, 'transfer.initiate', l.t.fromOrgPath)?.orgId ?? null),
      details: { from: l.t.status },
    });
  });
  return viewTransfer(ctx, input.id);
}
