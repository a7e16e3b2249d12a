import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rolePermissions, type Role } from '@xianfeng/contracts/account/account.permissions';
import { memberHoldingKinds } from '@xianfeng/contracts/org/org.enums';
import { createClock } from '../apps/server/src/platform/clock.ts';
import { inTransaction, systemCtx, type Actor, type Ctx } from '../apps/server/src/platform/context.ts';
import { one, openPostgres, sql, type Database } from '../apps/server/src/platform/db/db.ts';
import { inSubtrees } from '../apps/server/src/platform/access/access.ts';
import type { SQL } from 'drizzle-orm';
import { migrate, migrationsDir } from '../apps/server/src/platform/db/migrate.ts';
import { sealAuditEvents } from '../apps/server/src/platform/audit/audit-chain.ts';
import { writeAudit } from '../apps/server/src/platform/audit/audit.ts';
import { addMonths, addYears } from '../apps/server/src/platform/dates.ts';
import { createPlatform } from '../apps/server/src/server.ts';
import { createMembersBulk, type BulkMember } from '../apps/server/src/modules/member/member.bulk.ts';
import { createAccount, grantRole } from '../apps/server/src/modules/account/account.service.ts';
import { DEMO_PASSWORD, seedDemoDistrict } from '../apps/server/src/seed/demo.ts';
import { demoMember, rng, type Rng } from '../apps/server/src/seed/demo-data.ts';
import { adminQuery, dumpDatabase, recreateDatabase, restoreDatabase, type PgServer } from './pg.ts';
import { planTree, type PlannedBranch, type PlannedOrg, type TreePlan, type TreeShape } from './tree.ts';

/**
 * Named data scales shared by every benchmark (`bench/`): generated once into PostgreSQL, dumped to
 * `bench/.cache/`, restored on later runs. Later modules' benchmarks call `openScale()` and add their own data.
 */

export type ScaleName = 'demo' | 'city' | 'region' | 'province';

export interface Scale {
  name: ScaleName;
  description: string;
  /** null: the demo seed itself (`seedDemoDistrict`). */
  shape: TreeShape | null;
}

export const scales: Record<ScaleName, Scale> = {
  demo: { name: 'demo', description: 'the demo district seed (1 区委, 4 街道, ≈ 6k members)', shape: null },
  city: { name: 'city', description: 'one large 区委: 区直 units and 20–30 streets/townships, 300,000 members', shape: { kind: 'district', members: 300_000 } },
  // Province-shaped at a fifth of the size: the largest scale generated on the 2-core benchmark machine (docs/benchmarks.md).
  region: { name: 'region', description: '省委 → 3 市委 → 6–12 区委 each → streets, 1,000,000 members', shape: { kind: 'province', members: 1_000_000, cities: 3 } },
  province: { name: 'province', description: '省委 → 15 市委 → 6–12 区委 each → streets, 5,000,000 members', shape: { kind: 'province', members: 5_000_000, cities: 15 } },
};

/** Fixed instant and key: generated dates, ages and encrypted fields are the same on every run. */
export const BENCH_NOW = '2026-11-22T02:00:00.000Z';
export const BENCH_MASTER_KEY = '6265e7e9c0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b';
/** Accounts every scale has (password DEMO_PASSWORD): a district-wide admin and the admin of one (the largest) street. */
export const BENCH_ACCOUNTS = { district: 'district', street: 'street1', password: DEMO_PASSWORD } as const;

export interface OrgRef {
  id: string;
  path: string;
  code: string;
  name: string;
  members: number;
}

export interface ScaleInfo {
  scale: ScaleName;
  orgs: number;
  branches: number;
  members: number;
  generatedAt: string;
  generateSeconds: number;
  /** Size of the database right after generation (pg_database_size). */
  databaseBytes: number;
  root: OrgRef;
  /** The district the district admin covers (the root at demo and city scale). */
  district: OrgRef;
  /** The street the street admin covers. */
  street: OrgRef;
}

export interface OpenedScale {
  database: string;
  url: string;
  info: ScaleInfo;
  /** How the data got there this run: generated, or restored from the cache (with the seconds it took). */
  source: { kind: 'generated' | 'restored'; seconds: number };
}

const CACHE_DIR = path.join(import.meta.dirname, '.cache');
const MEMBER_CHUNK = 5000;

/** Bump when what the generator writes changes (tree.ts, the seed and the migrations are hashed by content). */
const GENERATOR_VERSION = 1;

