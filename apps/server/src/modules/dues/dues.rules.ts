import type { ArrearsLevel, BillStatus, DuesBaseRule, DuesCategory } from '@xianfeng/contracts/dues/dues.enums';
import { fixedDuesCategories } from '@xianfeng/contracts/dues/dues.enums';

/**
 * 党费 rules, pure: rates, rounding, the cap, which base applies to a month, which months a bill run
 * covers, allocation of a payment, 党费交至 and arrears. Money is integer 分 (fen) throughout.
 * Sources: 中组发〔2008〕3号 (the 2008 rule), 组电明字〔2017〕5号 (the 2017 notice); regulations.md §1, §10.
 */

/** The local choices a rule needs (settings `dues.*`, effective at the member's org). */
export interface DuesPolicy {
  farmerMonthlyFen: number;
  /** null: no cap (`dues.capEnabled` off). */
  capFen: number | null;
}

// 2008 第二条 (在职, also 年薪制 第三条 and 个体 第四条): upper bound of each bracket, inclusive (含), in fen.
const IN_SERVICE_BRACKETS: readonly (readonly [number, number])[] = [
  [300_000, 50],
  [500_000, 100],
  [1_000_000, 150],
  [Number.POSITIVE_INFINITY, 200],
];
// 2008 第五条 (离退休).
const RETIRED_BRACKETS: readonly (readonly [number, number])[] = [
  [500_000, 50],
  [Number.POSITIVE_INFINITY, 100],
];
/** 2008 第六条: students, the unemployed, members on relief or 低保 pay 0.20 yuan. */
const FIXED_FEN = 20;

export const isFixedCategory = (c: DuesCategory): boolean => fixedDuesCategories.includes(c);

/**
 * The rate in basis points (0.5% = 50) of the bracket the whole base falls in: 全额累进 — the whole base
 * at its bracket's rate, so the dues jump at 3000/5000/10000 (retirees at 5000). Intended; not smoothed.
 * null for the fixed categories.
 */
export function rateBasisPointsFor(category: DuesCategory, baseFen: number): number | null {
  if (isFixedCategory(category)) return null;
  const brackets = category === 'retired' ? RETIRED_BRACKETS : IN_SERVICE_BRACKETS;
  for (const [upTo, bp] of brackets) if (baseFen <= upTo) return bp;
  /* c8 ignore next */
  throw new Error('unreachable: the last bracket is unbounded');
}

/**
 * The one rounding of the module (regulations.md §10, C): `numerator / denominator` fen rounded half-up,
 * for non-negative integers, in exact integer arithmetic.
 */
export function roundHalfUpFen(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || numerator < 0 || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError('roundHalfUpFen takes non-negative safe integers');
  }
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export interface StandardDues {
  /** Before the cap; the fixed amount for fixed categories. */
  standardFen: number;
  rateBasisPoints: number | null;
}

/** Dues before the cap: the whole base × its bracket rate, rounded once; the fixed amount otherwise. */
export function standardDues(category: DuesCategory, baseFen: number | null, policy: Pick<DuesPolicy, 'farmerMonthlyFen'>): StandardDues {
  if (isFixedCategory(category)) return { standardFen: category === 'farmer' ? policy.farmerMonthlyFen : FIXED_FEN, rateBasisPoints: null };
  if (baseFen === null) throw new RangeError(`category ${category} needs a base`);
  const rate = rateBasisPointsFor(category, baseFen) as number;
  return { standardFen: roundHalfUpFen(baseFen * rate, 10_000), rateBasisPoints: rate };
}

/** 组电明字〔2017〕5号 一(1): monthly dues generally ≤ the cap (1000 yuan); more is voluntary. */
export function applyCap(standardFen: number, policy: Pick<DuesPolicy, 'capFen'>): { monthlyFen: number; capped: boolean } {
  if (policy.capFen !== null && standardFen > policy.capFen) return { monthlyFen: policy.capFen, capped: true };
  return { monthlyFen: standardFen, capped: false };
}

/** POST /api/dues/quote: what a member of this category and base pays a month. */
export function quoteDues(category: DuesCategory, baseFen: number | null, policy: DuesPolicy): { monthlyFen: number; rateBasisPoints: number | null; capped: boolean } {
  const s = standardDues(category, baseFen, policy);
  return { ...applyCap(s.standardFen, policy), rateBasisPoints: s.rateBasisPoints };
}

// ---- months ----

