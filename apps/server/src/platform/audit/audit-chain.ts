import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/db.ts';
import { rows } from '../db/db.ts';
import type { CryptoProvider } from '../crypto/sm.ts';

interface AuditRow {
  seq: number;
  at: string;
  actor_account_id: string | null;
  actor_username: string | null;
  actor_roles: string | null;
  acting_for_org_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_org_path: string | null;
  result: string;
  ip: string | null;
  details: unknown;
  seal_no: number | null;
  hash: string | null;
}

const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted: one text per value, for hashes and fingerprints. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

function recordOf(r: AuditRow): string {
  return canonical([
    r.seq,
    new Date(r.at).toISOString(),
    r.actor_account_id,
    r.actor_username,
    r.actor_roles,
    r.acting_for_org_id,
    r.action,
    r.target_type,
    r.target_id,
    r.target_org_path,
    r.result,
    r.ip,
    r.details,
  ]);
}

/**
 * h_n = HMAC-SM3(k_audit, h_{n-1} ‖ canonical(row)): keyed, so someone who can write to the database but
 * does not hold the master key cannot forge a consistent chain after altering a row.
 */
export function chainHash(crypto: CryptoProvider, prev: string, r: AuditRow): string {
  return crypto.mac('audit-chain', `${prev}|${recordOf(r)}`);
}

/**
 * Seals committed, unsealed events in `seq` order into the keyed chain (see chainHash). Business writes
 * never wait for this — they only insert; the chain is built shortly after commit, one sealer at a time.
 */
export async function sealAuditEvents(database: Database, crypto: CryptoProvider, batch = 2000): Promise<number> {
  return database.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    if (database.kind === 'postgres') {
      const got = await rows<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(7411002) AS ok`);
      if (!got[0]?.ok) return 0;
    }
    const last = await rows<{ seal_no: number; hash: string }>(
      tx,
      sql`SELECT seal_no, hash FROM audit_event WHERE seal_no IS NOT NULL ORDER BY seal_no DESC LIMIT 1`,
    );
    let prev = last[0]?.hash ?? GENESIS;
    let no = last[0]?.seal_no ?? 0;
    const pending = await rows<AuditRow>(tx, sql`SELECT * FROM audit_event WHERE seal_no IS NULL ORDER BY seq LIMIT ${batch}`);
    for (const r of pending) {
      no += 1;
      prev = chainHash(crypto, prev, r);
      await tx.execute(sql`UPDATE audit_event SET seal_no = ${no}, hash = ${prev} WHERE seq = ${r.seq}`);
    }
    return pending.length;
  });
}

export interface ChainReport {
  ok: boolean;
  sealed: number;
  unsealed: number;
  firstBroken: { sealNo: number; seq: number; reason: string } | null;
}

/** Recomputes the whole chain; reports the first broken link (altered row, missing row, bad order). */
export async function verifyAuditChain(db: Db, crypto: CryptoProvider): Promise<ChainReport> {
  let prev = GENESIS;
  let expectedNo = 1;
  let sealed = 0;
  for (;;) {
    const page = await rows<AuditRow>(
      db,
      sql`SELECT * FROM audit_event WHERE seal_no >= ${expectedNo} ORDER BY seal_no LIMIT 5000`,
    );
    if (page.length === 0) break;
    for (const r of page) {
      if (r.seal_no !== expectedNo) {
        return { ok: false, sealed, unsealed: 0, firstBroken: { sealNo: expectedNo, seq: r.seq, reason: 'missing link (a sealed event was removed)' } };
      }
      const h = chainHash(crypto, prev, r);
      if (h !== r.hash) {
        return { ok: false, sealed, unsealed: 0, firstBroken: { sealNo: expectedNo, seq: r.seq, reason: 'hash mismatch (the event or its predecessor was altered)' } };
      }
      prev = h;
      expectedNo += 1;
      sealed += 1;
    }
  }
  const unsealed = (await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_event WHERE seal_no IS NULL`))[0]?.n ?? 0;
  return { ok: true, sealed, unsealed, firstBroken: null };
}

/** Runs the sealer soon after each commit that wrote audit events, and every few seconds as a backstop. */
export function startAuditSealer(database: Database, crypto: CryptoProvider, wakeups: Set<() => void>) {
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      while ((await sealAuditEvents(database, crypto)) > 0);
    } catch (err) {
      console.error('audit sealer failed; will retry', err);
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  const wake = () => {
    if (!timer) timer = setTimeout(() => ((timer = null), void run()), 50);
  };
  wakeups.add(wake);
  const interval = setInterval(() => void run(), 5000);
  interval.unref();
  return {
    // Waits for a run already in flight (and its follow-up), so close() never ends the pool under a query.
    flush: async () => {
      do {
        while (running) await new Promise((r) => setTimeout(r, 5));
        await run();
      } while (running);
    },
    stop: () => {
      wakeups.delete(wake);
      clearInterval(interval);
      if (timer) clearTimeout(timer);
    },
  };
}
