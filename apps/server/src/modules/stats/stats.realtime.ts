import type pg from 'pg';
import type { Database } from '../../platform/db/db.ts';

/**
 * Live figures (issue 9: a committed change shows within a second). The stats triggers `pg_notify('xf_stats', …)`
 * with the paths of the orgs whose figures changed; PostgreSQL delivers it at commit (never for a rollback) to
 * every listening process, PGlite to its own process. A subscriber to org S hears `changed` when a changed path
 * lies inside S's subtree, at most once per `DEBOUNCE_MS` (a bulk import is one signal, not thousands).
 */

export const STATS_CHANNEL = 'xf_stats';
export const DEBOUNCE_MS = 100;

interface Subscription {
  path: string;
  onChange: () => void;
  timer: ReturnType<typeof setTimeout> | null;
}

/** Whether a notification's payload concerns the subtree at `path`. */
export function concerns(payload: { paths?: string[]; roots?: string[] }, path: string): boolean {
  if (payload.paths?.some((p) => p.startsWith(path))) return true;
  return payload.roots?.some((r) => path.startsWith(r)) ?? false;
}

export function createStatsChangeFeed(database: Database) {
  const subs = new Set<Subscription>();
  let starting: Promise<void> | null = null;
  let stopListening: (() => Promise<void>) | null = null;

  const onPayload = (raw: string) => {
    let payload: { paths?: string[]; roots?: string[] };
    try {
      payload = JSON.parse(raw) as typeof payload;
    } catch {
      return;
    }
    for (const s of subs) {
      if (s.timer || !concerns(payload, s.path)) continue;
      s.timer = setTimeout(() => {
        s.timer = null;
        if (subs.has(s)) s.onChange();
      }, DEBOUNCE_MS);
    }
  };

  async function listen(): Promise<void> {
    if (database.pool) {
      const client: pg.PoolClient = await database.pool.connect();
      let lost = false;
      client.on('notification', (n) => {
        if (n.channel === STATS_CHANNEL && n.payload) onPayload(n.payload);
      });
      // A dropped connection (server restart, failover): listen again on a fresh one while anyone is subscribed.
      client.on('error', () => {
        if (lost) return;
        lost = true;
        client.release(true);
        stopListening = null;
        starting = null;
        setTimeout(() => {
          if (subs.size > 0 && !starting) starting = listen().catch(() => undefined);
        }, 1000).unref();
      });
      await client.query(`LISTEN ${STATS_CHANNEL}`);
      stopListening = async () => {
        if (lost) return;
        lost = true;
        await client.query(`UNLISTEN ${STATS_CHANNEL}`).catch(() => undefined);
        client.release();
      };
    } else if (database.pglite) {
      const unlisten = await database.pglite.listen(STATS_CHANNEL, onPayload);
      stopListening = () => unlisten().catch(() => undefined);
    }
  }

  return {
    /**
     * Calls `onChange` (debounced) whenever a committed change touches the figures of the subtree at `path`. The
     * first subscription starts listening; `ready()` resolves once it does.
     */
    subscribe(path: string, onChange: () => void): () => void {
      const s: Subscription = { path, onChange, timer: null };
      subs.add(s);
      starting ??= listen();
      return () => {
        if (s.timer) clearTimeout(s.timer);
        subs.delete(s);
      };
    },
    ready: (): Promise<void> => starting ?? Promise.resolve(),
    subscribers: () => subs.size,
    async close(): Promise<void> {
      for (const s of subs) if (s.timer) clearTimeout(s.timer);
      subs.clear();
      if (starting) await starting.catch(() => undefined);
      await stopListening?.();
      stopListening = null;
      starting = null;
    },
  };
}

export type StatsChangeFeed = ReturnType<typeof createStatsChangeFeed>;
