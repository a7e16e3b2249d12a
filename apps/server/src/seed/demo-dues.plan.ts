import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DuesCategory, PaymentMethod } from '@xianfeng/contracts/dues/dues.enums';
import { type Ctx } from '../platform/context.ts';
import { rows } from '../platform/db/db.ts';
import { inSubtrees } from '../platform/access/access.ts';
import { daysInMonth } from '../platform/dates.ts';
import { type DuesSettings } from '../modules/dues/dues.access.ts';
import { priceMemberBills } from '../modules/dues/dues.bills.ts';
import { type BaseRow, type DuesMemberRow, type NewBill } from '../modules/dues/dues.repository.ts';
import { addMonth, allocateOldestFirst, backPaymentFloor, declarationError, isFixedCategory, monthIndex, monthsBetween, standardDues } from '../modules/dues/dues.rules.ts';
import { baseAad } from '../modules/dues/dues.views.ts';
import { type Rng } from './demo-data.ts';

/**
 * The demo dues year, planned member by member: each member's situation and declarations, their paying habit,
 * and the simulation of the year in time order with the module's own rules (bill runs on the 1st, prepayment
 * spent at each, then the month's payments). Pure apart from reading the members; `demo-dues.ts` orchestrates.
 */

export const CHUNK_MEMBERS = 20_000;
export const CHUNK_ROWS = 20_000;
/** A Beijing wall-clock time on a date (UTC+8, no daylight saving). */
export const at = (date: string, hour: number, minute = 0) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour - 8, minute));
export const lastDay = (month: string) => daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
export const dayOf = (month: string, d: number) => `${month}-${String(Math.min(d, lastDay(month))).padStart(2, '0')}`;

export interface SeedMember extends DuesMemberRow {
  category: string;
  occupation: string | null;
  birthDate: string;
  domain: string;
}

/** Active members of a subtree, a keyset page by id. */
export function loadSeedMembers(ctx: Ctx, rootPath: string, afterId: string | null, limit: number): Promise<SeedMember[]> {
  return rows<SeedMember>(
    ctx.db,
    sql`SELECT m.id, m.name, m.org_id AS "orgId", o.path AS "orgPath", o.name AS "orgName", m.status, m.state, m.joined_on::text AS "joinedOn",
          m.category, m.occupation, m.birth_date::text AS "birthDate", o.domain
        FROM member m JOIN org o ON o.id = m.org_id
        WHERE m.state = 'active' AND ${inSubtrees(sql`o.path`, [rootPath])} ${afterId ? sql`AND m.id > ${afterId}` : sql``}
        ORDER BY m.id LIMIT ${limit}`,
  );
}

// ---- declarations ----

/** A declaration as stored (`BaseRow` plus what the insert needs). */
export interface SeedBase extends BaseRow {
  orgId: string;
  declaredByAccountId: string | null;
}

const yuanToFen = (r: Rng, min: number, max: number) => r.int(min * 100, max * 100);

/** The member's dues category and, for the base categories, a monthly base in fen (after tax). */
function situation(r: Rng, m: SeedMember, year: number): { category: DuesCategory; base: () => number } {
  const age = year - Number(m.birthDate.slice(0, 4));
  // After-tax pay, skewed low: median ≈ 5,700 yuan within 2,000–15,000.
  const pay = () => 200_000 + Math.floor(1_300_000 * r.next() ** 1.8);
  if (m.occupation === '离退休人员' || m.category === 'retired') return { category: 'retired', base: () => yuanToFen(r, 3000, 8000) };
  if (m.occupation === '学生') return { category: 'student', base: () => 0 };
  const x = r.next();
  if (x < 0.015) return { category: 'unemployed', base: () => 0 };
  if (x < 0.022) return { category: 'dibao', base: () => 0 };
  if (x < 0.026) return { category: 'relief', base: () => 0 };
  if (x < 0.036 && m.domain === 'community') return { category: 'farmer', base: () => 0 };
  // Young members still in full-time study (研究生) pay the student amount.
  if (age <= 25 && x < 0.15 && m.domain !== 'government') return { category: 'student', base: () => 0 };
  if (x < 0.09 && (m.domain === 'soe' || m.domain === 'private_enterprise')) return { category: 'annual_salary', base: () => yuanToFen(r, 12_000, 70_000) };
  if (x < 0.12 && (m.domain === 'community' || m.domain === 'private_enterprise') && m.joinedOn < `${year}-01-01`) return { category: 'self_employed', base: () => yuanToFen(r, 3000, 20_000) };
  return { category: 'in_service', base: pay };
}

