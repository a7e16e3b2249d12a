import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { systemCtx } from '../../platform/context.ts';
import { one, rows } from '../../platform/db/db.ts';
import { backoffMs } from '../../platform/jobs/jobs.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { startFakeGateway, type FakeGateway, type ReceiptRequest } from '../../test-support/fake-gateway.ts';
import { createChannelRegistry, httpProviderAdapter, installChannelRegistry, logAdapter } from './notify.channels.ts';
import { receiptSignature } from './notify.delivery.ts';
import { sendNotification } from './notify.service.ts';

const SEC = 1000;
const MIN = 60 * SEC;
const FAMILY_PHONE = '13900001111'; // the seed's family contact (a member with no account)

interface Delivery {
  id: string;
  notificationId: string;
  channel: string;
  status: string;
  attempts: number;
  providerMessageId: string | null;
  lastError: string | null;
  sentAt: string | null;
  receiptAt: string | null;
  targetEnc: string | null;
}

for (const engine of engines) {
  describe(`notify delivery: gateway adapters, retries, log channel, receipts (${engine})`, () => {
    let s: TestServer;
    let gw: FakeGateway;
    const logged: string[] = [];
    let familyMemberId: string;
    let member1: { id: string; memberId: string };
    let seq = 0;
    const useGateway = () => installChannelRegistry(createChannelRegistry(gw.config, logAdapter((l) => logged.push(l))));
    before(async () => {
      s = await openTestServer(engine);
      gw = await startFakeGateway();
      useGateway();
      const db = s.platform.database.db;
      familyMemberId = (await one<{ id: string }>(db, sql`SELECT member_id AS id FROM member_care WHERE deliver_to = 'family'`))!.id;
      member1 = (await one<{ id: string; memberId: string }>(db, sql`SELECT id, member_id AS "memberId" FROM account WHERE username = 'member1'`))!;
      // member1 takes WeChat, with no quiet hours, so the tests may run at any fake hour.
      const res = await s.request({ method: 'PUT', url: '/api/notifications/preferences', cookie: await s.login('member1'), body: { channels: ['wechat'], quietStart: '00:00', quietEnd: '00:00' } });
      assert.equal(res.statusCode, 200, res.body);
    });
    after(async () => {
      installChannelRegistry(createChannelRegistry());
      await gw?.close();
      await s?.stop();
    });

    const db = () => s.platform.database.db;
    const delivery = async (id: string) =>
      (await one<Delivery>(
        db(),
        sql`SELECT id, notification_id AS "notificationId", channel, status, attempts, provider_message_id AS "providerMessageId", last_error AS "lastError",
                   sent_at::text AS "sentAt", receipt_at::text AS "receiptAt", target_enc AS "targetEnc"
            FROM notification_delivery WHERE id = ${id}`,
      ))!;
    const deliveryJob = async (deliveryId: string) =>
      (await one<{ id: string; state: string; attempts: number; runAtMs: number }>(
        db(),
        sql`SELECT id, state, attempts, (extract(epoch FROM run_at) * 1000)::float8 AS "runAtMs" FROM job WHERE name = 'notify.deliver' AND payload->>'deliveryId' = ${deliveryId}`,
      ))!;
    /** One SMS (to the seed's family contact) or one WeChat message (to member1); returns its delivery. */
    const send = async (channel: 'sms' | 'wechat') => {
      const key = `delivery-test-${++seq}`;
      const title = `送达测试 ${seq}`;
      const to = channel === 'sms' ? { memberIds: [familyMemberId] } : { accountIds: [member1.id] };
      const r = await sendNotification(systemCtx(s.platform), { to, template: 'notice.generic', data: { title, body: '正文' }, channels: [channel], dedupeKey: key });
      assert.equal(r.created, 1);
      const d = await rows<{ id: string }>(db(), sql`SELECT d.id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id WHERE n.dedupe_key = ${key}`);
      assert.equal(d.length, 1);
      return { id: d[0]!.id, title };
    };
    const post = (r: ReceiptRequest) => s.request({ method: 'POST', url: r.url, body: r.body, headers: r.headers });
    const mine = (outId: string) => gw.messages.filter((m) => m.outId === outId);

    test('an SMS is delivered once: sent, provider id stored, one gateway message; re-running the job sends nothing more', async () => {
      const { id, title } = await send('sms');
      assert.equal((await delivery(id)).status, 'pending');
      await s.jobs.drain();
      const m = mine(id);
      assert.equal(m.length, 1);
      assert.deepEqual({ ...m[0], messageId: undefined }, { outId: id, channel: 'sms', to: FAMILY_PHONE, template: 'notice.generic', title, body: '正文', messageId: undefined });
      const d = await delivery(id);
      assert.equal(d.status, 'sent');
      assert.equal(d.providerMessageId, m[0]!.messageId);
      assert.equal(d.attempts, 1);
      assert.ok(d.sentAt);
      assert.ok(d.targetEnc && !d.targetEnc.includes(FAMILY_PHONE), 'the destination is stored encrypted');
      assert.equal((await deliveryJob(id)).state, 'done');
      await s.jobs.drain();
      // The job run again by hand (say, a duplicate claim): the delivery is final, so the gateway hears nothing.
      await db().execute(sql`UPDATE job SET state = 'queued', run_at = ${s.platform.clock.now()} WHERE name = 'notify.deliver' AND payload->>'deliveryId' = ${id}`);
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 1);
      assert.equal((await delivery(id)).attempts, 1);
    });

    test('WeChat goes to the account id (the gateway maps it to a WeChat user)', async () => {
      const { id } = await send('wechat');
      await s.jobs.drain();
      assert.deepEqual(
        mine(id).map((m) => [m.channel, m.to]),
        [['wechat', member1.id]],
      );
      assert.equal((await delivery(id)).status, 'sent');
    });

    test('the gateway fails twice, then succeeds: retried with backoff, sent once', async () => {
      const { id } = await send('sms');
      gw.failNext(2);
      await s.jobs.drain();
      let d = await delivery(id);
      assert.equal(d.status, 'retry');
      assert.match(d.lastError ?? '', /503/);
      let j = await deliveryJob(id);
      assert.equal(j.state, 'queued');
      assert.ok(Math.abs(j.runAtMs - (s.platform.clock.now().getTime() + backoffMs(1))) < 2 * SEC, 'retry after the first backoff');
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 1, 'not before the backoff');
      s.platform.clock.advance(backoffMs(1) + SEC);
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 2);
      assert.equal((await delivery(id)).status, 'retry');
      s.platform.clock.advance(backoffMs(2) - 5 * SEC);
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 2, 'the second backoff is longer');
      s.platform.clock.advance(6 * SEC);
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 3);
      assert.equal(mine(id).length, 1);
      d = await delivery(id);
      assert.equal(d.status, 'sent');
      assert.equal(d.attempts, 3);
      assert.equal(d.lastError, null);
      assert.equal(d.providerMessageId, mine(id)[0]!.messageId);
      j = await deliveryJob(id);
      assert.equal(j.state, 'done');
      assert.equal(j.attempts, 3);
    });

    test('a gateway down for good: failed after the last attempt, never sent', async () => {
      const { id } = await send('sms');
      gw.failNext(50, { status: 500 });
      for (let attempt = 1; attempt <= 8; attempt++) {
        await s.jobs.drain();
        assert.equal(gw.attemptsFor(id), attempt);
        s.platform.clock.advance(backoffMs(attempt) + SEC);
      }
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 8, 'max_attempts (8) and no more');
      const d = await delivery(id);
      assert.equal(d.status, 'failed');
      assert.match(d.lastError ?? '', /500/);
      assert.equal((await deliveryJob(id)).state, 'failed');
      assert.equal(mine(id).length, 0);
      gw.reset();
    });

    test('the gateway accepts the message but its answer is lost: the retry reuses the out-id and the gateway still has one message', async () => {
      const { id } = await send('sms');
      gw.failNext(1, { status: 502, afterAccept: true });
      await s.jobs.drain();
      assert.equal(mine(id).length, 1, 'the provider has it');
      assert.equal((await delivery(id)).status, 'retry', 'we do not know that yet');
      s.platform.clock.advance(backoffMs(1) + SEC);
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 2);
      assert.equal(mine(id).length, 1, 'the same outId is the same message');
      const d = await delivery(id);
      assert.equal(d.status, 'sent');
      assert.equal(d.providerMessageId, mine(id)[0]!.messageId);
    });

    test('a process that died after calling the gateway (delivery left `sending`): the reclaimed job resends the same out-id, still one message', async () => {
      const { id, title } = await send('sms');
      const job = await deliveryJob(id);
      // What the dead process did: claimed the job, committed `sending`, called the gateway — then crashed.
      await db().execute(sql`UPDATE job SET state = 'running', attempts = 1, locked_until = ${new Date(s.platform.clock.now().getTime() + 5 * MIN)} WHERE id = ${job.id}`);
      await db().execute(sql`UPDATE notification_delivery SET status = 'sending', attempts = 1 WHERE id = ${id}`);
      const first = await httpProviderAdapter('sms', gw.config.sms).send({ deliveryId: id, to: FAMILY_PHONE, template: 'notice.generic', title, body: '正文' });
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 1, 'the lock of the dead process is respected until it runs out');
      s.platform.clock.advance(5 * MIN + SEC);
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 2);
      assert.equal(mine(id).length, 1);
      const d = await delivery(id);
      assert.equal(d.status, 'sent');
      assert.equal(d.attempts, 2);
      assert.equal(d.providerMessageId, first.providerMessageId);
      const j = await deliveryJob(id);
      assert.equal(j.state, 'done');
      assert.equal(j.attempts, 2);
    });

    test('without provider configuration the log channel records “would send” with a masked number, status logged — never sent', async () => {
      const lines: string[] = [];
      installChannelRegistry(createChannelRegistry({}, logAdapter((l) => lines.push(l))));
      try {
        const { id, title } = await send('sms');
        const w = await send('wechat');
        const before = gw.requests.length;
        await s.jobs.drain();
        assert.equal(gw.requests.length, before, 'no gateway is called');
        const sms = lines.filter((l) => l.includes(title));
        assert.equal(sms.length, 1, lines.join('\n'));
        assert.match(sms[0]!, /^\[notify:log\] would send notice\.generic to 139\*\*\*\*1111: /);
        assert.ok(!sms[0]!.includes(FAMILY_PHONE), 'the number is masked');
        const d = await delivery(id);
        assert.equal(d.status, 'logged');
        assert.equal(d.providerMessageId, `log:${id}`);
        assert.equal((await delivery(w.id)).status, 'logged');
        assert.ok(!lines.join('\n').includes(member1.id), 'the WeChat destination is masked too');
        // Nobody can claim delivery of a logged message: there is no token to sign a receipt with.
        const forged = { deliveryId: id, status: 'delivered' as const };
        const res = await s.request({ method: 'POST', url: '/api/notify/receipts/sms', body: forged, headers: { 'x-xianfeng-signature': receiptSignature('', forged) } });
        assertError(res, 401, 'NOTIFY_RECEIPT_UNAUTHENTICATED');
        assert.equal((await delivery(id)).status, 'logged');
      } finally {
        useGateway();
      }
    });

    test('receipts: a correctly signed receipt marks the delivery delivered', async () => {
      const { id } = await send('sms');
      await s.jobs.drain();
      const providerId = mine(id)[0]!.messageId;
      const res = await gw.postReceipt(id, post);
      assertSafe(res);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { ok: true });
      const d = await delivery(id);
      assert.equal(d.status, 'delivered');
      assert.ok(d.receiptAt);
      assert.equal(d.providerMessageId, providerId);
      // The server's own signing function agrees with the protocol the gateway follows.
      const r = gw.receipt(id);
      assert.equal(receiptSignature(gw.config.sms.token, r.body), r.headers['x-xianfeng-signature']);
      // A delivered message is final: nothing is sent again.
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 1);
    });

    test('receipts: a bad, missing or replayed-with-changes signature → 401 and no change', async () => {
      const { id } = await send('sms');
      await s.jobs.drain();
      const before = await delivery(id);
      assert.equal(before.status, 'sent');
      const good = gw.receipt(id);
      const cases: [string, ReceiptRequest][] = [
        ['signed with another key', gw.receipt(id, { signWith: 'not-the-token' })],
        ['signed with the WeChat token', gw.receipt(id, { signWith: gw.config.wechat.token })],
        ['no signature', { ...good, headers: { 'content-type': 'application/json' } }],
        ['empty signature', { ...good, headers: { ...good.headers, 'x-xianfeng-signature': '' } }],
        ['signature of a different status', { ...good, body: { ...good.body, status: 'failed' } }],
        ['error added after signing', { ...good, body: { ...good.body, error: '用户拒收' } }],
        ['truncated signature', { ...good, headers: { ...good.headers, 'x-xianfeng-signature': good.headers['x-xianfeng-signature']!.slice(0, 63) } }],
        ['upper-case hex of the right signature', { ...good, headers: { ...good.headers, 'x-xianfeng-signature': good.headers['x-xianfeng-signature']!.toUpperCase() } }],
      ];
      for (const [why, r] of cases) {
        const res = await post(r);
        assertSafe(res);
        assert.equal(res.statusCode, 401, `${why}: ${res.statusCode} ${res.body}`);
        assert.equal(res.json().error.code, 'NOTIFY_RECEIPT_UNAUTHENTICATED', why);
      }
      assert.deepEqual(await delivery(id), before, 'nothing changed');
    });

    test('receipts: a signature of the right length in non-ASCII characters is refused, not a 5xx', async () => {
      const { id } = await send('sms');
      await s.jobs.drain();
      const good = gw.receipt(id);
      const res = await post({ ...good, headers: { ...good.headers, 'x-xianfeng-signature': 'é'.repeat(64) } });
      assertSafe(res);
      assertError(res, 401, 'NOTIFY_RECEIPT_UNAUTHENTICATED');
    });

    test('receipts: another channel’s delivery or an unknown one → 404; a failed receipt is recorded with its error and not retried', async () => {
      const w = await send('wechat');
      await s.jobs.drain();
      // A WeChat delivery reported on the SMS endpoint (signed with the SMS token: authentic, wrong channel).
      const wrong = await post(gw.receipt(w.id, { channel: 'sms' }));
      assertError(wrong, 404, 'NOT_FOUND');
      assert.equal((await delivery(w.id)).status, 'sent');
      const unknown = await post(gw.receipt(randomUUID()));
      assertError(unknown, 404, 'NOT_FOUND');
      // On its own channel it is accepted.
      const right = await post(gw.receipt(w.id));
      assert.equal(right.statusCode, 200, right.body);
      assert.equal((await delivery(w.id)).status, 'delivered');

      const { id } = await send('sms');
      await s.jobs.drain();
      const failed = await post(gw.receipt(id, { status: 'failed', error: '空号' }));
      assert.equal(failed.statusCode, 200, failed.body);
      const d = await delivery(id);
      assert.equal(d.status, 'failed');
      assert.equal(d.lastError, '空号');
      s.platform.clock.advance(2 * 3_600_000);
      await s.jobs.drain();
      assert.equal(gw.attemptsFor(id), 1, 'a failed receipt is final');
      // A malformed receipt is a 400, never a 5xx.
      const bad = await s.request({ method: 'POST', url: '/api/notify/receipts/sms', body: { deliveryId: id, status: 'sent' }, headers: gw.receipt(id).headers });
      assertSafe(bad);
      assert.equal(bad.statusCode, 400);
      const badChannel = await post({ ...gw.receipt(id), url: '/api/notify/receipts/log' });
      assertSafe(badChannel);
      assert.equal(badChannel.statusCode, 400);
    });
  });
}
