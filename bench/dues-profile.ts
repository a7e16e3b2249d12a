import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../apps/server/src/platform/db/db.ts';

// The bill run's statement profile for `npm run bench:dues` (docs/benchmarks.md, 党费 analysis).

export interface Profile {
  /** Statement class → [ms, count]; a statement's time runs from when the connection could start it to its answer. */
  statements: Record<string, [number, number]>;
  dbMs: number;
}

/** Which use-case step a statement belongs to (dues.repository.ts and its callers). */
function classify(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  if (t.startsWith('SELECT m.id, m.name') && t.includes('FROM dues_account')) return 'billing page: members, accounts, billed months, declarations (findBillingPage)';
  if (t.startsWith('SELECT o.id AS "orgId", count(*)')) return 'pages cut by org (countBillableMembersByOrg)';
  if (t.includes('FROM dues_base')) return 'findBasesForBilling';
  if (t.includes('dues_account') && t.includes('FOR UPDATE')) return 'credit: lockAccountsWithCredit';
  if (t.startsWith('SELECT member_id AS "memberId", credit_fen')) return 'findAccounts';
  if (t.startsWith('SELECT member_id AS "memberId", month FROM dues_bill')) return 'findBilledMonths';
  if (t.includes('FROM dues_reduction')) return 'findLiveReductions';
  if (t.startsWith('INSERT INTO dues_bill')) return 'insertBills';
  if (t.includes('INSERT INTO dues_org_month')) return 'addOrgMonthTotals (org and ancestors)';
  if (t.includes('paid_fen < amount_fen') || t.includes('FROM dues_payment p LEFT JOIN LATERAL')) return 'credit: open bills, payments with credit';
  if (t.startsWith('INSERT INTO dues_allocation') || t.startsWith('UPDATE dues_bill') || t.startsWith('UPDATE dues_account')) return 'credit: allocations, bill and account updates';
  if (t.includes('setting')) return 'settings';
  if (t.includes('FROM org')) return 'org lookup';
  return t.slice(0, 40);
}

/** A Db that times every statement (and those of its transactions) by class. Statements on one connection queue, so each is charged from the later of its start and the previous answer. */
export function profiled(real: Db, p: Profile, dialect: PgDialect): Db {
  let lastEnd = 0;
  const wrap = (db: Db): Db =>
    new Proxy(db, {
      get(target, key, receiver) {
        if (key === 'execute') {
          return async (q: SQL) => {
            const start = performance.now();
            try {
              return await target.execute(q);
            } finally {
              const end = performance.now();
              const cost = end - Math.max(start, lastEnd);
              lastEnd = end;
              const k = classify(dialect.sqlToQuery(q).sql);
              const v = (p.statements[k] ??= [0, 0]);
              v[0] += cost;
              v[1] += 1;
              p.dbMs += cost;
            }
          };
        }
        if (key === 'transaction') return (fn: (tx: Db) => Promise<unknown>, config?: never) => target.transaction((tx) => fn(wrap(tx as unknown as Db)), config);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  return wrap(real);
}
