import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rolePermissions } from '@xianfeng/contracts/account/account.permissions';
import { settingsCatalogue } from '@xianfeng/contracts/settings/settings.catalogue';
import { createClock } from '../apps/server/src/platform/clock.ts';
import { inTransaction, type Actor, type Ctx } from '../apps/server/src/platform/context.ts';
import { openPostgres, type Database, type Db } from '../apps/server/src/platform/db/db.ts';
import { createSmCrypto } from '../apps/server/src/platform/crypto/sm.ts';
import { sealAuditEvents } from '../apps/server/src/platform/audit/audit-chain.ts';
import { generateMonthlyBills } from '../apps/server/src/modules/dues/dues.bills.ts';
import { findBillingPage } from '../apps/server/src/modules/dues/dues.billing.repository.ts';
import { countBillableMembersByOrg } from '../apps/server/src/modules/dues/dues.repository.ts';
import { addMonth } from '../apps/server/src/modules/dues/dues.rules.ts';
import { collectionForMonth } from '../apps/server/src/modules/dues/dues.collection.ts';
import { duesSettingsForSubtree } from '../apps/server/src/modules/dues/dues.access.ts';
import { declare, insertDeclarations, loadSeedMembers, seedDues } from '../apps/server/src/seed/demo-dues.ts';
import { rng } from '../apps/server/src/seed/demo-data.ts';
import { BENCH_ACCOUNTS, BENCH_MASTER_KEY, BENCH_NOW, openScale, scales, type OpenedScale, type ScaleName } from './generate.ts';
import { adminQuery, postgresVersion, restartForMeasurement, startBenchPg } from './pg.ts';
import { addOwnRoot, cpuSnapshot, externalShare, waitForQuiet } from './cpu.ts';
import { login, sample, startChild, stats, type Stats } from './measure.ts';
import { machineNotes, withModuleSection } from './report.ts';
import { profiled, type Profile } from './dues-profile.ts';

/**
 * `npm run bench:dues [-- --bills-scale region] [--collection-scale city] [--runs 300] [--no-doc] [--render-last] [--bills-only] [--explain]`:
 * the 党费 module on the shared scales (issue 6 targets), each against a baseline measured in the same run.
 *   (1) The month's bills for a whole subtree (`generateMonthlyBills`, the service as the HTTP route calls it) at
 *       region scale (1,000,000 members; target ≤ 60 s on PostgreSQL). Setup, not timed: a base declaration for
 *       every member (the demo seed's mix, encrypted), 党费交至 September on paper, October billed, 2% prepaid
 *       half a year. Baseline: one `INSERT INTO dues_bill … SELECT … FROM member` of the same rows with the
 *       org-month totals (the floor any implementation pays), then removed; then the service, profiled per
 *       statement. Both must produce the same bills.
 *   (2) A subtree's collection rate (`GET /api/dues/collection`) at city scale after a year of bills and payments
 *       (the demo seed's `seedDues` over the whole city): p50/p95 over the runs for the root and for a street,
 *       in process and over HTTP; baselines: the same statements through raw `pg`, and `GET /api/health`.
 * Writes the "党费" section of docs/benchmarks.md (between its markers). `--explain` prints the plan of the bill run's
 * first page read (EXPLAIN ANALYZE, BUFFERS) before the service runs.
 */
