import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { one, rows } from '../../platform/db/db.ts';
import { createTestMember } from '../../test-support/members.ts';

/**
 * 流出党员 end to end: registration with its field errors, scope (404 elsewhere, 403 without member.read), the
 * contact phone masked in every answer and encrypted at rest, reports, lost contact, the end; roll-ups that
 * add up. The test clock stands at 2026-11-22.
 */
for (const engine of engines) {
  describe(`mobile outflow routes (${engine})`, () => {
    let s: TestServer;
    const org: Record<string, string> = {};
    const PHONE = '13812345678';

    before(async () => {
      s = await openTestServer(engine);
      const names = {
        east: '中共明德区东城街道党工委',
        chunhui: '中共明德区东城街道春晖社区委员会',
        chunhui1: '春晖社区第一网格党支部',
        chunhui2: '春晖社区第二网格党支部',
        heping1: '和平社区第一网格党支部',
      };
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
    const newMember = async (name: string, orgId = org.chunhui1!) => (await createTestMember(s, orgId === org.chunhui1 ? 'branch1' : 'community1', orgId, name)).id;
    const body = (memberId: string, over: Record<string, unknown> = {}) => ({
      memberId,
      destination: '广东省深圳市南山区',
      inflowOrgName: '中共深圳市南山区粤海街道工作委员会',
      reason: '外出务工',
      contactPhone: PHONE,
      leftOn: '2026-03-01',
      expectedReturnOn: '2027-03-01',
      fixedPlace: true,
      ...over,
    });

    test('register: 201 with the full view, the phone masked and encrypted at rest; one open registration each', async () => {
      const m = await newMember('流出甲');
      const res = await call('branch1', 'POST', '/api/mobile/outflows', body(m));
      assert.equal(res.statusCode, 201, res.body);
      const v = res.json();
      assert.deepEqual(
        [v.memberId, v.orgId, v.status, v.contactPhone, v.leftOn, v.fixedPlace, v.monthsAway, v.transferDueOn],
        [m, org.chunhui1, 'away', '138****5678', '2026-03-01', true, 8, '2026-09-01'],
      );
      assert.deepEqual(v.alerts, { transferDue: true, lostContact: true, reportDue: false });
      assert.deepEqual(v.reports, []);
      assert.ok(!res.body.includes(PHONE));
      for (const r of await rows<{ t: string }>(s.platform.database.db, sql`SELECT row_to_json(f)::text AS t FROM mobile_outflow f WHERE id = ${v.id}`)) assert.ok(!r.t.includes(PHONE), 'no plaintext phone in the row');
      const audit = await rows<{ d: string }>(s.platform.database.db, sql`SELECT details::text AS d FROM audit_event WHERE target_id = ${v.id}`);
      assert.equal(audit.length, 1);
      assert.ok(!audit[0]!.d.includes(PHONE), 'no plaintext phone in the audit');
      assertError(await call('branch1', 'POST', '/api/mobile/outflows', body(m, { leftOn: '2026-10-01' })), 422, 'MOBILE_OUTFLOW_EXISTS');
      const list = await ok('branch1', 'GET', `/api/mobile/outflows?orgId=${org.chunhui1}&q=流出甲`);
      assert.deepEqual(list.items.map((x: { id: string; contactPhone: string }) => [x.id, x.contactPhone]), [[v.id, '138****5678']]);
    });

    test('bad input names the field', async () => {
      const m = await newMember('流出乙');
      const cases: [Record<string, unknown>, number, string, string][] = [
        [{ destination: '' }, 400, 'VALIDATION_FAILED', 'destination'],
        [{ contactPhone: '12345' }, 400, 'VALIDATION_FAILED', 'contactPhone'],
        [{ leftOn: '2026-02-30' }, 400, 'VALIDATION_FAILED', 'leftOn'],
        [{ kind: 'x' }, 400, 'VALIDATION_FAILED', ''],
        [{ leftOn: '2030-01-01', expectedReturnOn: null }, 422, 'MOBILE_DATES_INVALID', 'leftOn'],
        [{ expectedReturnOn: '2026-02-01' }, 422, 'MOBILE_DATES_INVALID', 'expectedReturnOn'],
        [{ inflowOrgId: org.chunhui1 }, 422, 'MOBILE_INFLOW_ORG_INVALID', 'inflowOrgId'],
        [{ inflowOrgId: '00000000-0000-4000-8000-000000000000' }, 422, 'MOBILE_INFLOW_ORG_INVALID', 'inflowOrgId'],
      ];
      for (const [over, status, code, path] of cases) {
        const res = await call('branch1', 'POST', '/api/mobile/outflows', body(m, over));
        if (path) assertError(res, status, code, path);
        else assertError(res, status, code);
      }
      assert.equal((await ok('branch1', 'GET', `/api/mobile/outflows?orgId=${org.chunhui1}&q=流出乙`)).total, 0, 'nothing written');
    });

    test('scope: another branch gets 404, a member without member.read 403; ancestors see and act', async () => {
      const m = await newMember('流出丙');
      assertError(await call('branch2', 'POST', '/api/mobile/outflows', body(m)), 404, 'NOT_FOUND');
      const v = await ok('branch1', 'POST', '/api/mobile/outflows', body(m, { fixedPlace: false }));
      for (const [method, url, b] of [
        ['GET', `/api/mobile/outflows/${v.id}`, undefined],
        ['PATCH', `/api/mobile/outflows/${v.id}`, { destination: '别处' }],
        ['POST', `/api/mobile/outflows/${v.id}/reports`, { kind: 'contact', reportedOn: '2026-11-01', content: '越权' }],
        ['POST', `/api/mobile/outflows/${v.id}/end`, { outcome: 'returned', endedOn: '2026-11-01' }],
        ['POST', `/api/mobile/outflows/${v.id}/certificate`, undefined],
        ['GET', `/api/mobile/outflows/${v.id}/certificate.pdf`, undefined],
      ] as const) {
        assertError(await call('branch2', method, url, b), 404, 'NOT_FOUND');
      }
      assertError(await call('branch2', 'GET', `/api/mobile/outflows?orgId=${org.chunhui1}`), 404, 'NOT_FOUND');
      assert.ok(!(await ok('branch2', 'GET', '/api/mobile/outflows?pageSize=100')).items.some((x: { id: string }) => x.id === v.id));
      assertError(await call('member1', 'GET', '/api/mobile/outflows'), 403, 'FORBIDDEN');
      assertError(await call('member1', 'GET', `/api/mobile/outflows/${v.id}`), 404, 'NOT_FOUND');
      assertError(await call(null, 'GET', `/api/mobile/outflows/${v.id}`), 401, 'AUTH_REQUIRED');
      const edited = await ok('community1', 'PATCH', `/api/mobile/outflows/${v.id}`, { destination: '浙江省杭州市', contactPhone: '13900001234', version: v.version });
      assert.deepEqual([edited.destination, edited.contactPhone], ['浙江省杭州市', '139****1234']);
      assertError(await call('community1', 'PATCH', `/api/mobile/outflows/${v.id}`, { destination: '旧版本', version: v.version }), 409, 'CONFLICT');
    });

    test('reports keep contact; lost contact flags the member file; a contact finds them; the return ends it', async () => {
      const m = await newMember('流出丁');
      const v = await ok('branch1', 'POST', '/api/mobile/outflows', body(m, { fixedPlace: false, leftOn: '2026-01-10' }));
      assert.equal(v.alerts.lostContact, true, 'no contact since leaving, over six months');
      assertError(await call('branch1', 'POST', `/api/mobile/outflows/${v.id}/reports`, { kind: 'activity', reportedOn: '2025-12-01', content: '早于外出' }), 422, 'MOBILE_DATES_INVALID', 'reportedOn');
      assertError(await call('branch1', 'POST', `/api/mobile/outflows/${v.id}/reports`, { kind: 'visit', reportedOn: '2026-05-01', content: 'x' }), 400, 'VALIDATION_FAILED', 'kind');
      const r1 = await call('branch1', 'POST', `/api/mobile/outflows/${v.id}/reports`, { kind: 'activity', reportedOn: '2026-05-01', content: '参加流入地党组织主题党日' });
      assert.equal(r1.statusCode, 201, r1.body);
      assert.deepEqual([r1.json().lastContactOn, r1.json().lastReportOn, r1.json().reports.length], ['2026-05-01', '2026-05-01', 1]);

      assertError(await call('branch1', 'POST', `/api/mobile/outflows/${v.id}/lost-contact`, { since: '2026-04-01' }), 422, 'MOBILE_DATES_INVALID', 'since');
      const lost = await ok('branch1', 'POST', `/api/mobile/outflows/${v.id}/lost-contact`, { since: '2026-06-01', note: '电话停机' });
      assert.deepEqual([lost.status, lost.lostContactSince], ['lost_contact', '2026-06-01']);
      assert.equal((await ok('branch1', 'GET', `/api/members/${m}`)).lostContact, true, 'the member file says so');
      assertError(await call('branch1', 'POST', `/api/mobile/outflows/${v.id}/lost-contact`, { since: '2026-06-01' }), 422, 'MOBILE_NOT_ACTIONABLE');
      assert.equal((await ok('branch1', 'GET', `/api/mobile/outflows?orgId=${org.chunhui1}&status=lost_contact&q=流出丁`)).total, 1);

      const found = await ok('branch1', 'POST', `/api/mobile/outflows/${v.id}/reports`, { kind: 'contact', reportedOn: '2026-11-20', content: '经家属联系上本人' });
      assert.deepEqual([found.status, found.lostContactSince, found.lastContactOn, found.lastReportOn], ['away', null, '2026-11-20', '2026-05-01']);
      assert.equal((await ok('branch1', 'GET', `/api/members/${m}`)).lostContact, false);

      assertError(await call('branch1', 'POST', `/api/mobile/outflows/${v.id}/end`, { outcome: 'home', endedOn: '2026-11-21' }), 400, 'VALIDATION_FAILED', 'outcome');
      const ended = await ok('branch1', 'POST', `/api/mobile/outflows/${v.id}/end`, { outcome: 'returned', endedOn: '2026-11-21' });
      assert.deepEqual([ended.status, ended.endedOn, ended.alerts], ['returned', '2026-11-21', { transferDue: false, lostContact: false, reportDue: false }]);
      assertError(await call('branch1', 'POST', `/api/mobile/outflows/${v.id}/reports`, { kind: 'contact', reportedOn: '2026-11-21', content: '已结束' }), 422, 'MOBILE_NOT_ACTIONABLE');
      // A new registration may start once nothing is open.
      assert.equal((await call('branch1', 'POST', '/api/mobile/outflows', body(m, { leftOn: '2026-11-22', expectedReturnOn: null }))).statusCode, 201);
      const actions = (await rows<{ action: string }>(s.platform.database.db, sql`SELECT action FROM audit_event WHERE target_id = ${v.id} ORDER BY seq`)).map((a) => a.action);
      assert.deepEqual(actions, ['mobile.outflow.register', 'mobile.report.record', 'mobile.outflow.lost_contact', 'mobile.report.record', 'mobile.outflow.returned']);
    });

    test('roll-ups: the children add up to the totals at every level, and match the registry lists', async () => {
      await ok('community1', 'POST', '/api/mobile/outflows', body(await newMember('流出戊', org.chunhui2)));
      for (const [user, orgId] of [['street1', org.east], ['community1', org.chunhui], ['branch1', org.chunhui1]] as const) {
        const sum = await ok(user, 'GET', `/api/mobile/summary?orgId=${orgId}`);
        assert.equal(sum.orgId, orgId);
        for (const k of Object.keys(sum.totals)) {
          const added = sum.children.reduce((a: number, c: { counts: Record<string, number> }) => a + c.counts[k]!, sum.direct[k]);
          assert.equal(added, sum.totals[k], `${user} ${k}`);
        }
        for (const [status, key] of [['away', 'away'], ['lost_contact', 'lostContact'], ['returned', 'returned']] as const) {
          assert.equal((await ok(user, 'GET', `/api/mobile/outflows?orgId=${orgId}&status=${status}&pageSize=1`)).total, sum.totals[key], `${user} ${status}`);
        }
        assert.equal((await ok(user, 'GET', `/api/mobile/outflows?orgId=${orgId}&alert=transfer_due&pageSize=1`)).total, sum.totals.transferDue, `${user} transfer due`);
        assert.equal((await ok(user, 'GET', `/api/mobile/inflows?orgId=${orgId}&status=hosted&pageSize=1`)).total, sum.totals.inflowHosted, `${user} hosted`);
      }
      const street = await ok('street1', 'GET', `/api/mobile/summary?orgId=${org.east}`);
      const chunhui = street.children.find((c: { orgId: string }) => c.orgId === org.chunhui);
      const community = await ok('community1', 'GET', `/api/mobile/summary?orgId=${org.chunhui}`);
      assert.deepEqual(chunhui.counts, community.totals, 'a child row is that child’s own totals');
      assert.ok(community.totals.away >= 2 && community.totals.transferDue >= 1, JSON.stringify(community.totals));
      assertError(await call('community1', 'GET', `/api/mobile/summary?orgId=${org.east}`), 404, 'NOT_FOUND');
      assertError(await call('member1', 'GET', '/api/mobile/summary'), 403, 'FORBIDDEN');
      const mine = await ok('community1', 'GET', '/api/mobile/summary');
      assert.equal(mine.orgId, org.chunhui, 'without orgId: the caller’s own org');
    });
  });
}
