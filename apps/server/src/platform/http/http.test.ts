import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { engines, openTestServer, type Engine, type TestServer } from '../../test-support/harness.ts';
import { findInTree } from '../../test-support/assertions.ts';

interface Node {
  id: string;
  name: string;
  children: Node[];
}

const STACK = /\n\s+at |\bat [\w.<>]+ \(.*:\d+:\d+\)|\bat (file|node):/;
const SQL = /\b(select|insert|update|delete)\b[^"]*\b(from|into|set|where)\b|\bsyntax error at\b|\brelation "|\bviolates\b/i;

/** Every answer: never a 5xx, a stack frame or SQL text (ARCHITECTURE §8). */
function assertSafe(res: LightMyRequestResponse, what: string) {
  assert.ok(res.statusCode < 500, `${what}: ${res.statusCode} ${res.body}`);
  assert.doesNotMatch(res.body, STACK, `${what}: stack trace in body`);
  assert.doesNotMatch(res.body, SQL, `${what}: SQL text in body`);
}

/** An error answer has the one documented shape. */
function assertErrorShape(res: LightMyRequestResponse, what: string) {
  assert.match(String(res.headers['content-type']), /^application\/json/, what);
  const body = res.json();
  assert.deepEqual(Object.keys(body), ['error'], `${what}: ${res.body}`);
  assert.equal(typeof body.error.code, 'string', what);
  assert.match(body.error.code, /^[A-Z][A-Z0-9_]+$/, what);
  assert.equal(typeof body.error.message, 'string', what);
  for (const d of body.error.details ?? []) assert.equal(typeof d.path, 'string', what);
}

const byName = (nodes: Node[], name: string): Node => findInTree(nodes, name);

const servers = new Map<Engine, TestServer>();

before(async () => {
  for (const engine of engines) servers.set(engine, await openTestServer(engine));
});
after(async () => {
  for (const s of servers.values()) await s.stop();
});

for (const engine of engines) {
  describe(`HTTP platform (${engine})`, () => {
    const s = () => servers.get(engine)!;
    const raw = (opts: { method: string; url: string; payload?: string | Buffer; headers?: Record<string, string>; cookie?: string }) =>
      s().app.inject({ method: opts.method as 'GET', url: opts.url, headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.headers ?? {}) }, ...(opts.payload !== undefined ? { payload: opts.payload } : {}) });

    test('GET /api/health answers exactly {"status":"ok","database":…} without a session', async () => {
      const res = await s().request({ method: 'GET', url: '/api/health' });
      assert.equal(res.statusCode, 200);
      assert.equal(res.body, `{"status":"ok","database":"${engine}"}`);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      s().setReady(false);
      try {
        const starting = await s().request({ method: 'GET', url: '/api/health' });
        assert.equal(starting.statusCode, 503);
        assert.deepEqual(starting.json(), { status: 'starting', database: engine });
      } finally {
        s().setReady(true);
      }
      // A stale session cookie does not break the public health check.
      assert.equal((await s().request({ method: 'GET', url: '/api/health', cookie: 'xf_session=stale' })).statusCode, 200);
    });

    test('GET /api/docs/json is an OpenAPI document listing the API', async () => {
      const res = await s().request({ method: 'GET', url: '/api/docs/json' });
      assert.equal(res.statusCode, 200, res.body);
      const doc = res.json();
      assert.match(doc.openapi, /^3\./);
      assert.equal(typeof doc.info.title, 'string');
      for (const p of ['/api/members', '/api/orgs/tree', '/api/orgs/{id}', '/api/orgs/{id}/settings', '/api/grants', '/api/health']) assert.ok(doc.paths[p], `missing ${p}`);
      assert.ok(doc.paths['/api/members'].get && doc.paths['/api/members'].post);
      assert.equal(typeof doc.paths['/api/orgs/tree'].get.summary, 'string');
      assert.ok(doc.paths['/api/members'].get.parameters.some((p: { name: string }) => p.name === 'pageSize'));
    });

    test('an unknown route answers 404 ROUTE_NOT_FOUND as JSON', async () => {
      for (const [method, url] of [
        ['GET', '/api/nope'],
        ['POST', '/api/health'],
        ['DELETE', '/api/orgs/tree'],
        ['GET', '/api/members/x/y/z'],
      ]) {
        const res = await s().request({ method: method!, url: url!, cookie: await s().login('district') });
        assert.equal(res.statusCode, 404, `${method} ${url}`);
        assertErrorShape(res, url!);
        assert.equal(res.json().error.code, 'ROUTE_NOT_FOUND');
      }
    });

    test('malformed JSON → 400 MALFORMED_JSON; wrong content-type → 400; a 2 MB body → 400', async () => {
      const cookie = await s().login('district');
      for (const payload of ['{"username":', '{username: "a"}', "{'a':1}", '[1,2', '']) {
        const res = await raw({ method: 'POST', url: '/api/auth/login', payload, headers: { 'content-type': 'application/json' } });
        assert.equal(res.statusCode, 400, `${JSON.stringify(payload)} → ${res.body}`);
        assertErrorShape(res, payload);
        assert.equal(res.json().error.code, 'MALFORMED_JSON', payload);
      }
      const orgs = await raw({ method: 'POST', url: '/api/orgs', payload: '{"parentId": nope}', cookie, headers: { 'content-type': 'application/json' } });
      assert.equal(orgs.statusCode, 400);
      assert.equal(orgs.json().error.code, 'MALFORMED_JSON');

      for (const type of ['application/xml', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png']) {
        const res = await raw({ method: 'POST', url: '/api/auth/login', payload: 'username=district&password=Demo%402026', headers: { 'content-type': type } });
        assert.equal(res.statusCode, 400, `${type} → ${res.statusCode} ${res.body}`);
        assertErrorShape(res, type);
        assert.equal(res.headers['set-cookie'], undefined, `${type} must not log in`);
      }

      const big = JSON.stringify({ username: 'district', password: 'x'.repeat(2 * 1024 * 1024) });
      for (const url of ['/api/auth/login', '/api/orgs', '/api/members']) {
        const res = await raw({ method: 'POST', url, payload: big, cookie, headers: { 'content-type': 'application/json' } });
        assert.equal(res.statusCode, 400, `${url} → ${res.statusCode}`);
        assertErrorShape(res, url);
        assert.equal(res.json().error.code, 'PAYLOAD_TOO_LARGE');
      }
    });

    test('hostile input never answers 5xx, a stack trace or SQL text, and writes nothing', async () => {
      const cookie = await s().login('district');
      const tree = (await s().request({ method: 'GET', url: '/api/orgs/tree', cookie })).json() as Node[];
      const root = tree[0]!;
      const branch = byName(tree, '春晖社区第一网格党支部');
      const member = (await s().request({ method: 'GET', url: `/api/members?orgId=${branch.id}&pageSize=1`, cookie })).json().items[0];
      const dirBefore = (await s().request({ method: 'GET', url: '/api/orgs/directory?pageSize=1', cookie })).json().total;
      const membersBefore = (await s().request({ method: 'GET', url: '/api/members?pageSize=1', cookie })).json().total;
      const nul = '\u0000';
      const cases: Array<{ method: string; url: string; body?: unknown; payload?: string }> = [
        // NUL bytes reach PostgreSQL text columns and parameters.
        { method: 'GET', url: '/api/members?q=%00abc' },
        { method: 'GET', url: '/api/members?q=ab%00' },
        { method: 'GET', url: '/api/members?education=%00' },
        { method: 'GET', url: '/api/orgs/directory?q=%00' },
        { method: 'POST', url: '/api/orgs', body: { parentId: branch.id, name: `小组${nul}名称`, kind: 'group', domain: 'community' } },
        { method: 'PATCH', url: `/api/orgs/${branch.id}`, body: { name: `支部${nul}改名` } },
        { method: 'PATCH', url: `/api/members/${member.id}`, body: { occupation: `职业${nul}` } },
        { method: 'POST', url: `/api/members/${member.id}/discipline`, body: { kind: 'warning', decidedOn: '2026-10-01', reason: `事由${nul}事由` } },
        { method: 'POST', url: '/api/auth/login', body: { username: `district${nul}`, password: 'Demo@2026' } },
        { method: 'PUT', url: `/api/orgs/${root.id}/settings/org.branchMaxMembers${encodeURIComponent(nul)}`, body: { value: 45 } },
        // Keys that exist on every object.
        { method: 'PUT', url: `/api/orgs/${root.id}/settings/toString`, body: { value: 45 } },
        { method: 'PUT', url: `/api/orgs/${root.id}/settings/__proto__`, body: { value: 45 } },
        { method: 'PUT', url: `/api/orgs/${root.id}/settings/constructor`, body: { value: 45 } },
        { method: 'POST', url: '/api/auth/login', payload: '{"username":"district","password":"Demo@2026","__proto__":{"admin":true}}' },
        { method: 'POST', url: '/api/orgs', payload: `{"parentId":"${root.id}","name":"原型链","kind":"committee","domain":"community","constructor":{"prototype":{"x":1}}}` },
        // Router-level refusals.
        { method: 'GET', url: `/api/orgs/${'a'.repeat(150)}` },
        { method: 'GET', url: '/api/orgs/%E0%A4%A' },
        { method: 'GET', url: '/api/members/%' },
        // Numbers and shapes.
        { method: 'GET', url: '/api/members?page=1e308' },
        { method: 'GET', url: '/api/members?page=9007199254740993' },
        { method: 'GET', url: '/api/members?page=99999999999&pageSize=100' },
        { method: 'GET', url: '/api/members?pageSize=1&pageSize=2' },
        { method: 'GET', url: '/api/members?status[]=full&category[x]=y' },
        { method: 'GET', url: `/api/orgs/${root.id}/warnings?page=NaN` },
        { method: 'GET', url: '/api/orgs/tree?depth=Infinity' },
        { method: 'PUT', url: `/api/orgs/${root.id}/settings/org.branchMaxMembers`, body: { value: Number.MAX_VALUE } },
        { method: 'PUT', url: `/api/orgs/${root.id}/settings/org.branchMaxMembers`, payload: '{"value": 1e400}' },
        { method: 'PUT', url: `/api/orgs/${branch.id}/leadership`, body: { termStart: '2026-11-01', leaders: Array.from({ length: 500 }, () => ({ position: 'secretary', memberId: member.id })) } },
        { method: 'POST', url: '/api/orgs', payload: '['.repeat(5000) + ']'.repeat(5000) },
        { method: 'POST', url: '/api/orgs', body: { parentId: root.id, name: '名'.repeat(10_000), kind: 'committee', domain: 'community' } },
        { method: 'POST', url: '/api/grants', body: { accountId: null, role: ['org_admin'], orgId: 42 } },
        // Injection-looking text is just text.
        { method: 'GET', url: `/api/members?q=${encodeURIComponent("'; DROP TABLE member; --")}` },
        { method: 'GET', url: `/api/orgs/directory?q=${encodeURIComponent('%_\\')}` },
        { method: 'GET', url: `/api/audit/events?action=${encodeURIComponent("' OR 1=1 --")}` },
        { method: 'GET', url: '/api/audit/events?from=yesterday' },
      ];
      for (const c of cases) {
        const res = c.payload !== undefined ? await raw({ method: c.method, url: c.url, payload: c.payload, cookie, headers: { 'content-type': 'application/json' } }) : await s().request({ method: c.method, url: c.url, body: c.body, cookie });
        const what = `${c.method} ${c.url.slice(0, 80)}`;
        assertSafe(res, what);
        if (res.statusCode >= 400) assertErrorShape(res, what);
      }
      // The NUL cases are refused as bad input, not accepted.
      for (const c of cases.slice(0, 10)) {
        const res = await s().request({ method: c.method, url: c.url, body: c.body, cookie });
        assert.ok(res.statusCode >= 400 || c.method === 'GET', `${c.method} ${c.url}: ${res.statusCode}`);
      }
      assert.equal((await s().request({ method: 'GET', url: '/api/orgs/directory?pageSize=1', cookie })).json().total, dirBefore, 'no org written');
      assert.equal((await s().request({ method: 'GET', url: '/api/members?pageSize=1', cookie })).json().total, membersBefore, 'no member written');
      const file = (await s().request({ method: 'GET', url: `/api/members/${member.id}`, cookie })).json();
      assert.equal(file.occupation, member.occupation);
      assert.deepEqual(file.discipline.filter((d: { reason: string }) => d.reason.startsWith('事由')), []);
      assert.equal((await s().request({ method: 'GET', url: `/api/orgs/${branch.id}`, cookie })).json().name, branch.name);
    });

    test('security headers on every API answer, and Cache-Control no-store', async () => {
      const cookie = await s().login('district');
      const answers = [
        await s().request({ method: 'GET', url: '/api/health' }),
        await s().request({ method: 'GET', url: '/api/members?pageSize=1', cookie }),
        await s().request({ method: 'GET', url: '/api/members' }),
        await s().request({ method: 'GET', url: '/api/members?pageSize=0', cookie }),
        await s().request({ method: 'GET', url: '/api/nope' }),
        await s().request({ method: 'GET', url: '/api/orgs/00000000-0000-4000-8000-000000000000', cookie }),
        await raw({ method: 'POST', url: '/api/auth/login', payload: '{', headers: { 'content-type': 'application/json' } }),
      ];
      for (const res of answers) {
        const what = `${res.statusCode} ${res.body.slice(0, 60)}`;
        assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
        const csp = String(res.headers['content-security-policy'] ?? '');
        assert.match(csp, /default-src 'self'/, what);
        assert.ok(/frame-ancestors/.test(csp) || res.headers['x-frame-options'] !== undefined, `${what}: no framing protection`);
        assert.match(String(res.headers['cache-control']), /no-store/, what);
        assert.equal(res.headers['x-powered-by'], undefined, what);
      }
      // The session cookie is HttpOnly and SameSite=Lax (not Secure over plain HTTP).
      const login = await s().request({ method: 'POST', url: '/api/auth/login', body: { username: 'auditor', password: 'Demo@2026' } });
      const setCookie = String(login.headers['set-cookie']);
      assert.match(setCookie, /^xf_session=[^;]+;/);
      assert.match(setCookie, /HttpOnly/i);
      assert.match(setCookie, /SameSite=Lax/i);
      assert.doesNotMatch(setCookie, /Secure/i);
    });

    test('sessions: no cookie 401 AUTH_REQUIRED, unknown cookie 401, logged-out cookie 401', async () => {
      const none = await s().request({ method: 'GET', url: '/api/auth/me' });
      assert.equal(none.statusCode, 401);
      assert.equal(none.json().error.code, 'AUTH_REQUIRED');
      const stale = await s().request({ method: 'GET', url: '/api/auth/me', cookie: 'xf_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
      assert.equal(stale.statusCode, 401);
      assert.equal(stale.json().error.code, 'AUTH_SESSION_EXPIRED');
      const login = await s().request({ method: 'POST', url: '/api/auth/login', body: { username: 'member1', password: 'Demo@2026' } });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      assert.equal((await s().request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode, 200);
      assert.equal((await s().request({ method: 'POST', url: '/api/auth/logout', cookie })).statusCode, 200);
      const after = await s().request({ method: 'GET', url: '/api/auth/me', cookie });
      assert.equal(after.statusCode, 401);
      assertErrorShape(after, 'after logout');
      const bad = await s().request({ method: 'POST', url: '/api/auth/login', body: { username: 'member1', password: 'wrong' } });
      assert.equal(bad.statusCode, 401);
      assert.equal(bad.json().error.code, 'AUTH_INVALID_CREDENTIALS');
      assertErrorShape(await s().request({ method: 'POST', url: '/api/auth/login', body: { username: '', password: '' } }), 'empty login');
    });
  });
}

/** Same seed on both engines: only uuids and instants differ by design. Uuids are numbered by first appearance, so references must line up too. */
function normalise(body: string): string {
  const ids = new Map<string, string>();
  return body
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (u) => {
      if (!ids.has(u)) ids.set(u, `<id${ids.size + 1}>`);
      return ids.get(u)!;
    })
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, '<instant>');
}

describe('engine parity', () => {
  test('the same requests answer the same JSON on PGlite and PostgreSQL', { skip: engines.length < 2 ? 'PostgreSQL not available' : false }, async () => {
    const transcripts = new Map<Engine, string[]>();
    for (const engine of engines) {
      const s = servers.get(engine)!;
      const cookie = await s.login('district');
      const get = async (url: string, who = cookie) => {
        const res = await s.request({ method: 'GET', url, cookie: who });
        return `${url.replace(/[0-9a-f-]{36}/g, ':id')} ${res.statusCode} ${res.body}`;
      };
      const out: string[] = [];
      const treeRes = await s.request({ method: 'GET', url: '/api/orgs/tree', cookie });
      out.push(`tree ${treeRes.statusCode} ${treeRes.body}`);
      const tree = treeRes.json() as Node[];
      const branch1 = byName(tree, '春晖社区第一网格党支部');
      out.push(await get(`/api/orgs/${branch1.id}`));
      out.push(await get(`/api/orgs/${tree[0]!.id}`));
      const page1 = await s.request({ method: 'GET', url: '/api/members?page=1', cookie });
      out.push(`members page 1 ${page1.statusCode} ${page1.body}`);
      const first = page1.json().items[0].id;
      out.push(await get(`/api/members/${first}`));
      out.push(await get(`/api/members?orgId=${branch1.id}&pageSize=100`));
      out.push(await get(`/api/orgs/${tree[0]!.id}/warnings?pageSize=100`));
      out.push(await get(`/api/orgs/directory?q=${encodeURIComponent('春晖')}&pageSize=100`));
      out.push(await get(`/api/orgs/${branch1.id}/settings`));
      out.push(await get(`/api/orgs/${branch1.id}/grids`));
      out.push(await get(`/api/orgs/tree?rootId=${branch1.id}&depth=0`));
      out.push(await get('/api/members?pageSize=0'));
      out.push(await get('/api/orgs/00000000-0000-4000-8000-000000000000'));
      out.push(await get('/api/auth/me', await s.login('community1')));

      // Counts are JSON numbers on every engine (int8/numeric parsed, never strings).
      const view = (await s.request({ method: 'GET', url: `/api/orgs/${branch1.id}`, cookie })).json();
      for (const [k, v] of Object.entries(view.counts)) assert.equal(typeof v, 'number', `${engine} counts.${k}`);
      assert.equal(typeof page1.json().total, 'number', `${engine} total`);
      transcripts.set(engine, out.map(normalise));
    }
    const [a, b] = [transcripts.get('pglite')!, transcripts.get('postgres')!];
    assert.equal(a.length, b.length);
    for (let i = 0; i < a.length; i++) assert.equal(b[i], a[i], `response ${i + 1} differs between engines`);
  });
});
