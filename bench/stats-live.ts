import type pg from 'pg';
import WebSocket from 'ws';

/**
 * Commit → figure for `bench/stats.ts`: each probe member is suspended by a committed UPDATE through `pg` (the stats
 * trigger runs inside that statement), then restored. "read": from sending that UPDATE until the root's figures
 * answer the new total. "push": from the same moment until the app's WebSocket (`/api/stats/ws?orgId=<root>`) tells
 * a subscriber of the root `stats.changed` — what the dashboard and the big screen wait for before they refetch.
 */
export async function figureLatency(opts: { base: string; cookie: string; pool: pg.Pool; rootId: string; members: string[]; log: (s: string) => void }) {
  const read: number[] = [];
  const push: number[] = [];
  const url = `${opts.base}/api/stats/orgs/${opts.rootId}/members`;
  const total = async () => ((await (await fetch(url, { headers: { cookie: opts.cookie } })).json()) as { total: number }).total;
  const socket = await openSocket(`${opts.base.replace(/^http/, 'ws')}/api/stats/ws?orgId=${opts.rootId}`, opts.cookie);
  let signalled: (() => void) | null = null;
  socket.on('message', (data: WebSocket.RawData) => {
    const m = JSON.parse(data.toString()) as { type: string };
    if (m.type === 'stats.changed') signalled?.();
  });
  try {
    const before = await total();
    for (const id of opts.members) {
      for (const [state, expected] of [
        ['suspended', before - 1],
        ['active', before],
      ] as const) {
        // The debounce of the previous change has passed: each change gets its own signal.
        await new Promise((r) => setTimeout(r, 300));
        const pushed = new Promise<number>((resolve) => (signalled = () => resolve(performance.now())));
        // Timed from sending the autocommitted UPDATE (its own time included: an upper bound on commit → figure).
        const t0 = performance.now();
        await opts.pool.query('UPDATE member SET state = $1 WHERE id = $2', [state, id]);
        while ((await total()) !== expected) {
          if (performance.now() - t0 > 10_000) throw new Error(`the root's figure did not reach ${expected} within 10 s`);
        }
        read.push(performance.now() - t0);
        const at = await Promise.race([pushed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
        if (at === null) throw new Error('no stats.changed within 10 s of a committed change');
        push.push(at - t0);
      }
    }
  } finally {
    socket.close();
  }
  opts.log(`  commit → figure: ${read.length} changes`);
  return { read, push };
}

/** A WebSocket with the session cookie, open once the server said hello (its subscription is listening). */
function openSocket(url: string, cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { cookie } });
    const timer = setTimeout(() => reject(new Error(`${url}: no hello within 10 s`)), 10_000);
    ws.on('message', (data: WebSocket.RawData) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'hello') {
        clearTimeout(timer);
        resolve(ws);
      }
    });
    ws.on('close', (code) => reject(new Error(`${url}: closed ${code}`)));
    ws.on('error', reject);
  });
}
