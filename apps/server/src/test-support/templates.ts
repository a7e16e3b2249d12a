import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../platform/db/migrate.ts';
import { openPglite, openPostgres, type Database } from '../platform/db/db.ts';
import { createClock } from '../platform/clock.ts';
import { systemCtx } from '../platform/context.ts';
import { sealAuditEvents } from '../platform/audit/audit-chain.ts';
import { createPlatform } from '../server.ts';
import { seedDemoDistrict } from '../seed/demo.ts';

/** Fixed test instant (10:00 in Asia/Shanghai) and key, so every run sees the same district. */
export const TEST_NOW = '2026-11-22T02:00:00.000Z';
export const TEST_MASTER_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const PG_TEMPLATE_DB = 'xf_template';
export const repoRoot = path.resolve(import.meta.dirname, '../../../..');
/** Per test run (the runner sets it), so parallel runs never read a half-written template. */
export const pgliteTemplateFile = () => process.env.XIANFENG_TEST_TEMPLATE_FILE ?? path.join(repoRoot, '.test-tmp', 'pglite-template.tar.gz');

async function seed(database: Database) {
  await migrate(database);
  const platform = createPlatform({ database, masterKey: Buffer.from(TEST_MASTER_KEY, 'hex'), clock: createClock(TEST_NOW), demo: true });
  await seedDemoDistrict(systemCtx(platform));
  while ((await sealAuditEvents(database, platform.crypto)) > 0);
}

/** The demo district, migrated and seeded once, dumped for PGlite test databases to load. */
export async function buildPgliteTemplate(): Promise<void> {
  fs.mkdirSync(path.dirname(pgliteTemplateFile()), { recursive: true });
  const db = await openPglite({});
  await seed(db);
  await db.pglite!.exec('VACUUM ANALYZE');
  const dump = await db.pglite!.dumpDataDir('gzip');
  fs.writeFileSync(pgliteTemplateFile(), Buffer.from(await dump.arrayBuffer()));
  await db.close();
}

/** The same district as a PostgreSQL template database, cloned per test with CREATE DATABASE … TEMPLATE. */
export async function buildPgTemplate(adminUrl: string, dbUrl: (name: string) => string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
  await admin.end();
  const db = await openPostgres(dbUrl(PG_TEMPLATE_DB), 4);
  await seed(db);
  await db.execScript('VACUUM ANALYZE');
  await db.close();
}
