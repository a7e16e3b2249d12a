import { sql } from 'drizzle-orm';
import type { Ctx, Platform } from '../context.ts';
import { inTransaction, systemCtx } from '../context.ts';
import type { Db } from '../db/db.ts';
import { one, rows } from '../db/db.ts';

export interface EnqueueInput {
  name: string;
  payload?: Record<string, unknown>;
  /** Same key → queued once, ever (e.g. `birthday:<member>:<year>`). */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export const jobWakeups = new Set<() => void>();

/**
 * Enqueues a job in the caller's transaction (the outbox): rolled back with it, run only after commit.
 * Returns false when a job with the same dedupe key already exists.
 */
export async function enqueueJob(ctx: Ctx, input: EnqueueInput): Promise<boolean> {
  const now = ctx.clock.now();
  const r = await one<{ id: string }>(
    ctx.db,
    sql`INSERT INTO job (name, payload, dedupe_key, run_at, max_attempts, created_at)
        VALUES (${input.name}, ${JSON.stringify(input.payload ?? {})}::jsonb, ${input.dedupeKey ?? null}, ${input.runAt ?? now},
                ${input.maxAttempts ?? 8}, ${now})
        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
  );
  if (r) ctx.afterCommit(() => jobWakeups.forEach((w) => w()));
  return r !== undefined;
}

export interface JobRow {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

export type JobHandler = (ctx: Ctx, job: JobRow) => Promise<void>;

export interface RecurringJob {
  name: string;
  /** The next due instant strictly after `after`. */
  next: (after: Date) => Date;
}

/** Retry delay after the n-th failed attempt: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

const LOCK_MS = 5 * 60_000;

async function claim(db: Db, now: Date, limit: number): Promise<JobRow[]> {
  // A job that keeps killing its process must not loop forever: out of attempts with an expired lock → failed.
  await db.execute(
    sql`UPDATE job SET state = 'failed', finished_at = ${now}, locked_until = NULL, last_error = COALESCE(last_error, 'lock expired after the last attempt')
        WHERE state = 'running' AND locked_until < ${now} AND attempts >= max_attempts`,
  );
  // A running job whose lock ran out belonged to a process that died: it is claimed again (a retry).
  return rows<JobRow>(
    db,
    sql`UPDATE job SET state = 'running', attempts = attempts + 1, locked_until = ${new Date(now.getTime() + LOCK_MS)}
        WHERE id IN (
          SELECT id FROM job
          WHERE (state = 'queued' AND run_at <= ${now}) OR (state = 'running' AND locked_until < ${now})
          ORDER BY run_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING id, name, payload, attempts, max_attempts AS "maxAttempts"`,
  );
}

/**
 * The job runner: the same code on PGlite and PostgreSQL. Several processes may run it; a job is claimed
 * by one (SKIP LOCKED). Handlers must be idempotent (delivery rows enforce it for notifications): a job is
 * run at least once and retried with backoff until `max_attempts`.
 */
export function createJobRunner(platform: Platform, opts: { handlers: Record<string, JobHandler>; recurring?: RecurringJob[]; pollMs?: number }) {
  let running = false;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let interval: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();

  async function scheduleRecurring(): Promise<void> {
    const base = systemCtx(platform);
    for (const r of opts.recurring ?? []) {
      await inTransaction(base, async (tx) => {
        const now = tx.clock.now();
        // A schedule seen for the first time runs at once (catch-up), then at its own rhythm.
        await tx.db.execute(sql`INSERT INTO job_schedule (name, next_run_at, updated_at) VALUES (${r.name}, ${now}, ${now}) ON CONFLICT (name) DO NOTHING`);
        const due = await one<{ nextRunAt: string }>(
          tx.db,
          sql`SELECT next_run_at AS "nextRunAt" FROM job_schedule WHERE name = ${r.name} AND next_run_at <= ${now} FOR UPDATE SKIP LOCKED`,
        );
        if (!due) return;
        const slot = new Date(due.nextRunAt);
        // One job per slot, even if two processes both saw it due.
        await enqueueJob(tx, { name: r.name, dedupeKey: `${r.name}@${slot.toISOString()}`, payload: { slot: slot.toISOString() }, runAt: now });
        await tx.db.execute(sql`UPDATE job_schedule SET next_run_at = ${r.next(now)}, updated_at = ${now} WHERE name = ${r.name}`);
      });
    }
  }

  async function runOne(job: JobRow): Promise<void> {
    const handler = opts.handlers[job.name];
    const ctx = systemCtx(platform);
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler(ctx, job);
      // Only if it is still ours (same attempt): a job reclaimed after a lock expiry belongs to the new claimant.
      await ctx.db.execute(
        sql`UPDATE job SET state = 'done', finished_at = ${ctx.clock.now()}, locked_until = NULL, last_error = NULL
            WHERE id = ${job.id} AND state = 'running' AND attempts = ${job.attempts}`,
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failed = job.attempts >= job.maxAttempts;
      const now = ctx.clock.now();
      const mine = sql`id = ${job.id} AND state = 'running' AND attempts = ${job.attempts}`;
      await ctx.db.execute(
        failed
          ? sql`UPDATE job SET state = 'failed', finished_at = ${now}, locked_until = NULL, last_error = ${message} WHERE ${mine}`
          : sql`UPDATE job SET state = 'queued', run_at = ${new Date(now.getTime() + backoffMs(job.attempts))}, locked_until = NULL, last_error = ${message} WHERE ${mine}`,
      );
    }
  }

  /** One pass: enqueue due recurring jobs, then run every due job. Returns how many jobs ran. */
  async function tick(): Promise<number> {
    await scheduleRecurring();
    let ran = 0;
    for (;;) {
      const batch = await claim(platform.database.db, platform.clock.now(), 10);
      if (batch.length === 0) return ran;
      for (const j of batch) await runOne(j);
      ran += batch.length;
    }
  }

  const run = async () => {
    if (running) {
      again = true;
      return current;
    }
    running = true;
    current = (async () => {
      try {
        do {
          again = false;
          await tick();
        } while (again && !stopped);
      } catch (err) {
        if (!stopped) console.error('job runner tick failed; will retry', err);
      } finally {
        running = false;
      }
    })();
    return current;
  };
  const wake = () => {
    if (!timer && !stopped) timer = setTimeout(() => ((timer = null), void run()), 20);
  };
  return {
    tick,
    /** Runs until nothing is due (tests; the fake clock decides what is due). */
    drain: async () => {
      await current;
      while ((await tick()) > 0);
    },
    start: () => {
      jobWakeups.add(wake);
      interval = setInterval(() => void run(), opts.pollMs ?? 1000);
      interval.unref();
      wake();
    },
    stop: async () => {
      stopped = true;
      jobWakeups.delete(wake);
      if (interval) clearInterval(interval);
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
