import type { PaymentInput, PaymentView } from '@xianfeng/contracts/dues/dues.schemas';
import type { z } from 'zod';
import type { paymentsQuery } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { can, coveringGrant, requireActor, requirePermission } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { IdempotentCall } from '../../platform/http/idempotency.ts';
import { AppError, fieldError, notFound } from '../../platform/http/errors.ts';
import { loadDuesMember, loadDuesOrg, duesSettingsAt, recorder } from './dues.access.ts';
import { writeAllocations } from './dues.ledger.ts';
import { paymentProvider } from './dues.provider.ts';
import { allocateOldestFirst, backPaymentFloor } from './dues.rules.ts';
import * as repo from './dues.repository.ts';
import * as standing from './dues.standing.repository.ts';
import { toPaymentView, yuan } from './dues.views.ts';

/** 收据号: `DF` + year + an 8-digit sequence number that never repeats (a sequence, not max+1). */
const receiptNo = (paidOn: string, seq: number) => `DF${paidOn.slice(0, 4)}${String(seq).padStart(8, '0')}`;

async function paymentView(ctx: Ctx, id: string): Promise<PaymentView> {
  const p = await repo.findPayment(ctx.db, id);
  if (!p) throw notFound();
  return toPaymentView(p, await repo.findAllocations(ctx.db, [id]));
}

/**
 * POST /api/dues/payments — recorded by the branch (dues.collect over the member) or paid online by the
 * member for themselves. By `billIds` the amount must equal what those bills still owe; by `memberId` it
 * settles the oldest unpaid bills first and keeps any excess as prepayment (预交). 补交 reaches back at most
 * `dues.backPaymentMonths` months (2008 第十二条) unless the month is a 预备党员's since acceptance or the
 * branch recorded a valid reason. 代缴 names the paying member. One transaction, under the member's
 * account lock; the Idempotency-Key record is completed inside it.
 */
export async function recordDuesPayment(ctx: Ctx, input: PaymentInput, call: IdempotentCall): Promise<string> {
  const actor = requireActor(ctx);
  return inTransaction(ctx, async (tx) => {
    const bills = input.billIds ? await repo.findBillsByIdsForUpdate(tx.db, [...new Set(input.billIds)]) : null;
    if (bills && bills.length !== new Set(input.billIds).size) throw notFound();
    const memberId = input.memberId ?? bills![0]!.memberId;
    const member = await loadDuesMember(tx, memberId, 'dues.collect', { self: true });
    const staff = can(actor, 'dues.collect', member.orgPath);
    if (!staff && (input.method !== 'online' || (input.payerMemberId && input.payerMemberId !== actor.memberId))) {
      throw fieldError('DUES_ONLINE_SELF_ONLY', 'method');
    }
    if (member.state !== 'active') throw fieldError('DUES_MEMBER_NOT_BILLABLE', input.memberId ? 'memberId' : 'billIds');
    if (input.paidOn > tx.clock.today()) throw fieldError('DUES_PAID_ON_INVALID', 'paidOn');
    if (bills && bills.some((b) => b.memberId !== memberId || b.paidFen >= b.amountFen)) throw fieldError('DUES_BILL_NOT_PAYABLE', 'billIds');
    const payer = input.payerMemberId && input.payerMemberId !== memberId ? await repo.findDuesMember(tx.db, input.payerMemberId) : null;
    if (input.payerMemberId && input.payerMemberId !== memberId && (!payer || payer.state !== 'active' || !(staff ? can(actor, 'dues.collect', payer.orgPath) : false))) {
      throw fieldError('DUES_PAYER_INVALID', 'payerMemberId');
    }

    const account = await repo.lockAccount(tx.db, memberId);
    let allocations: { bill: repo.BillRow; amountFen: number }[];
    let leftover: number;
    if (bills) {
      const owed = bills.reduce((s, b) => s + b.amountFen - b.paidFen, 0);
      if (input.amountFen !== owed) throw fieldError('DUES_AMOUNT_MISMATCH', 'amountFen', `交纳金额应等于所选账单的未交金额 ${yuan(owed)} 元`);
      allocations = bills.map((b) => ({ bill: b, amountFen: b.amountFen - b.paidFen }));
      leftover = 0;
    } else {
      const r = allocateOldestFirst(await repo.findOpenBillsForUpdate(tx.db, memberId), input.amountFen);
      allocations = r.allocations;
      leftover = r.leftoverFen;
    }
    const settings = await duesSettingsAt(tx, member.orgPath);
    const floor = backPaymentFloor(input.paidOn, settings.backPaymentMonths);
    const tooOld = allocations.filter((a) => a.bill.month < floor && !a.bill.fromAcceptance);
    if (tooOld.length > 0) {
      const reasons = await standing.findArrearsReasons(tx.db, [memberId]);
      const unexcused = tooOld.filter((a) => !reasons.some((r) => r.fromMonth <= a.bill.month && a.bill.month <= r.toMonth));
      if (unexcused.length > 0) {
        throw fieldError('DUES_BACK_PAYMENT_LIMIT', input.billIds ? 'billIds' : 'memberId', `补交党费一般不超过 ${settings.backPaymentMonths} 个月：${unexcused.map((a) => a.bill.month).join('、')} 须由支部登记正当理由后补交`, '中组发〔2008〕3号 第十二条');
      }
    }

    const online = input.method === 'online' && !staff ? await paymentProvider().charge({ memberId, amountFen: input.amountFen, description: `党费 ${member.name}` }) : null;
    const creditAfter = account.creditFen + leftover;
    const who = recorder(tx);
    const paymentId = await repo.insertPayment(tx.db, {
      receiptNo: receiptNo(input.paidOn, await repo.nextReceiptSeq(tx.db)),
      kind: 'payment',
      memberId,
      payerMemberId: input.payerMemberId ?? null,
      orgId: member.orgId,
      amountFen: input.amountFen,
      method: input.method,
      paidOn: input.paidOn,
      reversesPaymentId: null,
      reason: null,
      provider: online ? paymentProvider().name : null,
      providerRef: online?.reference ?? null,
      moneyMoved: online ? online.moneyMoved : true,
      creditAfterFen: creditAfter,
      accountId: who.accountId,
      name: who.name,
      at: tx.clock.now(),
    });
    await writeAllocations(tx, paymentId, allocations);
    if (leftover > 0) await repo.updateAccount(tx.db, memberId, { creditFen: creditAfter }, tx.clock.now());
    await writeAudit(tx, {
      action: 'dues.payment.record',
      targetType: 'member',
      targetId: memberId,
      targetOrgPath: member.orgPath,
      actingForOrgId: coveringGrant(actor, 'dues.collect', member.orgPath)?.orgId ?? null,
      details: { paymentId, amountFen: input.amountFen, method: input.method, bills: allocations.length, prepaidFen: leftover, payerMemberId: input.payerMemberId ?? null, self: !staff },
    });
    return call.complete(tx, 201, await paymentView(tx, paymentId));
  });
}

