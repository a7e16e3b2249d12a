import { billStatusLabels, duesCategoryLabels, paymentMethodLabels, type DuesCategory } from '@xianfeng/contracts/dues/dues.enums';
import { branchKinds, orgDomainLabels, type OrgDomain } from '@xianfeng/contracts/org/org.enums';
import type { Ctx } from '../../platform/context.ts';
import { businessMinute } from '../../platform/clock.ts';
import { coveringGrant, pathUpperBound, requireActor } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { settingsResolverForSubtree } from '../settings/settings.service.ts';
import { loadDuesMember, loadDuesOrg } from './dues.access.ts';
import { rateOf } from './dues.collection.ts';
import { duesStandingOf } from './dues.member.ts';
import { billStatusOf, monthIndex, monthsBetween, roundHalfUpFen } from './dues.rules.ts';
import * as repo from './dues.repository.ts';
import { yuan } from './dues.views.ts';
import * as reports from './dues.reports.repository.ts';
import * as standing from './dues.standing.repository.ts';

/**
 * The three generated 党费 documents (docs/dues-ledger.md): a member's year, a branch's month for
 * signatures, a subtree's year with the 两新 returns. This file gathers the figures (integer fen, summed
 * as integers); dues.reports.xlsx.ts and dues.reports.pdf.ts only lay them out.
 */

// ---- formatting, shared by both layouts ----

