import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError } from '../../test-support/assertions.ts';
import { createTestMember, freshIdNumber } from '../../test-support/members.ts';
import { rows } from '../../platform/db/db.ts';
import { COMMUNITIES, fixtures, qrEncodes } from './report-in.fixtures.ts';

/**
 * 双报到 end to end, the unit and community sides: units and their admins, registration, who sees what (another unit's
 * data is 404), the community's 回执 and the hosted member it creates (for that community only), declines, PII.
 */
for (const engine of engines) {
  describe(`report-in routes (${engine})`, () => {
    let s: TestServer;
    const f = fixtures(() => s);
    const { call, ok } = f;
    const org: Record<string, string> = {};

    before(async () => {
      s = await openTestServer(engine);
      for (const [k, name] of Object.entries(COMMUNITIES)) org[k] = await f.orgId(name);
    });
    after(() => s.stop());

    test('an org admin registers a unit and its admin account; bad input names the field', async () => {
      const res = await call('district', 'POST', '/api/report-in/units', { name: '明德区卫健委', creditCode: '12110107MB0000000', admin: { username: 'ri_bad_code', displayName: '卫健委' } });
      assertError(res, 422, 'REPORT_IN_UNIT_CREDIT_CODE_INVALID', 'creditCode');
      assertError(await call('district', 'POST', '/api/report-in/units', { name: '', admin: { username: 'x', displayName: '' } }), 400, 'VALIDATION_FAILED');
      assertError(await call('district', 'POST', '/api/report-in/units', { name: '重名单位', admin: { username: 'unit1', displayName: '重名' } }), 422, 'ACCOUNT_USERNAME_TAKEN', 'admin.username');
      assertError(await call('member1', 'POST', '/api/report-in/units', { name: '党员建单位', admin: { username: 'ri_member', displayName: '党员' } }), 403, 'FORBIDDEN');
      assertError(await call('unit1', 'POST', '/api/report-in/units', { name: '单位建单位', admin: { username: 'ri_unit', displayName: '单位' } }), 403, 'FORBIDDEN');

      const created = await ok('street1', 'POST', '/api/report-in/units', { name: '明德区人民医院', admin: { username: 'ri_hospital', displayName: '医院党委办' } });
      assert.match(created.admin.temporaryPassword, /^.{16}$/);
      assert.deepEqual([created.unit.name, created.unit.admins[0].username], ['明德区人民医院', 'ri_hospital']);
      const me = await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('ri_hospital', created.admin.temporaryPassword) });
      assert.deepEqual([me.json().kind, me.json().permissions], ['work_unit_admin', []]);
    });

    test('a unit sees only its own: another unit’s unit, registrations and PDFs are 404', async () => {
      const a = await f.newUnit('甲单位');
      const b = await f.newUnit('乙单位');
      const r = await f.register(a, org.chunhui!);
      assert.deepEqual([r.status, r.unitId, r.communityOrgId, r.onPlatform], ['registered', a.unitId, org.chunhui, false]);
      assert.match(r.certificateNo, /^BD\d{10}$/);
      for (const url of [`/api/report-in/${r.id}`, `/api/report-in/${r.id}/certificate.pdf`, `/api/report-in/units/${a.unitId}`]) assertError(await call(b.admin, 'GET', url), 404, 'NOT_FOUND');
      assertError(await call(b.admin, 'GET', `/api/report-in?unitId=${a.unitId}`), 404, 'NOT_FOUND');
      assertError(await call(b.admin, 'POST', '/api/report-in', { unitId: a.unitId, name: '冒名登记', idNumber: freshIdNumber().idNumber, communityOrgId: org.chunhui }), 404, 'NOT_FOUND');
      assertError(await call(b.admin, 'POST', `/api/report-in/${r.id}/end`, { reason: '不是我的' }), 404, 'NOT_FOUND');
      assert.equal((await ok(b.admin, 'GET', '/api/report-in')).total, 0);
      assert.deepEqual((await ok(b.admin, 'GET', '/api/report-in/units')).map((u: { id: string }) => u.id), [b.unitId]);
      assert.equal((await ok(a.admin, 'GET', `/api/report-in?unitId=${a.unitId}`)).items[0].id, r.id);
      // The community side: 春晖 and the levels above see it; 和平 and a grid branch inside 春晖 do not.
      for (const u of ['community1', 'street1', 'district']) assert.equal((await call(u, 'GET', `/api/report-in/${r.id}`)).statusCode, 200, u);
      for (const u of ['community2', 'street2', 'branch1', 'member1']) assertError(await call(u, 'GET', `/api/report-in/${r.id}`), 404, 'NOT_FOUND');
    });

    test('registration refuses a bad ID number, a non-community, a second open registration, a wrong name for a platform member', async () => {
      const u = await f.newUnit('丙单位');
      const good = freshIdNumber().idNumber;
      const base = { unitId: u.unitId, name: '测试党员', idNumber: good, communityOrgId: org.chunhui };
      assertError(await call(u.admin, 'POST', '/api/report-in', { ...base, idNumber: good.slice(0, 17) + (good.endsWith('0') ? '1' : '0') }), 422, 'REPORT_IN_ID_NUMBER_INVALID', 'idNumber');
      assertError(await call(u.admin, 'POST', '/api/report-in', { ...base, communityOrgId: org.chunhui1 }), 422, 'REPORT_IN_COMMUNITY_INVALID', 'communityOrgId');
      assertError(await call(u.admin, 'POST', '/api/report-in', { ...base, phone: '12345' }), 400, 'VALIDATION_FAILED', 'phone');
      assert.equal((await call(u.admin, 'POST', '/api/report-in', base)).statusCode, 201);
      assertError(await call(u.admin, 'POST', '/api/report-in', { ...base, communityOrgId: org.heping }), 422, 'REPORT_IN_DUPLICATE', 'idNumber');

      const m = await createTestMember(s, 'branch2', org.heping1!, '档案党员');
      assertError(await call(u.admin, 'POST', '/api/report-in', { ...base, idNumber: m.idNumber, name: '别的名字' }), 422, 'REPORT_IN_NAME_MISMATCH', 'name');
      const linked = await ok(u.admin, 'POST', '/api/report-in', { ...base, idNumber: m.idNumber, name: '档案党员', communityOrgId: org.chaoyang });
      assert.deepEqual([linked.onPlatform, linked.memberId], [true, m.id]);
    });

    test('the community confirms with a 回执: the member is hosted by that community only; the unit cannot confirm', async () => {
      const u = await f.newUnit('丁单位');
      const r = await f.register(u, org.chunhui!);
      assertError(await call(u.admin, 'POST', `/api/report-in/${r.id}/confirm`), 403, 'FORBIDDEN');
      assertError(await call('community2', 'POST', `/api/report-in/${r.id}/confirm`), 404, 'NOT_FOUND');
      const inbox = await ok('community1', 'GET', '/api/report-in/inbox');
      assert.ok(inbox.toConfirm >= 1);
      const done = await ok('community1', 'POST', `/api/report-in/${r.id}/confirm`);
      assert.equal(done.status, 'confirmed');
      assert.equal(done.receiptNo, done.certificateNo.replace('BD', 'HZ'));
      assert.ok(done.actions.includes('end') && !done.actions.includes('claim'), 'the community never claims for the member');
      assertError(await call('community1', 'POST', `/api/report-in/${r.id}/confirm`), 422, 'REPORT_IN_NOT_ACTIONABLE');

      const hosted = await ok('community1', 'GET', `/api/orgs/${org.chunhui}/hosted-members`);
      const h = hosted.find((x: { name: string }) => x.name === r.name);
      assert.ok(h, 'hosted by 春晖');
      assert.deepEqual([h.kind, h.homeOrgName, h.onPlatform], ['report_in', r.unitName, false]);
      assertError(await call('community2', 'GET', `/api/orgs/${org.chunhui}/hosted-members`), 404, 'NOT_FOUND');
      assert.equal((await ok('community2', 'GET', `/api/orgs/${org.heping}/hosted-members`)).some((x: { name: string }) => x.name === r.name), false);
      // The unit hears about it (a notice to its console); its admin's view shows the receipt.
      const notice = (await ok(u.admin, 'GET', '/api/notifications?pageSize=5')).items[0];
      assert.deepEqual([notice.title, notice.link], [`社区已确认报到：${r.name}`, '/admin/report-in']);
      const unitView = await ok(u.admin, 'GET', `/api/report-in/${r.id}`);
      assert.equal(unitView.receiptPdfUrl, `/api/report-in/${r.id}/receipt.pdf`);
      const receipt = await call(u.admin, 'GET', unitView.receiptPdfUrl);
      assert.equal(receipt.rawPayload.subarray(0, 5).toString(), '%PDF-');

      // Ending releases the hosting.
      await ok(u.admin, 'POST', `/api/report-in/${r.id}/end`, { reason: '工作调动' });
      const after = await ok('community1', 'GET', `/api/orgs/${org.chunhui}/hosted-members?current=true`);
      assert.equal(after.some((x: { name: string }) => x.name === r.name), false);
    });

    test('a decline needs a reason; the person may then be registered again', async () => {
      const u = await f.newUnit('戊单位');
      const r = await f.register(u, org.heping!);
      assertError(await call('community2', 'POST', `/api/report-in/${r.id}/decline`, {}), 400, 'VALIDATION_FAILED', 'reason');
      const d = await ok('community2', 'POST', `/api/report-in/${r.id}/decline`, { reason: '经核实不在本社区居住' });
      assert.deepEqual([d.status, d.declineReason], ['declined', '经核实不在本社区居住']);
      assertError(await call('community2', 'POST', `/api/report-in/${r.id}/confirm`), 422, 'REPORT_IN_NOT_ACTIONABLE');
      const again = await call(u.admin, 'POST', '/api/report-in', { unitId: u.unitId, name: r.name, idNumber: r.plainIdNumber, communityOrgId: org.chaoyang });
      assert.equal(again.statusCode, 201, again.body);
    });

    test('ID number and phone: encrypted at rest (audit included), masked in every answer', async () => {
      const u = await f.newUnit('己单位');
      const r = await f.register(u, org.chunhui!, { phone: '13987651234' });
      assert.equal(r.idNumber, `${r.plainIdNumber.slice(0, 6)}********${r.plainIdNumber.slice(-4)}`);
      assert.equal(r.phone, '139****1234');
      const list = await call('community1', 'GET', `/api/report-in?q=${encodeURIComponent(r.name)}`);
      assert.ok(!list.body.includes(r.plainIdNumber) && !list.body.includes('13987651234'));
      const db = s.platform.database.db;
      const stored = await rows<Record<string, unknown>>(db, sql`SELECT * FROM report_in WHERE id = ${r.id}`);
      const text = JSON.stringify(stored);
      assert.ok(!text.includes(r.plainIdNumber) && !text.includes('13987651234'), 'no plaintext in report_in');
      const audit = await rows<{ details: unknown }>(db, sql`SELECT details FROM audit_event WHERE target_id = ${r.id}`);
      assert.ok(audit.length > 0 && !JSON.stringify(audit).includes(r.plainIdNumber));
    });

    test('the 报到证 PDF carries a QR to the signed check; forged or declined certificates are not valid', async () => {
      const u = await f.newUnit('庚单位');
      const r = await f.register(u, org.chunhui!);
      const pdf = await call(u.admin, 'GET', r.certificatePdfUrl);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
      const token = (r.verifyPath as string).split('/').at(-1)!;
      const qr = qrEncodes(pdf.rawPayload, `http://localhost:80${r.verifyPath}`);
      assert.notEqual(qr, false, 'the QR in the PDF encodes the verify link');
      assert.equal(qrEncodes(pdf.rawPayload, 'http://localhost:80/m/report-in/verify/other'), qr === null ? null : false);
      const check = await ok(u.admin, 'GET', `/api/report-in/certificates/verify?token=${token}`);
      assert.deepEqual([check.valid, check.state, check.certificateNo], [true, 'pending', r.certificateNo]);
      assert.match(check.name, /\*/, 'the name is masked on the public check');
      const anonymous = await call(null, 'GET', `/api/report-in/certificates/verify?token=${token}`);
      assert.equal(anonymous.json().valid, true, 'no login needed');
      assert.equal((await call(null, 'GET', `/api/report-in/certificates/verify?token=${token.slice(0, -4)}0000`)).json().state, 'invalid');
      assert.equal((await call(null, 'GET', '/api/report-in/certificates/verify?token=junk')).json().state, 'invalid');
      await ok('community1', 'POST', `/api/report-in/${r.id}/decline`, { reason: '不在本社区居住' });
      assert.equal((await call(null, 'GET', `/api/report-in/certificates/verify?token=${token}`)).json().state, 'void');
      // A batch of the unit's certificates is one PDF, one page each.
      await f.register(u, org.heping!);
      const batch = await call(u.admin, 'GET', `/api/report-in/certificates.pdf?unitId=${u.unitId}`);
      assert.equal(batch.statusCode, 200, batch.body);
      assert.equal((batch.rawPayload.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length, 1, 'only the one still waiting');
    });
  });
}
