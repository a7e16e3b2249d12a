import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { DuesCategory } from '@xianfeng/contracts/dues/dues.enums';
import { engines, openTestServer, type Engine, type TestServer } from '../test-support/harness.ts';
import { assertSafe } from '../test-support/assertions.ts';
import { one, openPglite, openPostgres, rows, type Database, type Db } from '../platform/db/db.ts';
import { migrate } from '../platform/db/migrate.ts';
import { applyCap, standardDues } from '../modules/dues/dues.rules.ts';
import { baseAad } from '../modules/dues/dues.views.ts';
import { orgMonthTotalsViolations } from '../modules/dues/dues.fixtures.ts';

async function freshDatabase(engine: Engine): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openPglite({});
    return { database, drop: () => database.close() };
  }
  const admin = process.env.XIANFENG_TEST_PG_URL!;
  const name = `xf_t_${randomBytes(6).toString('hex')}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await c.query(q).finally(() => c.end());
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), 2);
  return { database, drop: async () => (await database.close(), await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/** The demo district's year of 党费 (seed/demo-dues.ts): the ledger's invariants, the rules' amounts, and what the boards show. */
for (const engine of engines) {
  describe(`demo dues seed (${engine})`, () => {
    let s: TestServer;
    let rootId: string;
    const count = async (q: ReturnType<typeof sql>) => Number((await one<{ n: number }>(s.platform.database.db, q))?.n ?? -1);
    const get = async (user: string, url: string) => {
      const res = await s.request({ method: 'GET', url, cookie: await s.login(user) });
      assertSafe(res);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      return res.json();
    };

    before(async () => {
      s = await openTestServer(engine);
      rootId = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE parent_id IS NULL`))!.id;
    });
    after(() => s.stop());

    test('every active member has a declaration, a dues account and a bill for each month since January or joining', async () => {
      assert.equal(await count(sql`SELECT count(*)::int AS n FROM member m WHERE m.state = 'active' AND NOT EXISTS (SELECT 1 FROM dues_base b WHERE b.member_id = m.id)`), 0);
      assert.equal(await count(sql`SELECT count(*)::int AS n FROM member m WHERE m.state = 'active' AND NOT EXISTS (SELECT 1 FROM dues_account a WHERE a.member_id = m.id)`), 0);
      // Billed from January (or the joining month) through November; a member who joined in November after the 1st waits for December's run.
      const gaps = await count(sql`
        SELECT count(*)::int AS n FROM member m
        CROSS JOIN LATERAL (SELECT to_char(g, 'YYYY-MM') AS month FROM generate_series(greatest(date '2026-01-01', date_trunc('month', m.joined_on)::date), date '2026-11-01', interval '1 month') g) mo
        WHERE m.state = 'active' AND m.joined_on < date '2026-11-01'
          AND NOT EXISTS (SELECT 1 FROM dues_bill b WHERE b.member_id = m.id AND b.month = mo.month)`);
      assert.equal(gaps, 0, 'no member-month without a bill');
      assert.equal(await count(sql`SELECT count(*)::int AS n FROM dues_bill WHERE month < '2026-01' OR month > '2026-11'`), 0);
      assert.ok((await count(sql`SELECT count(*)::int AS n FROM dues_bill b JOIN member m ON m.id = b.member_id WHERE m.status = 'probationary'`)) > 0, 'probationary members are billed');
      const categories = await rows<{ c: DuesCategory }>(s.platform.database.db, sql`SELECT DISTINCT dues_category AS c FROM dues_base`);
      for (const c of ['in_service', 'retired', 'annual_salary', 'self_employed', 'student', 'unemployed', 'dibao'] as const) {
        assert.ok(categories.some((x) => x.c === c), `some ${c} declarations`);
      }
    });

    test('amounts follow the rules: the declared base decrypts to its standard amount; bills are capped from the declaration in force', async () => {
      const bases = await rows<{ id: string; memberId: string; c: DuesCategory; enc: string | null; rateBp: number | null; standardFen: number }>(
        s.platform.database.db,
        sql`SELECT id, member_id AS "memberId", dues_category AS c, base_enc AS enc, rate_bp AS "rateBp", standard_fen AS "standardFen" FROM dues_base`,
      );
      for (const b of bases) {
        const baseFen = b.enc === null ? null : Number(s.platform.crypto.decryptField(b.enc, baseAad(b.memberId, b.id)));
        const expected = standardDues(b.c, baseFen, { farmerMonthlyFen: 20 });
        assert.deepEqual({ standardFen: b.standardFen, rateBp: b.rateBp }, { standardFen: expected.standardFen, rateBp: expected.rateBasisPoints }, `declaration ${b.id} (${b.c})`);
      }
      const priced = await rows<{ declared: number; standardFen: number; amountFen: number; capped: boolean; reduced: boolean }>(
        s.platform.database.db,
        sql`SELECT d.standard_fen AS declared, b.standard_fen AS "standardFen", b.amount_fen AS "amountFen", b.capped, b.reduction_id IS NOT NULL AS reduced
            FROM dues_bill b CROSS JOIN LATERAL (
              SELECT standard_fen FROM dues_base d WHERE d.member_id = b.member_id AND d.effective_month <= b.month ORDER BY d.effective_month DESC, d.created_at DESC LIMIT 1) d`,
      );
      for (const p of priced) {
        const capped = applyCap(p.declared, { capFen: 100_000 });
        assert.deepEqual({ standardFen: p.standardFen, capped: p.capped }, { standardFen: capped.monthlyFen, capped: capped.capped });
        if (!p.reduced) assert.equal(p.amountFen, p.standardFen);
        else assert.ok(p.amountFen < p.standardFen);
      }
      assert.ok(priced.some((p) => p.capped), 'some 年薪制 months reach the 1,000-yuan cap');
      assert.equal(await count(sql`SELECT count(*)::int AS n FROM dues_reduction WHERE status = 'approved'`), 2);
      assert.ok((await count(sql`SELECT count(*)::int AS n FROM dues_bill WHERE reduction_id IS NOT NULL AND amount_fen = 0`)) > 0, '免交 months');
    });

    test('ledger invariants: paid = allocations per bill, credit = payments − allocations per member, org-month totals = the bills', async () => {
      const db = s.platform.database.db;
      assert.equal(
        await count(sql`SELECT count(*)::int AS n FROM dues_bill b LEFT JOIN (SELECT bill_id, sum(amount_fen) AS s FROM dues_allocation GROUP BY bill_id) a ON a.bill_id = b.id
                        WHERE b.paid_fen <> coalesce(a.s, 0)`),
        0,
      );
      assert.equal(await count(sql`SELECT count(*)::int AS n FROM dues_allocation a WHERE NOT EXISTS (SELECT 1 FROM dues_bill b WHERE b.id = a.bill_id)`), 0);
      assert.equal(
        await count(sql`SELECT count(*)::int AS n FROM dues_account acc
                        LEFT JOIN (SELECT member_id, sum(amount_fen) AS s FROM dues_payment GROUP BY member_id) p ON p.member_id = acc.member_id
                        LEFT JOIN (SELECT p.member_id, sum(a.amount_fen) AS s FROM dues_allocation a JOIN dues_payment p ON p.id = a.payment_id GROUP BY p.member_id) al ON al.member_id = acc.member_id
                        WHERE acc.credit_fen <> coalesce(p.s, 0) - coalesce(al.s, 0)`),
        0,
      );
      // An allocation settles a bill of the paying member's own file.
      assert.equal(await count(sql`SELECT count(*)::int AS n FROM dues_allocation a JOIN dues_payment p ON p.id = a.payment_id JOIN dues_bill b ON b.id = a.bill_id WHERE b.member_id <> p.member_id`), 0);
      assert.equal(
        (await rows(db, orgMonthTotalsViolations)).length,
        0,
      );
      // Receipts: DF + year + 8 digits, drawn from the sequence in one run (unique, no gaps), none above what it has handed out.
      const r = await one<{ n: number; distinct: number; bad: number; min: string; max: string; last: string }>(
        db,
        sql`SELECT count(*)::int AS n, count(DISTINCT receipt_no)::int AS distinct, count(*) FILTER (WHERE receipt_no !~ '^DF2026[0-9]{8}$')::int AS bad,
              min(receipt_no) AS min, max(receipt_no) AS max, (SELECT last_value::text FROM dues_receipt_seq) AS last FROM dues_payment`,
      );
      assert.ok(r && r.n > 0);
      assert.equal(r.bad, 0);
      assert.equal(r.distinct, r.n);
      assert.equal(Number(r.max.slice(6)) - Number(r.min.slice(6)) + 1, r.n);
      assert.ok(Number(r.max.slice(6)) <= Number(r.last));
      // Receipt numbers follow the order payments were recorded in.
      assert.equal(await count(sql`SELECT count(*)::int AS n FROM (SELECT receipt_no, lag(receipt_no) OVER (ORDER BY created_at, receipt_no) AS prev FROM dues_payment) x WHERE prev > receipt_no`), 0);
      // Each payment's credit_after is the member's credit after it; nothing recorded after now.
      assert.equal(await count(sql`SELECT count(*)::int AS n FROM dues_payment WHERE credit_after_fen < 0 OR kind <> 'payment' OR paid_on > date '2026-11-22' OR created_at > ${s.platform.clock.now()}`), 0);
      assert.ok((await count(sql`SELECT count(*)::int AS n FROM dues_payment WHERE payer_member_id IS NOT NULL AND payer_member_id <> member_id`)) > 0, '代缴');
      assert.ok((await count(sql`SELECT count(*)::int AS n FROM dues_account WHERE credit_fen > 0`)) > 0, 'prepayments');
      assert.ok((await count(sql`SELECT count(*)::int AS n FROM (SELECT payment_id FROM dues_allocation GROUP BY payment_id HAVING count(*) >= 2) x`)) > 0, 'payments settling two months or more');
    });

    test('the indexes and constraints the seed loads without are back, exactly as the migrations define them', async () => {
      const definitions = async (db: Db) =>
        rows<{ def: string }>(
          db,
          sql`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'dues\_%'
              UNION ALL SELECT t.relname || ': ' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE t.relname LIKE 'dues\_%'
              UNION ALL SELECT t.relname || ': ' || g.tgname FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid WHERE t.relname LIKE 'dues\_%' AND NOT g.tgisinternal
              ORDER BY 1`,
        );
      // A freshly migrated database of the same engine (catalogue output differs between PostgreSQL versions).
      const fresh = await freshDatabase(engine);
      try {
        await migrate(fresh.database);
        assert.deepEqual(await definitions(s.platform.database.db), await definitions(fresh.database.db));
      } finally {
        await fresh.drop();
      }
      const bill = (await one<{ id: string; memberId: string; month: string; orgId: string }>(s.platform.database.db, sql`SELECT id, member_id AS "memberId", month, org_id AS "orgId" FROM dues_bill LIMIT 1`))!;
      await assert.rejects(s.platform.database.db.execute(sql`INSERT INTO dues_bill (member_id, org_id, month, dues_category, standard_fen, amount_fen) VALUES (${bill.memberId}, ${bill.orgId}, ${bill.month}, 'student', 20, 20)`));
      await assert.rejects(s.platform.database.db.execute(sql`INSERT INTO dues_allocation (payment_id, bill_id, amount_fen) VALUES (gen_random_uuid(), ${bill.id}, 1)`));
    });

    test('boards: arrears at both levels, member1 paid up, October collected at 85–100%, branch1 has a case', async () => {
      const arrears = await get('district', `/api/dues/arrears?orgId=${rootId}&pageSize=100`);
      const levels = new Set((arrears.items as { level: string }[]).map((i) => i.level));
      assert.ok(levels.has('reminder') && levels.has('lapse_review'), `levels: ${[...levels].join(', ')}`);
      const lapse = await get('district', `/api/dues/arrears?orgId=${rootId}&level=lapse_review&pageSize=1`);
      const reminder = await get('district', `/api/dues/arrears?orgId=${rootId}&level=reminder&pageSize=1`);
      const members = await count(sql`SELECT count(*)::int AS n FROM member WHERE state = 'active'`);
      assert.ok(lapse.total >= members * 0.005 && lapse.total <= members * 0.02, `自行脱党 review: ${lapse.total} of ${members}`);
      assert.ok(reminder.total >= members * 0.015 && reminder.total <= members * 0.05, `reminders: ${reminder.total} of ${members}`);

      const mine = await get('member1', '/api/dues/me');
      assert.ok(mine.paidUntil >= '2026-10', `member1 paid until ${mine.paidUntil}`);
      assert.equal(mine.owedFen, 0);
      assert.ok(mine.currentBase, 'member1 has a base in force');

      const october = await get('district', `/api/dues/collection?orgId=${rootId}&month=2026-10`);
      assert.ok(october.rateBasisPoints >= 8500 && october.rateBasisPoints <= 10000, `October rate ${october.rateBasisPoints}`);
      assert.ok(october.bills >= members * 0.95);

      const branch = (await get('branch1', '/api/orgs/tree'))[0] as { id: string };
      const cases = (await get('branch1', `/api/dues/arrears?orgId=${branch.id}`)).items as { consecutiveUnpaid: number }[];
      assert.ok(cases.some((c) => c.consecutiveUnpaid >= 3), 'branch1 has a member three months or more in arrears');
    });
  });
}