/**
 * The member's declarations for the year, as `declareDuesBase` would store them: one in January (or in the
 * month a new member joined); 年薪制 every month (that month's pay); 个体 each quarter (the previous quarter's average).
 */
export function declare(r: Rng, ctx: Ctx, m: SeedMember, settings: DuesSettings, opts: { year: number; toMonth: string; by: { accountId: string | null; name: string | null } }): SeedBase[] {
  const { category, base } = situation(r, m, opts.year);
  const joinedMonth = m.joinedOn.slice(0, 7);
  const first = joinedMonth > `${opts.year}-01` ? joinedMonth : `${opts.year}-01`;
  const months =
    category === 'annual_salary' ? monthsBetween(first, opts.toMonth) : category === 'self_employed' ? monthsBetween(first, opts.toMonth).filter((mo) => (monthIndex(mo) % 3) === 0) : [first];
  const out: SeedBase[] = [];
  for (const effectiveMonth of months) {
    const fixed = isFixedCategory(category);
    const baseFen = fixed ? null : base();
    const s = standardDues(category, baseFen, settings);
    const id = randomUUID();
    // Declared before the month's bill run: in December for January, at joining, or late in the previous month.
    const declaredOn = effectiveMonth === joinedMonth ? m.joinedOn : dayOf(addMonth(effectiveMonth, -1), r.int(18, 28));
    const refusal = declarationError(settings.baseRule, { duesCategory: category, effectiveMonth }, out);
    if (refusal) throw new Error(`demo dues: ${category} declaration for ${effectiveMonth} refused (${refusal})`);
    out.push({
      id,
      memberId: m.id,
      orgId: m.orgId,
      duesCategory: category,
      baseEnc: baseFen === null ? null : ctx.crypto.encryptField(String(baseFen), baseAad(m.id, id)),
      rateBp: s.rateBasisPoints,
      standardFen: s.standardFen,
      effectiveMonth,
      declaredByName: opts.by.name,
      declaredByAccountId: opts.by.accountId,
      createdAt: at(declaredOn, 9, r.int(0, 59)),
    });
  }
  return out;
}


export type Habit =
  | { kind: 'monthly' }
  /** Two months at once (catching up the previous month). */
  | { kind: 'bimonthly'; parity: number }
  /** 预交 at the start of each quarter for the quarter, or in January (and July) for the year (half-year). */
  | { kind: 'prepay'; months: 3 | 6 | 12 }
  /** Paid monthly until `lastPaid`, nothing since. */
  | { kind: 'stopped'; lastPaid: string };

