import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { DuesCategory, PaymentMethod } from '@xianfeng/contracts/dues/dues.enums';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { rows } from '../platform/db/db.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { inSubtrees } from '../platform/access/access.ts';
import { daysInMonth } from '../platform/dates.ts';
import { duesSettingsForSubtree, type DuesSettings } from '../modules/dues/dues.access.ts';
import { priceMemberBills } from '../modules/dues/dues.bills.ts';
import { addOrgMonthTotals, type BaseRow, type DuesMemberRow, type NewBill } from '../modules/dues/dues.repository.ts';
import { addMonth, allocateOldestFirst, backPaymentFloor, declarationError, isFixedCategory, monthIndex, monthsBetween, roundHalfUpFen, standardDues } from '../modules/dues/dues.rules.ts';
import { baseAad } from '../modules/dues/dues.views.ts';
import { rng, type Rng } from './demo-data.ts';

/**
 * A year of 党费 for every active member of a subtree (the demo district; the benchmarks reuse it at city
 * scale): base declarations, the monthly bill runs from January to the current month, payments and
 * prepayment spending, two approved reductions and one recorded reason — simulated member by member in
 * time order with the module's own rules (`priceMemberBills`, `allocateOldestFirst`, `standardDues`), then
 * written set-based (`bulkLoad`). The platform went live in January: 党费交至 on paper is the previous December.
 *
 * Habits: most pay each month (many at the 主题党日 early in the month); some two months at once; about a quarter of
 * the members (two in five of the retired) prepay the quarter, the half year or the year; ~3% stopped paying
 * 3–5 months ago (reminder) and ~1% six or more (自行脱党 review), one of them with a valid reason on record;
 * ~5% of payments are 代缴 by another member of the branch. The demo accounts' members are paid up.
 */

const CHUNK_MEMBERS = 20_000;
const CHUNK_ROWS = 20_000;
/** A Beijing wall-clock time on a date (UTC+8, no daylight saving). */
const at = (date: string, hour: number, minute = 0) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour - 8, minute));
const lastDay = (month: string) => daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
const dayOf = (month: string, d: number) => `${month}-${String(Math.min(d, lastDay(month))).padStart(2, '0')}`;

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

const arr = <T>(xs: T[]) => sql.param(xs);
const iso = (d: Date) => d.toISOString();
/** Whole seconds since the epoch (the seed's times are whole minutes): a short parameter, `to_timestamp` in SQL. */
const epoch = (d: Date) => d.getTime() / 1000;
/**
 * A column whose values repeat (member, org, month, …) travels as a short list and 1-based indexes into it
 * (`(list)[i]` in SQL): the parameters are serialised in JavaScript, and most of their text would be repeated ids.
 */
function dict(values: readonly (string | null)[]): { list: string[]; idx: (number | null)[] } {
  const list: string[] = [];
  const at = new Map<string, number>();
  const idx = values.map((v) => {
    if (v === null) return null;
    let i = at.get(v);
    if (i === undefined) at.set(v, (i = list.push(v)));
    return i;
  });
  return { list, idx };
}

async function insertChunked<T>(ctx: Ctx, items: T[], insert: (chunk: T[]) => SQL) {
  for (let i = 0; i < items.length; i += CHUNK_ROWS) await ctx.db.execute(insert(items.slice(i, i + CHUNK_ROWS)));
}

export async function insertDeclarations(ctx: Ctx, bases: SeedBase[]): Promise<void> {
  await insertChunked(
    ctx,
    bases,
    (c) => sql`INSERT INTO dues_base (id, member_id, org_id, dues_category, base_enc, rate_bp, standard_fen, effective_month, declared_by_account_id, declared_by_name, created_at)
      SELECT * FROM unnest(${arr(c.map((b) => b.id))}::uuid[], ${arr(c.map((b) => b.memberId))}::uuid[], ${arr(c.map((b) => b.orgId))}::uuid[], ${arr(c.map((b) => b.duesCategory))}::text[],
        ${arr(c.map((b) => b.baseEnc))}::text[], ${arr(c.map((b) => b.rateBp))}::int[], ${arr(c.map((b) => b.standardFen))}::int[], ${arr(c.map((b) => b.effectiveMonth))}::text[],
        ${arr(c.map((b) => b.declaredByAccountId))}::uuid[], ${arr(c.map((b) => b.declaredByName))}::text[], ${arr(c.map((b) => iso(b.createdAt)))}::timestamptz[])`,
  );
}

