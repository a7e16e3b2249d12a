import type { Ctx } from '../../platform/context.ts';
import { allocateOldestFirst } from './dues.rules.ts';
import * as repo from './dues.repository.ts';

/**
 * The one place allocations are written: the allocation rows, the bills' paid amounts and the org-month
 * totals move together in the caller's transaction (bills locked by the caller).
 */
export async function writeAllocations(tx: Ctx, paymentId: string, allocations: { bill: repo.BillRow | OpenBillRef; amountFen: number }[]): Promise<void> {
  if (allocations.length === 0) return;
  const now = tx.clock.now();
  await repo.insertAllocations(tx.db, paymentId, allocations.map((a) => ({ billId: a.bill.id, amountFen: a.amountFen })), now);
  const deltas: Parameters<typeof repo.addOrgMonthTotals>[1] = [];
  for (const a of allocations) {
    const before = a.bill.paidFen;
    const after = before + a.amountFen;
    await repo.setBillPaid(tx.db, a.bill.id, after, now);
    const wasSettled = before >= a.bill.amountFen;
    const isSettled = after >= a.bill.amountFen;
    deltas.push({ orgId: a.bill.orgId, month: a.bill.month, bills: 0, settledBills: Number(isSettled) - Number(wasSettled), amountFen: 0, paidFen: a.amountFen });
    a.bill.paidFen = after;
  }
  await repo.addOrgMonthTotals(tx.db, deltas);
}

export interface OpenBillRef {
  id: string;
  orgId: string;
  month: string;
  amountFen: number;
  paidFen: number;
}

/**
 * Spends a member's prepayment (预交) on their open bills, oldest first: each allocation draws on the
 * oldest payment that still holds money, so every fen stays traceable to its receipt. The account must be
 * locked by the caller. Returns how many bills were settled and the credit left.
 */
export async function spendCredit(tx: Ctx, memberId: string, creditFen: number): Promise<{ settled: number; creditFen: number }> {
  if (creditFen <= 0) return { settled: 0, creditFen };
  const open = await repo.findOpenBillsForUpdate(tx.db, memberId);
  if (open.length === 0) return { settled: 0, creditFen };
  const sources = await repo.findPaymentsWithCredit(tx.db, memberId);
  let settled = 0;
  let left = creditFen;
  for (const source of sources) {
    const budget = Math.min(source.remainderFen, left);
    if (budget <= 0) continue;
    const { allocations } = allocateOldestFirst(
      open.filter((b) => b.paidFen < b.amountFen),
      budget,
    );
    if (allocations.length === 0) break;
    await writeAllocations(tx, source.id, allocations);
    const spent = allocations.reduce((s, a) => s + a.amountFen, 0);
    left -= spent;
    settled += allocations.filter((a) => a.bill.paidFen >= a.bill.amountFen).length;
  }
  await repo.updateAccount(tx.db, memberId, { creditFen: left }, tx.clock.now());
  return { settled, creditFen: left };
}
