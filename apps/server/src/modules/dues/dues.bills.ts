import type { GenerateView } from '@xianfeng/contracts/dues/dues.schemas';
import type { z } from 'zod';
import type { billsQuery } from '@xianfeng/contracts/dues/dues.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { coveringGrant } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import { daysInMonth } from '../../platform/dates.ts';
import { loadDuesOrg, duesSettingsForSubtree, type DuesSettings } from './dues.access.ts';
import { groupBy, spendCredit } from './dues.ledger.ts';
import { addMonth, applyCap, baseForMonth, isFixedCategory, monthOfDate, monthsToBill, standardDues } from './dues.rules.ts';
import * as repo from './dues.repository.ts';
import * as standing from './dues.standing.repository.ts';
import { findBillingPage, type BillingMember } from './dues.billing.repository.ts';
import { toBillView } from './dues.views.ts';

/**
 * Members per transaction: a run over a city commits as it goes, and running it again only fills the gaps.
 * Pages follow the tree (orgs in path order), so a page's collection totals touch few org rows.
 */
const BATCH = 10_000;
const PAGES_IN_FLIGHT = 2;
/** The furthest back a run looks for unbilled months (a 预备党员 accepted long before approval is rare). */
const MAX_LOOKBACK_MONTHS = 36;
const MISSING_LISTED = 200;

const lastDayOf = (month: string) => `${month}-${String(daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)))).padStart(2, '0')}`;

/** The months a run may bill a member (`monthsToBill`, at most MAX_LOOKBACK_MONTHS back), billed or not. */
function billableMonths(member: repo.DuesMemberRow, month: string, settings: DuesSettings, openingPaidUntil: string | null) {
  return monthsToBill({
    month,
    acceptedMonth: monthOfDate(member.joinedOn),
    openingPaidUntil,
    backPaymentMonths: settings.backPaymentMonths,
    probationary: member.status === 'probationary',
  }).filter((m) => m.month >= addMonth(month, -MAX_LOOKBACK_MONTHS));
}

/**
 * One member's new bills for a run: the months `monthsToBill` gives, minus those already billed, each
 * priced from the declaration in force (a month without one is left for a later run), capped, and
 * lowered by an approved reduction.
 */
export function priceMemberBills(input: {
  member: repo.DuesMemberRow;
  month: string;
  settings: DuesSettings;
  openingPaidUntil: string | null;
  billed: Set<string>;
  bases: repo.BillingBaseRow[];
  reductions: { id: string; kind: string; monthlyFen: number; fromMonth: string; toMonth: string; status: string }[];
}): { bills: repo.NewBill[]; missingBase: boolean } {
  const { member, settings } = input;
  const months = billableMonths(member, input.month, settings, input.openingPaidUntil).filter((m) => !input.billed.has(m.month));
  const bills: repo.NewBill[] = [];
  let missingBase = false;
  for (const { month, fromAcceptance } of months) {
    const base = baseForMonth(input.bases, month);
    if (!base) {
      missingBase = true;
      continue;
    }
    // Fixed categories are repriced from the settings of the day; a base category uses the declaration's
    // rounded standard amount (dues.rules.ts rounds once, at declaration).
    const standard = isFixedCategory(base.duesCategory) ? standardDues(base.duesCategory, null, settings).standardFen : base.standardFen;
    const { monthlyFen, capped } = applyCap(standard, settings);
    const reduction = input.reductions.find((r) => r.status === 'approved' && r.fromMonth <= month && month <= r.toMonth);
    const amountFen = reduction ? Math.min(monthlyFen, reduction.kind === 'exempt' ? 0 : reduction.monthlyFen) : monthlyFen;
    bills.push({
      memberId: member.id,
      orgId: member.orgId,
      month,
      duesCategory: base.duesCategory,
      rateBp: base.rateBp,
      standardFen: monthlyFen,
      amountFen,
      capped,
      reductionId: reduction?.id ?? null,
      fromAcceptance,
    });
  }
  return { bills, missingBase };
}

/**
 * POST /api/dues/bills/generate — the month's bills for every active member of a subtree, idempotent:
 * `(member, month)` is unique, so a second run creates nothing. Members who left, are suspended or were
 * transferred out are no longer in the subtree's active roll and stop being billed; a member's bills
 * follow the member, so 党费交至 travels with a transfer. Prepayment settles new bills at once.
 */
