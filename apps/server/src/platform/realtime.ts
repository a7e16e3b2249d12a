import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Database } from './db/db.ts';

/** A message pushed to an account's open pages. */
export interface RealtimeMessage {
  type: string;
  [k: string]: unknown;
}

type Listener = (msg: RealtimeMessage) => void;

const CHANNEL = 'xf_realtime';

/**
 * Pushes messages to the open WebSocket pages of an account. In one process it is an in-memory fan-out;
 * on PostgreSQL every process also LISTENs on one channel, so a page connected to process A hears what
 * process B published (ARCHITECTURE §3 "WebSocket, fed by LISTEN/NOTIFY").
 */
export function createRealtimeHub(database: Database) {
  const origin = randomUUID();
  const listeners = new Map<string, Set<Listener>>();
  let listenClient: pg.PoolClient | null = null;

  const deliverLocal = (accountId: string, msg: RealtimeMessage) => {
    for (const l of listeners.get(accountId) ?? []) {
      try {
        l(msg);
      } catch {
        // a closed socket must not stop the others
      }
    }
  };

  return {
    subscribe(accountId: string, listener: Listener): () => void {
      const set = listeners.get(accountId) ?? new Set();
      set.add(listener);
      listeners.set(accountId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(accountId);
      };
    },
    publish(accountId: string, msg: RealtimeMessage): void {
      deliverLocal(accountId, msg);
      if (database.pool) {
        const payload = JSON.stringify({ origin, accountId, msg });
        database.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch(() => undefined);
      }
    },
    async start(): Promise<void> {
      if (!database.pool) return;
      listenClient = await database.pool.connect();
      listenClient.on('notification', (n) => {
        if (n.channel !== CHANNEL || !n.payload) return;
        const { origin: from, accountId, msg } = JSON.parse(n.payload) as { origin: string; accountId: string; msg: RealtimeMessage };
        if (from !== origin) deliverLocal(accountId, msg);
      });
      await listenClient.query(`LISTEN ${CHANNEL}`);
    },
    async stop(): Promise<void> {
      if (listenClient) {
        await listenClient.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined);
        listenClient.release();
        listenClient = null;
      }
      listeners.clear();
    },
    connections: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

export type RealtimeHub = ReturnType<typeof createRealtimeHub>;
