import type { Ctx } from '../../platform/context.ts';
import { allocateOldestFirst } from './dues.rules.ts';
import * as repo from './dues.repository.ts';

export interface OpenBillRef {
  id: string;
  orgId: string;
  month: string;
  amountFen: number;
  paidFen: number;
}

export interface AllocationEntry {
  paymentId: string;
  bill: OpenBillRef;
  amountFen: number;
}

/**
 * The one place allocations are written: the allocation rows and the bills' paid amounts, set-wise, in the
 * caller's transaction (bills locked by the caller). Entries apply in order, so a bill settled by two
 * payments moves through both. Returns the org-month deltas for the caller's one `addOrgMonthTotals`.
 */
export async function applyAllocations(tx: Ctx, entries: AllocationEntry[]): Promise<repo.OrgMonthDelta[]> {
  if (entries.length === 0) return [];
  const now = tx.clock.now();
  await repo.insertAllocations(tx.db, entries.map((e) => ({ paymentId: e.paymentId, billId: e.bill.id, amountFen: e.amountFen })), now);
  const deltas: repo.OrgMonthDelta[] = [];
  const paidAfter = new Map<string, number>();
  for (const e of entries) {
    const before = e.bill.paidFen;
    const after = before + e.amountFen;
    const settled = Number(after >= e.bill.amountFen) - Number(before >= e.bill.amountFen);
    deltas.push({ orgId: e.bill.orgId, month: e.bill.month, bills: 0, settledBills: settled, amountFen: 0, paidFen: e.amountFen });
    e.bill.paidFen = after;
    paidAfter.set(e.bill.id, after);
  }
  await repo.setBillsPaid(tx.db, [...paidAfter].map(([id, paidFen]) => ({ id, paidFen })), now);
  return deltas;
}

/** One payment's (or reversal's) allocations with their collection totals. */
export async function writeAllocations(tx: Ctx, paymentId: string, allocations: { bill: OpenBillRef; amountFen: number }[]): Promise<void> {
  await repo.addOrgMonthTotals(tx.db, await applyAllocations(tx, allocations.map((a) => ({ paymentId, ...a }))));
}

/**
 * Spends the prepayment (预交) of some members on their open bills, oldest bill first: each allocation draws
 * on the member's oldest payment that still holds money, so every fen stays traceable to its receipt.
 * Set-wise for a bill run's page: the accounts holding credit are locked in member order (the order a
 * payment takes them, account then bills), then their open bills. Returns the bills settled and the
 * org-month deltas (the caller adds them with its own in one call).
 */
export async function spendCredit(tx: Ctx, memberIds: string[]): Promise<{ settled: number; deltas: repo.OrgMonthDelta[] }> {
  const accounts = await repo.lockAccountsWithCredit(tx.db, memberIds);
  if (accounts.length === 0) return { settled: 0, deltas: [] };
  const ids = accounts.map((a) => a.memberId);
  const openOf = groupBy(await repo.findOpenBillsOfMembersForUpdate(tx.db, ids), (b) => b.memberId);
  const sourcesOf = groupBy(await repo.findPaymentsWithCredit(tx.db, ids), (p) => p.memberId);
  const entries: AllocationEntry[] = [];
  const credits: { memberId: string; creditFen: number }[] = [];
  let settled = 0;
  for (const account of accounts) {
    // Allocation works on copies, so the next source sees what this one paid; applyAllocations moves the bills.
    const open = (openOf.get(account.memberId) ?? []).map((b) => ({ ...b, original: b }));
    let left = account.creditFen;
    for (const source of sourcesOf.get(account.memberId) ?? []) {
      const budget = Math.min(source.remainderFen, left);
      if (budget <= 0) continue;
      const { allocations } = allocateOldestFirst(
        open.filter((b) => b.paidFen < b.amountFen),
        budget,
      );
      if (allocations.length === 0) break;
      for (const a of allocations) {
        entries.push({ paymentId: source.id, bill: a.bill.original, amountFen: a.amountFen });
        a.bill.paidFen += a.amountFen;
        if (a.bill.paidFen >= a.bill.amountFen) settled += 1;
      }
      left -= allocations.reduce((s, a) => s + a.amountFen, 0);
    }
    if (left !== account.creditFen) credits.push({ memberId: account.memberId, creditFen: left });
  }
  const deltas = await applyAllocations(tx, entries);
  await repo.setAccountCredits(tx.db, credits, tx.clock.now());
  return { settled, deltas };
}

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}
