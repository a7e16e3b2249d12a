import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type SQL } from 'drizzle-orm';
import { inTransaction, systemCtx } from '../../platform/context.ts';
import { one, rows, type Db } from '../../platform/db/db.ts';
import { addMonths } from '../../platform/dates.ts';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { startFakeGateway, type FakeGateway } from '../../test-support/fake-gateway.ts';
import { createChannelRegistry, installChannelRegistry, logAdapter } from './notify.channels.ts';
import { sendNotification } from './notify.service.ts';
import { sendElectionReminders, sendGreetings } from './notify.consumers.ts';
import { findMemberPhoneForDelivery } from '../member/member.service.ts';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const TODAY = '2026-11-22'; // the fake clock's business date
/** An instant given as Asia/Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local}+08:00`);
const FAMILY_PHONE = '13900001111'; // the seed's family contact

interface Fixture {
  s: TestServer;
  gw: FakeGateway;
  logged: string[];
  db: () => Db;
  account: Record<string, { id: string; memberId: string | null }>;
  org: Record<'root' | 'street1' | 'community1' | 'branch1' | 'branch2' | 'zhaoyang1' | 'yucai1' | 'chunhui3', string>;
  /** The seed's member whose family contact receives on their behalf (no account of their own). */
  familyMember: { id: string; name: string };
  /** branch1 members with no account and no care proxy, free for a test to change. */
  plain: { id: string; name: string }[];
}

/** A fresh demo district with the channels pointed at a loopback fake gateway. */
async function openFixture(engine: (typeof engines)[number]): Promise<Fixture> {
  const s = await openTestServer(engine);
  const gw = await startFakeGateway();
  const logged: string[] = [];
  installChannelRegistry(createChannelRegistry(gw.config, logAdapter((l) => logged.push(l))));
  const db = () => s.platform.database.db;
  const accounts = await rows<{ username: string; id: string; memberId: string | null }>(db(), sql`SELECT username, id, member_id AS "memberId" FROM account`);
  const account = Object.fromEntries(accounts.map((a) => [a.username, { id: a.id, memberId: a.memberId }]));
  const orgId = async (where: SQL) => (await one<{ id: string }>(db(), sql`SELECT id FROM org WHERE ${where}`))!.id;
  const grantOrg = (username: string, role: string) =>
    orgId(sql`id = (SELECT g.org_id FROM "grant" g JOIN account a ON a.id = g.account_id WHERE a.username = ${username} AND g.role = ${role} AND g.revoked_at IS NULL)`);
  const org = {
    root: await orgId(sql`parent_id IS NULL`),
    street1: await grantOrg('street1', 'org_admin'),
    community1: await grantOrg('community1', 'org_admin'),
    branch1: await grantOrg('branch1', 'secretary'),
    branch2: await grantOrg('branch2', 'secretary'),
    zhaoyang1: await orgId(sql`name = '朝阳社区第一网格党支部'`),
    yucai1: await orgId(sql`name = '育才社区第一网格党支部'`),
    chunhui3: await orgId(sql`name = '春晖社区第三网格党支部'`),
  };
  const familyMember = (await one<{ id: string; name: string }>(
    db(),
    sql`SELECT m.id, m.name FROM member_care c JOIN member m ON m.id = c.member_id WHERE c.deliver_to = 'family' AND NOT EXISTS (SELECT 1 FROM account a WHERE a.member_id = m.id)`,
  ))!;
  const plain = await rows<{ id: string; name: string }>(
    db(),
    sql`SELECT m.id, m.name FROM member m WHERE m.org_id = ${org.branch1} AND m.state = 'active'
          AND NOT EXISTS (SELECT 1 FROM account a WHERE a.member_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM member_care c WHERE c.member_id = m.id AND c.deliver_to <> 'self')
        ORDER BY m.id LIMIT 6`,
  );
  assert.equal(plain.length, 6);
  return { s, gw, logged, db, account, org, familyMember, plain };
}

async function closeFixture(f: Fixture | undefined) {
  installChannelRegistry(createChannelRegistry());
  await f?.gw.close();
  await f?.s.stop();
}

interface Entry {
  username: string | null;
  memberId: string | null;
  template: string;
  title: string;
  body: string;
  onBehalfOf: string | null;
  dedupeKey: string | null;
  data: Record<string, unknown>;
  link: string | null;
  category: string;
}

