import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { inTransaction, systemCtx, type Platform } from '../context.ts';
import { createClock } from '../clock.ts';
import { one, openPglite, openPostgres, rows, type Database } from '../db/db.ts';
import { createPlatform, createServer, type Server } from '../../server.ts';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { TEST_MASTER_KEY } from '../../test-support/templates.ts';
import { backoffMs, createJobRunner, enqueueJob, jobWakeups, type JobHandler, type JobRow, type RecurringJob } from './jobs.ts';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

interface JobState {
  id: string;
  name: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAtMs: number;
  lockedUntilMs: number | null;
  finishedAtMs: number | null;
}

const hourly = (name: string): RecurringJob => ({ name, next: (after) => new Date(Math.floor(after.getTime() / HOUR) * HOUR + HOUR) });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drops a PostgreSQL test database the harness created (when the test took over its lifecycle). */
async function dropPgDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.XIANFENG_TEST_PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

for (const engine of engines) {
  describe(`job runner (${engine})`, () => {
    let s: TestServer;
    /** After the restart test the original server is gone: this is what is left to clean up. */
    let restarted: { server: Server; database: Database } | null = null;
    let pgUrl: string | null = null;
    before(async () => {
      s = await openTestServer(engine);
      pgUrl = s.platform.database.pool?.options.connectionString ?? null;
    });
    after(async () => {
      if (!restarted) return s.stop();
      await restarted.server.close();
      await restarted.database.close();
      if (pgUrl) await dropPgDatabase(pgUrl);
    });

    const ctx = () => systemCtx(s.platform);
    const db = () => s.platform.database.db;
    const now = () => s.platform.clock.now();
    const jobs = (name: string) =>
      rows<JobState>(
        db(),
        sql`SELECT id, name, state, attempts, max_attempts AS "maxAttempts", last_error AS "lastError",
                   (extract(epoch FROM run_at) * 1000)::float8 AS "runAtMs",
                   (extract(epoch FROM locked_until) * 1000)::float8 AS "lockedUntilMs",
                   (extract(epoch FROM finished_at) * 1000)::float8 AS "finishedAtMs"
            FROM job WHERE name = ${name} ORDER BY created_at, id`,
      );
    const count = async (query: ReturnType<typeof sql>) => (await one<{ n: number }>(db(), query))!.n;
    /** A runner whose handlers record every run (the side effect tests count). */
    const counting = (platform: Platform, names: string[], opts: { fail?: (job: JobRow) => boolean; recurring?: RecurringJob[]; delay?: boolean; runs?: JobRow[] } = {}) => {
      const runs = opts.runs ?? [];
      const handler: JobHandler = async (_ctx, job) => {
        if (opts.delay) await pause(Math.random() * 3);
        runs.push(job);
        if (opts.fail?.(job)) throw new Error(`attempt ${job.attempts} failed`);
      };
      return { runs, runner: createJobRunner(platform, { handlers: Object.fromEntries(names.map((n) => [n, handler])), recurring: opts.recurring ?? [] }) };
    };
    /** Each test starts with an empty queue, so one test's leftovers never reach another's runner. */
    const emptyQueue = async () => {
      await db().execute(sql`DELETE FROM job`);
      await db().execute(sql`DELETE FROM job_schedule`);
    };

    test('backoffMs: 30 s, 1 min, 2 min … doubling, capped at 1 h', () => {
      assert.deepEqual([1, 2, 3, 4].map(backoffMs), [30 * SEC, MIN, 2 * MIN, 4 * MIN]);
      assert.equal(backoffMs(8), HOUR);
      assert.equal(backoffMs(50), HOUR);
      assert.equal(backoffMs(0), 30 * SEC);
    });

    test('the outbox: a job enqueued in a transaction that rolls back does not exist and wakes no runner', async () => {
      await emptyQueue();
      const woke: number[] = [];
      const wake = () => void woke.push(1);
      jobWakeups.add(wake);
      try {
        await assert.rejects(
          inTransaction(ctx(), async (tx) => {
            assert.equal(await enqueueJob(tx, { name: 't.outbox', payload: { n: 1 }, dedupeKey: 'outbox-1' }), true);
            assert.equal((await one<{ n: number }>(tx.db, sql`SELECT count(*)::int AS n FROM job WHERE name = 't.outbox'`))!.n, 1, 'visible inside the transaction');
            throw new Error('business rule refused');
          }),
          /business rule refused/,
        );
        assert.equal((await jobs('t.outbox')).length, 0, 'rolled back with the change');
        assert.equal(woke.length, 0, 'no wake-up for a job that never existed');
        const { runs, runner } = counting(s.platform, ['t.outbox']);
        await runner.drain();
        assert.equal(runs.length, 0);
        // The same key is free again: the rolled-back insert left no trace.
        await inTransaction(ctx(), async (tx) => void (await enqueueJob(tx, { name: 't.outbox', payload: { n: 2 }, dedupeKey: 'outbox-1' })));
        assert.equal(woke.length, 1, 'woken once, after commit');
        await runner.drain();
        assert.deepEqual(
          runs.map((r) => r.payload),
          [{ n: 2 }],
        );
      } finally {
        jobWakeups.delete(wake);
      }
    });

    test('a dedupe key queues a job once, ever — also when enqueued concurrently and after it ran', async () => {
      await emptyQueue();
      assert.equal(await enqueueJob(ctx(), { name: 't.dedupe', dedupeKey: 'k1', payload: { first: true } }), true);
      assert.equal(await enqueueJob(ctx(), { name: 't.dedupe', dedupeKey: 'k1', payload: { first: false } }), false);
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => enqueueJob(ctx(), { name: 't.dedupe', dedupeKey: 'k2', payload: { i } })));
      assert.equal(results.filter(Boolean).length, 1, JSON.stringify(results));
      const { runs, runner } = counting(s.platform, ['t.dedupe']);
      await runner.drain();
      assert.equal(runs.length, 2);
      assert.deepEqual(runs.find((r) => 'first' in r.payload)!.payload, { first: true });
      assert.equal(await enqueueJob(ctx(), { name: 't.dedupe', dedupeKey: 'k1' }), false, 'a finished job still holds its key');
      await runner.drain();
      assert.equal(runs.length, 2);
      // Without a key, every enqueue is a job.
      await enqueueJob(ctx(), { name: 't.dedupe' });
      await enqueueJob(ctx(), { name: 't.dedupe' });
      await runner.drain();
      assert.equal(runs.length, 4);
    });

    test('a delayed job runs once it is due, not before', async () => {
      await emptyQueue();
      await enqueueJob(ctx(), { name: 't.delayed', runAt: new Date(now().getTime() + HOUR) });
      const { runs, runner } = counting(s.platform, ['t.delayed']);
      await runner.drain();
      s.platform.clock.advance(HOUR - MIN);
      await runner.drain();
      assert.equal(runs.length, 0);
      s.platform.clock.advance(MIN + SEC);
      await runner.drain();
      await runner.drain();
      assert.equal(runs.length, 1);
      const [j] = await jobs('t.delayed');
      assert.equal(j!.state, 'done');
      assert.equal(j!.attempts, 1);
      assert.equal(j!.lockedUntilMs, null);
      assert.ok(j!.finishedAtMs);
    });

    test('a failing handler is retried with backoff and ends failed after max_attempts', async () => {
      await emptyQueue();
      await enqueueJob(ctx(), { name: 't.flaky', maxAttempts: 3 });
      const { runs, runner } = counting(s.platform, ['t.flaky'], { fail: () => true });
      await runner.drain();
      assert.equal(runs.length, 1);
      let [j] = await jobs('t.flaky');
      assert.equal(j!.state, 'queued');
      assert.equal(j!.attempts, 1);
      assert.equal(j!.lastError, 'attempt 1 failed');
      assert.ok(Math.abs(j!.runAtMs - (now().getTime() + backoffMs(1))) < 2 * SEC, `run_at is now + ${backoffMs(1)} ms`);
      // Not before the backoff has passed.
      await runner.drain();
      s.platform.clock.advance(backoffMs(1) - 2 * SEC);
      await runner.drain();
      assert.equal(runs.length, 1);
      s.platform.clock.advance(2 * SEC);
      await runner.drain();
      assert.equal(runs.length, 2);
      [j] = await jobs('t.flaky');
      assert.equal(j!.state, 'queued');
      assert.equal(j!.attempts, 2);
      assert.ok(Math.abs(j!.runAtMs - (now().getTime() + backoffMs(2))) < 2 * SEC, 'the second backoff is longer');
      s.platform.clock.advance(backoffMs(2) - 2 * SEC);
      await runner.drain();
      assert.equal(runs.length, 2);
      s.platform.clock.advance(2 * SEC);
      await runner.drain();
      assert.equal(runs.length, 3);
      [j] = await jobs('t.flaky');
      assert.equal(j!.state, 'failed');
      assert.equal(j!.attempts, 3);
      assert.equal(j!.lastError, 'attempt 3 failed');
      assert.equal(j!.lockedUntilMs, null);
      assert.ok(j!.finishedAtMs);
      s.platform.clock.advance(2 * HOUR);
      await runner.drain();
      assert.equal(runs.length, 3, 'a failed job is never run again');
      assert.deepEqual(
        runs.map((r) => r.attempts),
        [1, 2, 3],
      );
    });

    test('a handler that fails once and then succeeds ends done, with its error cleared', async () => {
      await emptyQueue();
      await enqueueJob(ctx(), { name: 't.once' });
      const { runs, runner } = counting(s.platform, ['t.once'], { fail: (job) => job.attempts === 1 });
      await runner.drain();
      s.platform.clock.advance(backoffMs(1) + SEC);
      await runner.drain();
      assert.equal(runs.length, 2);
      const [j] = await jobs('t.once');
      assert.equal(j!.state, 'done');
      assert.equal(j!.lastError, null);
      assert.equal(j!.attempts, 2);
    });

    test('a job with no handler is retried and finally failed, not lost and not crashing the runner', async () => {
      await emptyQueue();
      await enqueueJob(ctx(), { name: 't.orphan', maxAttempts: 2 });
      await enqueueJob(ctx(), { name: 't.fine' });
      const { runs, runner } = counting(s.platform, ['t.fine']);
      await runner.drain();
      assert.equal(runs.length, 1, 'the other job still ran');
      s.platform.clock.advance(backoffMs(1) + SEC);
      await runner.drain();
      const [j] = await jobs('t.orphan');
      assert.equal(j!.state, 'failed');
      assert.match(j!.lastError ?? '', /no handler/);
    });

    test('a job whose process died while running is reclaimed once its lock runs out, and run once', async () => {
      await emptyQueue();
      await enqueueJob(ctx(), { name: 't.crashed' });
      await enqueueJob(ctx(), { name: 't.crashed' });
      const [a, b] = await jobs('t.crashed');
      // Claimed by a process that then died: exactly what claim() writes, never finished.
      await db().execute(sql`UPDATE job SET state = 'running', attempts = attempts + 1, locked_until = ${new Date(now().getTime() + 5 * MIN)} WHERE id = ${a!.id}`);
      // And one whose lock has already run out.
      await db().execute(sql`UPDATE job SET state = 'running', attempts = attempts + 1, locked_until = ${new Date(now().getTime() - 1)} WHERE id = ${b!.id}`);
      const { runs, runner } = counting(s.platform, ['t.crashed']);
      await runner.drain();
      assert.deepEqual(
        runs.map((r) => r.id),
        [b!.id],
        'a live lock is respected; an expired one is reclaimed',
      );
      assert.equal(runs[0]!.attempts, 2, 'the reclaim counts as a retry');
      s.platform.clock.advance(5 * MIN + SEC);
      await runner.drain();
      await runner.drain();
      assert.deepEqual(runs.map((r) => r.id).sort(), [a!.id, b!.id].sort());
      for (const j of await jobs('t.crashed')) {
        assert.equal(j.state, 'done');
        assert.equal(j.attempts, 2);
      }
    });

    test('a job that keeps killing its process (out of attempts, lock expired) ends failed instead of looping', async () => {
      await emptyQueue();
      await enqueueJob(ctx(), { name: 't.killer', maxAttempts: 2 });
      await db().execute(sql`UPDATE job SET state = 'running', attempts = 2, locked_until = ${new Date(now().getTime() - SEC)} WHERE name = 't.killer'`);
      const { runs, runner } = counting(s.platform, ['t.killer']);
      await runner.drain();
      assert.equal(runs.length, 0, 'not run a third time');
      const [j] = await jobs('t.killer');
      assert.equal(j!.state, 'failed');
      assert.equal(j!.attempts, 2);
      assert.ok(j!.lastError);
      assert.equal(j!.lockedUntilMs, null);
    });

    test('a slow claimant whose lock ran out cannot undo the new claimant’s result when it finally fails', async () => {
      await emptyQueue();
      await enqueueJob(ctx(), { name: 't.slow' });
      let started!: () => void;
      const isStarted = new Promise<void>((r) => (started = r));
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      const slowRuns: number[] = [];
      const slow = createJobRunner(s.platform, {
        handlers: {
          't.slow': async (_ctx, job) => {
            slowRuns.push(job.attempts);
            started();
            await released;
            throw new Error('the slow claimant gave up');
          },
        },
      });
      const slowDrain = slow.drain();
      await isStarted;
      // Its lock runs out; another process takes the job over and finishes it.
      s.platform.clock.advance(5 * MIN + SEC);
      const { runs, runner } = counting(s.platform, ['t.slow']);
      await runner.drain();
      assert.deepEqual(
        runs.map((r) => r.attempts),
        [2],
      );
      assert.equal((await jobs('t.slow'))[0]!.state, 'done');
      release();
      await slowDrain;
      const [j] = await jobs('t.slow');
      assert.equal(j!.state, 'done', 'the stale failure did not re-queue a finished job');
      s.platform.clock.advance(HOUR);
      await runner.drain();
      await slow.drain();
      assert.equal(runs.length + slowRuns.length, 2, 'run once by each claimant, never a third time');
    });

    test('two runners draining the same database at once run each job exactly once', async () => {
      await emptyQueue();
      const N = 60;
      for (let i = 0; i < N; i++) await enqueueJob(ctx(), { name: 't.race', payload: { i } });
      // On PostgreSQL the second runner is another process's: its own platform and connection pool.
      let other: { platform: Platform; database: Database | null } = { platform: s.platform, database: null };
      if (pgUrl) {
        const database = await openPostgres(pgUrl, 5);
        other = { platform: createPlatform({ database, masterKey: Buffer.from(TEST_MASTER_KEY, 'hex'), clock: s.platform.clock, demo: true }), database };
      }
      try {
        const a = counting(s.platform, ['t.race'], { delay: true });
        const b = counting(other.platform, ['t.race'], { delay: true });
        await Promise.all([a.runner.drain(), b.runner.drain(), a.runner.drain(), b.runner.drain()]);
        const runs = [...a.runs, ...b.runs];
        if (pgUrl) assert.ok(a.runs.length > 0 && b.runs.length > 0, `both processes took part: ${a.runs.length} + ${b.runs.length}`);
        assert.equal(runs.length, N, `${runs.length} runs for ${N} jobs`);
        assert.equal(new Set(runs.map((r) => r.id)).size, N, 'no job ran twice');
        assert.equal(await count(sql`SELECT count(*)::int AS n FROM job WHERE name = 't.race' AND (state <> 'done' OR attempts <> 1)`), 0);
      } finally {
        await other.database?.close();
      }
    });

    test('two servers on the same database: notify.send jobs drained concurrently each send once', async () => {
      await emptyQueue();
      const branch1 = (await one<{ id: string }>(db(), sql`SELECT id FROM account WHERE username = 'branch1'`))!.id;
      const N = 30;
      for (let i = 0; i < N; i++) {
        await enqueueJob(ctx(), { name: 'notify.send', payload: { to: { accountIds: [branch1] }, template: 'notice.generic', data: { title: `并发 ${i}`, body: '测试' } } });
      }
      let second: { server: Server; database: Database } | null = null;
      if (pgUrl) {
        const database = await openPostgres(pgUrl, 5);
        const platform = createPlatform({ database, masterKey: Buffer.from(TEST_MASTER_KEY, 'hex'), clock: s.platform.clock, demo: true });
        second = { server: await createServer(platform, { webDist: null, startJobs: false }), database };
      }
      try {
        const other = second?.server.jobs ?? s.jobs;
        await Promise.all([s.jobs.drain(), other.drain(), s.jobs.drain(), other.drain()]);
        const sent = await rows<{ title: string; n: number }>(
          db(),
          sql`SELECT title, count(*)::int AS n FROM notification WHERE account_id = ${branch1} AND title LIKE '并发 %' GROUP BY title`,
        );
        assert.equal(sent.length, N, 'every job sent');
        assert.ok(
          sent.every((r) => r.n === 1),
          JSON.stringify(sent.filter((r) => r.n !== 1)),
        );
        assert.equal(await count(sql`SELECT count(*)::int AS n FROM job WHERE name = 'notify.send' AND (state <> 'done' OR attempts <> 1)`), 0);
        // The hourly notify schedules were due for both: each ran once for this slot.
        const slots = await rows<{ name: string; n: number }>(db(), sql`SELECT name, count(*)::int AS n FROM job WHERE name IN ('notify.greetings', 'notify.election') GROUP BY name ORDER BY name`);
        assert.deepEqual(slots, [
          { name: 'notify.election', n: 1 },
          { name: 'notify.greetings', n: 1 },
        ]);
      } finally {
        if (second) {
          await second.server.close();
          await second.database.close();
        }
      }
    });

    test('recurring: runs at once the first time, then once per hour slot — also with two runners and after a long gap', async () => {
      await emptyQueue();
      const runs: JobRow[] = [];
      const sched = [hourly('t.hourly')];
      let other: { platform: Platform; database: Database | null } = { platform: s.platform, database: null };
      if (pgUrl) {
        const database = await openPostgres(pgUrl, 5);
        other = { platform: createPlatform({ database, masterKey: Buffer.from(TEST_MASTER_KEY, 'hex'), clock: s.platform.clock, demo: true }), database };
      }
      try {
        const r1 = counting(s.platform, ['t.hourly'], { recurring: sched, runs }).runner;
        const r2 = counting(other.platform, ['t.hourly'], { recurring: sched, runs }).runner;
        // Seen for the first time by both at once: one run now.
        await Promise.all([r1.drain(), r2.drain()]);
        assert.equal(runs.length, 1, 'first sight runs at once, once');
        const firstSlot = String(runs[0]!.payload.slot);
        assert.ok(Math.abs(Date.parse(firstSlot) - now().getTime()) < 5 * SEC, 'the first slot is now');
        await Promise.all([r1.drain(), r2.drain()]);
        assert.equal(runs.length, 1);
        const next = (await one<{ ms: number }>(db(), sql`SELECT (extract(epoch FROM next_run_at) * 1000)::float8 AS ms FROM job_schedule WHERE name = 't.hourly'`))!.ms;
        assert.equal(next, Math.floor(now().getTime() / HOUR) * HOUR + HOUR, 'next run at the top of the next hour');
        // Half an hour later: not yet.
        s.platform.clock.advance(next - now().getTime() - MIN);
        await Promise.all([r1.drain(), r2.drain()]);
        assert.equal(runs.length, 1);
        // The next slot: once, whichever runner gets it.
        s.platform.clock.advance(2 * MIN);
        await Promise.all([r1.drain(), r2.drain(), r1.drain()]);
        assert.equal(runs.length, 2);
        assert.equal(new Date(String(runs[1]!.payload.slot)).getTime(), next);
        // Five hours with nobody running: one catch-up run, not five.
        s.platform.clock.advance(5 * HOUR);
        await Promise.all([r1.drain(), r2.drain()]);
        assert.equal(runs.length, 3);
        await Promise.all([r1.drain(), r2.drain()]);
        assert.equal(runs.length, 3);
        const keys = (await rows<{ k: string }>(db(), sql`SELECT dedupe_key AS k FROM job WHERE name = 't.hourly' ORDER BY run_at`)).map((r) => r.k);
        assert.equal(new Set(keys).size, 3);
        assert.ok(keys.every((k) => k.startsWith('t.hourly@')));
      } finally {
        await other.database?.close();
      }
    });

    // Last: it closes the harness server and goes on with a new one on the same database.
    test(`restart (${engine === 'postgres' ? 'PostgreSQL' : 'PGlite data directory reloaded'}): a delayed job and a job of a dead process run exactly once after the restart`, async () => {
      await emptyQueue();
      const branch1 = (await one<{ id: string }>(db(), sql`SELECT id FROM account WHERE username = 'branch1'`))!.id;
      const payload = (title: string) => ({ to: { accountIds: [branch1] }, template: 'notice.generic', data: { title, body: '重启测试' } });
      await enqueueJob(ctx(), { name: 'notify.send', payload: payload('重启-延迟'), runAt: new Date(now().getTime() + 2 * HOUR) });
      await enqueueJob(ctx(), { name: 'notify.send', payload: payload('重启-运行中') });
      // The old process claimed the second one and died before finishing it.
      await db().execute(sql`UPDATE job SET state = 'running', attempts = 1, locked_until = ${new Date(now().getTime() + 5 * MIN)} WHERE payload->'data'->>'title' = '重启-运行中'`);
      await s.jobs.drain();
      const stoppedAt = now().toISOString();

      // Stop: the app closes, the database stays.
      await s.close();
      let database: Database;
      if (engine === 'postgres') {
        await s.platform.database.close();
        database = await openPostgres(pgUrl!, 5);
      } else {
        const dump = await s.platform.database.pglite!.dumpDataDir('none');
        await s.platform.database.close();
        database = await openPglite({ loadDataDir: dump });
      }
      const platform = createPlatform({ database, masterKey: Buffer.from(TEST_MASTER_KEY, 'hex'), clock: createClock(stoppedAt), demo: true });
      const server = await createServer(platform, { webDist: null, startJobs: false });
      server.setReady(true);
      restarted = { server, database };
      const sent = async () =>
        rows<{ title: string; n: number }>(
          database.db,
          sql`SELECT title, count(*)::int AS n FROM notification WHERE account_id = ${branch1} AND title LIKE '重启-%' GROUP BY title ORDER BY title`,
        );

      await server.jobs.drain();
      assert.deepEqual(await sent(), [], 'nothing is due yet: the delayed job waits, the dead process still holds its lock');
      platform.clock.advance(2 * HOUR + SEC);
      await Promise.all([server.jobs.drain(), server.jobs.drain()]);
      await server.jobs.drain();
      assert.deepEqual(await sent(), [
        { title: '重启-延迟', n: 1 },
        { title: '重启-运行中', n: 1 },
      ]);
      const states = await rows<{ state: string; attempts: number }>(
        database.db,
        sql`SELECT state, attempts FROM job WHERE name = 'notify.send' ORDER BY payload->'data'->>'title'`,
      );
      assert.deepEqual(states, [
        { state: 'done', attempts: 1 },
        { state: 'done', attempts: 2 },
      ]);
    });
  });
}
