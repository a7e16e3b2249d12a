import { createClock } from '../apps/server/src/platform/clock.ts';
import { openPostgres } from '../apps/server/src/platform/db/db.ts';
import { createPlatform, createServer } from '../apps/server/src/server.ts';
import { BENCH_MASTER_KEY, BENCH_NOW } from './generate.ts';

/**
 * Child process: the real app on a bench database, built as `npm start` builds it on PostgreSQL (pool of 10,
 * request logging on). Differences: loopback callers are not rate-limited (the load generator is local) and
 * background jobs are off, so nothing but the requests under test runs. Each answer carries
 * `Server-Timing: app;dur=<ms>`: Fastify's time from the start of the request to the reply being sent.
 */
const url = process.env.BENCH_DATABASE_URL;
if (!url || !process.send) throw new Error('start me with child_process.fork and BENCH_DATABASE_URL');

const database = await openPostgres(url);
const platform = createPlatform({ database, masterKey: Buffer.from(BENCH_MASTER_KEY, 'hex'), clock: createClock(BENCH_NOW), demo: false });
const server = await createServer(platform, { webDist: null, logger: true, exemptLoopback: true, startJobs: false });
server.app.addHook('onSend', async (_req, reply, payload) => {
  reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(3)}`);
  return payload;
});
server.setReady(true);
await server.app.listen({ port: 0, host: '127.0.0.1' });
const address = server.app.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });
process.once('SIGTERM', () => {
  void server
    .close()
    .then(() => database.close())
    .finally(() => process.exit(0));
});
