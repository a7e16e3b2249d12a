import type { MemberDuesView } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import { requireActor } from '../../platform/access/access.ts';
import { notFound } from '../../platform/http/errors.ts';
import { duesSettingsAt, loadDuesMember } from './dues.access.ts';
import { applyCap, arrearsOf, baseForMonth, billStatusOf, isFixedCategory, monthOfDate, paidUntilOf, standardDues } from './dues.rules.ts';
import * as repo from './dues.repository.ts';
import * as standing from './dues.standing.repository.ts';
import { toBaseView, toBillView, toPaymentView } from './dues.views.ts';

/** A member's dues standing: 党费交至, prepayment, arrears and what a month costs now. */
export async function duesStandingOf(ctx: Ctx, member: repo.DuesMemberRow) {
  const today = ctx.clock.today();
  const currentMonth = monthOfDate(today);
  const [bills, bases, accounts, reasons, settings, reductions] = await Promise.all([
    repo.findBillsByMember(ctx.db, member.id),
    repo.findBases(ctx.db, [member.id]),
    repo.findAccounts(ctx.db, [member.id]),
    standing.findArrearsReasons(ctx.db, [member.id]),
    duesSettingsAt(ctx, member.orgPath),
    standing.findLiveReductions(ctx.db, [member.id], currentMonth, currentMonth),
  ]);
  const account = accounts[0] ?? { creditFen: 0, openingPaidUntil: null };
  const base = baseForMonth(bases, currentMonth);
  const standardNow = base ? applyCap(isFixedCategory(base.duesCategory) ? standardDues(base.duesCategory, null, settings).standardFen : base.standardFen, settings).monthlyFen : null;
  // An approved 少交/免交 in force lowers what a month costs now (as it lowers the bills).
  const reduction = reductions.find((r) => r.status === 'approved');
  const currentMonthlyFen = standardNow !== null && reduction ? Math.min(standardNow, reduction.monthlyFen) : standardNow;
  const ledger = bills.map((b) => ({ month: b.month, status: billStatusOf(b.amountFen, b.paidFen), amountFen: b.amountFen, paidFen: b.paidFen }));
  const arrears = arrearsOf({ bills: ledger, reasons, currentMonth, reminderMonths: settings.reminderMonths });
  return {
    bills,
    bases,
    base,
    currentMonthlyFen,
    creditFen: account.creditFen,
    paidUntil: paidUntilOf({ bills: ledger, openingPaidUntil: account.openingPaidUntil, creditFen: account.creditFen, monthlyFen: currentMonthlyFen }),
    arrears,
    reasons,
    settings,
  };
}

/**
 * For other modules (组织关系转接 prints 党费交至 on the letter): a member's paid-until month, or null.
 * No permission check: the caller has checked its scope.
 */
export async function paidUntilForMember(ctx: Ctx, memberId: string): Promise<string | null> {
  const member = await repo.findDuesMember(ctx.db, memberId);
  if (!member) return null;
  return (await duesStandingOf(ctx, member)).paidUntil;
}

/** GET /api/members/:id/dues — the member's dues file: staff with dues.read over the member, or the member. */
export async function memberDues(ctx: Ctx, input: { memberId: string; year?: number | undefined }): Promise<MemberDuesView> {
  const member = await loadDuesMember(ctx, input.memberId, 'dues.read', { self: true });
  const year = input.year ?? Number(ctx.clock.today().slice(0, 4));
  const s = await duesStandingOf(ctx, member);
  const payments = (await repo.findPaymentsByMember(ctx.db, member.id)).filter((p) => p.paidOn.startsWith(String(year)));
  const allocations = await repo.findAllocations(ctx.db, payments.map((p) => p.id));
  return {
    memberId: member.id,
    name: member.name,
    orgId: member.orgId,
    paidUntil: s.paidUntil,
    creditFen: s.creditFen,
    owedFen: s.arrears.owedFen,
    unpaidMonths: s.arrears.unpaidMonths,
    consecutiveUnpaid: s.arrears.consecutiveUnpaid,
    arrearsLevel: s.arrears.level,
    currentBase: s.base ? toBaseView(ctx, s.base, { showBase: member.isSelf }) : null,
    currentMonthlyFen: s.currentMonthlyFen,
    year,
    bills: s.bills.filter((b) => b.month.startsWith(String(year))).map(toBillView),
    payments: payments.map((p) => toPaymentView(p, allocations.filter((a) => a.paymentId === p.id))),
    bases: [...s.bases].reverse().map((b) => toBaseView(ctx, b, { showBase: member.isSelf })),
    arrearsReasons: s.reasons.map((r) => ({ fromMonth: r.fromMonth, toMonth: r.toMonth, reason: r.reason })),
    baseRule: s.settings.baseRule,
    backPaymentMonths: s.settings.backPaymentMonths,
  };
}

/** GET /api/dues/me — the caller's own dues (an account without a member file has none: 404). */
export async function myDues(ctx: Ctx, input: { year?: number | undefined }): Promise<MemberDuesView> {
  const actor = requireActor(ctx);
  if (!actor.memberId) throw notFound();
  return memberDues(ctx, { memberId: actor.memberId, year: input.year });
}
