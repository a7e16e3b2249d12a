import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { rows } from '../../platform/db/db.ts';
import { assertSafe, assertError, findInTree } from '../../test-support/assertions.ts';

interface Node {
  id: string;
  name: string;
  children: Node[];
}
interface AccountJson {
  id: string;
  username: string;
  kind: string;
  displayName: string | null;
  disabled: boolean;
  locked: boolean;
  memberId: string | null;
  grants: { id: string; role: string; orgId: string; orgName: string }[];
  temporaryPassword?: string;
}

const MISSING = '00000000-0000-4000-8000-000000000000';
const HASH = /\$argon2|passwordHash|password_hash/i;

for (const engine of engines) {
  void describe(`accounts admin API (${engine})`, () => {
    let s: TestServer;
    let third: Node; // inside community1
    let chaoyangBranch: Node; // street1, outside community1
    let street2: Node;
    const passwords: string[] = [];

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, body, ...(user ? { cookie: await s.login(user) } : {}) });
      assertSafe(res);
      assert.doesNotMatch(res.body, HASH, 'no password hash in a response');
      return res;
    };
    const list = async (user: string, query = '') => {
      const res = await call(user, 'GET', `/api/accounts?pageSize=100${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { items: AccountJson[]; total: number; page: number; pageSize: number };
    };
    const idOf = async (username: string) => (await list('secadmin', `&q=${username}`)).items.find((a) => a.username === username)!.id;
    const loginRaw = (username: string, password: string) => s.request({ method: 'POST', url: '/api/auth/login', body: { username, password } });
    const create = (user: string, body: Record<string, unknown>) => call(user, 'POST', '/api/accounts', body);

    before(async () => {
      s = await openTestServer(engine);
      const tree = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('district') })).json() as Node[];
      third = findInTree(tree, '春晖社区第三网格党支部');
      chaoyangBranch = findInTree(tree, '朝阳社区第一网格党支部');
      street2 = findInTree(tree, '中共明德区西城街道党工委');
    });
    after(() => s.stop());

    test('GET /api/accounts: community1 sees only its community; secadmin sees all; no hashes', async () => {
      const mine = await list('community1');
      const names = mine.items.map((a) => a.username);
      for (const u of ['branch1', 'recorder1', 'member1', 'community1']) assert.ok(names.includes(u), `${u} in ${names.join(',')}`);
      for (const u of ['street2', 'community2', 'branch2', 'district', 'secadmin', 'auditor', 'street1']) assert.ok(!names.includes(u), `${u} not visible to community1`);
      assert.equal(mine.total, mine.items.length);
      const all = await list('secadmin');
      for (const u of ['admin', 'secadmin', 'auditor', 'district', 'street1', 'street2', 'community2', 'branch2', 'member1']) assert.ok(all.items.some((a) => a.username === u), u);
      const b1 = all.items.find((a) => a.username === 'branch1')!;
      assert.deepEqual(Object.keys(b1).sort(), ['disabled', 'displayName', 'grants', 'id', 'kind', 'locked', 'memberId', 'username']);
      assert.ok(b1.grants.some((g) => g.role === 'secretary' && g.orgName.includes('第一网格')));
      // search and paging
      const found = await list('secadmin', '&q=street');
      assert.deepEqual(found.items.map((a) => a.username).sort(), ['street1', 'street2']);
      const page = (await call('secadmin', 'GET', '/api/accounts?page=2&pageSize=2')).json();
      assert.equal(page.page, 2);
      assert.equal(page.items.length, 2);
    });

    test('GET /api/accounts: bad input 400, no permission 403, anonymous 401', async () => {
      assertError(await call('secadmin', 'GET', '/api/accounts?pageSize=500'), 400, 'VALIDATION_FAILED');
      assert.equal((await call('member1', 'GET', '/api/accounts')).statusCode, 403);
      assert.equal((await call('auditor', 'GET', '/api/accounts')).statusCode, 403);
      assert.equal((await call(null, 'GET', '/api/accounts')).statusCode, 401);
    });

    test('GET /api/accounts/:id: in scope 200, out of scope 404, bad id 400', async () => {
      const b1 = await idOf('branch1');
      const res = await call('community1', 'GET', `/api/accounts/${b1}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().username, 'branch1');
      assertError(await call('community1', 'GET', `/api/accounts/${await idOf('branch2')}`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'GET', `/api/accounts/${MISSING}`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'GET', '/api/accounts/not-a-uuid'), 400, 'VALIDATION_FAILED');
    });

    test('POST /api/accounts: 201 with a temporary password that logs in; grant rules apply', async () => {
      const res = await create('community1', { username: 'newsec3', kind: 'staff', displayName: '第三网格书记', orgId: third.id, role: 'secretary' });
      assert.equal(res.statusCode, 201, res.body);
      const a = res.json() as AccountJson;
      assert.equal(a.username, 'newsec3');
      assert.deepEqual(
        a.grants.map((g) => [g.role, g.orgId]),
        [['secretary', third.id]],
      );
      assert.ok(a.temporaryPassword && a.temporaryPassword.length >= 12);
      assert.match(a.temporaryPassword, /[A-Z]/);
      assert.match(a.temporaryPassword, /[a-z]/);
      assert.match(a.temporaryPassword, /\d/);
      passwords.push(a.temporaryPassword);
      const login = await loginRaw('newsec3', a.temporaryPassword);
      assert.equal(login.statusCode, 200, login.body);
      assert.ok((await list('community1')).items.some((x) => x.username === 'newsec3'));
      assert.ok(!(await list('community2')).items.some((x) => x.username === 'newsec3'));

      // a member account linked to a member file in scope
      const members = (await call('community1', 'GET', `/api/members?orgId=${third.id}&pageSize=5`)).json() as { items: { id: string }[] };
      const m = await create('community1', { username: 'mem3', kind: 'member', displayName: '党员', memberId: members.items[0]!.id, orgId: third.id, role: 'member' });
      assert.equal(m.statusCode, 201, m.body);
      assert.equal(m.json().memberId, members.items[0]!.id);
      passwords.push(m.json().temporaryPassword);
      // the same member again: already linked
      assertError(await create('community1', { username: 'mem3b', kind: 'member', displayName: '党员', memberId: members.items[0]!.id, orgId: third.id, role: 'member' }), 422, 'ACCOUNT_MEMBER_LINKED', 'memberId');
    });

    test('POST /api/accounts: bad input, taken username, rule refusals, out of scope — nothing created', async () => {
      const base = { username: 'x_new', kind: 'staff', displayName: '新账号', orgId: third.id, role: 'secretary' };
      assertError(await create('community1', { ...base, username: 'a' }), 400, 'VALIDATION_FAILED');
      assertError(await create('community1', { ...base, role: 'king' }), 400, 'VALIDATION_FAILED');
      assertError(await create('community1', { ...base, orgId: 'nope' }), 400, 'VALIDATION_FAILED');
      assertError(await create('community1', { ...base, username: 'branch1' }), 422, 'ACCOUNT_USERNAME_TAKEN', 'username');
      // out of subtree (another street) → 404
      assertError(await create('community1', { ...base, orgId: street2.id }), 404, 'GRANT_OUT_OF_SUBTREE', 'orgId');
      assertError(await create('community1', { ...base, orgId: chaoyangBranch.id }), 404, 'GRANT_OUT_OF_SUBTREE', 'orgId');
      // 三员 reserved to the 安全管理员; a permission not held
      assertError(await create('community1', { ...base, role: 'audit_admin' }), 422, 'GRANT_SEPARATED_ROLE_RESERVED', 'role');
      assertError(await create('community1', { ...base, role: 'pii_officer' }), 422, 'GRANT_NOT_HELD', 'role');
      // a member outside the caller's member.read scope → 404
      const outside = (await call('district', 'GET', `/api/members?orgId=${chaoyangBranch.id}&pageSize=1`)).json() as { items: { id: string }[] };
      assertError(await create('community1', { ...base, kind: 'member', role: 'member', memberId: outside.items[0]!.id }), 404, 'NOT_FOUND', 'memberId');
      // one transaction: a refused grant leaves no account behind
      assert.equal((await list('secadmin', '&q=x_new')).total, 0);
      assert.equal((await loginRaw('x_new', 'Whatever#2026x')).statusCode, 401);
      // no permission at all
      assert.equal((await create('branch1', base)).statusCode, 403);
      // the 安全管理员 creates a 三员 account
      const aud = await create('secadmin', { username: 'auditor2', kind: 'staff', displayName: '审计管理员二', orgId: (await list('secadmin', '&q=auditor')).items[0]!.grants[0]!.orgId, role: 'audit_admin' });
      assert.equal(aud.statusCode, 201, aud.body);
      passwords.push(aud.json().temporaryPassword);
    });

    test('POST /api/accounts/:id/reset-password: old password fails, new one works; scope and self', async () => {
      const id = await idOf('newsec3');
      const res = await call('community1', 'POST', `/api/accounts/${id}/reset-password`);
      assert.equal(res.statusCode, 200, res.body);
      const pw = res.json().temporaryPassword as string;
      assert.ok(pw.length >= 12);
      assert.notEqual(pw, passwords[0]);
      passwords.push(pw);
      assertError(await loginRaw('newsec3', passwords[0]!), 401, 'AUTH_INVALID_CREDENTIALS');
      assert.equal((await loginRaw('newsec3', pw)).statusCode, 200);

      assertError(await call('community1', 'POST', `/api/accounts/${await idOf('branch2')}/reset-password`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'POST', `/api/accounts/${MISSING}/reset-password`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'POST', '/api/accounts/bad/reset-password'), 400, 'VALIDATION_FAILED');
      assertError(await call('community1', 'POST', `/api/accounts/${await idOf('community1')}/reset-password`), 422, 'ACCOUNT_SELF');
      // a 三员 account: only the 安全管理员
      assertError(await call('district', 'POST', `/api/accounts/${await idOf('auditor2')}/reset-password`), 422, 'ACCOUNT_SEPARATED_RESERVED');
      // an account that also holds a grant beyond the caller's scope
      const wide = await create('district', { username: 'wide1', kind: 'staff', displayName: '跨社区', orgId: chaoyangBranch.id, role: 'secretary' });
      assert.equal(wide.statusCode, 201, wide.body);
      passwords.push(wide.json().temporaryPassword);
      assert.equal((await call('district', 'POST', '/api/grants', { accountId: wide.json().id, role: 'secretary', orgId: third.id })).statusCode, 201);
      assertError(await call('community1', 'POST', `/api/accounts/${wide.json().id}/reset-password`), 422, 'ACCOUNT_BEYOND_SCOPE');
    });

    test('POST /api/accounts/:id/lock and /unlock: sessions end, login refused, unlock restores', async () => {
      const id = await idOf('newsec3');
      const cookie = await s.login('newsec3', passwords[3]!);
      assert.equal((await s.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode, 200);
      const res = await call('community1', 'POST', `/api/accounts/${id}/lock`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().disabled, true);
      assert.equal((await s.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode, 401);
      assertError(await loginRaw('newsec3', passwords[3]!), 401, 'AUTH_DISABLED');

      assertError(await call('community2', 'POST', `/api/accounts/${id}/unlock`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'POST', `/api/accounts/${MISSING}/lock`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'POST', '/api/accounts/x/lock'), 400, 'VALIDATION_FAILED');
      assertError(await call('community1', 'POST', `/api/accounts/${await idOf('community1')}/lock`), 422, 'ACCOUNT_SELF');
      assertError(await call('district', 'POST', `/api/accounts/${await idOf('secadmin')}/lock`), 422, 'ACCOUNT_SEPARATED_RESERVED');
      assert.equal((await call('branch1', 'POST', `/api/accounts/${id}/lock`)).statusCode, 403);

      const un = await call('community1', 'POST', `/api/accounts/${id}/unlock`);
      assert.equal(un.statusCode, 200, un.body);
      assert.equal(un.json().disabled, false);
      assert.equal((await loginRaw('newsec3', passwords[3]!)).statusCode, 200);
    });

    test('every action is audited, without any password or hash', async () => {
      await s.flushAudit();
      const audit = await rows<{ action: string; details: unknown }>(
        s.platform.database.db,
        sql`SELECT action, details FROM audit_event WHERE action IN ('account.create', 'account.grant', 'account.password.reset', 'account.lock', 'account.unlock')`,
      );
      const actions = new Set(audit.map((a) => a.action));
      for (const a of ['account.create', 'account.grant', 'account.password.reset', 'account.lock', 'account.unlock']) assert.ok(actions.has(a), a);
      const all = JSON.stringify(await rows(s.platform.database.db, sql`SELECT * FROM audit_event`));
      for (const pw of passwords) assert.ok(!all.includes(pw), 'temporary password in audit');
      assert.doesNotMatch(all, /\$argon2/);
    });
  });
}
