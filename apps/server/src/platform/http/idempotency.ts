import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { requireActor } from '../access/access.ts';
import { canonical } from '../audit/audit-chain.ts';
import { one, sql } from '../db/db.ts';
import { AppError } from './errors.ts';
import { body as errorBody } from './error-handler.ts';

/**
 * Idempotency-Key for money writes (draft-ietf-httpapi-idempotency-key-header; ARCHITECTURE §8;
 * security-requirements G20). The key is private to the calling account and kept ≥ 24 h:
 * - no key → 400; a replay → the stored status and the identical body (2xx and 4xx refusals alike);
 * - the same key with a different request → 422; while the first is still running → 409.
 * The response is stored by `complete()` inside the write's own transaction, so a write is never
 * committed without its key, and a crash mid-request leaves only a stale claim a retry may take over.
 */

const KEY = /^[A-Za-z0-9_\-:.]{8,100}$/;
const KEEP_HOURS = 48;
/** A claim older than this with no stored response belongs to a request that died before committing. */
const STALE_MS = 2 * 60 * 1000;

export interface IdempotentCall {
  /** Inside the write's transaction: stores the response with the write. Returns the exact body text. */
  complete: (tx: Ctx, status: number, body: unknown) => Promise<string>;
}

interface KeyRow {
  fingerprint: string;
  status: 'in_flight' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: Date;
  expires_at: Date;
}

type Claim = { kind: 'claimed' } | { kind: 'replay'; status: number; body: string } | { kind: 'mismatch' } | { kind: 'in_flight' };

async function claim(ctx: Ctx, accountId: string, key: string, fingerprint: string): Promise<Claim> {
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + KEEP_HOURS * 3600_000);
  const inserted = await one<{ key: string }>(
    ctx.db,
    sql`INSERT INTO idempotency_key (account_id, key, fingerprint, status, created_at, expires_at)
        VALUES (${accountId}, ${key}, ${fingerprint}, 'in_flight', ${now}, ${expires})
        ON CONFLICT (account_id, key) DO NOTHING RETURNING key`,
  );
  if (inserted) return { kind: 'claimed' };
  const row = await one<KeyRow>(ctx.db, sql`SELECT * FROM idempotency_key WHERE account_id = ${accountId} AND key = ${key}`);
  if (!row) return claim(ctx, accountId, key, fingerprint);
  const takeOver = async (): Promise<boolean> =>
    !!(await one(
      ctx.db,
      sql`UPDATE idempotency_key SET fingerprint = ${fingerprint}, status = 'in_flight', response_status = NULL, response_body = NULL,
            created_at = ${now}, expires_at = ${expires}
          WHERE account_id = ${accountId} AND key = ${key} AND created_at = ${row.created_at} RETURNING key`,
    ));
  if (new Date(row.expires_at) <= now) return (await takeOver()) ? { kind: 'claimed' } : { kind: 'in_flight' };
  if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (row.status === 'done') return { kind: 'replay', status: row.response_status as number, body: row.response_body as string };
  if (now.getTime() - new Date(row.created_at).getTime() > STALE_MS) return (await takeOver()) ? { kind: 'claimed' } : { kind: 'in_flight' };
  return { kind: 'in_flight' };
}

async function store(ctx: Ctx, accountId: string, key: string, status: number, body: string): Promise<void> {
  const updated = await one(
    ctx.db,
    sql`UPDATE idempotency_key SET status = 'done', response_status = ${status}, response_body = ${body}
        WHERE account_id = ${accountId} AND key = ${key} AND status = 'in_flight' RETURNING key`,
  );
  // Someone took the claim over (this request was thought dead): roll this write back.
  if (!updated) throw new AppError('IDEMPOTENCY_IN_FLIGHT');
}

const errorText = (e: AppError): string => JSON.stringify(errorBody(e.code, e.message, e.details));

/** What "the same request" means: method, route, path parameters and the parsed body, canonically hashed (SM3). */
export function requestFingerprint(ctx: Pick<Ctx, 'crypto'>, r: { method: string; route: string; params: unknown; body: unknown }): string {
  return ctx.crypto.sm3(canonical(r));
}

/**
 * Runs a money write under the request's Idempotency-Key. `run` receives the call whose `complete` it must
 * invoke inside its transaction with the success status and body; the reply is that exact text.
 */
export async function idempotent(req: FastifyRequest, reply: FastifyReply, run: (call: IdempotentCall) => Promise<string>): Promise<void> {
  const ctx = req.ctx;
  const actor = requireActor(ctx);
  const header = req.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key === '') throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  if (!KEY.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
  const fingerprint = requestFingerprint(ctx, { method: req.method, route: req.routeOptions.url ?? req.url, params: req.params ?? null, body: req.body ?? null });
  const claimed = await claim(ctx, actor.accountId, key, fingerprint);
  const json = (status: number, text: string, replayed: boolean) =>
    reply.status(status).type('application/json; charset=utf-8').header('idempotent-replayed', String(replayed)).send(text);
  if (claimed.kind === 'replay') {
    await json(claimed.status, claimed.body, true);
    return;
  }
  if (claimed.kind === 'mismatch') throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (claimed.kind === 'in_flight') throw new AppError('IDEMPOTENCY_IN_FLIGHT');
  let status = 200;
  try {
    const text = await run({
      complete: async (tx, s, body) => {
        status = s;
        const out = JSON.stringify(body);
        await store(tx, actor.accountId, key, s, out);
        return out;
      },
    });
    await json(status, text, false);
  } catch (e) {
    if (e instanceof AppError && e.status >= 400 && e.status < 500 && e.code !== 'IDEMPOTENCY_IN_FLIGHT') {
      // A business refusal is an answer too: a replay gets the same refusal (nothing was written).
      await store(ctx, actor.accountId, key, e.status, errorText(e)).catch(() => undefined);
    } else if (!(e instanceof AppError && e.code === 'IDEMPOTENCY_IN_FLIGHT')) {
      // A fault: release the claim so the client's retry can run.
      await ctx.db.execute(sql`DELETE FROM idempotency_key WHERE account_id = ${actor.accountId} AND key = ${key} AND status = 'in_flight'`);
    }
    throw e;
  }
}

/** Drops records past their retention (run hourly). */
export async function purgeIdempotencyKeys(ctx: Ctx): Promise<number> {
  const r = await one<{ n: number }>(ctx.db, sql`WITH d AS (DELETE FROM idempotency_key WHERE expires_at < ${ctx.clock.now()} RETURNING 1) SELECT count(*)::int AS n FROM d`);
  return r?.n ?? 0;
}