function helpers(get: () => Fixture) {
  const f = () => get();
  const sys = () => systemCtx(f().s.platform);
  const now = () => f().s.platform.clock.now();
  const setClock = (to: Date) => {
    const d = to.getTime() - now().getTime();
    assert.ok(d >= 0, `the clock only moves forward (${to.toISOString()})`);
    f().s.platform.clock.advance(d);
  };
  const entries = (where: SQL) =>
    rows<Entry>(
      f().db(),
      sql`SELECT a.username, n.member_id AS "memberId", n.template, n.title, n.body, n.on_behalf_of AS "onBehalfOf", n.dedupe_key AS "dedupeKey",
                 n.data, n.link, n.category
          FROM notification n LEFT JOIN account a ON a.id = n.account_id WHERE ${where} ORDER BY a.username, n.created_at`,
    );
  const byKey = (key: string) => entries(sql`n.dedupe_key = ${key} OR n.dedupe_key LIKE ${`${key}:for:%`}`);
  const recipients = async (key: string) => (await byKey(key)).map((e) => e.username ?? `member:${e.memberId}`).sort();
  const deliveries = (key: string) =>
    rows<{ id: string; channel: string; status: string; targetEnc: string | null; attempts: number; providerMessageId: string | null; notBeforeMs: number; username: string | null; memberId: string | null }>(
      f().db(),
      sql`SELECT d.id, d.channel, d.status, d.target_enc AS "targetEnc", d.attempts, d.provider_message_id AS "providerMessageId",
                 (extract(epoch FROM d.not_before) * 1000)::float8 AS "notBeforeMs", a.username, n.member_id AS "memberId"
          FROM notification_delivery d JOIN notification n ON n.id = d.notification_id LEFT JOIN account a ON a.id = n.account_id
          WHERE n.dedupe_key = ${key} OR n.dedupe_key LIKE ${`${key}:for:%`} ORDER BY d.channel, a.username`,
    );
  const count = async (query: SQL) => (await one<{ n: number }>(f().db(), query))!.n;
  const totals = async () => ({
    notifications: await count(sql`SELECT count(*)::int AS n FROM notification`),
    deliveries: await count(sql`SELECT count(*)::int AS n FROM notification_delivery`),
    jobs: await count(sql`SELECT count(*)::int AS n FROM job`),
  });
  const notice = (title: string) => ({ template: 'notice.generic' as const, data: { title, body: `${title}：正文` } });
  const login = async (username: string) => {
    // Never the harness's cached cookie: the clock moves in these tests and sessions expire.
    const res = await f().s.request({ method: 'POST', url: '/api/auth/login', body: { username, password: 'Demo@2026' } });
    assert.equal(res.statusCode, 200, res.body);
    const raw = res.headers['set-cookie'];
    return String(Array.isArray(raw) ? raw[0] : raw).split(';')[0]!;
  };
  const call = async (username: string, method: string, url: string, body?: unknown) => {
    const res = await f().s.request({ method, url, cookie: await login(username), ...(body !== undefined ? { body } : {}) });
    assert.ok(res.statusCode < 500, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res;
  };
  /** Every stored text value, in every table, that contains the needle (like the PII-at-rest scan). */
  const findPlain = async (needle: string) => {
    const cols = await rows<{ schema: string; table: string; column: string }>(
      f().db(),
      sql`SELECT c.table_schema AS schema, c.table_name AS "table", c.column_name AS "column"
          FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
          WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.table_schema NOT LIKE 'pg\\_%'
            AND c.data_type IN ('text', 'character varying', 'json', 'jsonb')`,
    );
    assert.ok(cols.some((c) => c.table === 'notification_delivery' && c.column === 'target_enc'));
    const hits: string[] = [];
    for (const c of cols) {
      const col = sql`${sql.identifier(c.column)}::text`;
      const found = await rows<{ v: string }>(f().db(), sql`SELECT ${col} AS v FROM ${sql.identifier(c.schema)}.${sql.identifier(c.table)} WHERE ${col} LIKE ${`%${needle}%`} LIMIT 2`);
      for (const x of found) hits.push(`${c.table}.${c.column}: ${x.v.slice(0, 160)}`);
    }
    return hits;
  };
  return { sys, now, setClock, entries, byKey, recipients, deliveries, count, totals, notice, login, call, findPlain };
}

for (const engine of engines) {
  describe(`notify.send: recipients, dedupe, outbox, scheduling, proxies (${engine})`, () => {
    let fx: Fixture;
    before(async () => {
      fx = await openFixture(engine);
    });
    after(() => closeFixture(fx));
    const h = helpers(() => fx);

    test('orgRoles: "the secretary of branch1" reaches branch1’s secretary only', async () => {
      const r = await sendNotification(h.sys(), { to: { orgRoles: [{ orgId: fx.org.branch1, roles: ['secretary'] }] }, ...h.notice('书记通知'), dedupeKey: 'svc-secretary' });
      assert.equal(r.created, 1);
      assert.deepEqual(await h.recipients('svc-secretary'), ['branch1']);
      const [e] = await h.byKey('svc-secretary');
      assert.equal(e!.title, '书记通知');
      assert.equal(e!.body, '书记通知：正文');
      assert.equal(e!.category, 'notice');
      assert.equal(e!.onBehalfOf, null);
      // Several roles: the organiser too; recorder1 (organiser) yes, member1 (member) no.
      await sendNotification(h.sys(), { to: { orgRoles: [{ orgId: fx.org.branch1, roles: ['secretary', 'organiser'] }] }, ...h.notice('支委通知'), dedupeKey: 'svc-committee' });
      assert.deepEqual(await h.recipients('svc-committee'), ['branch1', 'recorder1']);
      // Grants are matched at the org exactly, not in its subtree: community1 has no secretary grant.
      const none = await sendNotification(h.sys(), { to: { orgRoles: [{ orgId: fx.org.community1, roles: ['secretary'] }] }, ...h.notice('无人'), dedupeKey: 'svc-nobody' });
      assert.equal(none.created, 0);
      assert.deepEqual(await h.recipients('svc-nobody'), []);
    });

    test('orgRoles levelsUp 1: the admins of the nearest ancestor that has any', async () => {
      const up = async (orgId: string, key: string) => {
        await sendNotification(h.sys(), { to: { orgRoles: [{ orgId, roles: ['org_admin'], levelsUp: 1 }] }, ...h.notice(key), dedupeKey: key });
        return h.recipients(key);
      };
      assert.deepEqual(await up(fx.org.branch1, 'up-branch1'), ['community1'], 'a 春晖 branch → 春晖社区党委');
      assert.deepEqual(await up(fx.org.zhaoyang1, 'up-zhaoyang'), ['street1'], '朝阳社区 has no admin account → 东城街道');
      assert.deepEqual(await up(fx.org.yucai1, 'up-yucai'), ['district'], '育才社区 and 北苑街道 have none → 区委');
      assert.deepEqual(await up(fx.org.community1, 'up-community1'), ['street1'], 'one level up never includes the org’s own admins');
      assert.deepEqual(await up(fx.org.root, 'up-root'), [], 'nothing above the root');
    });

    test('memberIds reach the member’s own account; a member with no account and no proxy gets nothing', async () => {
      const r = await sendNotification(h.sys(), { to: { memberIds: [fx.account.member1!.memberId!, fx.plain[0]!.id] }, ...h.notice('党员通知'), dedupeKey: 'svc-members' });
      assert.equal(r.created, 1);
      assert.deepEqual(await h.recipients('svc-members'), ['member1']);
      // Accounts, members and roles at once: each account once.
      await sendNotification(h.sys(), {
        to: { accountIds: [fx.account.branch1!.id], memberIds: [fx.account.branch1!.memberId!], orgRoles: [{ orgId: fx.org.branch1, roles: ['secretary'] }] },
        ...h.notice('合并'),
        dedupeKey: 'svc-merge',
      });
      assert.deepEqual(await h.recipients('svc-merge'), ['branch1']);
    });

    test('the same dedupe key reaches each recipient once; another key is another notification', async () => {
      const to = { orgRoles: [{ orgId: fx.org.branch1, roles: ['secretary' as const, 'organiser' as const] }], memberIds: [fx.account.member1!.memberId!] };
      assert.equal((await sendNotification(h.sys(), { to, ...h.notice('一次'), dedupeKey: 'svc-dedupe' })).created, 3);
      assert.equal((await sendNotification(h.sys(), { to, ...h.notice('一次'), dedupeKey: 'svc-dedupe' })).created, 0);
      // A wider audience later: only the new recipient gets it.
      const wider = { ...to, accountIds: [fx.account.community1!.id] };
      assert.equal((await sendNotification(h.sys(), { to: wider, ...h.notice('一次'), dedupeKey: 'svc-dedupe' })).created, 1);
      assert.deepEqual(await h.recipients('svc-dedupe'), ['branch1', 'community1', 'member1', 'recorder1']);
      assert.equal((await sendNotification(h.sys(), { to, ...h.notice('二次'), dedupeKey: 'svc-dedupe-2' })).created, 3);
      // Concurrent sends with one key: still one each.
      const created = await Promise.all([1, 2, 3].map(() => sendNotification(h.sys(), { to, ...h.notice('并发'), dedupeKey: 'svc-dedupe-3' })));
      assert.equal(created.reduce((n, r) => n + r.created, 0), 3);
      assert.deepEqual(await h.recipients('svc-dedupe-3'), ['branch1', 'member1', 'recorder1']);
    });

    test('outbox: a send inside a transaction that then fails leaves no notification, no delivery, no job and pushes nothing', async () => {
      await h.call('member1', 'PUT', '/api/notifications/preferences', { channels: ['sms', 'wechat'], quietStart: '23:59', quietEnd: '00:00' });
      const pushed: string[] = [];
      const off = fx.s.platform.realtime!.subscribe(fx.account.member1!.id, (m) => void pushed.push(m.type));
      try {
        const before = await h.totals();
        const to = { memberIds: [fx.account.member1!.memberId!, fx.familyMember.id] };
        await assert.rejects(
          inTransaction(h.sys(), async (tx) => {
            const r = await sendNotification(tx, { to, ...h.notice('回滚'), channels: ['sms', 'wechat'], dedupeKey: 'svc-rollback' });
            assert.equal(r.created, 2);
            // A scheduled one in the same transaction too.
            await sendNotification(tx, { to, ...h.notice('回滚-定时'), dedupeKey: 'svc-rollback-later', notBefore: new Date(h.now().getTime() + HOUR) });
            throw new Error('the business change failed');
          }),
          /business change failed/,
        );
        assert.deepEqual(await h.totals(), before);
        assert.deepEqual(pushed, [], 'nobody hears about a notification that does not exist');
        await fx.s.jobs.drain();
        assert.deepEqual(await h.recipients('svc-rollback'), []);
        assert.equal(fx.gw.messages.filter((m) => m.title === '回滚').length, 0);

        // Control: the same send committed creates all three kinds of rows, and pushes after commit.
        await inTransaction(h.sys(), (tx) => sendNotification(tx, { to, ...h.notice('回滚'), channels: ['sms', 'wechat'], dedupeKey: 'svc-rollback' }));
        assert.deepEqual(await h.recipients('svc-rollback'), ['member1', `member:${fx.familyMember.id}`]);
        const ds = await h.deliveries('svc-rollback');
        assert.deepEqual(ds.map((d) => `${d.channel}:${d.username ?? 'family'}`).sort(), ['sms:family', 'sms:member1', 'wechat:member1']);
        const jobs = await h.count(sql`SELECT count(*)::int AS n FROM job WHERE name = 'notify.deliver' AND payload->>'deliveryId' IN (${sql.join(
          ds.map((d) => sql`${d.id}`),
          sql`, `,
        )})`);
        assert.equal(jobs, 3, 'one delivery job per delivery');
        assert.deepEqual(pushed, ['notification.created']);
        await fx.s.jobs.drain();
        const sent = fx.gw.messages.filter((m) => m.title === '回滚');
        const ownPhone = await findMemberPhoneForDelivery(h.sys(), fx.account.member1!.memberId!);
        assert.ok(ownPhone);
        assert.deepEqual(sent.map((m) => `${m.channel}:${m.to}`).sort(), [`sms:${FAMILY_PHONE}`, `sms:${ownPhone}`, `wechat:${fx.account.member1!.id}`].sort());
      } finally {
        off();
        await h.call('member1', 'PUT', '/api/notifications/preferences', { channels: [] });
      }
    });

    test('notBefore in the future: nothing now; the inbox entry appears once the clock reaches it', async () => {
      const notBefore = new Date(h.now().getTime() + 3 * HOUR);
      const to = { memberIds: [fx.account.member1!.memberId!] };
      assert.deepEqual(await sendNotification(h.sys(), { to, ...h.notice('定时'), dedupeKey: 'svc-later', notBefore }), { created: 0 });
      // Scheduling the same key again queues nothing more.
      await sendNotification(h.sys(), { to, ...h.notice('定时'), dedupeKey: 'svc-later', notBefore });
      assert.deepEqual(await h.recipients('svc-later'), []);
      const jobs = await rows<{ runAtMs: number }>(fx.db(), sql`SELECT (extract(epoch FROM run_at) * 1000)::float8 AS "runAtMs" FROM job WHERE name = 'notify.send' AND dedupe_key = 'send:svc-later'`);
      assert.deepEqual(jobs, [{ runAtMs: notBefore.getTime() }]);
      await fx.s.jobs.drain();
      fx.s.platform.clock.advance(3 * HOUR - MIN);
      await fx.s.jobs.drain();
      assert.deepEqual(await h.recipients('svc-later'), []);
      fx.s.platform.clock.advance(2 * MIN);
      await fx.s.jobs.drain();
      await fx.s.jobs.drain();
      assert.deepEqual(await h.recipients('svc-later'), ['member1']);
      const [e] = await h.byKey('svc-later');
      assert.equal(e!.title, '定时');
      // A notBefore already past is an ordinary send.
      const r = await sendNotification(h.sys(), { to, ...h.notice('过去'), dedupeKey: 'svc-past', notBefore: new Date(h.now().getTime() - HOUR) });
      assert.equal(r.created, 1);
    });

    test('family proxy: the SMS goes to the family phone (member with or without an account); the phone is stored encrypted only', async () => {
      // The seed's member without an account.
      const r = await sendNotification(h.sys(), { to: { memberIds: [fx.familyMember.id] }, ...h.notice('家属代收'), channels: ['sms'], dedupeKey: 'svc-family' });
      assert.equal(r.created, 1);
      const [d] = await h.deliveries('svc-family');
      assert.equal(d!.channel, 'sms');
      assert.ok(d!.targetEnc && !d!.targetEnc.includes(FAMILY_PHONE));
      await fx.s.jobs.drain();
      const sms = fx.gw.messages.filter((m) => m.outId === d!.id);
      assert.deepEqual(
        sms.map((m) => [m.to, m.title]),
        [[FAMILY_PHONE, '家属代收']],
      );
      // The same key again: no second record, no second SMS.
      assert.equal((await sendNotification(h.sys(), { to: { memberIds: [fx.familyMember.id] }, ...h.notice('家属代收'), channels: ['sms'], dedupeKey: 'svc-family' })).created, 0);
      await fx.s.jobs.drain();
      assert.equal((await h.deliveries('svc-family')).length, 1);
      assert.equal(fx.gw.messages.filter((m) => m.title === '家属代收').length, 1);
      // A member with an account: a secretary sets a family contact for member1.
      const phone = '13811112222';
      const put = await h.call('branch1', 'PUT', `/api/members/${fx.account.member1!.memberId}/care`, { deliverTo: 'family', familyName: '张家属', familyPhone: phone });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().familyPhone, '138****2222');
      await h.call('member1', 'PUT', '/api/notifications/preferences', { channels: ['sms'], quietStart: '23:59', quietEnd: '00:00' });
      await sendNotification(h.sys(), { to: { memberIds: [fx.account.member1!.memberId!] }, ...h.notice('家属代收2'), channels: ['sms'], dedupeKey: 'svc-family-2' });
      assert.deepEqual(await h.recipients('svc-family-2'), ['member1'], 'the member still has the inbox entry');
      const ds = await h.deliveries('svc-family-2');
      assert.equal(ds.length, 1, 'one SMS, to the family, not also to the member’s own phone');
      await fx.s.jobs.drain();
      assert.deepEqual(
        fx.gw.messages.filter((m) => m.outId === ds[0]!.id).map((m) => m.to),
        [phone],
      );
      // No SMS asked for: the family gets nothing.
      await sendNotification(h.sys(), { to: { memberIds: [fx.familyMember.id] }, ...h.notice('仅站内'), dedupeKey: 'svc-family-3' });
      assert.deepEqual(await h.deliveries('svc-family-3'), []);
      assert.deepEqual(await h.findPlain(FAMILY_PHONE), []);
      assert.deepEqual(await h.findPlain(phone), []);
      await h.call('branch1', 'PUT', `/api/members/${fx.account.member1!.memberId}/care`, { deliverTo: 'self', familyName: null, familyPhone: null });
      await h.call('member1', 'PUT', '/api/notifications/preferences', { channels: [] });
    });

    // The title no longer carries （代…接收）: since f058a7e the copy says whose it is in onBehalfOf (the web shows
    // 代 X 接收) and links to the member's file (docs/ARCHITECTURE.md §9 "Recipients").
    test('grid-worker proxy: the grid worker’s account gets its own copy with onBehalfOf and a link to the member’s file', async () => {
      const [m1, m2] = fx.plain;
      for (const m of [m1!, m2!]) {
        const put = await h.call('branch1', 'PUT', `/api/members/${m.id}/care`, { deliverTo: 'grid_worker', gridWorkerAccountId: fx.account.recorder1!.id });
        assert.equal(put.statusCode, 200, put.body);
      }
      const r = await sendNotification(h.sys(), { to: { memberIds: [m1!.id, m2!.id] }, ...h.notice('网格员代收'), channels: ['sms'], dedupeKey: 'svc-grid' });
      assert.equal(r.created, 2);
      const got = await h.byKey('svc-grid');
      assert.deepEqual(got.map((e) => [e.username, e.onBehalfOf, e.title, e.link, e.dedupeKey]).sort(), [
        ['recorder1', m1!.name, '网格员代收', `/admin/members/${m1!.id}`, `svc-grid:for:${m1!.id}`],
        ['recorder1', m2!.name, '网格员代收', `/admin/members/${m2!.id}`, `svc-grid:for:${m2!.id}`],
      ].sort());
      // Through the API the grid worker sees whom it is for.
      const inbox = await h.call('recorder1', 'GET', '/api/notifications?pageSize=100');
      const mine = (inbox.json().items as { title: string; onBehalfOf: string | null; link: string | null }[]).filter((n) => n.title.startsWith('网格员代收'));
      assert.deepEqual(mine.map((n) => n.onBehalfOf).sort(), [m1!.name, m2!.name].sort());
      assert.ok(mine.every((n) => n.link?.startsWith('/admin/members/')));
      // Deduped per member; no SMS to anyone for a proxy with no phone.
      assert.equal((await sendNotification(h.sys(), { to: { memberIds: [m1!.id, m2!.id] }, ...h.notice('网格员代收'), dedupeKey: 'svc-grid' })).created, 0);
      assert.deepEqual(await h.deliveries('svc-grid'), []);
      // A member with an account of their own keeps it, and the grid worker gets the proxy copy as well.
      await h.call('branch1', 'PUT', `/api/members/${fx.account.member1!.memberId}/care`, { deliverTo: 'grid_worker', gridWorkerAccountId: fx.account.recorder1!.id });
      await sendNotification(h.sys(), { to: { memberIds: [fx.account.member1!.memberId!] }, ...h.notice('双份'), dedupeKey: 'svc-grid-2' });
      assert.deepEqual(
        (await h.byKey('svc-grid-2')).map((e) => [e.username, e.onBehalfOf === null ? 'own' : 'proxy']).sort(),
        [
          ['member1', 'own'],
          ['recorder1', 'proxy'],
        ],
      );
      await h.call('branch1', 'PUT', `/api/members/${fx.account.member1!.memberId}/care`, { deliverTo: 'self', gridWorkerAccountId: null });
      // Checked again at send time: a grid worker who no longer covers the member (moved away) gets nothing.
      await fx.db().execute(sql`UPDATE member_care SET grid_worker_account_id = ${fx.account.branch2!.id} WHERE member_id = ${m1!.id}`);
      assert.equal((await sendNotification(h.sys(), { to: { memberIds: [m1!.id] }, ...h.notice('已调走'), dedupeKey: 'svc-grid-3' })).created, 0);
      assert.deepEqual(await h.recipients('svc-grid-3'), []);
    });

    test('an unknown template is refused (422), and nothing is written', async () => {
      const before = await h.totals();
      await assert.rejects(
        sendNotification(h.sys(), { to: { accountIds: [fx.account.member1!.id] }, template: 'no.such' as 'notice.generic', data: {} }),
        (err: { code?: string }) => err.code === 'NOTIFY_TEMPLATE_UNKNOWN',
      );
      assert.deepEqual(await h.totals(), before);
    });

    test('templates: English for an account that chose English; unknown placeholders stay visible', async () => {
      await h.call('recorder1', 'PUT', '/api/notifications/preferences', { language: 'en' });
      await sendNotification(h.sys(), {
        to: { accountIds: [fx.account.recorder1!.id, fx.account.branch1!.id] },
        template: 'election.due',
        data: { orgName: '测试支部', orgId: fx.org.branch1, termEnd: '2027-01-01' },
        dedupeKey: 'svc-lang',
      });
      const got = await h.byKey('svc-lang');
      const en = got.find((e) => e.username === 'recorder1')!;
      const zh = got.find((e) => e.username === 'branch1')!;
      assert.equal(en.title, 'Election due');
      assert.equal(zh.title, '换届提醒');
      assert.match(zh.body, /测试支部 本届任期将于 2027-01-01 届满/);
      assert.match(zh.body, /\{months\}/, 'a missing value stays a visible placeholder');
      assert.equal(zh.link, `/admin/orgs/${fx.org.branch1}`);
      await h.call('recorder1', 'PUT', '/api/notifications/preferences', { language: 'zh' });
    });
  });

  describe(`notify.send: quiet hours under the fake clock (${engine})`, () => {
    let fx: Fixture;
    before(async () => {
      fx = await openFixture(engine);
    });
    after(() => closeFixture(fx));
    const h = helpers(() => fx);

    test('at 22:00 with quiet 21:30–08:00: the inbox entry at once, the SMS at 08:00 the next day — not before', async () => {
      const member1 = fx.account.member1!;
      const phone = '13700001234';
      const patch = await h.call('branch1', 'PATCH', `/api/members/${member1.memberId}`, { phone });
      assert.equal(patch.statusCode, 200, patch.body);
      const put = await h.call('member1', 'PUT', '/api/notifications/preferences', { channels: ['sms'], quietStart: '21:30', quietEnd: '08:00' });
      assert.equal(put.statusCode, 200, put.body);
      // recorder1: WeChat, quiet only 23:00–06:00 — at 22:00 it goes at once.
      await h.call('recorder1', 'PUT', '/api/notifications/preferences', { channels: ['wechat'], quietStart: '23:00', quietEnd: '06:00' });

      h.setClock(at(`${TODAY}T22:00:00`));
      await fx.s.jobs.drain(); // whatever the hourly jobs had to do
      fx.gw.reset();
      await sendNotification(h.sys(), { to: { memberIds: [member1.memberId!, fx.familyMember.id], accountIds: [fx.account.recorder1!.id] }, ...h.notice('夜间'), channels: ['sms', 'wechat'], dedupeKey: 'quiet-1' });
      assert.deepEqual(await h.recipients('quiet-1'), ['member1', `member:${fx.familyMember.id}`, 'recorder1'].sort());
      const created = await one<{ ms: number }>(fx.db(), sql`SELECT (extract(epoch FROM n.created_at) * 1000)::float8 AS ms FROM notification n JOIN account a ON a.id = n.account_id WHERE a.username = 'member1' AND n.dedupe_key = 'quiet-1'`);
      assert.ok(Math.abs(created!.ms - at(`${TODAY}T22:00:00`).getTime()) < MIN, 'the inbox entry is there at 22:00');
      const unread = await h.call('member1', 'GET', '/api/notifications/unread-count');
      assert.ok(unread.json().count >= 1);

      const morning = at('2026-11-23T08:00:00').getTime();
      const ds = await h.deliveries('quiet-1');
      const sms = ds.find((d) => d.username === 'member1')!;
      const family = ds.find((d) => d.memberId === fx.familyMember.id)!;
      const wechat = ds.find((d) => d.username === 'recorder1')!;
      assert.equal(sms.channel, 'sms');
      assert.equal(sms.notBeforeMs, morning, 'member1: 08:00 the next day');
      assert.equal(family.notBeforeMs, morning, 'no preferences of their own: the platform default 21:30–08:00');
      assert.equal(wechat.channel, 'wechat');
      assert.ok(Math.abs(wechat.notBeforeMs - h.now().getTime()) < MIN, 'recorder1’s window has not begun');
      const runAt = await rows<{ id: string; ms: number }>(
        fx.db(),
        sql`SELECT payload->>'deliveryId' AS id, (extract(epoch FROM run_at) * 1000)::float8 AS ms FROM job WHERE name = 'notify.deliver' AND payload->>'deliveryId' IN (${sms.id}, ${family.id})`,
      );
      assert.deepEqual(runAt.map((r) => r.ms), [morning, morning]);

      await fx.s.jobs.drain();
      assert.deepEqual(
        fx.gw.messages.map((m) => `${m.channel}:${m.to}`),
        [`wechat:${fx.account.recorder1!.id}`],
        'only the WeChat message went out at night',
      );
      h.setClock(at('2026-11-23T07:59:00'));
      await fx.s.jobs.drain();
      assert.equal(fx.gw.received('sms').length, 0, 'still quiet at 07:59');
      assert.deepEqual((await h.deliveries('quiet-1')).filter((d) => d.channel === 'sms').map((d) => d.status), ['pending', 'pending']);
      h.setClock(at('2026-11-23T08:00:30'));
      await fx.s.jobs.drain();
      assert.deepEqual(fx.gw.received('sms').map((m) => m.to).sort(), [FAMILY_PHONE, phone].sort());
      assert.deepEqual((await h.deliveries('quiet-1')).map((d) => d.status), ['sent', 'sent', 'sent']);
    });

    test('start = end means no quiet hours: an SMS at 23:30 goes at once — the family SMS too, which follows the member’s window', async () => {
      await h.call('member1', 'PUT', '/api/notifications/preferences', { channels: ['sms'], quietStart: '08:00', quietEnd: '08:00' });
      h.setClock(at('2026-11-23T23:30:00'));
      fx.gw.reset();
      await sendNotification(h.sys(), { to: { memberIds: [fx.account.member1!.memberId!] }, ...h.notice('不设免打扰'), channels: ['sms'], dedupeKey: 'quiet-none' });
      await fx.s.jobs.drain();
      assert.deepEqual(
        fx.gw.messages.map((m) => [m.title, m.to]),
        [['不设免打扰', '13700001234']],
      );
      // member1's family receives instead, on member1's window (none) — not the platform default (21:30–08:00).
      const family = '13866667777';
      const care = await h.call('branch1', 'PUT', `/api/members/${fx.account.member1!.memberId}/care`, { deliverTo: 'family', familyName: '赵家属', familyPhone: family });
      assert.equal(care.statusCode, 200, care.body);
      await sendNotification(h.sys(), { to: { memberIds: [fx.account.member1!.memberId!] }, ...h.notice('家属夜间'), channels: ['sms'], dedupeKey: 'quiet-family' });
      await fx.s.jobs.drain();
      assert.deepEqual(
        fx.gw.messages.filter((m) => m.title === '家属夜间').map((m) => m.to),
        [family],
      );
    });
  });

  describe(`两个生日 greetings (${engine})`, () => {
    let fx: Fixture;
    before(async () => {
      fx = await openFixture(engine);
    });
    after(() => closeFixture(fx));
    const h = helpers(() => fx);
    const greetings = (year?: number) =>
      h.entries(sql`n.template IN ('birthday.greeting', 'political_birthday.greeting') ${year ? sql`AND n.dedupe_key LIKE ${`%:${year}`}` : sql``}`);
    const setMember = (memberId: string, set: { birthDate?: string; joinedOn?: string }) =>
      fx.db().execute(
        sql`UPDATE member SET birth_date = COALESCE(${set.birthDate ?? null}::date, birth_date), joined_on = COALESCE(${set.joinedOn ?? null}::date, joined_on) WHERE id = ${memberId}`,
      );
    const summary = (es: Entry[]) => es.map((e) => `${e.username ?? `member:${e.memberId}`} ${e.template}`).sort();

    test('on the day from the configured hour: opted-in members once, others never; the family gets the SMS', async () => {
      const a = fx.account;
      // Today is 22 November. recorder1 (opted in by the seed) has a birthday today; branch1’s secretary a political
      // birthday (joined 40 years ago today); member1 has a birthday but opts out; branch2 (和平) opts in, and
      // 和平社区党委 has its own greeting hour.
      await setMember(a.recorder1!.memberId!, { birthDate: '1980-11-22', joinedOn: '2026-11-22' });
      await setMember(a.branch1!.memberId!, { birthDate: '1971-03-03', joinedOn: '1986-11-22' });
      await setMember(a.member1!.memberId!, { birthDate: '1985-11-22' });
      await setMember(a.branch2!.memberId!, { birthDate: '1979-11-22' });
      await setMember(fx.familyMember.id, { birthDate: '1940-11-22' });
      const optOut = await h.call('member1', 'PUT', '/api/notifications/preferences', { care: { birthdayGreetings: false } });
      assert.equal(optOut.statusCode, 200, optOut.body);
      assert.equal(optOut.json().care.birthdayGreetings, false);
      // Greetings at 12:00 (the clock says 10:01); at 14:00 in 和平社区.
      const set = await h.call('district', 'PUT', `/api/orgs/${fx.org.root}/settings/notify.greetingHour`, { value: 12 });
      assert.equal(set.statusCode, 200, set.body);
      const community2 = (await one<{ id: string }>(fx.db(), sql`SELECT parent_id AS id FROM org WHERE id = ${fx.org.branch2}`))!.id;
      const set2 = await h.call('community2', 'PUT', `/api/orgs/${community2}/settings/notify.greetingHour`, { value: 14 });
      assert.equal(set2.statusCode, 200, set2.body);
      const optIn = await h.call('branch2', 'PUT', '/api/notifications/preferences', { care: { birthdayGreetings: true } });
      assert.equal(optIn.statusCode, 200, optIn.body);

      await fx.s.jobs.drain();
      assert.deepEqual(await greetings(), [], 'before the hour: nothing');
      assert.deepEqual(await sendGreetings(h.sys()), { sent: 0 });

      h.setClock(at(`${TODAY}T12:00:30`));
      await fx.s.jobs.drain();
      const got = await greetings();
      assert.deepEqual(summary(got), [
        'branch1 political_birthday.greeting',
        `member:${fx.familyMember.id} birthday.greeting`,
        'recorder1 birthday.greeting',
      ]);
      const political = got.find((e) => e.template === 'political_birthday.greeting')!;
      assert.equal(political.title, '政治生日快乐');
      assert.match(political.body, /入党 40 周年/);
      assert.equal(political.category, 'greeting');
      assert.equal(got.find((e) => e.username === 'recorder1')!.title, '生日快乐');
      // The family contact of the member without an account gets it by SMS.
      assert.deepEqual(
        fx.gw.messages.filter((m) => m.template === 'birthday.greeting').map((m) => m.to),
        [FAMILY_PHONE],
      );

      // Again within the hour, the next hour and called directly: no second greeting.
      await fx.s.jobs.drain();
      fx.s.platform.clock.advance(HOUR);
      await fx.s.jobs.drain();
      assert.deepEqual(await sendGreetings(h.sys()), { sent: 0 });
      assert.equal((await greetings()).length, 3);
      assert.equal(fx.gw.messages.filter((m) => m.template === 'birthday.greeting').length, 1);
      // 14:00: 和平社区's hour — branch2 now, once.
      h.setClock(at(`${TODAY}T14:00:30`));
      await fx.s.jobs.drain();
      await fx.s.jobs.drain();
      assert.deepEqual(summary(await greetings()), [
        'branch1 political_birthday.greeting',
        'branch2 birthday.greeting',
        `member:${fx.familyMember.id} birthday.greeting`,
        'recorder1 birthday.greeting',
      ]);
      assert.ok(!summary(await greetings()).some((g) => g.startsWith('member1 ')), 'member1 opted out');
    });

    test('a 29 February birth date is greeted on 28 February in a non-leap year, on the 29th in a leap year', async () => {
      const a = fx.account;
      await setMember(a.recorder1!.memberId!, { birthDate: '1948-02-29', joinedOn: '1970-01-05' });
      await setMember(a.branch1!.memberId!, { birthDate: '1971-03-03', joinedOn: '1988-02-29' });
      const greetedIn = async (year: number) => summary(await greetings(year));

      h.setClock(at('2027-02-27T13:00:00'));
      await fx.s.jobs.drain();
      assert.deepEqual(await greetedIn(2027), []);
      h.setClock(at('2027-02-28T13:00:00'));
      await fx.s.jobs.drain();
      assert.deepEqual(await greetedIn(2027), ['branch1 political_birthday.greeting', 'recorder1 birthday.greeting']);
      const pol = (await greetings(2027)).find((e) => e.template === 'political_birthday.greeting')!;
      assert.match(pol.body, /入党 39 周年/);
      h.setClock(at('2027-03-01T13:00:00'));
      await fx.s.jobs.drain();
      assert.equal((await greetings(2027)).length, 2, 'not again on 1 March');

      h.setClock(at('2028-02-28T13:00:00'));
      await fx.s.jobs.drain();
      assert.deepEqual(await greetedIn(2028), [], '2028 has a 29 February');
      h.setClock(at('2028-02-29T13:00:00'));
      await fx.s.jobs.drain();
      assert.deepEqual(await greetedIn(2028), ['branch1 political_birthday.greeting', 'recorder1 birthday.greeting']);
      assert.match((await greetings(2028)).find((e) => e.template === 'political_birthday.greeting')!.body, /入党 40 周年/);
    });
  });

  describe(`election-due reminders (${engine})`, () => {
    let fx: Fixture;
    before(async () => {
      fx = await openFixture(engine);
    });
    after(() => closeFixture(fx));
    const h = helpers(() => fx);
    /** What `after` has that `before` had not (as multisets). */
    const added = (before: string[], after: string[]) => {
      const left = [...before];
      return after.filter((r) => (left.includes(r) ? (left.splice(left.indexOf(r), 1), false) : true)).sort();
    };
    /** "<username> <org> <stage>" per election reminder; the stage is the last part of the dedupe key. */
    const reminders = async () =>
      (await h.entries(sql`n.template = 'election.due'`)).map((e) => `${e.username} ${String(e.data.orgName).replace(/党支部$/, '')} ${e.dedupeKey!.split(':').pop()}`).sort();

    test('the seed’s branches due within 6 months: their admins and the admins one level up, once per stage', async () => {
      const due = await rows<{ name: string; termEnd: string }>(
        fx.db(),
        sql`SELECT name, term_end AS "termEnd" FROM org WHERE dissolved_on IS NULL AND term_end > ${TODAY} AND term_end <= ${addMonths(TODAY, 6)} ORDER BY name`,
      );
      assert.deepEqual(
        due.map((o) => `${o.name} ${o.termEnd}`),
        ['和平社区第四网格党支部 2026-12-22', '育才社区第一网格党支部 2026-12-22', '春晖社区第二网格党支部 2026-12-22', '龙潭社区第三网格党支部 2027-03-22'].sort(),
        'the demo seed (term_due branches) — update this test if the seed changes',
      );
      // branch1 (春晖第一网格) is due in 5 months: its own secretary is told, and 春晖社区党委.
      await fx.db().execute(sql`UPDATE org SET term_end = ${addMonths(TODAY, 5)} WHERE id = ${fx.org.branch1}`);
      await fx.s.jobs.drain();
      const expected = [
        'community1 春晖社区第二网格 1',
        'community2 和平社区第四网格 1',
        'district 育才社区第一网格 1',
        'district 龙潭社区第三网格 6',
        'branch1 春晖社区第一网格 6',
        'community1 春晖社区第一网格 6',
      ].sort();
      assert.deepEqual(await reminders(), expected);
      const one = (await h.entries(sql`n.template = 'election.due' AND n.account_id = ${fx.account.branch1!.id}`))[0]!;
      assert.equal(one.title, '换届提醒');
      assert.equal(one.category, 'reminder');
      assert.equal(one.link, `/admin/orgs/${fx.org.branch1}`);
      assert.equal(one.dedupeKey, `election:${fx.org.branch1}:${addMonths(TODAY, 5)}:6`);
      // The text says the whole months actually left (5), not the stage (6).
      assert.match(one.body, new RegExp(`本届任期将于 ${addMonths(TODAY, 5)} 届满（还有约 5 个月）`));
      const december = (await h.entries(sql`n.template = 'election.due' AND n.data->>'orgName' = '春晖社区第二网格党支部'`))[0]!;
      assert.equal(december.data.months, 1);
      assert.equal(december.data.termEnd, '2026-12-22');
      // Out of scope: the organiser, members, the other streets, the 三员.
      const holders = new Set((await h.entries(sql`n.template = 'election.due'`)).map((e) => e.username));
      for (const u of ['recorder1', 'member1', 'street1', 'street2', 'branch2', 'admin', 'secadmin', 'auditor']) assert.ok(!holders.has(u), `${u} has none`);

      // The next hour, and called directly: nothing new.
      fx.s.platform.clock.advance(HOUR);
      await fx.s.jobs.drain();
      assert.deepEqual(await sendElectionReminders(h.sys()), { sent: 0 });
      assert.deepEqual(await reminders(), expected);
    });

    test('notify.electionReminderMonths set on 春晖社区党委 changes the stages in its subtree only', async () => {
      const put = await h.call('community1', 'PUT', `/api/orgs/${fx.org.community1}/settings/notify.electionReminderMonths`, { value: [5, 2] });
      assert.equal(put.statusCode, 200, put.body);
      const before = await reminders();
      fx.s.platform.clock.advance(HOUR);
      await fx.s.jobs.drain();
      // 春晖第二网格 (1 month left): stage 2; 春晖第一网格 (5 months left): stage 5; nothing elsewhere.
      assert.deepEqual(added(before, await reminders()), ['community1 春晖社区第二网格 2', 'community1 春晖社区第一网格 5', 'branch1 春晖社区第一网格 5'].sort());
    });

    test('a stage longer than the platform’s (9 months, set on 春晖社区党委) is sent at 9 months', async () => {
      const put = await h.call('community1', 'PUT', `/api/orgs/${fx.org.community1}/settings/notify.electionReminderMonths`, { value: [9, 1] });
      assert.equal(put.statusCode, 200, put.body);
      // 春晖第三网格's term ends in 8 months: inside 春晖社区党委's 9-month stage, outside the platform's 6.
      await fx.db().execute(sql`UPDATE org SET term_end = ${addMonths(TODAY, 8)} WHERE id = ${fx.org.chunhui3}`);
      fx.s.platform.clock.advance(HOUR);
      await fx.s.jobs.drain();
      assert.ok((await reminders()).includes('community1 春晖社区第三网格 9'), JSON.stringify(await reminders()));
    });

    test('the 1-month stage follows the 6-month one; a term that has ended gets none', async () => {
      const reset = await h.call('community1', 'PUT', `/api/orgs/${fx.org.community1}/settings/notify.electionReminderMonths`, { value: null });
      assert.equal(reset.statusCode, 200, reset.body);
      const before = await reminders();
      // 22 March 2027: branch1 (ends 22 April) reaches 1 month; 龙潭 ends today; the December ones have ended;
      // 春晖第三网格 (ends 22 July) is at the platform's 6-month stage.
      h.setClock(at('2027-03-22T10:30:00'));
      await fx.s.jobs.drain();
      const watched = /春晖社区|和平社区第四|育才社区第一|龙潭社区第三/;
      assert.deepEqual(
        added(before, await reminders()).filter((r) => watched.test(r)),
        ['branch1 春晖社区第一网格 1', 'community1 春晖社区第一网格 1', 'community1 春晖社区第三网格 6'].sort(),
      );
    });
  });
}
