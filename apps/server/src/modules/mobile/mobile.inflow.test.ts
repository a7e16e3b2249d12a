import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { createTestMember, freshIdNumber } from '../../test-support/members.ts';

/**
 * 流入党员: the host branch registers them (ID number and phone encrypted, masked in answers), they appear in the
 * host's hosted-member view (each read audited) and nowhere else; a 活动证 issued on the platform links them
 * to their file; leaving, or their outflow ending, ends the hosting.
 */
for (const engine of engines) {
  describe(`mobile inflow (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};
    const PHONE = '13698765432';

    before(async () => {
      s = await openTestServer(engine);
      const names = { chunhui1: '春晖社区第一网格党支部', heping1: '和平社区第一网格党支部', heping: '中共明德区西城街道和平社区委员会' };
      for (const [k, name] of Object.entries(names)) org[k] = (await one<{ id: string }>(s.platform.database.db, sql`SELECT id FROM org WHERE name = ${name}`))!.id;
    });
    after(() => s.stop());

    async function call(user: string | null, method: string, url: string, body?: unknown) {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    }
    const ok = async (user: string, method: string, url: string, body?: unknown) => {
      const res = await call(user, method, url, body);
      assert.ok(res.statusCode === 200 || res.statusCode === 201, `${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const hostedReads = async () => (await one<{ n: number }>(s.platform.database.db, sql`SELECT count(*)::int AS n FROM audit_event WHERE action = 'member.hosted.read' AND target_id = ${org.heping1}`))!.n;
    const inflow = (over: Record<string, unknown> = {}) => ({
      hostOrgId: org.heping1,
      name: '流入甲',
      idNumber: freshIdNumber().idNumber,
      phone: PHONE,
      homeOrgName: '中共河南省郑州市金水区文化路街道工作委员会',
      homeOrgContact: '王组织委员',
      certificateNo: '流字〔2026〕第101号',
      arrivedOn: '2026-09-01',
      ...over,
    });

    test('register: masked in the answer, encrypted at rest, hosted for the host branch only, each read audited', async () => {
      const input = inflow();
      const res = await call('branch2', 'POST', '/api/mobile/inflows', input);
      assert.equal(res.statusCode, 201, res.body);
      const v = res.json();
      assert.deepEqual([v.hostOrgId, v.status, v.onPlatform, v.phone, v.idNumber], [org.heping1, 'hosted', false, '136****5432', `${input.idNumber.slice(0, 6)}********${input.idNumber.slice(-4)}`]);
      assert.ok(!res.body.includes(input.idNumber) && !res.body.includes(PHONE));
      const row = (await one<{ t: string; idx: string | null }>(s.platform.database.db, sql`SELECT row_to_json(i)::text AS t, id_number_idx AS idx FROM mobile_inflow i WHERE id = ${v.id}`))!;
      assert.ok(!row.t.includes(input.idNumber) && !row.t.includes(PHONE), 'no plaintext at rest');
      assert.ok(row.idx, 'a blind index for exact lookup');
      const audit = await rows<{ d: string }>(s.platform.database.db, sql`SELECT details::text AS d FROM audit_event WHERE target_id = ${v.id}`);
      assert.ok(audit.length === 1 && !audit[0]!.d.includes(input.idNumber) && !audit[0]!.d.includes(PHONE));

      const before = await hostedReads();
      const hosted = await ok('branch2', 'GET', `/api/orgs/${org.heping1}/hosted-members`);
      const mine = hosted.find((h: { name: string }) => h.name === '流入甲');
      assert.deepEqual(mine && [mine.kind, mine.homeOrgName, mine.startedOn, mine.endedOn, mine.onPlatform], ['mobile_inflow', input.homeOrgName, '2026-09-01', null, false]);
      assert.deepEqual(Object.keys(mine).sort(), ['endedOn', 'homeOrgName', 'id', 'kind', 'name', 'onPlatform', 'startedOn'], 'the limited view: no ID number, no phone');
      assert.equal(await hostedReads(), before + 1, 'the read is audited');
      assert.equal((await ok('community2', 'GET', `/api/orgs/${org.heping1}/hosted-members`)).some((h: { name: string }) => h.name === '流入甲'), true);

      assertError(await call('branch1', 'GET', `/api/orgs/${org.heping1}/hosted-members`), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'GET', `/api/mobile/inflows/${v.id}`), 404, 'NOT_FOUND');
      assert.ok(!(await ok('branch1', 'GET', '/api/mobile/inflows?pageSize=100')).items.some((x: { id: string }) => x.id === v.id));
      assertError(await call('branch2', 'POST', '/api/mobile/inflows', { ...input, arrivedOn: '2026-10-01' }), 422, 'MOBILE_INFLOW_DUPLICATE');
      const list = await ok('branch2', 'GET', `/api/mobile/inflows?orgId=${org.heping1}&q=流入甲`);
      assert.deepEqual(list.items.map((x: { id: string; idNumber: string }) => [x.id, x.idNumber]), [[v.id, v.idNumber]]);
    });

    test('bad input names the field; out of scope is 404', async () => {
      const cases: [Record<string, unknown>, number, string, string][] = [
        [{ idNumber: '110101199003078031' }, 422, 'MOBILE_ID_NUMBER_INVALID', 'idNumber'],
        [{ phone: '0101234' }, 400, 'VALIDATION_FAILED', 'phone'],
        [{ name: 'A' }, 400, 'VALIDATION_FAILED', 'name'],
        [{ homeOrgName: '' }, 400, 'VALIDATION_FAILED', 'homeOrgName'],
        [{ arrivedOn: '2030-01-01' }, 422, 'MOBILE_DATES_INVALID', 'arrivedOn'],
        [{ expectedLeaveOn: '2026-08-01' }, 422, 'MOBILE_DATES_INVALID', 'expectedLeaveOn'],
      ];
      for (const [over, status, code, path] of cases) assertError(await call('branch2', 'POST', '/api/mobile/inflows', inflow({ name: '流入乙', ...over })), status, code, path);
      // Members take part in a branch, not in a committee (the community's own admin may try).
      assertError(await call('community2', 'POST', '/api/mobile/inflows', inflow({ name: '流入乙', hostOrgId: org.heping })), 422, 'MOBILE_HOST_ORG_INVALID', 'hostOrgId');
      assertError(await call('branch2', 'POST', '/api/mobile/inflows', inflow({ name: '流入乙', hostOrgId: org.heping })), 404, 'NOT_FOUND');
      assertError(await call('branch1', 'POST', '/api/mobile/inflows', inflow({ name: '流入乙' })), 404, 'NOT_FOUND');
      assertError(await call('member1', 'POST', '/api/mobile/inflows', inflow({ name: '流入乙' })), 403, 'FORBIDDEN');
    });

    test('leaving ends the hosting: gone from the current list, kept with its end date', async () => {
      const v = await ok('branch2', 'POST', '/api/mobile/inflows', inflow({ name: '流入丙', idNumber: null, phone: null, certificateNo: null }));
      assert.deepEqual([v.idNumber, v.phone], [null, null]);
      assertError(await call('branch2', 'POST', `/api/mobile/inflows/${v.id}/leave`, { leftOn: '2026-08-01' }), 422, 'MOBILE_DATES_INVALID', 'leftOn');
      const left = await ok('branch2', 'POST', `/api/mobile/inflows/${v.id}/leave`, { leftOn: '2026-11-20' });
      assert.deepEqual([left.status, left.leftOn], ['left', '2026-11-20']);
      assert.ok(!(await ok('branch2', 'GET', `/api/orgs/${org.heping1}/hosted-members`)).some((h: { name: string }) => h.name === '流入丙'));
      const all = await ok('branch2', 'GET', `/api/orgs/${org.heping1}/hosted-members?current=false`);
      assert.equal(all.find((h: { name: string }) => h.name === '流入丙')?.endedOn, '2026-11-20');
      assertError(await call('branch2', 'POST', `/api/mobile/inflows/${v.id}/leave`, { leftOn: '2026-11-21' }), 422, 'MOBILE_NOT_ACTIONABLE');
    });

    test('a 活动证 issued on the platform links the inflow to the member; the outflow ending ends the hosting', async () => {
      const m = (await createTestMember(s, 'branch1', org.chunhui1!, '双向甲')).id;
      const out = await ok('branch1', 'POST', '/api/mobile/outflows', { memberId: m, destination: '本区西城街道和平社区', reason: '随子女居住', leftOn: '2026-10-01', fixedPlace: false });
      const cert = await ok('branch1', 'POST', `/api/mobile/outflows/${out.id}/certificate`);
      assertError(await call('branch2', 'POST', '/api/mobile/inflows', inflow({ name: '别人', idNumber: null, certificateNo: cert.certificateNo })), 422, 'MOBILE_CERTIFICATE_MISMATCH', 'certificateNo');
      const v = await ok('branch2', 'POST', '/api/mobile/inflows', inflow({ name: '双向甲', idNumber: null, certificateNo: cert.certificateNo, arrivedOn: '2026-10-02' }));
      assert.equal(v.onPlatform, true);
      assert.equal((await ok('branch2', 'GET', `/api/orgs/${org.heping1}/hosted-members`)).find((h: { name: string }) => h.name === '双向甲')?.onPlatform, true);
      const outNow = await ok('branch1', 'GET', `/api/mobile/outflows/${out.id}`);
      assert.deepEqual([outNow.inflowOrgId, outNow.inflowOrgName], [org.heping1, '和平社区第一网格党支部'], 'the outflow side learns where the member takes part');
      assertError(await call('branch2', 'POST', '/api/mobile/inflows', inflow({ name: '双向甲', idNumber: null, certificateNo: cert.certificateNo })), 422, 'MOBILE_INFLOW_DUPLICATE');

      await ok('branch1', 'POST', `/api/mobile/outflows/${out.id}/end`, { outcome: 'returned', endedOn: '2026-11-20' });
      const after = await ok('branch2', 'GET', `/api/mobile/inflows/${v.id}`);
      assert.deepEqual([after.status, after.leftOn], ['left', '2026-11-20']);
      assert.ok(!(await ok('branch2', 'GET', `/api/orgs/${org.heping1}/hosted-members`)).some((h: { name: string }) => h.name === '双向甲'));
    });
  });
}
