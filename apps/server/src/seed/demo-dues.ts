import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { rows } from '../platform/db/db.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { inSubtrees } from '../platform/access/access.ts';
import { duesSettingsForSubtree } from '../modules/dues/dues.access.ts';
import { addMonth, monthIndex, monthsBetween, roundHalfUpFen } from '../modules/dues/dues.rules.ts';
import { rng } from './demo-data.ts';
import { at, CHUNK_MEMBERS, dayOf, declare, habitOf, lastDay, loadSeedMembers, simulate, type Context, type Habit, type Ledger, type Reduction, type SeedBase } from './demo-dues.plan.ts';
import { bulkLoad, write } from './demo-dues.write.ts';

export { declare, loadSeedMembers } from './demo-dues.plan.ts';
export { insertDeclarations } from './demo-dues.write.ts';


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
