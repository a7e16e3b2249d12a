import type { z } from 'zod';
import type { ReductionView, reductionInput, reductionsQuery } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, parentPath, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { loadDuesMember, loadDuesOrg, recorder } from './dues.access.ts';
import { monthIndex } from './dues.rules.ts';
import * as repo from './dues.repository.ts';
import * as standing from './dues.standing.repository.ts';

/**
 * 少交 / 免交 (2008 第七条): the branch studies a member's hardship and requests it; the next higher
 * committee approves. Time-bounded (≤ 12 months, renewable by a new request), audited, and reflected in
 * bills: unpaid bills of the period are repriced on approval, later bills are made at the reduced amount.
 */

const MAX_MONTHS = 12;

function toView(r: standing.ReductionRow): ReductionView {
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    orgId: r.orgId,
    orgName: r.orgName,
    kind: r.kind,
    monthlyFen: r.monthlyFen,
    fromMonth: r.fromMonth,
    toMonth: r.toMonth,
    reason: r.reason,
    status: r.status,
    requestedBy: r.requestedByName,
    requestedAt: new Date(r.requestedAt).toISOString(),
    decidedBy: r.decidedByName,
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    decisionNote: r.decisionNote,
    billsRepriced: r.billsRepriced,
  };
}

/** POST /api/dues/reductions — requested by the branch (dues.collect over the member). */
export async function requestDuesReduction(ctx: Ctx, input: z.infer<typeof reductionInput>): Promise<ReductionView> {
  const span = monthIndex(input.toMonth) - monthIndex(input.fromMonth) + 1;
  if (span < 1 || span > MAX_MONTHS) throw fieldError('DUES_REDUCTION_PERIOD_INVALID', 'toMonth');
  return inTransaction(ctx, async (tx) => {
    const member = await loadDuesMember(tx, input.memberId, 'dues.collect');
    if (member.state !== 'active') throw new AppError('DUES_MEMBER_NOT_BILLABLE');
    await repo.lockAccount(tx.db, member.id);
    if ((await standing.findLiveReductions(tx.db, [member.id], input.fromMonth, input.toMonth)).length > 0) throw fieldError('DUES_REDUCTION_OVERLAP', 'fromMonth');
    const who = recorder(tx);
    const id = await standing.insertReduction(tx.db, {
      memberId: member.id,
      orgId: member.orgId,
      kind: input.kind,
      monthlyFen: input.kind === 'exempt' ? 0 : (input.monthlyFen as number),
      fromMonth: input.fromMonth,
      toMonth: input.toMonth,
      reason: input.reason,
      accountId: who.accountId,
      name: who.name,
      at: tx.clock.now(),
    });
    await writeAudit(tx, {
      action: 'dues.reduction.request',
      targetType: 'member',
      targetId: member.id,
      targetOrgPath: member.orgPath,
      actingForOrgId: coveringGrant(tx.actor, 'dues.collect', member.orgPath)?.orgId ?? null,
      details: { reductionId: id, kind: input.kind, monthlyFen: input.monthlyFen ?? 0, fromMonth: input.fromMonth, toMonth: input.toMonth },
    });
    return toView((await standing.findReduction(tx.db, id)) as standing.ReductionRow);
  });
}

/** The parent's path of an org path (`/1/5/23/` → `/1/5/`). */
/**
 * POST /api/dues/reductions/:id/decision — by the higher committee: dues.approve over the branch's parent
 * (a grant on the branch itself is not enough), never by the requester; once (optimistic version check).
 */
export async function decideDuesReduction(ctx: Ctx, input: { id: string; approve: boolean; note?: string | undefined }): Promise<ReductionView> {
  const actor = requireActor(ctx);
  requirePermission(ctx, 'dues.approve');
  return inTransaction(ctx, async (tx) => {
    const r = await standing.findReduction(tx.db, input.id, true);
    if (!r || !(can(actor, 'dues.approve', r.orgPath) || can(actor, 'dues.read', r.orgPath))) throw notFound();
    if (!can(actor, 'dues.approve', parentPath(r.orgPath))) throw new AppError('DUES_REDUCTION_NEEDS_HIGHER_COMMITTEE');
    if (r.status !== 'pending') throw new AppError('DUES_REDUCTION_NOT_PENDING');
    if (r.requestedByAccountId === actor.accountId) throw new AppError('DUES_REDUCTION_SELF_APPROVAL');
    let repriced = 0;
    if (input.approve) {
      await repo.lockAccount(tx.db, r.memberId);
      const open = (await repo.findOpenBillsForUpdate(tx.db, r.memberId)).filter((b) => b.paidFen === 0 && r.fromMonth <= b.month && b.month <= r.toMonth);
      const deltas: repo.OrgMonthDelta[] = [];
      for (const b of open) {
        const amount = Math.min(b.standardFen, r.monthlyFen);
        if (amount === b.amountFen) continue;
        await repo.repriceBill(tx.db, b.id, { amountFen: amount, reductionId: r.id }, tx.clock.now());
        deltas.push({ orgId: b.orgId, month: b.month, bills: 0, settledBills: amount === 0 ? 1 : 0, amountFen: amount - b.amountFen, paidFen: 0 });
        repriced += 1;
      }
      await repo.addOrgMonthTotals(tx.db, deltas);
    }
    const who = recorder(tx);
    const ok = await standing.decideReduction(tx.db, {
      id: r.id,
      version: r.version,
      status: input.approve ? 'approved' : 'rejected',
      accountId: who.accountId,
      name: who.name,
      note: input.note ?? null,
      billsRepriced: repriced,
      at: tx.clock.now(),
    });
    if (!ok) throw new AppError('DUES_REDUCTION_NOT_PENDING');
    await writeAudit(tx, {
      action: input.approve ? 'dues.reduction.approve' : 'dues.reduction.reject',
      targetType: 'member',
      targetId: r.memberId,
      targetOrgPath: r.orgPath,
      actingForOrgId: coveringGrant(actor, 'dues.approve', parentPath(r.orgPath))?.orgId ?? null,
      details: { reductionId: r.id, billsRepriced: repriced, note: input.note ?? null },
    });
    return toView((await standing.findReduction(tx.db, r.id)) as standing.ReductionRow);
  });
}

/** GET /api/dues/reductions — requests in a subtree, newest first. */
export async function listDuesReductions(ctx: Ctx, q: z.infer<typeof reductionsQuery>) {
  const org = await loadDuesOrg(ctx, q.orgId, 'dues.read');
  const r = await standing.listReductions(ctx.db, { path: org.path, status: q.status }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: r.items.map(toView), total: r.total, page: q.page, pageSize: q.pageSize };
}