const { values } = parseArgs({
  options: {
    'bills-scale': { type: 'string', default: 'region' },
    'collection-scale': { type: 'string', default: 'city' },
    runs: { type: 'string', default: '300' },
    regenerate: { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
    'render-last': { type: 'boolean', default: false },
    /** Only the bill run, printed, nothing written (for iterating on it). */
    'bills-only': { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const billsScale = values['bills-scale'] as ScaleName;
const collectionScale = values['collection-scale'] as ScaleName;
for (const n of [billsScale, collectionScale]) if (!(n in scales)) throw new Error(`unknown scale ${n}`);
if (billsScale === collectionScale) throw new Error('the bill run and the collection rate need different scales (each sets up its own dues data)');
const RUNS = Number(values.runs);
const MONTH = '2026-11';
const PREVIOUS = '2026-10';
const TARGETS = { billsSeconds: 60, collectionP95Ms: 20 } as const;
const log = (s: string) => process.stdout.write(`${s}\n`);
const docFile = path.join(import.meta.dirname, '..', 'docs', 'benchmarks.md');
const lastRunFile = path.join(import.meta.dirname, '.cache', 'last-dues-run.json');
/** The hand-written analysis inside the section, kept when the section is rewritten. */
const ANALYSIS = /<!-- dues-analysis -->[\s\S]*?<!-- \/dues-analysis -->/;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmt = (s: Stats) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;
const pass = (ok: boolean) => (ok ? '**pass**' : '**FAIL**');
const int = (n: number) => Math.round(n).toLocaleString('en');
const secs = (t0: number) => (performance.now() - t0) / 1000;

function benchActor(root: { id: string; path: string }): Actor {
  return {
    accountId: '00000000-0000-0000-0000-000000000000',
    username: 'bench',
    kind: 'staff',
    displayName: '基准测试',
    memberId: null,
    grants: [{ role: 'org_admin', orgId: root.id, orgPath: root.path, permissions: rolePermissions.org_admin }],
  };
}
const ctxOn = (db: Db, actor: Actor): Ctx => ({ db, clock: createClock(BENCH_NOW), crypto: createSmCrypto(Buffer.from(BENCH_MASTER_KEY, 'hex')), actor, ip: null, afterCommit: (fn) => fn(), publish: () => undefined });

// ---- setup (not timed) ----

/** A declaration for every active member, as the demo seed makes them (category mix, encrypted base), in chunks. */
async function declareAll(ctx: Ctx, rootPath: string): Promise<number> {
  const r = rng(20261125);
  const settings = await duesSettingsForSubtree(ctx, rootPath);
  let n = 0;
  for (let afterId: string | null = null; ; ) {
    const page = await loadSeedMembers(ctx, rootPath, afterId, 20_000);
    if (page.length === 0) return n;
    afterId = page[page.length - 1]!.id;
    const bases = page.flatMap((m) => declare(r, ctx, m, settings(m.orgPath), { year: 2026, toMonth: MONTH, by: { accountId: null, name: '基准数据' } }));
    await inTransaction(ctx, (tx) => insertDeclarations(tx, bases));
    n += bases.length;
    if (n % 200_000 < bases.length) log(`    ${int(n)} declarations`);
  }
}

/**
 * The month's bills in one statement: each active member of the subtree joined by the month's end, priced from the
 * declaration in force as `priceMemberBills` prices it (年薪制 its own month, 个体 its quarter, fixed categories at the
 * setting's amount, the cap), skipping a member already billed; and the org-month totals. The rows the service
 * makes when every member's earlier months are already billed (the setup below) and nothing is reduced.
 */
function baselineSql(rootPath: string, month: string, at: string): string {
  const cap = settingsCatalogue['dues.capFen'].default;
  const farmer = settingsCatalogue['dues.farmerMonthlyFen'].default;
  const quarter = `${month.slice(0, 5)}${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}`;
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  return `WITH RECURSIVE billed AS (
      INSERT INTO dues_bill (member_id, org_id, month, dues_category, rate_bp, standard_fen, amount_fen, capped, from_acceptance, created_at, updated_at)
      SELECT m.id, m.org_id, '${month}', d.dues_category, d.rate_bp, least(p.std, ${cap}), least(p.std, ${cap}), p.std > ${cap}, false, '${at}', '${at}'
      FROM member m JOIN org o ON o.id = m.org_id
      CROSS JOIN LATERAL (SELECT dues_category, rate_bp, standard_fen, effective_month FROM dues_base d WHERE d.member_id = m.id AND d.effective_month <= '${month}'
                          ORDER BY d.effective_month DESC, d.created_at DESC, d.id DESC LIMIT 1) d
      CROSS JOIN LATERAL (SELECT CASE d.dues_category WHEN 'farmer' THEN ${farmer} WHEN 'student' THEN 20 WHEN 'unemployed' THEN 20 WHEN 'relief' THEN 20 WHEN 'dibao' THEN 20
                                 ELSE d.standard_fen END AS std) p
      WHERE o.path >= '${rootPath}' AND o.path < '${rootPath}~' AND m.state = 'active' AND m.joined_on <= '${lastDay}'
        AND (d.dues_category <> 'annual_salary' OR d.effective_month = '${month}')
        AND (d.dues_category <> 'self_employed' OR d.effective_month = '${quarter}')
      ON CONFLICT (member_id, month) DO NOTHING
      RETURNING org_id, amount_fen),
    own AS (SELECT org_id, count(*)::int AS bills, count(*) FILTER (WHERE amount_fen = 0)::int AS settled, sum(amount_fen)::bigint AS amount, 0::bigint AS paid FROM billed GROUP BY org_id),
    ${subtreeCte('own')}
    INSERT INTO dues_org_month (org_id, month, bills, settled_bills, amount_fen, subtree_bills, subtree_settled_bills, subtree_amount_fen)
    SELECT org_id, '${month}', sum(bills), sum(settled), sum(amount), sum(s_bills), sum(s_settled), sum(s_amount) FROM x GROUP BY org_id ORDER BY org_id
    ON CONFLICT (org_id, month) DO UPDATE SET bills = dues_org_month.bills + EXCLUDED.bills, settled_bills = dues_org_month.settled_bills + EXCLUDED.settled_bills,
      amount_fen = dues_org_month.amount_fen + EXCLUDED.amount_fen, subtree_bills = dues_org_month.subtree_bills + EXCLUDED.subtree_bills,
      subtree_settled_bills = dues_org_month.subtree_settled_bills + EXCLUDED.subtree_settled_bills, subtree_amount_fen = dues_org_month.subtree_amount_fen + EXCLUDED.subtree_amount_fen`;
}

/** Per-org rows \`own(org_id, bills, settled, amount, paid)\` as \`x\`: each org's own figures, and the subtree figures (\`s_*\`) of it and every ancestor. */
function subtreeCte(own: string): string {
  return `up(org_id, bills, settled, amount, paid) AS (
      SELECT o.parent_id, t.bills, t.settled, t.amount, t.paid FROM ${own} t JOIN org o ON o.id = t.org_id WHERE o.parent_id IS NOT NULL
      UNION ALL
      SELECT o.parent_id, up.bills, up.settled, up.amount, up.paid FROM up JOIN org o ON o.id = up.org_id WHERE o.parent_id IS NOT NULL),
    x(org_id, bills, settled, amount, paid, s_bills, s_settled, s_amount, s_paid) AS (
      SELECT org_id, bills, settled, amount, paid, bills, settled, amount, paid FROM ${own}
      UNION ALL SELECT org_id, 0, 0, 0, 0, bills, settled, amount, paid FROM up)`;
}

/** What the bills of a month are, to compare the service's with the baseline's. */
const checksumSql = (month: string) =>
  `SELECT count(*)::int AS bills, sum(amount_fen)::bigint::text AS amount, sum(standard_fen)::bigint::text AS standard, count(*) FILTER (WHERE capped)::int AS capped,
          sum(hashtext(member_id::text || ':' || org_id::text || ':' || dues_category || ':' || coalesce(rate_bp, -1) || ':' || standard_fen || ':' || amount_fen || ':' || capped))::bigint::text AS hash,
          count(*) FILTER (WHERE paid_fen > 0)::int AS paid
   FROM dues_bill WHERE month = '${month}'`;

/** Bases for everyone, go-live in October (党费交至 September on paper), October billed, 2% prepaid half a year in October. */
async function setupBills(opened: OpenedScale): Promise<{ declarations: number; prepaid: number; seconds: number }> {
  const t0 = performance.now();
  const database = await openPostgres(opened.url, 4);
  try {
    const ctx = ctxOn(database.db, benchActor(opened.info.root));
    const pool = database.pool!;
    const settingRows = await pool.query(`SELECT count(*)::int AS n FROM setting WHERE key LIKE 'dues.%'`);
    if (Number(settingRows.rows[0]!.n) > 0) throw new Error('the baseline assumes the catalogue defaults for dues.*');
    log(`  declaring a base for every member (set-based, encrypted)`);
    const declarations = await declareAll(ctx, opened.info.root.path);
    await pool.query(`INSERT INTO dues_account (member_id, opening_paid_until) SELECT id, '2026-09' FROM member WHERE state = 'active'`);
    log(`  ${PREVIOUS}'s bills (as the baseline statement writes them)`);
    await pool.query(baselineSql(opened.info.root.path, PREVIOUS, '2026-10-01T00:00:00Z'));
    // 预交: 2% of the members with a steady amount paid October plus five months on October 15th.
    const prepaid = await pool.query(`
      WITH pick AS (
        SELECT b.id AS bill_id, b.member_id, b.org_id, b.amount_fen, gen_random_uuid() AS payment_id FROM dues_bill b
        WHERE b.month = '${PREVIOUS}' AND b.amount_fen > 0 AND b.dues_category NOT IN ('annual_salary', 'self_employed') AND abs(hashtext(b.member_id::text)) % 100 < 2),
      pay AS (
        INSERT INTO dues_payment (id, receipt_no, kind, member_id, org_id, amount_fen, method, paid_on, credit_after_fen, recorded_by_name, created_at)
        SELECT payment_id, 'DF2026' || lpad(nextval('dues_receipt_seq')::text, 8, '0'), 'payment', member_id, org_id, amount_fen * 6, 'cash', '2026-10-15', amount_fen * 5, '基准数据',
               '2026-10-15T02:00:00Z' FROM pick RETURNING id),
      alloc AS (INSERT INTO dues_allocation (payment_id, bill_id, amount_fen, created_at) SELECT payment_id, bill_id, amount_fen, '2026-10-15T02:00:00Z' FROM pick),
      paid AS (UPDATE dues_bill b SET paid_fen = b.amount_fen FROM pick WHERE b.id = pick.bill_id)
      UPDATE dues_account a SET credit_fen = pick.amount_fen * 5 FROM pick WHERE a.member_id = pick.member_id`);
    // The month's totals as the payments left them: own from the bills, subtree from the own rows.
    await pool.query(`UPDATE dues_org_month t SET settled_bills = s.settled, paid_fen = s.paid FROM (
        SELECT org_id, count(*) FILTER (WHERE paid_fen >= amount_fen) AS settled, sum(paid_fen) AS paid FROM dues_bill WHERE month = '${PREVIOUS}' GROUP BY org_id) s
      WHERE t.org_id = s.org_id AND t.month = '${PREVIOUS}'`);
    await pool.query(`WITH RECURSIVE own AS (SELECT org_id, bills, settled_bills AS settled, amount_fen AS amount, paid_fen AS paid FROM dues_org_month WHERE month = '${PREVIOUS}' AND bills > 0),
      ${subtreeCte('own')}
      UPDATE dues_org_month t SET subtree_bills = s.b, subtree_settled_bills = s.s, subtree_amount_fen = s.a, subtree_paid_fen = s.p
      FROM (SELECT org_id, sum(s_bills) AS b, sum(s_settled) AS s, sum(s_amount) AS a, sum(s_paid) AS p FROM x GROUP BY org_id) s WHERE t.org_id = s.org_id AND t.month = '${PREVIOUS}'`);
    while ((await sealAuditEvents(database, ctx.crypto)) > 0);
    return { declarations, prepaid: prepaid.rowCount ?? 0, seconds: secs(t0) };
  } finally {
    await database.close();
  }
}

/** A year of dues for the whole scale: the demo seed's `seedDues` (declarations, runs, payments, prepayment, arrears). */
async function setupCollection(opened: OpenedScale) {
  const t0 = performance.now();
  const database = await openPostgres(opened.url, 4);
  try {
    const ctx = ctxOn(database.db, benchActor(opened.info.root));
    const r = await seedDues(ctx, { rootPath: opened.info.root.path, log });
    while ((await sealAuditEvents(database, ctx.crypto)) > 0);
    const orgMonths = await database.pool!.query(`SELECT count(*)::int AS n FROM dues_org_month WHERE month = '${PREVIOUS}'`);
    return { ...r, orgMonths: Number(orgMonths.rows[0]!.n), seconds: secs(t0) };
  } finally {
    await database.close();
  }
}

// ---- measurement ----

interface BillsResult {
  scale: string;
  members: number;
  setup: { declarations: number; prepaid: number; seconds: number };
  baseline: { seconds: number; bills: number };
  service: { seconds: number; created: number; existing: number; settledFromCredit: number; missingBase: number; profile: Profile };
  rerun: { seconds: number; created: number; existing: number };
  same: boolean;
  checksum: unknown;
  external: number;
}

async function measureBills(server: Parameters<typeof adminQuery>[0], opened: OpenedScale, setup: BillsResult['setup']): Promise<BillsResult> {
  const raw = new pg.Client({ connectionString: opened.url });
  await raw.connect();
  const root = opened.info.root;
  try {
    await waitForQuiet({ threshold: 0.05, maxSeconds: 300, log });
    log(`  baseline: one INSERT … SELECT of ${MONTH}'s bills for ${int(opened.info.members)} members, with the org-month totals`);
    const cpu0 = cpuSnapshot();
    let t0 = performance.now();
    await raw.query('BEGIN');
    await raw.query(baselineSql(root.path, MONTH, '2026-11-01T00:00:00Z'));
    await raw.query('COMMIT');
    const baselineSeconds = secs(t0);
    const expected = (await raw.query(checksumSql(MONTH))).rows[0] as { bills: number };
    log(`    ${baselineSeconds.toFixed(1)} s, ${int(expected.bills)} bills`);
    await raw.query(`DELETE FROM dues_bill WHERE month = '${MONTH}'`);
    await raw.query(`DELETE FROM dues_org_month WHERE month = '${MONTH}'`);
    await adminQuery(server, 'VACUUM ANALYZE dues_bill', opened.database);
    await adminQuery(server, 'VACUUM ANALYZE dues_org_month', opened.database);
    await adminQuery(server, 'CHECKPOINT', opened.database);

    const database: Database = await openPostgres(opened.url, 10);
    if (values.explain) await explainBillingPage(database, root.path);
    log(`  generateMonthlyBills(${root.name}, ${MONTH}) through the service, profiled`);
    const profile: Profile = { statements: {}, dbMs: 0 };
    const actor = benchActor(root);
    t0 = performance.now();
    const nodeCpu0 = process.cpuUsage();
    const result = await generateMonthlyBills(ctxOn(profiled(database.db, profile, new PgDialect()), actor), { orgId: root.id, month: MONTH });
    const serviceSeconds = secs(t0);
    const nodeCpu = process.cpuUsage(nodeCpu0);
    log(`    ${serviceSeconds.toFixed(1)} s: ${int(result.created)} created, ${int(result.settledFromCredit)} settled from prepayment, ${result.missingBaseTotal} without a base`);
    log(`    CPU of this Node process meanwhile (pricing, parsing, building statements): ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s`);
    const actual = (await raw.query(checksumSql(MONTH))).rows[0] as Record<string, unknown>;
    // Paid amounts differ on purpose (the service spends prepayment); the bills themselves must not.
    const same = (['bills', 'amount', 'standard', 'capped', 'hash'] as const).every((k) => actual[k] === (expected as Record<string, unknown>)[k]);
    if (!same) log(`    the service's bills differ from the baseline's: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    t0 = performance.now();
    const again = await generateMonthlyBills(ctxOn(database.db, actor), { orgId: root.id, month: MONTH });
    const rerunSeconds = secs(t0);
    log(`    a second run (nothing to create): ${rerunSeconds.toFixed(1)} s`);
    await database.close();
    return {
      scale: opened.info.scale,
      members: opened.info.members,
      setup,
      baseline: { seconds: baselineSeconds, bills: expected.bills },
      service: { seconds: serviceSeconds, created: result.created, existing: result.existing, settledFromCredit: result.settledFromCredit, missingBase: result.missingBaseTotal, profile },
      rerun: { seconds: rerunSeconds, created: again.created, existing: again.existing },
      same,
      checksum: actual,
      external: externalShare(cpu0, cpuSnapshot()),
    };
  } finally {
    await raw.end();
  }
}

/** `--explain`: the plan of the run's first page read (the orgs of the first 10,000 members in tree order), as the service sends it. */
async function explainBillingPage(database: Database, rootPath: string): Promise<void> {
  const lastDay = `${MONTH}-30`;
  const orgIds: string[] = [];
  let size = 0;
  for (const c of await countBillableMembersByOrg(database.db, { path: rootPath, lastDay })) {
    if (size > 0 && size + c.members > 10_000) break;
    orgIds.push(c.orgId);
    size += c.members;
  }
  const settings = (await duesSettingsForSubtree(ctxOn(database.db, benchActor({ id: '', path: rootPath })), rootPath))(rootPath);
  const rec = recording(database.db);
  await findBillingPage(rec.db, { orgIds, lastDay, month: MONTH, fullFrom: addMonth(MONTH, -settings.backPaymentMonths), lookbackFrom: addMonth(MONTH, -36), page: null });
  const q = rec.captured[0]!;
  // Through the app's pool, so with its session settings (jit=off, platform/db/db.ts).
  const plan = await database.pool!.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
  log(`  the first page's read (${int(size)} members):\n${plan.rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n')}`);
}

interface Captured {
  sql: string;
  params: unknown[];
}
function recording(real: Db): { db: Db; captured: Captured[] } {
  const dialect = new PgDialect();
  const captured: Captured[] = [];
  const db = { execute: (q: SQL) => (captured.push(dialect.sqlToQuery(q)), real.execute(q)) } as unknown as Db;
  return { db, captured };
}

async function timed(n: number, warmup: number, f: () => Promise<unknown>): Promise<{ stats: Stats; external: number }> {
  for (let i = 0; i < warmup; i++) await f();
  const cpu0 = cpuSnapshot();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await f();
    out.push(performance.now() - t0);
  }
  return { stats: stats(out), external: externalShare(cpu0, cpuSnapshot()) };
}

interface Point {
  name: string;
  inProcess: Stats;
  raw: Stats;
  http: Stats;
  statements: number;
  rows: number;
  figures: { bills: number; settledBills: number; rateBasisPoints: number | null; children: number };
}
interface CollectionResult {
  scale: string;
  members: number;
  orgs: number;
  setup: Awaited<ReturnType<typeof setupCollection>>;
  root: Point;
  street: Point;
  health: Stats;
  external: number;
}

async function measureCollection(opened: OpenedScale, setup: CollectionResult['setup']): Promise<CollectionResult> {
  const database = await openPostgres(opened.url, 10);
  const actor = benchActor(opened.info.district);
  const ctx = ctxOn(database.db, actor);
  const raw = new pg.Pool({ connectionString: opened.url, max: 10 });
  let external = 0;
  const points: Point[] = [];
  try {
    await waitForQuiet({ threshold: 0.05, maxSeconds: 300, log });
    for (const org of [opened.info.district, opened.info.street]) {
      const input = { orgId: org.id, month: PREVIOUS };
      const view = await collectionForMonth(ctx, input);
      const rec = recording(database.db);
      await collectionForMonth(ctxOn(rec.db, actor), input);
      const replay = async () => (await Promise.all(rec.captured.map((q) => raw.query(q.sql, q.params)))).reduce((a, r) => a + (r.rowCount ?? 0), 0);
      const rows = await replay();
      log(`  ${org.name}: ${RUNS} runs in process and through raw pg (${rec.captured.length} statements, ${int(rows)} rows)`);
      const inProcess = await timed(RUNS, 20, () => collectionForMonth(ctx, input));
      const rawT = await timed(RUNS, 20, replay);
      external = Math.max(external, inProcess.external, rawT.external);
      points.push({
        name: org.name,
        inProcess: inProcess.stats,
        raw: rawT.stats,
        http: inProcess.stats,
        statements: rec.captured.length,
        rows,
        figures: { bills: view.bills, settledBills: view.settledBills, rateBasisPoints: view.rateBasisPoints, children: view.children.length },
      });
    }
  } finally {
    await raw.end();
    await database.close();
  }
  const app = await startChild('app-server.ts', { BENCH_DATABASE_URL: opened.url });
  let health: Stats;
  try {
    const cookie = await login(app.base, BENCH_ACCOUNTS.district, BENCH_ACCOUNTS.password);
    for (const [i, org] of [opened.info.district, opened.info.street].entries()) {
      const s = await sample(`${app.base}/api/dues/collection?orgId=${org.id}&month=${PREVIOUS}`, { cookie, warmup: 20, n: RUNS, minN: 200, maxSeconds: 300 });
      points[i]!.http = s.server;
      external = Math.max(external, s.external);
    }
    const h = await sample(`${app.base}/api/health`, { warmup: 20, n: RUNS, minN: 200, maxSeconds: 300 });
    health = h.server;
    external = Math.max(external, h.external);
  } finally {
    await app.stop();
  }
  return { scale: opened.info.scale, members: opened.info.members, orgs: opened.info.orgs, setup, root: points[0]!, street: points[1]!, health, external };
}

interface Result {
  date: string;
  machine: ReturnType<typeof machineNotes>;
  bills: BillsResult;
  collection: CollectionResult;
}

if (values['render-last']) writeDoc(JSON.parse(fs.readFileSync(lastRunFile, 'utf8')) as Result);
else await main();

async function main() {
  const server = await startBenchPg();
  try {
    const postgres = postgresVersion();
    // Generation, restore and setup on the fast (non-durable) settings; every scale is ready before any timing starts.
    const billsOpened = await openScale(server, billsScale, { log, regenerate: values.regenerate });
    log(`${billsScale}: setting up the bill run`);
    const billsSetup = await setupBills(billsOpened);
    log(`  ${int(billsSetup.declarations)} declarations, ${int(billsSetup.prepaid)} prepayments in ${billsSetup.seconds.toFixed(0)} s`);
    const collectionOpened = values['bills-only'] ? null : await openScale(server, collectionScale, { log, regenerate: values.regenerate });
    const collectionSetup = collectionOpened ? (log(`${collectionScale}: a year of dues (seedDues)`), await setupCollection(collectionOpened)) : null;
    if (collectionSetup) log(`  ${collectionSetup.seconds.toFixed(0)} s`);
    for (const o of [billsOpened, collectionOpened]) if (o) await adminQuery(server, 'VACUUM ANALYZE', o.database);
    const pgSettings = await restartForMeasurement(server);
    const dataDir = String((await adminQuery(server, 'SHOW data_directory')).rows[0]?.data_directory);
    addOwnRoot(Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]));

    log(`${billsScale}: (1) the month's bills`);
    const bills = await measureBills(server, billsOpened, billsSetup);
    if (!collectionOpened || !collectionSetup) {
      return log(JSON.stringify({ seconds: bills.service.seconds, baseline: bills.baseline.seconds, rerun: bills.rerun.seconds, external: bills.external, profile: bills.service.profile.statements }, null, 1));
    }
    log(`${collectionScale}: (2) the collection rate`);
    const collection = await measureCollection(collectionOpened, collectionSetup);
    const result: Result = { date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', machine: machineNotes(postgres, pgSettings), bills, collection };
    fs.mkdirSync(path.dirname(lastRunFile), { recursive: true });
    fs.writeFileSync(lastRunFile, JSON.stringify(result, null, 2));
    writeDoc(result);
  } finally {
    server.stop();
  }
}

function writeDoc(r: Result) {
  const doc = fs.readFileSync(docFile, 'utf8');
  const analysis = doc.match(ANALYSIS)?.[0] ?? '<!-- dues-analysis -->\n(No analysis written yet: edit between these markers; `npm run bench:dues` keeps it.)\n<!-- /dues-analysis -->';
  const section = duesSection(r).replace('<!-- /dues -->', `${analysis}\n<!-- /dues -->`);
  log(`\n${section}\n`);
  if (values['no-doc']) return log('docs/benchmarks.md left as it was (--no-doc)');
  fs.writeFileSync(docFile, withModuleSection(doc, 'dues', section));
  log(`wrote the 党费 section of ${path.relative(process.cwd(), docFile)}`);
}

function duesSection(r: Result): string {
  const b = r.bills;
  const c = r.collection;
  const prof = Object.entries(b.service.profile.statements).sort((x, y) => y[1][0] - x[1][0]);
  const serviceMs = b.service.seconds * 1000;
  const share = (x: number) => `${((x / serviceMs) * 100).toFixed(0)}%`;
  const rate = (p: Point) => (p.figures.rateBasisPoints === null ? '—' : `${(p.figures.rateBasisPoints / 100).toFixed(2)}%`);
  return `<!-- dues -->
## 党费 (Party dues)

Measured by \`npm run bench:dues\` (\`bench/dues.ts\`) on ${r.date} (same machine; PostgreSQL with ${r.machine.pgSettings}).
Other work used at most ${(Math.max(b.external, c.external) * 100).toFixed(0)}% of the CPU during the timed steps.

| | measured | target | |
|---|---|---|---|
| the month's bills for every member of the ${b.scale} scale (${int(b.members)} members, \`generateMonthlyBills\` at the root) | ${b.service.seconds.toFixed(1)} s | ≤ ${TARGETS.billsSeconds} s | ${pass(b.service.seconds <= TARGETS.billsSeconds)} |
| collection rate of the ${c.scale} root's month (\`GET /api/dues/collection\`): p95 server time of ${c.root.http.n} requests | ${ms(c.root.http.p95)} ms | ≤ ${TARGETS.collectionP95Ms} ms | ${pass(c.root.http.p95 <= TARGETS.collectionP95Ms)} |
| the same for a street: p95 | ${ms(c.street.http.p95)} ms | ≤ ${TARGETS.collectionP95Ms} ms | ${pass(c.street.http.p95 <= TARGETS.collectionP95Ms)} |

**(1) Bills, ${b.scale} scale.** ${int(b.service.created)} bills for ${MONTH} (${int(b.service.settledFromCredit)} settled at once from prepayment, ${b.service.missingBase} members without a base);
the service's bills are ${b.same ? 'identical to' : '**not** identical to'} the baseline's (count, amounts, caps and a hash over member, org, category, rate and amounts).

| | seconds | ÷ baseline |
|---|---|---|
| baseline: one \`INSERT INTO dues_bill … SELECT … FROM member\` of the same rows with the org-month totals | ${b.baseline.seconds.toFixed(1)} | 1.0× |
| \`generateMonthlyBills\` (pages of about 10,000 members cut along the tree, one transaction each, prepayment spent set-wise per page) | ${b.service.seconds.toFixed(1)} | ${(b.service.seconds / b.baseline.seconds).toFixed(1)}× |
| the same run again (every bill exists: reads only) | ${b.rerun.seconds.toFixed(1)} | ${(b.rerun.seconds / b.baseline.seconds).toFixed(1)}× |

Where the service's time went (statements timed through a proxy on its \`Db\`; a statement is charged from when its connection could start it):

| step | statements | ms | share of the run |
|---|---|---|---|
${prof.map(([k, [t, n]]) => `| ${k} | ${int(n)} | ${int(t)} | ${share(t)} |`).join('\n')}
| everything else: pricing in Node (\`priceMemberBills\`), commits, the audit event | — | ${int(serviceMs - b.service.profile.dbMs)} | ${share(serviceMs - b.service.profile.dbMs)} |

- **Setup** (not timed, ${b.setup.seconds.toFixed(0)} s): a declaration for every member with the demo seed's mix (\`declare\` in \`seed/demo-dues.ts\`:
  在职 most, 离退休, 年薪制 monthly, 个体 quarterly, the fixed categories; bases encrypted), ${int(b.setup.declarations)} rows; 党费交至 ${'2026-09'} on paper
  (go-live in October) so a run bills one month per member; ${PREVIOUS} billed by the baseline statement; ${int(b.setup.prepaid)} members (2%) prepaid six
  months in October, so the run spends prepayment as it would in a real month.
- **Baseline**: the same rows as the service makes in this setup, in one statement (latest declaration per member by a lateral index
  lookup, the cap and the fixed amounts inline), plus the org-month totals of each org and its ancestors; committed, then deleted and vacuumed before the service ran.
  It does not spend prepayment. It is what any implementation pays to write these rows; the ratio is what the service adds.

**(2) Collection rate, ${c.scale} scale**, after a year of dues for all ${int(c.members)} members (\`seedDues\`, ${c.setup.seconds.toFixed(0)} s: ${int(c.setup.bases)} declarations,
${int(c.setup.bills)} bills, ${int(c.setup.payments)} payments, ${int(c.setup.allocations)} allocations; ${int(c.setup.orgMonths)} org rows for ${PREVIOUS}).

| timings p50 / p95 / max (ms) | in process | over HTTP (server time) | baseline: the same statements through raw \`pg\` | in process ÷ baseline (p50) |
|---|---|---|---|---|
| ${c.root.name} (root), ${PREVIOUS}: ${int(c.root.figures.bills)} bills, rate ${rate(c.root)}, ${c.root.figures.children} children — ${c.root.statements} statements, ${int(c.root.rows)} rows | ${fmt(c.root.inProcess)} | ${fmt(c.root.http)} | ${fmt(c.root.raw)} | ${(c.root.inProcess.p50 / c.root.raw.p50).toFixed(1)}× |
| ${c.street.name} (street): ${int(c.street.figures.bills)} bills, rate ${rate(c.street)}, ${c.street.figures.children} children — ${c.street.statements} statements, ${int(c.street.rows)} rows | ${fmt(c.street.inProcess)} | ${fmt(c.street.http)} | ${fmt(c.street.raw)} | ${(c.street.inProcess.p50 / c.street.raw.p50).toFixed(1)}× |
| \`GET /api/health\` (the HTTP floor: session-less, no query) | — | ${fmt(c.health)} | — | — |

- \`GET /api/dues/collection?orgId=…&month=${PREVIOUS}\` as \`district\`: the org check, then the org-month totals of the subtree
  (\`dues_org_month.subtree_*\`, kept current for the org and its ancestors by every bill and allocation write): one row for the org and one per child.
  ${RUNS} requests each after 20 warm-up requests; in process: \`collectionForMonth\` itself.
<!-- /dues -->`;
}
