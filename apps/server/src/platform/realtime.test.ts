import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPglite, openPostgres } from './db/db.ts';
import { createRealtimeHub, type RealtimeMessage } from './realtime.ts';

function waitFor(got: RealtimeMessage[], n: number, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const check = () => (got.length >= n ? resolve() : Date.now() > until ? reject(new Error(`got ${got.length} of ${n} messages`)) : setTimeout(check, 20));
    check();
  });
}

describe('realtime hub', () => {
  test('in one process: subscribers of an account hear its messages, others do not; unsubscribe stops them', async () => {
    const db = await openPglite({});
    const hub = createRealtimeHub(db);
    const a: RealtimeMessage[] = [];
    const b: RealtimeMessage[] = [];
    const offA = hub.subscribe('acc-a', (m) => a.push(m));
    hub.subscribe('acc-b', (m) => b.push(m));
    hub.publish('acc-a', { type: 'notification.created' });
    assert.deepEqual(a, [{ type: 'notification.created' }]);
    assert.equal(b.length, 0);
    offA();
    hub.publish('acc-a', { type: 'again' });
    assert.equal(a.length, 1);
    await hub.stop();
    await db.close();
  });

  test('across processes on PostgreSQL: a page on process B hears what process A published (LISTEN/NOTIFY), exactly once', { skip: !process.env.XIANFENG_TEST_PG_URL && 'needs the PostgreSQL started by npm test' }, async () => {
    const url = process.env.XIANFENG_TEST_PG_URL!;
    const dbA = await openPostgres(url, 2);
    const dbB = await openPostgres(url, 2);
    const hubA = createRealtimeHub(dbA);
    const hubB = createRealtimeHub(dbB);
    await hubA.start();
    await hubB.start();
    const onA: RealtimeMessage[] = [];
    const onB: RealtimeMessage[] = [];
    hubA.subscribe('acc-1', (m) => onA.push(m));
    hubB.subscribe('acc-1', (m) => onB.push(m));
    hubA.publish('acc-1', { type: 'notification.created', n: 1 });
    await waitFor(onB, 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(onB, [{ type: 'notification.created', n: 1 }], 'B hears it once');
    assert.deepEqual(onA, [{ type: 'notification.created', n: 1 }], 'A hears its own publish once (locally, not echoed back)');
    await hubA.stop();
    await hubB.stop();
    await dbA.close();
    await dbB.close();
  });
});
