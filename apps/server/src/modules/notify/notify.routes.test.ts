import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { systemCtx } from '../../platform/context.ts';
import { one, rows } from '../../platform/db/db.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { sendNotification } from './notify.service.ts';

const ITEM_KEYS = ['body', 'category', 'createdAt', 'id', 'link', 'onBehalfOf', 'readAt', 'template', 'title'];
const N = 25;

interface Item {
  id: string;
  template: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
  onBehalfOf: string | null;
}

/** The part of a `ws` WebSocket these tests use (the server's @fastify/websocket injectWS hands one back). */
interface TestSocket {
  on(event: 'message', cb: (data: Buffer) => void): void;
  on(event: 'close', cb: (code: number) => void): void;
  terminate(): void;
}

for (const engine of engines) {
  describe(`notifications API (${engine})`, () => {
    let s: TestServer;
    let accounts: Record<string, { id: string; memberId: string | null }>;
    let branch1Org: string;
    /** member1's entries, oldest first. */
    let mine: string[] = [];
    let otherMember: { id: string; name: string };
    before(async () => {
      s = await openTestServer(engine);
      const db = s.platform.database.db;
      const all = await rows<{ username: string; id: string; memberId: string | null }>(db, sql`SELECT username, id, member_id AS "memberId" FROM account`);
      accounts = Object.fromEntries(all.map((a) => [a.username, { id: a.id, memberId: a.memberId }]));
      branch1Org = (await one<{ id: string }>(db, sql`SELECT org_id AS id FROM "grant" WHERE account_id = ${accounts.branch1!.id} AND role = 'secretary'`))!.id;
      otherMember = (await one<{ id: string; name: string }>(
        db,
        sql`SELECT m.id, m.name FROM member m WHERE m.org_id = ${branch1Org} AND NOT EXISTS (SELECT 1 FROM account a WHERE a.member_id = m.id)
              AND NOT EXISTS (SELECT 1 FROM member_care c WHERE c.member_id = m.id AND c.deliver_to <> 'self') ORDER BY m.id LIMIT 1`,
      ))!;
      // member1's inbox: N notices a second apart; recorder1 has two of its own.
      for (let i = 1; i <= N; i++) {
        await sendNotification(systemCtx(s.platform), { to: { accountIds: [accounts.member1!.id] }, template: 'notice.generic', data: { title: `通知 ${i}`, body: `内容 ${i}` }, dedupeKey: `routes-${i}` });
        s.platform.clock.advance(1000);
      }
      for (const i of [1, 2]) {
        await sendNotification(systemCtx(s.platform), { to: { accountIds: [accounts.recorder1!.id] }, template: 'notice.generic', data: { title: `组织委员 ${i}`, body: '内容' }, dedupeKey: `routes-r-${i}` });
      }
      mine = (await rows<{ id: string }>(db, sql`SELECT id FROM notification WHERE account_id = ${accounts.member1!.id} ORDER BY created_at`)).map((r) => r.id);
      assert.equal(mine.length, N);
    });
    after(() => s.stop());

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    };
    const list = async (user: string, query = '') => {
      const res = await call(user, 'GET', `/api/notifications${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: Item[]; total: number; page: number; pageSize: number };
    };

    test('GET /api/notifications: the caller’s own entries, newest first, paged, in the exact shape', async () => {
      const p1 = await list('member1', '?page=1&pageSize=10');
      assert.deepEqual(Object.keys(p1).sort(), ['items', 'page', 'pageSize', 'total']);
      assert.equal(p1.total, N);
      assert.equal(p1.page, 1);
      assert.equal(p1.pageSize, 10);
      assert.deepEqual(
        p1.items.map((n) => n.title),
        Array.from({ length: 10 }, (_, i) => `通知 ${N - i}`),
      );
      const first = p1.items[0]!;
      assert.deepEqual(Object.keys(first).sort(), ITEM_KEYS);
      assert.equal(first.id, mine[N - 1]);
      assert.equal(first.template, 'notice.generic');
      assert.equal(first.category, 'notice');
      assert.equal(first.body, `内容 ${N}`);
      assert.equal(first.link, null);
      assert.equal(first.readAt, null);
      assert.equal(first.onBehalfOf, null);
      assert.match(first.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const p3 = await list('member1', '?page=3&pageSize=10');
      assert.deepEqual(
        p3.items.map((n) => n.title),
        ['通知 5', '通知 4', '通知 3', '通知 2', '通知 1'],
      );
      const beyond = await list('member1', '?page=4&pageSize=10');
      assert.deepEqual([beyond.items, beyond.total], [[], N]);
      const defaults = await list('member1');
      assert.deepEqual([defaults.page, defaults.pageSize, defaults.items.length], [1, 20, 20]);
      // Pages do not overlap and together are everything.
      const all = [...(await list('member1', '?pageSize=7&page=1')).items, ...(await list('member1', '?pageSize=7&page=2')).items, ...(await list('member1', '?pageSize=7&page=3')).items, ...(await list('member1', '?pageSize=7&page=4')).items];
      assert.deepEqual(all.map((n) => n.id), [...mine].reverse());
      // Only one's own.
      const other = await list('recorder1', '?pageSize=100');
      assert.deepEqual(other.items.map((n) => n.title).sort(), ['组织委员 1', '组织委员 2']);
      assert.equal((await list('community2', '?pageSize=100')).items.filter((n) => n.title.startsWith('通知')).length, 0);
      // The category filter.
      assert.equal((await list('member1', '?category=notice')).total, N);
      assert.equal((await list('member1', '?category=greeting')).total, 0);
    });

    test('POST /:id/read, the unread filter (true / false) and GET /unread-count → {"count"} exactly', async () => {
      const count0 = await call('member1', 'GET', '/api/notifications/unread-count');
      assert.equal(count0.statusCode, 200);
      assert.equal(count0.body, JSON.stringify({ count: N }));
      for (const [i, id] of [mine[0]!, mine[1]!, mine[2]!].entries()) {
        const res = await call('member1', 'POST', `/api/notifications/${id}/read`);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(res.json(), { count: N - i - 1 });
      }
      const unread = await list('member1', '?unread=true&pageSize=100');
      assert.equal(unread.total, N - 3);
      assert.ok(unread.items.every((n) => n.readAt === null));
      const read = await list('member1', '?unread=false&pageSize=100');
      assert.equal(read.total, 3);
      assert.deepEqual(read.items.map((n) => n.id).sort(), [mine[0], mine[1], mine[2]].sort());
      assert.ok(read.items.every((n) => n.readAt && !Number.isNaN(Date.parse(n.readAt))));
      assert.equal((await list('member1', '?pageSize=100')).total, N);
      // Reading again changes nothing (same readAt, same count).
      const at = read.items.find((n) => n.id === mine[0])!.readAt;
      const again = await call('member1', 'POST', `/api/notifications/${mine[0]}/read`);
      assert.deepEqual(again.json(), { count: N - 3 });
      assert.equal((await list('member1', '?unread=false&pageSize=100')).items.find((n) => n.id === mine[0])!.readAt, at);
      assert.equal((await call('member1', 'GET', '/api/notifications/unread-count')).body, JSON.stringify({ count: N - 3 }));
    });

    test('someone else’s notification → 404 and it stays unread; an unknown id → 404; a malformed id → 400', async () => {
      const target = mine[10]!;
      assertError(await call('recorder1', 'POST', `/api/notifications/${target}/read`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'POST', `/api/notifications/${target}/read`), 404, 'NOT_FOUND');
      assertError(await call('district', 'POST', `/api/notifications/${target}/read`), 404, 'NOT_FOUND');
      const still = (await list('member1', '?unread=true&pageSize=100')).items.map((n) => n.id);
      assert.ok(still.includes(target));
      assertError(await call('member1', 'POST', `/api/notifications/${randomUUID()}/read`), 404, 'NOT_FOUND');
      const bad = await call('member1', 'POST', '/api/notifications/not-a-uuid/read');
      assert.equal(bad.statusCode, 400);
    });

    test('bad paging and filter values → 400 naming the field', async () => {
      const cases: [string, string][] = [
        ['?pageSize=0', 'pageSize'],
        ['?pageSize=101', 'pageSize'],
        ['?pageSize=abc', 'pageSize'],
        ['?page=0', 'page'],
        ['?page=-1', 'page'],
        ['?unread=yes', 'unread'],
        ['?unread=1', 'unread'],
        ['?unread=TRUE', 'unread'],
        ['?unread=', 'unread'],
        ['?category=spam', 'category'],
      ];
      for (const [q, field] of cases) {
        const res = await call('member1', 'GET', `/api/notifications${q}`);
        assertError(res, 400, 'VALIDATION_FAILED', field);
      }
      assert.equal((await list('member1', '?pageSize=100')).pageSize, 100);
      assert.equal((await list('member1', '?pageSize=1')).items.length, 1);
    });

    test('POST /read-all → {"count":0}, only the caller’s own', async () => {
      const recorderBefore = (await call('recorder1', 'GET', '/api/notifications/unread-count')).json().count;
      assert.equal(recorderBefore, 2);
      const res = await call('member1', 'POST', '/api/notifications/read-all');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.body, JSON.stringify({ count: 0 }));
      assert.equal((await call('member1', 'GET', '/api/notifications/unread-count')).body, '{"count":0}');
      assert.equal((await list('member1', '?unread=true')).total, 0);
      assert.equal((await list('member1', '?unread=false&pageSize=100')).total, N);
      assert.equal((await call('recorder1', 'GET', '/api/notifications/unread-count')).body, '{"count":2}');
      // Nothing unread: still {"count":0}.
      assert.equal((await call('member1', 'POST', '/api/notifications/read-all')).body, '{"count":0}');
    });

    test('anonymous → 401 everywhere (and a stale cookie too)', async () => {
      const id = mine[0]!;
      const routes: [string, string, unknown?][] = [
        ['GET', '/api/notifications'],
        ['GET', '/api/notifications?unread=true&page=1&pageSize=10'],
        ['GET', '/api/notifications/unread-count'],
        ['POST', `/api/notifications/${id}/read`],
        ['POST', '/api/notifications/read-all'],
        ['GET', '/api/notifications/preferences'],
        ['PUT', '/api/notifications/preferences', { language: 'en' }],
        ['GET', `/api/members/${otherMember.id}/care`],
        ['PUT', `/api/members/${otherMember.id}/care`, { birthdayGreetings: false }],
      ];
      for (const [method, url, body] of routes) {
        assertError(await call(null, method, url, body), 401, 'AUTH_REQUIRED');
        const stale = await s.request({ method, url, cookie: 'xf_session=bm90LWEtcmVhbC1zZXNzaW9uLXRva2Vu', ...(body !== undefined ? { body } : {}) });
        assertSafe(stale);
        assert.equal(stale.statusCode, 401, `${method} ${url} with a stale cookie: ${stale.body}`);
      }
    });

    test('preferences: defaults filled in, care for a member’s account only; PUT changes what is given and is audited', async () => {
      const m = await call('member1', 'GET', '/api/notifications/preferences');
      assert.equal(m.statusCode, 200, m.body);
      assert.deepEqual(m.json(), {
        channels: [],
        quietStart: '21:30',
        quietEnd: '08:00',
        language: 'zh',
        care: { memberId: accounts.member1!.memberId, birthdayGreetings: true, deliverTo: 'self', familyName: null, familyPhone: null, gridWorkerAccountId: null },
      });
      const staff = await call('community1', 'GET', '/api/notifications/preferences');
      assert.equal(staff.json().care, null);

      const put = await call('member1', 'PUT', '/api/notifications/preferences', { channels: ['sms'], quietStart: '22:15' });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual({ ...(put.json() as object), care: undefined }, { channels: ['sms'], quietStart: '22:15', quietEnd: '08:00', language: 'zh', care: undefined });
      const again = await call('member1', 'GET', '/api/notifications/preferences');
      assert.deepEqual(again.json(), put.json());
      const audit = await rows<{ details: { fields: string[] }; actor: string }>(
        s.platform.database.db,
        sql`SELECT details, actor_username AS actor FROM audit_event WHERE action = 'notify.preferences.update' AND target_id = ${accounts.member1!.id} ORDER BY seq`,
      );
      assert.equal(audit.length, 1);
      assert.deepEqual(audit[0]!.details.fields.sort(), ['channels', 'quietStart']);
      assert.equal(audit[0]!.actor, 'member1');
    });

    test('preferences: bad HH:MM → 400 naming the field; family without a phone → 422; care from a staff account → 422; nothing saved', async () => {
      const before = (await call('recorder1', 'GET', '/api/notifications/preferences')).json();
      const bad: [unknown, string][] = [
        [{ quietStart: '25:00' }, 'quietStart'],
        [{ quietStart: '9:00' }, 'quietStart'],
        [{ quietEnd: '08:60' }, 'quietEnd'],
        [{ quietEnd: '0800' }, 'quietEnd'],
        [{ quietEnd: 800 }, 'quietEnd'],
        [{ channels: ['fax'] }, 'channels.0'],
        [{ language: 'fr' }, 'language'],
        [{ care: { familyPhone: '12345' } }, 'care.familyPhone'],
        [{ care: { deliverTo: 'neighbour' } }, 'care.deliverTo'],
      ];
      for (const [body, field] of bad) assertError(await call('recorder1', 'PUT', '/api/notifications/preferences', body), 400, 'VALIDATION_FAILED', field);
      const unknown = await call('recorder1', 'PUT', '/api/notifications/preferences', { quietStart: '22:00', sound: true });
      assertError(unknown, 400, 'VALIDATION_FAILED', 'sound');

      const family = await call('recorder1', 'PUT', '/api/notifications/preferences', { quietStart: '20:00', care: { deliverTo: 'family', familyName: '王家属' } });
      assertError(family, 422, 'NOTIFY_FAMILY_CONTACT_REQUIRED', 'familyPhone');
      const staff = await call('community1', 'PUT', '/api/notifications/preferences', { quietStart: '20:00', care: { birthdayGreetings: true } });
      assertError(staff, 422, 'NOTIFY_NOT_A_MEMBER_ACCOUNT');
      assert.deepEqual((await call('recorder1', 'GET', '/api/notifications/preferences')).json(), before, 'the refused change left nothing behind');
      assert.equal((await call('community1', 'GET', '/api/notifications/preferences')).json().quietStart, '21:30');
      const audited = await one<{ n: number }>(
        s.platform.database.db,
        sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'notify.preferences.update' AND target_id IN (${accounts.recorder1!.id}, ${accounts.community1!.id})`,
      );
      assert.equal(audited!.n, 0);
      // With both family fields it is accepted, and the phone comes back masked.
      const ok = await call('recorder1', 'PUT', '/api/notifications/preferences', { care: { deliverTo: 'family', familyName: '王家属', familyPhone: '13855556666' } });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().care.familyPhone, '138****6666');
      assert.ok(!ok.body.includes('13855556666'));
    });

    test('preferences: quiet hours not chosen keep following the platform default', async () => {
      const put = await call('branch2', 'PUT', '/api/notifications/preferences', { channels: ['wechat'] });
      assert.equal(put.statusCode, 200, put.body);
      const root = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE parent_id IS NULL`))!.id;
      const set = await call('district', 'PUT', `/api/orgs/${root}/settings/notify.defaultQuietStart`, { value: '22:30' });
      assert.equal(set.statusCode, 200, set.body);
      try {
        const prefs = (await call('branch2', 'GET', '/api/notifications/preferences')).json();
        assert.deepEqual([prefs.channels, prefs.quietStart, prefs.quietEnd], [['wechat'], '22:30', '08:00']);
      } finally {
        await call('district', 'PUT', `/api/orgs/${root}/settings/notify.defaultQuietStart`, { value: null });
      }
    });

    test('/api/members/:id/care: the member, or staff in scope; audited without the phone, answered masked', async () => {
      const own = await call('member1', 'GET', `/api/members/${accounts.member1!.memberId}/care`);
      assert.equal(own.statusCode, 200, own.body);
      assert.deepEqual(Object.keys(own.json()).sort(), ['birthdayGreetings', 'deliverTo', 'familyName', 'familyPhone', 'gridWorkerAccountId', 'memberId']);
      const ownPut = await call('member1', 'PUT', `/api/members/${accounts.member1!.memberId}/care`, { birthdayGreetings: false });
      assert.equal(ownPut.statusCode, 200, ownPut.body);
      assert.equal(ownPut.json().birthdayGreetings, false);

      const url = `/api/members/${otherMember.id}/care`;
      const get = await call('branch1', 'GET', url);
      assert.equal(get.statusCode, 200, get.body);
      assert.deepEqual(get.json(), { memberId: otherMember.id, birthdayGreetings: true, deliverTo: 'self', familyName: null, familyPhone: null, gridWorkerAccountId: null });
      const phone = '13822223333';
      const put = await call('branch1', 'PUT', url, { deliverTo: 'family', familyName: '李家属', familyPhone: phone });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json(), { memberId: otherMember.id, birthdayGreetings: true, deliverTo: 'family', familyName: '李家属', familyPhone: '138****3333', gridWorkerAccountId: null });
      assert.ok(!put.body.includes(phone));
      assert.equal((await call('recorder1', 'GET', url)).json().familyPhone, '138****3333', 'the organiser (member.read) sees it masked too');
      const db = s.platform.database.db;
      const audit = await rows<{ actor: string; targetType: string; targetOrgPath: string | null; details: { fields: string[] } }>(
        db,
        sql`SELECT actor_username AS actor, target_type AS "targetType", target_org_path AS "targetOrgPath", details FROM audit_event WHERE action = 'notify.care.update' AND target_id = ${otherMember.id} AND actor_username = 'branch1'`,
      );
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.targetType, 'member');
      assert.ok(audit[0]!.targetOrgPath);
      assert.deepEqual(audit[0]!.details.fields.sort(), ['deliverTo', 'familyName', 'familyPhone']);
      const leaks = await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_event WHERE details::text LIKE ${`%${phone}%`} OR details::text LIKE '%李家属%'`);
      assert.equal(leaks!.n, 0, 'no phone (nor the name) in the audit');
      const stored = await one<{ enc: string }>(db, sql`SELECT family_phone_enc AS enc FROM member_care WHERE member_id = ${otherMember.id}`);
      assert.ok(stored!.enc && !stored!.enc.includes(phone));
      // Clearing the phone while family is chosen is refused.
      assertError(await call('branch1', 'PUT', url, { familyPhone: null }), 422, 'NOTIFY_FAMILY_CONTACT_REQUIRED', 'familyPhone');
      assert.equal((await call('branch1', 'GET', url)).json().familyPhone, '138****3333');
    });

    test('/api/members/:id/care: out of scope → 404, no member permission at all → 403, bad ids → 400 / 404', async () => {
      const url = `/api/members/${otherMember.id}/care`;
      const before = (await call('branch1', 'GET', url)).json();
      assertError(await call('branch2', 'GET', url), 404, 'NOT_FOUND');
      assertError(await call('branch2', 'PUT', url, { birthdayGreetings: false }), 404, 'NOT_FOUND');
      assertError(await call('community2', 'PUT', url, { birthdayGreetings: false }), 404, 'NOT_FOUND');
      // member1 holds no member permission anywhere: 403 (ARCHITECTURE §9, "The care endpoints answer 403 …").
      assertError(await call('member1', 'GET', url), 403, 'FORBIDDEN');
      assertError(await call('member1', 'PUT', url, { birthdayGreetings: false }), 403, 'FORBIDDEN');
      assertError(await call('member1', 'GET', `/api/members/${accounts.branch1!.memberId}/care`), 403, 'FORBIDDEN');
      assert.deepEqual((await call('branch1', 'GET', url)).json(), before, 'nothing changed');
      assertError(await call('branch1', 'GET', `/api/members/${randomUUID()}/care`), 404, 'NOT_FOUND');
      assert.equal((await call('branch1', 'GET', '/api/members/not-a-uuid/care')).statusCode, 400);
      assertError(await call('branch1', 'PUT', url, { deliverTo: 'family', colour: 'red' }), 400, 'VALIDATION_FAILED', 'colour');
    });

    test('/api/members/:id/care: a grid worker must be an enabled staff account covering the member', async () => {
      const url = `/api/members/${otherMember.id}/care`;
      for (const who of ['branch2', 'member1', 'street2']) {
        const res = await call('branch1', 'PUT', url, { deliverTo: 'grid_worker', gridWorkerAccountId: accounts[who]!.id });
        assertError(res, 422, 'NOTIFY_GRID_WORKER_REQUIRED', 'gridWorkerAccountId');
      }
      assertError(await call('branch1', 'PUT', url, { deliverTo: 'grid_worker', gridWorkerAccountId: randomUUID() }), 422, 'NOTIFY_GRID_WORKER_REQUIRED');
      assertError(await call('branch1', 'PUT', url, { deliverTo: 'grid_worker' }), 422, 'NOTIFY_GRID_WORKER_REQUIRED');
      for (const who of ['recorder1', 'community1']) {
        const res = await call('branch1', 'PUT', url, { deliverTo: 'grid_worker', gridWorkerAccountId: accounts[who]!.id });
        assert.equal(res.statusCode, 200, `${who}: ${res.body}`);
        assert.equal(res.json().gridWorkerAccountId, accounts[who]!.id);
      }
    });

    test('WebSocket route: a plain GET without upgrade does not 5xx; anonymous sockets close 4401', async () => {
      for (const cookie of [undefined, await s.login('member1')]) {
        const res = await s.request({ method: 'GET', url: '/api/notifications/ws', ...(cookie ? { cookie } : {}) });
        assertSafe(res);
      }
      const ws = (await s.app.injectWS('/api/notifications/ws')) as unknown as TestSocket;
      const code = await new Promise<number>((resolve) => ws.on('close', resolve));
      assert.equal(code, 4401);
    });

    test('WebSocket push: hello with the unread count, then notification.created and notification.read', async () => {
      const cookie = await s.login('recorder1');
      const got: { type: string; unread: number }[] = [];
      let wake: () => void = () => undefined;
      // Listen from the start: the server says hello as soon as the socket opens.
      const listen = (sock: TestSocket) =>
        sock.on('message', (d) => {
          got.push(JSON.parse(d.toString()) as { type: string; unread: number });
          wake();
        });
      const ws = (await s.app.injectWS('/api/notifications/ws', { headers: { cookie } }, { onInit: (w) => listen(w as unknown as TestSocket) })) as unknown as TestSocket;
      const next = async (n: number) => {
        const deadline = Date.now() + 5000;
        while (got.length < n && Date.now() < deadline) await new Promise<void>((r) => ((wake = r), setTimeout(r, 100)));
        assert.ok(got.length >= n, `expected ${n} messages, got ${JSON.stringify(got)}`);
        return got[n - 1]!;
      };
      try {
        const unread = (await call('recorder1', 'GET', '/api/notifications/unread-count')).json().count as number;
        assert.deepEqual(await next(1), { type: 'hello', unread });
        await sendNotification(systemCtx(s.platform), { to: { accountIds: [accounts.recorder1!.id] }, template: 'notice.generic', data: { title: '推送', body: '内容' }, dedupeKey: 'routes-ws' });
        assert.deepEqual(await next(2), { type: 'notification.created', unread: unread + 1 });
        await call('recorder1', 'POST', '/api/notifications/read-all');
        assert.deepEqual(await next(3), { type: 'notification.read', unread: 0 });
        // Another account's notification is not pushed here.
        await sendNotification(systemCtx(s.platform), { to: { accountIds: [accounts.member1!.id] }, template: 'notice.generic', data: { title: '别人的', body: '内容' }, dedupeKey: 'routes-ws-other' });
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(got.length, 3, JSON.stringify(got));
        assert.ok(!JSON.stringify(got).includes('推送'), 'the socket carries counts, not content');
      } finally {
        ws.terminate();
      }
    });
  });
}