export { yuan };
/** A collection rate in basis points as a percentage with two decimals ("—" with nothing billed). */
export const rateText = (bp: number | null): string => (bp === null ? '—' : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`);
/** A dues rate in basis points as printed in the 2008 rule: 50 → "0.5%", 150 → "1.5%"; fixed categories "定额". */
export function duesRateText(bp: number | null): string {
  if (bp === null) return '定额';
  const frac = bp % 100 ? `.${String(bp % 100).padStart(2, '0').replace(/0$/, '')}` : '';
  return `${Math.floor(bp / 100)}${frac}%`;
}
export const categoryText = (c: DuesCategory | null): string => (c ? duesCategoryLabels[c] : '');
export const timeText = (d: Date): string => businessMinute(d);
const uniq = (list: string[]) => [...new Set(list.filter(Boolean))];
/** Ledger entries by bill (one pass, not one filter per bill). */
function byBill(entries: reports.BillEntryRow[]): (billId: string) => reports.BillEntryRow[] {
  const map = new Map<string, reports.BillEntryRow[]>();
  for (const e of entries) {
    const list = map.get(e.billId);
    if (list) list.push(e);
    else map.set(e.billId, [e]);
  }
  return (billId) => map.get(billId) ?? [];
}
/** Months as runs: 2026-06…2026-11 → "2026-06 至 2026-11"; separate runs joined by "、". */
export function monthRuns(months: string[]): string {
  const runs: [string, string][] = [];
  for (const mo of uniq(months).sort()) {
    const last = runs.at(-1);
    if (last && monthIndex(mo) === monthIndex(last[1]) + 1) last[1] = mo;
    else runs.push([mo, mo]);
  }
  return runs.map(([a, b]) => (a === b ? a : `${a} 至 ${b}`)).join('、');
}
/** A ledger entry as cited on a bill: reversals are marked. */
const receiptOf = (e: { receiptNo: string; kind: string }) => (e.kind === 'reversal' ? `${e.receiptNo}（冲正）` : e.receiptNo);

export type ReportFormat = 'xlsx' | 'pdf';
export type ReportKind = 'member_ledger' | 'collection_sheet' | 'yearly';

// ---- 1. 党员党费缴纳明细 ----

export interface LedgerMonth {
  month: string;
  billed: boolean;
  category: string;
  rate: string;
  amountFen: number | null;
  paidFen: number | null;
  status: string;
  /** 封顶, 少交/免交, 预备期补交. */
  notes: string[];
  /** The ledger entries that touched the month's bill (reversals marked). */
  paidOn: string[];
  receipts: string[];
}
export type LedgerPayment = { receiptNo: string; reversal: boolean; paidOn: string; amountFen: number; method: string; payerName: string; months: string; note: string; recordedBy: string };
export interface MemberLedgerDoc {
  member: { id: string; name: string; orgName: string; orgPath: string };
  year: number;
  generatedAt: Date;
  paidUntil: string | null;
  category: string;
  rate: string;
  monthlyFen: number | null;
  creditFen: number;
  owedFen: number;
  months: LedgerMonth[];
  totals: { amountFen: number; paidFen: number };
  payments: LedgerPayment[];
  paymentsNetFen: number;
}

/** A member's year: the standing (党费交至, the current category and rate — never the base), the months and the ledger entries. */
export async function memberLedgerData(ctx: Ctx, input: { memberId: string; year: number }): Promise<MemberLedgerDoc> {
  const member = await loadDuesMember(ctx, input.memberId, 'dues.read', { self: true });
  const s = await duesStandingOf(ctx, member);
  const year = String(input.year);
  const bills = s.bills.filter((b) => b.month.startsWith(year));
  const all = await repo.findPaymentsByMember(ctx.db, member.id);
  const [entries, allocations] = await Promise.all([
    reports.findBillEntries(ctx.db, bills.map((b) => b.id)),
    repo.findAllocations(ctx.db, all.filter((p) => p.paidOn.startsWith(year)).map((p) => p.id)),
  ]);
  const entriesOf = byBill(entries);
  const months = monthsBetween(`${year}-01`, `${year}-12`).map((month): LedgerMonth => {
    const b = bills.find((x) => x.month === month);
    if (!b) return { month, billed: false, category: '', rate: '', amountFen: null, paidFen: null, status: '无账单', notes: [], paidOn: [], receipts: [] };
    const touched = entriesOf(b.id);
    const notes = [
      ...(b.capped ? ['封顶'] : []),
      ...(b.reductionId ? [b.amountFen === 0 ? '免交（已批准）' : '少交（已批准）'] : []),
      ...(b.fromAcceptance ? ['预备期补交'] : []),
    ];
    return {
      month,
      billed: true,
      category: categoryText(b.duesCategory),
      rate: duesRateText(b.rateBp),
      amountFen: b.amountFen,
      paidFen: b.paidFen,
      status: billStatusLabels[billStatusOf(b.amountFen, b.paidFen)],
      notes,
      paidOn: uniq(touched.map((e) => e.paidOn)),
      receipts: uniq(touched.map(receiptOf)),
    };
  });
  const receiptById = new Map(all.map((p) => [p.id, p.receiptNo]));
  const payments = all
    .filter((p) => p.paidOn.startsWith(year))
    .reverse()
    .map((p): LedgerPayment => {
      const own = allocations.filter((a) => a.paymentId === p.id);
      const held = p.amountFen - own.reduce((t, a) => t + a.amountFen, 0);
      const note =
        p.kind === 'reversal'
          ? `冲正 ${receiptById.get(p.reversesPaymentId ?? '') ?? ''}：${p.reason ?? ''}`
          : [p.reversedBy ? `已冲正（${receiptById.get(p.reversedBy) ?? ''}）` : '', held > 0 && !p.reversedBy ? `其中预交 ${yuan(held)} 元未抵扣` : ''].filter(Boolean).join('；');
      return {
        receiptNo: p.receiptNo,
        reversal: p.kind === 'reversal',
        paidOn: p.paidOn,
        amountFen: p.amountFen,
        method: paymentMethodLabels[p.method],
        payerName: p.payerMemberId && p.payerMemberId !== p.memberId ? (p.payerName ?? '') : '',
        months: monthRuns(own.map((a) => a.month)),
        note,
        recordedBy: p.recordedByName ?? '',
      };
    });
  return {
    member: { id: member.id, name: member.name, orgName: member.orgName, orgPath: member.orgPath },
    year: input.year,
    generatedAt: ctx.clock.now(),
    paidUntil: s.paidUntil,
    category: categoryText(s.base?.duesCategory ?? null),
    rate: s.base ? duesRateText(s.base.rateBp) : '',
    monthlyFen: s.currentMonthlyFen,
    creditFen: s.creditFen,
    owedFen: s.arrears.owedFen,
    months,
    totals: { amountFen: bills.reduce((t, b) => t + b.amountFen, 0), paidFen: bills.reduce((t, b) => t + b.paidFen, 0) },
    payments,
    paymentsNetFen: payments.reduce((t, p) => t + p.amountFen, 0),
  };
}

// ---- 2. 党支部党费收缴登记表 ----

export type Totals = { members: number; settled: number; amountFen: number; paidFen: number; rateBp: number | null };
export type SheetRow = { name: string; category: string; rate: string; amountFen: number; paidFen: number; status: string; paidOn: string; receipts: string; methods: string; payers: string };
export type SheetGroup = { branchName: string; rows: SheetRow[]; totals: Totals };
export interface CollectionSheetDoc {
  org: { id: string; name: string; path: string };
  month: string;
  generatedAt: Date;
  /** An org above the branches: the rows come grouped by branch, each with its subtotal. */
  grouped: boolean;
  groups: SheetGroup[];
  totals: Totals;
}

function totalsOf(list: { amountFen: number; paidFen: number }[]): Totals {
  const t = { members: list.length, settled: 0, amountFen: 0, paidFen: 0 };
  for (const r of list) {
    t.amountFen += r.amountFen;
    t.paidFen += r.paidFen;
    if (r.paidFen >= r.amountFen) t.settled += 1;
  }
  return { ...t, rateBp: rateOf({ ...t, bills: t.members, settledBills: t.settled }) };
}

/** One row per member billed for the month (the bill's month, whenever it was paid), by branch. */
export async function collectionSheetData(ctx: Ctx, input: { orgId: string; month: string }): Promise<CollectionSheetDoc> {
  const org = await loadDuesOrg(ctx, input.orgId, 'dues.read');
  const bills = await reports.findSheetBills(ctx.db, { path: org.path, month: input.month });
  const entriesOf = byBill(await reports.findBillEntries(ctx.db, bills.map((b) => b.id)));
  const groups: (SheetGroup & { branchId: string })[] = [];
  for (const b of bills) {
    let g = groups.at(-1);
    if (!g || g.branchId !== b.branchId) groups.push((g = { branchId: b.branchId, branchName: b.branchName, rows: [], totals: totalsOf([]) }));
    const touched = entriesOf(b.id);
    g.rows.push({
      name: b.memberName,
      category: categoryText(b.duesCategory),
      rate: duesRateText(b.rateBp),
      amountFen: b.amountFen,
      paidFen: b.paidFen,
      status: billStatusLabels[billStatusOf(b.amountFen, b.paidFen)],
      paidOn: uniq(touched.map((e) => e.paidOn)).join('\n'),
      receipts: uniq(touched.map(receiptOf)).join('\n'),
      methods: uniq(touched.map((e) => paymentMethodLabels[e.method])).join('、'),
      payers: uniq(touched.map((e) => e.payerName ?? '')).join('、'),
    });
  }
  for (const g of groups) g.totals = totalsOf(g.rows);
  return {
    org: { id: org.id, name: org.name, path: org.path },
    month: input.month,
    generatedAt: ctx.clock.now(),
    grouped: !branchKinds.includes(org.kind),
    groups,
    totals: totalsOf(bills),
  };
}

// ---- 3. 党费收缴年度报表 ----

/** `monthsFen`: collected per bill month, January first. */
export type YearRow = { name: string; note: string; monthsFen: number[]; amountFen: number; paidFen: number; rateBp: number | null };
export type ReturnRow = { name: string; domain: string; parentName: string; paidFen: number; percent: number; returnFen: number };
export interface YearlyDoc {
  org: { id: string; name: string; path: string };
  year: number;
  generatedAt: Date;
  rows: YearRow[];
  total: YearRow;
  returns: ReturnRow[];
  returnsTotal: { paidFen: number; returnFen: number };
}

const LIANXIN: readonly OrgDomain[] = ['private_enterprise', 'social_org'];
const inside = (path: string, root: string) => path >= root && path < pathUpperBound(root);

/**
 * The subtree's year from the per-org totals (`dues_org_month`): collected figures are credited to the
 * bill's month, not the payment date. One row per direct child (a dissolved one only when it has
 * figures), the org's own members as 本级, and a total; then the 两新 returns.
 */
export async function yearlyReportData(ctx: Ctx, input: { orgId: string; year: number }): Promise<YearlyDoc> {
  const org = await loadDuesOrg(ctx, input.orgId, 'dues.read');
  const months = monthsBetween(`${input.year}-01`, `${input.year}-12`);
  const [found, orgs, settingOf] = await Promise.all([
    standing.findOrgMonthTotals(ctx.db, { path: org.path, months }),
    reports.findReportOrgs(ctx.db, org.path),
    settingsResolverForSubtree(ctx, org.path, ['dues.lianxinReturnPercent'] as const),
  ]);
  const rowOf = (name: string, note: string, match: (path: string) => boolean): YearRow => {
    const monthsFen = months.map(() => 0);
    let amountFen = 0;
    for (const r of found) {
      if (!match(r.orgPath)) continue;
      const i = months.indexOf(r.month);
      monthsFen[i] = (monthsFen[i] ?? 0) + Number(r.paidFen);
      amountFen += Number(r.amountFen);
    }
    const paidFen = monthsFen.reduce((t, v) => t + v, 0);
    return { name, note, monthsFen, amountFen, paidFen, rateBp: rateOf({ bills: 0, settledBills: 0, amountFen, paidFen }) };
  };
  const hasFigures = (r: YearRow) => r.amountFen !== 0 || r.paidFen !== 0;
  const rows = orgs
    .filter((o) => o.parentId === org.id)
    .map((c) => ({ c, row: rowOf(c.name, c.dissolvedOn ? `已撤销（${c.dissolvedOn}）` : '', (p) => inside(p, c.path)) }))
    .filter(({ c, row }) => !c.dissolvedOn || hasFigures(row))
    .map(({ row }) => row);
  const own = rowOf(`${org.name}（本级）`, '直属本组织的党员', (p) => p === org.path);
  if (hasFigures(own)) rows.unshift(own);

  const byId = new Map(orgs.map((o) => [o.id, o]));
  const lianxinAbove = (o: reports.ReportOrgRow) => {
    for (let p = o.parentId ? byId.get(o.parentId) : undefined; p; p = p.parentId ? byId.get(p.parentId) : undefined) if (LIANXIN.includes(p.domain)) return true;
    return false;
  };
  const returns: ReturnRow[] = [];
  for (const o of orgs) {
    if (!LIANXIN.includes(o.domain) || lianxinAbove(o)) continue;
    const paidFen = rowOf(o.name, '', (p) => inside(p, o.path)).paidFen;
    if (o.dissolvedOn && paidFen === 0) continue;
    const percent = settingOf(o.path)['dues.lianxinReturnPercent'];
    returns.push({
      name: o.dissolvedOn ? `${o.name}（已撤销）` : o.name,
      domain: orgDomainLabels[o.domain],
      parentName: (o.parentId && byId.get(o.parentId)?.name) || '',
      paidFen,
      percent,
      // 返还 = 收缴 × 比例, rounded once to the fen (the module's one rounding).
      returnFen: roundHalfUpFen(Math.max(0, paidFen) * percent, 100),
    });
  }
  return {
    org: { id: org.id, name: org.name, path: org.path },
    year: input.year,
    generatedAt: ctx.clock.now(),
    rows,
    total: rowOf('合计', '', () => true),
    returns,
    returnsTotal: { paidFen: returns.reduce((t, r) => t + r.paidFen, 0), returnFen: returns.reduce((t, r) => t + r.returnFen, 0) },
  };
}

// ---- audit ----

/** Every export is one `dues.report.export` event on the member or org exported. */
export async function auditReportExport(
  ctx: Ctx,
  input: { report: ReportKind; format: ReportFormat; target: { type: 'member' | 'org'; id: string; path: string }; period: string; rowCount: number },
): Promise<void> {
  const actor = requireActor(ctx);
  await writeAudit(ctx, {
    action: 'dues.report.export',
    targetType: input.target.type,
    targetId: input.target.id,
    targetOrgPath: input.target.path,
    actingForOrgId: coveringGrant(actor, 'dues.read', input.target.path)?.orgId ?? null,
    details: {
      report: input.report,
      format: input.format,
      ...(input.target.type === 'member' ? { memberId: input.target.id } : { orgId: input.target.id }),
      period: input.period,
      rowCount: input.rowCount,
    },
  });
}