/**
 * POST /api/dues/payments/:id/reverse — a correction is a reversing entry with a reason, never an edit:
 * the negative twin of every allocation the payment made (its prepayment spending included), and the
 * prepayment it still held taken back. A payment is reversed once.
 */
export async function reverseDuesPayment(ctx: Ctx, input: { id: string; reason: string }, call: IdempotentCall): Promise<string> {
  const actor = requirePermission(ctx, 'dues.collect');
  return inTransaction(ctx, async (tx) => {
    const original = await repo.findPayment(tx.db, input.id, true);
    if (!original) throw notFound();
    // The branch that recorded it, or the member's branch now (after a transfer), may correct it.
    const member = await repo.findDuesMember(tx.db, original.memberId);
    if (!member || (!can(actor, 'dues.collect', original.orgPath) && !can(actor, 'dues.collect', member.orgPath))) throw notFound();
    if (original.kind !== 'payment') throw new AppError('DUES_PAYMENT_NOT_REVERSIBLE');
    if (original.reversedBy) throw new AppError('DUES_PAYMENT_ALREADY_REVERSED');
    const account = await repo.lockAccount(tx.db, original.memberId);
    const allocated = await repo.findAllocations(tx.db, [original.id]);
    const perBill = new Map<string, number>();
    for (const a of allocated) perBill.set(a.billId, (perBill.get(a.billId) ?? 0) + a.amountFen);
    const bills = perBill.size ? await repo.findBillsByIdsForUpdate(tx.db, [...perBill.keys()]) : [];
    const undo = bills.filter((b) => (perBill.get(b.id) ?? 0) !== 0).map((b) => ({ bill: b, amountFen: -(perBill.get(b.id) as number) }));
    const heldFen = original.amountFen - [...perBill.values()].reduce((s, v) => s + v, 0);
    const creditAfter = account.creditFen - heldFen;
    const who = recorder(tx);
    const today = tx.clock.today();
    const reversalId = await repo.insertPayment(tx.db, {
      receiptNo: receiptNo(today, await repo.nextReceiptSeq(tx.db)),
      kind: 'reversal',
      memberId: original.memberId,
      payerMemberId: original.payerMemberId,
      orgId: original.orgId,
      amountFen: -original.amountFen,
      method: original.method,
      paidOn: today,
      reversesPaymentId: original.id,
      reason: input.reason,
      provider: null,
      providerRef: null,
      moneyMoved: original.moneyMoved,
      creditAfterFen: creditAfter,
      accountId: who.accountId,
      name: who.name,
      at: tx.clock.now(),
    });
    await writeAllocations(tx, reversalId, undo);
    if (heldFen !== 0) await repo.updateAccount(tx.db, original.memberId, { creditFen: creditAfter }, tx.clock.now());
    await writeAudit(tx, {
      action: 'dues.payment.reverse',
      targetType: 'member',
      targetId: original.memberId,
      targetOrgPath: member.orgPath,
      actingForOrgId: coveringGrant(actor, 'dues.collect', member.orgPath)?.orgId ?? null,
      details: { paymentId: original.id, reversalId, amountFen: original.amountFen, receiptNo: original.receiptNo, reason: input.reason },
    });
    return call.complete(tx, 201, await paymentView(tx, reversalId));
  });
}

/** GET /api/dues/payments — the subtree's ledger entries, newest first. */
export async function listDuesPayments(ctx: Ctx, q: z.infer<typeof paymentsQuery>) {
  const org = await loadDuesOrg(ctx, q.orgId, 'dues.read');
  const r = await repo.listPayments(ctx.db, { path: org.path, month: q.month, memberId: q.memberId }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const allocations = await repo.findAllocations(ctx.db, r.items.map((p) => p.id));
  return {
    items: r.items.map((p) => toPaymentView(p, allocations.filter((a) => a.paymentId === p.id))),
    total: r.total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