export interface Bill extends NewBill {
  id: string;
  paidFen: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface Payment {
  id: string;
  memberId: string;
  payerMemberId: string | null;
  orgId: string;
  amountFen: number;
  method: PaymentMethod;
  paidOn: string;
  createdAt: Date;
  creditAfterFen: number;
  remainderFen: number;
  by: { accountId: string | null; name: string | null };
}
export interface Allocation {
  paymentId: string;
  billId: string;
  amountFen: number;
  createdAt: Date;
}
export interface Reduction {
  id: string;
  memberId: string;
  orgId: string;
  kind: 'reduce' | 'exempt';
  monthlyFen: number;
  fromMonth: string;
  toMonth: string;
  reason: string;
  status: 'approved';
  requestedBy: { accountId: string | null; name: string | null };
  requestedAt: Date;
  decidedByName: string;
  decidedAt: Date;
}

export function habitOf(r: Rng, m: SeedMember, category: DuesCategory, lastOverdue: string, year: number): Habit {
  const x = r.next();
  const before = m.joinedOn < `${year}-01-01`;
  // Stopped: the last paid month leaves 3–5 (reminder) or 6 and more (lapse review) overdue months unpaid.
  if (x < 0.03 && before) return { kind: 'stopped', lastPaid: addMonth(lastOverdue, -r.int(3, 5)) };
  if (x < 0.04 && before) return { kind: 'stopped', lastPaid: addMonth(lastOverdue, -r.int(6, Math.min(10, monthIndex(lastOverdue) - monthIndex(`${year}-01`) + 1))) };
  if (x < 0.1) return { kind: 'bimonthly', parity: r.int(0, 1) };
  // Prepayment needs a steady amount: not 年薪制 or 个体, whose amount changes with each declaration. Retired
  // members, who seldom come to the branch each month, prepay by the quarter, half year or year more often.
  const steady = category === 'in_service' || category === 'retired' || isFixedCategory(category);
  const retired = category === 'retired';
  if (x < (retired ? 0.2 : 0.12) && before && steady) return { kind: 'prepay', months: r.chance(0.5) ? 12 : 6 };
  if (x < (retired ? 0.5 : 0.25) && steady) return { kind: 'prepay', months: 3 };
  return { kind: 'monthly' };
}

export interface Ledger {
  bills: Bill[];
  payments: Payment[];
  allocations: Allocation[];
  creditFen: number;
  touchedAt: Date;
}

/** Oldest bills first; `floor`: what the app refuses (补交 beyond dues.backPaymentMonths) the seed never writes. */
function allocate(l: Ledger, payment: Payment, budget: number, when: Date, floor: string | null = null): number {
  const { allocations } = allocateOldestFirst(
    l.bills.filter((b) => b.paidFen < b.amountFen),
    budget,
  );
  let spent = 0;
  for (const a of allocations) {
    if (floor && a.bill.month < floor && !a.bill.fromAcceptance) throw new Error(`demo dues: a payment on ${payment.paidOn} would settle ${a.bill.month}, past the back-payment limit`);
    a.bill.paidFen += a.amountFen;
    a.bill.updatedAt = when;
    l.allocations.push({ paymentId: payment.id, billId: a.bill.id, amountFen: a.amountFen, createdAt: when });
    spent += a.amountFen;
  }
  return spent;
}

/** Prepayment spent on new bills at a run, oldest payment first (as `spendCredit`). */
function spendCredit(l: Ledger, when: Date) {
  for (const p of l.payments) {
    if (l.creditFen <= 0) break;
    const budget = Math.min(p.remainderFen, l.creditFen);
    if (budget <= 0) continue;
    const spent = allocate(l, p, budget, when);
    if (spent === 0) break;
    p.remainderFen -= spent;
    l.creditFen -= spent;
    l.touchedAt = when;
  }
}

interface Month {
  month: string;
  first: string;
  index: number;
  lastDay: number;
  /** The bill run: the 1st at 08:00. */
  runAt: Date;
}

export interface Context {
  r: Rng;
  settings: (orgPath: string) => DuesSettings;
  months: Month[];
  today: string;
  now: Date;
  recorderOf: (orgId: string) => { accountId: string | null; name: string | null };
  colleagues: Map<string, string[]>;
}

/** One member's year: the runs on the 1st at 08:00, prepayment spent at each, then the month's payments. */
export function simulate(c: Context, m: SeedMember, bases: SeedBase[], reductions: Reduction[], habit: Habit, opening: string | null, forcePaidUp: boolean): Ledger {
  const { r } = c;
  const settings = c.settings(m.orgPath);
  const l: Ledger = { bills: [], payments: [], allocations: [], creditFen: 0, touchedAt: bases[0]?.createdAt ?? c.now };
  const billed = new Set<string>();
  const currentMonth = c.months[c.months.length - 1]!.month;
  // What was declared or approved by each run (most members declared everything before the first one).
  const lastDeclared = Math.max(...bases.map((b) => b.createdAt.getTime()));
  const declaredBy = (runAt: Date) => (lastDeclared <= runAt.getTime() ? bases : bases.filter((b) => b.createdAt <= runAt));
  const approvedBy = (runAt: Date) => (reductions.length === 0 ? reductions : reductions.filter((x) => x.decidedAt <= runAt));
  for (const { month, first, index: i, lastDay: last, runAt } of c.months) {
    // Registered before the run: a member who joins during the month is billed from the next run (back to acceptance).
    if (m.joinedOn < first) {
      const priced = priceMemberBills({ member: m, month, settings, openingPaidUntil: opening, billed, bases: declaredBy(runAt), reductions: approvedBy(runAt) });
      for (const nb of priced.bills) {
        const bill = nb as Bill;
        bill.id = randomUUID();
        bill.paidFen = 0;
        bill.createdAt = runAt;
        bill.updatedAt = runAt;
        l.bills.push(bill);
        billed.add(nb.month);
      }
      if (priced.bills.length) l.touchedAt = runAt;
      if (l.creditFen > 0 && priced.bills.length) spendCredit(l, runAt);
    }
    // The month's payment, if the habit pays this month: what is owed (or the prepayment), on a day after the run.
    const owed = l.bills.reduce((s, b) => s + b.amountFen - b.paidFen, 0);
    const current = l.bills.find((b) => b.month === month);
    let amount = 0;
    switch (habit.kind) {
      case 'monthly':
        amount = owed;
        break;
      case 'bimonthly':
        amount = i % 2 === habit.parity ? owed : 0;
        break;
      case 'prepay':
        // What is owed plus the period's following months at this month's amount.
        amount = i % habit.months === 0 && current && owed > 0 ? owed + current.amountFen * (habit.months - 1) : 0;
        break;
      case 'stopped':
        amount = month <= habit.lastPaid ? owed : 0;
        break;
    }
    if (amount <= 0) continue;
    // Most pay at the 主题党日 early in the month; the current month only up to yesterday.
    const day = forcePaidUp ? r.int(3, 10) : r.chance(0.6) ? r.int(3, 12) : r.int(2, last);
    const paidOn = `${month}-${String(day).padStart(2, '0')}`;
    if (month === currentMonth && paidOn >= c.today) continue;
    const createdAt = at(paidOn, r.int(9, 17), r.int(0, 59));
    if (createdAt >= c.now) continue;
    const others = c.colleagues.get(m.orgId) ?? [];
    const proxy = others.length > 1 && r.chance(0.05) ? r.pick(others.filter((id) => id !== m.id)) : null;
    const method: PaymentMethod = proxy ? 'cash' : r.pick(methodsFor(m));
    const payment: Payment = {
      id: randomUUID(),
      memberId: m.id,
      payerMemberId: proxy,
      orgId: m.orgId,
      amountFen: amount,
      method,
      paidOn,
      createdAt,
      creditAfterFen: 0,
      remainderFen: 0,
      by: c.recorderOf(m.orgId),
    };
    const spent = allocate(l, payment, amount, createdAt, backPaymentFloor(paidOn, settings.backPaymentMonths));
    payment.remainderFen = amount - spent;
    l.creditFen += payment.remainderFen;
    payment.creditAfterFen = l.creditFen;
    l.payments.push(payment);
    l.touchedAt = createdAt;
  }
  return l;
}

function methodsFor(m: SeedMember): PaymentMethod[] {
  return m.occupation === '离退休人员' || m.category === 'retired' ? ['cash', 'cash', 'cash', 'bank_transfer', 'online'] : ['cash', 'cash', 'bank_transfer', 'online', 'online'];
}

// ---- the whole seed ----