export async function generateMonthlyBills(ctx: Ctx, input: { orgId: string; month: string }): Promise<GenerateView> {
  const org = await loadDuesOrg(ctx, input.orgId, 'dues.collect');
  if (input.month > monthOfDate(ctx.clock.today())) throw new AppError('DUES_MONTH_IN_FUTURE', { details: [{ path: 'month', message: '不能生成未来月份的党费账单' }] });
  const settingsOf = await duesSettingsForSubtree(ctx, org.path);
  const lastDay = lastDayOf(input.month);
  const result: GenerateView = { orgId: org.id, month: input.month, created: 0, existing: 0, settledFromCredit: 0, missingBase: [], missingBaseTotal: 0 };
  const pages = cutPages(await repo.countBillableMembersByOrg(ctx.db, { path: org.path, lastDay }));
  const lookbackFrom = addMonth(input.month, -MAX_LOOKBACK_MONTHS);
  let next = 0;
  const worker = async () => {
    while (next < pages.length) {
      const page = pages[next++]!;
      // The earliest back-payment limit among the page's orgs (settings may differ down the tree).
      const fullFrom = page.orgPaths.reduce((min, path) => {
        const from = addMonth(input.month, -settingsOf(path).backPaymentMonths);
        return from < min ? from : min;
      }, input.month);
      const read = (p: { afterId: string | null; limit: number } | null) =>
        findBillingPage(ctx.db, { orgIds: page.orgIds, lastDay, month: input.month, fullFrom, lookbackFrom, page: p });
      if (page.size <= BATCH) {
        const members = await read(null);
        if (members.length > 0) await inTransaction(ctx, (tx) => billPage(tx, { members, month: input.month, settingsOf, result }));
        continue;
      }
      // One org larger than a page: read in id order across several.
      for (let afterId: string | null = null; ; ) {
        const members = await read({ afterId, limit: BATCH });
        if (members.length === 0) break;
        afterId = members[members.length - 1]!.id;
        await inTransaction(ctx, (tx) => billPage(tx, { members, month: input.month, settingsOf, result }));
        if (members.length < BATCH) break;
      }
    }
  };
  // Pages in flight at once: while PostgreSQL writes one page, Node prices the next (two cores). Pages touch
  // disjoint members and, cut along the tree, mostly disjoint org rows; the shared ancestors' totals are
  // updated in one ordered statement at each page's end, so the pages queue there briefly, never deadlock.
  await Promise.all(Array.from({ length: PAGES_IN_FLIGHT }, worker));
  await inTransaction(ctx, (tx) =>
    writeAudit(tx, {
      action: 'dues.bills.generate',
      targetType: 'org',
      targetId: org.id,
      targetOrgPath: org.path,
      actingForOrgId: coveringGrant(ctx.actor, 'dues.collect', org.path)?.orgId ?? null,
      details: { month: input.month, created: result.created, existing: result.existing, missingBase: result.missingBaseTotal, settledFromCredit: result.settledFromCredit },
    }),
  );
  return result;
}

interface Page {
  orgIds: string[];
  orgPaths: string[];
  size: number;
}

/** Consecutive orgs (tree order) grouped into pages of at most BATCH members; an org larger than that is a page of its own. */
function cutPages(counts: { orgId: string; orgPath: string; members: number }[]): Page[] {
  const pages: Page[] = [];
  let page: Page = { orgIds: [], orgPaths: [], size: 0 };
  for (const c of counts) {
    if (page.size > 0 && page.size + c.members > BATCH) {
      pages.push(page);
      page = { orgIds: [], orgPaths: [], size: 0 };
    }
    page.orgIds.push(c.orgId);
    page.orgPaths.push(c.orgPath);
    page.size += c.members;
  }
  if (page.orgIds.length > 0) pages.push(page);
  return pages;
}

/**
 * One page of a run in its own transaction: prices in Node from what `findBillingPage` read, inserts the bills,
 * spends prepayment set-wise, and adds every collection delta in one statement.
 */
async function billPage(tx: Ctx, p: { members: BillingMember[]; month: string; settingsOf: (path: string) => DuesSettings; result: GenerateView }): Promise<void> {
  const { members, month, result } = p;
  const ids = members.map((m) => m.id);
  let from = month;
  for (const m of members) {
    const first = billableMonths(m, month, p.settingsOf(m.orgPath), m.openingPaidUntil)[0]?.month;
    if (first && first < from) from = first;
  }
  // 少交/免交 are few: one statement for the page.
  const reductionsOf = groupBy(await standing.findLiveReductions(tx.db, ids, from, month), (r) => r.memberId);
  const newBills: repo.NewBill[] = [];
  for (const member of members) {
    const already = new Set(member.billed);
    if (already.has(month)) result.existing += 1;
    const priced = priceMemberBills({
      member,
      month,
      settings: p.settingsOf(member.orgPath),
      openingPaidUntil: member.openingPaidUntil,
      billed: already,
      bases: member.bases,
      reductions: reductionsOf.get(member.id) ?? [],
    });
    newBills.push(...priced.bills);
    if (priced.missingBase && !already.has(month)) {
      result.missingBaseTotal += 1;
      if (result.missingBase.length < MISSING_LISTED) result.missingBase.push({ memberId: member.id, name: member.name, orgName: member.orgName });
    }
  }
  const created = await repo.insertBills(tx.db, newBills, tx.clock.now());
  result.created += created.length;
  // A month's bill made by a concurrent run between the read and the insert exists too (the unique key skipped it).
  const thisMonth = (list: { month: string }[]) => list.filter((b) => b.month === month).length;
  result.existing += thisMonth(newBills) - thisMonth(created);
  // Prepayment (预交) settles the new bills now.
  const billedNow = new Set(created.map((b) => b.memberId));
  const credit = await spendCredit(
    tx,
    members.filter((m) => m.creditFen > 0 && billedNow.has(m.id)).map((m) => m.id),
  );
  result.settledFromCredit += credit.settled;
  await repo.addOrgMonthTotals(tx.db, [
    ...created.map((b) => ({ orgId: b.orgId, month: b.month, bills: 1, settledBills: b.amountFen === 0 ? 1 : 0, amountFen: b.amountFen, paidFen: 0 })),
    ...credit.deltas,
  ]);
}

/** GET /api/dues/bills — a subtree's bills, newest month first, with the filter's totals. */
export async function listDuesBills(ctx: Ctx, q: z.infer<typeof billsQuery>) {
  const org = await loadDuesOrg(ctx, q.orgId, 'dues.read');
  const r = await repo.listBills(ctx.db, { path: org.path, month: q.month, memberId: q.memberId, status: q.status }, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: r.items.map(toBillView), total: r.total, page: q.page, pageSize: q.pageSize, totals: { amountFen: r.amountFen, paidFen: r.paidFen } };
}
