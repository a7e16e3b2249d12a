import type { BaseView, BillView, PaymentView } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import { billStatusOf } from './dues.rules.ts';
import type * as repo from './dues.repository.ts';

/** Response shapes built from rows: only the listed fields leave the server. */

/** Integer fen as yuan with two decimals, no float arithmetic: 7502 → "75.02", -7502 → "-75.02". */
export function yuan(fen: number): string {
  const a = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export const baseAad = (memberId: string, id: string) => `dues_base|base|${memberId}|${id}`;

export function toBillView(b: repo.BillRow): BillView {
  return {
    id: b.id,
    memberId: b.memberId,
    memberName: b.memberName,
    orgId: b.orgId,
    orgName: b.orgName,
    month: b.month,
    duesCategory: b.duesCategory,
    rateBasisPoints: b.rateBp,
    standardFen: b.standardFen,
    amountFen: b.amountFen,
    paidFen: b.paidFen,
    capped: b.capped,
    reductionId: b.reductionId,
    status: billStatusOf(b.amountFen, b.paidFen),
    fromAcceptance: b.fromAcceptance,
  };
}

/** The base itself is shown to the member only (sensitive income data, security-requirements §9). */
export function toBaseView(ctx: Ctx, b: repo.BaseRow, opts: { showBase: boolean }): BaseView {
  return {
    id: b.id,
    memberId: b.memberId,
    duesCategory: b.duesCategory,
    effectiveMonth: b.effectiveMonth,
    rateBasisPoints: b.rateBp,
    standardFen: b.standardFen,
    baseFen: opts.showBase && b.baseEnc ? Number(ctx.crypto.decryptField(b.baseEnc, baseAad(b.memberId, b.id))) : null,
    declaredAt: new Date(b.createdAt).toISOString(),
    declaredBy: b.declaredByName,
  };
}

export function toPaymentView(p: repo.PaymentRow, allocations: { billId: string; month: string; amountFen: number }[]): PaymentView {
  return {
    id: p.id,
    receiptNo: p.receiptNo,
    kind: p.kind,
    memberId: p.memberId,
    memberName: p.memberName,
    payerMemberId: p.payerMemberId,
    payerName: p.payerName,
    orgId: p.orgId,
    amountFen: p.amountFen,
    method: p.method,
    paidOn: p.paidOn,
    allocations: allocations.map((a) => ({ billId: a.billId, month: a.month, amountFen: a.amountFen })),
    creditFen: p.creditAfterFen,
    reversesPaymentId: p.reversesPaymentId,
    reversedByPaymentId: p.reversedBy,
    reason: p.reason,
    provider: p.provider,
    moneyMoved: p.moneyMoved,
    recordedAt: new Date(p.createdAt).toISOString(),
    recordedBy: p.recordedByName,
  };
}