const MONTH = /^(\d{4})-(\d{2})$/;
function parts(m: string): [number, number] {
  const r = MONTH.exec(m);
  if (!r) throw new RangeError(`not a month: ${m}`);
  return [Number(r[1]), Number(r[2])];
}
export const monthIndex = (m: string): number => {
  const [y, mo] = parts(m);
  return y * 12 + (mo - 1);
};
export const monthOfIndex = (i: number): string => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
export const addMonth = (m: string, n: number): string => monthOfIndex(monthIndex(m) + n);
export const monthOfDate = (date: string): string => date.slice(0, 7);
export const firstDayOf = (m: string): string => `${m}-01`;
/** The first month of the quarter `m` lies in. */
export const quarterStart = (m: string): string => monthOfIndex(monthIndex(m) - (monthIndex(m) % 3));
/** Inclusive list from `from` to `to` (empty when from > to). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i += 1) out.push(monthOfIndex(i));
  return out;
}

// ---- bases ----

export interface Declaration {
  duesCategory: DuesCategory;
  effectiveMonth: string;
}

/**
 * Whether a declaration may take effect in `effectiveMonth`, given the member's earlier ones:
 * - 年薪制 declares each month's actual pay (2008 第三条), any month;
 * - 个体 declares the previous quarter's monthly average, effective from a quarter's first month (第四条);
 * - the others follow the base rule: 2008 第十条 from the month of a pay change (any month); 2017 一(1)
 *   fixed at the start of the year — January, or the first declaration of a member who had none in that
 *   year (a new member, or one arriving by transfer). A change of category (e.g. retirement) is a new
 *   situation rather than a pay change and may start in any month under either rule.
 */
export function declarationError(rule: DuesBaseRule, next: Declaration, earlier: readonly Declaration[]): 'DUES_BASE_MONTH_INVALID' | 'DUES_BASE_FIXED_FOR_YEAR' | null {
  if (next.duesCategory === 'annual_salary' || isFixedCategory(next.duesCategory)) return null;
  if (next.duesCategory === 'self_employed') return quarterStart(next.effectiveMonth) === next.effectiveMonth ? null : 'DUES_BASE_MONTH_INVALID';
  if (rule === '2008' || next.effectiveMonth.endsWith('-01')) return null;
  const inForce = baseForMonth(earlier, next.effectiveMonth);
  if (!inForce || inForce.duesCategory !== next.duesCategory) return null;
  const sameYear = inForce.effectiveMonth.slice(0, 4) === next.effectiveMonth.slice(0, 4);
  // Re-declaring the very month of an in-year first declaration corrects it rather than changing it.
  if (sameYear && inForce.effectiveMonth === next.effectiveMonth) return null;
  return 'DUES_BASE_FIXED_FOR_YEAR';
}

/**
 * The declaration that prices `month`: the latest one in force. A 年薪制 declaration covers its own month
 * only and a 个体 one its quarter; a month they leave uncovered has no base (the bill waits for one).
 * `declarations` may be in any order; among equal months the later in the list wins.
 */
export function baseForMonth<T extends Declaration>(declarations: readonly T[], month: string): T | null {
  let best: T | null = null;
  for (const d of declarations) {
    if (d.effectiveMonth > month) continue;
    if (!best || d.effectiveMonth >= best.effectiveMonth) best = d;
  }
  if (!best) return null;
  if (best.duesCategory === 'annual_salary' && best.effectiveMonth !== month) return null;
  if (best.duesCategory === 'self_employed' && best.effectiveMonth !== quarterStart(month)) return null;
  return best;
}

// ---- bill runs ----

export interface BillingWindow {
  /** The run's month. */
  month: string;
  /** 2008 第八条: the month the branch general meeting accepted the member (入党, 预备党员). */
  acceptedMonth: string;
  /** 党费交至 brought on paper (go-live, transfer in): months up to it are never billed. */
  openingPaidUntil: string | null;
  /** `dues.backPaymentMonths`. */
  backPaymentMonths: number;
  /** true while the member is 预备党员: back-billing to the acceptance month is not limited (issue 6, 第八条). */
  probationary: boolean;
}

/**
 * The months a run for `month` bills a member (before removing those already billed): from the latest of
 * the acceptance month, the month after the opening 党费交至 and the back-billing limit, to `month`.
 * The limit (第十二条, 补交 ≤ 6 months) does not apply to a 预备党员's months since acceptance, which
 * may lie before the approval was recorded. Each month carries whether it was reached past the limit.
 */
export function monthsToBill(w: BillingWindow): { month: string; fromAcceptance: boolean }[] {
  // The same floor a payment in `month` is held to (backPaymentFloor): N months back plus the current one,
  // so every bill a run creates can still be paid without a recorded reason in the run's month.
  const limit = addMonth(w.month, -w.backPaymentMonths);
  let from = w.acceptedMonth;
  if (w.openingPaidUntil && addMonth(w.openingPaidUntil, 1) > from) from = addMonth(w.openingPaidUntil, 1);
  const start = w.probationary ? from : from > limit ? from : limit;
  return monthsBetween(start, w.month).map((m) => ({ month: m, fromAcceptance: m < limit }));
}

