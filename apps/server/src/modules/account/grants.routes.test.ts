import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { systemCtx } from '../../platform/context.ts';
import { createAccount } from './account.service.ts';
import { assertSafe, assertError, findInTree } from '../../test-support/assertions.ts';

interface Node {
  id: string;
  name: string;
  children: Node[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = '00000000-0000-4000-8000-000000000000';
const PASSWORD = 'Grant#Test2026';

const byName = (nodes: Node[], name: string): Node => findInTree(nodes, name);

for (const engine of engines) {
  describe(`grants API (${engine})`, () => {
    let s: TestServer;
    let root: Node;
    let street1: Node;
    let third: Node; // 春晖社区第三网格党支部, inside community1
    let branch1: Node;
    let chaoyangBranch: Node; // outside community1
    let grantee: { id: string; username: string };
    let grantee2: { id: string; username: string };
    let grantId: string;

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, body, ...(user ? { cookie: await s.login(user) } : {}) });
      assertSafe(res);
      return res;
    };
    const grant = (user: string, body: unknown) => call(user, 'POST', '/api/grants', body);
    const meOf = async (username: string) => {
      const cookie = await s.login(username, username.startsWith('grantee') ? PASSWORD : undefined);
      const res = await s.request({ method: 'GET', url: '/api/auth/me', cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { accountId: string; grants: { role: string; orgId: string }[]; roles: string[]; permissions: string[] };
    };
    const grantsOf = async (username: string) => (await meOf(username)).grants;

    before(async () => {
      s = await openTestServer(engine);
      const tree = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('district') })).json() as Node[];
      root = tree[0]!;
      street1 = byName(tree, '中共明德区东城街道党工委');
      third = byName(tree, '春晖社区第三网格党支部');
      branch1 = byName(tree, '春晖社区第一网格党支部');
      chaoyangBranch = byName(tree, '朝阳社区第一网格党支部');
      // There is no account-creation endpoint yet: create the accounts through the service.
      const ctx = systemCtx(s.platform);
      grantee = { ...(await createAccount(ctx, { username: 'grantee1', kind: 'staff', password: PASSWORD, displayName: '新任书记' })), username: 'grantee1' };
      grantee2 = { ...(await createAccount(ctx, { username: 'grantee2', kind: 'staff', password: PASSWORD, displayName: '新任审计' })), username: 'grantee2' };
    });
    after(() => s.stop());

    test('POST /api/grants: community1 grants secretary inside its community → 201, visible in /api/auth/me', async () => {
      assert.deepEqual(await grantsOf('grantee1'), []);
      const res = await grant('community1', { accountId: grantee.id, role: 'secretary', orgId: third.id });
      assert.equal(res.statusCode, 201, res.body);
      const g = res.json();
      assert.match(g.id, UUID);
      assert.deepEqual({ accountId: g.accountId, role: g.role, orgId: g.orgId }, { accountId: grantee.id, role: 'secretary', orgId: third.id });
      assert.match(g.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
      grantId = g.id;

      const me = await meOf('grantee1');
      assert.deepEqual(me.grants, [{ role: 'secretary', orgId: third.id }]);
      assert.deepEqual(me.roles, ['secretary']);
      assert.ok(me.permissions.includes('member.read') && !me.permissions.includes('account.grant'));
      // The grant covers that branch's subtree and nothing else.
      const cookie = await s.login('grantee1', PASSWORD);
      assert.equal((await s.request({ method: 'GET', url: `/api/orgs/${third.id}`, cookie })).statusCode, 200);
      assert.equal((await s.request({ method: 'GET', url: `/api/orgs/${branch1.id}`, cookie })).statusCode, 404);

      // Granting the same role again is idempotent: the same grant.
      const again = await grant('community1', { accountId: grantee.id, role: 'secretary', orgId: third.id });
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.json().id, grantId);
      assert.deepEqual(await grantsOf('grantee1'), [{ role: 'secretary', orgId: third.id }]);

      const ev = (await call('auditor', 'GET', `/api/audit/events?action=account.grant&targetId=${grantee.id}`)).json().items;
      assert.ok(ev.length >= 1);
      assert.equal(ev[0].actorUsername, 'community1');
      assert.deepEqual(ev[0].details, { role: 'secretary', orgId: third.id });
    });

