import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rolePermissions } from '@xianfeng/contracts/account/account.permissions';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import { createClock } from '../apps/server/src/platform/clock.ts';
import type { Actor, Ctx } from '../apps/server/src/platform/context.ts';
import { openPostgres, type Db } from '../apps/server/src/platform/db/db.ts';
import { createSmCrypto } from '../apps/server/src/platform/crypto/sm.ts';
import { complianceSummary, orgCompliance } from '../apps/server/src/modules/life/life.compliance.ts';
import { BENCH_ACCOUNTS, BENCH_MASTER_KEY, BENCH_NOW, openScale, scales, type OpenedScale, type ScaleName } from './generate.ts';
import { adminQuery, postgresVersion, restartForMeasurement, startBenchPg } from './pg.ts';
import { addOwnRoot, cpuSnapshot, externalShare, waitForQuiet } from './cpu.ts';
import { login, sample, startChild, stats, type Stats } from './measure.ts';
import { machineNotes, withModuleSection } from './report.ts';

/**
 * `node --import tsx bench/compliance.ts [--scale city] [--runs 200] [--subtree-runs 5] [--no-doc]`:
 * the organisational-life compliance engine on a shared scale (issue 5 item 10). A year of meetings is added to
 * every branch and 党小组 of the scale, set-based; then, timed:
 *   (a) the set-based evaluation of every branch of the whole district for a year (target ≤ 10 s);
 *   (b) one branch's compliance for a year (target p95 ≤ 5 ms);
 * each in-process (the service function) and through HTTP (server time), against a baseline measured in the same
 * run: the very statements the service sent (captured through a recording proxy), replayed through raw `pg`.
 * Writes the "Compliance" section of docs/benchmarks.md (between its markers; `npm run bench` keeps it).
 */
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'city' },
    runs: { type: 'string', default: '200' },
    'subtree-runs': { type: 'string', default: '5' },
    regenerate: { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
    /** Writes the doc section from the last run's saved measurements (bench/.cache/last-compliance-run.json). */
    'render-last': { type: 'boolean', default: false },
  },
});
const scaleName = values.scale as ScaleName;
if (!(scaleName in scales)) throw new Error(`unknown scale ${scaleName}`);
const RUNS = Number(values.runs);
const SUBTREE_RUNS = Number(values['subtree-runs']);
const YEAR = '2026';
/** The year of meetings: the twelve months up to the bench clock (2026-11-22). */
const FROM_MONTH = '2025-12-01';
const TO_MONTH = '2026-11-01';
const TARGETS = { subtreeSeconds: 10, branchP95Ms: 5 } as const;
const log = (s: string) => process.stdout.write(`${s}\n`);
const docFile = path.join(import.meta.dirname, '..', 'docs', 'benchmarks.md');
const lastRunFile = path.join(import.meta.dirname, '.cache', 'last-compliance-run.json');
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmt = (s: Stats) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}`;
const pass = (ok: boolean) => (ok ? '**pass**' : '**FAIL**');
const int = (n: number) => n.toLocaleString('en');

/** Deterministic per (org, type, month) draws, so every run sees the same meetings. */
const draw = (salt: string) => `abs(hashtext(o.id::text || '${salt}' || to_char(m, 'YYYY-MM'))) % 100`;

/**
 * One multi-row INSERT … SELECT per meeting kind: theme days (branches) and group meetings (党小组) monthly,
 * general meetings quarterly, a lecture, the 组织生活会 and 民主评议 in January, two talks. ~7% of the slots are
 * skipped (gaps), ~4% are late entries, ~15% confirmed and ~5% still in draft, the rest approved.
 */
async function addYearOfMeetings(url: string, street: { id: string; name: string }): Promise<{ meetings: number; seconds: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  try {
    await c.query('BEGIN');
    await c.query(`DELETE FROM meeting`);
    const kinds = memberHoldingKinds.map((k) => `'${k}'`).join(', ');
    const slots: [type: string, orgKinds: string, months: string, day: number, salt: string][] = [
      ['theme_day', kinds, `generate_series(date '${FROM_MONTH}', date '${TO_MONTH}', interval '1 month')`, 3, 't'],
      ['group_meeting', `'group'`, `generate_series(date '${FROM_MONTH}', date '${TO_MONTH}', interval '1 month')`, 12, 'g'],
      ['branch_general_meeting', kinds, `generate_series(date '2026-02-01', date '${TO_MONTH}', interval '3 months')`, 10, 'b'],
      ['party_lecture', kinds, `(VALUES (date '2026-06-01')) AS v(x)`, 20, 'l'],
      ['org_life_meeting', kinds, `(VALUES (date '2026-01-01')) AS v(x)`, 15, 'o'],
      ['democratic_appraisal', kinds, `(VALUES (date '2026-01-01')) AS v(x)`, 15, 'd'],
      ['heart_talk', kinds, `(VALUES (date '2026-03-01'), (date '2026-09-01')) AS v(x)`, 8, 'h'],
    ];
    for (const [type, orgKinds, months, day, salt] of slots) {
      const series = months.startsWith('generate_series') ? `${months} AS m` : `(SELECT x AS m FROM ${months}) s`;
      await c.query(
        `INSERT INTO meeting (org_id, type, type_label, title, starts_at, ends_at, place, status, late_entry, late_entry_reason, created_at, updated_at)
         SELECT o.id, $1, '', $1 || ' ' || to_char(m, 'YYYY-MM'), st, st + interval '90 minutes', '党员活动室',
                CASE WHEN ${draw(`${salt}s`)} < 5 THEN 'minutes_draft' WHEN ${draw(`${salt}s`)} < 20 THEN 'confirmed' ELSE 'approved' END,
                ${draw(`${salt}l`)} < 4, CASE WHEN ${draw(`${salt}l`)} < 4 THEN '会后补录' END,
                CASE WHEN ${draw(`${salt}l`)} < 4 THEN st + interval '3 days' ELSE st - interval '7 days' END, st + interval '5 days'
         FROM org o CROSS JOIN ${series}
         CROSS JOIN LATERAL (SELECT ((m + ($2 - 1) * interval '1 day')::timestamp + interval '14 hours 30 minutes') AT TIME ZONE 'Asia/Shanghai' AS st) t
         WHERE o.kind IN (${orgKinds}) AND o.dissolved_on IS NULL AND ${draw(salt)} >= 7`,
        [type, day],
      );
    }
    // The measured street holds its branches to a quarterly 党课 (a local rule): the subtree pass resolves settings per branch.
    await c.query(
      `INSERT INTO setting (org_id, key, value, updated_at) VALUES ($1, 'life.localRules', $2::jsonb, now())
       ON CONFLICT (org_id, key) DO UPDATE SET value = EXCLUDED.value`,
      [street.id, JSON.stringify([{ rule: 'party_lecture', every: 'quarter', required: 1, source: '本地规定：党课每季度一次' }])],
    );
    await c.query('COMMIT');
    const n = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM meeting');
    return { meetings: Number(n.rows[0]!.n), seconds: (performance.now() - t0) / 1000 };
  } finally {
    await c.end();
  }
}

interface Captured {
  sql: string;
  params: unknown[];
}

/** A Db that runs every statement on the real one and records it as drizzle renders it for PostgreSQL. */
function recording(real: Db): { db: Db; captured: Captured[] } {
  const dialect = new PgDialect();
  const captured: Captured[] = [];
  const db = {
    execute: (q: SQL) => {
      captured.push(dialect.sqlToQuery(q));
      return real.execute(q);
    },
  } as unknown as Db;
  return { db, captured };
}

/** Timings in ms of `n` calls after `warmup`, with the share of the CPU other work used meanwhile. */
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

interface Result {
  date: string;
  scale: string;
  machine: ReturnType<typeof machineNotes>;
  data: { members: number; branches: number; orgs: number; meetings: number; generateSeconds: number; localRuleStreet: string; branchName: string; branchMeetings: number };
  subtree: { inProcess: Stats; http: Stats; raw: Stats; statements: number; rowsRead: number; external: number };
  branch: { inProcess: Stats; http: Stats; raw: Stats; statements: number; external: number };
  summary: unknown;
}

if (values['render-last']) writeDoc(JSON.parse(fs.readFileSync(lastRunFile, 'utf8')) as Result);
else await measure();

function writeDoc(result: Result) {
  const section = complianceSection(result);
  log(`\n${section}\n`);
  if (values['no-doc'] || result.scale !== 'city') log('docs/benchmarks.md left as it was (--no-doc, or not the city scale)');
  else {
    fs.writeFileSync(docFile, withModuleSection(fs.readFileSync(docFile, 'utf8'), 'compliance', section));
    log(`wrote the compliance section of ${path.relative(process.cwd(), docFile)}`);
  }
}

async function measure() {
  const server = await startBenchPg();
  try {
    const postgres = postgresVersion();
    const opened: OpenedScale = await openScale(server, scaleName, { log, regenerate: values.regenerate });
    log(`${scaleName}: adding a year of meetings to every branch and group (set-based)`);
    const added = await addYearOfMeetings(opened.url, opened.info.street);
    log(`  ${added.meetings.toLocaleString('en')} meetings in ${added.seconds.toFixed(1)} s`);
    await adminQuery(server, 'VACUUM ANALYZE', opened.database);
    const pgSettings = await restartForMeasurement(server);
    const dataDir = String((await adminQuery(server, 'SHOW data_directory')).rows[0]?.data_directory);
    addOwnRoot(Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]));

    const database = await openPostgres(opened.url, 10);
    const { district, street } = opened.info;
    const actor: Actor = {
      accountId: '00000000-0000-0000-0000-000000000000',
      username: 'bench',
      kind: 'staff',
      displayName: null,
      memberId: null,
      grants: [{ role: 'org_admin', orgId: district.id, orgPath: district.path, permissions: rolePermissions.org_admin }],
    };
    const ctxOn = (db: Db): Ctx => ({ db, clock: createClock(BENCH_NOW), crypto: createSmCrypto(Buffer.from(BENCH_MASTER_KEY, 'hex')), actor, ip: null, afterCommit: (fn) => fn(), publish: () => undefined });
    const ctx = ctxOn(database.db);
    // A typical branch of the measured street: the one with the most meetings this year.
    const picked = (
      await database.pool!.query<{ id: string; name: string; n: number }>(
        `SELECT o.id, o.name, count(*)::int AS n FROM org o JOIN meeting mt ON mt.org_id = o.id
         WHERE o.path >= $1 AND o.path < $2 AND o.kind = 'branch' GROUP BY o.id, o.name ORDER BY n DESC, o.id LIMIT 1`,
        [street.path, `${street.path}~`],
      )
    ).rows[0]!;
    const subtreeInput = { id: district.id, period: YEAR };
    const branchInput = { id: picked.id, period: YEAR };

    // The statements each call sends (settings are cached by then, as in a running server), for the baseline.
    await complianceSummary(ctx, subtreeInput);
    await orgCompliance(ctx, branchInput);
    const rs = recording(database.db);
    const summary = await complianceSummary(ctxOn(rs.db), subtreeInput);
    const rb = recording(database.db);
    await orgCompliance(ctxOn(rb.db), branchInput);
    const raw = new pg.Pool({ connectionString: opened.url, max: 10 });
    const replay = async (qs: Captured[]) => (await Promise.all(qs.map((q) => raw.query(q.sql, q.params)))).reduce((a, r) => a + r.rowCount!, 0);
    const rowsRead = await replay(rs.captured);

    await waitForQuiet({ threshold: 0.05, maxSeconds: 600, log });
    log(`  (a) whole ${district.name} for ${YEAR}: ${SUBTREE_RUNS} runs in process, through raw pg, over HTTP`);
    const subtreeIn = await timed(SUBTREE_RUNS, 1, () => complianceSummary(ctx, subtreeInput));
    const subtreeRaw = await timed(SUBTREE_RUNS, 1, () => replay(rs.captured));
    log(`  (b) ${picked.name} for ${YEAR}: ${RUNS} runs in process, through raw pg, over HTTP`);
    const branchIn = await timed(RUNS, 20, () => orgCompliance(ctx, branchInput));
    const branchRaw = await timed(RUNS, 20, () => replay(rb.captured));
    await raw.end();
    await database.close();

    const app = await startChild('app-server.ts', { BENCH_DATABASE_URL: opened.url });
    let subtreeHttp: Stats;
    let branchHttp: Stats;
    let external = Math.max(subtreeIn.external, subtreeRaw.external, branchIn.external, branchRaw.external);
    try {
      const cookie = await login(app.base, BENCH_ACCOUNTS.district, BENCH_ACCOUNTS.password);
      const a = await sample(`${app.base}/api/orgs/${district.id}/compliance/summary?period=${YEAR}`, { cookie, warmup: 1, n: SUBTREE_RUNS, minN: SUBTREE_RUNS, maxSeconds: 600 });
      const b = await sample(`${app.base}/api/orgs/${picked.id}/compliance?period=${YEAR}`, { cookie, warmup: 20, n: RUNS, minN: RUNS, maxSeconds: 600 });
      subtreeHttp = a.server;
      branchHttp = b.server;
      external = Math.max(external, a.external, b.external);
    } finally {
      await app.stop();
    }

    const result: Result = {
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      scale: scaleName,
      machine: machineNotes(postgres, pgSettings),
      data: {
        members: opened.info.members,
        branches: opened.info.branches,
        orgs: opened.info.orgs,
        meetings: added.meetings,
        generateSeconds: added.seconds,
        localRuleStreet: opened.info.street.name,
        branchName: picked.name,
        branchMeetings: picked.n,
      },
      subtree: { inProcess: subtreeIn.stats, http: subtreeHttp, raw: subtreeRaw.stats, statements: rs.captured.length, rowsRead, external },
      branch: { inProcess: branchIn.stats, http: branchHttp, raw: branchRaw.stats, statements: rb.captured.length, external },
      summary,
    };
    fs.mkdirSync(path.dirname(lastRunFile), { recursive: true });
    fs.writeFileSync(lastRunFile, JSON.stringify(result, null, 2));
    writeDoc(result);
  } finally {
    server.stop();
  }
}

function complianceSection(r: Result): string {
  const s = r.subtree;
  const b = r.branch;
  const worstSubtree = Math.max(s.inProcess.max, s.http.max);
  return `<!-- compliance -->
