import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settingKeys } from '@xianfeng/contracts/settings/settings.catalogue';
import type { EffectiveSetting } from '@xianfeng/contracts/settings/settings.schemas';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertSafe, assertError } from '../../test-support/assertions.ts';

interface Node {
  id: string;
  name: string;
  children: Node[];
}
type Effective = EffectiveSetting;

function byName(nodes: Node[], name: string): Node {
  for (const n of nodes) {
    if (n.name === name) return n;
    const inner = n.children.length ? byNameOrNull(n.children, name) : null;
    if (inner) return inner;
  }
  assert.fail(`org ${name} not in tree`);
}
function byNameOrNull(nodes: Node[], name: string): Node | null {
  try {
    return byName(nodes, name);
  } catch {
    return null;
  }
}

const KEY = 'org.branchMaxMembers';

for (const engine of engines) {
  describe(`settings API (${engine})`, () => {
    let s: TestServer;
    let root: Node;
    let street1: Node;
    let branch1: Node;
    let branch2: Node;
    let chaoyang: Node;
    let exactly45: Node; // 春晖社区第二网格党支部: 45 members in the demo district
    let fifty: Node; // 春晖社区第三网格党支部: 50 members
    let heping47: Node; // 和平社区第二网格党支部 (西城): 47 members

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, body, ...(user ? { cookie: await s.login(user) } : {}) });
      assertSafe(res);
      return res;
    };
    const settingsOf = async (user: string, orgId: string): Promise<Map<string, Effective>> => {
      const res = await call(user, 'GET', `/api/orgs/${orgId}/settings`);
      assert.equal(res.statusCode, 200, res.body);
      return new Map((res.json() as Effective[]).map((e) => [e.key, e]));
    };
    const put = (user: string, orgId: string, key: string, value: unknown) => call(user, 'PUT', `/api/orgs/${orgId}/settings/${key}`, { value });
    const tooMany = async (user: string, orgId: string) => {
      const v = (await call(user, 'GET', `/api/orgs/${orgId}`)).json();
      return v.warnings.filter((w: { code: string }) => w.code === 'BRANCH_TOO_MANY_MEMBERS') as { orgId: string; message: string }[];
    };
    const subtreeTooMany = async (user: string, orgId: string) => {
      const res = await call(user, 'GET', `/api/orgs/${orgId}/warnings?pageSize=100`);
      assert.equal(res.statusCode, 200, res.body);
      return new Set((res.json().items as { orgId: string; code: string }[]).filter((w) => w.code === 'BRANCH_TOO_MANY_MEMBERS').map((w) => w.orgId));
    };
    const settingsEvents = async () => {
      const res = await call('auditor', 'GET', '/api/audit/events?action=settings.set&pageSize=100');
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as { targetId: string; actorUsername: string; details: { key: string; before: unknown; after: unknown } }[]).reverse();
    };

    before(async () => {
      s = await openTestServer(engine);
      const tree = (await s.request({ method: 'GET', url: '/api/orgs/tree', cookie: await s.login('district') })).json() as Node[];
      root = tree[0]!;
      street1 = byName(tree, '中共明德区东城街道党工委');
      branch1 = byName(tree, '春晖社区第一网格党支部');
      branch2 = byName(tree, '和平社区第一网格党支部');
      chaoyang = byName(tree, '中共明德区东城街道朝阳社区委员会');
      exactly45 = byName(tree, '春晖社区第二网格党支部');
      fifty = byName(tree, '春晖社区第三网格党支部');
      heping47 = byName(tree, '和平社区第二网格党支部');
    });
    after(() => s.stop());

    test('GET /api/orgs/:id/settings: every key with its default and no source', async () => {
      const res = await call('community1', 'GET', `/api/orgs/${branch1.id}/settings`);
      assert.equal(res.statusCode, 200, res.body);
      const list = res.json() as Effective[];
      assert.deepEqual(
        list.map((e) => e.key),
        settingKeys,
      );
      for (const e of list) {
        assert.deepEqual(e.value, e.defaultValue, e.key);
        assert.equal(e.sourceOrgId, null);
        assert.equal(e.sourceOrgName, null);
        assert.equal(e.setHere, false);
        assert.ok(e.zh.length > 0);
      }
      const max = list.find((e) => e.key === KEY)!;
      assert.equal(max.value, 50);
      assert.equal(max.security, false);
      assert.equal(max.article, '支部工作条例 第四条');
      assert.equal(list.find((e) => e.key === 'auth.maxFailedLogins')!.security, true);
      // Secretaries read their branch's settings too.
      assert.equal((await call('branch1', 'GET', `/api/orgs/${branch1.id}/settings`)).statusCode, 200);
      assert.equal(await tooMany('street1', exactly45.id).then((w) => w.length), 0, 'default 50: 45 members is fine');
    });

    test('GET settings: out of scope 404, malformed id 400, no settings.read 403', async () => {
      assertError(await call('community1', 'GET', `/api/orgs/${chaoyang.id}/settings`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'GET', `/api/orgs/${street1.id}/settings`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', `/api/orgs/${branch2.id}/settings`), 404, 'NOT_FOUND');
      assertError(await call('community1', 'GET', '/api/orgs/abc/settings'), 400, 'VALIDATION_FAILED', 'id');
      assertError(await call('member1', 'GET', `/api/orgs/${branch1.id}/settings`), 403, 'FORBIDDEN');
      assertError(await call('auditor', 'GET', `/api/orgs/${root.id}/settings`), 403, 'FORBIDDEN');
      assertError(await call(null, 'GET', `/api/orgs/${root.id}/settings`), 401, 'AUTH_REQUIRED');
    });

    test('a value set on the 区委 is inherited below, with its source', async () => {
      const res = await put('district', root.id, KEY, 40);
      assert.equal(res.statusCode, 200, res.body);
      const here = (res.json() as Effective[]).find((e) => e.key === KEY)!;
      assert.deepEqual(
        { value: here.value, sourceOrgId: here.sourceOrgId, setHere: here.setHere },
        { value: 40, sourceOrgId: root.id, setHere: true },
      );
      const below = (await settingsOf('community1', branch1.id)).get(KEY)!;
      assert.deepEqual(
        { value: below.value, defaultValue: below.defaultValue, sourceOrgId: below.sourceOrgId, sourceOrgName: below.sourceOrgName, setHere: below.setHere },
        { value: 40, defaultValue: 50, sourceOrgId: root.id, sourceOrgName: '中共明德区委员会', setHere: false },
      );
      assert.equal((await settingsOf('community2', branch2.id)).get(KEY)!.value, 40);
    });

    test('the nearest ancestor wins: street1 overrides 45 for its subtree only', async () => {
      const res = await put('street1', street1.id, KEY, 45);
      assert.equal(res.statusCode, 200, res.body);
      const b1 = (await settingsOf('community1', branch1.id)).get(KEY)!;
      assert.deepEqual(
        { value: b1.value, sourceOrgId: b1.sourceOrgId, sourceOrgName: b1.sourceOrgName },
        { value: 45, sourceOrgId: street1.id, sourceOrgName: '中共明德区东城街道党工委' },
      );
      const b2 = (await settingsOf('community2', branch2.id)).get(KEY)!;
      assert.deepEqual({ value: b2.value, sourceOrgId: b2.sourceOrgId }, { value: 40, sourceOrgId: root.id });
      const top = (await settingsOf('district', root.id)).get(KEY)!;
      assert.deepEqual({ value: top.value, setHere: top.setHere }, { value: 40, setHere: true });
    });

    test('warnings use the effective threshold of each org (org view and subtree lists agree)', async () => {
      // Org views: each branch judged by its own effective value.
      assert.equal((await tooMany('street1', exactly45.id)).length, 0, '45 members, limit 45 (street1)');
      const over = await tooMany('street1', fifty.id);
      assert.equal(over.length, 1);
      assert.match(over[0]!.message, /超过 45 人/);
      const west = await tooMany('street2', heping47.id);
      assert.equal(west.length, 1, '47 members, limit 40 (区委)');
      assert.match(west[0]!.message, /超过 40 人/);

      const s1 = await subtreeTooMany('street1', street1.id);
      assert.ok(s1.has(fifty.id));
      assert.ok(!s1.has(exactly45.id));
      // The district overview must judge the same branches the same way (nearest ancestor wins).
      const all = await subtreeTooMany('district', root.id);
      assert.ok(all.has(fifty.id));
      assert.ok(all.has(heping47.id));
      assert.ok(!all.has(exactly45.id), 'the 区委 list judged a street1 branch by the 区委 value 40 instead of street1\'s 45');
    });

    test('value null clears the override; inheritance resumes', async () => {
      const res = await put('street1', street1.id, KEY, null);
      assert.equal(res.statusCode, 200, res.body);
      const mine = (res.json() as Effective[]).find((e) => e.key === KEY)!;
      assert.deepEqual({ value: mine.value, sourceOrgId: mine.sourceOrgId, setHere: mine.setHere }, { value: 40, sourceOrgId: root.id, setHere: false });
      const b1 = (await settingsOf('community1', branch1.id)).get(KEY)!;
      assert.deepEqual({ value: b1.value, sourceOrgId: b1.sourceOrgId }, { value: 40, sourceOrgId: root.id });
      assert.equal((await tooMany('street1', exactly45.id)).length, 1, 'back to 40: 45 members is too many');
      // Clearing what is not set is harmless.
      assert.equal((await put('street1', street1.id, KEY, null)).statusCode, 200);
    });

    test('every change writes settings.set with before and after', async () => {
      const events = await settingsEvents();
      assert.deepEqual(
        events.map((e) => [e.actorUsername, e.targetId, e.details.key, e.details.before, e.details.after]),
        [
          ['district', `${root.id}:${KEY}`, KEY, null, 40],
          ['street1', `${street1.id}:${KEY}`, KEY, null, 45],
          ['street1', `${street1.id}:${KEY}`, KEY, 45, null],
          ['street1', `${street1.id}:${KEY}`, KEY, null, null],
        ],
      );
    });

    test('invalid values → 400 SETTING_VALUE_INVALID, nothing written', async () => {
      const before = (await settingsEvents()).length;
      for (const value of [5000, 'abc', 5.5, true, { n: 45 }, [45], 9]) {
        const res = await put('district', root.id, KEY, value);
        assertError(res, 400, 'SETTING_VALUE_INVALID', 'value');
        assert.match(res.json().error.message, /党支部党员人数上限/, 'the message names the setting');
      }
      assertError(await call('district', 'PUT', `/api/orgs/${root.id}/settings/${KEY}`, {}), 400, 'VALIDATION_FAILED', 'value');
      assertError(await call('district', 'PUT', `/api/orgs/${root.id}/settings/${KEY}`, '45'), 400, 'VALIDATION_FAILED');
      assertError(await call('district', 'PUT', `/api/orgs/nope/settings/${KEY}`, { value: 45 }), 400, 'VALIDATION_FAILED', 'id');
      assertError(await call('district', 'PUT', `/api/orgs/${root.id}/settings/${'k'.repeat(101)}`, { value: 45 }), 400, 'VALIDATION_FAILED');
      assert.equal((await settingsOf('district', root.id)).get(KEY)!.value, 40);
      assert.equal((await settingsEvents()).length, before, 'no audit event for a refused change');
    });

    test('unknown keys → 404 SETTING_UNKNOWN_KEY, including names of Object.prototype members', async () => {
      for (const key of ['org.noSuchKey', 'toString', 'constructor', '__proto__', 'hasOwnProperty']) {
        assertError(await put('district', root.id, key, 45), 404, 'SETTING_UNKNOWN_KEY');
      }
    });

    test('security keys need security.settings.write: district and admin 403, secadmin 200, and it takes effect', async () => {
      assertError(await put('district', root.id, 'auth.maxFailedLogins', 3), 403, 'FORBIDDEN');
      assertError(await put('admin', root.id, 'auth.maxFailedLogins', 3), 403, 'FORBIDDEN');
      assertError(await put('secadmin', root.id, KEY, 45), 403, 'FORBIDDEN', undefined);
      assertError(await put('secadmin', root.id, 'auth.maxFailedLogins', 2), 400, 'SETTING_VALUE_INVALID', 'value');
      const res = await put('secadmin', root.id, 'auth.maxFailedLogins', 3);
      assert.equal(res.statusCode, 200, res.body);
      const e = (res.json() as Effective[]).find((x) => x.key === 'auth.maxFailedLogins')!;
      assert.deepEqual({ value: e.value, security: e.security, setHere: e.setHere }, { value: 3, security: true, setHere: true });
      const last = (await settingsEvents()).at(-1)!;
      assert.deepEqual([last.actorUsername, last.details.key, last.details.before, last.details.after], ['secadmin', 'auth.maxFailedLogins', null, 3]);
      // The lockout now comes after 3 failures.
      const codes = [];
      for (let i = 0; i < 3; i++) {
        const r = await call(null, 'POST', '/api/auth/login', { username: 'recorder1', password: 'Wrong@2026' });
        codes.push(r.json().error.code);
      }
      assert.deepEqual(codes, ['AUTH_INVALID_CREDENTIALS', 'AUTH_INVALID_CREDENTIALS', 'AUTH_LOCKED']);
    });

    test('writes out of scope → 404; without settings.write → 403', async () => {
      assertError(await put('community1', street1.id, KEY, 45), 404, 'NOT_FOUND');
      assertError(await put('community1', chaoyang.id, KEY, 45), 404, 'NOT_FOUND');
      assertError(await put('street2', branch1.id, KEY, 45), 404, 'NOT_FOUND');
      assertError(await put('community1', '00000000-0000-4000-8000-000000000000', KEY, 45), 404, 'NOT_FOUND');
      assertError(await put('branch1', branch1.id, KEY, 45), 403, 'FORBIDDEN');
      assertError(await put('member1', branch1.id, KEY, 45), 403, 'FORBIDDEN');
      assertError(await put('auditor', root.id, KEY, 45), 403, 'FORBIDDEN');
      assertError(await call(null, 'PUT', `/api/orgs/${root.id}/settings/${KEY}`, { value: 45 }), 401, 'AUTH_REQUIRED');
      assert.equal((await settingsOf('district', street1.id)).get(KEY)!.setHere, false, 'nothing written');
      // The 系统管理员 configures non-security settings.
      const ok = await put('admin', root.id, 'member.unmaskReasonMinLength', 4);
      assert.equal(ok.statusCode, 200, ok.body);
    });
  });
}