    test('POST /api/grants: outside the subtree → 404 GRANT_OUT_OF_SUBTREE', async () => {
      assertError(await grant('community1', { accountId: grantee.id, role: 'secretary', orgId: chaoyangBranch.id }), 404, 'GRANT_OUT_OF_SUBTREE', 'orgId');
      assertError(await grant('community1', { accountId: grantee.id, role: 'secretary', orgId: street1.id }), 404, 'GRANT_OUT_OF_SUBTREE', 'orgId');
      assertError(await grant('community1', { accountId: grantee.id, role: 'secretary', orgId: MISSING }), 404, 'GRANT_OUT_OF_SUBTREE', 'orgId');
      assertError(await grant('street2', { accountId: grantee.id, role: 'organiser', orgId: branch1.id }), 404, 'GRANT_OUT_OF_SUBTREE', 'orgId');
      assertError(await grant('community1', { accountId: MISSING, role: 'secretary', orgId: third.id }), 404, 'NOT_FOUND', 'accountId');
      assert.deepEqual(await grantsOf('grantee1'), [{ role: 'secretary', orgId: third.id }], 'nothing written');
    });

    test('POST /api/grants: never to oneself, only what one holds, 三员 only by the 安全管理员', async () => {
      const self = (await meOf('community1')).accountId;
      assertError(await grant('community1', { accountId: self, role: 'secretary', orgId: third.id }), 422, 'GRANT_SELF', 'accountId');
      assertError(await grant('community1', { accountId: grantee.id, role: 'pii_officer', orgId: third.id }), 422, 'GRANT_NOT_HELD', 'role');
      assertError(await grant('street1', { accountId: grantee.id, role: 'pii_officer', orgId: branch1.id }), 422, 'GRANT_NOT_HELD', 'role');
      for (const role of ['audit_admin', 'system_admin', 'security_admin']) {
        assertError(await grant('district', { accountId: grantee.id, role, orgId: root.id }), 422, 'GRANT_SEPARATED_ROLE_RESERVED', 'role');
      }
      assertError(await grant('community1', { accountId: grantee.id, role: 'audit_admin', orgId: third.id }), 422, 'GRANT_SEPARATED_ROLE_RESERVED', 'role');
      assert.deepEqual(await grantsOf('grantee1'), [{ role: 'secretary', orgId: third.id }], 'nothing written');
    });

    test('三员分立: secadmin may assign audit_admin, but never to an account holding another 三员 role', async () => {
      const admin = (await meOf('admin')).accountId;
      assertError(await grant('secadmin', { accountId: admin, role: 'audit_admin', orgId: root.id }), 422, 'GRANT_SEPARATION_OF_DUTIES', 'role');
      assert.deepEqual(await grantsOf('admin'), [{ role: 'system_admin', orgId: root.id }], 'admin unchanged');

      const ok = await grant('secadmin', { accountId: grantee2.id, role: 'audit_admin', orgId: root.id });
      assert.equal(ok.statusCode, 201, ok.body);
      assertError(await grant('secadmin', { accountId: grantee2.id, role: 'system_admin', orgId: root.id }), 422, 'GRANT_SEPARATION_OF_DUTIES', 'role');
      assert.deepEqual(await grantsOf('grantee2'), [{ role: 'audit_admin', orgId: root.id }]);
      // The 安全管理员 holds no business permissions to hand out.
      assertError(await grant('secadmin', { accountId: grantee2.id, role: 'secretary', orgId: root.id }), 422, 'GRANT_NOT_HELD', 'role');
    });

