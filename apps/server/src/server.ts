import { z } from 'zod';
import type { Config } from './platform/config.ts';
import { createClock, type Clock } from './platform/clock.ts';
import { createSmCrypto, loadMasterKey } from './platform/crypto/sm.ts';
import { openPglite, openPostgres, type Database } from './platform/db/db.ts';
import { migrate } from './platform/db/migrate.ts';
import type { Platform } from './platform/context.ts';
import { systemCtx } from './platform/context.ts';
import { buildApp, type App } from './platform/http/app.ts';
import { auditWakeups } from './platform/audit/audit.ts';
import { startAuditSealer } from './platform/audit/audit-chain.ts';
import { AppError } from './platform/http/errors.ts';
import { createRealtimeHub } from './platform/realtime.ts';
import { accountRoutes } from './modules/account/account.routes.ts';
import { accountAdminRoutes } from './modules/account/account.admin.routes.ts';
import { resolveSession } from './modules/account/account.service.ts';
import { orgRoutes } from './modules/org/org.routes.ts';
import { memberRoutes } from './modules/member/member.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { getPlatformSetting } from './modules/settings/settings.service.ts';
import { notifyRoutes } from './modules/notify/notify.routes.ts';
import { certificateRoutes } from './modules/certificate/certificate.routes.ts';
import { lifeRoutes } from './modules/life/life.routes.ts';
import { lifeLedgerRoutes } from './modules/life/life.ledger.routes.ts';
import { remindOverdueMinutes } from './modules/life/life.reminders.ts';
import { pointsRoutes } from './modules/points/points.routes.ts';
import { onMeetingConfirmed } from './modules/points/points.jobs.ts';
import { duesRoutes } from './modules/dues/dues.routes.ts';
import { duesReportRoutes } from './modules/dues/dues.report.routes.ts';
import { onArrearsScan } from './modules/dues/dues.arrears.ts';
import { transferRoutes } from './modules/transfer/transfer.routes.ts';
import { scanOverdueTransfers } from './modules/transfer/transfer.service.ts';
import { mobileRoutes } from './modules/mobile/mobile.routes.ts';
import { reportInRoutes } from './modules/report-in/report-in.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { statsTablesRoutes } from './modules/stats/stats.tables.routes.ts';
import { takeMonthSnapshots } from './modules/stats/stats.service.ts';
import { developmentH5Routes } from './modules/development/development.h5.routes.ts';
import { developmentRoutes } from './modules/development/development.routes.ts';
import { developmentReportRoutes } from './modules/development/development.report.routes.ts';
import { scanDevelopmentDeadlines } from './modules/development/development.deadlines.ts';
import { scanMobileAlerts } from './modules/mobile/mobile.service.ts';
import { purgeIdempotencyKeys } from './platform/http/idempotency.ts';
import { deliverNotification, runScheduledSend } from './modules/notify/notify.delivery.ts';
import { hourly, sendElectionReminders, sendGreetings } from './modules/notify/notify.consumers.ts';
import { createJobRunner } from './platform/jobs/jobs.ts';

export interface Server {
  platform: Platform;
  app: App;
  /** Seals pending audit events now (tests and the CLI use it; the server does it by itself). */
  flushAudit: () => Promise<void>;
  /** The job runner: started by the server; tests drive it with `jobs.drain()` under the fake clock. */
  jobs: ReturnType<typeof createJobRunner>;
  setReady: (ready: boolean) => void;
  close: () => Promise<void>;
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite({ dataDir: `${config.dataDir}/pglite` });
}

export function createPlatform(opts: { database: Database; masterKey: Buffer; clock?: Clock; demo: boolean }): Platform {
  return {
    database: opts.database,
    clock: opts.clock ?? createClock(),
    crypto: createSmCrypto(opts.masterKey),
    demo: opts.demo,
    onCommit: () => undefined,
    realtime: createRealtimeHub(opts.database),
  };
}

export async function loadPlatform(config: Config): Promise<Platform> {
  // Several processes or hosts share a PostgreSQL database: a per-host key file would encrypt with different
  // keys. Only the embedded mode may create its own key file.
  if (config.databaseUrl && !config.masterKey) {
    throw new Error('XIANFENG_MASTER_KEY is required with DATABASE_URL (≥ 32 bytes, hex or base64); keep it out of the database and back it up');
  }
  const database = await openDatabase(config);
  return createPlatform({
    database,
    masterKey: loadMasterKey({ masterKey: config.masterKey, dataDir: config.dataDir }),
    clock: createClock(config.fakeNow),
    demo: config.demo,
  });
}