/**
 * Changes to the generator, the seed or the schema produce a new cache key, so a stale dump is never used. The demo
 * scale is the whole demo seed; the tree scales use only its member attributes (`demo-data.ts`) and its password,
 * so a change to the demo district's meetings or dues does not regenerate a million members.
 */
function cacheKey(scale: Scale): string {
  const h = createHash('sha256').update(JSON.stringify({ scale, v: GENERATOR_VERSION }));
  const seed = (f: string) => new URL(`../apps/server/src/seed/${f}`, import.meta.url).pathname;
  const sources = [
    ...(scale.shape === null
      ? ['demo.ts', 'demo-data.ts', 'demo-life.ts', 'demo-life.plan.ts', 'demo-life.records.ts', 'demo-life.write.ts', 'demo-dues.ts', 'demo-dues.plan.ts', 'demo-dues.write.ts', 'demo-transfer.ts', 'demo-mobile.ts', 'demo-report-in.ts'].map(seed)
      : [path.join(import.meta.dirname, 'tree.ts'), seed('demo-data.ts')]),
    ...fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort().map((f) => path.join(migrationsDir, f)),
  ];
  if (scale.shape !== null) h.update(DEMO_PASSWORD);
  for (const f of sources) h.update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 12);
}

function benchPlatform(database: Database, demo: boolean) {
  return createPlatform({ database, masterKey: Buffer.from(BENCH_MASTER_KEY, 'hex'), clock: createClock(BENCH_NOW), demo });
}

/** Restores a scale from the cache, or generates and caches it; the database is named `xf_bench_<scale>`. */
export async function openScale(server: PgServer, name: ScaleName, opts: { log?: (s: string) => void; regenerate?: boolean } = {}): Promise<OpenedScale> {
  const log = opts.log ?? (() => undefined);
  const scale = scales[name];
  const database = `xf_bench_${name}`;
  const base = path.join(CACHE_DIR, `${name}-${cacheKey(scale)}`);
  await recreateDatabase(server, database);
  const t0 = performance.now();
  if (!opts.regenerate && fs.existsSync(`${base}.dump`) && fs.existsSync(`${base}.json`)) {
    log(`${name}: restoring ${path.relative(process.cwd(), base)}.dump`);
    restoreDatabase(server, database, `${base}.dump`);
    // pg_restore brings no planner statistics.
    await adminQuery(server, 'VACUUM ANALYZE', database);
    const info = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as ScaleInfo;
    return { database, url: server.url(database), info, source: { kind: 'restored', seconds: (performance.now() - t0) / 1000 } };
  }
  log(`${name}: generating (${scale.description})`);
  const info = await generate(server.url(database), scale, log);
  info.databaseBytes = Number((await adminQuery(server, `SELECT pg_database_size('${database}') AS n`)).rows[0]?.n);
  log(`${name}: dumping to ${path.relative(process.cwd(), base)}.dump`);
  dumpDatabase(server, database, `${base}.dump`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(info, null, 2)}\n`);
  // Dumps of this scale under older keys can never be used again.
  for (const f of fs.readdirSync(CACHE_DIR)) if (f.startsWith(`${name}-`) && !f.startsWith(path.basename(base))) fs.rmSync(path.join(CACHE_DIR, f));
  return { database, url: server.url(database), info, source: { kind: 'generated', seconds: info.generateSeconds } };
}

async function generate(url: string, scale: Scale, log: (s: string) => void): Promise<ScaleInfo> {
  const t0 = performance.now();
  const database = await openPostgres(url, 4);
  try {
    await migrate(database);
    const platform = benchPlatform(database, scale.shape === null);
    const ctx = systemCtx(platform);
    const refs = scale.shape === null ? await generateDemo(ctx) : await generateTree(ctx, database, scale.shape, log);
    while ((await sealAuditEvents(database, platform.crypto)) > 0);
    await database.execScript('VACUUM ANALYZE');
    const counts = await database.pool!.query<{ orgs: number; branches: number; members: number }>(
      `SELECT (SELECT count(*) FROM org)::int AS orgs,
              (SELECT count(*) FROM org WHERE kind = ANY($1))::int AS branches,
              (SELECT count(*) FROM member)::int AS members`,
      [memberHoldingKinds],
    );
    const seconds = (performance.now() - t0) / 1000;
    log(`${scale.name}: generated in ${seconds.toFixed(0)} s`);
    return { scale: scale.name, ...counts.rows[0]!, generatedAt: new Date().toISOString(), generateSeconds: seconds, databaseBytes: 0, ...refs };
  } finally {
    await database.close();
  }
}

type Refs = Pick<ScaleInfo, 'root' | 'district' | 'street'>;

async function orgRef(ctx: Ctx, where: SQL): Promise<OrgRef> {
  const o = (await one<Omit<OrgRef, 'members'>>(ctx.db, sql`SELECT id, path, code, name FROM org WHERE ${where}`))!;
  const n = await one<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE m.state = 'active' AND ${inSubtrees(sql`o.path`, [o.path])}`);
  return { ...o, members: n?.n ?? 0 };
}