    test('POST /api/grants: bad body → 400 naming the fields; no permission → 403; anonymous → 401', async () => {
      const bad = await grant('community1', { accountId: 'someone', role: 'king', orgId: third.id });
      assertError(bad, 400, 'VALIDATION_FAILED', 'accountId');
      assert.ok(bad.json().error.details.some((d: { path: string }) => d.path === 'role'));
      assertError(await grant('community1', { accountId: grantee.id, role: 'secretary' }), 400, 'VALIDATION_FAILED', 'orgId');
      assertError(await grant('community1', {}), 400, 'VALIDATION_FAILED', 'accountId');
      assertError(await grant('community1', [grantee.id]), 400, 'VALIDATION_FAILED');
      assertError(await grant('community1', 'grant'), 400, 'VALIDATION_FAILED');
      assertError(await grant('branch1', { accountId: grantee.id, role: 'organiser', orgId: branch1.id }), 403, 'FORBIDDEN');
      assertError(await grant('member1', { accountId: grantee.id, role: 'member', orgId: branch1.id }), 403, 'FORBIDDEN');
      assertError(await grant('auditor', { accountId: grantee.id, role: 'member', orgId: branch1.id }), 403, 'FORBIDDEN');
      assertError(await call(null, 'POST', '/api/grants', { accountId: grantee.id, role: 'member', orgId: branch1.id }), 401, 'AUTH_REQUIRED');
      assert.deepEqual(await grantsOf('grantee1'), [{ role: 'secretary', orgId: third.id }], 'nothing written');
    });

    test('DELETE /api/grants/:id: out of scope 404, a role one does not hold 422, bad id 400', async () => {
      assertError(await call('community2', 'DELETE', `/api/grants/${grantId}`), 404, 'NOT_FOUND');
      assertError(await call('street2', 'DELETE', `/api/grants/${grantId}`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'DELETE', `/api/grants/${MISSING}`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'DELETE', '/api/grants/42'), 400, 'VALIDATION_FAILED', 'id');
      assertError(await call('branch1', 'DELETE', `/api/grants/${grantId}`), 403, 'FORBIDDEN');
      assertError(await call('member1', 'DELETE', `/api/grants/${grantId}`), 403, 'FORBIDDEN');
      // district hands out pii_officer; community1 holds no such permission, so it cannot take it back.
      const pii = await grant('district', { accountId: grantee.id, role: 'pii_officer', orgId: third.id });
      assert.equal(pii.statusCode, 201, pii.body);
      assertError(await call('community1', 'DELETE', `/api/grants/${pii.json().id}`), 422, 'GRANT_NOT_HELD');
      assert.equal((await call('district', 'DELETE', `/api/grants/${pii.json().id}`)).statusCode, 200);
      assert.deepEqual(await grantsOf('grantee1'), [{ role: 'secretary', orgId: third.id }]);
    });

    test('POST /api/grants at a dissolved org → 422 ORG_DISSOLVED (it could never take effect)', async () => {
      const community1 = await s.login('community1');
      const made = await s.request({ method: 'POST', url: '/api/orgs', cookie: community1, body: { parentId: third.id, name: '临时楼院党小组', kind: 'group', domain: 'community' } });
      assert.equal(made.statusCode, 201, made.body);
      const gone = await s.request({ method: 'POST', url: `/api/orgs/${made.json().id}/dissolve`, cookie: community1, body: { reason: '楼院拆迁', dissolvedOn: '2026-11-20' } });
      assert.equal(gone.statusCode, 200, gone.body);
      const res = await s.request({ method: 'POST', url: '/api/grants', cookie: community1, body: { accountId: grantee.id, role: 'member', orgId: made.json().id } });
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().error.code, 'ORG_DISSOLVED');
    });

    test('DELETE /api/grants/:id revokes: the account loses the role at once', async () => {
      const res = await call('community1', 'DELETE', `/api/grants/${grantId}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { ok: true });
      assert.deepEqual(await grantsOf('grantee1'), []);
      const cookie = await s.login('grantee1', PASSWORD);
      assert.equal((await s.request({ method: 'GET', url: `/api/orgs/${third.id}`, cookie })).statusCode, 403);
      assertError(await call('community1', 'DELETE', `/api/grants/${grantId}`), 404, 'NOT_FOUND');
      const ev = (await call('auditor', 'GET', `/api/audit/events?action=account.revoke&targetId=${grantee.id}`)).json().items;
      assert.equal(ev[0].actorUsername, 'community1');
      assert.equal(ev[0].details.role, 'secretary');
    });
  });
}
