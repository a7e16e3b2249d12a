import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { idCheckChar } from './member.rules.ts';

function validId(birth: string, seq: string): string {
  const body = `110101${birth.replaceAll('-', '')}${seq}`;
  return body + idCheckChar(body);
}

for (const engine of engines) {
  describe(`member API (${engine})`, () => {
    let s: TestServer;
    let branch1Id: string;
    before(async () => {
      s = await openTestServer(engine);
      const me = await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('branch1') });
      branch1Id = me.json().grants.find((g: { role: string }) => g.role === 'secretary').orgId;
    });
    after(() => s.stop());

    test('a secretary registers a member: 201 with the full resource, PII masked', async () => {
      const cookie = await s.login('branch1');
      const idNumber = validId('1990-05-17', '123');
      const res = await s.request({
        method: 'POST',
        url: '/api/members',
        cookie,
        body: { orgId: branch1Id, name: '测试党员', idNumber, gender: 'male', birthDate: '1990-05-17', joinedOn: '2015-07-01', fullMemberOn: '2016-07-01', status: 'full', category: 'resident', phone: '13812345678' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const m = res.json();
      assert.match(m.id, /^[0-9a-f-]{36}$/);
      assert.equal(m.idNumber, `110101********${idNumber.slice(-4)}`);
      assert.equal(m.phone, '138****5678');
      assert.equal(m.state, 'active');
      const dup = await s.request({
        method: 'POST',
        url: '/api/members',
        cookie,
        body: { orgId: branch1Id, name: '重复党员', idNumber, gender: 'male', birthDate: '1990-05-17', joinedOn: '2015-07-01', status: 'full', category: 'resident' },
      });
      assert.equal(dup.statusCode, 422);
      assert.equal(dup.json().error.code, 'MEMBER_ID_NUMBER_DUPLICATE');
    });

    test('bad input answers 400 naming the field, never 5xx', async () => {
      const cookie = await s.login('branch1');
      const res = await s.request({ method: 'POST', url: '/api/members', cookie, body: { orgId: branch1Id, name: '', idNumber: '110101195001010018', gender: 'x' } });
      assert.equal(res.statusCode, 400);
      const body = res.json();
      assert.equal(body.error.code, 'VALIDATION_FAILED');
      assert.ok(body.error.details.some((d: { path: string }) => d.path === 'name'));
      const badCheck = await s.request({
        method: 'POST',
        url: '/api/members',
        cookie,
        body: { orgId: branch1Id, name: '张三', idNumber: '110101195001010018', gender: 'male', birthDate: '1950-01-01', joinedOn: '1975-01-01', status: 'full', category: 'retired' },
      });
      assert.equal(badCheck.statusCode, 400);
      assert.equal(badCheck.json().error.code, 'MEMBER_ID_NUMBER_INVALID');
      assert.equal(badCheck.json().error.details[0].path, 'idNumber');
    });

    test('out-of-scope member reads answer 404 and lists never include them', async () => {
      const other = await s.request({ method: 'GET', url: '/api/members?pageSize=1', cookie: await s.login('branch2') });
      const otherId = other.json().items[0].id;
      const res = await s.request({ method: 'GET', url: `/api/members/${otherId}`, cookie: await s.login('branch1') });
      assert.equal(res.statusCode, 404);
      const list = await s.request({ method: 'GET', url: '/api/members?pageSize=100', cookie: await s.login('branch1') });
      assert.ok(list.json().items.every((m: { orgId: string }) => m.orgId === branch1Id));
    });
  });
}