// ---- the year, member by member ----

type Habit =
  | { kind: 'monthly' }
  /** Two months at once (catching up the previous month). */
  | { kind: 'bimonthly'; parity: number }
  /** 预交 at the start of each quarter for the quarter, or in January (and July) for the year (half-year). */
  | { kind: 'prepay'; months: 3 | 6 | 12 }
  /** Paid monthly until `lastPaid`, nothing since. */
  | { kind: 'stopped'; lastPaid: string };

interface Bill extends NewBill {
  id: string;
  paidFen: number;
  createdAt: Date;
  updatedAt: Date;
}
interface Payment {
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
interface Allocation {
  paymentId: string;
  billId: string;
  amountFen: number;
  createdAt: Date;
}
interface Reduction {
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

function habitOf(r: Rng, m: SeedMember, category: DuesCategory, lastOverdue: string, year: number): Habit {
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

interface Ledger {
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

interface Context {
  r: Rng;
  settings: (orgPath: string) => DuesSettings;
  months: Month[];
  today: string;
  now: Date;
  recorderOf: (orgId: string) => { accountId: string | null; name: string | null };
  colleagues: Map<string, string[]>;
}

/** One member's year: the runs on the 1st at 08:00, prepayment spent at each, then the month's payments. */
function simulate(c: Context, m: SeedMember, bases: SeedBase[], reductions: Reduction[], habit: Habit, opening: string | null, forcePaidUp: boolean): Ledger {
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

export interface DuesSeedOptions {
  rootPath: string;
  seed?: number;
  /** Members kept paid up through the current month (the demo accounts). */
  paidUp?: readonly string[];
  /** Orgs that get at least one member three or more months in arrears (the demo branch, for the UI). */
  arrearsAt?: readonly string[];
  log?: (s: string) => void;
}

export interface DuesSeedResult {
  members: number;
  bases: number;
  bills: number;
  payments: number;
  allocations: number;
  reductions: number;
}

/** The ledger tables the seed fills in bulk (dues_base and dues_account are small). */
const BULK_TABLES = ['dues_bill', 'dues_payment', 'dues_allocation'];

/**
 * PostgreSQL's advice for populating a database (manual, "Populating a Database": remove indexes and foreign-key
 * constraints, load, recreate them): into empty tables, the rows go in without their secondary indexes, unique and
 * foreign-key constraints, which are then built once. On PGlite (WebAssembly) each index entry and key check row by
 * row costs tens of microseconds, and this halves the seed. Only when the tables are empty, inside the caller's
 * transaction (a failure rolls the definitions back with the rows); the definitions are read from the catalogue and
 * restored exactly, and restoring them checks every row again (each key, each unique value). Primary keys stay.
 */
async function bulkLoad<T>(ctx: Ctx, load: () => Promise<T>): Promise<T> {
  const tables = sql.join(
    BULK_TABLES.map((t) => sql`${t}`),
    sql`, `,
  );
  const empty = await rows<{ n: number }>(ctx.db, sql.join(BULK_TABLES.map((t) => sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${sql.identifier(t)} LIMIT 1) x`), sql` UNION ALL `));
  if (empty.some((e) => e.n > 0)) return load();
  const constraints = await rows<{ tbl: string; name: string; def: string; kind: string }>(
    ctx.db,
    sql`SELECT t.relname AS tbl, c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype AS kind
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = current_schema() AND t.relname IN (${tables}) AND c.contype IN ('f', 'u') ORDER BY c.contype DESC, c.conname`,
  );
  const indexes = await rows<{ name: string; def: string }>(
    ctx.db,
    sql`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename IN (${tables})
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = i.schemaname))
        ORDER BY i.indexname`,
  );
  for (const c of constraints) await ctx.db.execute(sql`ALTER TABLE ${sql.identifier(c.tbl)} DROP CONSTRAINT ${sql.identifier(c.name)}`);
  for (const i of indexes) await ctx.db.execute(sql`DROP INDEX ${sql.identifier(i.name)}`);
  const out = await load();
  for (const i of indexes) await ctx.db.execute(sql.raw(i.def));
  // Unique constraints before foreign keys ('u' sorts after 'f', hence the reverse order above).
  for (const c of constraints) await ctx.db.execute(sql`ALTER TABLE ${sql.identifier(c.tbl)} ADD CONSTRAINT ${sql.identifier(c.name)} ${sql.raw(c.def)}`);
  return out;
}

export function seedDues(ctx: Ctx, opts: DuesSeedOptions): Promise<DuesSeedResult> {
  return inTransaction(ctx, (tx) => bulkLoad(tx, () => seedYear(tx, opts)));
}

async function seedYear(ctx: Ctx, opts: DuesSeedOptions): Promise<DuesSeedResult> {
  const r = rng(opts.seed ?? 20261124);
  const today = ctx.clock.today();
  const now = ctx.clock.now();
  const year = Number(today.slice(0, 4));
  const currentMonth = today.slice(0, 7);
  const months = monthsBetween(`${year}-01`, currentMonth);
  const monthInfo = months.map((month) => ({ month, first: `${month}-01`, index: monthIndex(month), lastDay: lastDay(month), runAt: at(`${month}-01`, 8) }));
  const lastOverdue = addMonth(currentMonth, -1);
  const settings = await duesSettingsForSubtree(ctx, opts.rootPath);
  const [secretaries, admins] = await Promise.all([
    rows<{ orgId: string; name: string; accountId: string | null; accountName: string | null }>(
      ctx.db,
      sql`SELECT DISTINCT ON (l.org_id) l.org_id AS "orgId", l.name, a.id AS "accountId", a.display_name AS "accountName"
          FROM org_leader l JOIN org o ON o.id = l.org_id
          LEFT JOIN "grant" g ON g.org_id = l.org_id AND g.role = 'secretary'
          LEFT JOIN account a ON a.id = g.account_id AND a.member_id = l.member_id
          WHERE l.position = 'secretary' AND l.ended_on IS NULL AND ${inSubtrees(sql`o.path`, [opts.rootPath])}
          ORDER BY l.org_id, a.id NULLS LAST`,
    ),
    rows<{ orgId: string; name: string }>(
      ctx.db,
      sql`SELECT DISTINCT ON (o.id) o.id AS "orgId", coalesce(a.display_name, p.name) AS name
          FROM org o JOIN org p ON p.id = o.parent_id
          LEFT JOIN "grant" g ON g.org_id = p.id AND g.role = 'org_admin' LEFT JOIN account a ON a.id = g.account_id
          WHERE ${inSubtrees(sql`o.path`, [opts.rootPath])} ORDER BY o.id, a.username`,
    ),
  ]);
  const fallback = { accountId: null, name: ctx.actor?.displayName ?? '系统初始化' };
  const recorders = new Map(secretaries.map((s) => [s.orgId, { accountId: s.accountId, name: s.accountName ?? s.name }]));
  const recorderOf = (orgId: string) => recorders.get(orgId) ?? fallback;
  const approverOf = new Map(admins.map((a) => [a.orgId, a.name]));
  const paidUp = new Set(opts.paidUp ?? []);
  const arrearsLeft = new Set(opts.arrearsAt ?? []);
  const total: DuesSeedResult = { members: 0, bases: 0, bills: 0, payments: 0, allocations: 0, reductions: 0 };
  let exemptDone = false;
  let reduceDone = false;
  let reasonsLeft = 1;

  for (let afterId: string | null = null; ; ) {
    const page = await loadSeedMembers(ctx, opts.rootPath, afterId, CHUNK_MEMBERS);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    // A stable order for the random draws (ids differ between seeds, names and paths do not).
    const members = [...page].sort((a, b) => (a.orgPath + a.name + a.birthDate < b.orgPath + b.name + b.birthDate ? -1 : 1));
    const colleagues = new Map<string, string[]>();
    for (const m of members) (colleagues.get(m.orgId) ?? colleagues.set(m.orgId, []).get(m.orgId)!).push(m.id);
    const c: Context = { r, settings, months: monthInfo, today, now, recorderOf, colleagues };

    const bases: SeedBase[] = [];
    const reductions: Reduction[] = [];
    const reasons: { memberId: string; fromMonth: string; toMonth: string; reason: string; by: { accountId: string | null; name: string | null }; at: Date }[] = [];
    const accounts: { memberId: string; creditFen: number; opening: string | null; updatedAt: Date }[] = [];
    const ledgers: Ledger[] = [];
    for (const m of members) {
      const declared = declare(r, ctx, m, settings(m.orgPath), { year, toMonth: currentMonth, by: recorderOf(m.orgId) });
      bases.push(...declared);
      const category = declared[0]!.duesCategory;
      const opening = m.joinedOn < `${year}-01-01` ? `${year - 1}-12` : null;
      let habit: Habit = paidUp.has(m.id) ? { kind: 'monthly' } : habitOf(r, m, category, lastOverdue, year);
      const forced = !paidUp.has(m.id) && arrearsLeft.has(m.orgId) && opening !== null;
      if (forced) {
        habit = { kind: 'stopped', lastPaid: addMonth(lastOverdue, -4) };
        arrearsLeft.delete(m.orgId);
      }
      // 少交 / 免交 for hardship: requested by the branch before the period, approved by the committee above.
      const memberReductions: Reduction[] = [];
      // 免交 in the first branch named by arrearsAt (the demo branch, whose committee above approves it), 少交 elsewhere.
      const eligible = habit.kind === 'monthly' && !paidUp.has(m.id) && !forced && opening !== null && (category === 'in_service' || category === 'retired');
      const exempt = eligible && !exemptDone && (opts.arrearsAt?.length ? m.orgId === opts.arrearsAt[0] : r.chance(0.003));
      if (exempt || (eligible && !reduceDone && r.chance(0.003))) {
        const fromMonth = exempt ? `${year}-05` : `${year}-07`;
        const decidedAt = at(dayOf(addMonth(fromMonth, -1), 20), 15);
        memberReductions.push({
          id: randomUUID(),
          memberId: m.id,
          orgId: m.orgId,
          kind: exempt ? 'exempt' : 'reduce',
          monthlyFen: exempt ? 0 : roundHalfUpFen(declared[0]!.standardFen, 2),
          fromMonth,
          toMonth: exempt ? addMonth(fromMonth, 11) : `${year}-12`,
          reason: exempt ? '本人身患重病长期住院治疗，家庭无固定收入，生活十分困难' : '配偶下岗、子女就学，家庭遭遇变故，经济困难',
          status: 'approved',
          requestedBy: recorderOf(m.orgId),
          requestedAt: at(dayOf(addMonth(fromMonth, -1), 8), 10),
          decidedByName: approverOf.get(m.orgId) ?? fallback.name,
          decidedAt,
        });
        if (exempt) exemptDone = true;
        else reduceDone = true;
      }
      reductions.push(...memberReductions);
      const ledger = simulate(c, m, declared, memberReductions, habit, opening, paidUp.has(m.id));
      ledgers.push(ledger);
      accounts.push({ memberId: m.id, creditFen: ledger.creditFen, opening, updatedAt: ledger.touchedAt });
      // One long run of arrears with a valid reason on record: the months it covers do not count toward 自行脱党.
      if (reasonsLeft > 0 && !forced && habit.kind === 'stopped' && addMonth(habit.lastPaid, 6) <= lastOverdue) {
        reasons.push({ memberId: m.id, fromMonth: addMonth(habit.lastPaid, 1), toMonth: lastOverdue, reason: '长期在外地务工，与支部失去联系后已恢复联系，承诺补交', by: recorderOf(m.orgId), at: at(today, 8) });
        reasonsLeft -= 1;
      }
    }
    const bills = ledgers.flatMap((l) => l.bills);
    const payments = ledgers.flatMap((l) => l.payments).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const allocations = ledgers.flatMap((l) => l.allocations);
    await write(ctx, { bases, reductions, reasons, accounts, bills, payments, allocations });
    total.members += members.length;
    total.bases += bases.length;
    total.bills += bills.length;
    total.payments += payments.length;
    total.allocations += allocations.length;
    total.reductions += reductions.length;
  }
  await writeAudit(ctx, {
    action: 'dues.bulk_create',
    targetType: 'org',
    targetOrgPath: opts.rootPath,
    details: { source: 'demo-seed', ...total, from: months[0], to: currentMonth },
  });
  opts.log?.(`  党费: ${total.bases} declarations, ${total.bills} bills, ${total.payments} payments over ${months[0]} … ${currentMonth}`);
  return total;
}

async function write(
  ctx: Ctx,
  d: {
    bases: SeedBase[];
    reductions: Reduction[];
    reasons: { memberId: string; fromMonth: string; toMonth: string; reason: string; by: { accountId: string | null; name: string | null }; at: Date }[];
    accounts: { memberId: string; creditFen: number; opening: string | null; updatedAt: Date }[];
    bills: Bill[];
    payments: Payment[];
    allocations: Allocation[];
  },
) {
  await insertDeclarations(ctx, d.bases);
  for (const x of d.reductions) {
    await ctx.db.execute(
      sql`INSERT INTO dues_reduction (id, member_id, org_id, kind, monthly_fen, from_month, to_month, reason, status, requested_by_account_id, requested_by_name, requested_at,
            decided_by_name, decided_at, decision_note)
          VALUES (${x.id}, ${x.memberId}, ${x.orgId}, ${x.kind}, ${x.monthlyFen}, ${x.fromMonth}, ${x.toMonth}, ${x.reason}, ${x.status}, ${x.requestedBy.accountId},
            ${x.requestedBy.name}, ${x.requestedAt}, ${x.decidedByName}, ${x.decidedAt}, '经党委研究，同意')`,
    );
  }
  for (const x of d.reasons) {
    await ctx.db.execute(
      sql`INSERT INTO dues_arrears_reason (member_id, from_month, to_month, reason, recorded_by_account_id, recorded_by_name, created_at)
          VALUES (${x.memberId}, ${x.fromMonth}, ${x.toMonth}, ${x.reason}, ${x.by.accountId}, ${x.by.name}, ${x.at})`,
    );
  }
  await insertChunked(
    ctx,
    d.accounts,
    (c) => sql`INSERT INTO dues_account (member_id, credit_fen, opening_paid_until, updated_at)
      SELECT * FROM unnest(${arr(c.map((a) => a.memberId))}::uuid[], ${arr(c.map((a) => a.creditFen))}::int[], ${arr(c.map((a) => a.opening))}::text[], ${arr(c.map((a) => iso(a.updatedAt)))}::timestamptz[])`,
  );
  await insertChunked(ctx, d.bills, (c) => {
    const [member, org, month, category] = [dict(c.map((b) => b.memberId)), dict(c.map((b) => b.orgId)), dict(c.map((b) => b.month)), dict(c.map((b) => b.duesCategory))];
    return sql`INSERT INTO dues_bill (id, member_id, org_id, month, dues_category, rate_bp, standard_fen, amount_fen, paid_fen, capped, reduction_id, from_acceptance, created_at, updated_at)
      SELECT id, (${arr(member.list)}::uuid[])[m], (${arr(org.list)}::uuid[])[o], (${arr(month.list)}::text[])[mo], (${arr(category.list)}::text[])[c],
        rate_bp, standard_fen, amount_fen, paid_fen, capped, reduction_id, from_acceptance, to_timestamp(created_at), to_timestamp(updated_at)
      FROM unnest(${arr(c.map((b) => b.id))}::uuid[], ${arr(member.idx)}::int[], ${arr(org.idx)}::int[], ${arr(month.idx)}::int[], ${arr(category.idx)}::int[],
        ${arr(c.map((b) => b.rateBp))}::int[], ${arr(c.map((b) => b.standardFen))}::int[], ${arr(c.map((b) => b.amountFen))}::int[], ${arr(c.map((b) => b.paidFen))}::int[],
        ${arr(c.map((b) => b.capped))}::boolean[], ${arr(c.map((b) => b.reductionId))}::uuid[], ${arr(c.map((b) => b.fromAcceptance))}::boolean[],
        ${arr(c.map((b) => epoch(b.createdAt)))}::bigint[], ${arr(c.map((b) => epoch(b.updatedAt)))}::bigint[])
        AS t(id, m, o, mo, c, rate_bp, standard_fen, amount_fen, paid_fen, capped, reduction_id, from_acceptance, created_at, updated_at)`;
  });
  // 收据号 from the sequence, in the order the payments were made (as `recordDuesPayment` draws them): DF + year + 8 digits.
  const seqs = d.payments.length
    ? (await rows<{ n: string | number }>(ctx.db, sql`SELECT nextval('dues_receipt_seq') AS n FROM generate_series(1, ${d.payments.length})`)).map((x) => Number(x.n)).sort((a, b) => a - b)
    : [];
  const numbered = d.payments.map((p, i) => ({ ...p, seq: seqs[i]! }));
  await insertChunked(ctx, numbered, (c) => {
    const [member, payer, org, method, account, name] = [
      dict(c.map((p) => p.memberId)),
      dict(c.map((p) => p.payerMemberId)),
      dict(c.map((p) => p.orgId)),
      dict(c.map((p) => p.method)),
      dict(c.map((p) => p.by.accountId)),
      dict(c.map((p) => p.by.name)),
    ];
    return sql`INSERT INTO dues_payment (id, receipt_no, kind, member_id, payer_member_id, org_id, amount_fen, method, paid_on, money_moved, credit_after_fen, recorded_by_account_id, recorded_by_name, created_at)
      SELECT id, 'DF' || left(paid_on, 4) || lpad(seq::text, 8, '0'), 'payment', (${arr(member.list)}::uuid[])[m], (${arr(payer.list)}::uuid[])[pm], (${arr(org.list)}::uuid[])[o],
        amount_fen, (${arr(method.list)}::text[])[me], paid_on::date, true, credit_after_fen, (${arr(account.list)}::uuid[])[a], (${arr(name.list)}::text[])[n], to_timestamp(created_at)
      FROM unnest(${arr(c.map((p) => p.id))}::uuid[], ${arr(c.map((p) => p.seq))}::bigint[], ${arr(member.idx)}::int[], ${arr(payer.idx)}::int[], ${arr(org.idx)}::int[],
        ${arr(c.map((p) => p.amountFen))}::int[], ${arr(method.idx)}::int[], ${arr(c.map((p) => p.paidOn))}::text[], ${arr(c.map((p) => p.creditAfterFen))}::int[],
        ${arr(account.idx)}::int[], ${arr(name.idx)}::int[], ${arr(c.map((p) => epoch(p.createdAt)))}::bigint[])
        AS t(id, seq, m, pm, o, amount_fen, me, paid_on, credit_after_fen, a, n, created_at)`;
  });
  await insertChunked(
    ctx,
    d.allocations,
    (c) => sql`INSERT INTO dues_allocation (payment_id, bill_id, amount_fen, created_at)
      SELECT payment_id, bill_id, amount_fen, to_timestamp(created_at)
      FROM unnest(${arr(c.map((a) => a.paymentId))}::uuid[], ${arr(c.map((a) => a.billId))}::uuid[], ${arr(c.map((a) => a.amountFen))}::int[], ${arr(c.map((a) => epoch(a.createdAt)))}::bigint[])
        AS t(payment_id, bill_id, amount_fen, created_at)`,
  );
  // The per-org collection totals, as the runs and allocations would have left them.
  await addOrgMonthTotals(
    ctx.db,
    d.bills.map((b) => ({ orgId: b.orgId, month: b.month, bills: 1, settledBills: b.paidFen >= b.amountFen ? 1 : 0, amountFen: b.amountFen, paidFen: b.paidFen })),
  );
}