// ---- payments ----

export interface OpenBill {
  id: string;
  month: string;
  amountFen: number;
  paidFen: number;
}

/** Paying by member: the oldest unpaid bills first (第十二条 补交 before the current month); the rest is prepayment (预交). */
export function allocateOldestFirst<T extends OpenBill>(bills: readonly T[], amountFen: number): { allocations: { bill: T; amountFen: number }[]; leftoverFen: number } {
  let left = amountFen;
  const allocations: { bill: T; amountFen: number }[] = [];
  for (const bill of [...bills].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0))) {
    if (left <= 0) break;
    const owed = bill.amountFen - bill.paidFen;
    if (owed <= 0) continue;
    const take = Math.min(owed, left);
    allocations.push({ bill, amountFen: take });
    left -= take;
  }
  return { allocations, leftoverFen: left };
}

/** A bill's status from its amounts (免交 when nothing is owed by reduction). */
export function billStatusOf(amountFen: number, paidFen: number): BillStatus {
  if (amountFen === 0) return 'waived';
  if (paidFen >= amountFen) return 'paid';
  return paidFen > 0 ? 'partial' : 'unpaid';
}

/** The oldest month a payment on `paidOn` may settle without a recorded reason (第十二条: 补交 ≤ N months). */
export function backPaymentFloor(paidOn: string, backPaymentMonths: number): string {
  return addMonth(monthOfDate(paidOn), -backPaymentMonths);
}

// ---- 党费交至 and arrears ----

export interface LedgerBill {
  month: string;
  status: BillStatus;
}

/**
 * 党费交至: the last month of the unbroken settled run from the start (the opening month, else the first
 * bill), extended by whole months of prepayment at the current amount when nothing is owed. null when
 * nothing was ever settled.
 */
export function paidUntilOf(input: { bills: readonly LedgerBill[]; openingPaidUntil: string | null; creditFen: number; monthlyFen: number | null }): string | null {
  const bills = [...input.bills].sort((a, b) => (a.month < b.month ? -1 : 1));
  let until = input.openingPaidUntil;
  let broken = false;
  for (const b of bills) {
    if (until && b.month <= until) continue;
    const settled = b.status === 'paid' || b.status === 'waived';
    // An unpaid month, or a month never billed, ends the run.
    if (!settled || (until !== null && b.month !== addMonth(until, 1))) {
      broken = true;
      break;
    }
    until = b.month;
  }
  if (!broken && until && input.creditFen > 0 && input.monthlyFen && input.monthlyFen > 0) {
    until = addMonth(until, Math.floor(input.creditFen / input.monthlyFen));
  }
  return until;
}

export interface ArrearsBill extends LedgerBill {
  amountFen: number;
  paidFen: number;
}
export interface ArrearsReason {
  fromMonth: string;
  toMonth: string;
}

/** 党章 第九条, 2008 第十三条: six consecutive months unpaid without a valid reason → 按自行脱党处理 (the branch decides). */
export const LAPSE_MONTHS = 6;

/**
 * Arrears as of `currentMonth` (its own bill is not yet overdue): unpaid overdue months, the consecutive
 * run ending at the last overdue month with months covered by a recorded valid reason excused, and the
 * level — a reminder from `reminderMonths`, a 自行脱党 review from six. The system only flags; the
 * branch handles the case (nobody is removed by the system).
 */
export function arrearsOf(input: { bills: readonly ArrearsBill[]; reasons: readonly ArrearsReason[]; currentMonth: string; reminderMonths: number }) {
  const overdue = input.bills.filter((b) => b.month < input.currentMonth).sort((a, b) => (a.month < b.month ? -1 : 1));
  const unpaid = overdue.filter((b) => b.status === 'unpaid' || b.status === 'partial');
  const excused = (m: string) => input.reasons.some((r) => r.fromMonth <= m && m <= r.toMonth);
  let consecutive = 0;
  for (let i = overdue.length - 1; i >= 0; i -= 1) {
    const b = overdue[i] as ArrearsBill;
    if (b.status !== 'unpaid' && b.status !== 'partial') break;
    if (excused(b.month)) break;
    if (i < overdue.length - 1 && addMonth(b.month, 1) !== (overdue[i + 1] as ArrearsBill).month) break;
    consecutive += 1;
  }
  const level: ArrearsLevel = consecutive >= LAPSE_MONTHS ? 'lapse_review' : consecutive >= input.reminderMonths ? 'reminder' : 'none';
  return {
    unpaidMonths: unpaid.length,
    consecutiveUnpaid: consecutive,
    owedFen: unpaid.reduce((s, b) => s + b.amountFen - b.paidFen, 0),
    oldestUnpaid: unpaid[0]?.month ?? null,
    level,
  };
}
