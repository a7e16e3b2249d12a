import { sql, type SQL } from 'drizzle-orm';
import { type Ctx } from '../platform/context.ts';
import { rows } from '../platform/db/db.ts';
import { addOrgMonthTotals } from '../modules/dues/dues.repository.ts';
import type { Bill, Payment, Reduction, SeedBase, Allocation } from './demo-dues.plan.ts';
import { CHUNK_ROWS } from './demo-dues.plan.ts';

/**
 * The demo dues year written set-based: one statement per table and chunk (each column one array parameter),
 * into tables loaded without their secondary indexes and constraints when they are empty (`bulkLoad`).
 */

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
export async function bulkLoad<T>(ctx: Ctx, load: () => Promise<T>): Promise<T> {
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


export async function write(
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

