import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { idCheckChar } from './member.rules.ts';
import { assertSafe, assertError } from '../../test-support/assertions.ts';

const TODAY = '2026-11-22'; // TEST_NOW in Asia/Shanghai

interface Member {
  id: string;
  orgId: string;
  name: string;
  gender: string;
  birthDate: string;
  idNumber: string;
  phone: string | null;
  education: string | null;
  occupation: string | null;
  status: string;
  state: string;
  category: string;
}

function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

function validId(birth: string, seq: string): string {
  const body = `110101${birth.replaceAll('-', '')}${seq}`;
  return body + idCheckChar(body);
}

for (const engine of engines) {
  describe(`member API (${engine})`, () => {
    let s: TestServer;
    let branch1Id: string;
    let branch2Id: string;
    /** branch1 members who hold no demo account, so changing them disturbs nobody's login. */
    let plain: Member[];
    let member1Id: string;
    let secretaryMemberId: string;
    let b2Member: Member;
    before(async () => {
      s = await openTestServer(engine);
      // The test clock restarts at TEST_NOW, but the seed's own events are stamped up to ~20 s later:
      // step past them so changes made here are the newest in a file's history (same business day).
      s.platform.clock.advance(60_000);
      const me = await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('branch1') });
      branch1Id = me.json().grants.find((g: { role: string }) => g.role === 'secretary').orgId;
      secretaryMemberId = me.json().memberId;
      const me2 = await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('branch2') });
      branch2Id = me2.json().grants.find((g: { role: string }) => g.role === 'secretary').orgId;
      member1Id = (await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('member1') })).json().memberId;
      const recorder = (await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('recorder1') })).json().memberId;
      const list = await s.request({ method: 'GET', url: `/api/members?orgId=${branch1Id}&status=full&pageSize=100`, cookie: await s.login('branch1') });
      plain = (list.json().items as Member[]).filter((m) => ![secretaryMemberId, member1Id, recorder].includes(m.id) && m.name !== '测试党员');
      b2Member = (await s.request({ method: 'GET', url: `/api/members?orgId=${branch2Id}&pageSize=1`, cookie: await s.login('branch2') })).json().items[0];
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

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, body, ...(user ? { cookie: await s.login(user) } : {}) });
      assertSafe(res);
      return res;
    };
    const file = async (user: string, id: string, query = '') => {
      const res = await call(user, 'GET', `/api/members/${id}${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const list = async (user: string, query: string) => {
      const res = await call(user, 'GET', `/api/members?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { items: Member[]; total: number; page: number; pageSize: number };
      assert.equal(typeof body.total, 'number');
      return body;
    };
    const unmasked = (id: string) => file('district', id, `?unmask=idNumber,phone&reason=${encodeURIComponent('核对党员身份信息')}`);

    test('PATCH updates fields: 200, history names the fields, PII only as (已修改)', async () => {
      const m = plain[0]!;
      const before = await file('branch1', m.id);
      const oldPhone = (await unmasked(m.id)).phone;
      const res = await call('branch1', 'PATCH', `/api/members/${m.id}`, { occupation: '社区工作者', phone: '13900001111', version: before.version });
      assert.equal(res.statusCode, 200, res.body);
      const v = res.json();
      assert.equal(v.occupation, '社区工作者');
      assert.equal(v.phone, '139****1111', 'masked in the answer');
      assert.equal(v.name, before.name);
      const afterFile = await file('branch1', m.id);
      assert.equal(afterFile.version, before.version + 1);
      assert.equal(afterFile.occupation, '社区工作者');

      const h = await call('branch1', 'GET', `/api/members/${m.id}/history`);
      assert.equal(h.statusCode, 200, h.body);
      const latest = h.json()[0];
      assert.equal(latest.kind, 'updated');
      assert.equal(latest.actor, '第一网格党支部书记');
      assert.deepEqual(Object.keys(latest.details.changes).sort(), ['occupation', 'phone']);
      assert.deepEqual(latest.details.changes.occupation, { from: before.occupation, to: '社区工作者' });
      assert.deepEqual(latest.details.changes.phone, { from: '(已修改)', to: '(已修改)' });
      assert.ok(!h.body.includes('13900001111') && (oldPhone === null || !h.body.includes(oldPhone)), 'no phone number in the history');
      const ev = (await call('auditor', 'GET', `/api/audit/events?action=member.update&targetId=${m.id}`)).json().items;
      assert.deepEqual(ev[0].details.fields.sort(), ['occupation', 'phone']);
      assert.ok(!JSON.stringify(ev).includes('13900001111'), 'no plaintext PII in audit');
      // Unchanged values write nothing.
      const same = await call('branch1', 'PATCH', `/api/members/${m.id}`, { occupation: '社区工作者' });
      assert.equal(same.statusCode, 200);
      assert.equal((await file('branch1', m.id)).version, before.version + 1);
    });

    test('PATCH refuses orgId, status and state with a Chinese message naming them', async () => {
      const m = plain[1]!;
      const before = await file('branch1', m.id);
      for (const [field, value, label] of [
        ['orgId', branch2Id, '所在党组织'],
        ['status', 'probationary', '党员类型'],
        ['state', 'left', '党员状态'],
      ] as const) {
        const res = await call('branch1', 'PATCH', `/api/members/${m.id}`, { [field]: value });
        assertError(res, 400, 'VALIDATION_FAILED', field);
        const detail = res.json().error.details.find((d: { path: string }) => d.path === field);
        assert.ok(detail.message.includes(label), detail.message);
        assert.ok(res.json().error.message.includes(label), res.json().error.message);
      }
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { name: '' }), 400, 'VALIDATION_FAILED', 'name');
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { phone: '12345' }), 400, 'VALIDATION_FAILED', 'phone');
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { education: '99' }), 400, 'VALIDATION_FAILED', 'education');
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { birthDate: '1990-13-01' }), 400, 'VALIDATION_FAILED', 'birthDate');
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { idNumber: '110101195001010018' }), 400, 'MEMBER_ID_NUMBER_INVALID', 'idNumber');
      assertError(await call('branch1', 'PATCH', `/api/members/not-a-uuid`, { occupation: '教师' }), 400, 'VALIDATION_FAILED', 'id');
      assert.deepEqual(await file('branch1', m.id), before, 'nothing written');
    });

    test('PATCH: gender against the ID number → 422 MEMBER_GENDER_MISMATCH; stale version → 409', async () => {
      const m = plain[2]!;
      const before = await file('branch1', m.id);
      const other = before.gender === 'male' ? 'female' : 'male';
      const res = await call('branch1', 'PATCH', `/api/members/${m.id}`, { gender: other, occupation: '教师' });
      assertError(res, 422, 'MEMBER_GENDER_MISMATCH');
      assert.equal(res.json().error.details[0].path, 'gender');
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { birthDate: '1950-01-01' }), 422, 'MEMBER_BIRTH_DATE_MISMATCH', 'birthDate');
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { occupation: '教师', version: before.version - 1 }), 409, 'CONFLICT');
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { occupation: '教师', version: before.version + 5 }), 409, 'CONFLICT');
      assert.deepEqual(await file('branch1', m.id), before, 'no partial write');
      const ok = await call('branch1', 'PATCH', `/api/members/${m.id}`, { occupation: '教师', version: before.version });
      assert.equal(ok.statusCode, 200, ok.body);
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { occupation: '工程师', version: before.version }), 409, 'CONFLICT');
    });

    test('PATCH out of scope → 404; without member.write → 403', async () => {
      assertError(await call('branch1', 'PATCH', `/api/members/${b2Member.id}`, { occupation: '教师' }), 404, 'NOT_FOUND');
      assertError(await call('community1', 'PATCH', `/api/members/${b2Member.id}`, { occupation: '教师' }), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'PATCH', '/api/members/00000000-0000-4000-8000-000000000000', { occupation: '教师' }), 404, 'NOT_FOUND');
      assertError(await call('member1', 'PATCH', `/api/members/${member1Id}`, { occupation: '教师' }), 403, 'FORBIDDEN');
      assertError(await call('branch1', 'GET', `/api/members/${b2Member.id}/history`), 404, 'NOT_FOUND');
      assert.equal((await file('branch2', b2Member.id)).occupation, b2Member.occupation);
    });

    test('GET /api/members filters: category, status, ageBand, education, gender', async () => {
      const all = await list('community1', 'pageSize=100');
      assert.ok(all.total > 200);
      const check = async (query: string, ok: (m: Member) => boolean) => {
        const r = await list('community1', `${query}&pageSize=100`);
        assert.ok(r.total > 0 && r.total < all.total, `${query}: ${r.total}`);
        assert.ok(r.items.length > 0 && r.items.every(ok), query);
        return r.total;
      };
      const retired = await check('category=retired', (m) => m.category === 'retired');
      const resident = await check('category=resident', (m) => m.category === 'resident');
      assert.ok(retired + resident <= all.total);
      const prob = await check('status=probationary', (m) => m.status === 'probationary');
      const full = await check('status=full', (m) => m.status === 'full');
      assert.equal(prob + full, all.total);
      await check('ageBand=ge61', (m) => ageOn(m.birthDate, TODAY) >= 61);
      await check('ageBand=le30', (m) => ageOn(m.birthDate, TODAY) <= 30);
      await check('ageBand=41_45', (m) => ageOn(m.birthDate, TODAY) >= 41 && ageOn(m.birthDate, TODAY) <= 45);
      await check('education=20', (m) => m.education === '20');
      const female = await check('gender=female', (m) => m.gender === 'female');
      const male = await check('gender=male', (m) => m.gender === 'male');
      assert.equal(female + male, all.total);
      await check('gender=female&category=retired&ageBand=ge61', (m) => m.gender === 'female' && m.category === 'retired' && ageOn(m.birthDate, TODAY) >= 61);
      const scoped = await list('community1', `orgId=${branch1Id}&pageSize=100`);
      assert.ok(scoped.items.every((m) => m.orgId === branch1Id));
      // Pages do not overlap.
      const p1 = await list('community1', 'pageSize=10&page=1');
      const p2 = await list('community1', 'pageSize=10&page=2');
      assert.equal(p1.items.length, 10);
      assert.ok(p2.items.every((m) => !p1.items.some((x) => x.id === m.id)));
    });

    test('GET /api/members?q= finds by name, by full ID number (exactly one) and by phone', async () => {
      const target = plain[3]!;
      const byName = await list('community1', `q=${encodeURIComponent(target.name)}`);
      assert.ok(byName.items.some((m) => m.id === target.id));
      assert.ok(byName.items.every((m) => m.name.includes(target.name)));
      const surname = await list('community1', `q=${encodeURIComponent(target.name.slice(0, 1))}&pageSize=100`);
      assert.ok(surname.total >= byName.total && surname.items.every((m) => m.name.includes(target.name.slice(0, 1))));

      const full = await unmasked(target.id);
      assert.match(full.idNumber, /^\d{17}[\dX]$/);
      const byId = await list('community1', `q=${full.idNumber}`);
      assert.equal(byId.total, 1);
      assert.deepEqual(
        byId.items.map((m) => m.id),
        [target.id],
      );
      assert.equal(byId.items[0]!.idNumber, target.idNumber, 'still masked in the list');
      const spaced = await list('community1', `q=${encodeURIComponent(`${full.idNumber.slice(0, 6)} ${full.idNumber.slice(6)}`)}`);
      assert.deepEqual(
        spaced.items.map((m) => m.id),
        [target.id],
      );
      // The ID number of a member outside the caller's scope finds nothing.
      const outside = await unmasked(b2Member.id);
      assert.equal((await list('community1', `q=${outside.idNumber}`)).total, 0);

      const withPhone = plain.find((m) => m.phone !== null && m.id !== plain[0]!.id)!;
      const phone = (await unmasked(withPhone.id)).phone;
      assert.match(phone, /^1[3-9]\d{9}$/);
      const byPhone = await list('community1', `q=${phone}`);
      assert.ok(byPhone.total >= 1 && byPhone.items.some((m) => m.id === withPhone.id));
      assert.ok(byPhone.items.every((m) => m.phone === withPhone.phone));
      assert.equal((await list('community1', `q=${encodeURIComponent("' OR 1=1 --")}`)).total, 0);
    });

    test('GET /api/members: bad filters 400, out-of-scope orgId 404, no member.read 403', async () => {
      for (const size of ['0', '101', 'x', '-1']) assertError(await call('community1', 'GET', `/api/members?pageSize=${size}`), 400, 'VALIDATION_FAILED', 'pageSize');
      assertError(await call('community1', 'GET', '/api/members?page=0'), 400, 'VALIDATION_FAILED', 'page');
      for (const [k, v] of [
        ['category', 'vip'],
        ['status', 'pending'],
        ['state', 'gone'],
        ['gender', 'x'],
        ['ageBand', '18_20'],
        ['orgId', 'abc'],
        ['education', '12345'],
        ['q', 'x'.repeat(51)],
      ]) {
        assertError(await call('community1', 'GET', `/api/members?${k}=${v}`), 400, 'VALIDATION_FAILED', k);
      }
      assertError(await call('community1', 'GET', `/api/members?orgId=${branch2Id}`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', '/api/members?orgId=00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
      assertError(await call('auditor', 'GET', '/api/members'), 403, 'FORBIDDEN');
      assertError(await call(null, 'GET', '/api/members'), 401, 'AUTH_REQUIRED');
    });

    test('POST /api/members/:id/leave: state left, out of lists and counts, still readable', async () => {
      const m = plain[4]!;
      const listBefore = await list('branch1', 'pageSize=100');
      const countsBefore = (await call('branch1', 'GET', `/api/orgs/${branch1Id}`)).json().counts;
      const res = await call('branch1', 'POST', `/api/members/${m.id}/leave`, { kind: 'withdrawal', leftOn: '2026-11-01', reason: '本人申请退党' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().state, 'left');
      assert.equal(res.json().id, m.id);

      const listAfter = await list('branch1', 'pageSize=100');
      assert.equal(listAfter.total, listBefore.total - 1);
      assert.ok(!listAfter.items.some((x) => x.id === m.id));
      const countsAfter = (await call('branch1', 'GET', `/api/orgs/${branch1Id}`)).json().counts;
      assert.equal(countsAfter.members, countsBefore.members - 1);
      assert.equal(countsAfter.fullMembers, countsBefore.fullMembers - 1);

      const f = await file('branch1', m.id);
      assert.equal(f.state, 'left');
      assert.equal(f.leftOn, '2026-11-01');
      assert.equal(f.leftReason, '本人申请退党');
      assert.equal(f.hasVotingRights, false);
      const left = await list('branch1', 'state=left&pageSize=100');
      assert.ok(left.total >= 1 && left.items.every((x) => x.state === 'left'));
      assert.ok(left.items.some((x) => x.id === m.id));
      assert.equal((await call('branch1', 'GET', `/api/members/${m.id}/history`)).json()[0].kind, 'left');

      assertError(await call('branch1', 'POST', `/api/members/${m.id}/leave`, { kind: 'death', leftOn: '2026-11-02', reason: '重复登记' }), 422, 'MEMBER_NOT_ACTIVE');
      assertError(await call('branch1', 'PATCH', `/api/members/${m.id}`, { occupation: '教师' }), 422, 'MEMBER_NOT_ACTIVE');
    });

    test('POST /api/members/:id/leave refuses bad input and out-of-scope members', async () => {
      const m = plain[5]!;
      assertError(await call('branch1', 'POST', `/api/members/${m.id}/leave`, { kind: 'death', leftOn: '2026-12-31', reason: '未来日期' }), 422, 'MEMBER_DATES_INCONSISTENT', 'leftOn');
      assertError(await call('branch1', 'POST', `/api/members/${m.id}/leave`, { kind: 'death', leftOn: '1900-01-01', reason: '入党之前' }), 422, 'MEMBER_DATES_INCONSISTENT', 'leftOn');
      assertError(await call('branch1', 'POST', `/api/members/${m.id}/leave`, { kind: 'vanished', leftOn: '2026-11-01', reason: '不明' }), 400, 'VALIDATION_FAILED', 'kind');
      assertError(await call('branch1', 'POST', `/api/members/${m.id}/leave`, { kind: 'death', leftOn: '2026-11-01', reason: '' }), 400, 'VALIDATION_FAILED', 'reason');
      assertError(await call('branch1', 'POST', `/api/members/${m.id}/leave`, { kind: 'death', leftOn: '11/01/2026', reason: '日期格式' }), 400, 'VALIDATION_FAILED', 'leftOn');
      assertError(await call('branch1', 'POST', `/api/members/${b2Member.id}/leave`, { kind: 'death', leftOn: '2026-11-01', reason: '越权登记' }), 404, 'NOT_FOUND');
      assertError(await call('member1', 'POST', `/api/members/${member1Id}/leave`, { kind: 'withdrawal', leftOn: '2026-11-01', reason: '本人退党' }), 403, 'FORBIDDEN');
      assert.equal((await file('branch1', m.id)).state, 'active', 'nothing written');
    });

    test('POST /api/members/:id/discipline records it in the file; bad input and scope refused', async () => {
      const m = plain[6]!;
      const res = await call('branch1', 'POST', `/api/members/${m.id}/discipline`, { kind: 'probation', decidedOn: '2026-10-01', endsOn: '2027-10-01', reason: '违反组织纪律' });
      assert.equal(res.statusCode, 201, res.body);
      const { id } = res.json();
      const f = await file('branch1', m.id);
      assert.deepEqual(
        f.discipline.find((d: { id: string }) => d.id === id),
        { id, kind: 'probation', decidedOn: '2026-10-01', endsOn: '2027-10-01', rightsRestoredOn: null, reason: '违反组织纪律' },
      );
      assert.equal(f.hasVotingRights, false, '留党察看: no voting rights');
      assert.equal((await call('branch1', 'GET', `/api/members/${m.id}/history`)).json()[0].kind, 'discipline');

      const n = f.discipline.length;
      assertError(await call('branch1', 'POST', `/api/members/${m.id}/discipline`, { kind: 'warning', decidedOn: '2026-10-01', endsOn: '2026-09-01', reason: '期满早于处分' }), 422, 'MEMBER_DATES_INCONSISTENT', 'endsOn');
      assertError(await call('branch1', 'POST', `/api/members/${m.id}/discipline`, { kind: 'fine', decidedOn: '2026-10-01', reason: '罚款' }), 400, 'VALIDATION_FAILED', 'kind');
      assertError(await call('branch1', 'POST', `/api/members/${m.id}/discipline`, { kind: 'warning', decidedOn: '2026-10-01' }), 400, 'VALIDATION_FAILED', 'reason');
      assertError(await call('branch1', 'POST', `/api/members/${b2Member.id}/discipline`, { kind: 'warning', decidedOn: '2026-10-01', reason: '越权处分' }), 404, 'NOT_FOUND');
      assertError(await call('member1', 'POST', `/api/members/${member1Id}/discipline`, { kind: 'warning', decidedOn: '2026-10-01', reason: '自己处分' }), 403, 'FORBIDDEN');
      assert.equal((await file('branch1', m.id)).discipline.length, n, 'nothing written');
    });

    test('unmask: reason required (400), no pii permission (403), district with a reason sees full values', async () => {
      const m = plain[7]!;
      assertError(await call('district', 'GET', `/api/members/${m.id}?unmask=idNumber`), 400, 'MEMBER_UNMASK_REASON_REQUIRED', 'reason');
      assertError(await call('district', 'GET', `/api/members/${m.id}?unmask=idNumber&reason=x`), 400, 'MEMBER_UNMASK_REASON_REQUIRED', 'reason');
      assertError(await call('community1', 'GET', `/api/members/${m.id}?unmask=idNumber&reason=${encodeURIComponent('核对身份')}`), 403, 'FORBIDDEN');
      assertError(await call('branch1', 'GET', `/api/members/${m.id}?unmask=phone&reason=${encodeURIComponent('联系党员')}`), 403, 'FORBIDDEN');
      assertError(await call('district', 'GET', `/api/members/${m.id}?unmask=name&reason=${encodeURIComponent('核对身份')}`), 400, 'VALIDATION_FAILED', 'unmask.0');

      const masked = await file('district', m.id);
      assert.deepEqual(masked.unmasked, []);
      assert.match(masked.idNumber, /^\d{6}\*{8}[\dX]{4}$/);
      const full = await file('district', m.id, `?unmask=idNumber,phone&reason=${encodeURIComponent('核对党员身份信息')}`);
      assert.deepEqual(full.unmasked, ['idNumber', 'phone']);
      assert.match(full.idNumber, /^\d{17}[\dX]$/);
      assert.equal(full.idNumber.slice(0, 6), masked.idNumber.slice(0, 6));
      assert.equal(full.idNumber.slice(-4), masked.idNumber.slice(-4));
      assert.equal(full.birthDate.replaceAll('-', ''), full.idNumber.slice(6, 14));
      if (masked.phone !== null) {
        assert.match(full.phone, /^1[3-9]\d{9}$/);
        assert.equal(masked.phone, `${full.phone.slice(0, 3)}****${full.phone.slice(-4)}`);
      }
      assert.equal(full.address, masked.address, 'address stays masked unless asked');
      const ev = (await call('auditor', 'GET', `/api/audit/events?action=member.pii.unmask&targetId=${m.id}`)).json().items;
      assert.equal(ev[0].actorUsername, 'district');
      assert.deepEqual(ev[0].details, { fields: ['idNumber', 'phone'], reason: '核对党员身份信息' });
      assert.ok(!JSON.stringify(ev).includes(full.idNumber), 'no plaintext ID number in audit');
    });

    test('grids and groups in bodies: another community’s grid → 404, a group of another branch → 422, own grid → 200', async () => {
      const district = await s.login('district');
      const ownGrids = (await s.request({ method: 'GET', url: `/api/orgs/${branch1Id}/grids`, cookie: district })).json() as { id: string }[];
      const otherGrids = (await s.request({ method: 'GET', url: `/api/orgs/${branch2Id}/grids`, cookie: district })).json() as { id: string }[];
      assert.ok(ownGrids.length > 0 && otherGrids.length > 0);
      const target = plain[0]!;
      const foreign = await s.request({ method: 'PATCH', url: `/api/members/${target.id}`, cookie: district, body: { gridId: otherGrids[0]!.id } });
      assertError(foreign, 404, 'ORG_GRID_NOT_FOUND', 'gridId');
      const own = await s.request({ method: 'PATCH', url: `/api/members/${target.id}`, cookie: district, body: { gridId: ownGrids[0]!.id } });
      assert.equal(own.statusCode, 200, own.body);
      assert.equal(own.json().gridId, ownGrids[0]!.id);
      const created = await s.request({
        method: 'POST',
        url: '/api/members',
        cookie: district,
        body: { orgId: branch1Id, name: '网格测试', idNumber: validId('1988-03-03', '135'), gender: 'male', birthDate: '1988-03-03', joinedOn: '2012-07-01', status: 'full', category: 'resident', gridId: otherGrids[0]!.id },
      });
      assertError(created, 404, 'ORG_GRID_NOT_FOUND', 'gridId');
      const otherGroup = (await s.request({ method: 'GET', url: `/api/orgs/tree?rootId=${branch2Id}&depth=1`, cookie: district })).json()[0].children[0];
      if (otherGroup) {
        const g = await s.request({ method: 'PATCH', url: `/api/members/${target.id}`, cookie: district, body: { groupId: otherGroup.id } });
        assertError(g, 422, 'MEMBER_GROUP_INVALID', 'groupId');
      }
    });

    test('member1 reads its own file only; the list is refused', async () => {
      const own = await file('member1', member1Id);
      assert.equal(own.id, member1Id);
      assert.equal(own.orgId, branch1Id);
      assert.match(own.idNumber, /\*{8}/, 'masked for the member too');
      assert.equal((await call('member1', 'GET', `/api/members/${member1Id}/history`)).statusCode, 200);
      assertError(await call('member1', 'GET', `/api/members/${secretaryMemberId}`), 404, 'NOT_FOUND');
      assertError(await call('member1', 'GET', `/api/members/${plain[0]!.id}/history`), 404, 'NOT_FOUND');
      assertError(await call('member1', 'GET', `/api/members/${b2Member.id}`), 404, 'NOT_FOUND');
      assertError(await call('member1', 'GET', '/api/members'), 403, 'FORBIDDEN');
      assertError(await call('member1', 'GET', `/api/members/${member1Id}?unmask=idNumber&reason=${encodeURIComponent('查看本人')}`), 403, 'FORBIDDEN');
    });
  });
}
