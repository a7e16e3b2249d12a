import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { assertError, assertSafe } from '../../test-support/assertions.ts';
import { createTestMember } from '../../test-support/members.ts';
import { rows } from '../../platform/db/db.ts';

/** 党籍变动 end to end: 出党 with its decision, 停止党籍, 恢复党籍 — each recorded, the file never gone. */
for (const engine of engines) {
  describe(`member standing (${engine})`, () => {
    let s: TestServer;
    let branch1Id: string;

    before(async () => {
      s = await openTestServer(engine);
      // Step past the seed's own events so the acts here are the newest in each history.
      s.platform.clock.advance(60_000);
      const me = await s.request({ method: 'GET', url: '/api/auth/me', cookie: await s.login('branch1') });
      branch1Id = me.json().grants.find((g: { role: string }) => g.role === 'secretary').orgId;
    });
    after(() => s.stop());

    const call = async (user: string | null, method: string, url: string, body?: unknown) => {
      const res = await s.request({ method, url, ...(user ? { cookie: await s.login(user) } : {}), ...(body !== undefined ? { body } : {}) });
      assertSafe(res);
      return res;
    };
    const ok = async (user: string, method: string, url: string, body?: unknown) => {
      const res = await call(user, method, url, body);
      assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`);
      return res.json();
    };
    const newMember = async (name: string, over: Record<string, unknown> = {}) => (await createTestMember(s, 'branch1', branch1Id, name, over)).id;
    const history = async (id: string) => (await ok('branch1', 'GET', `/api/members/${id}/history`)) as { kind: string; details: Record<string, unknown> }[];
    /** The branch's list searched by name, with extra filters. */
    const listed = (name: string, query = '') => ok('branch1', 'GET', `/api/members?orgId=${branch1Id}&pageSize=100&q=${encodeURIComponent(name)}${query}`);
    const audits = (id: string) =>
      rows<{ action: string; acting: string | null; details: Record<string, unknown> }>(
        s.platform.database.db,
        sql`SELECT action, acting_for_org_id AS acting, details FROM audit_event WHERE target_id = ${id} ORDER BY seq`,
      );

    test('停止党籍 for lost contact needs the 失联 mark (第二十四条); suspend → restore round trip with its history', async () => {
      const id = await newMember('停籍甲');
      const suspend = { decidedOn: '2026-10-15', basis: 'lost_contact', reason: '失去联系六个月以上，多方查找无音讯', decisionRef: '春晖支发〔2026〕5号', decidedBy: '春晖社区第一网格党支部' };
      const refused = await call('branch1', 'POST', `/api/members/${id}/suspend`, suspend);
      assertError(refused, 422, 'MEMBER_SUSPEND_NOT_LOST_CONTACT', 'basis');
      assert.match(refused.json().error.message, /第二十四条/);
      assert.equal(refused.json().error.details[0].article, '党员教育管理工作条例 第二十四条');
      assert.equal((await ok('branch1', 'GET', `/api/members/${id}`)).state, 'active', 'nothing written');

      const countsBefore = (await ok('branch1', 'GET', `/api/orgs/${branch1Id}`)).counts;
      await ok('branch1', 'PATCH', `/api/members/${id}`, { lostContact: true });
      const suspended = await ok('branch1', 'POST', `/api/members/${id}/suspend`, suspend);
      assert.equal(suspended.state, 'suspended');

      // Out of the default list and counts, still readable and listed under state=suspended.
      const file = await ok('branch1', 'GET', `/api/members/${id}`);
      assert.equal(file.state, 'suspended');
      assert.equal(file.hasVotingRights, false);
      const all = await ok('branch1', 'GET', `/api/members?orgId=${branch1Id}&pageSize=100`);
      assert.ok(!all.items.some((m: { id: string }) => m.id === id));
      const sus = await ok('branch1', 'GET', `/api/members?orgId=${branch1Id}&state=suspended&pageSize=100`);
      assert.ok(sus.items.some((m: { id: string }) => m.id === id));
      assert.ok(sus.items.every((m: { state: string }) => m.state === 'suspended'));
      assert.equal((await ok('branch1', 'GET', `/api/orgs/${branch1Id}`)).counts.members, countsBefore.members - 1);
      assertError(await call('branch1', 'POST', `/api/members/${id}/suspend`, suspend), 422, 'MEMBER_NOT_ACTIVE');

      // A restoration cannot precede the suspension it lifts.
      const restore = { decidedOn: '2026-11-10', reason: '本人已与党组织取得联系，经支部大会讨论恢复党籍', decisionRef: '春晖支发〔2026〕9号' };
      assertError(await call('branch1', 'POST', `/api/members/${id}/restore`, { ...restore, decidedOn: '2026-10-01' }), 422, 'MEMBER_DATES_INCONSISTENT', 'decidedOn');
      const restored = await ok('branch1', 'POST', `/api/members/${id}/restore`, restore);
      assert.equal(restored.state, 'active');
      assert.equal(restored.lostContact, false, 'contact regained clears the 失联 mark');
      assert.equal((await ok('branch1', 'GET', `/api/orgs/${branch1Id}`)).counts.members, countsBefore.members);
      assertError(await call('branch1', 'POST', `/api/members/${id}/restore`, restore), 422, 'MEMBER_RESTORE_NOT_ALLOWED');

      const h = await history(id);
      assert.deepEqual(
        h.slice(0, 3).map((e) => e.kind),
        ['restored', 'suspended', 'updated'],
      );
      assert.deepEqual(h[1]!.details, { decidedOn: '2026-10-15', decisionRef: '春晖支发〔2026〕5号', decidedBy: '春晖社区第一网格党支部', basis: 'lost_contact', reason: suspend.reason });
      assert.equal(h[0]!.details.decisionRef, '春晖支发〔2026〕9号');
      assert.equal(h[0]!.details.fromState, 'suspended');
      const a = await audits(id);
      assert.deepEqual(
        a.filter((x) => x.action !== 'member.create' && x.action !== 'member.update').map((x) => x.action),
        ['member.suspend', 'member.restore'],
      );
      assert.equal(a.find((x) => x.action === 'member.suspend')!.acting, branch1Id);
    });

    test('停止党籍 abroad needs no 失联 mark; a suspended member may then be removed (自行脱党)', async () => {
      const id = await newMember('停籍乙');
      await ok('branch1', 'POST', `/api/members/${id}/suspend`, { decidedOn: '2024-03-01', basis: 'abroad', reason: '已出国定居', decisionRef: '春晖支发〔2024〕2号' });
      assertError(await call('branch1', 'POST', `/api/members/${id}/leave`, { kind: 'removal', leftOn: '2026-11-01', reason: '停止党籍满两年仍无法取得联系' }), 422, 'MEMBER_DECISION_REF_REQUIRED', 'decisionRef');
      assertError(
        await call('branch1', 'POST', `/api/members/${id}/leave`, { kind: 'removal', leftOn: '2024-01-01', reason: '日期早于停止党籍', decisionRef: '东城街党工委〔2026〕1号' }),
        422,
        'MEMBER_DATES_INCONSISTENT',
        'leftOn',
      );
      const left = await ok('branch1', 'POST', `/api/members/${id}/leave`, { kind: 'removal', leftOn: '2026-11-01', reason: '按自行脱党予以除名', decisionRef: '东城街党工委〔2026〕1号' });
      assert.equal(left.state, 'left');
      assert.equal((await history(id))[0]!.details.fromState, 'suspended');
    });

    test('开除党籍 needs its 文号; overturned on appeal it is restored and the leaving cleared; the file never vanishes', async () => {
      const id = await newMember('开除甲');
      const expel = { kind: 'expulsion', leftOn: '2026-09-30', reason: '严重违反党的纪律' };
      assertError(await call('branch1', 'POST', `/api/members/${id}/leave`, expel), 422, 'MEMBER_DECISION_REF_REQUIRED', 'decisionRef');
      assertError(await call('branch1', 'POST', `/api/members/${id}/leave`, { ...expel, decisionRef: '' }), 400, 'VALIDATION_FAILED', 'decisionRef');
      assert.equal((await ok('branch1', 'GET', `/api/members/${id}`)).state, 'active', 'nothing written');

      await ok('branch1', 'POST', `/api/members/${id}/leave`, { ...expel, decisionRef: '明纪发〔2026〕3号', decidedBy: '明德区纪委' });
      const file = await ok('branch1', 'GET', `/api/members/${id}`);
      assert.equal(file.state, 'left');
      assert.equal(file.leftOn, '2026-09-30');
      assert.equal(file.leftReason, '开除党籍（明德区纪委 明纪发〔2026〕3号）：严重违反党的纪律');
      assert.equal((await listed(file.name)).items.filter((m: { id: string }) => m.id === id).length, 0, 'not in the default list');
      assert.equal((await listed(file.name, '&state=left')).items.filter((m: { id: string }) => m.id === id).length, 1, 'listed under state=left');
      const leftEvent = (await history(id))[0]!;
      assert.equal(leftEvent.kind, 'left');
      assert.deepEqual(
        [leftEvent.details.kind, leftEvent.details.decidedOn, leftEvent.details.decisionRef, leftEvent.details.decidedBy],
        ['expulsion', '2026-09-30', '明纪发〔2026〕3号', '明德区纪委'],
      );

      assertError(await call('branch1', 'POST', `/api/members/${id}/restore`, { decidedOn: '2026-11-20', reason: '申诉复议撤销开除党籍处分' }), 400, 'VALIDATION_FAILED', 'decisionRef');
      const restored = await ok('branch1', 'POST', `/api/members/${id}/restore`, { decidedOn: '2026-11-20', reason: '申诉复议撤销开除党籍处分', decisionRef: '明纪复〔2026〕1号' });
      assert.equal(restored.state, 'active');
      const after = await ok('branch1', 'GET', `/api/members/${id}`);
      assert.equal(after.leftOn, null);
      assert.equal(after.leftReason, null);
      const ev = (await history(id))[0]!;
      assert.deepEqual([ev.kind, ev.details.fromState, ev.details.overturnedKind, ev.details.previousLeftOn], ['restored', 'left', 'expulsion', '2026-09-30']);
      assert.deepEqual(
        (await audits(id)).map((x) => x.action).filter((a) => a.startsWith('member.l') || a.startsWith('member.r')),
        ['member.leave', 'member.restore'],
      );
    });

    test('restoration is refused after death or withdrawal, and for an active member', async () => {
      const dead = await newMember('去世甲');
      await ok('branch1', 'POST', `/api/members/${dead}/leave`, { kind: 'death', leftOn: '2026-11-02', reason: '因病去世' });
      const refused = await call('branch1', 'POST', `/api/members/${dead}/restore`, { decidedOn: '2026-11-20', reason: '误登记', decisionRef: '春晖支发〔2026〕11号' });
      assertError(refused, 422, 'MEMBER_RESTORE_NOT_ALLOWED');
      assert.match(refused.json().error.message, /去世/);
      assert.equal((await ok('branch1', 'GET', `/api/members/${dead}`)).state, 'left', 'the file stays, as left');

      const withdrew = await newMember('退党甲');
      await ok('branch1', 'POST', `/api/members/${withdrew}/leave`, { kind: 'withdrawal', leftOn: '2026-11-02', reason: '本人申请退党' });
      assertError(await call('branch1', 'POST', `/api/members/${withdrew}/restore`, { decidedOn: '2026-11-20', reason: '本人要求', decisionRef: '春晖支发〔2026〕12号' }), 422, 'MEMBER_RESTORE_NOT_ALLOWED');

      const active = await newMember('在册甲');
      assertError(await call('branch1', 'POST', `/api/members/${active}/restore`, { decidedOn: '2026-11-20', reason: '无需恢复', decisionRef: '春晖支发〔2026〕13号' }), 422, 'MEMBER_RESTORE_NOT_ALLOWED');
    });

    test('bad input names the field; out of scope answers 404; no member.write answers 403; nothing written', async () => {
      const id = await newMember('越权甲', { lostContact: true });
      const body = { decidedOn: '2026-11-01', basis: 'lost_contact', reason: '失联六个月以上', decisionRef: '春晖支发〔2026〕14号' };
      assertError(await call('branch1', 'POST', `/api/members/${id}/suspend`, { ...body, decidedOn: '2026-12-31' }), 422, 'MEMBER_DATES_INCONSISTENT', 'decidedOn');
      assertError(await call('branch1', 'POST', `/api/members/${id}/suspend`, { ...body, decidedOn: '2009-01-01' }), 422, 'MEMBER_DATES_INCONSISTENT', 'decidedOn');
      assertError(await call('branch1', 'POST', `/api/members/${id}/suspend`, { ...body, basis: 'vanished' }), 400, 'VALIDATION_FAILED', 'basis');
      assertError(await call('branch1', 'POST', `/api/members/${id}/suspend`, { ...body, decisionRef: undefined }), 400, 'VALIDATION_FAILED', 'decisionRef');
      assertError(await call('branch1', 'POST', `/api/members/${id}/suspend`, { ...body, decidedOn: '2026/11/01' }), 400, 'VALIDATION_FAILED', 'decidedOn');
      for (const [act, b] of [
        ['suspend', body],
        ['restore', { decidedOn: '2026-11-01', reason: '恢复联系', decisionRef: '春晖支发〔2026〕15号' }],
        ['leave', { kind: 'expulsion', leftOn: '2026-11-01', reason: '越权开除', decisionRef: '明纪发〔2026〕9号' }],
      ] as const) {
        assertError(await call('branch2', 'POST', `/api/members/${id}/${act}`, b), 404, 'NOT_FOUND');
        assertError(await call('member1', 'POST', `/api/members/${id}/${act}`, b), 403, 'FORBIDDEN');
        assertError(await call(null, 'POST', `/api/members/${id}/${act}`, b), 401, 'AUTH_REQUIRED');
      }
      assertError(await call('branch1', 'POST', '/api/members/00000000-0000-4000-8000-000000000000/suspend', body), 404, 'NOT_FOUND');
      assert.equal((await ok('branch1', 'GET', `/api/members/${id}`)).state, 'active', 'nothing written');
      assert.deepEqual((await history(id)).map((e) => e.kind), ['created']);
    });

    test('a district grant acts for the branch, audited as acting for the district', async () => {
      const id = await newMember('代办甲', { lostContact: true });
      const res = await ok('district', 'POST', `/api/members/${id}/suspend`, { decidedOn: '2026-11-01', basis: 'lost_contact', reason: '失联六个月以上', decisionRef: '明组发〔2026〕7号' });
      assert.equal(res.state, 'suspended');
      const a = (await audits(id)).find((x) => x.action === 'member.suspend')!;
      assert.notEqual(a.acting, null);
      assert.notEqual(a.acting, branch1Id);
    });
  });
}
