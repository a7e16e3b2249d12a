import { sql } from 'drizzle-orm';
import { loadConfig } from './platform/config.ts';
import { migrate } from './platform/db/migrate.ts';
import { systemCtx } from './platform/context.ts';
import { verifyAuditChain, sealAuditEvents } from './platform/audit/audit-chain.ts';
import { createServer, loadPlatform, openDatabase } from './server.ts';
import { isSeeded, seedDemoDistrict, demoAccounts, DEMO_PASSWORD } from './seed/demo.ts';
import { formatDifference, verifyStatsRollups } from './modules/stats/stats.service.ts';

/**
 * CLI: `start` (default), `migrate`, `seed`, `audit:verify`, `stats:verify [--repair]`.
 * Embedded mode (no DATABASE_URL) migrates and seeds itself on first start.
 */
async function main(command: string): Promise<number> {
  const config = loadConfig();
  if (command === 'migrate') {
    // Migrating needs no keys: open the database only.
    const database = await openDatabase(config);
    try {
      const done = await migrate(database);
      process.stdout.write(done.length ? `applied ${done.length} migration(s): ${done.join(', ')}\n` : 'database is up to date\n');
      return 0;
    } finally {
      await database.close();
    }
  }
  const platform = await loadPlatform(config);
  const ctx = systemCtx(platform);
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    switch (command) {
      case 'seed': {
        await migrate(platform.database);
        if (await isSeeded(ctx)) {
          log('demo district already seeded');
          return 0;
        }
        const r = await seedDemoDistrict(ctx, { log });
        while ((await sealAuditEvents(platform.database, platform.crypto)) > 0);
        log(`seeded ${r.orgs} organisations, ${r.members} members, ${r.accounts} accounts`);
        return 0;
      }
      case 'audit:verify': {
        while ((await sealAuditEvents(platform.database, platform.crypto)) > 0);
        const r = await verifyAuditChain(platform.database.db, platform.crypto);
        if (r.ok) log(`audit chain intact: ${r.sealed} sealed event(s), ${r.unsealed} pending`);
        else log(`audit chain BROKEN at seal #${r.firstBroken!.sealNo} (event seq ${r.firstBroken!.seq}): ${r.firstBroken!.reason}`);
        return r.ok ? 0 : 1;
      }
      case 'stats:verify': {
        // Recounts every statistics rollup from scratch and compares (docs/stats.md); --repair rewrites them.
        const repair = process.argv.includes('--repair');
        const r = await verifyStatsRollups(ctx, { repair });
        for (const d of r.differences) log(formatDifference(d));
        if (r.differences.length === 0) log('statistics rollups match a full recount');
        else log(`${r.differences.length} rollup row(s) differ from a full recount`);
        if (r.repairedRows !== null) log(`repaired: rewrote ${r.repairedRows} rollup row(s) from the recount`);
        return r.differences.length === 0 || r.repairedRows !== null ? 0 : 1;
      }
      case 'start':
        return await start();
      default:
        log(`unknown command: ${command} (use start, migrate, seed, audit:verify, stats:verify)`);
        return 2;
    }
  } finally {
    if (command !== 'start') await platform.database.close();
  }

  async function start(): Promise<number> {
    const server = await createServer(platform, { webDist: config.webDist, trustProxy: config.trustProxy, logger: config.production, exemptLoopback: !config.production });
    await server.app.listen({ port: config.port, host: config.host });
    log(`先锋 Xianfeng listening on http://localhost:${config.port} (database: ${platform.database.kind})`);
    if (platform.database.kind === 'pglite') {
      await migrate(platform.database);
      if (config.demo && !(await isSeeded(ctx))) {
        log('first start: seeding the demo district (under a minute)…');
        const r = await seedDemoDistrict(ctx, { log });
        await platform.database.db.execute(sql`VACUUM ANALYZE`);
        log(`seeded ${r.orgs} organisations, ${r.members} members`);
      }
    }
    server.setReady(true);
    if (config.demo) {
      log(`\n演示模式 demo mode — accounts (password ${DEMO_PASSWORD}):`);
      for (const a of demoAccounts) log(`  ${a.username.padEnd(11)} ${a.label}`);
    }
    log(`ready: http://localhost:${config.port}/admin  (H5: /m, API docs: /api/docs)`);
    const stop = async () => {
      await server.close();
      await platform.database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    return -1;
  }
}

main(process.argv[2] ?? 'start').then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