/** Builds the HTTP app on a platform. Health answers ok only once `setReady(true)` (migrations and seed done). */
export async function createServer(
  platform: Platform,
  opts: { webDist: string | null; trustProxy?: boolean; logger?: boolean; exemptLoopback?: boolean; startJobs?: boolean },
): Promise<Server> {
  let ready = false;
  let jobsStarted = false;
  const sealer = startAuditSealer(platform.database, platform.crypto, auditWakeups);
  const jobs = createJobRunner(platform, {
    handlers: {
      'notify.deliver': deliverNotification,
      'notify.send': runScheduledSend,
      'notify.greetings': async (ctx) => void (await sendGreetings(ctx)),
      'notify.election': async (ctx) => void (await sendElectionReminders(ctx)),
      'life.minutes_overdue': async (ctx) => void (await remindOverdueMinutes(ctx)),
      'points.meeting_confirmed': onMeetingConfirmed,
      'dues.arrears_scan': onArrearsScan,
      'transfer.overdue_scan': async (ctx) => void (await scanOverdueTransfers(ctx)),
      'mobile.alert_scan': async (ctx) => void (await scanMobileAlerts(ctx)),
      'development.deadline_scan': async (ctx) => void (await scanDevelopmentDeadlines(ctx)),
      'stats.month_snapshot': async (ctx) => void (await takeMonthSnapshots(ctx)),
      'platform.idempotency_purge': async (ctx) => void (await purgeIdempotencyKeys(ctx)),
    },
    recurring: [hourly('notify.greetings'), hourly('notify.election'), hourly('life.minutes_overdue'), hourly('dues.arrears_scan'), hourly('transfer.overdue_scan'), hourly('mobile.alert_scan'), hourly('development.deadline_scan'), hourly('stats.month_snapshot'), hourly('platform.idempotency_purge')],
  });
  const health = (app: App) =>
    app.get(
      '/api/health',
      {
        config: { public: true },
        schema: {
          tags: ['platform'],
          summary: '健康检查',
          response: {
            200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
            503: z.object({ status: z.literal('starting'), database: z.enum(['pglite', 'postgres']) }),
          },
        },
      },
      async (_req, reply) => {
        if (!ready) return reply.status(503).send({ status: 'starting' as const, database: platform.database.kind });
        return { status: 'ok' as const, database: platform.database.kind };
      },
    );
  // Until migrations and the seed are done, every API call but health answers 503 instead of touching a half-built database.
  const gate = (app: App) =>
    app.addHook('onRequest', async (req) => {
      if (!ready && req.url.startsWith('/api/') && !req.url.startsWith('/api/health') && !req.url.startsWith('/api/platform/info') && !req.url.startsWith('/api/docs')) {
        throw new AppError('SERVICE_STARTING');
      }
    });
  // Public facts the login page needs before anyone logs in (the health contract stays exactly as specified).
  const info = (app: App) =>
    app.get(
      '/api/platform/info',
      {
        config: { public: true },
        schema: { tags: ['platform'], summary: '平台信息（登录前可读）', response: { 200: z.object({ name: z.string(), demo: z.boolean(), version: z.string() }) } },
      },
      async () => ({ name: '先锋 Xianfeng 智慧党建平台', demo: platform.demo, version: '0.1.0' }),
    );
  const app = await buildApp({
    platform,
    resolveSession,
    rateLimitPerMinute: (ctx) => getPlatformSetting(ctx, 'auth.rateLimitPerMinute'),
    trustProxy: opts.trustProxy ?? false,
    exemptLoopback: opts.exemptLoopback ?? true,
    webDist: opts.webDist,
    logger: opts.logger ?? false,
    routes: [gate, health, info, accountRoutes(platform.demo), accountAdminRoutes, orgRoutes, memberRoutes, settingsRoutes, auditRoutes, notifyRoutes(platform.realtime), certificateRoutes, lifeRoutes, lifeLedgerRoutes, pointsRoutes, duesRoutes, duesReportRoutes, transferRoutes, mobileRoutes, reportInRoutes, developmentRoutes, developmentReportRoutes, developmentH5Routes(platform.demo), statsRoutes(platform.database), statsTablesRoutes],
  });
  return {
    platform,
    app,
    flushAudit: () => sealer.flush(),
    jobs,
    setReady: (r) => {
      ready = r;
      // Jobs start once migrations and the seed are done, never against a half-built database.
      if (r && opts.startJobs !== false && !jobsStarted) {
        jobsStarted = true;
        jobs.start();
        void platform.realtime?.start().catch((err: unknown) => console.error('realtime LISTEN failed', err));
      }
    },
    close: async () => {
      await jobs.stop();
      await platform.realtime?.stop();
      sealer.stop();
      await app.close();
      await sealer.flush().catch(() => undefined);
    },
  };
}

export { migrate, systemCtx };