## Compliance (organisational life), ${r.scale} scale

Measured by \`node --import tsx bench/compliance.ts\` on ${r.date} (same machine notes as above; PostgreSQL with ${r.machine.pgSettings}).
Other work used at most ${(Math.max(s.external, b.external) * 100).toFixed(0)}% of the CPU during the timed steps.

| | measured | target | |
|---|---|---|---|
| every branch of the district for a year, set-based (\`complianceSummary\`): slowest of ${s.inProcess.n} runs in process / over HTTP | ${(s.inProcess.max / 1000).toFixed(2)} s / ${(s.http.max / 1000).toFixed(2)} s | ≤ ${TARGETS.subtreeSeconds} s | ${pass(worstSubtree <= TARGETS.subtreeSeconds * 1000)} |
| one branch for a year (\`orgCompliance\`): p95 of ${b.inProcess.n} runs in process | ${ms(b.inProcess.p95)} ms | ≤ ${TARGETS.branchP95Ms} ms | ${pass(b.inProcess.p95 <= TARGETS.branchP95Ms)} |
| the same over HTTP: p95 server time (session lookup, validation and logging included) | ${ms(b.http.p95)} ms | none (the target is the engine's) | ${b.http.p95 <= TARGETS.branchP95Ms ? 'within 5 ms' : 'above 5 ms'} |

| timings p50 / p95 / max (ms) | in process | over HTTP (server time) | baseline: the same statements through raw \`pg\` | in process ÷ baseline (p50) |
|---|---|---|---|---|
| (a) whole district, ${YEAR} — ${int(r.data.branches)} branches, ${s.statements} statements, ${int(s.rowsRead)} rows read | ${fmt(s.inProcess)} | ${fmt(s.http)} | ${fmt(s.raw)} | ${(s.inProcess.p50 / s.raw.p50).toFixed(1)}× |
| (b) ${r.data.branchName} (${r.data.branchMeetings} meetings), ${YEAR} — ${b.statements} statements | ${fmt(b.inProcess)} | ${fmt(b.http)} | ${fmt(b.raw)} | ${(b.inProcess.p50 / b.raw.p50).toFixed(1)}× |

- **Data**: the ${r.scale} scale (${int(r.data.members)} members, ${int(r.data.orgs)} orgs) plus a year of meetings (${FROM_MONTH.slice(0, 7)} … ${TO_MONTH.slice(0, 7)}) for every
  branch and 党小组, ${int(r.data.meetings)} rows inserted set-based in ${r.data.generateSeconds.toFixed(1)} s (\`bench/compliance.ts\`): monthly theme days and group
  meetings, quarterly general meetings, a lecture, the annual 组织生活会 and 民主评议, two talks; ~7% of slots skipped, ~4% late
  entries, ~20% not approved yet. ${r.data.localRuleStreet} (the street measured above) sets \`life.localRules\` (党课 quarterly), so the
  pass resolves each branch's own rules, and the branch of (b), in that street, is held to four lectures.
  No attendees: compliance reads meetings only.
- **(a)** \`GET /api/orgs/<district>/compliance/summary?period=${YEAR}\` as \`district\`: the org, the setting rows on the path and in the subtree, the
  subtree's orgs, leader counts and counted meetings, then the pure rules per branch. Result:
  ${JSON.stringify((r.summary as { byWorst: unknown }).byWorst)}.
- **(b)** \`GET /api/orgs/<branch>/compliance?period=${YEAR}\`: the org, its leaders and its meetings of the year (settings cached, as in a running server).
- **Baseline**: the statements each call sent (recorded through a proxy on the app's own \`Db\`), replayed in parallel through a \`pg.Pool\` of 10
  and fetching every row: what the database and the driver cost on their own. The ratio is what the app adds (row mapping, the rules, the
  response).
<!-- /compliance -->`;
}