/** The demo scale is the demo seed itself; its `district` and `street1` accounts are the bench accounts. */
async function generateDemo(ctx: Ctx): Promise<Refs> {
  const { rootId } = await seedDemoDistrict(ctx);
  const root = await orgRef(ctx, sql`id = ${rootId}`);
  const street = await orgRef(ctx, sql`id = (SELECT g.org_id FROM "grant" g JOIN account a ON a.id = g.account_id WHERE a.username = ${BENCH_ACCOUNTS.street})`);
  return { root, district: root, street };
}

/** A seed-like actor: org admin and PII officer of the whole tree, in memory only (as the demo seed does). */
function generatorActor(rootId: string, rootPath: string): Actor {
  return {
    accountId: '00000000-0000-0000-0000-000000000000',
    username: 'system:bench',
    kind: 'staff',
    displayName: '基准数据生成',
    memberId: null,
    grants: (['org_admin', 'pii_officer'] as Role[]).map((role) => ({ role, orgId: rootId, orgPath: rootPath, permissions: rolePermissions[role] })),
  };
}

async function generateTree(base: Ctx, database: Database, shape: TreeShape, log: (s: string) => void): Promise<Refs> {
  const r = rng(20261122);
  const plan = planTree(r, shape);
  const ctx: Ctx = { ...base, actor: generatorActor(plan.root.id, plan.root.path) };
  const t0 = performance.now();
  await insertTree(ctx, database, plan);
  log(`  ${plan.orgs.length} orgs, ${plan.grids.length} grids inserted (set-based) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await insertMembers(ctx, r, plan.branches, shape.members, log);
  // The street admin gets the largest street (the heaviest street-level list); the district admin the largest district.
  const parent = new Map(plan.orgs.map((o) => [o.id, o.parentId]));
  const under = new Map<string, number>();
  for (const b of plan.branches) for (let id: string | null | undefined = b.orgId; id; id = parent.get(id)) under.set(id, (under.get(id) ?? 0) + b.size);
  const largest = (xs: PlannedOrg[]) => xs.reduce((a, b) => ((under.get(b.id) ?? 0) > (under.get(a.id) ?? 0) ? b : a));
  const street = largest(plan.streets);
  const district = largest(plan.districts);
  await inTransaction(ctx, async (tx) => {
    const accounts: [string, string, [Role, string][]][] = [
      [BENCH_ACCOUNTS.district, '区委组织部', [['org_admin', district.id], ['pii_officer', district.id]]],
      [BENCH_ACCOUNTS.street, `${street.name} 管理员`, [['org_admin', street.id]]],
    ];
    for (const [username, displayName, roles] of accounts) {
      const { id } = await createAccount(tx, { username, kind: 'staff', password: BENCH_ACCOUNTS.password, displayName });
      for (const [role, orgId] of roles) await grantRole(tx, { accountId: id, role, orgId, bootstrap: true });
    }
  });
  return { root: await orgRef(ctx, sql`id = ${plan.root.id}`), district: await orgRef(ctx, sql`id = ${district.id}`), street: await orgRef(ctx, sql`id = ${street.id}`) };
}

/**
 * Orgs and grids go in set-based, exactly as `createOrg` would leave them (same seq, path and 统一编码 scheme):
 * one org at a time through the service would take minutes at city scale and hours at province scale.
 */
async function insertTree(ctx: Ctx, database: Database, plan: TreePlan): Promise<void> {
  const pool = database.pool!;
  const now = ctx.clock.now();
  for (let i = 0; i < plan.orgs.length; i += 10_000) {
    const chunk = plan.orgs.slice(i, i + 10_000);
    const col = <K extends keyof (typeof chunk)[number]>(k: K) => chunk.map((o) => o[k]);
    await pool.query(
      `INSERT INTO org (id, seq, code, path, parent_id, depth, kind, domain, name, unit_name, grid_id, can_approve_members, created_at, updated_at)
       OVERRIDING SYSTEM VALUE
       SELECT id, seq, code, path, parent_id, depth, kind, domain, name, unit_name, grid_id, can_approve_members, $13, $13
       FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::uuid[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::boolean[])
         AS t(id, seq, code, path, parent_id, depth, kind, domain, name, unit_name, grid_id, can_approve_members)`,
      [col('id'), col('seq'), col('code'), col('path'), col('parentId'), col('depth'), col('kind'), col('domain'), col('name'), col('unitName'), col('gridId'), col('canApproveMembers'), now],
    );
  }
  await pool.query(`SELECT setval(pg_get_serial_sequence('org', 'seq'), (SELECT max(seq) FROM org))`);
  for (let i = 0; i < plan.grids.length; i += 10_000) {
    const chunk = plan.grids.slice(i, i + 10_000);
    await pool.query(`INSERT INTO grid (id, org_id, kind, name, created_at) SELECT id, org_id, 'grid', name, $4 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(id, org_id, name)`, [
      chunk.map((g) => g.id),
      chunk.map((g) => g.orgId),
      chunk.map((g) => g.name),
      now,
    ]);
  }
  // One audit event for the bulk change, as a bulk operation writes one (ARCHITECTURE §7).
  await inTransaction(ctx, (tx) => writeAudit(tx, { action: 'org.bulk_create', targetType: 'org', targetOrgPath: plan.root.path, details: { source: 'bench', orgs: plan.orgs.length, grids: plan.grids.length } }));
}

function memberRow(r: Rng, b: PlannedBranch, today: string, taken: Set<string>): BulkMember {
  const m = demoMember(r, { profile: b.profile, today, taken, probationaryShare: 0.05, unit: b.unit, address: b.address });
  const row: BulkMember = {
    ...m,
    orgId: b.orgId,
    groupId: b.groupIds.length && r.chance(0.6) ? r.pick(b.groupIds) : null,
    gridId: b.gridId,
    householdHub: r.chance(0.03),
    lostContact: r.chance(0.004),
  };
  if (r.chance(0.003)) {
    const kind = r.pick(['warning', 'serious_warning', 'probation'] as const);
    const decidedOn = addMonths(today, -r.int(3, 30));
    row.discipline = [{ kind, decidedOn, endsOn: kind === 'probation' ? addYears(decidedOn, 1) : null, reason: r.pick(['违反组织纪律', '违反廉洁纪律', '违反工作纪律']) }];
  }
  return row;
}

/**
 * Members go through `createMembersBulk` (the seed's and the import's path), so ID numbers and phones are really
 * encrypted and blind-indexed. Two chunks are in flight: one encrypts in Node while the other's rows travel to PostgreSQL.
 */
async function insertMembers(ctx: Ctx, r: Rng, branches: PlannedBranch[], total: number, log: (s: string) => void): Promise<void> {
  const today = ctx.clock.today();
  const taken = new Set<string>();
  const t0 = performance.now();
  let done = 0;
  let lastLog = t0;
  const inFlight = new Set<Promise<void>>();
  const submit = async (rows: BulkMember[]) => {
    const res = await createMembersBulk(ctx, { members: rows, allOrNothing: true, source: 'bench' });
    if (res.errors.length) throw new Error(`generated rows refused: ${JSON.stringify(res.errors.slice(0, 3))}`);
    done += res.imported;
    if (performance.now() - lastLog > 15_000 || done === total) {
      lastLog = performance.now();
      const s = (lastLog - t0) / 1000;
      log(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} members, ${Math.round(done / s)} /s`);
    }
  };
  let rows: BulkMember[] = [];
  const flush = async () => {
    const p = submit(rows).finally(() => inFlight.delete(p));
    inFlight.add(p);
    rows = [];
    if (inFlight.size >= 2) await Promise.race(inFlight);
  };
  for (const b of branches) {
    for (let i = 0; i < b.size; i++) {
      rows.push(memberRow(r, b, today, taken));
      if (rows.length === MEMBER_CHUNK) await flush();
    }
  }
  if (rows.length) await flush();
  await Promise.all(inFlight);
}
