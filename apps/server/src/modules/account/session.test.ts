import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db/db.ts';
import { createServer } from '../../server.ts';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';

const PASSWORD = 'Demo@2026';
const MIN = 60_000;

function setCookieOf(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const c = all.find((x) => x.startsWith('xf_session='));
  assert.ok(c, `no session cookie in ${JSON.stringify(raw)}`);
  return c;
}
const attrs = (setCookie: string) => setCookie.split(';').map((p) => p.trim().toLowerCase());
const tokenOf = (setCookie: string) => setCookie.split(';')[0]!.slice('xf_session='.length);

for (const engine of engines) {
  describe(`sessions and login (${engine})`, () => {
    let s: TestServer;
    before(async () => {
      s = await openTestServer(engine);
    });
    after(() => s.stop());

    const login = (username: string, password = PASSWORD, headers?: Record<string, string>) =>
      s.request({ method: 'POST', url: '/api/auth/login', body: { username, password }, ...(headers ? { headers } : {}) });
    /** Logs in and returns the Cookie header for later requests (never the harness cache: the clock moves here). */
    const fresh = async (username: string) => {
      const res = await login(username);
      assert.equal(res.statusCode, 200, res.body);
      return `xf_session=${tokenOf(setCookieOf(res))}`;
    };
    const me = (cookie: string) => s.request({ method: 'GET', url: '/api/auth/me', cookie });
    const code = (res: LightMyRequestResponse) => (res.json() as { error?: { code: string } }).error?.code;
    const advance = (ms: number) => s.platform.clock.advance(ms);
    const db = () => s.platform.database.db;
    const sessionRow = async (cookie: string) => {
      const id = s.platform.crypto.sm3(`session:${cookie.slice('xf_session='.length)}`);
      const r = await rows<{ lastSeenMs: number; createdMs: number; expiresMs: number; revoked: boolean }>(
        db(),
        sql`SELECT (extract(epoch FROM last_seen_at) * 1000)::float8 AS "lastSeenMs", (extract(epoch FROM created_at) * 1000)::float8 AS "createdMs",
                   (extract(epoch FROM expires_at) * 1000)::float8 AS "expiresMs", revoked_at IS NOT NULL AS revoked
            FROM session WHERE id = ${id}`,
      );
      assert.equal(r.length, 1, 'the session row is keyed by the SM3 of the token');
      return r[0]!;
    };
    const loginEvents = async (sinceSeq: number) =>
      rows<{ seq: number; result: string; targetId: string | null; username: string; reason: string | null; ip: string | null; actor: string | null }>(
        db(),
        sql`SELECT seq, result, target_id AS "targetId", details->>'username' AS username, details->>'reason' AS reason, ip, actor_username AS actor
            FROM audit_event WHERE action = 'auth.login' AND seq > ${sinceSeq} ORDER BY seq`,
      );
    const maxSeq = async () => (await rows<{ n: number }>(db(), sql`SELECT coalesce(max(seq), 0)::int AS n FROM audit_event`))[0]!.n;

    test('login over plain http sets an HttpOnly, SameSite=Lax cookie without Secure; only the token’s hash is stored', async () => {
      const res = await login('recorder1');
      assert.equal(res.statusCode, 200, res.body);
      const c = setCookieOf(res);
      const a = attrs(c);
      assert.ok(a.includes('httponly'), c);
      assert.ok(a.includes('samesite=lax'), c);
      assert.ok(a.includes('path=/'), c);
      assert.ok(!a.includes('secure'), c);
      const token = tokenOf(c);
      assert.ok(Buffer.from(token, 'base64url').length >= 16, 'token carries ≥ 128 bits');
      const stored = await rows<{ n: number }>(db(), sql`SELECT count(*)::int AS n FROM session WHERE id = ${token}`);
      assert.equal(stored[0]!.n, 0, 'the raw token is not a session id');
      await sessionRow(`xf_session=${token}`);
      // A new login is a new session id.
      const again = tokenOf(setCookieOf(await login('recorder1')));
      assert.notEqual(again, token);
    });

    test('X-Forwarded-Proto is ignored without trustProxy (the harness app): no Secure', async () => {
      const c = setCookieOf(await login('recorder1', PASSWORD, { 'x-forwarded-proto': 'https' }));
      assert.ok(!attrs(c).includes('secure'), c);
    });

    test('behind a trusted proxy, a request that came over HTTPS gets a Secure cookie', async () => {
      const proxied = await createServer(s.platform, { webDist: null, trustProxy: true });
      proxied.setReady(true);
      try {
        const inject = (headers: Record<string, string>) => proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'recorder1', password: PASSWORD }, headers });
        const https = setCookieOf(await inject({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' }));
        assert.ok(attrs(https).includes('secure'), https);
        assert.ok(attrs(https).includes('httponly') && attrs(https).includes('samesite=lax'), https);
        const http = setCookieOf(await inject({ 'x-forwarded-proto': 'http' }));
        assert.ok(!attrs(http).includes('secure'), http);
      } finally {
        await proxied.close();
      }
    });

    test('5 failures lock the account for 30 minutes, even against the right password; then login works again', async () => {
      const since = await maxSeq();
      for (let i = 1; i <= 4; i++) {
        const res = await login('member1', `Wrong#${i}pass`);
        assert.equal(res.statusCode, 401);
        assert.equal(code(res), 'AUTH_INVALID_CREDENTIALS', `attempt ${i}`);
      }
      const fifth = await login('member1', 'Wrong#5pass');
      assert.equal(fifth.statusCode, 401);
      assert.equal(code(fifth), 'AUTH_LOCKED');
      const right = await login('member1');
      assert.equal(right.statusCode, 401);
      assert.equal(code(right), 'AUTH_LOCKED');
      assert.equal(right.headers['set-cookie'], undefined);
      advance(29 * MIN);
      assert.equal(code(await login('member1')), 'AUTH_LOCKED', 'still locked after 29 minutes');
      advance(1 * MIN + 1000);
      const ok = await login('member1');
      assert.equal(ok.statusCode, 200, ok.body);
      // The counter starts again from zero after a success.
      for (let i = 1; i <= 4; i++) assert.equal(code(await login('member1', 'Wrong#again1')), 'AUTH_INVALID_CREDENTIALS');
      assert.equal((await login('member1')).statusCode, 200);
      const ev = await loginEvents(since);
      assert.deepEqual(
        ev.map((e) => [e.result, e.reason]),
        [
          ['denied', 'bad_password'],
          ['denied', 'bad_password'],
          ['denied', 'bad_password'],
          ['denied', 'bad_password'],
          ['denied', 'bad_password_locked'],
          ['denied', 'locked'],
          ['denied', 'locked'],
          ['ok', null],
          ['denied', 'bad_password'],
          ['denied', 'bad_password'],
          ['denied', 'bad_password'],
          ['denied', 'bad_password'],
          ['ok', null],
        ],
      );
    });

    test('an unknown username answers exactly like a wrong password', async () => {
      const unknown = await login('no_such_user', 'Wrong#1pass');
      const wrong = await login('branch2', 'Wrong#1pass');
      assert.equal(unknown.statusCode, 401);
      assert.equal(code(unknown), 'AUTH_INVALID_CREDENTIALS');
      assert.deepEqual(unknown.json(), wrong.json());
    });

    test('an unknown username locks after 5 failures exactly like a real account, so lockout reveals nothing', async () => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(code(await login('ghost_user_x', 'Wrong#1pass')));
      const real = [];
      for (let i = 0; i < 6; i++) real.push(code(await login('street2', 'Wrong#1pass')));
      assert.deepEqual(answers, ['AUTH_INVALID_CREDENTIALS', 'AUTH_INVALID_CREDENTIALS', 'AUTH_INVALID_CREDENTIALS', 'AUTH_INVALID_CREDENTIALS', 'AUTH_LOCKED', 'AUTH_LOCKED']);
      assert.deepEqual(answers, real);
      advance(30 * 60_000 + 1000);
      assert.equal(code(await login('ghost_user_x', 'Wrong#1pass')), 'AUTH_INVALID_CREDENTIALS', 'the lock expires like a real one');
      assert.equal((await login('street2')).statusCode, 200);
    });

    test('every login attempt writes an audit event (ok / denied), with the IP and no plaintext phone or ID typed as a username', async () => {
      const since = await maxSeq();
      await login('community2', 'Wrong#1pass');
      await login('community2');
      await login('nobody_here', 'Wrong#1pass');
      await login('13812345678', 'Wrong#1pass');
      await login('110101195001010017', 'Wrong#1pass');
      const ev = await loginEvents(since);
      assert.equal(ev.length, 5);
      assert.deepEqual(
        ev.map((e) => [e.result, e.username, e.reason]),
        [
          ['denied', 'community2', 'bad_password'],
          ['ok', 'community2', null],
          ['denied', 'nobody_here', 'unknown_username'],
          ['denied', '138****5678', 'unknown_username'],
          ['denied', '110101********0017', 'unknown_username'],
        ],
      );
      assert.ok(ev[0]!.targetId && ev[0]!.targetId === ev[1]!.targetId, 'the account is the target');
      assert.equal(ev[1]!.actor, 'community2');
      assert.equal(ev[2]!.targetId, null);
      assert.ok(ev.every((e) => e.ip === '127.0.0.1'));
    });

    test('idle 31 minutes → 401 AUTH_SESSION_EXPIRED', async () => {
      const cookie = await fresh('street1');
      assert.equal((await me(cookie)).statusCode, 200);
      advance(31 * MIN);
      const res = await me(cookie);
      assert.equal(res.statusCode, 401);
      assert.equal(code(res), 'AUTH_SESSION_EXPIRED');
      // The dead session stays dead even if used again right away.
      assert.equal(code(await me(cookie)), 'AUTH_SESSION_EXPIRED');
    });

    test('29 minutes idle twice → still valid (activity refreshes the idle timer)', async () => {
      const cookie = await fresh('street2');
      advance(29 * MIN);
      assert.equal((await me(cookie)).statusCode, 200);
      advance(29 * MIN);
      assert.equal((await me(cookie)).statusCode, 200);
      advance(29 * MIN);
      assert.equal((await me(cookie)).statusCode, 200);
    });

    test('absolute lifetime 12 h: an active session still expires', async () => {
      const cookie = await fresh('community1');
      const row = await sessionRow(cookie);
      assert.equal(row.expiresMs - row.createdMs, 12 * 60 * MIN);
      for (let i = 0; i < 24; i++) {
        advance(29 * MIN);
        assert.equal((await me(cookie)).statusCode, 200, `after ${(i + 1) * 29} min`);
      }
      advance(23 * MIN); // 11 h 59 min
      assert.equal((await me(cookie)).statusCode, 200);
      advance(2 * MIN); // 12 h 01 min
      const res = await me(cookie);
      assert.equal(res.statusCode, 401);
      assert.equal(code(res), 'AUTH_SESSION_EXPIRED');
    });

    test('logout revokes the session: the old cookie gets 401', async () => {
      const cookie = await fresh('branch2');
      assert.equal((await me(cookie)).statusCode, 200);
      const out = await s.request({ method: 'POST', url: '/api/auth/logout', cookie });
      assert.equal(out.statusCode, 200);
      assert.match(String(out.headers['set-cookie']), /xf_session=;/);
      assert.equal((await sessionRow(cookie)).revoked, true);
      const res = await me(cookie);
      assert.equal(res.statusCode, 401);
      assert.equal(code(res), 'AUTH_SESSION_EXPIRED');
      // Other sessions of the same account are untouched.
      const other = await fresh('branch2');
      assert.equal((await me(other)).statusCode, 200);
    });

    test('last_seen_at is written at most once a minute', async () => {
      const cookie = await fresh('branch1');
      const t0 = (await sessionRow(cookie)).lastSeenMs;
      for (let i = 0; i < 3; i++) {
        advance(15_000);
        assert.equal((await me(cookie)).statusCode, 200);
        assert.equal((await sessionRow(cookie)).lastSeenMs, t0, `request ${i + 1} within the first minute`);
      }
      advance(20_000); // 65 s since login
      const before = s.platform.clock.now().getTime();
      assert.equal((await me(cookie)).statusCode, 200);
      const t1 = (await sessionRow(cookie)).lastSeenMs;
      assert.ok(t1 >= before && t1 - t0 >= 65_000, `touched: ${t1 - t0} ms later`);
      advance(30_000);
      assert.equal((await me(cookie)).statusCode, 200);
      assert.equal((await sessionRow(cookie)).lastSeenMs, t1, 'not again within a minute');
    });
  });
}
